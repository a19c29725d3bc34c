"""The GitHub Action, run the way the runner runs it.

A harness reads action.yml and executes its steps in bash: inputs mapped into each step's
`env`, GITHUB_ACTION_PATH, GITHUB_EVENT_PATH with a pull_request payload,
GITHUB_STEP_SUMMARY and GITHUB_OUTPUT. `actions/setup-python` is emulated by a fresh
virtual environment first on PATH; the install step then really installs this checkout into
it. The repository under test is checked out like actions/checkout does: GitHub's test
merge commit of head into base, fetched at depth 1 from a local "origin".
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import venv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, git, make_pull_request

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
FEATHER_ICONS_USED = {"book-open"}
BRANDING_COLOURS = {
    "white",
    "black",
    "yellow",
    "blue",
    "green",
    "orange",
    "red",
    "purple",
    "gray-dark",
}
NEW_ROWS = [
    # a malformed arXiv ID, and another row's figure
    "| **A Paper Added By The Pull Request** <br>| new | "
    '<img src="./images/CLIP.png"  width="640px"/> | [[Paper](https://arxiv.org/abs/2501.000123)] |',
]


def test_action_metadata() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert ACTION["branding"]["icon"] in FEATHER_ICONS_USED
    assert ACTION["branding"]["color"] in BRANDING_COLOURS
    for name in ("paths", "config", "check-links", "only-changed", "fail-on", "sarif-file",
                 "baseline", "github-token", "python-version"):  # fmt: skip
        assert name in ACTION["inputs"], name
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name)
        assert "description" in ACTION["inputs"][name]
    assert set(ACTION["outputs"]) == {"errors", "warnings"}
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash"
            assert "${{" not in step["run"], "no expressions inside run: (script injection)"
        else:
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), "pin actions by SHA"


# --------------------------------------------------------------------------- the harness


@dataclass
class Result:
    status: int
    stdout: str
    summary: str
    outputs: dict[str, str]


def _evaluate(text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    def value(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression.startswith("inputs."):
            return inputs[expression[len("inputs.") :]]
        if expression == "github.token":
            return "ghs_test-token"
        if expression == "github.api_url":
            return "https://api.github.com"
        step_output = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if step_output:
            return steps.get(step_output.group(1), {}).get(step_output.group(2), "")
        raise AssertionError(f"the harness does not know ${{{{ {expression} }}}}")

    return EXPRESSION.sub(value, text)


def run_action(
    checkout: Path, python_dir: Path, work: Path, event: dict[str, Any], given: dict[str, str]
) -> Result:
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs = {
        name: _evaluate(value, {}, {}) if "${{ github." in value else value
        for name, value in defaults.items()
    }
    inputs.update(given)
    event_path = work / "event.json"
    event_path.write_text(json.dumps(event))
    summary = work / "summary.md"
    summary.write_text("")
    steps: dict[str, dict[str, str]] = {}
    base_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "INPUT_", "VIRTUAL_ENV", "PRE_COMMIT"))
    }
    base_env.update(
        PATH=f"{python_dir / 'bin'}{os.pathsep}{base_env.get('PATH', '')}",
        GITHUB_ACTIONS="true",
        CI="true",
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_WORKSPACE=str(checkout),
        GITHUB_EVENT_NAME="pull_request" if "pull_request" in event else "push",
        GITHUB_EVENT_PATH=str(event_path),
        GITHUB_STEP_SUMMARY=str(summary),
        RUNNER_TEMP=str(work),
        NO_COLOR="1",
    )
    stdout = []
    status = 0
    for step in ACTION["runs"]["steps"]:
        if "uses" in step:
            assert step["uses"].startswith("actions/setup-python@")  # emulated by python_dir
            continue
        output = work / f"output-{step.get('id', 'step')}.txt"
        output.write_text("")
        env = {**base_env, "GITHUB_OUTPUT": str(output)}
        env.update(
            {
                key: _evaluate(str(value), inputs, steps)
                for key, value in (step.get("env") or {}).items()
            }
        )
        # how the runner runs `shell: bash`
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        stdout.append(done.stdout)
        steps[step.get("id", "")] = dict(
            line.split("=", 1) for line in output.read_text().splitlines() if "=" in line
        )
        if done.returncode != 0:
            status = done.returncode
            stdout.append(done.stderr)
            break
    outputs = {
        name: _evaluate(spec["value"], inputs, steps) for name, spec in ACTION["outputs"].items()
    }
    return Result(status, "".join(stdout), summary.read_text(), outputs)


# --------------------------------------------------------------------------- the checkout


@pytest.fixture(scope="module")
def action_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What actions/setup-python provides: a Python of its own on PATH."""
    folder = tmp_path_factory.mktemp("setup-python") / "python"
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    return folder


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """origin: a list on main and a pull request adding a row; the checkout: the test merge
    commit at depth 1, as actions/checkout makes it on pull_request events."""
    pull = make_pull_request(tmp_path_factory.mktemp("pull-request"), NEW_ROWS[0], 18, number=7)
    return pull.checkout, pull.event


