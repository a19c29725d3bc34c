"""CI outputs: SARIF for code scanning, the job summary, and baselines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
from helpers import ROOT, run_cli

from awesome_lint import report
from awesome_lint.model import Diagnostic, Severity, Span

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "github-sarif.json").read_text())


def _validate(document: dict) -> None:
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)


def test_seed_sarif_is_what_github_requires(seed: Path, tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(seed.parent, copy)
    result = run_cli(
        "--format", "sarif", "README.md", cwd=copy, env={"GITHUB_WORKSPACE": str(copy)}
    )
    assert result.returncode == 1
    document = json.loads(result.stdout)
    _validate(document)
    run = document["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    from awesome_lint import catalog

    assert [rule["id"] for rule in rules] == list(catalog.load())
    for result_ in run["results"]:
        assert rules[result_["ruleIndex"]]["id"] == result_["ruleId"]
        location = result_["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "README.md"
    stray = next(r for r in run["results"] if r["ruleId"] == "AL302" and r["level"] == "error")
    region = stray["locations"][0]["physicalLocation"]["region"]
    line = (copy / "README.md").read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
    # exclusive end column, in code points
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == ")"


def test_sarif_file_alongside_another_format(tmp_path: Path) -> None:
    example = ROOT / "fixtures" / "example" / "README.md"
    out = tmp_path / "out.sarif"
    result = run_cli("--format", "github", "--sarif-file", out, example)
    assert result.stdout.startswith("::")
    _validate(json.loads(out.read_text()))


def test_fingerprints_survive_moving_lines(tmp_path: Path) -> None:
    text = "- [x](https://arxiv.org/abs/2404.089588)\n"
    path = tmp_path / "README.md"
    path.write_text(text)
    first = json.loads(run_cli("--format", "sarif", path, cwd=tmp_path).stdout)
    path.write_text("# Title\n\nIntro.\n\n" + text)
    second = json.loads(run_cli("--format", "sarif", path, cwd=tmp_path).stdout)
    a, b = first["runs"][0]["results"][0], second["runs"][0]["results"][0]
    assert a["locations"] != b["locations"]
    assert a["partialFingerprints"] == b["partialFingerprints"]


def _many(count: int) -> list[Diagnostic]:
    return [
        Diagnostic(
            path="README.md",
            span=Span(line, 1, line, 2),
            code="AL003",
            name="arxiv-id-malformed",
            severity=Severity.ERROR if line % 3 else Severity.WARNING,
            message="malformed arXiv identifier 'x' | <b>" + "y" * 200,
        )
        for line in range(1, count + 1)
    ]


def test_job_summary_counts_and_table() -> None:
    markdown = report.job_summary(_many(6))
    assert markdown.startswith("## awesome-lint\n")
    assert "| AL003 | arxiv-id-malformed | 4 | 2 | 0 |" in markdown
    assert "`README.md:1`" in markdown
    assert "\\|" in markdown and "&lt;b&gt;" in markdown and "<b>" not in markdown


def test_job_summary_stays_below_one_mebibyte() -> None:
    markdown = report.job_summary(_many(20000))
    assert len(markdown.encode("utf-8")) < 1024 * 1024
    assert "more findings not shown" in markdown


def test_summary_is_appended_when_github_asks(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    example = ROOT / "fixtures" / "example" / "README.md"
    run_cli("--format", "github", example, env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert text.startswith("earlier step\n## awesome-lint")
    run_cli("--no-summary", example, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text() == text


def test_baseline_reports_only_new_findings(seed: Path, tmp_path: Path) -> None:
    repo = tmp_path / "list"
    shutil.copytree(seed.parent, repo)
    readme = repo / "README.md"
    baseline = repo / ".awesome-lint-baseline.json"
    recorded = run_cli("--write-baseline", baseline, readme, cwd=repo)
    assert recorded.returncode == 0 and "Recorded" in recorded.stdout
    assert run_cli("--baseline", baseline, readme, cwd=repo).returncode == 0
    # a new defective row above the old ones: a malformed ID and another row's figure
    lines = readme.read_text(encoding="utf-8").split("\n")
    row = (
        "| **A New Paper: Testing Baselines** <br>| new | "
        '<img src="./images/AltCLIP.png"  width="1280px"/> | '
        "[[Paper](https://arxiv.org/pdf/2501.0001)] |"
    )
    lines.insert(21, row)  # the first table, right after its first year row
    readme.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("--baseline", baseline, "--format", "json", readme, cwd=repo)
    findings = json.loads(result.stdout)
    assert result.returncode == 1
    assert {f["line"] for f in findings} == {22}, findings
    assert {f["code"] for f in findings} >= {"AL003", "AL202"}


def test_bad_baseline_file(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    (tmp_path / "b.json").write_text("{nope")
    result = run_cli("--baseline", "b.json", "README.md", cwd=tmp_path)
    assert result.returncode == 2 and "b.json" in result.stderr and "Traceback" not in result.stderr


def _summary_rows(tmp_path: Path, env: dict[str, str], cwd: Path, *paths: str) -> list[str]:
    summary = tmp_path / "summary.md"
    summary.write_text("")
    result = run_cli(
        "--format", "github", *paths, cwd=cwd, env={**env, "GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.returncode == 1, result.stderr
    return [
        line
        for line in summary.read_text().splitlines()
        if line.startswith("| [`") or line.startswith("| `")
    ]


def test_job_summary_rows_link_to_the_line(tmp_path: Path) -> None:
    """A reviewer clicks from the summary to the row: the pull request's head commit from
    the event payload, else GITHUB_SHA; the path relative to the repository."""
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "fixtures" / "example", workspace / "docs" / "my list")
    head, pushed = "a" * 40, "b" * 40
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps({"pull_request": {"head": {"sha": head}, "base": {"sha": "c" * 40}}})
    )
    env = {
        "GITHUB_SERVER_URL": "https://github.example",
        "GITHUB_REPOSITORY": "octo-org/papers.list",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_SHA": pushed,
    }
    rows = _summary_rows(tmp_path, env, workspace, "docs/my list/README.md")
    expected = json.loads((ROOT / "fixtures" / "example" / "EXPECTED.json").read_text())
    assert len(rows) == len(expected)
    first = (
        "| [`docs/my list/README.md:34`](https://github.example/octo-org/papers.list/blob/"
        + head
        + "/docs/my%20list/README.md#L34) | AL002 |"
    )
    assert any(row.startswith(first) for row in rows), rows[:3]
    assert all(f"/blob/{head}/docs/my%20list/README.md#L" in row for row in rows)
    # a push: GITHUB_SHA; run from a subfolder, the path is still the repository's
    event.write_text(json.dumps({"ref": "refs/heads/main"}))
    rows = _summary_rows(tmp_path, env, workspace / "docs", "my list/README.md")
    assert all(
        f"(https://github.example/octo-org/papers.list/blob/{pushed}/docs/my%20list/README.md#L"
        in row
        for row in rows
    )
    assert any(row.startswith("| [`my list/README.md:34`](") for row in rows)
    # outside GitHub (no repository, or nothing that looks like a commit): no links
    for missing in ({"GITHUB_REPOSITORY": ""}, {"GITHUB_SHA": "HEAD", "GITHUB_EVENT_PATH": ""}):
        rows = _summary_rows(tmp_path, {**env, **missing}, workspace, "docs/my list/README.md")
        assert rows and all(row.startswith("| `docs/my list/README.md:") for row in rows)
