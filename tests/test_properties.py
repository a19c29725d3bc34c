"""Property tests: arbitrary text and table fragments never make the parser or a rule raise."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
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


ITEM_PIECES = [
    "**", "`tag` ", "[", "]", "(", ")", "[[", "]]", '"', "“", "”", ": ", ", ", ". ", " - ",
    "[Title words](https://arxiv.org/abs/2301.00001)", "[[paper](https://arxiv.org/pdf/2302.0",
    "[[code](https://github.com/a/b)]", "[[CVPR](https://openreview.net/forum?id=x)]",
    "(2024.05)", "[2025.10]", "25 Aug 2022", "2023-13", "<br />", "\\\n", "\n  ", "\n",
    "\n\n", ":boom:", "🌟", "1) ", "et al.", "<b>", "</b>", "<a href='https://arxiv.org/abs/",
    "'>[paper]</a>", "x", " ",
]  # fmt: skip
item_text = st.lists(st.sampled_from(ITEM_PIECES) | st.text(max_size=6), max_size=30).map("".join)
HTML_PIECES = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "</th>", "<thead>",
    "<p>", "</p>", "<b>", "</b>", "<strong>", "<font size=3>", "</font>", "<br>", "<li>",
    "<a href=\"https://arxiv.org/abs/2301.00001\">", "<a href='https://github.com/a/b'>",
    "</a>", "<img src=\"a.png\" src='b.png'>", "<img src=", "<span id=\"x\">", "<a name=y>",
    "<details>", "<summary>", "</summary>", "</details>", "<!--", "-->", "<", ">", '"', "'",
    "\n", "\n\n", "[Paper](https://arxiv.org/abs/2301.00002)", "Title text", " ", "&amp;",
]  # fmt: skip
html_text = st.lists(st.sampled_from(HTML_PIECES) | st.text(max_size=6), max_size=50).map("".join)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,  # the same examples on every CI run; explore with a seed locally
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    items=st.lists(
        st.tuples(st.sampled_from(["- ", "* ", "1. ", "  - ", "    ", ""]), item_text),
        min_size=1,
        max_size=10,
    ),
    heading=st.sampled_from(
        ["", "## 2024\n\n", "# Papers\n\n", "<details><summary>X</summary>\n\n"]
    ),
)
def test_bulleted_and_block_items(
    tmp_path: Path, items: list[tuple[str, str]], heading: str
) -> None:
    text = heading + "\n".join(marker + body for marker, body in items) + "\n"
    _lint(tmp_path, text)
    document = parse(text, tmp_path / "README.md", "README.md")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for entry in document.entries:
        assert entry.title
        assert entry.span.line <= entry.line <= max(entry.span.end_line, entry.line)
        assert entry.span.end_line <= len(lines)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,  # the same examples on every CI run; explore with a seed locally
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=html_text)
def test_html_fragments(tmp_path: Path, text: str) -> None:
    _lint(tmp_path, text)
    document = parse(text, tmp_path / "README.md", "README.md")
    for link in document.links:
        if link.target_span is not None and link.target_span.line == link.target_span.end_line:
            line = document.lines[link.target_span.line - 1]
            start, end = link.target_span.column - 1, link.target_span.end_column - 1
            # a target's span points at the target as written
            if link.kind in ("html-a", "html-img", "link", "image"):
                assert line[start:end] == link.target


# What a cell of an HTML table holds when markdown and HTML blocks alternate in it: blank
# lines, text, an unclosed tag, <details> (issue 21: `<table><td>\n\nx\n<details\n` crashed).
CELL_PIECES = [
    "\n\n", "\n", "x", "**Title words**", "<details", "<details>", "</details>", "<summary>",
    "</summary>", "<b>", "</b>", "<br>", "[Paper](https://arxiv.org/abs/2301.00002)",
    "<a href=\"https://arxiv.org/abs/2301.00001\">", "</a>", "<", " ", "- ", "| a |",
]  # fmt: skip
cell_text = st.lists(st.sampled_from(CELL_PIECES) | st.text(max_size=4), max_size=16).map("".join)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,  # the same examples on every CI run; explore with a seed locally
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(
        st.lists(st.tuples(cell_text, st.booleans()), min_size=1, max_size=3),
        min_size=1,
        max_size=4,
    ),
    close=st.booleans(),
)
@example(rows=[[("\n\nx\n<details\n", False)]], close=False)  # the crash of issue 21
def test_html_cells_holding_blank_lines_and_details(
    tmp_path: Path, rows: list[list[tuple[str, bool]]], close: bool
) -> None:
    body = "".join(
        "<tr>" + "".join(f"<td>{cell}" + ("</td>" if closed else "") for cell, closed in row)
        for row in rows
    )
    _lint(tmp_path, "<table>" + body + ("</table>\n" if close else "\n"))
