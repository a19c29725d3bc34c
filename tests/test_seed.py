"""The list that started it all: exactly its six real defects at error/warning severity."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_cli

EXPECTED = {
    ("AL002", 69, "error"),
    ("AL202", 81, "warning"),
    ("AL005", 100, "warning"),
    ("AL003", 102, "error"),
    ("AL302", 114, "error"),
    ("AL201", 146, "warning"),
}


def test_seed_reports_exactly_its_defects(seed: Path) -> None:
    result = run_cli("--offline", "--format", "json", seed)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    serious = {(f["code"], f["line"], f["severity"]) for f in findings if f["severity"] != "notice"}
    assert serious == EXPECTED
    by_code = {f["code"]: f for f in findings if f["severity"] != "notice"}
    assert by_code["AL002"]["related"][0]["line"] == 41
    assert "2211.01335" in by_code["AL002"]["message"]
    assert "AltCLIP" in by_code["AL202"]["message"]
    assert by_code["AL202"]["related"][0]["line"] == 37
    assert "2404.089588" in by_code["AL003"]["message"]
    notices = [f for f in findings if f["severity"] == "notice"]
    assert any(f["code"] == "AL302" and f["line"] == 95 for f in notices)
