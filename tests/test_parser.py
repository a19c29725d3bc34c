"""The parser: slugs, arXiv identifiers, cells, exact spans, entries and their parts."""

from __future__ import annotations

import pytest

from awesome_lint.arxiv import find_paper_id, parse_identifier
from awesome_lint.columns import assign_roles
from awesome_lint.parser import parse, split_cells
from awesome_lint.parser.citations import authors_first_title
from awesome_lint.slug import Slugger, slugify


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Improvement & Innovation", "improvement--innovation"),
        ("C++ / CUDA", "c--cuda"),
        ("LLM (Large Language Models)", "llm-large-language-models"),
        ("heading with a - dash", "heading-with-a---dash"),
        ("What’s new?", "whats-new"),
        ("Über Café", "über-café"),
        ("😄 unicode emoji", "-unicode-emoji"),
        ("Papers 📄", "papers-"),
        (":smile: - a gemoji", "smile---a-gemoji"),
        ("snake_case stays", "snake_case-stays"),
        ("Ⓐ circled", "ⓐ-circled"),
    ],
)
def test_github_slugs(heading: str, slug: str) -> None:
    assert slugify(heading) == slug


def test_duplicate_slugs() -> None:
    slugger = Slugger()
    assert [slugger.slug(t) for t in ("foo", "foo", "foo 1", "foo")] == [
        "foo",
        "foo-1",
        "foo-1-1",
        "foo-2",
    ]


def test_headings_take_rendered_text() -> None:
    document = parse("# Awesome `CLIP` [list](https://x.org) \\& more\n## Notes\n## Notes\n")
    assert [h.slug for h in document.headings] == ["awesome-clip-list--more", "notes", "notes-1"]


@pytest.mark.parametrize(
    ("raw", "canonical", "version"),
    [
        ("1706.03762", "1706.03762", None),
        ("2308.12213v2", "2308.12213", 2),
        ("1412.1897", "1412.1897", None),
        ("hep-th/9901001", "hep-th/9901001", None),
        ("math.GT/0309136v1", "math/0309136", 1),
    ],
)
def test_valid_identifiers(raw: str, canonical: str, version: int | None) -> None:
    parsed = parse_identifier(raw)
    assert parsed.ok, parsed.problem
    assert (parsed.canonical, parsed.version) == (canonical, version)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("2404.089588", "6 digits"),
        ("2407.11681mini", "'mini'"),
        ("1501.0001", "truncated"),
        ("2013.12345", "month '13'"),
        ("2400.12345", "month '00'"),
        ("0612.1234", "April 2007"),
        ("1412.12345", "5 digits"),
        ("2301.00000", "number 0"),
        ("2301.12345v0", "v0"),
        ("foo-bar/9901001", "not an arXiv archive"),
        ("hep-th/99010011", "7 digits"),
        ("hep-th/0801001", "9107-0703"),
        ("", "no arXiv identifier"),
    ],
)
def test_malformed_identifiers(raw: str, problem: str) -> None:
    parsed = parse_identifier(raw)
    assert not parsed.ok
    assert problem in (parsed.problem or "")


@pytest.mark.parametrize(
    ("url", "ident", "form"),
    [
        ("https://arxiv.org/abs/2103.00020", "2103.00020", "abs"),
        ("http://arxiv.org/pdf/1312.5602.pdf", "1312.5602", "pdf"),
        ("https://arxiv.org/pdf/2107.02137v1.pdf", "2107.02137", "pdf"),
        ("https://export.arxiv.org/abs/2103.00020/", "2103.00020", "abs"),
        ("https://ar5iv.labs.arxiv.org/html/2103.00020", "2103.00020", "html"),
        ("https://doi.org/10.48550/arXiv.2301.00001", "2301.00001", "doi"),
        ("https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001", "abs"),
    ],
)
def test_paper_urls(url: str, ident: str, form: str) -> None:
    found = find_paper_id(url)
    assert found is not None and found.parsed.canonical == ident and found.form == form


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/html/2401.12345v1/x1.png",  # a figure of the HTML paper
        "https://arxiv.org/list/cs.CV/recent",
        "https://github.com/arxiv/arxiv-browse",
        "https://doi.org/10.1109/CVPR.2016.90",
    ],
)
def test_not_paper_urls(url: str) -> None:
    assert find_paper_id(url) is None


