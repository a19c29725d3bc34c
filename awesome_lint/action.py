"""The GitHub Action's lint step: inputs from the environment, the pull request's base from
the event, annotations on stdout, the job summary, outputs, and an exit status that follows
``fail-on``.

``action.yml`` maps every input into the step's environment (composite actions get no
``INPUT_*`` variables of their own) and runs ``python -m awesome_lint.action``.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from .changes import event_base_sha
from .model import Severity
from .output import ReportOptions, check, write_reports
from .printable import visible
from .report import escape_data
from .run import CheckOptions, UsageError, run
from .userdirs import CACHE_DIR_VARIABLE

FAIL_ON = ("error", "warning", "never")
CHECK_LINKS = ("changed", "all", "none")


class InputProblem(Exception):
    pass


def _input(name: str, default: str = "") -> str:
    return os.environ.get(f"INPUT_{name}", default).strip()


def _choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = _input(name, default).lower() or default
    if value not in allowed:
        key = name.lower().replace("_", "-")
        raise InputProblem(f"input '{key}': '{value}' is not one of {', '.join(allowed)}")
    return value


def _event() -> dict[str, Any]:
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _flag(name: str, default: bool) -> bool:
    value = _input(name).lower()
    if not value:
        return default
    if value in ("true", "yes", "1", "on"):
        return True
    if value in ("false", "no", "0", "off"):
        return False
    key = name.lower().replace("_", "-")
    raise InputProblem(f"input '{key}': '{value}' is not true or false")


def _only_changed(is_pull_request: bool) -> bool:
    return _flag("ONLY_CHANGED", is_pull_request)


def _html_report_path() -> Path | None:
    """Where the gallery report goes when the html-report input asks for it: the runner's
    temporary folder, from which the next step uploads it."""
    if not _flag("HTML_REPORT", False):
        return None
    folder = Path(os.environ.get("RUNNER_TEMP") or tempfile.gettempdir()) / "awesome-lint"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "awesome-lint-report.html"


def _cache_folder() -> None:
    """With ``cache: false`` nothing is restored or saved: the cache lives where it would
    without the Action (on a self-hosted runner, the user's cache folder)."""
    if not _flag("CACHE", True):
        os.environ.pop(CACHE_DIR_VARIABLE, None)


def options_from_inputs() -> tuple[CheckOptions, ReportOptions, str]:
    """The check to run, its reports and the fail-on level, from the step's environment."""
    event = _event()
    is_pull_request = "pull_request" in event or os.environ.get("GITHUB_EVENT_NAME", "") in (
        "pull_request",
        "pull_request_target",
    )
    only_changed = _only_changed(is_pull_request)
    check_links = _choice("CHECK_LINKS", CHECK_LINKS, "changed")
    fail_on = _choice("FAIL_ON", FAIL_ON, "error")
    paths = tuple(Path(p) for p in shlex.split(_input("PATHS", "README.md"))) or (
        Path("README.md"),
    )
    base = event_base_sha() if only_changed else None
    config = _input("CONFIG")
    sarif = _input("SARIF_FILE")
    baseline = _input("BASELINE")
    html_report = _html_report_path()
    github_api_url = _input("GITHUB_API_URL")
    options = CheckOptions(
        paths=paths,
        config_path=Path(config) if config else None,
        online=check_links != "none",
        all_links=check_links == "all",
        # a push has no base: everything is linted
        changed_since=base if only_changed and base else None,
        baseline_path=Path(baseline) if baseline else None,
        # the workflow's own API (github.api_url), never one from the repository's config
        github_api_url=github_api_url or None,
    )
    reports = ReportOptions(
        output_format="github",
        sarif_file=Path(sarif) if sarif else None,
        html_file=html_report,
        embed_images=html_report is not None,  # the artifact travels without the list
    )
    return options, reports, fail_on


MODES = ("lint", "health")


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"awesome-lint: warning: {visible(warning)}", file=sys.stderr)


def run_health(options: CheckOptions, reports: ReportOptions) -> int:
    """``mode: health``: every link, the report, the tracking issue. Findings don't fail
    the step (the issue carries them); a report or issue that can't be written does."""
    from . import health

    folder = Path(os.environ.get("RUNNER_TEMP") or ".")
    report = Path(_input("REPORT_FILE") or folder / "awesome-lint-health.md")
    try:
        tracking = health.tracking_from(
            os.environ.get("GITHUB_REPOSITORY"),
            _input("ISSUE_TITLE", health.DEFAULT_TITLE),
            _input("ISSUE_LABEL", health.DEFAULT_LABEL),
            _input("GITHUB_API_URL") or None,
        )
        check = replace(options, online=True, all_links=True, changed_since=None)
        result = run(check)
        _warn(result.warnings)
        lint_reports = replace(reports, summary=False)
        outcome = health.publish(
            result, health.HealthOptions(check, lint_reports, report, tracking)
        )
    except (health.HealthProblem, UsageError) as problem:
        if isinstance(problem, UsageError):
            _warn(problem.warnings)
        print(f"::error title=awesome-lint::{escape_data(str(problem))}")
        return 2
    diagnostics = result.diagnostics
    values: dict[str, object] = {**health.counts(diagnostics), "report": report}
    if outcome is not None:
        print(outcome.line())
        if outcome.number is not None:
            values["issue"] = outcome.number
    _write_outputs(values)
    return 0


def _write_outputs(values: dict[str, object]) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as stream:
        for key, value in values.items():
            stream.write(f"{key}={value}\n")


def main() -> int:
    try:
        _cache_folder()
        mode = _choice("MODE", MODES, "lint")
        options, reports, fail_on = options_from_inputs()
    except InputProblem as problem:
        print(f"::error title=awesome-lint::{escape_data(str(problem))}")
        return 2
    if mode == "health":
        return run_health(options, reports)
    try:
        check(reports)
        result = run(options)
        _warn(result.warnings)
        write_reports(result, reports)
    except UsageError as problem:
        _warn(problem.warnings)
        print(f"::error title=awesome-lint::{escape_data(str(problem))}")
        return 2
    except Exception as error:  # a bug: one annotation, not a traceback in the log
        if os.environ.get("AWESOME_LINT_DEBUG"):
            raise
        message = f"internal error: {type(error).__name__}: {error} (please report it)"
        print(f"::error title=awesome-lint::{escape_data(message)}")
        return 2
    diagnostics = result.diagnostics
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.severity is Severity.WARNING)
    outputs: dict[str, int | str] = {"errors": errors, "warnings": warnings}
    if reports.html_file is not None:
        outputs["html-report"] = str(reports.html_file)
    _write_outputs(outputs)
    if fail_on == "error":
        return 1 if errors else 0
    if fail_on == "warning":
        return 1 if errors or warnings else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
