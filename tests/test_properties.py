"""Property tests: arbitrary text and table fragments never make the parser or a rule raise."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint import catalog
from awesome_lint.config import Config
from awesome_lint.engine import Selection, Target, lint
from awesome_lint.parser import parse

PIECES = [
    "|", "| ", " |", "\\|", "|2022|", "|---|---|", "| Title | Links |", "\n", "\r\n", "\r",
    "**", "*", "_", "`", "``", "[", "]", "(", ")", "![", "](", "<br>", "<img src=\"", "\">",
    "<a href='x'>", "</a>", "<!--", "-->", "<!-- awesome-lint-disable-line AL003 -->",
    "<!-- awesome-lint-disable -->", "<!-- awesome-lint-enable AL9 -->", "<details>",
    "<summary>S</summary>", "</details>", "# ", "## ", "- ", "  - ", "1. ", "> ", "```", "    ",
    "https://arxiv.org/abs/", "2404.089588", "2308.12213v2", "hep-th/9901001", "abs/",
    "https://github.com/a/b", "https://img.shields.io/github/stars/a/", "b.svg",
    "./images/x.png", "#anchor", "(#toc)", "[[Paper](", "[[Github](", "))]", "%5Cn", "\u200b",
    "中文", "😄", "\t", "&amp;", "&#x0;", "\x00", "\ufeff", "Ⓐ", "\\", " ", "x", "2021",
]  # fmt: skip

fragments = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join)


def _lint(tmp_path: Path, text: str) -> None:
    document = parse(text, tmp_path / "README.md", "README.md")
    # every rule, including the off-by-default ones
    lint([Target(document, Config(root=tmp_path))], Selection(select=("ALL",)))
    for entry in document.entries:
        assert entry.line >= 1
    for link in document.links:
        span = link.span
        assert 1 <= span.line <= span.end_line
        assert span.column >= 1


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,  # the same examples on every CI run; explore with a seed locally
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=400))
def test_arbitrary_text(tmp_path: Path, text: str) -> None:
    _lint(tmp_path, text)


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,  # the same examples on every CI run; explore with a seed locally
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=fragments)
def test_markdown_like_fragments(tmp_path: Path, text: str) -> None:
    _lint(tmp_path, text)


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same examples on every CI run; explore with a seed locally
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(st.lists(fragments, min_size=0, max_size=6), min_size=1, max_size=8),
    header=st.lists(
        st.sampled_from(
            [
                "Title",
                "Abstract",
                "Intro",
                "Useful Links",
                "Date",
                "Year",
                "Paper",
                "Code",
                "Name",
                "",
            ]
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_tables(tmp_path: Path, rows: list[list[str]], header: list[str]) -> None:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    _lint(tmp_path, "\n".join(lines) + "\n")


def test_catalog_loads_for_the_property_tests() -> None:
    assert "AL001" in catalog.load()