def test_split_cells_like_markdown_it() -> None:
    assert split_cells("|2022|") == [("2022", 1, [])]
    assert split_cells("| a | b |") == [("a", 2, []), ("b", 6, [])]
    content, column, escapes = split_cells(r"| x \| y | z |")[0]
    assert (content, column, escapes) == ("x | y", 2, [2])
    assert len(split_cells("a | b | c")) == 3


def _at(text: str, span) -> str:
    line = text.split("\n")[span.line - 1]
    assert span.line == span.end_line
    return line[span.column - 1 : span.end_column - 1]


def test_spans_are_exact_code_point_columns() -> None:
    text = (
        "| 标题 | Links |\n|---|---|\n"
        "| [![Star](https://img.shields.io/github/stars/a/b.svg)](https://github.com/a/b) <br> "
        '**中文 Title** | [[Paper](https://arxiv.org/pdf/2308.12213v2)] <img src="./i/x.png"> |\n'
    )
    document = parse(text)
    (entry,) = document.entries
    assert _at(text, entry.title_span) == "中文 Title"
    assert _at(text, entry.arxiv.span) == "2308.12213v2"
    assert _at(text, entry.badge.image.span).startswith("![Star](")
    assert _at(text, entry.badge.image.parent.span).endswith("](https://github.com/a/b)")
    image = entry.images[0]
    assert _at(text, image.target_span) == "./i/x.png"
    paper = entry.paper
    assert _at(text, paper.span) == "[Paper](https://arxiv.org/pdf/2308.12213v2)"


def test_spans_in_multiline_paragraphs_and_lists() -> None:
    text = "Intro line\n  - first [a](https://a.org)\n    continued [b](https://b.org) end\n"
    document = parse(text)
    links = {link.text: link for link in document.links}
    assert _at(text, links["a"].span) == "[a](https://a.org)"
    assert _at(text, links["b"].span) == "[b](https://b.org)"
    assert links["b"].span.line == 3


def test_crlf_and_bom() -> None:
    text = "\ufeff# T\r\n\r\n- [x](https://arxiv.org/abs/2404.089588)\r\n"
    document = parse(text)
    (link,) = document.links
    assert link.span.line == 3 and link.span.column == 3


def test_seed_format_entry() -> None:
    text = (
        "## Train\n\n| Title | Abstract | Intro | Useful Links |\n|:--|:-:|:-:|:-:|\n|2022|\n"
        "| [![Star](https://img.shields.io/github/stars/Sense-GVT/DeCLIP.svg?style=social&label=Star)]"
        "(https://github.com/Sense-GVT/DeCLIP) <br> **SUPERVISION EXISTS EVERYWHERE** <br>| text |"
        '<img src="./images/DeCLIP.png"  width="1280px"/>| [[Github](https://github.com/Sense-GVT/DeCLIP)]'
        " <br> [[Paper](https://arxiv.org/pdf/2110.05208)] |\n"
    )
    (entry,) = parse(text).entries
    assert entry.title == "SUPERVISION EXISTS EVERYWHERE"
    assert entry.year == 2022 and entry.year_line == 5
    assert entry.section == ("Train",)
    assert entry.repo == "Sense-GVT/DeCLIP"
    assert entry.badge is not None and entry.badge.full_name == "Sense-GVT/DeCLIP"
    assert entry.arxiv is not None and entry.arxiv.canonical == "2110.05208"
    assert [image.target for image in entry.images] == ["./images/DeCLIP.png"]
    assert {link.text for link in entry.links} >= {"Github", "Paper"}
    assert entry.table is not None and entry.table.roles[2] == "image"  # found by content


def test_raw_cell_counts() -> None:
    text = "| a | b | c |\n|---|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n| 1 \\| 2 | 3 | 4 |\n"
    table = parse(text).tables[0]
    assert [row.raw_cell_count for row in table.rows] == [2, 4, 3]


