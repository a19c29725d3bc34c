"""The lint library under the front ends: ``run(CheckOptions)`` does the work without click,
and the front ends (cli, action, health) hold no lint logic."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from helpers import ROOT, SEED, needs_shared

from awesome_lint.engine import Selection
from awesome_lint.run import CheckOptions, UsageError, run

SEED_FINDINGS = [
    ["AL002", 69, "error"],
    ["AL202", 81, "warning"],
    ["AL005", 100, "warning"],
    ["AL003", 102, "error"],
    ["AL302", 114, "error"],
    ["AL201", 146, "warning"],
]

# A fresh interpreter: the test process itself has click loaded by other tests.
SEED_SCRIPT = """
import json, sys
from pathlib import Path
from awesome_lint.run import CheckOptions, run

result = run(CheckOptions(paths=(Path(sys.argv[1]),)))
print(json.dumps({
    "findings": [
        [d.code, d.span.line, d.severity.label]
        for d in result.diagnostics if d.severity.label != "notice"
    ],
    "files": result.coverage.files,
    "entries": result.coverage.entries,
    "documents": [d.display_path for d in result.documents],
    "network": result.network,
    "loaded": sorted(m for m in ("click", "aiohttp") if m in sys.modules),
}))
"""


def _python(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_run_finds_the_seeds_six_defects_without_click(tmp_path: Path) -> None:
    needs_shared(SEED)
    result = _python(SEED_SCRIPT, str(SEED), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and result.stderr == ""  # run() printed nothing
    data = json.loads(result.stdout)
    assert data["findings"] == SEED_FINDINGS
    assert data["files"] == 1 and data["entries"] == 36
    assert data["documents"] == [str(SEED)]
    assert data["network"] is None  # offline unless asked
    assert data["loaded"] == []  # neither click nor aiohttp


def test_the_action_and_health_do_not_import_the_cli(tmp_path: Path) -> None:
    script = (
        "import sys, awesome_lint.action, awesome_lint.health\n"
        "print(sorted(m for m in ('click', 'awesome_lint.cli') if m in sys.modules))"
    )
    result = _python(script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_usage_errors_are_plain_exceptions_naming_the_problem(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# A list\n")
    (tmp_path / ".awesome-lint.yml").write_text("rules: {AL999: off}\n")
    for options, fragment in (
        (CheckOptions(paths=(readme,)), "rules.AL999: unknown rule"),
        (CheckOptions(paths=(tmp_path / "absent.md",)), "absent.md"),
        (CheckOptions(paths=(readme,), selection=Selection(select=("AL9999",))), "--select"),
        (CheckOptions(paths=(readme,), isolated=True, fix="sometimes"), "fix"),
    ):
        try:
            run(options)
        except UsageError as error:
            assert fragment in str(error) and "\n" not in str(error)
        else:
            raise AssertionError(f"no UsageError for {options}")


def test_fixes_are_planned_or_applied_and_counted(tmp_path: Path) -> None:
    """fix="plan" writes nothing; fix="apply" writes the file and leaves the fixed
    findings out of the result (the CLI prints "Fixed N problems")."""
    readme = tmp_path / "README.md"
    text = "# List\n\n- [Paper]( https://example.org/paper ) is good.\n"
    readme.write_text(text)
    options = CheckOptions(paths=(readme,), isolated=True, selection=Selection(select=("AL302",)))
    planned = run(replace(options, fix="plan"))
    assert planned.fixes is not None and readme.read_text() == text
    assert [len(f.fixed) for f in planned.fixes.planned] == [1]
    assert [d.code for d in planned.diagnostics] == ["AL302"]
    applied = run(replace(options, fix="apply"))
    assert applied.fixes is not None and [d.code for d in applied.fixes.applied] == ["AL302"]
    assert applied.diagnostics == [] and applied.fixes.refused == []
    assert readme.read_text() == "# List\n\n- [Paper](https://example.org/paper) is good.\n"


def test_a_baseline_is_recorded_by_the_run_and_reported_by_the_front_end(
    tmp_path: Path,
) -> None:
    needs_shared(SEED)
    recorded = tmp_path / "baseline.json"
    result = run(CheckOptions(paths=(SEED,), write_baseline=recorded))
    assert result.baseline_written is not None and result.baseline_written >= 6
    assert result.diagnostics == [] and recorded.is_file()
    again = run(CheckOptions(paths=(SEED,), baseline_path=recorded))
    assert again.diagnostics == []


def test_the_front_ends_hold_no_lint_logic() -> None:
    """cli.py and action.py parse arguments, show progress, write reports and choose the
    exit code: they import neither the engine's lint nor the parser's readers."""
    for name in ("cli.py", "action.py"):
        text = (ROOT / "awesome_lint" / name).read_text(encoding="utf-8")
        for forbidden in ("import lint", "lint(", "fix.plan(", "changed_lines(", "NetworkStage"):
            assert forbidden not in text, f"{name}: {forbidden}"
