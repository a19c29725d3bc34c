"""``add``'s pure parts on small lists: references, sections (ambiguous, year headings),
date formats, the form learnt from the neighbours without their values."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint import add
from awesome_lint.newpaper import Paper, PaperProblem, parse_reference, repo_of
from awesome_lint.parser import parse


def document(text: str) -> object:
    return parse(text, Path("README.md"), "README.md")


def paper(**values: object) -> Paper:
    defaults: dict[str, object] = {
        "arxiv_id": "2404.01234",
        "title": "A Brand New Paper",
        "date": (2024, 4, 2),
    }
    return Paper(**(defaults | values))  # type: ignore[arg-type]


def test_references() -> None:
    assert parse_reference("2401.01234v3") == ("2401.01234", 3)
    assert parse_reference("arXiv:hep-th/9901001") == ("hep-th/9901001", None)
    assert parse_reference("https://arxiv.org/pdf/2401.01234v2.pdf") == ("2401.01234", 2)
    assert parse_reference("https://huggingface.co/papers/2401.01234") == ("2401.01234", None)
    for bad in ("2401.1234", "https://example.org/x", "hello"):
        with pytest.raises(PaperProblem):
            parse_reference(bad)
    assert repo_of("https://github.com/a/b.git") == "a/b"
    assert repo_of("a/b") == "a/b"
    with pytest.raises(PaperProblem, match="--repo"):
        repo_of("https://gitlab.com/a/b")


YEARS = """# Reasoning

## Analysis

### 2024

