"""The project's example lists: every deliberate defect found, the clean list clean."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from helpers import ROOT, run_cli

sys.path.insert(0, str(ROOT / "fixtures"))

from listgen import write_list

EXAMPLE = ROOT / "fixtures" / "example"


def test_example_reports_exactly_the_expected_findings() -> None:
    result = run_cli("--format", "json", EXAMPLE / "README.md")
    assert result.returncode == 1
    got = sorted((f["code"], f["line"], f["severity"]) for f in json.loads(result.stdout))
    expected = json.loads((EXAMPLE / "EXPECTED.json").read_text())
    assert got == sorted((e["code"], e["line"], e["severity"]) for e in expected)


def test_example_covers_every_rule_on_by_default() -> None:
    from awesome_lint import catalog

    expected = {e["code"] for e in json.loads((EXAMPLE / "EXPECTED.json").read_text())}
    # offline rules; AL901 needs a check that can't run (a changed-lines base, the network)
    on = {code for code, info in catalog.load().items() if info.enabled and not info.network}
    assert on - {"AL901"} <= expected


def test_example_off_by_default_rules() -> None:
    result = run_cli("--format", "json", "--select", "AL204,AL306", EXAMPLE / "README.md")
    findings = json.loads(result.stdout)
    unused = {f["message"].split("'")[1] for f in findings if f["code"] == "AL204"}
    assert "images/unused-figure.png" in unused
    assert "images/maskclip.png" not in unused  # referenced, in the wrong case (AL203)
    assert any(f["code"] == "AL306" and f["line"] == 66 for f in findings)  # a /pdf/ link


def test_clean_list_is_clean_with_every_rule() -> None:
    result = run_cli("--select", "ALL", ROOT / "fixtures" / "clean" / "README.md")
    assert result.returncode == 0, result.stdout
    assert "All checks passed!" in result.stdout


def test_generated_1000_entry_list_is_clean(tmp_path: Path) -> None:
    readme = write_list(tmp_path / "list", 1000)
    result = run_cli("--format", "json", readme)
    findings = json.loads(result.stdout)
    assert [f for f in findings if f["severity"] != "notice"] == []
    assert result.returncode == 0
    # and the parser saw every paper
    from awesome_lint.parser import parse

    document = parse(readme.read_text(encoding="utf-8"), readme)
    assert len(document.entries) == 1000
    assert all(e.title and e.arxiv and e.arxiv.canonical and e.images for e in document.entries)
