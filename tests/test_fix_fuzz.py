"""--fix over generated lists (issue 9): tabs, wide characters, emoji, combining marks and
CRLF line endings. After a fix the list parses to the same entries, every link target is
either untouched or exactly the fixed form, nothing but the edited spans changed, and a
second run finds nothing left to fix."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.parser import parse

# Titles written the hard ways: wide (CJK), emoji, combining marks, tabs inside.
TITLE_PIECES = ["Vision", "Transformer", "模型", "视觉", "😄", "e\u0301", "Ⓐ", "\t", "CLIP", "Ω"]
titles = st.lists(st.sampled_from(TITLE_PIECES), min_size=2, max_size=6).map(" ".join)


@st.composite
def entries(draw: st.DrawFn) -> tuple[str, int, bool, bool]:
    """(title, arXiv number, a /pdf/ link that AL306 rewrites, a mis-cased figure path)."""
    return (
        draw(titles),
        draw(st.integers(min_value=1, max_value=99999)),
        draw(st.booleans()),
        draw(st.booleans()),
    )


def _item(index: int, entry: tuple[str, int, bool, bool], style: str) -> str:
    title, number, pdf, mis_cased = entry
    ident = f"2301.{number:05d}"
    link = f"https://arxiv.org/{'pdf' if pdf else 'abs'}/{ident}"
    figure = f"images/{'FIG' if mis_cased else 'fig'}{index}.png"
    if style == "bullet":
        # the figure sits on a tab-indented continuation line
        return f"- **{title}** [[Paper]({link})]\n\t![f]({figure}) {index}"
    return f'| **{title}** | [[Paper]({link})] | <img src="{figure}" width="9"> |'


def _write_list(
    folder: Path, items: list[tuple[str, int, bool, bool]], style: str, crlf: bool
) -> Path:
    (folder / "images").mkdir(parents=True)
    for index in range(len(items)):
        (folder / "images" / f"fig{index}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    body = [_item(i, entry, style) for i, entry in enumerate(items)]
    header = ["| Title | Links | Figure |", "|---|---|---|"] if style == "table" else []
    text = "\n".join(["# Papers 📄", "", *header, *body, ""])
    if crlf:
        text = text.replace("\n", "\r\n")
    path = folder / "README.md"
    path.write_bytes(text.encode("utf-8"))
    (folder / ".awesome-lint.yml").write_text("rules:\n  AL306: {form: abs}\n", encoding="utf-8")
    return path


_FIXABLE = ("AL203", "AL306")


def _fixable(path: Path) -> list[tuple[str, int]]:
    result = run_cli("--format", "json", "--offline", "--select", ",".join(_FIXABLE), path)
    assert result.returncode in (0, 1), result.stderr
    return [(f["code"], f["line"]) for f in json.loads(result.stdout) if f["fixable"]]


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples on every CI run; explore with a seed locally
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    items=st.lists(entries(), min_size=1, max_size=6),
    style=st.sampled_from(["bullet", "table"]),
    crlf=st.booleans(),
)
def test_fix_keeps_everything_but_the_fixed_spans(
    tmp_path_factory: object, items: list[tuple[str, int, bool, bool]], style: str, crlf: bool
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    path = _write_list(folder, items, style, crlf)
    before_bytes = path.read_bytes()
    before = parse(before_bytes.decode("utf-8"), path)
    expected_fixes = sum(1 for _, _, pdf, _ in items if pdf) + sum(1 for *_, m in items if m)
    assert len(_fixable(path)) == expected_fixes

    result = run_cli("--offline", "--select", ",".join(_FIXABLE), "--fix", path)
    assert result.returncode in (0, 1), result.stderr
    after_bytes = path.read_bytes()
    after = parse(after_bytes.decode("utf-8"), path)

    # the same entries: titles, lines and sections; only the fixed targets differ
    assert [(e.title, e.line, e.section) for e in after.entries] == [
        (e.title, e.line, e.section) for e in before.entries
    ]
    for old, new in zip(before.links, after.links, strict=True):
        assert new.span.line == old.span.line
        if new.target == old.target:
            continue
        if old.is_image:
            assert new.target.lower() == old.target.lower() and new.target != old.target
        else:
            assert new.target == old.target.replace("/pdf/", "/abs/"), (old.target, new.target)
    # outside the edits the bytes are the same: line endings, tabs, every other character
    pattern = rb"/pdf/|/abs/|images/(?:fig|FIG)\d+"
    assert re.split(pattern, after_bytes) == re.split(pattern, before_bytes)
    assert after_bytes.count(b"\r\n") == before_bytes.count(b"\r\n")
    # nothing left to fix, and a second --fix changes nothing
    assert _fixable(path) == []
    run_cli("--offline", "--select", ",".join(_FIXABLE), "--fix", path)
    assert path.read_bytes() == after_bytes