1. **[First Analysis Paper.](https://arxiv.org/abs/2401.00001)** [[code](https://github.com/a/one)]

1. **[Second Analysis Paper.](https://arxiv.org/abs/2402.00002)**

### 2023

1. **[Old Analysis Paper.](https://arxiv.org/abs/2301.00003)**

## Survey

1. **[A Survey Paper.](https://arxiv.org/abs/2305.00004)**

1. **[Another Survey Paper.](https://arxiv.org/abs/2306.00005)**

## Benchmarks

### Survey

1. **[Benchmark Survey Paper.](https://arxiv.org/abs/2307.00006)**
"""


def test_sections_by_heading_path_and_year_heading() -> None:
    doc = document(YEARS)
    assert add.choose_section(doc, "analysis", paper()) == ("Reasoning", "Analysis", "2024")
    assert add.choose_section(doc, "Analysis", paper(date=(2023, 1, 5))) == (
        "Reasoning",
        "Analysis",
        "2023",
    )
    with pytest.raises(add.AddProblem, match=r"year headings \(2024, 2023\) but none for 2022"):
        add.choose_section(doc, "Analysis", paper(date=(2022, 1, 5)))
    with pytest.raises(add.AddProblem, match="is ambiguous: 'Reasoning > Survey'; 'Reasoning > "):
        add.choose_section(doc, "survey", paper())
    assert add.choose_section(doc, "Benchmarks > Survey", paper())[-1] == "Survey"


def test_numbered_items_keep_their_markup_not_their_neighbours_values() -> None:
    doc = document(YEARS)
    section = ("Reasoning", "Analysis", "2024")
    addition = add.plan(doc, YEARS, paper(repo="n/new"), section)
    new = addition.after.splitlines()[addition.first_line - 1 : addition.last_line]
    assert new == [
        "1. **[A Brand New Paper.](https://arxiv.org/abs/2404.01234)** [[code](https://github.com/n/new)]"
    ]
    # oldest first by arXiv ID: after 2402.00002, before the next heading
    assert addition.after.index("2402.00002") < addition.after.index("2404.01234")
    assert addition.after.index("2404.01234") < addition.after.index("### 2023")
    without = add.plan(doc, YEARS, paper(arxiv_id="2401.00000"), section, "top")
    assert "1. **[A Brand New Paper.](https://arxiv.org/abs/2401.00000)**\n\n1. **[First" in (
        without.after
    )


@pytest.mark.parametrize(
    ("written", "date", "fmt"),
    [
        ("2024-03", (2024, 3), "{Y}-{m}"),
        ("2024.3", (2024, 3), "{Y}.{-m}"),
        ("4 Feb 2023", (2023, 2, 4), "{-d} {b} {Y}"),
        ("Released: 2026-07-28", (2026, 7, 28), None),
        ("March 2021", (2021, 3), "{B} {Y}"),
    ],
)
def test_date_formats(written: str, date: tuple[int, ...], fmt: str | None) -> None:
    assert add.date_format(written, date) == fmt
    if fmt is not None:
        assert add.render_date(fmt, date) == written
        assert add.render_date(fmt, (2025, 11, 9)) is not None


BLOCKS = """# Diffusion

## Image Generation

**Fast Sampling of Diffusion Models** \\
*Ada Lovelace, Alan Turing* \\
arXiv 2023. [[Paper](https://arxiv.org/abs/2306.00006)] [[Github](https://github.com/a/fast)] \\
2 Jun 2023

**Slow Sampling of Diffusion Models** \\
*Grace Hopper* \\
CVPR 2023. [[Paper](https://arxiv.org/abs/2305.00005)] [[Project](https://slow.example/)] \\
25 May 2023

**Medium Sampling of Diffusion Models** \\
*Edsger Dijkstra, Barbara Liskov* \\
arXiv 2023. [[Paper](https://arxiv.org/abs/2304.00004)] \\
3 Apr 2023
"""


def test_blocks_take_authors_venue_and_date_format_newest_first() -> None:
    doc = document(BLOCKS)
    new = paper(
        arxiv_id="2305.11111",
        title="Quick Sampling",
        date=(2023, 5, 30),
        authors=("Kurt Gödel", "Emmy Noether"),
    )
    addition = add.plan(doc, BLOCKS, new, ("Diffusion", "Image Generation"))
    lines = addition.after.splitlines()[addition.first_line - 1 : addition.last_line]
    assert lines == [
        "**Quick Sampling** \\",
        "*Kurt Gödel, Emmy Noether* \\",
        "arXiv 2023. [[Paper](https://arxiv.org/abs/2305.11111)] \\",
        "30 May 2023",
    ]
    # between the 2 Jun and the 25 May papers, a blank line on each side
    assert "2 Jun 2023\n\n**Quick Sampling** \\" in addition.after
    assert "30 May 2023\n\n**Slow Sampling" in addition.after
    # nothing of a neighbour's: no other author, no project page
    assert "slow.example" not in "\n".join(lines) and "Hopper" not in "\n".join(lines)


TABLE = """# CLIP

## Training

| Title | Abstract | Links |
|:---|:---:|:---:|
| **One Model to Align Them** | Aligns things. | [[Paper](https://arxiv.org/abs/2203.01234)] [[Project](https://one.example/)] |
| **Two Towers Are Better** | Two towers. | [[Paper](https://arxiv.org/abs/2301.04321)] [[Project](https://two.example/)] |
"""


def test_fields_fill_a_column_and_a_link_and_an_unknown_field_is_refused() -> None:
    doc = document(TABLE)
    section = ("CLIP", "Training")
    filled = paper(fields={"abstract": "Says what it does.", "project": "https://new.example/"})
    addition = add.plan(doc, TABLE, filled, section)
    assert addition.after.splitlines()[-1] == (
        "| **A Brand New Paper** | Says what it does. | [[Paper](https://arxiv.org/abs/2404.01234)]"
        " [[Project](https://new.example/)] |"
    )
    bare = add.plan(doc, TABLE, paper(), section)
    assert bare.after.splitlines()[-1] == (
        "| **A Brand New Paper** | | [[Paper](https://arxiv.org/abs/2404.01234)] |"
    )
    with pytest.raises(add.AddProblem, match="--field notes: the section has no link label"):
        add.plan(doc, TABLE, paper(fields={"notes": "x"}), section)
