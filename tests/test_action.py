"""The GitHub Action, run the way the runner runs it.

A harness reads action.yml and executes its steps in bash: inputs mapped into each step's
`env`, GITHUB_ACTION_PATH, GITHUB_EVENT_PATH with a pull_request payload,
GITHUB_STEP_SUMMARY and GITHUB_OUTPUT, each step's `if:` evaluated as the runner does (a
failed step skips the steps after it unless their condition says otherwise).
`actions/setup-python` is emulated by a fresh virtual environment first on PATH; the install
step then really installs this checkout into it. `actions/upload-artifact` is emulated by
copying the file it is given into an artifacts folder (or failing when there is none). The repository under test is checked out like actions/checkout does: GitHub's test
merge commit of head into base, fetched at depth 1 from a local "origin".
"""

from __future__ import annotations

import json
import os
import re
import shutil
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
                 "baseline", "html-report", "github-token", "python-version"):  # fmt: skip
        assert name in ACTION["inputs"], name
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name)
        assert "description" in ACTION["inputs"][name]
    assert set(ACTION["outputs"]) == {"errors", "warnings", "html-report"}
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
    outcomes: dict[str, str]  # step name -> success, failure or skipped
    artifacts: Path  # what upload-artifact received: one folder per artifact name


SERVER, REPOSITORY, RUN_ID = "https://github.com", "octo/papers", "4242"


def _value(expression: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    if expression.startswith("inputs."):
        return inputs[expression[len("inputs.") :]]
    if expression == "github.token":
        return "ghs_test-token"
    step = re.fullmatch(r"steps\.([\w-]+)\.(outcome|outputs\.([\w-]+))", expression)
    if step:
        key = step.group(3) or "outcome"
        return steps.get(step.group(1), {}).get(key, "")
    raise AssertionError(f"the harness does not know ${{{{ {expression} }}}}")


def _evaluate(text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    return EXPRESSION.sub(lambda match: _value(match.group(1), inputs, steps), text)


TOKEN = re.compile(r"\s*(\|\||&&|==|!=|!|\(|\)|'(?:[^']|'')*'|[A-Za-z_][\w.-]*(?:\(\))?)")


def _condition(
    text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]], failed: bool
) -> bool:
    """A step's `if:` as the runner reads it: the operators, string literals, contexts and
    status functions that action.yml uses; a condition without a status function means
    `success() && (...)`."""
    expression = text.strip()
    if expression.startswith("${{") and expression.endswith("}}"):
        expression = expression[3:-2]
    tokens: list[str] = []
    scanned = 0
    while expression[scanned:].strip():
        token = TOKEN.match(expression, scanned)
        assert token, f"the harness cannot read {expression!r}"
        tokens.append(token.group(1))
        scanned = token.end()
    position = 0

    def peek() -> str:
        return tokens[position] if position < len(tokens) else ""

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def primary() -> str | bool:
        token = take()
        if token == "(":
            value = either()
            assert take() == ")", expression
            return value
        if token.startswith("'"):
            return token[1:-1].replace("''", "'")
        functions = {"success()": not failed, "failure()": failed, "always()": True,
                     "cancelled()": False}  # fmt: skip
        if token in functions:
            return functions[token]
        return _value(token, inputs, steps)

    def comparison() -> str | bool:
        left = primary()
        if peek() in ("==", "!="):
            operator = take()
            right = primary()
            same = str(left).lower() == str(right).lower()
            return same if operator == "==" else not same
        return left

    def negation() -> bool:
        if peek() == "!":
            take()
            return not negation()
        return bool(comparison())

    def both() -> bool:
        value = negation()
        while peek() == "&&":
            take()
            value = negation() and value
        return value

    def either() -> bool:
        value = both()
        while peek() == "||":
            take()
            value = both() or value
        return value

    result = either()
    assert position == len(tokens), expression
    if not re.search(r"\b(success|failure|always|cancelled)\(\)", expression):
        result = result and not failed
    return result


def run_action(
    checkout: Path, python_dir: Path, work: Path, event: dict[str, Any], given: dict[str, str]
) -> Result:
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs = {
        name: _evaluate(value, {}, {}) if "github.token" in value else value
        for name, value in defaults.items()
    }
    inputs.update(given)
    event_path = work / "event.json"
    event_path.write_text(json.dumps(event))
    summary = work / "summary.md"
    summary.write_text("")
    steps: dict[str, dict[str, str]] = {}
    outcomes: dict[str, str] = {}
    artifacts = work / "artifacts"
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
        GITHUB_SERVER_URL=SERVER,
        GITHUB_REPOSITORY=REPOSITORY,
        GITHUB_RUN_ID=RUN_ID,
        NO_COLOR="1",
    )
    stdout = []
    status = 0
    for step in ACTION["runs"]["steps"]:
        results = steps.setdefault(step.get("id", step["name"]), {})
        if not _condition(step.get("if", "success()"), inputs, steps, status != 0):
            results["outcome"] = outcomes[step["name"]] = "skipped"
            continue
        if "uses" in step:
            given = {k: _evaluate(str(v), inputs, steps) for k, v in step.get("with", {}).items()}
            outcome = _emulate(step["uses"], given, artifacts)
            results["outcome"] = outcomes[step["name"]] = outcome
            status = status or (1 if outcome == "failure" else 0)
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
        results.update(
            line.split("=", 1) for line in output.read_text().splitlines() if "=" in line
        )
        outcome = "success" if done.returncode == 0 else "failure"
        results["outcome"] = outcomes[step["name"]] = outcome
        if done.returncode != 0:
            status = status or done.returncode
            stdout.append(done.stderr)
    outputs = {
        name: _evaluate(spec["value"], inputs, steps) for name, spec in ACTION["outputs"].items()
    }
    return Result(status, "".join(stdout), summary.read_text(), outputs, outcomes, artifacts)


