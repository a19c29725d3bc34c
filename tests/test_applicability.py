"""Fix applicability as ruff has it (issue 12): a fix is safe (--fix applies it) or unsafe
(a guess: --unsafe-fixes too); the summary, --statistics, JSON, --diff and --fix say which."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import ROOT, run_cli

from awesome_lint import report
from awesome_lint.model import Diagnostic, Edit, Fix, Severity, Span

# The example list has three findings with a safe fix (two AL302, one AL203) and one whose
# fix is a guess (AL103: '#few_shot--zero-shot' is probably '#few-shot--zero-shot').
SAFE, UNSAFE = 3, 1


def _example(tmp_path: Path) -> Path:
    folder = tmp_path / "list"
    shutil.copytree(ROOT / "fixtures" / "example", folder)
    return folder / "README.md"


def test_the_summary_counts_safe_fixes_and_names_the_unsafe_ones(tmp_path: Path) -> None:
    readme = _example(tmp_path)
    summary = run_cli(readme).stdout.splitlines()[-1]
    assert summary.endswith(
        f"Found 23 problems (12 errors, 9 warnings, 2 notices). "
        f"{SAFE} fixable with --fix ({UNSAFE} more with --unsafe-fixes)."
    ), summary


def test_json_fix_has_applicability_message_and_edits(tmp_path: Path) -> None:
    findings = json.loads(run_cli("--format", "json", _example(tmp_path)).stdout)
    fixes = [f["fix"] for f in findings if f["fix"] is not None]
    assert all(set(fix) == {"applicability", "message", "edits"} for fix in fixes)
    kinds = sorted(fix["applicability"] for fix in fixes)
    assert kinds == ["safe"] * SAFE + ["unsafe"] * UNSAFE
    guess = next(f for f in findings if f["fix"] and f["fix"]["applicability"] == "unsafe")
    assert guess["code"] == "AL103" and guess["fix"]["message"] == "link to '#few-shot--zero-shot'"
    assert all(f["fixable"] == (f["fix"] is not None) for f in findings)


def test_statistics_mark_safe_star_and_unsafe_only_dash(tmp_path: Path) -> None:
    readme = _example(tmp_path)
    result = run_cli("--statistics", readme)
    rows = {line.split("\t")[1]: line.split("\t")[2] for line in result.stdout.splitlines()[:-1]}
    assert rows["AL302"] == "[*]" and rows["AL203"] == "[*]"
    assert rows["AL103"] == "[-]"  # its only fix is a guess
    assert rows["AL201"] == "[ ]"
    as_json = json.loads(run_cli("--statistics", "--format", "json", readme).stdout)
    by_code = {row["code"]: row for row in as_json["rules"]}
    assert by_code["AL103"]["fixable"] is False and by_code["AL103"]["unsafe_fixable"] is True
    assert by_code["AL302"]["fixable"] is True and by_code["AL302"]["unsafe_fixable"] is False


def test_diff_and_fix_say_what_they_left_out(tmp_path: Path) -> None:
    readme = _example(tmp_path)
    diff = run_cli("--diff", readme)
    assert (
        diff.stderr.strip()
        == "Would fix 3 problems (1 unsafe fix not applied: use --unsafe-fixes)."
    )
    assert "few-shot--zero-shot" not in diff.stdout
    everything = run_cli("--diff", "--unsafe-fixes", readme)
    assert everything.stderr.strip() == "Would fix 4 problems."
    assert "+  - [Few-Shot & Zero-Shot](#few-shot--zero-shot)" in everything.stdout

    fixed = run_cli("--fix", readme)
    assert (
        fixed.stderr.strip() == "Fixed 3 problems (1 unsafe fix not applied: use --unsafe-fixes)."
    )
    after = readme.read_bytes()
    # what is left: the guess only, and the summary says so
    summary = run_cli(readme).stdout.splitlines()[-1]
    assert summary.endswith(". 0 fixable with --fix (1 more with --unsafe-fixes)."), summary
    again = run_cli("--fix", readme)
    assert (
        again.stderr.strip() == "Fixed 0 problems (1 unsafe fix not applied: use --unsafe-fixes)."
    )
    assert readme.read_bytes() == after
    unsafe = run_cli("--fix", "--unsafe-fixes", readme)
    assert unsafe.stderr.strip() == "Fixed 1 problem."
    assert "fixable" not in run_cli(readme).stdout.splitlines()[-1]


def _diagnostic(safe: bool | None) -> Diagnostic:
    span = Span(1, 1, 1, 2)
    fix = None if safe is None else Fix("do it", (Edit(span, "x"),), safe=safe)
    return Diagnostic("README.md", span, "AL302", "malformed-link", Severity.NOTICE, "m", fix=fix)


def test_summary_wording() -> None:
    assert report.summary([_diagnostic(None)]) == "Found 1 problem (1 notice)."
    assert report.summary([_diagnostic(True)] * 2) == (
        "Found 2 problems (2 notices). 2 fixable with --fix."
    )
    assert report.summary([_diagnostic(True), _diagnostic(False), _diagnostic(False)]) == (
        "Found 3 problems (3 notices). 1 fixable with --fix (2 more with --unsafe-fixes)."
    )
