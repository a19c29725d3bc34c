"""The list readers: bulleted and numbered items, multi-line blocks, HTML tables and
blocks, plain-text table titles, inline-HTML anchors, and what is left unparsed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from awesome_lint.model import Entry
from awesome_lint.parser import parse


def _entries(markdown: str) -> list[Entry]:
    return parse(markdown, "README.md").entries


def _source_at(markdown: str, span: object) -> str:
    line = markdown.split("\n")[span.line - 1]  # type: ignore[attr-defined]
    return line[span.column - 1 : span.end_column - 1]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("item", "title", "arxiv", "repo", "date"),
    [
        (
            "- [Visual Instruction Tuning](https://arxiv.org/abs/2304.08485) - NeurIPS 2023 "
            "[[code](https://github.com/haotian-liu/LLaVA)]",
            "Visual Instruction Tuning",
            "2304.08485",
            "haotian-liu/LLaVA",
            None,
        ),
        (
            "* Segment Anything [[paper](https://arxiv.org/abs/2304.02643)] "
            "[[code](https://github.com/facebookresearch/segment-anything)] (2023.04)",
            "Segment Anything",
            "2304.02643",
            "facebookresearch/segment-anything",
            (2023, 4),
        ),
        (
            "1. **[Chain-of-Thought Prompting Elicits Reasoning in Large Language Models]"
            "(https://arxiv.org/abs/2201.11903)** NeurIPS 2022. [[Code](https://github.com/a/b)]",
            "Chain-of-Thought Prompting Elicits Reasoning in Large Language Models",
            "2201.11903",
            "a/b",
            None,
        ),
        (
            "- [[CVPR](https://arxiv.org/abs/2112.10752)] High-Resolution Image Synthesis with "
            "Latent Diffusion Models. [[code](https://github.com/CompVis/latent-diffusion)]",
            "High-Resolution Image Synthesis with Latent Diffusion Models",
            "2112.10752",
            "CompVis/latent-diffusion",
            None,
        ),
        (
            "- **Learning Transferable Visual Models From Natural Language Supervision** "
            "[[Paper](https://arxiv.org/abs/2103.00020)] [[Code](https://github.com/openai/CLIP)]"
            "\n  Alec Radford, Jong Wook Kim. ICML 2021.",
            "Learning Transferable Visual Models From Natural Language Supervision",
            "2103.00020",
            "openai/CLIP",
            None,
        ),
        (
            '* **LR-Net**: "Local Relation Networks for Image Recognition", ICCV, 2019 '
            "(*Microsoft*). [[Paper](https://arxiv.org/abs/1904.11491)]",
            "Local Relation Networks for Image Recognition",
            "1904.11491",
            None,
            None,
        ),
        (
            "- **Deep residual learning for image recognition** (2016), K. He et al. "
            "[[pdf]](http://arxiv.org/pdf/1512.03385)",
            "Deep residual learning for image recognition",
            "1512.03385",
            None,
            None,
        ),
        (
            "- `CLIP` **Learning Transferable Visual Models From Natural Language Supervision.**"
            " ICML 2021.  \n  [[Paper](https://arxiv.org/abs/2103.00020)]",
            "Learning Transferable Visual Models From Natural Language Supervision",
            "2103.00020",
            None,
            None,
        ),
        (
            "- Convolutional Sequence to Sequence Learning (2017), Jonas Gehring et al. "
            "[[pdf]](https://arxiv.org/pdf/1705.03122)",
            "Convolutional Sequence to Sequence Learning",
            "1705.03122",
            None,
            None,
        ),
    ],
)
def test_bulleted_item_styles(
    item: str, title: str, arxiv: str, repo: str | None, date: tuple[int, ...] | None
) -> None:
    markdown = f"# Papers\n\n{item}\n"
    (entry,) = _entries(markdown)
    assert entry.title == title
    assert entry.arxiv is not None and entry.arxiv.canonical == arxiv
    assert entry.repo == repo
    assert entry.date == date
    assert entry.form == "item"
    assert entry.section == ("Papers",)
    # the spans point at the source: the ID inside its link, the title where it is written
    assert _source_at(markdown, entry.arxiv.span) == arxiv
    assert entry.title_span is not None and title.split()[0] in _source_at(
        markdown, entry.title_span
    )


def test_a_tag_in_code_names_the_method() -> None:
    (entry,) = _entries(
        "- `CoOp` **Learning to Prompt for Vision-Language Models.** IJCV 2022.\n"
        "  [[Paper](https://arxiv.org/abs/2109.01134)]\n"
    )
    assert entry.title == "Learning to Prompt for Vision-Language Models"
    assert entry.aliases == ["CoOp"]


def test_category_items_give_sections_and_are_not_entries() -> None:
    markdown = (
        "## Models\n\n"
        "- **Vision**\n"
        "  - [ViT: An Image is Worth 16x16 Words](https://arxiv.org/abs/2010.11929)\n"
        "  - [Swin Transformer](https://arxiv.org/abs/2103.14030)\n"
        "- Language\n"
        "  - [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
    )
    entries = _entries(markdown)
    assert [e.title for e in entries] == [
        "ViT: An Image is Worth 16x16 Words",
        "Swin Transformer",
        "Attention Is All You Need",
    ]
    assert entries[0].section == ("Models", "Vision")
    assert entries[2].section == ("Models", "Language")
    assert entries[0].section_key == entries[1].section_key != entries[2].section_key


def test_items_without_a_paper_link_are_not_papers() -> None:
    markdown = (
        "# Tools\n\n"
        "- [requests](https://github.com/psf/requests) - HTTP for Humans.\n"
        "- [Blog: how diffusion works](https://lilianweng.github.io/posts/diffusion/)\n"
        "- [Awesome Python](https://github.com/vinta/awesome-python)\n"
    )
    assert _entries(markdown) == []


def test_year_headings_file_the_items() -> None:
    entries = _entries(
        "## Survey\n\n### 2024\n\n1. **[A Survey](https://arxiv.org/abs/2402.00157)**\n\n"
        "    *Janice Ahn.* ACL'24\n\n"
        "### 2023\n\n1. **[Another Survey](https://arxiv.org/abs/2212.10403)**\n"
    )
    assert [(e.year, e.year_line) for e in entries] == [(2024, 3), (2023, 9)]
    # the indented paragraph belongs to its item: the entry spans both
    assert (entries[0].span.line, entries[0].span.end_line) == (5, 7)


BLOCKS = """\
## Introductory Papers