def test_bullet_toc_detection_and_details_sections() -> None:
    text = (
        "- [A](#a)\n- [B](#b)\n  - [C](#c)\n\n## A\n## B\n### C\n\n"
        "<details><summary>Cats</summary>\n\n| Title | Links |\n|---|---|\n| **X** | y |\n\n</details>\n"
    )
    document = parse(text)
    (toc,) = document.tocs
    assert [link.target for link in toc.links] == ["#a", "#b", "#c"]
    (entry,) = document.entries
    assert entry.section == ("B", "C", "Cats")


def test_column_roles() -> None:
    assert assign_roles(["Title", "Abstract", "Intro", "Useful Links"]) == [
        "title", "abstract", "other", "links",
    ]  # fmt: skip
    assert assign_roles(["Title & Authors", "Introduction", "Links"])[0] == "title"
    assert assign_roles(["Methods", "ImageNet", "Code"]) == ["title", "other", "code"]
    assert assign_roles(["Name", "Paper"], {"name": "other", "Paper": "title"}) == [
        "other",
        "title",
    ]


def test_suppression_comments_are_collected() -> None:
    document = parse("x <!-- awesome-lint-disable-line AL001, AL002 -->\n")
    (comment,) = document.suppressions
    assert comment.kind == "disable-line" and comment.codes == ("AL001", "AL002")


def test_html_cell_with_a_blank_line_then_an_unclosed_tag_is_read() -> None:
    # issue 21 item 7: the markdown paragraph ended the cell's collector, and the text of
    # the next HTML block in the same cell raised "no cell collector"
    text = (
        "# Papers\n\n<table><tr><td>\n\nx\n<details\n</td></tr>\n"
        '<tr><td>A Title of the Paper</td><td><a href="https://arxiv.org/abs/2101.00001">'
        "Paper</a></td></tr></table>\n"
    )
    document = parse(text, "README.md")
    assert [(entry.title, entry.line) for entry in document.entries] == [
        ("A Title of the Paper", 8)
    ]


def test_html_rows_and_paper_blocks_read_written_arxiv_ids_in_their_own_range() -> None:
    # the text's arXiv IDs are looked for in each row's own part of the block (issue 21:
    # a scan of the whole block per row made a table of n rows take n x n)
    text = (
        "# Papers\n\n<table>\n"
        '<tr><td>First Paper About Things</td><td><a href="https://openreview.net/forum?id=a">'
        "Paper</a></td></tr>\n"
        '<tr><td>Second Paper About Things</td><td>arXiv:2101.00002 <a href="https://openreview'
        '.net/forum?id=b">Paper</a></td></tr>\n'
        "</table>\n\n"
        '<p><b>Third Paper About Things</b><br>\n<a href="https://openreview.net/forum?id=c">'
        "Paper</a></p>\n"
        '<p><b>Fourth Paper About Things</b> arXiv:2101.00004<br>\n<a href="https://openreview'
        '.net/forum?id=d">Paper</a></p>\n'
    )
    document = parse(text, "README.md")
    found = {e.title: (e.arxiv.canonical if e.arxiv else None) for e in document.entries}
    assert found == {
        "First Paper About Things": None,
        "Second Paper About Things": "2101.00002",
        "Third Paper About Things": None,
        "Fourth Paper About Things": "2101.00004",
    }
    second = next(e for e in document.entries if e.title.startswith("Second"))
    assert second.arxiv is not None and second.arxiv.span.line == 5


def test_an_author_list_is_read_only_in_the_range_given() -> None:
    # an HTML row is read from its own offset in the block, never from the block's start
    row = 'Smith, J., Chen, L. "A Study of Learned Things", 2021'
    content = f"<tr><td>{row}</td></tr>\n<tr><td>Plain words of a row</td></tr>"
    start = content.index(row)
    title, at, end = authors_first_title(content, start, start + len(row))
    assert title == "A Study of Learned Things" and content[at:end] == title
    second = content.index("Plain")
    assert authors_first_title(content, second, len(content)) is None
    # the range's end is the text's end: a quote closing after it is not read
    assert authors_first_title(content, start, start + len(row) - 10) is None
