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
from pathlib import Path
from typing import Any

from .changes import event_base_sha
from .cli import CheckOptions, UsageProblem, run_check
from .model import Severity
from .report import escape_data

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


def _only_changed(is_pull_request: bool) -> bool:
    value = _input("ONLY_CHANGED").lower()
    if not value:
        return is_pull_request
    if value in ("true", "yes", "1", "on"):
        return True
    if value in ("false", "no", "0", "off"):
        return False
    raise InputProblem(f"input 'only-changed': '{value}' is not true or false")


def options_from_inputs() -> tuple[CheckOptions, str]:
    """The check to run and the fail-on level, from the step's environment."""
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
    github_api_url = _input("GITHUB_API_URL")
    options = CheckOptions(
        paths=paths,
        config_path=Path(config) if config else None,
        online=check_links != "none",
        all_links=check_links == "all",
        output_format="github",
        # a push has no base: everything is linted
        changed_since=base if only_changed and base else None,
        sarif_file=Path(sarif) if sarif else None,
        baseline_path=Path(baseline) if baseline else None,
        # the workflow's own API (github.api_url), never one from the repository's config
        github_api_url=github_api_url or None,
    )
    return options, fail_on


def _write_outputs(values: dict[str, int]) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as stream:
        for key, value in values.items():
            stream.write(f"{key}={value}\n")


def main() -> int:
    try:
        options, fail_on = options_from_inputs()
    except InputProblem as problem:
        print(f"::error title=awesome-lint::{escape_data(str(problem))}")
        return 2
    try:
        diagnostics = run_check(options)
    except UsageProblem as problem:
        print(f"::error title=awesome-lint::{escape_data(problem.format_message())}")
        return 2
    except Exception as error:  # a bug: one annotation, not a traceback in the log
        if os.environ.get("AWESOME_LINT_DEBUG"):
            raise
        message = f"internal error: {type(error).__name__}: {error} (please report it)"
        print(f"::error title=awesome-lint::{escape_data(message)}")
        return 2
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.severity is Severity.WARNING)
    _write_outputs({"errors": errors, "warnings": warnings})
    if fail_on == "error":
        return 1 if errors else 0
    if fail_on == "warning":
        return 1 if errors or warnings else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
