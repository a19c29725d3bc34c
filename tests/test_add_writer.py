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


NAMED = """# Transformers

## Backbones

* **LR-Net**: "Local Relation Networks for Image Recognition", ICCV, 2019 (*Microsoft*). [[Paper](https://arxiv.org/abs/1904.11491)]
* **SASA**: "Stand-Alone Self-Attention in Vision Models", NeurIPS, 2019 (*Google*). [[Paper](https://arxiv.org/abs/1906.05909)]
* **SAN**: "Exploring Self-attention for Image Recognition", CVPR, 2020 (*CUHK*). [[Paper](https://arxiv.org/abs/2004.13621)]

## Segment

- **MA-SAM:** D. Fan, K. Lee.<br />
  "Modality-agnostic SAM Adaptation." ArXiv (2023).
  [[paper](https://arxiv.org/abs/2309.08842)]

- **SAM-Med:** A. Wong, B. Chan.<br />
  "Medical Segment Anything." ArXiv (2023).
  [[paper](https://arxiv.org/abs/2308.12345)]

- **SAMUS:** C. Lin, D. Park.<br />
  "Adapting SAM to Ultrasound." ArXiv (2023).
  [[paper](https://arxiv.org/abs/2307.54321)]

## Classics

- Deep Residual Learning for Image Recognition (2016), K. He et al. [[pdf]](https://arxiv.org/pdf/1512.03385)
- Identity Mappings in Deep Residual Networks (2016), K. He et al. [[pdf]](https://arxiv.org/pdf/1603.05027)
- Wide Residual Networks (2016), S. Zagoruyko et al. [[pdf]](https://arxiv.org/pdf/1605.07146)
"""


def _new_lines(section: tuple[str, ...], new: Paper, position: str = "bottom") -> list[str]:
    addition = add.plan(document(NAMED), NAMED, new, section, position)
    return addition.after.splitlines()[addition.first_line - 1 : addition.last_line]


def test_a_per_paper_name_left_out_takes_its_markup_and_separator_along() -> None:
    backbones = ("Transformers", "Backbones")
    assert _new_lines(backbones, paper()) == [
        '* "A Brand New Paper", 2024. [[Paper](https://arxiv.org/abs/2404.01234)]'
    ]
    named = paper(fields={"name": "BNP"})
    assert _new_lines(backbones, named)[0].startswith('* **BNP**: "A Brand New Paper", 2024.')
    segment = ("Transformers", "Segment")
    # the name and authors line goes; its list marker stays, so the item is still an item
    bare = _new_lines(segment, paper())
    assert bare[0].startswith('- "A Brand New Paper."')
    assert bare[1:] == ["  [[paper](https://arxiv.org/abs/2404.01234)]"]
    with_all = paper(fields={"name": "BNP"}, authors=("Ann Lee", "Bo Chen"))
    assert _new_lines(segment, with_all)[0] == "- **BNP:** Ann Lee, Bo Chen<br />"


def test_authors_keep_their_separator_and_go_with_it() -> None:
    classics = ("Transformers", "Classics")
    assert _new_lines(classics, paper(authors=("Ann Lee", "Bo Chen"))) == [
        "- A Brand New Paper (2024), Ann Lee, Bo Chen [[pdf]](https://arxiv.org/pdf/2404.01234)"
    ]
    assert _new_lines(classics, paper()) == [
        "- A Brand New Paper (2024) [[pdf]](https://arxiv.org/pdf/2404.01234)"
    ]


YEAR_ROWS = """# CLIP

| Title | Links |
|:---|:---:|
|2022|
| **Supervision Exists Everywhere** | [[Paper](https://arxiv.org/pdf/2110.05208)] |
|2023|
| **An Inverse Scaling Law for CLIP Training** | [[Paper](https://arxiv.org/pdf/2305.07017)] |
| **Scaling CLIP Training on a Budget** | [[Paper](https://arxiv.org/pdf/2306.15658)] |
| **Scaling Language-Image Pre-training via Masking** | [[Paper](https://arxiv.org/pdf/2212.00794)] |
|2024|
| **Isolating Content from Style** | [[Paper](https://arxiv.org/pdf/2311.16445)] |
"""


