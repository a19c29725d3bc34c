"""The real lists in ../shared/corpus: no crash, paper rows parsed, the known defects
reported and the known traps left alone (see KNOWN-DEFECTS.md there)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CORPUS, run_cli

from awesome_lint.parser import parse

TABLE_LISTS = [
    "BradyFU__Awesome-Multimodal-Large-Language-Models/README.md",
    "horseee__Awesome-Efficient-LLM/README.md",
    "horseee__Awesome-Efficient-LLM/pruning.md",
    "Geeks-Z__Class-Incremental-Learning/README.md",
    "Hannibal046__Awesome-LLM/README.md",
    "zhengli97__Awesome-Prompt-Adapter-Learning-for-VLMs/README.md",
    "DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/image-and-video-synthesis-and-generation.md",
]


def _markdown_files() -> Iterator[Path]:
    if not CORPUS.exists():
        return iter(())
    return (
        path
        for path in sorted(CORPUS.rglob("*.md"))
        if path.name not in ("SOURCE.md", "KNOWN-DEFECTS.md")
    )


def _findings(corpus: Path, name: str) -> list[dict]:
    result = run_cli("--format", "json", "--offline", corpus / name)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _has(findings: list[dict], code: str, line: int, text: str = "") -> bool:
    return any(f["code"] == code and f["line"] == line and text in f["message"] for f in findings)


def test_every_corpus_file_lints_without_crashing(corpus: Path) -> None:
    files = list(_markdown_files())
    assert len(files) > 20
    result = run_cli("--format", "json", "--offline", *files)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert isinstance(json.loads(result.stdout), list)


@pytest.mark.parametrize("name", TABLE_LISTS)
def test_table_lists_parse_their_paper_rows(corpus: Path, name: str) -> None:
    path = corpus / name
    document = parse(path.read_text(encoding="utf-8"), path)
    rows = {
        row.line
        for table in document.tables
        for row in table.rows
        if any(
            link.target.startswith("http") and not link.is_image
            for cell in row.cells
            for link in cell.links
        )
    }
    titled = {entry.line for entry in document.entries if entry.title}
    assert rows, name
    assert len(rows & titled) >= 0.95 * len(rows), sorted(rows - titled)[:10]


def test_multimodal_llm_list(corpus: Path) -> None:
    findings = _findings(corpus, "BradyFU__Awesome-Multimodal-Large-Language-Models/README.md")
    assert _has(findings, "AL303", 128, "GLM-4.1V-Thinking")
    assert _has(findings, "AL303", 525, "MMGenBench")
    # the descending Date column's misplaced rows: 2026-04-08 below 2026-04-06 (L96), and
    # 2023-10-17 among the 2024 rows (L529, the row above L530's inversion)
    assert _has(findings, "AL101", 96, "2026-04-08") and _has(findings, "AL101", 529, "2023-10-17")
    # L588 leaves out its last cell (a notice for its table); L710 has a cell too many, so
    # GitHub drops its description (an error)
    assert _has(findings, "AL102", 588, "leaves out trailing cells")
    assert [f["severity"] for f in findings if f["code"] == "AL102" and f["line"] == 710] == [
        "error"
    ]
    empty = [f for f in findings if f["code"] == "AL302" and "empty link target" in f["message"]]
    assert len(empty) == 19
    # trap: dataset and benchmark rows reuse their paper's arXiv ID (ViP-LLaVA-Instruct on
    # line 638 shares 2312.00784 with ViP-LLaVA; the I4 row on line 732 gives 2308.04152
    # under the paper's old title, which arXiv's title check, AL004, reports online)
    assert not [f for f in findings if f["code"] == "AL002"]
    # cross-listing across sections is a notice at most
    assert all(f["severity"] == "notice" for f in findings if f["code"] == "AL001")


def test_efficient_llm_lists(corpus: Path) -> None:
    readme = _findings(corpus, "horseee__Awesome-Efficient-LLM/README.md")
    assert any(f["code"] == "AL103" and "#efficient_moe" in f["message"] for f in readme)
    pruning = _findings(corpus, "horseee__Awesome-Efficient-LLM/pruning.md")
    assert _has(pruning, "AL003", 85, "2407.11681mini")
    assert _has(pruning, "AL303", 74, "shadow_llm")
    for findings in (readme, pruning):
        # traps: the `| [//]: #MM/DD |` cell convention, arXiv-hosted figures, badges in
        # empty links, cross-listed papers
        assert not [f for f in findings if f["code"] == "AL102"]
        assert not [f for f in findings if f["code"] == "AL302"]
        assert not [f for f in findings if f["code"] == "AL003" and f["line"] != 85]
        assert all(f["severity"] == "notice" for f in findings if f["code"] == "AL001")


def test_knowledge_distillation_list(corpus: Path) -> None:
    findings = _findings(corpus, "Tebmer__Awesome-Knowledge-Distillation-of-LLMs/README.md")
    # trap: ~200 rows leave out their Code/Data cells; one notice per table, no error
    shape = [f for f in findings if f["code"] == "AL102"]
    assert shape and all(f["severity"] == "notice" for f in shape)
    assert len(shape) == len({f["message"].split(" at line ")[1].split()[0] for f in shape})
    # the descending Date column: 2024-02 above the 2024-04 and 2024-03 rows
    assert _has(findings, "AL101", 226, "2024-02")
    # a typo'd title under one arXiv ID is one paper listed twice, not a wrong ID
    assert _has(findings, "AL001", 454, "'Constitutional'/'Consitutional'")
    assert _has(findings, "AL001", 451, "'Feedbacks'/'Feedback'")
    conflicts = sorted(f["line"] for f in findings if f["code"] == "AL002")
    assert conflicts == [289, 450]  # a wrong ID; one paper under its old and new names


def test_class_incremental_list(corpus: Path) -> None:
    findings = _findings(corpus, "Geeks-Z__Class-Incremental-Learning/README.md")
    assert _has(findings, "AL302", 42, "'2021'")
    # trap: results tables repeat method names per dataset
    assert not [f for f in findings if f["code"] in ("AL001", "AL002")]


def test_llm_list(corpus: Path) -> None:
    findings = _findings(corpus, "Hannibal046__Awesome-LLM/README.md")
    assert _has(findings, "AL302", 546, "[https://github.com/simonw/llm")
    assert not [f for f in findings if f["code"] == "AL002"]


def test_deep_learning_papers_list(corpus: Path) -> None:
    findings = _findings(corpus, "terryum__awesome-deep-learning-papers/README.md")
    assert _has(findings, "AL302", 349, "glued")
    assert _has(findings, "AL302", 189, "stray")
    # trap: old 4-digit IDs are valid; only the glued link's ID is malformed (issue 17)
    assert [f["line"] for f in findings if f["code"] == "AL003"] == [349]


def test_nerf_list(corpus: Path) -> None:
    findings = _findings(corpus, "awesome-NeRF__awesome-NeRF/README.md")
    assert _has(findings, "AL301", 168, ".citations/instantpose.txt")
    assert all(f["severity"] == "notice" for f in findings if f["code"] == "AL001")


def test_transformer_list_empty_paper_link(corpus: Path) -> None:
    findings = _findings(corpus, "cmhungsteve__Awesome-Transformer-Attention/README.md")
    assert _has(findings, "AL302", 1539, "empty link target")


def test_cvpr_section_is_a_clean_control(corpus: Path) -> None:
    name = (
        "DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/"
        "image-and-video-synthesis-and-generation.md"
    )
    findings = _findings(corpus, name)
    assert not [f for f in findings if f["code"] == "AL308"]
    assert not [f for f in findings if f["severity"] == "error"]


@pytest.mark.parametrize(
    "name", ["sindresorhus__awesome/readme.md", "vinta__awesome-python/README.md"]
)
def test_general_lists_get_no_paper_defects(corpus: Path, name: str) -> None:
    paper_rules = {"AL001", "AL002", "AL003", "AL005", "AL101", "AL102", "AL201", "AL202"}
    paper_rules |= {"AL303", "AL308"}
    findings = _findings(corpus, name)
    assert not [f for f in findings if f["code"] in paper_rules]


_ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5})")


def _paper_lists() -> list[str]:
    """Corpus lists with at least 20 distinct arXiv IDs in their text."""
    return [
        str(path.relative_to(CORPUS))
        for path in _markdown_files()
        if len(set(_ARXIV_ID.findall(path.read_text(encoding="utf-8")))) >= 20
    ]


# Lists whose format no reader handles yet (issue 16). Strict: the mark fails the run as soon
# as a list reaches the goal, so that it is removed with the reader that fixes it.
_NOT_READ_YET: set[str] = set()


def _coverage_cases() -> list:
    return [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason="issue 16: no reader for this format yet"),
        )
        if name in _NOT_READ_YET
        else name
        for name in _paper_lists() or ["(corpus absent)"]
    ]


@pytest.mark.parametrize("name", _coverage_cases())
def test_every_format_is_read_into_entries(corpus: Path, name: str) -> None:
    """At least 95% of the distinct arXiv IDs in a list's text are exported as entries,
    whatever its format (pipe tables, bullets, blocks, HTML), counted independently."""
    path = corpus / name
    in_text = set(_ARXIV_ID.findall(path.read_text(encoding="utf-8")))
    result = run_cli("export", "--format", "json", path)
    assert result.returncode == 0, result.stderr
    exported = {record["arxiv_id"] for record in json.loads(result.stdout)}
    share = len(in_text & exported) / len(in_text)
    assert share >= 0.95, f"{name}: {share:.1%}; missing {sorted(in_text - exported)[:10]}"


def test_segment_anything_list(corpus: Path) -> None:
    findings = _findings(corpus, "liliu-avril__Awesome-Segment-Anything/README.md")
    # Med-K2N carries SegMASt3R's ID; DSU-Net and DGSUnet share one ID (one paper, two names)
    assert _has(findings, "AL002", 5348, "SegMASt3R")
    assert _has(findings, "AL002", 8877, "DSU-Net")
    assert _has(findings, "AL302", 8992, "the target is not a URL")
    assert _has(findings, "AL304", 4540, "code")
    # trap: the closing table's project rows have "-" in the paper columns
    assert not [f for f in findings if f["code"] == "AL102" and f["line"] > 9995]
    assert not [f for f in findings if f["code"] == "AL903" and f["severity"] != "notice"]


def test_diffusion_list(corpus: Path) -> None:
    findings = _findings(corpus, "hee9joon__Awesome-Diffusion-Models/README.md")
    assert _has(findings, "AL002", 11119, "DisDiff")  # 'Salient Conditional Diffusion…'
    assert _has(findings, "AL001", 11123, "Extracting Training Data from Diffusion Models")
    assert _has(findings, "AL002", 4228, "RainDiffusion")  # Dif-Fusion's second ID
    empty = [f for f in findings if f["code"] == "AL302" and "empty link target" in f["message"]]
    assert len(empty) >= 2
    dates = [f for f in findings if f["code"] == "AL101"]
    assert len({f["message"].split(" sorted ")[0] for f in dates}) >= 15
    # trap: titles cross-listed in several sections are notices at most
    errors = [f for f in findings if f["code"] == "AL001" and f["severity"] == "error"]
    assert all("in this section" in f["message"] for f in errors)


def test_transformer_list(corpus: Path) -> None:
    findings = _findings(corpus, "cmhungsteve__Awesome-Transformer-Attention/README.md")
    for line, title in (
        (430, "Multi-Exit Vision Transformer"),
        (623, "PatchRot"),
        (1059, "Lite DETR"),
        (1816, "AttentionShift"),
    ):
        assert _has(findings, "AL001", line, title), title
    assert _has(findings, "AL001", 1438, "DeepSolo")
    assert _has(findings, "AL002", 563, "ParC-Net")  # EdgeFormer / ParC-Net, 2203.03952
    assert _has(findings, "AL002", 952, "Local Attention")  # 2106.04263 under two names
    # trap: different papers sharing an acronym are not duplicates
    for name in ("CrossFormer", "SparseFormer", "MaskCLIP"):
        assert not [
            f for f in findings if f["code"] in ("AL001", "AL002") and f"'{name}" in f["message"]
        ], name


def test_reasoning_list_inline_html_anchors(corpus: Path) -> None:
    findings = _findings(corpus, "atfortes__Awesome-LLM-Reasoning/README.md")
    # trap: <a name="readme-top"> and ### <h3 id="mllm"> are real link targets
    assert not [f for f in findings if f["code"] == "AL103"]


def test_lower_case_readme_is_the_default(corpus: Path) -> None:
    folder = corpus / "IDEA-Research__awesome-detection-transformer"
    result = run_cli("--format", "json", "--offline", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    summary = run_cli("--offline", cwd=folder).stdout.strip().splitlines()[-1]
    assert summary.startswith("Checked 1 file, ")
    assert int(summary.split(", ")[1].split()[0]) >= 70  # its <p><b> paper blocks


def test_robotics_diffusion_list(corpus: Path) -> None:
    name = "showlab__Awesome-Robotics-Diffusion/README.md"
    findings = _findings(corpus, name)
    # BridgeData V2's title links DexArt's ID (L94); its own arXiv badge (L96) links another
    assert _has(findings, "AL002", 94, "2305.05706")
    assert _has(findings, "AL308", 96, "2308.12952")
    assert [f["line"] for f in findings if f["code"] == "AL308"] == [96]
    # trap: "+ Name: [Full title](url)": the linked text is the title, the name an alias
    path = corpus / name
    entries = parse(path.read_text(encoding="utf-8"), path).entries
    unipi = next(e for e in entries if e.aliases == ["UniPi"])
    assert unipi.title == "Learning Universal Policies via Text-Guided Video Generation"
