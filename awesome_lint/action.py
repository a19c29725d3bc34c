"""The GitHub Action's lint step: inputs from the environment, the pull request's base from
the event, annotations on stdout, the job summary, outputs, and an exit status that follows
``fail-on``.

``action.yml`` maps every input into the step's environment (composite actions get no
``INPUT_*`` variables of their own) and runs ``python -m awesome_lint.action``.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from .changes import FILTER_MODES, event_base_sha
from .engine import Selection
from .model import Diagnostic, Severity
from .output import ReportOptions, check, write_reports
from .printable import visible
from .report import escape_data
from .run import CheckOptions, RunResult, UsageError, run
from .suggest import did_you_mean
from .userdirs import CACHE_DIR_VARIABLE

FAIL_ON = ("error", "warning", "notice", "never")
CHECK_LINKS = ("changed", "all", "none")
# the options the args input takes (those of `check` that choose findings and the exit)
ARGS_OPTIONS = ("--select", "--extend-select", "--ignore", "--baseline", "--fail-on",
                "--filter-mode", "--exit-zero", "--isolated", "--no-cache")  # fmt: skip


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


def _arguments() -> argparse.Namespace:
    """The ``args`` input: command-line options, split the way a shell splits words but
    never run through one (no expansion, substitution or command separators): the text
    comes through the environment, so a pull request's title or a file name quoted into it
    stays text."""
    text = _input("ARGS")
    try:
        words = shlex.split(text)
    except ValueError as error:  # an unclosed quote
        raise InputProblem(f"input 'args': {error}") from None
    parser = _ArgsParser(prog="args", add_help=False, allow_abbrev=False)
    for name in ("--select", "--extend-select", "--ignore"):
        parser.add_argument(name, action="append", default=[])
    parser.add_argument("--baseline")
    parser.add_argument("--fail-on", choices=FAIL_ON)
    parser.add_argument("--filter-mode", choices=FILTER_MODES)
    for flag in ("--exit-zero", "--isolated", "--no-cache"):
        parser.add_argument(flag, action="store_true")
    # Not --github-api-url: the token goes only where the github-api-url input says, never
    # where words split from a string (a pull request title quoted into args) could point.
    known, extra = parser.parse_known_args(words)
    if extra:
        word = extra[0]
        hint = did_you_mean(word, ARGS_OPTIONS)
        if not word.startswith("-"):
            hint = " (name files with the paths input)"
        raise InputProblem(f"input 'args': {word!r} is not an option the Action takes{hint}")
    return known


class _ArgsParser(argparse.ArgumentParser):
    """argparse that reports a bad value as an InputProblem instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise InputProblem(f"input 'args': {message}")


def _split_rules(values: list[str]) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def options_from_inputs() -> tuple[CheckOptions, ReportOptions, str]:
    """The check to run, its reports and the fail-on level, from the step's environment."""
    event = _event()
    is_pull_request = "pull_request" in event or os.environ.get("GITHUB_EVENT_NAME", "") in (
        "pull_request",
        "pull_request_target",
    )
    only_changed = _only_changed(is_pull_request)
    check_links = _choice("CHECK_LINKS", CHECK_LINKS, "changed")
    arguments = _arguments()
    # the args input's --fail-on wins, then the fail-on input; empty: the config's level
    fail_on = arguments.fail_on or (_choice("FAIL_ON", FAIL_ON, "") if _input("FAIL_ON") else "")
    if arguments.exit_zero:
        fail_on = "never"
    paths = tuple(Path(p) for p in shlex.split(_input("PATHS", "README.md"))) or (
        Path("README.md"),
    )
    base = event_base_sha() if only_changed else None
    config = _input("CONFIG")
    sarif = _input("SARIF_FILE")
    baseline = arguments.baseline or _input("BASELINE")
    html_report = _html_report_path()
    github_api_url = _input("GITHUB_API_URL")
    options = CheckOptions(
        paths=paths,
        config_path=Path(config) if config else None,
        isolated=arguments.isolated,
        selection=Selection(
            select=_split_rules(arguments.select) if arguments.select else None,
            extend_select=_split_rules(arguments.extend_select),
            ignore=_split_rules(arguments.ignore),
        ),
        online=check_links != "none",
        no_cache=arguments.no_cache,
        filter_mode=arguments.filter_mode or "added",
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
    values: dict[str, object] = {**counts(diagnostics), "report": report}
    if outcome is not None:
        print(outcome.line())
        if outcome.number is not None:
            values["issue"] = outcome.number
    _write_outputs(values)
    coverage = health.LinkCoverage.of(result.network)
    if coverage.none_checked:  # the point of a health run: the job shows red
        reason = coverage.why or "no verdicts"
        print(f"::error title=awesome-lint::{escape_data(f'no link could be checked ({reason})')}")
        return 2
    return 0


def _write_outputs(values: dict[str, object]) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as stream:
        for key, value in values.items():
            stream.write(f"{key}={value}\n")


def main() -> int:
    """The step's exit status (also the ``exit-code`` output)."""
    status = _step()
    _write_outputs({"exit-code": status})
    return status


def _step() -> int:
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
    outputs: dict[str, object] = dict(counts(result.diagnostics))
    if reports.html_file is not None:
        outputs["html-report"] = str(reports.html_file)
    _write_outputs(outputs)
    return 1 if _fails(result, fail_on) else 0


def counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    """The ``errors``, ``warnings`` and ``notices`` outputs."""
    return {
        "errors": sum(1 for d in diagnostics if d.severity is Severity.ERROR),
        "warnings": sum(1 for d in diagnostics if d.severity is Severity.WARNING),
        "notices": sum(1 for d in diagnostics if d.severity is Severity.NOTICE),
    }


def _fails(result: RunResult, fail_on: str) -> bool:
    """Whether the findings fail the step: the fail-on input (or args' --fail-on), else the
    config's fail-on and exit-zero (``result.failed``)."""
    if fail_on == "never":
        return False
    if not fail_on:
        return result.failed
    level = Severity.parse(fail_on)
    return any(d.severity >= level for d in result.diagnostics)


if __name__ == "__main__":
    sys.exit(main())
