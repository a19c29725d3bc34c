"""What the rules made linear for issue 21 report when many rows are alike: the same
findings as pair by pair where a group is small, one finding for a crowd."""

from __future__ import annotations

from pathlib import Path

from awesome_lint.config import Config
from awesome_lint.engine import Selection, Target, lint
from awesome_lint.parser import parse
from awesome_lint.rules import arxiv_id_conflict, duplicate_entry, toc_mismatch


def _findings(tmp_path: Path, text: str, code: str) -> list:
    document = parse(text, tmp_path / "README.md", "README.md")
    found = lint([Target(document, Config(root=tmp_path))], Selection(select=(code,)))
    return [d for d in found if d.code == code]


def _rows(count: int, ident: str = "2101.00001") -> str:
    rows = [
        f"- [Q{k:x}z study of learning things V{k}](https://arxiv.org/abs/{ident})"
        for k in range(count)
    ]
    return "# Papers\n\n" + "\n".join(rows) + "\n"


def test_rows_sharing_an_id_past_the_pairwise_limit_are_one_finding(tmp_path: Path) -> None:
    limit = arxiv_id_conflict.PAIRWISE_LIMIT
    count = limit + 25
    found = _findings(tmp_path, _rows(count), "AL002")
    pairs = [d for d in found if "more rows" not in d.message]
    crowd = [d for d in found if "more rows" in d.message]
    # pair by pair among the first rows: each later one against the first (line 3)
    assert [d.span.line for d in pairs] == list(range(4, 3 + limit))
    assert all("(line 3)" in d.message for d in pairs)
    assert len(crowd) == 1
    assert crowd[0].span.line == 3 + limit
    assert f"{count - limit} more rows" in crowd[0].message
    assert "and 15 more" in crowd[0].message  # ten lines named, the rest counted


def test_a_crowd_of_one_title_is_no_conflict(tmp_path: Path) -> None:
    text = _rows(arxiv_id_conflict.PAIRWISE_LIMIT) + "\n".join(
        "- [Q0z study of learning things V0](https://arxiv.org/abs/2101.00001)" for _ in range(20)
    )
    assert not [d for d in _findings(tmp_path, text, "AL002") if "more rows" in d.message]


def test_near_titles_are_found_among_many_titles_one_word_apart(tmp_path: Path) -> None:
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    rows = [
        f"- [Learning {word} features for vision](https://arxiv.org/abs/2101.{k + 1:05d})"
        # every title twice (three times would read as a section of repeated non-titles,
        # which the parser's self-check stops comparing): more alike titles than a bucket keeps
        for k, word in enumerate(words * 2)
    ]
    slip = "- [Learning hotels features for vision](https://arxiv.org/abs/2102.00001)"
    text = "# Papers\n\n" + "\n".join([*rows, slip]) + "\n"
    found = _findings(tmp_path, text, "AL001")
    near = [d for d in found if "nearly the same title" in d.message]
    assert [d.span.line for d in near] == [3 + len(rows)]
    assert "as line 10" in near[0].message  # the first 'hotel' row
    assert duplicate_entry.NEAR_BUCKET_LIMIT >= 8


def test_a_broken_anchor_is_matched_among_thousands_of_headings(tmp_path: Path) -> None:
    headings = "\n\n".join(f"## Topic {k:04d} papers\n\ntext" for k in range(2_000))
    text = (
        "# Papers\n\n- [Topic 1234](#topic-1234-paprs)\n- [Topic 7](#tpic-0007-papers)\n\n"
        + headings
        + "\n"
    )
    found = _findings(tmp_path, text, "AL103")
    messages = [d.message for d in found if "no heading produces" in d.message]
    assert any("did you mean '#topic-1234-papers'" in m for m in messages)
    assert any("did you mean '#topic-0007-papers'" in m for m in messages)
    index = toc_mismatch._Suggestions(["method-b", "method-a", "datasets"])
    assert index.closest("methd-a") == ["method-a"]


def test_near_titles_are_found_whichever_word_slips(tmp_path: Path) -> None:
    # AL001 keys a title by the words outside each third of it: a slip in the first, the
    # middle and the last third, a small word gained or lost and words joined are all found
    base = "Learning deep features for scene understanding in videos"
    slips = [
        "Learnng deep features for scene understanding in videos",
        "Learning deep features for scenes understanding in videos",
        "Learning deep features for scene understanding in video",
        "Learning deep features for the scene understanding in videos",
        "Learning deep features scene understanding in videos",
        "Learning deepfeatures for scene understanding in videos",
    ]
    for slip in slips:
        text = (
            f"# Papers\n\n- [{base}](https://arxiv.org/abs/2101.00001)\n"
            "- [Other work on graphs and trees](https://arxiv.org/abs/2101.00002)\n"
            f"- [{slip}](https://arxiv.org/abs/2101.00003)\n"
        )
        near = [d for d in _findings(tmp_path, text, "AL001") if "nearly the same" in d.message]
        assert [d.span.line for d in near] == [5], slip
    # two words changed, or a changed number, are two papers
    for other in (
        "Learning deep features for scene parsing in images",
        "Learning deep features for scene understanding in 3 videos",
    ):
        text = (
            f"# Papers\n\n- [{base}](https://arxiv.org/abs/2101.00001)\n"
            f"- [{other}](https://arxiv.org/abs/2101.00003)\n"
        )
        assert not _findings(tmp_path, text, "AL001"), other


def test_a_stray_bracket_is_found_among_deeply_nested_ones(tmp_path: Path) -> None:
    # AL302 passes over a line whose brackets pair up after a few rounds of "[]" removal;
    # deeper nesting goes to the full scan, which still finds the stray one
    nested = "[" * 50 + "x" + "]" * 50
    text = f"# Papers\n\n- {nested} [Paper](https://arxiv.org/abs/2101.00001)] text\n"
    found = _findings(tmp_path, text, "AL302")
    assert [d.message for d in found] == ["stray ']' after the link 'Paper': it shows as text"]