def test_a_short_year_row_takes_the_order_of_the_whole_table() -> None:
    """Three entries under 2023, one out of place, say little; the table as a whole is
    oldest first (its year rows too), so the new 2305 paper goes first under 2023."""
    doc = document(YEAR_ROWS)
    new = paper(arxiv_id="2305.05095", date=(2023, 5, 8))
    addition = add.plan(doc, YEAR_ROWS, new, ("CLIP",))
    assert addition.after.splitlines()[addition.first_line - 2 : addition.first_line + 1] == [
        "|2023|",
        "| **A Brand New Paper** | [[Paper](https://arxiv.org/pdf/2305.05095)] |",
        "| **An Inverse Scaling Law for CLIP Training** | [[Paper](https://arxiv.org/pdf/2305.07017)] |",
    ]


PARTS = """# Reasoning

## Methods

### 2024

1. **[Chains of Thought for Tables.](https://arxiv.org/abs/2404.00001)**

1. **[Chains of Thought for Graphs.](https://arxiv.org/abs/2403.00002)**

1. **[Chains of Thought for Lists.](https://arxiv.org/abs/2402.00003)**

### 2023

1. **[Older Thought Chains.](https://arxiv.org/abs/2310.00004)**

### 2024

1. **[Visual Reasoning with Pixels.](https://arxiv.org/abs/2409.00005)**

1. **[Visual Reasoning with Boxes.](https://arxiv.org/abs/2407.00006)**

1. **[Visual Reasoning with Masks.](https://arxiv.org/abs/2405.00007)**
"""


def test_a_section_met_twice_is_sorted_within_each_part() -> None:
    """'Methods > 2024' twice (a heading between them the list forgot): each part is
    newest first, the two together are not; the paper goes into the part it fits, the one
    whose titles are closest to its own when it fits both."""
    doc = document(PARTS)
    new = paper(arxiv_id="2406.00008", title="Visual Reasoning with Points", date=(2024, 6, 3))
    addition = add.plan(doc, PARTS, new, ("Reasoning", "Methods", "2024"))
    after = addition.after
    assert after.index("2407.00006") < after.index("2406.00008") < after.index("2405.00007")


DAYS = """# Papers

| Title | Venue | Date |
|:---|:---:|:---:|
| [**Paper Seven**](https://arxiv.org/pdf/2311.04498) | arXiv | 2023-11-08 |
| [**Paper Six**](https://arxiv.org/pdf/2311.04219) | arXiv | 2023-11-07 |
| [**Paper Five**](https://arxiv.org/pdf/2311.04257) | arXiv | 2023-11-07 |
| [**Paper Four**](https://arxiv.org/pdf/2311.03356) | arXiv | 2023-11-06 |
| [**Paper Three**](https://arxiv.org/pdf/2311.01487) | arXiv | 2023-11-02 |
| [**Paper Two**](https://arxiv.org/pdf/2310.09478) | arXiv | 2023-10-14 |
| [**Paper One**](https://arxiv.org/pdf/2310.01234) | arXiv | 2023-10-02 |
"""


def test_a_paper_of_a_day_goes_first_of_that_day_when_ids_do_not_order_a_day() -> None:
    """Newest first by day; the two papers of 7 Nov are not in ID order, so the ID of a
    new 6 Nov paper says nothing of its place among that day's: it goes first of them."""
    doc = document(DAYS)
    new = paper(arxiv_id="2311.03354", date=(2023, 11, 6))
    addition = add.plan(doc, DAYS, new, ("Papers",))
    after = addition.after
    assert after.index("2311.04257") < after.index("2311.03354") < after.index("2311.03356")


HTML_PAPERS = "# DETR\n\n" + "\n".join(
    f"""<p>
<font size=3><b>{title}</b></font>
<br>
<font size=2>{authors}</font>
<br>
<font size=2>ECCV 2020.</font>
<a href='https://arxiv.org/abs/{ident}'>[paper]</a>
</p>
"""
    for title, authors, ident in (
        ("End-to-End Object Detection", "Nicolas Carion, Francisco Massa", "2005.12872"),
        ("Deformable Object Detection", "Xizhou Zhu, Weijie Su", "2010.04159"),
        ("Conditional Object Detection", "Depu Meng, Xiaokang Chen", "2108.06152"),
    )
)