def _annotations(stdout: str) -> list[tuple[str, int]]:
    found = []
    for line in stdout.splitlines():
        match = re.match(r"::(error|warning|notice) file=[^,]*,line=(\d+)", line)
        if match:
            found.append((match.group(1), int(match.group(2))))
    return found


def test_annotations_only_on_changed_lines(
    pull_request: tuple[Path, dict], action_python: Path, tmp_path: Path
) -> None:
    checkout, event = pull_request
    result = run_action(checkout, action_python, tmp_path, event, {"check-links": "none"})
    annotations = _annotations(result.stdout)
    assert annotations, result.stdout
    assert {line for _, line in annotations} == {18}  # the one row the pull request added
    assert ("error", 18) in annotations  # the malformed arXiv ID
    assert result.status == 1  # fail-on: error
    assert result.outputs == {"errors": "1", "warnings": "1"}
    assert result.summary.startswith("## awesome-lint")
    assert "| AL003 | arxiv-id-malformed | 1 | 0 | 0 |" in result.summary


def test_fail_on_levels(
    pull_request: tuple[Path, dict], action_python: Path, tmp_path: Path
) -> None:
    checkout, event = pull_request
    runs = {}
    for level in ("never", "warning", "sometimes"):
        (tmp_path / level).mkdir()
        runs[level] = run_action(
            checkout,
            action_python,
            tmp_path / level,
            event,
            {"check-links": "none", "fail-on": level},
        )
    assert runs["never"].status == 0 and runs["never"].outputs["errors"] == "1"
    assert runs["warning"].status == 1
    assert runs["sometimes"].status == 2
    assert "::error title=awesome-lint::input 'fail-on'" in runs["sometimes"].stdout


def test_fail_on_warning_with_warnings_only(tmp_path: Path, action_python: Path) -> None:
    """A push (no pull request): the whole list is linted; warnings fail only on request."""
    checkout = tmp_path / "repo"
    checkout.mkdir()
    (checkout / "README.md").write_text("- [A](#a)\n- [B](#b)\n- [C](#c)\n\n## A\n## B\n")
    git("init", "-q", cwd=checkout)
    inputs = {"check-links": "none"}
    assert (
        run_action(checkout, action_python, tmp_path, {}, {**inputs, "fail-on": "error"}).status
        == 0
    )
    result = run_action(checkout, action_python, tmp_path, {}, {**inputs, "fail-on": "warning"})
    assert result.status == 1 and result.outputs == {"errors": "0", "warnings": "1"}


def test_whole_list_and_sarif_when_not_only_changed(
    pull_request: tuple[Path, dict], action_python: Path, tmp_path: Path
) -> None:
    checkout, event = pull_request
    sarif = tmp_path / "out.sarif"
    result = run_action(checkout, action_python, tmp_path, event,
                        {"check-links": "none", "only-changed": "false", "sarif-file": str(sarif)})  # fmt: skip
    lines = {line for _, line in _annotations(result.stdout)}
    assert len(lines) > 1 and 18 in lines
    assert (
        "more findings not shown; see job summary" in result.stdout
    )  # over 10 per severity? no: notices
    document = json.loads(sarif.read_text())
    assert document["version"] == "2.1.0" and document["runs"][0]["results"]
    assert int(result.outputs["errors"]) > 1


def test_links_are_checked_online_and_offline_is_reported(
    pull_request: tuple[Path, dict], action_python: Path, tmp_path: Path
) -> None:
    """check-links=changed runs online; with the network unreachable (a closed loopback port
    as the probe) it says so in one notice and fails on nothing more."""
    checkout, event = pull_request
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    config = tmp_path / "net.yml"
    config.write_text(
        f"links:\n  probe_url: 'http://127.0.0.1:{closed}/'\n  cache: '{tmp_path / 'cache.db'}'\n"
        f"arxiv:\n  api_url: 'http://127.0.0.1:{closed}/api'\ngithub:\n  api_url: 'http://127.0.0.1:{closed}'\n"
    )
    result = run_action(checkout, action_python, tmp_path, event, {"config": str(config)})
    notices = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("::notice") and "AL901" in line
    ]
    assert len(notices) == 1 and "network unreachable" in notices[0]
    assert result.status == 1 and result.outputs["errors"] == "1"