**Understanding Diffusion Models: A Unified Perspective** \\
*Calvin Luo* \\
arXiv 2022. [[Paper](https://arxiv.org/abs/2208.11970)] \\
25 Aug 2022

**How to Train Your Energy-Based Models** \\
*Yang Song, Diederik P. Kingma* \\
arXiv 2022. [[Paper](https://arxiv.org/abs/2101.03288)] [[Github]()] \\
9 Jan 2021

## Videos

**Diffusion models from scratch in PyTorch** \\
*DeepFindr* \\
[[Video](https://www.youtube.com/watch?v=a4Yfz2FxXiY)] \\
18 Jul 2022
"""


def test_multi_line_blocks() -> None:
    entries = _entries(BLOCKS)
    assert [(e.title, e.line, e.form) for e in entries] == [
        ("Understanding Diffusion Models: A Unified Perspective", 3, "block"),
        ("How to Train Your Energy-Based Models", 8, "block"),
    ]
    first = entries[0]
    assert (first.span.line, first.span.end_line) == (3, 6)
    assert first.date == (2022, 8, 25)
    assert first.date_span is not None and _source_at(BLOCKS, first.date_span) == "25 Aug 2022"
    assert first.arxiv is not None and first.arxiv.canonical == "2208.11970"


def test_block_over_several_paragraphs() -> None:
    entries = _entries(
        "# P\n\n**Denoising Diffusion Probabilistic Models**\n\nJonathan Ho, Ajay Jain.\n\n"
        "[[Paper](https://arxiv.org/abs/2006.11239)] [[Code](https://github.com/hojonathanho/"
        "diffusion)]\n\n**Score-Based Generative Modeling**\n\n"
        "[[Paper](https://arxiv.org/abs/2011.13456)]\n"
    )
    assert [(e.title, e.line, e.repo) for e in entries] == [
        ("Denoising Diffusion Probabilistic Models", 3, "hojonathanho/diffusion"),
        ("Score-Based Generative Modeling", 9, None),
    ]


LIST_ITEM_BLOCKS = """\
#### 2025

- **SegMASt3R:** Rohit Jayanti, Swayam Agrawal.<br />
"SegMASt3R: Geometry Grounded Segment Matching." NeurIPS (2025).
[[paper](https://arxiv.org/abs/2510.02815)]
[[code](https://segmast3r.github.io/)]
[2025.10]

- **Med-K2N:** Feng Yuan, Yifan Gao.<br />
"Med-K2N: Flexible K-to-N Modality Translation for Medical Image Synthesis." ArXiv (2025).
[[paper](https://arxiv.org/abs/2510.02815)]
[[code](https://github.com/gatina-yone/Med-K2N)]
[2025.3]
"""


def test_name_authors_then_quoted_title() -> None:
    entries = _entries(LIST_ITEM_BLOCKS)
    assert [(e.title, e.aliases, e.line, e.date, e.year) for e in entries] == [
        ("SegMASt3R: Geometry Grounded Segment Matching", ["SegMASt3R"], 4, (2025, 10), 2025),
        (
            "Med-K2N: Flexible K-to-N Modality Translation for Medical Image Synthesis",
            ["Med-K2N"],
            10,
            (2025, 3),
            2025,
        ),
    ]


def test_one_id_on_two_block_items_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(LIST_ITEM_BLOCKS, encoding="utf-8")
    result = run_cli("--format", "json", "--offline", "--select", "AL002", path)
    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in findings] == [("AL002", 11)]
    assert "SegMASt3R" in findings[0]["message"]


HTML_TABLE = """\
# Papers

<table>
  <tr>
    <th>Title</th>
    <th>Links</th>
    <th>Figure</th>
  </tr>
  <tr>
    <td><b>Segment Anything</b></td>
    <td><a href="https://arxiv.org/abs/2304.02643">[paper]</a> <a href='https://github.com/facebookresearch/segment-anything'>[code]</a></td>
    <td><img src="images/sam.png" width="200"></td>
  </tr>
  <tr>
    <td>Grounding DINO</td>
    <td>

[Paper](https://arxiv.org/abs/2303.05499)

</td>
    <td></td>
  </tr>
</table>
"""


def test_html_table_rows_are_entries() -> None:
    document = parse(HTML_TABLE, "README.md")
    first, second = document.entries
    # the entry's line is its title's line; its span is the whole row
    assert (first.title, first.form, first.line) == ("Segment Anything", "html-table", 10)
    assert (first.span.line, first.span.end_line) == (9, 13)
    assert first.arxiv is not None and first.arxiv.canonical == "2304.02643"
    assert _source_at(HTML_TABLE, first.arxiv.span) == "2304.02643"
    assert first.repo == "facebookresearch/segment-anything"
    assert [image.target for image in first.images] == ["images/sam.png"]
    assert _source_at(HTML_TABLE, first.images[0].target_span) == "images/sam.png"
    # a cell holding markdown between blank lines (GitHub renders it)
    assert second.title == "Grounding DINO"
    assert second.arxiv is not None and second.arxiv.canonical == "2303.05499"


HTML_BLOCKS = """\
## DETR
<p>
<font size=3><a href='https://alcinos.github.io/detr_page/'><b>[DETR] End-to-End Object Detection with Transformers.</b></a></font>
<br>
<font size=2>Nicolas Carion, Francisco Massa.</font>
<br>
<font size=2>ECCV 2020.</font>
<a href='https://arxiv.org/abs/2005.12872'>[paper]</a> <a href='https://github.com/facebookresearch/detr'>[code]</a>
</p>

<p>
<font size=3><b>Group DETR v2: Strong Object Detector with Encoder-Decoder Pretraining
</b></font>
<br>
<a href='https://arxiv.org/abs/2211.03594'>[paper]</a>
</p>
"""


def test_html_paper_blocks() -> None:
    entries = _entries(HTML_BLOCKS)
    assert [(e.title, e.line, e.form) for e in entries] == [
        ("[DETR] End-to-End Object Detection with Transformers", 3, "html-block"),
        (
            "Group DETR v2: Strong Object Detector with Encoder-Decoder Pretraining",
            12,
            "html-block",
        ),
    ]
    assert entries[0].repo == "facebookresearch/detr"
    assert entries[0].arxiv is not None and entries[0].arxiv.canonical == "2005.12872"
    # each span is the whole element, <p> to </p>, so that cutting it leaves no stray tag
    assert [(e.span.line, e.span.end_line) for e in entries] == [(2, 9), (11, 16)]
    lines = HTML_BLOCKS.splitlines()
    assert [lines[e.span.line - 1] for e in entries] == ["<p>", "<p>"]
    assert [lines[e.span.end_line - 1] for e in entries] == ["</p>", "</p>"]


def test_plain_text_table_titles_and_project_rows() -> None:
    entries = _entries(
        "| Paper | Venue |\n|---|---|\n"
        "| 1) Prompt Distillation for Vision-Language Models  We distill a large teacher. "
        "| CVPR |\n"
        "\n"
        "| No. | Project | Title | Code |\n|---|---|---|---|\n"
        "| 004 | MMDet-SAM | - | [Code](https://github.com/open-mmlab/playground) |\n"
    )
    assert [(e.title, e.paper) for e in entries] == [
        ("Prompt Distillation for Vision-Language Models", None),
        ("MMDet-SAM", None),
    ]


def test_inline_html_anchors_are_targets(tmp_path: Path) -> None:
    markdown = (
        '<a name="readme-top"></a>\n\n# List\n\n'
        "- [Top](#readme-top) [Models](#mllm) [Head](#head2)\n\n"
        '### <h3 id="mllm">Multimodal LLMs</h3>\n\n'
        '<span id="head2">Second</span>\n\n[Missing](#nowhere)\n'
    )
    document = parse(markdown, "README.md")
    assert {"readme-top", "mllm", "head2"} <= document.anchors
    path = tmp_path / "README.md"
    path.write_text(markdown, encoding="utf-8")
    result = run_cli("--format", "json", "--offline", "--select", "AL103", path)
    assert [(f["code"], f["line"]) for f in json.loads(result.stdout)] == [("AL103", 11)]


def test_paper_links_outside_entries_are_reported(tmp_path: Path) -> None:
    markdown = (
        "# Papers\n\n"
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\n"
        "## Notes\n\n"
        "See https://arxiv.org/abs/2001.08361 and https://arxiv.org/abs/2203.15556 too.\n"
    )
    path = tmp_path / "README.md"
    path.write_text(markdown, encoding="utf-8")
    result = run_cli("--format", "json", "--offline", path)
    unparsed = [f for f in json.loads(result.stdout) if f["code"] == "AL903"]
    assert [(f["line"], f["severity"]) for f in unparsed] == [(7, "notice")]
    assert "line 7: 2 paper links outside any entry" in unparsed[0]["message"]


def test_a_list_with_paper_links_but_no_entries_is_a_warning(tmp_path: Path) -> None:
    markdown = "# Papers\n\n" + "".join(
        f"- [[pdf](https://arxiv.org/abs/2301.0000{n})]\n" for n in range(1, 5)
    )
    path = tmp_path / "README.md"
    path.write_text(markdown, encoding="utf-8")
    result = run_cli("--offline", path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert "AL903 [warning] no paper entries recognised, but 4 paper links" in lines[0]
    assert lines[-1].startswith("Checked 1 file, 0 entries.")


def test_a_run_that_checks_nothing_says_so(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("- [x](https://arxiv.org/abs/2301.00001)\n")
    (tmp_path / ".awesome-lint.yml").write_text('exclude: ["*.md"]\n')
    result = run_cli("README.md", cwd=tmp_path)
    assert result.returncode == 0
    assert "All checks passed" not in result.stdout
    assert result.stdout.strip() == "No files checked: every file is excluded by the config."


def test_readme_is_found_in_any_letter_case(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("# x\n\n- [A Paper](https://arxiv.org/abs/2404.089588)\n")
    result = run_cli("--offline", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("readme.md:3:")


def test_rows_cut_off_a_table_are_recorded() -> None:
    document = parse(
        "| Title | Link |\n|---|---|\n| **A** | [Paper](https://arxiv.org/abs/2301.00001) |\n"
        "<!-- awesome-lint-disable-next-line AL304 -->\n"
        "| **B** | [Paper](https://arxiv.org/abs/2301.00002) |\n"
        "| **C** | [Paper](https://arxiv.org/abs/2301.00003) |\n",
        "README.md",
    )
    (table,) = document.tables
    assert (table.lost_rows, table.lost_line, table.lost_reason) == (
        2,
        4,
        "an HTML comment line",
    )
    # the rows that fell out are not turned into entries of their own
    assert [e.title for e in document.entries] == ["A"]


def test_tab_indented_continuation_line_positions(tmp_path: Path) -> None:
    """markdown-it turns the tab into spaces; positions still point at the source."""
    markdown = "- a\n\tb ![f](images/fig1.png) c [[x](https://arxiv.org/pdf/2301.00001)]\n"
    document = parse(markdown, "README.md")
    image = next(link for link in document.links if link.is_image)
    assert _source_at(markdown, image.target_span) == "images/fig1.png"
    paper = next(link for link in document.links if not link.is_image)
    assert _source_at(markdown, paper.target_span) == "https://arxiv.org/pdf/2301.00001"
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "Fig1.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = tmp_path / "README.md"
    path.write_text(markdown, encoding="utf-8")
    result = run_cli("--offline", "--select", "AL203", "--diff", path)
    assert "+\tb ![f](images/Fig1.png) c" in result.stdout


def test_dates_order_the_items_of_a_section(tmp_path: Path) -> None:
    markdown = "# Papers\n\n" + "".join(
        f"- **Paper {name}** [[paper](https://arxiv.org/abs/{ident})] [{date}]\n"
        for name, ident, date in (
            ("A", "2405.00001", "2024.05"),
            ("B", "2404.00001", "2024.04"),
            ("C", "2312.00001", "2023.12"),  # out of place: belongs after D
            ("D", "2403.00001", "2024.03"),
            ("E", "2402.00001", "2024.02"),
            ("F", "2401.00001", "2024.01"),
        )
    )
    path = tmp_path / "README.md"
    path.write_text(markdown, encoding="utf-8")
    result = run_cli("--format", "json", "--offline", "--select", "AL101", path)
    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in findings] == [("AL101", 5)]
    assert "descending" in findings[0]["message"]


def test_a_paragraph_with_a_quoted_title_and_a_paper_link_is_an_entry() -> None:
    entries = _entries(
        "#### 2026\n\n:boom:Hao Wang, Yuxuan Zhang.<br />\n"
        '"Universal Concept Disruption for SAM3 Image Segmentation." ArXiv (2026).\n'
        "[[paper](https://arxiv.org/abs/2608.05983)]\n[2026.08]\n\n"
        "This repository supplements our survey [[paper](https://arxiv.org/abs/2305.08196)].\n"
    )
    assert [(e.title, e.line, e.date) for e in entries] == [
        ("Universal Concept Disruption for SAM3 Image Segmentation", 4, (2026, 8))
    ]


def test_a_list_beside_the_repository_named_with_dotdot(tmp_path: Path) -> None:
    """`awesome-lint ../lists/README.md` from inside a git repository: the list's images
    are beside it, not outside "the repository" the working folder is in."""
    repo, lists = tmp_path / "repo", tmp_path / "lists"
    (repo / ".git").mkdir(parents=True)
    (lists / "images").mkdir(parents=True)
    (lists / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (lists / "README.md").write_text(
        "| Title | Links | Figure |\n|---|---|---|\n| **A Paper** | "
        '[[Paper](https://arxiv.org/abs/2301.00001)] | <img src="./images/a.png"> |\n'
    )
    result = run_cli("--format", "json", "--offline", "../lists/README.md", cwd=repo)
    assert json.loads(result.stdout) == [], result.stdout


@pytest.mark.parametrize(
    ("item", "title"),
    [
        (
            "- Attention Is All You Need. Ashish Vaswani et al. NeurIPS 2017. "
            "[[paper]](https://arxiv.org/abs/1706.03762)",
            "Attention Is All You Need",
        ),
        (
            "1. Deep Residual Learning for Image Recognition, CVPR 2016 "
            "[paper](https://arxiv.org/abs/1512.03385)",
            "Deep Residual Learning for Image Recognition",
        ),
        (
            "- **[CVPR 2023]** Segment Everything Everywhere All at Once "
            "[[paper](https://arxiv.org/abs/2304.06718)]",
            "Segment Everything Everywhere All at Once",
        ),
        (
            "- (ICCV 2023) Segment Anything [paper](https://arxiv.org/abs/2304.02643)",
            "Segment Anything",
        ),
        (
            "- [2023/05] Tree of Thoughts: Deliberate Problem Solving with Large Language Models "
            "[[paper](https://arxiv.org/abs/2305.10601)]",
            "Tree of Thoughts: Deliberate Problem Solving with Large Language Models",
        ),
        (
            "- **CVPR 2022** | Masked Autoencoders Are Scalable Vision Learners | "
            "[Paper](https://arxiv.org/abs/2111.06377)",
            "Masked Autoencoders Are Scalable Vision Learners",
        ),
        (
            "- **Mistral 7B** [[Paper](https://arxiv.org/abs/2310.06825)]",
            "Mistral 7B",  # a bold model name with a number is a title, not a venue tag
        ),
    ],
)
def test_tags_in_front_of_a_title(item: str, title: str) -> None:
    (entry,) = _entries(f"# Papers\n\n{item}\n")
    assert entry.title == title


def test_an_item_whose_links_are_sub_items_is_one_paper() -> None:
    entries = _entries(
        "# Papers\n\n- **Visual Instruction Tuning**\n"
        "  - [Paper](https://arxiv.org/abs/2304.08485)\n"
        "  - [Code](https://github.com/haotian-liu/LLaVA)\n"
        "- **Vision**\n  - [ViT: An Image is Worth 16x16 Words](https://arxiv.org/abs/2010.11929)\n"
    )
    assert [(e.title, e.section, e.repo) for e in entries] == [
        ("Visual Instruction Tuning", ("Papers",), "haotian-liu/LLaVA"),
        ("ViT: An Image is Worth 16x16 Words", ("Papers", "Vision"), None),
    ]
    assert (entries[0].span.line, entries[0].span.end_line) == (3, 5)


def test_a_heading_that_names_one_paper() -> None:
    entries = _entries(
        "# Papers\n\n## Vision\n\n### Attention Is All You Need\n\n"
        "[[Paper](https://arxiv.org/abs/1706.03762)] [[Code](https://github.com/a/b)]\n\n"
        "Some notes.\n\n### [Segment Anything](https://arxiv.org/abs/2304.02643)\n\n"
        "### Notes\n\nNothing here links a paper: [a blog](https://example.com).\n"
    )
    assert [(e.title, e.line, e.section, e.form, e.repo) for e in entries] == [
        ("Attention Is All You Need", 5, ("Papers", "Vision"), "heading", "a/b"),
        ("Segment Anything", 11, ("Papers", "Vision"), "heading", None),
    ]


def test_a_short_title_link_is_a_title_and_a_venue_link_is_a_tag() -> None:
    entries = _entries(
        "- [Segment Anything](https://arxiv.org/abs/2304.02643) - ICCV 2023\n"
        "- [CVPR 2023](https://arxiv.org/abs/2304.06718) SEEM: Segment Everything Everywhere\n"
    )
    assert [e.title for e in entries] == ["Segment Anything", "SEEM: Segment Everything Everywhere"]


def test_a_section_heading_over_a_paper_link_is_no_paper_title() -> None:
    entries = _entries(
        "# A List\n\n## Survey\n\n[[Paper](https://arxiv.org/abs/2305.08196)] the survey this "
        "list supplements.\n"
    )
    assert entries == []


def test_chinese_labels_and_tags() -> None:
    (entry,) = _entries(
        "# 论文\n\n- 【CVPR 2023】Segment Everything Everywhere All at Once "
        "[论文](https://arxiv.org/abs/2304.06718) [代码](https://github.com/UX-Decoder/SEEM)\n"
    )
    assert entry.title == "Segment Everything Everywhere All at Once"
    assert entry.repo == "UX-Decoder/SEEM"
    assert entry.arxiv is not None and entry.arxiv.canonical == "2304.06718"
