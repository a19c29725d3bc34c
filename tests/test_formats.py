"""List formats beyond bullets and tables, on the example lists in fixtures/formats/: a
section per paper, a bold title over labelled bare URLs, badge lines under an item,
plain-text and author-first citations, arXiv IDs on other hosts, DOIs."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import ROOT, run_cli

from awesome_lint.model import Document, Entry
from awesome_lint.parser import parse

FORMATS = ROOT / "fixtures" / "formats"


def _document(name: str) -> Document:
    path = FORMATS / name
    return parse(path.read_text(encoding="utf-8"), path)


def _by_title(entries: list[Entry]) -> dict[str, Entry]:
    return {entry.title: entry for entry in entries}


def _findings(path: Path) -> list[dict]:
    result = run_cli("--format", "json", "--offline", path)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_a_section_under_a_bold_heading_is_one_paper() -> None:
    document = _document("heading-sections.md")
    entries = _by_title(document.entries)
    assert list(entries) == [
        "Orbit-VL: Rotary Patch Tokens for Long Documents",
        "Lumen: A Small Captioning Model",
        "Tessera: Mixture of Vision Experts",
        "Glimmer",
    ]
    orbit = entries["Orbit-VL: Rotary Patch Tokens for Long Documents"]
    assert orbit.arxiv is not None and orbit.arxiv.canonical == "2405.01234"
    assert orbit.date == (2024, 5, 2)
    assert orbit.repo == "example/orbit-vl"
    # the block's image is the figure; the badges are not
    assert [image.target for image in orbit.images] == ["images/orbit-vl.png"]
    assert (orbit.line, orbit.end_line) == (7, 26)
    assert orbit.title_source == "heading" and orbit.title_confident
    # no "Figure 2" entry from the caption, which links the paper too
    assert not [e for e in document.entries if e.title.startswith("Figure")]
    # a section with the same shape but no paper link, among sibling papers
    glimmer = entries["Glimmer"]
    assert glimmer.arxiv is None and glimmer.date == (2023, 11, 20)
    # the figure-less section whose only paper link is its arXiv badge
    assert entries["Tessera: Mixture of Vision Experts"].arxiv is not None


def test_a_plain_section_heading_over_links_is_no_paper(tmp_path: Path) -> None:
    text = (
        "# List\n\n## Tools\n\nSee [viewer](https://github.com/a/viewer) and "
        "[converter](https://github.com/a/conv).\n\n## Surveys\n\n"
        "- [A Survey of Vision Transformers](https://arxiv.org/abs/2101.01169)\n"
    )
    document = parse(text, tmp_path / "README.md")
    assert [e.title for e in document.entries] == ["A Survey of Vision Transformers"]


def test_a_bold_title_over_labelled_bare_urls_is_one_paper() -> None:
    document = _document("label-links.md")
    entries = document.entries
    assert [(e.title, e.arxiv.canonical if e.arxiv else None, e.repo) for e in entries] == [
        (
            "Sparse Voxel Fields for Fast Novel View Synthesis",
            "2312.01111",
            "example/sparse-voxels",
        ),
        (
            "Neural Surface Priors for Indoor Scenes: A Study of Layout Cues in Monocular "
            "Reconstruction Pipelines",
            "2311.02222",
            "example/surface-priors",
        ),
        ("Open-Set Box Refinement", "2402.03333", "example/box-refine"),
        # a plain numbered line over its links; a line ending in ":" introduces the list
        ("Radiance Caching for Sparse Views", "2303.04444", "example/radiance-cache"),
    ]
    assert entries[3].title_source == "plain" and not entries[3].title_confident
    first = entries[0]
    assert (first.line, first.end_line) == (5, 9)
    assert first.section == ("CVPR Papers with Code", "3D Reconstruction")
    assert first.title_source == "emphasis" and first.title_confident
    # the bare URLs are the entry's links (the homepage too)
    assert any(link.kind == "bare" and "voxels.example.org" in link.target for link in first.links)


def test_labelled_links_alone_are_no_paper_and_a_tools_list_is_untouched(tmp_path: Path) -> None:
    # "- Paper: <url>" without a title above: no entry with "Paper: https://…" as a title
    text = "# List\n\n- Paper: https://arxiv.org/abs/2312.01111\n- Code: https://github.com/a/b\n"
    assert parse(text, tmp_path / "README.md").entries == []
    findings = _findings(FORMATS / "label-links.md")
    assert not [f for f in findings if f["severity"] in ("error", "warning")]


def test_badge_lines_belong_to_their_item_and_a_name_before_the_title_is_an_alias() -> None:
    entries = _document("badge-lines.md").entries
    grasp, plan = entries
    assert grasp.title == "Diffusion Policies for Dexterous Grasping"
    assert (grasp.line, grasp.end_line) == (5, 8)
    assert grasp.repo == "example/grasp-diffusion"
    assert any("grasp.example.org" in link.target for link in grasp.links)
    assert plan.title == "Planning with Video Diffusion for Long-Horizon Tasks"
    assert plan.aliases == ["PlanDiff"]


def test_plain_text_citations_and_their_text_ids() -> None:
    entries = _document("citations.md").entries
    plain = [e for e in entries if e.section[-1] == "Plain-text references"]
    assert all(e.title_source == "citation" for e in plain)
    assert [(e.title, e.arxiv.raw if e.arxiv else None) for e in plain] == [
        ("Attention Is All You Need", "1706.03762"),
        ("Deep Residual Learning for Image Recognition", None),
        ("Learning to Count Objects in Video", "2020"),
        ("Segment Anything", "2304.02643"),
    ]
    assert plain[0].arxiv is not None and plain[0].arxiv.canonical == "1706.03762"
    # the notes below are prose, not references
    assert not [e for e in entries if e.section[-1] == "Notes"]


def test_a_malformed_text_id_is_al003_at_its_place() -> None:
    findings = _findings(FORMATS / "citations.md")
    malformed = [f for f in findings if f["code"] == "AL003"]
    assert [(f["line"], f["severity"]) for f in malformed] == [(7, "error")]
    assert "'2020'" in malformed[0]["message"]
    line = (FORMATS / "citations.md").read_text(encoding="utf-8").split("\n")[6]
    assert line[malformed[0]["column"] - 1 :].startswith("2020")


def test_author_first_citations_take_the_title_after_the_authors() -> None:
    entries = [e for e in _document("citations.md").entries if e.section[-1] == "Authors first"]
    assert [(e.title, e.title_source, e.arxiv.canonical if e.arxiv else None) for e in entries] == [
        (
            "Learning Transferable Visual Models From Natural Language Supervision",
            "emphasis",
            "2103.00020",
        ),
        # a quoted title after the authors is the bulleted-item reader's own reading
        ("Denoising Diffusion Probabilistic Models", entries[1].title_source, "2006.11239"),
        (
            "NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis",
            "link-text",
            "2003.08934",
        ),
    ]


def test_arxiv_ids_on_other_hosts_and_hugging_face() -> None:
    entries = _document("paper-hosts.md").entries
    ids = {e.title: e.arxiv.canonical for e in entries if e.arxiv is not None}
    assert ids == {
        "Masked Autoencoders Are Scalable Vision Learners": "2111.06377",
        "Scaling Laws for Neural Language Models": "2001.08361",
        "Emergent Abilities of Large Language Models": "2206.07682",
        "Direct Preference Optimization": "2305.18290",
        "Mamba: Linear-Time Sequence Modeling with Selective State Spaces": "2312.00752",
    }
    # a listing page of Hugging Face is no paper
    assert "Trending papers" not in {e.title for e in entries}


def test_a_doi_is_a_papers_identity_for_duplicates() -> None:
    findings = _findings(FORMATS / "paper-hosts.md")
    duplicates = [f for f in findings if f["code"] == "AL001"]
    assert [f["line"] for f in duplicates] == [15]
    assert "the same DOI 10.1145/3292500.3330701" in duplicates[0]["message"]


def test_a_list_indented_into_a_code_block_is_al105() -> None:
    path = FORMATS / "code-block.md"
    document = _document("code-block.md")
    # GitHub shows the three video papers as raw text: they are no entries
    assert [e.title for e in document.entries] == [
        "High-Resolution Image Synthesis with Latent Diffusion Models"
    ]
    findings = [f for f in _findings(path) if f["code"] == "AL105"]
    # the fenced contribution template and the indented shell snippet are left alone
    assert [(f["line"], f["end_line"], f["severity"]) for f in findings] == [(9, 11, "warning")]
    assert "hiding 3 papers" in findings[0]["message"]
    assert not [f for f in _findings(path) if f["code"] == "AL903"]


def test_references_that_start_with_their_authors() -> None:
    entries = [
        e for e in _document("citations.md").entries if e.section[-1] == "References, authors first"
    ]
    assert [(e.title, e.arxiv.canonical if e.arxiv else None, e.title_source) for e in entries] == [
        ("SparkNet: Training Deep Networks in Spark", "1511.06051", "citation"),
        (
            "Learning Phrase Representations using RNN Encoder-Decoder for Statistical "
            "Machine Translation",
            "1406.1078",
            "citation",
        ),
        (
            "DPM-Solver: A Fast ODE Solver for Diffusion Probabilistic Model Sampling",
            None,
            "citation",
        ),
        ("Deep Learning", None, "emphasis"),
    ]
    # the plain title after an author list is a guess of where it ends: not confident
    assert not any(e.title_confident for e in entries if e.title_source == "citation")


def test_a_paragraph_of_one_paper_per_line() -> None:
    entries = _document("paper-lines.md").entries
    assert [(e.line, e.title, e.arxiv.canonical if e.arxiv else None) for e in entries] == [
        (5, "A Field Guide to Learned Simulators", "2401.01111"),
        (6, "Predictive Models for Embodied Agents: A Survey", "2502.02222"),
        (8, "Learning Physics from Pixels", "2303.03333"),
        # lines continuing one paper (authors, venue) stay one block
        (12, "Latent Planning with Video Priors", "2406.04444"),
    ]
    assert entries[1].end_line == 6 and entries[3].end_line == 14


def test_a_sentence_in_code_is_the_title_and_a_short_code_tag_is_not(tmp_path: Path) -> None:
    text = (
        "# Papers\n\n"
        "1. `LLaMA: Open and Efficient Foundation Language Models.` arxiv 2023\n"
        "   Hugo Touvron, Thibaut Lavril. [[pdf]](https://arxiv.org/abs/2302.13971)\n"
        "2. `CoOp` **Learning to Prompt for Vision-Language Models** "
        "[[paper](https://arxiv.org/abs/2109.01134)]\n"
    )
    entries = parse(text, tmp_path / "README.md").entries
    assert [(e.title, e.aliases) for e in entries] == [
        ("LLaMA: Open and Efficient Foundation Language Models", []),
        ("Learning to Prompt for Vision-Language Models", ["CoOp"]),
    ]


def test_a_bracketed_name_before_the_linked_title_is_an_alias(tmp_path: Path) -> None:
    text = (
        "# Papers\n\n"
        "- (DR-MPC) [DR-MPC: Deep Residual Model Predictive Control for Real-world Social "
        "Navigation](https://arxiv.org/abs/2410.10646), arXiv 2024.\n"
        "- **[2025.01] A Survey on LLM-based Multi-Agent Systems** `[survey]`  \n"
        "  [[Paper](https://arxiv.org/abs/2501.06322)]\n"
        "- **[3DETR] An End-to-End Transformer Model for 3D Object Detection** "
        "[[Paper](https://arxiv.org/abs/2109.08141)]\n"
    )
    entries = parse(text, tmp_path / "README.md").entries
    assert [(e.title, e.aliases) for e in entries] == [
        (
            "DR-MPC: Deep Residual Model Predictive Control for Real-world Social Navigation",
            ["DR-MPC"],
        ),
        ("A Survey on LLM-based Multi-Agent Systems", []),
        ("An End-to-End Transformer Model for 3D Object Detection", ["3DETR"]),
    ]