def test_an_html_element_that_held_only_a_value_left_out_goes_with_its_break() -> None:
    doc = document(HTML_PAPERS)
    addition = add.plan(doc, HTML_PAPERS, paper(), ("DETR",), "bottom")
    assert addition.after.splitlines()[addition.first_line - 1 : addition.last_line] == [
        "<p>",
        "<font size=3><b>A Brand New Paper</b></font>",
        "<br>",
        "<font size=2>2024.</font>",
        "<a href='https://arxiv.org/abs/2404.01234'>[paper]</a>",
        "</p>",
    ]


def _model_block(number: int, name: str, ident: str, released: str | None) -> str:
    """A heading block as gokayfem's list writes one: bold title, description, badge
    line, authors (and a release date on the newer ones), a numbered figure with a
    caption of its own, each value the paper's own."""
    caption = f"{name} joins a {number}-layer encoder to a decoder"
    date_line = f"\n**Released:** {released}" if released else ""
    return f"""### **{name}: A Model Number {number}**

{name} reads images and writes about them at length, in its own way number {number}.

[![arXiv](https://img.shields.io/badge/arXiv-{ident}-b31b1b.svg)](https://arxiv.org/abs/{ident}) [![GitHub](https://badges.aleen42.com/src/github.svg)](https://github.com/{name.lower()}/{name.lower()})

Author {name}<br>{date_line}

<!-- figure:{number} -->
<p align="center">
  <img src="assets/{name.lower()}.png" alt="{name}: A Model Number {number} architecture: {caption}" width="820">
</p>
<p align="center"><sub><b>Figure {number % 5 + 1}.</b> {caption}. <a href="https://arxiv.org/abs/{ident}">Source paper</a>, PDF p. {number}. <a href="assets/NOTICE.md">Figure notice</a>.</sub></p>
<!-- /figure:{number} -->

"""


MODELS = "# Awesome Models\n\n## Architectures\n\n" + "".join(
    _model_block(number, name, f"{yymm}.{number:05d}", released)
    for number, (name, yymm, released) in enumerate(
        (
            ("Orca", "2507", "2025-07-03"),
            ("Heron", "2506", "2025-06-14"),
            ("Ibis", "2505", "2025-05-20"),
            ("Kite", "2504", "2025-04-02"),
            ("Lark", "2503", "2025-03-11"),
            ("Mole", "2502", "2025-02-08"),
            ("Newt", "2501", "2025-01-30"),
            ("Owl", "2412", None),
            ("Puma", "2411", None),
            ("Quail", "2410", None),
            ("Rook", "2409", None),
            ("Seal", "2408", None),
            ("Toad", "2407", None),
            ("Vole", "2406", None),
        ),
        start=1,
    )
)
ARCHITECTURES = ("Awesome Models", "Architectures")


def _added_entry(text: str, ident: str) -> tuple[int, object]:
    entries = [e for e in document(text).entries if e.section == ARCHITECTURES]
    found = next(e for e in entries if e.arxiv is not None and e.arxiv.canonical == ident)
    return entries.index(found), found


def test_a_heading_block_reads_back_as_the_paper_it_was_written_for() -> None:
    """Title, ID, repository, date and section come back; the caption's figure number and
    words, the numbered comment around the figure and the description were that paper's
    own and go, leaving no caption that reads as a paper ('Source paper') and no run of
    blank lines; the release date keeps its label."""
    new = paper(
        arxiv_id="2505.07777",
        title="Stork: Delivering Answers Over Long Distances",
        date=(2025, 5, 21),
        repo="stork/stork",
        figure="assets/stork.png",
    )
    addition = add.plan(document(MODELS), MODELS, new, ARCHITECTURES)
    index, entry = _added_entry(addition.after, "2505.07777")
    assert (entry.form, entry.title, entry.repo, entry.date) == (
        "heading",
        "Stork: Delivering Answers Over Long Distances",
        "stork/stork",
        (2025, 5, 21),
    )
    assert index == 2  # newest first: after Heron (June), before Ibis (20 May)
    assert "**Released:** 2025-05-21" in addition.inserted
    assert 'alt="Stork: Delivering Answers Over Long Distances"' in addition.inserted
    for gone in ("Figure", "Source paper", "<!--", "reads images", "\n\n\n"):
        assert gone not in addition.inserted


