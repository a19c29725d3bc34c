"""Dates, the longest ordered run, title slips, and the rules built on them (AL101 for
bulleted lists, AL103 with inline-HTML anchors) on documents a parser would produce."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint import dates, ordering, titles
from awesome_lint.config import Config
from awesome_lint.engine import Selection, Target, lint
from awesome_lint.model import Document, Entry, Span
from awesome_lint.parser import parse


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024-03", (2024, 3)),
        ("2024.03", (2024, 3)),
        ("(2024.05)", (2024, 5)),
        ("[2025.10]", (2025, 10)),
        ("2024/03/12", (2024, 3, 12)),
        ("03/2024", (2024, 3)),
        ("25/03/2024", (2024, 3, 25)),
        ("Mar 2024", (2024, 3)),
        ("25 Aug 2022", (2022, 8, 25)),
        ("Aug 25, 2022", (2022, 8, 25)),
        ("Sept. 2021", (2021, 9)),
        ("CVPR 2023", (2023,)),
        ("arXiv 2305.12345", None),  # an arXiv ID is no date
        ("2024-13", None),
        ("TBD", None),
    ],
)
def test_dates_as_lists_write_them(text: str, value: tuple[int, ...] | None) -> None:
    assert dates.parse_date(text) == value


def test_a_date_alone_in_a_cell() -> None:
    assert dates.is_date("**2024-03**") and dates.is_date(" 25 Aug 2022 ")
    assert not dates.is_date("CVPR 2023") and not dates.is_date("[Github](x)")


def test_the_fewest_rows_that_must_move() -> None:
    # descending with the first row belonging further down (Tebmer's table, line 226)
    values = [(2024, 2), (2024, 4), (2024, 3), (2024, 2), (2024, 1), (2023, 12)]
    assert ordering.misplaced(values, ascending=False) == [0]
    # two rows that swapped places: the later one is blamed
    assert ordering.misplaced([1, 2, 4, 3, 5]) == [3]
    assert ordering.misplaced([]) == [] and ordering.misplaced([7]) == []


@given(st.lists(st.integers(0, 6), max_size=9), st.booleans())
def test_the_misplaced_rows_are_a_smallest_set(values: list[int], ascending: bool) -> None:
    moved = ordering.misplaced(values, ascending)
    rest = [v for i, v in enumerate(values) if i not in set(moved)]
    assert rest == sorted(rest, reverse=not ascending)
    # no smaller set of rows leaves the sequence ordered
    for size in range(len(moved)):
        for kept in itertools.combinations(range(len(values)), len(values) - size):
            subsequence = [values[i] for i in kept]
            assert subsequence != sorted(subsequence, reverse=not ascending)


@pytest.mark.parametrize(
    ("first", "second", "slip"),
    [
        (
            "Consitutional AI: Harmlessness from AI Feedback",
            "Constitutional AI: Harmlessness from AI Feedback",
            ("Consitutional", "Constitutional"),
        ),
        (
            "Aligning Large Language Models through Synthetic Feedback",
            "Aligning Large Language Models through Synthetic Feedbacks",
            ("Feedback", "Feedbacks"),
        ),
        ("Unified Pre-training for Vision Tasks", "Unified Pretraining for Vision Tasks", None),
        ("A Survey on Large Language Models", "Survey on Large Language Models", ("A", "")),
        ("CrossFormer", "SparseFormer", None),  # names: two papers
        ("SAM 2: Segment Anything in Images", "SAM: Segment Anything in Images", None),
        ("3D Gaussian Splatting for Real-Time Rendering", "4D Gaussian Splatting for Real-Time Rendering", None),
        ("Text Detection in the Wild Now", "Test Detection in the Wild Now", None),
        ("Large Language Models are Zero-Shot Reasoners", "Large Language Models are Few-Shot Reasoners", None),
        ("Same Title Four Words", "Same Title Four Words", None),  # equal is no slip
    ],
)  # fmt: skip
def test_title_slips(first: str, second: str, slip: tuple[str, str] | None) -> None:
    found = titles.typo_difference(first, second)
    if first.startswith("Unified"):
        assert found == ("Pre training", "Pretraining")  # words split: a slip too
        return
    assert found == slip


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


_SHORT_WORDS = st.text(alphabet="abcs", max_size=9)


@settings(max_examples=400, derandomize=True)  # the same examples on every run
@given(_SHORT_WORDS, _SHORT_WORDS)
def test_word_slips_agree_with_the_edit_distance(first: str, second: str) -> None:
    # AL001 tells words one slip apart without a distance table (issue 21: the table
    # was most of its time on titles one word apart): the same answer as the distance
    for limit in (0, 1, 2):
        expected = _levenshtein(first, second) <= limit
        assert titles._within_edits(first, second, limit) == expected, limit


_TITLE_WORDS = st.lists(
    st.sampled_from(["pre", "training", "pretraining", "a", "of", "net", "nets"]), max_size=7
)


@settings(max_examples=400, derandomize=True)
@given(_TITLE_WORDS, _TITLE_WORDS)
def test_the_quick_test_for_one_slip_never_turns_a_slip_down(
    first: list[str], second: list[str]
) -> None:
    # only a necessary test: titles one slip apart always pass it
    a, b = " ".join(["Learning", *first, "models"]), " ".join(["Learning", *second, "models"])
    if titles.typo_difference(a, b) is not None:
        assert titles._one_spot_possible(titles._words(a, True), titles._words(b, True))


def _run(document: Document, code: str) -> list:
    config = Config(root=document.path.parent)
    found = lint([Target(document, config)], Selection(extend_select=(code,)), None)
    return [d for d in found if d.code == code]


def _bullet(line: int, section: str, date: tuple[int, ...], title: str) -> Entry:
    span = Span(line, 1, line, 40)
    return Entry(
        line=line,
        span=span,
        section=(section,),
        section_key=section.lower(),
        title=title,
        title_span=span,
        date=date,
        date_span=Span(line, 30, line, 39),
    )


def test_dated_bullets_are_ordered_per_section(tmp_path: Path) -> None:
    """What the parser gives for `* Title [[paper](…)] (2024.05)` items: entry.date."""
    lines = [f"- Paper {n}" for n in range(12)]
    document = Document(tmp_path / "README.md", "README.md", "\n".join(lines), lines)
    newest_first = [(2025, 10), (2025, 6), (2025, 1), (2024, 5), (2024, 2), (2023, 11)]
    for index, date in enumerate(newest_first):
        document.entries.append(_bullet(index + 1, "Video", date, f"Video paper {index}"))
    # a second section, descending too, with its second item out of place
    for index, date in enumerate([(2024, 9), (2023, 1), (2024, 6), (2024, 3), (2023, 8)]):
        document.entries.append(_bullet(index + 7, "Image", date, f"Image paper {index}"))
    found = _run(document, "AL101")
    assert [(d.span.line, d.span.column, d.severity.label) for d in found] == [(8, 30, "warning")]
    assert "date 2023-01 is out of order in a section sorted descending" in found[0].message
    assert found[0].message.endswith("it belongs after line 11 (2023-08)")


def test_dated_bullets_not_sorted_stay_quiet(tmp_path: Path) -> None:
    lines = [f"- Paper {n}" for n in range(6)]
    document = Document(tmp_path / "README.md", "README.md", "\n".join(lines), lines)
    for index, date in enumerate([(2023, 5), (2021, 2), (2024, 1), (2022, 7), (2023, 11)]):
        document.entries.append(_bullet(index + 1, "Misc", date, f"Paper {index}"))
    assert _run(document, "AL101") == []


def test_inline_html_anchors_are_contents_targets(tmp_path: Path) -> None:
    """`### <h3 id="mllm">…` (atfortes' list): the id scrolls to the heading, so the
    contents link to it is no broken anchor and lists that section."""
    source = "\n".join(
        [
            "- [Survey](#survey)",
            "- [LLM reasoning](#llm)",
            "- [Multimodal](#mllm)",
            "- [Small models](#lm)",
            "",
            "## Survey",
            "Papers.",
            "## LLM",
            "Papers.",
            '## <h3 id="mllm">Multimodal Reasoning<h3/>',
            "Papers.",
            '<a name="lm"></a>',
            "",
            "## Scaling Smaller Language Models",
            "Papers.",
        ]
    )
    path = tmp_path / "README.md"
    document = parse(source, path, "README.md")
    document.anchors.update({"mllm", "lm"})  # what the parser gathers from inline HTML
    assert _run(document, "AL103") == []
    document.anchors.clear()  # without them both links are broken
    broken = _run(document, "AL103")
    assert {3, 4} <= {d.span.line for d in broken}


def test_a_title_and_its_plus_plus_extension_is_a_notice(tmp_path: Path) -> None:
    """ISS and ISS++ (hee9joon's list) are two papers; DeepSolo++ under DeepSolo's title
    (cmhungsteve's) is a copied title. Only the IDs could tell: a notice, not an error."""
    source = "\n".join(
        [
            "## 3D",
            "",
            "| Title | Links |",
            "|---|---|",
            "| **ISS++: Image as Stepping Stone for Text-Guided 3D Shape Generation** "
            "| [[Paper](https://arxiv.org/abs/2303.15181)] |",
            "| **ISS: Image as Stepping Stone for Text-Guided 3D Shape Generation** "
            "| [[Paper](https://arxiv.org/abs/2209.04145)] |",
        ]
    )
    document = parse(source, tmp_path / "README.md", "README.md")
    found = _run(document, "AL001")
    assert [(d.span.line, d.severity.label) for d in found] == [(6, "notice")]
    assert "but for a '+'" in found[0].message
