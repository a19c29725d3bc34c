"""The command line as a user meets it: real processes, real files, exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

EXAMPLE = ROOT / "fixtures" / "example" / "README.md"
CLEAN = ROOT / "fixtures" / "clean" / "README.md"


def _one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_missing_path(tmp_path: Path) -> None:
    _one_line_error(run_cli(tmp_path / "nope.md"), "nope.md", "no such file")


def test_folder_without_markdown(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    _one_line_error(run_cli(tmp_path), str(tmp_path), "no markdown files")


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(b"# Title\n\ncaf\xe9 au lait\n")
    _one_line_error(run_cli(path), "README.md:3", "not valid UTF-8", "0xe9")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _one_line_error(run_cli(path), "README.md", "binary")


def test_malformed_yaml(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    (tmp_path / ".awesome-lint.yml").write_text("rules:\n  AL001: [unclosed\n")
    _one_line_error(run_cli("README.md", cwd=tmp_path), ".awesome-lint.yml", "invalid YAML", "line")


def test_unknown_config_key(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    (tmp_path / ".awesome-lint.yml").write_text("rulez:\n  AL001: off\n")
    _one_line_error(
        run_cli("README.md", cwd=tmp_path), ".awesome-lint.yml", "rulez", "unknown key", "rules"
    )


def test_bad_rule_option_names_the_key_path(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    (tmp_path / ".awesome-lint.yml").write_text(
        "rules:\n  arxiv-year-mismatch:\n    max_years_before: soon\n"
    )
    _one_line_error(
        run_cli("README.md", cwd=tmp_path), "rules.arxiv-year-mismatch.max_years_before", "soon"
    )


def test_bad_severity_lists_the_allowed_values(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    (tmp_path / ".awesome-lint.yml").write_text("rules:\n  AL001: loud\n")
    _one_line_error(run_cli("README.md", cwd=tmp_path), "rules.AL001", "loud", "error, warning")


def test_unknown_rule_in_select(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    _one_line_error(run_cli("--select", "AL999", "README.md", cwd=tmp_path), "--select", "AL999")


def test_empty_file_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("")
    result = run_cli(path)
    assert result.returncode == 0, result.stderr
    assert "All checks passed" in result.stdout


def test_default_path_is_readme(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("- [x](https://arxiv.org/abs/2404.089588)\n")
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 1
    assert "README.md:1:" in result.stdout and "AL003" in result.stdout


def test_example_list_text_format() -> None:
    result = run_cli(EXAMPLE)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith(
        "Checked 1 file, 18 entries. Found 23 problems (12 errors, 9 warnings, 2 notices"
    )
    first = lines[0]
    # path:line:col: CODE [severity] message
    assert first.startswith("fixtures/example/README.md:") or ":8:28: AL103 [warning]" in first
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_colour_can_be_forced() -> None:
    result = run_cli(EXAMPLE, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in result.stdout


def test_json_format_fields() -> None:
    result = run_cli("--format", "json", EXAMPLE)
    findings = json.loads(result.stdout)
    assert isinstance(findings, list)
    required = {
        "path", "line", "column", "end_line", "end_column", "code", "name", "severity",
        "message", "related", "fixable",
    }  # fmt: skip
    for finding in findings:
        assert required <= set(finding)
        assert finding["severity"] in ("error", "warning", "notice")
        assert finding["end_line"] >= finding["line"]
        for related in finding["related"]:
            assert {"path", "line"} <= set(related)
    duplicate = next(f for f in findings if f["code"] == "AL002")
    assert duplicate["name"] == "arxiv-id-conflict"
    assert duplicate["related"][0]["line"] == 33


def test_exit_zero_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli("--exit-zero", "--format", "json", "--output", out, EXAMPLE)
    assert result.returncode == 0
    assert result.stdout == ""
    assert len(json.loads(out.read_text())) == 23
    assert not list(tmp_path.glob(".*.tmp"))


def test_statistics() -> None:
    result = run_cli("--statistics", EXAMPLE)
    lines = result.stdout.strip().splitlines()
    assert result.returncode == 1
    counts = {line.split("\t")[1]: line.split("\t") for line in lines[:-1]}
    assert counts["AL302"][0] == "3" and counts["AL302"][2] == "[*]"
    assert counts["AL302"][3] == "malformed-link"
    assert lines[-1].startswith("Checked 1 file, 18 entries. Found 23 problems")


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(
        "- [Pruning](#pruning)\n- [MoE](#moe)\n- [Other](#other)\n\n## Pruning\n## MoE\n"
    )
    result = run_cli(path)
    assert result.returncode == 0
    assert "AL103 [warning]" in result.stdout


def test_select_ignore_and_names() -> None:
    only = json.loads(
        run_cli("--format", "json", "--select", "AL003,duplicate-entry", EXAMPLE).stdout
    )
    assert {f["code"] for f in only} == {"AL003", "AL001"}
    without = json.loads(
        run_cli("--format", "json", "--ignore", "AL3", "--ignore", "AL9", EXAMPLE).stdout
    )
    assert not any(f["code"].startswith(("AL3", "AL9")) for f in without)
    extended = json.loads(run_cli("--format", "json", "--extend-select", "AL204", EXAMPLE).stdout)
    assert any(f["code"] == "AL204" for f in extended)


def test_folder_means_its_markdown_files(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("- [x](https://arxiv.org/abs/2404.089588)\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.markdown").write_text("- [y](https://arxiv.org/abs/1501.0001)\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.md").write_text("- [z](https://arxiv.org/abs/2013.00001)\n")
    result = run_cli("--format", "json", tmp_path, cwd=tmp_path)
    paths = {f["path"] for f in json.loads(result.stdout)}
    assert paths == {"a.md", "sub/b.markdown"}


def test_subcommand_named_path_needs_check(tmp_path: Path) -> None:
    (tmp_path / "rules").write_text("- [x](https://arxiv.org/abs/2404.089588)\n")
    listing = run_cli("rules", cwd=tmp_path)
    assert listing.returncode == 0 and "AL001" in listing.stdout
    linted = run_cli("check", "rules", cwd=tmp_path)
    assert linted.returncode == 1 and "AL003" in linted.stdout


def test_rules_and_explain() -> None:
    listing = run_cli("rules", "--format", "json")
    rules = json.loads(listing.stdout)
    assert {r["code"] for r in rules} >= {"AL001", "AL003", "AL102", "AL902", "AL903"}
    assert next(r for r in rules if r["code"] == "AL204")["default"] == "off"
    explained = run_cli("explain", "badge-repo-mismatch")
    assert explained.returncode == 0
    assert explained.stdout.startswith("AL303 badge-repo-mismatch")
    assert "Reported:" in explained.stdout
    _one_line_error(run_cli("explain", "AL777"), "AL777")


def test_python_dash_m_and_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and "awesome-lint" in result.stdout


@pytest.mark.parametrize("flag", ["--offline", "--online"])
def test_network_flags_are_accepted(flag: str, tmp_path: Path) -> None:
    import shutil
    import socket

    with socket.socket() as sock:  # a loopback port nobody listens on: no network
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    folder = tmp_path / "clean"
    shutil.copytree(CLEAN.parent, folder)
    (folder / ".awesome-lint.yml").write_text(
        f"links: {{probe_url: '{closed}/'}}\narxiv: {{api_url: '{closed}/api'}}\n"
        f"github: {{api_url: '{closed}'}}\n"
    )
    result = run_cli(flag, "--format", "json", "README.md", cwd=folder)
    assert result.returncode == 0, result.stderr
    notices = [f["code"] for f in json.loads(result.stdout)]
    assert notices == (["AL901"] if flag == "--online" else [])


def test_export_papers_as_data(tmp_path: Path) -> None:
    result = run_cli("export", CLEAN)
    assert result.returncode == 0, result.stderr
    papers = json.loads(result.stdout)
    assert len(papers) == 15
    clip = papers[0]
    assert clip["title"] == "Learning Transferable Visual Models From Natural Language Supervision"
    assert (clip["arxiv_id"], clip["year"], clip["repo"]) == ("2103.00020", 2021, "openai/CLIP")
    assert clip["section"][-1] == "Train" and clip["images"] == ["./images/CLIP.png"]
    assert {link["label"] for link in clip["links"]} == {"Github", "Paper"}
    out = tmp_path / "papers.csv"
    run_cli("export", "--format", "csv", "--output", out, CLEAN)
    rows = out.read_text().splitlines()
    header = (
        "path,line,start_line,end_line,form,section,year,date,title,title_source,title_confident,"
    )
    assert rows[0].startswith(header) and len(rows) == 16