def test_a_heading_block_among_undated_neighbours_is_written_without_a_date_line() -> None:
    """The newer blocks carry a release date, the older ones none: a paper that goes
    among the older ones is written as they are."""
    new = paper(arxiv_id="2409.07777", title="Wren: Small Birds, Small Models", date=(2024, 9, 20))
    addition = add.plan(document(MODELS), MODELS, new, ARCHITECTURES)
    index, entry = _added_entry(addition.after, "2409.07777")
    assert index == 10  # after Quail (2410), before Rook (2409.00011)
    assert "Released" not in addition.inserted
    assert entry.title == "Wren: Small Birds, Small Models"


SUBSECTIONS = """# Papers

## Detection

- [Detector Six](https://arxiv.org/abs/2406.00006)
- [Detector Five](https://arxiv.org/abs/2405.00005)

### Notes on Detector Five

- [A follow-up note](https://arxiv.org/abs/2501.00009)

## Detection

- [Detector Four](https://arxiv.org/abs/2404.00004)
- [Detector Two](https://arxiv.org/abs/2402.00002)

## Segmentation

- [Segmenter Three](https://arxiv.org/abs/2403.00003)

## Detection

- [Detector One](https://arxiv.org/abs/2401.00001)
"""


def test_a_section_is_one_part_across_its_own_subsections_not_across_another_section() -> None:
    doc = document(SUBSECTIONS)
    entries = add.paper_sections(doc)[("Papers", "Detection")]
    parts = add.runs(doc, entries)
    assert [[e.arxiv.canonical for e in part] for part in parts] == [  # type: ignore[union-attr]
        ["2406.00006", "2405.00005", "2404.00004", "2402.00002"],
        ["2401.00001"],
    ]


SMALL = """# Distillation

## Reasoning

- [Reasoning Six](https://arxiv.org/abs/2406.00006)
- [Reasoning Five](https://arxiv.org/abs/2405.00005)
- [Reasoning Three](https://arxiv.org/abs/2403.00003)
- [Reasoning Two](https://arxiv.org/abs/2402.00002)

## Retrieval

- [Retrieval Two](https://arxiv.org/abs/2305.15225)
- [Retrieval One](https://arxiv.org/abs/2305.18395)
"""


def test_a_section_too_small_to_tell_its_order_takes_the_lists() -> None:
    """Two entries of one month say nothing of an order (their IDs happen to ascend); the
    list's other section is newest first, so a newer paper goes first."""
    new = paper(arxiv_id="2310.11511", title="Retrieval Three", date=(2023, 10, 17))
    addition = add.plan(document(SMALL), SMALL, new, ("Distillation", "Retrieval"))
    after = addition.after
    assert after.index("2310.11511") < after.index("2305.15225")


def test_a_paper_without_an_id_is_dated_against_an_id_by_its_month() -> None:
    march, may_id = ((2024, 3, 1), None), (None, (2405, 1))
    assert add.compare(march, may_id) == -1
    assert add.compare(may_id, march) == 1
    # two IDs: the ID, even where one of them also has a date
    assert add.compare(((2024, 6, 30), (2405, 2)), (None, (2405, 1))) == 1


NAME_BEFORE_LINKED_TITLE = """# Robots

## Data Collection

+ Cacti: [Cacti: A Framework for Scalable Imitation](https://arxiv.org/abs/2212.05711)
  [![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](https://arxiv.org/abs/2212.05711)

+ GenAug: [GenAug: Retargeting Behaviors to Unseen Scenes](https://arxiv.org/abs/2302.06671)
  [![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](https://arxiv.org/abs/2302.06671)
"""


def test_a_title_line_whose_only_words_were_a_name_left_out_stays() -> None:
    """``+ Name: [Title](…)`` without a name is ``+ [Title](…)``: the line holds the
    title, so it is the paper's own line, not a caption left holding only links."""
    section = ("Robots", "Data Collection")
    text = NAME_BEFORE_LINKED_TITLE
    addition = add.plan(document(text), text, paper(), section, "bottom")
    lines = addition.after.splitlines()[addition.first_line - 1 : addition.last_line]
    assert lines == [
        "+ [A Brand New Paper](https://arxiv.org/abs/2404.01234)",
        "  [![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](https://arxiv.org/abs/2404.01234)",
    ]
    named = add.plan(document(text), text, paper(fields={"name": "BNP"}), section, "bottom")
    assert named.inserted.startswith("\n+ BNP: [A Brand New Paper](")