def _emulate(uses: str, given: dict[str, str], artifacts: Path) -> str:
    """The outcome of an action the harness cannot run."""
    if uses.startswith("actions/setup-python@"):
        return "success"  # done by action_python: a Python of its own first on PATH
    assert uses.startswith("actions/upload-artifact@"), uses
    assert given.get("if-no-files-found") == "error"
    path = Path(given["path"])
    if not path.is_file():
        return "failure"
    folder = artifacts / given["name"]
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, folder / path.name)
    return "success"


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
    assert result.outputs == {"errors": "1", "warnings": "1", "html-report": ""}
    assert result.summary.startswith("## awesome-lint")
    assert "| AL003 | arxiv-id-malformed | 1 | 0 | 0 |" in result.summary
    # html-report is off by default: nothing written, uploaded or linked
    assert result.outcomes["Upload the HTML report"] == "skipped"
    assert result.outcomes["Link the HTML report from the job summary"] == "skipped"
    assert "#artifacts" not in result.summary and not result.artifacts.exists()


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
    assert (
        result.status == 1 and result.outputs["errors"] == "0" and result.outputs["warnings"] == "1"
    )


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


def test_html_report_is_uploaded_and_linked_even_when_lint_fails(
    pull_request: tuple[Path, dict], action_python: Path, tmp_path: Path
) -> None:
    """html-report: true writes the gallery with its figures embedded; the lint step fails on
    the pull request's error, and the report is uploaded and linked all the same."""
    checkout, event = pull_request
    result = run_action(
        checkout, action_python, tmp_path, event, {"check-links": "none", "html-report": "true"}
    )
    assert result.status == 1 and result.outputs["errors"] == "1"
    assert result.outcomes == {
        "Set up Python": "success",
        "Install awesome-lint": "success",
        "Lint": "failure",
        "Upload the HTML report": "success",
        "Link the HTML report from the job summary": "success",
    }
    written = Path(result.outputs["html-report"])
    assert written.parent.parent == tmp_path  # in RUNNER_TEMP, not in the checkout
    uploaded = result.artifacts / "awesome-lint-report" / written.name
    page = uploaded.read_text(encoding="utf-8")
    assert page == written.read_text(encoding="utf-8")
    # every entry of the list, its figures inside the file, the changed row's finding on it
    entries = len(re.findall(r"^\| .*\*\*.*\*\*", (checkout / "README.md").read_text(), re.M))
    assert page.count('<article class="card"') == entries > 10
    sources = re.findall(r'<img src="([^"]*)"', page)
    assert sources and all(source.startswith("data:image/png;base64,") for source in sources)
    assert 'id="e0-18"' in page and 'data-rule="AL003"' in page
    link = f"[HTML report]({SERVER}/{REPOSITORY}/actions/runs/{RUN_ID}#artifacts)"
    assert link in result.summary
    assert result.summary.index("## awesome-lint") < result.summary.index(link)


def test_html_report_upload_failure_is_not_linked(
    pull_request: tuple[Path, dict], action_python: Path, tmp_path: Path
) -> None:
    """A bad html-report value stops the lint step before it writes anything: nothing is
    uploaded and the summary has no link."""
    checkout, event = pull_request
    result = run_action(
        checkout, action_python, tmp_path, event, {"check-links": "none", "html-report": "maybe"}
    )
    assert result.status == 2
    assert "::error title=awesome-lint::input 'html-report': 'maybe' is not true or false" in (
        result.stdout
    )
    assert result.outcomes["Upload the HTML report"] == "skipped"
    assert result.outcomes["Link the HTML report from the job summary"] == "skipped"
    assert "#artifacts" not in result.summary


@pytest.mark.parametrize(
    ("condition", "failed", "expected"),
    [
        ("${{ !cancelled() && steps.lint.outputs.html-report != '' }}", True, True),
        ("${{ !cancelled() && steps.lint.outputs.html-report != '' }}", False, True),
        ("${{ !cancelled() && steps.lint.outputs.missing != '' }}", False, False),
        ("${{ steps.lint.outputs.html-report != '' }}", True, False),  # success() implied
        ("${{ steps.up.outcome == 'SUCCESS' }}", False, True),  # comparisons ignore case
        ("${{ !cancelled() && steps.up.outcome == 'success' }}", True, True),
        ("${{ failure() || inputs.x == 'true' }}", False, True),
        ("${{ !(inputs.x == 'true') }}", False, False),
        ("success()", True, False),
    ],
)
def test_harness_reads_conditions_as_the_runner(
    condition: str, failed: bool, expected: bool
) -> None:
    steps = {"lint": {"html-report": "/tmp/r.html"}, "up": {"outcome": "success"}}
    assert _condition(condition, {"x": "true"}, steps, failed) is expected
