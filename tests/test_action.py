"""The GitHub Action, run the way the runner runs it.

A harness reads action.yml and executes its steps in bash: inputs mapped into each step's
`env`, GITHUB_ACTION_PATH, GITHUB_EVENT_PATH with a pull_request payload,
GITHUB_STEP_SUMMARY and GITHUB_OUTPUT, each step's `if:` evaluated as the runner does (a
failed step skips the steps after it unless their condition says otherwise). Every run has
contexts of its own (runner.temp, github.run_id, ...) and a fresh RUNNER_TEMP and home, as on
a hosted runner. The `uses:` steps are emulated: `actions/setup-python` by a fresh virtual
environment first on PATH (the install step then really installs this checkout into it),
`actions/upload-artifact` by copying the file it is given into an artifacts folder (or
failing when there is none), `actions/cache/restore` and `/save` over a `CacheStore` that
plays the repository's actions cache and outlives a run. The repository under test is
checked out like actions/checkout does: GitHub's test merge commit of head into base,
fetched at depth 1 from a local "origin".
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import venv
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from shlex import quote as shlex_quote
from typing import Any

import pytest
import yaml
from aiohttp import web
from github_fake import FakeGitHub, served
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
                 "baseline", "html-report", "github-token", "python-version", "cache", "mode",
                 "issue-title", "issue-label", "report-file", "github-api-url", "args"):  # fmt: skip
        assert name in ACTION["inputs"], name
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name)
        assert "description" in ACTION["inputs"][name]
    assert set(ACTION["outputs"]) == {
        "exit-code", "errors", "warnings", "notices", "html-report", "issue", "report"
    }  # fmt: skip
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash"
            assert "${{" not in step["run"], "no expressions inside run: (script injection)"
        else:
            assert re.fullmatch(r"[\w-]+/[\w-]+(/[\w-]+)*@[0-9a-f]{40}", step["uses"]), (
                "pin actions by SHA"
            )


# --------------------------------------------------------------------------- the harness


@dataclass
class Result:
    status: int
    stdout: str
    summary: str
    outputs: dict[str, str]
    outcomes: dict[str, str]  # step name -> success, failure or skipped
    artifacts: Path  # what upload-artifact received: one folder per artifact name


SERVER, REPOSITORY, RUN_ID = "https://github.com", "octo-org/papers", "4242"
RUNNER_OS = "Linux"
TOKEN = "ghs_test-token"


@dataclass
class Run:
    """The contexts of one workflow run that the action's expressions read."""

    temp: Path  # runner.temp and RUNNER_TEMP
    run_id: str = RUN_ID
    run_attempt: str = "1"
    api_url: str = "https://api.github.com"


@dataclass
class CacheStore:
    """A repository's actions cache: saved folders by key, oldest first."""

    folder: Path
    entries: dict[str, Path] = field(default_factory=dict)
    restored: list[str] = field(default_factory=list)  # the key each restore found


def _value(
    expression: str,
    inputs: dict[str, str],
    steps: dict[str, dict[str, str]],
    run: Run | None = None,
) -> str:
    if expression.startswith("inputs."):
        return inputs[expression[len("inputs.") :]]
    if expression == "github.token":
        return TOKEN
    if expression == "runner.os":
        return RUNNER_OS
    if run is not None:
        contexts = {
            "runner.temp": str(run.temp),
            "github.run_id": run.run_id,
            "github.run_attempt": run.run_attempt,
            "github.api_url": run.api_url,
        }
        if expression in contexts:
            return contexts[expression]
    step = re.fullmatch(r"steps\.([\w-]+)\.(outcome|outputs\.([\w-]+))", expression)
    if step:
        key = step.group(3) or "outcome"
        return steps.get(step.group(1), {}).get(key, "")
    raise AssertionError(f"the harness does not know ${{{{ {expression} }}}}")


def _evaluate(
    text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]], run: Run | None = None
) -> str:
    return EXPRESSION.sub(lambda match: _value(match.group(1), inputs, steps, run), text)


CONDITION_TOKEN = re.compile(r"\s*(\|\||&&|==|!=|!|\(|\)|'(?:[^']|'')*'|[A-Za-z_][\w.-]*(?:\(\))?)")


def _condition(
    text: str,
    inputs: dict[str, str],
    steps: dict[str, dict[str, str]],
    failed: bool,
    run: Run | None = None,
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
        token = CONDITION_TOKEN.match(expression, scanned)
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
        return _value(token, inputs, steps, run)

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
    checkout: Path,
    python_dir: Path,
    work: Path,
    event: dict[str, Any],
    given: dict[str, str],
    store: CacheStore | None = None,
    run_id: str = RUN_ID,
) -> Result:
    """Run action.yml's steps. ``work`` is this run's RUNNER_TEMP (a fresh folder per run,
    as on a runner); ``store`` is the repository's actions cache, kept between runs (by
    default an empty one of this run's own)."""
    work.mkdir(parents=True, exist_ok=True)
    run = Run(temp=work, run_id=run_id)
    store = store or CacheStore(Path(tempfile.mkdtemp(prefix="actions-cache-", dir=work)))
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs = {name: _evaluate(value, {}, {}, run) for name, value in defaults.items()}
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
        GITHUB_SERVER_URL=SERVER,
        GITHUB_API_URL=run.api_url,
        GITHUB_REPOSITORY=REPOSITORY,
        GITHUB_SHA="f" * 40,
        GITHUB_RUN_ID=run.run_id,
        GITHUB_RUN_ATTEMPT=run.run_attempt,
        RUNNER_TEMP=str(run.temp),
        RUNNER_OS=RUNNER_OS,
        # a hosted runner's home is new for every job: nothing in it survives a run
        XDG_CACHE_HOME=str(work / "home-cache"),
        NO_COLOR="1",
    )
    stdout = []
    status = 0
    for step in ACTION["runs"]["steps"]:
        results = steps.setdefault(step.get("id", step["name"]), {})
        if not _condition(step.get("if", "success()"), inputs, steps, status != 0, run):
            results["outcome"] = outcomes[step["name"]] = "skipped"
            continue
        if "uses" in step:
            with_ = {
                k: _evaluate(str(v), inputs, steps, run) for k, v in step.get("with", {}).items()
            }
            outcome = _emulate(step["uses"], with_, artifacts, store, results)
            results["outcome"] = outcomes[step["name"]] = outcome
            status = status or (1 if outcome == "failure" else 0)
            continue
        output = work / f"output-{step.get('id', 'step')}.txt"
        output.write_text("")
        env = {**base_env, "GITHUB_OUTPUT": str(output)}
        env.update(
            {
                key: _evaluate(str(value), inputs, steps, run)
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
        name: _evaluate(spec["value"], inputs, steps, run)
        for name, spec in ACTION["outputs"].items()
    }
    return Result(status, "".join(stdout), summary.read_text(), outputs, outcomes, artifacts)


def _emulate(
    uses: str, given: dict[str, str], artifacts: Path, store: CacheStore, outputs: dict[str, str]
) -> str:
    """The outcome of an action the harness cannot run; its outputs go into ``outputs``."""
    if uses.startswith("actions/setup-python@"):
        return "success"  # done by action_python: a Python of its own first on PATH
    if uses.startswith("actions/cache/"):
        hit = _cache_step(uses, given, store)
        if uses.startswith("actions/cache/restore@"):
            outputs["cache-hit"] = "true" if hit else "false"
        return "success"  # a miss, or a save that finds nothing to save, is no failure
    assert uses.startswith("actions/upload-artifact@"), uses
    assert given.get("if-no-files-found") == "error"
    path = Path(given["path"])
    if not path.is_file():
        return "failure"
    folder = artifacts / given["name"]
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, folder / path.name)
    return "success"


def _cache_step(uses: str, given: dict[str, str], store: CacheStore) -> bool:
    """actions/cache/restore and /save, emulated over ``store``: a restore takes the exact
    key, else the newest entry starting with a restore key; a save never replaces a key.
    True when a restore found its exact key (the action's ``cache-hit``)."""
    path, key = Path(given["path"]), given["key"]
    entries = store.entries
    if uses.startswith("actions/cache/restore@"):
        prefixes = [p.strip() for p in given.get("restore-keys", "").splitlines() if p.strip()]
        found = key if key in entries else None
        found = found or next(
            (k for k in reversed(entries) if any(k.startswith(p) for p in prefixes)), None
        )
        if found is not None:
            shutil.copytree(entries[found], path, dirs_exist_ok=True)
            store.restored.append(found)
        return found == key
    else:
        assert uses.startswith("actions/cache/save@"), uses
        if key not in entries and path.is_dir():
            saved = store.folder / f"entry-{len(entries)}"
            shutil.copytree(path, saved)
            entries[key] = saved
    return False


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
    assert result.outputs == {
        "exit-code": "1",
        "errors": "1",
        "warnings": "1",
        "notices": "0",
        "html-report": "",
        "issue": "",
        "report": "",
    }
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
    assert result.status == 1
    assert result.outputs == {
        "exit-code": "1",
        "errors": "0",
        "warnings": "1",
        "notices": "0",
        "html-report": "",
        "issue": "",
        "report": "",
    }


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
        "Key the install cache": "success",
        "Restore the install cache": "success",
        "Install awesome-lint": "success",
        "Save the install cache": "success",
        "Restore the check cache": "success",
        "Lint": "failure",
        "Save the check cache": "success",
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
        # the check cache steps' forms: a bare expression, and saved after a failure too
        ("inputs.x == 'true'", False, True),
        ("inputs.x == 'true'", True, False),
        ("${{ !cancelled() && inputs.x == 'TRUE' }}", True, True),
        ("${{ !cancelled() && inputs.x == 'false' }}", False, False),
        ("${{ runner.os == 'linux' }}", False, True),
    ],
)
def test_harness_reads_conditions_as_the_runner(
    condition: str, failed: bool, expected: bool
) -> None:
    steps = {"lint": {"html-report": "/tmp/r.html"}, "up": {"outcome": "success"}}
    assert _condition(condition, {"x": "true"}, steps, failed) is expected


# --------------------------------------------------------------------------- args and outputs


def test_args_reach_the_check(
    pull_request: tuple[Path, dict], action_python: Path, tmp_path: Path
) -> None:
    checkout, event = pull_request
    inputs = {"check-links": "none", "only-changed": "false"}
    everything = run_action(checkout, action_python, tmp_path / "all", event, inputs)
    assert int(everything.outputs["errors"]) > 1
    only = run_action(
        checkout, action_python, tmp_path / "one", event,
        {**inputs, "args": "--select 'AL003'  --fail-on=warning"},
    )  # fmt: skip
    assert {code for code in re.findall(r"AL\d{3}", only.stdout) if code != "AL901"} == {"AL003"}
    errors = [a for a in _annotations(only.stdout) if a[0] == "error"]
    assert only.outputs["errors"] == str(len(errors)) and only.outputs["exit-code"] == "1"
    ignored = run_action(
        checkout, action_python, tmp_path / "ignored", event,
        {**inputs, "args": "--ignore AL003,AL0 --exit-zero"},
    )  # fmt: skip
    assert not re.search(r"^::\w+ [^:]*title=AL003", ignored.stdout, re.M)
    assert ignored.status == 0
    assert ignored.outputs["exit-code"] == "0"
    assert int(ignored.outputs["warnings"]) + int(ignored.outputs["notices"]) > 0


@pytest.mark.parametrize(
    "hostile",
    ["$(touch PWNED)", "`touch PWNED`", "x; touch PWNED", "$HOME ${{ github.token }}"],
)
def test_hostile_strings_in_inputs_stay_text(
    hostile: str, action_python: Path, tmp_path: Path
) -> None:
    """A pull request's title or a file name quoted into an input reaches the tool as the
    text it is: in args, in paths and as a file name nothing runs or expands."""
    checkout = tmp_path / "repo"
    checkout.mkdir()
    name = f"list {hostile}.md"
    (checkout / name).write_text("# x\n\n- [x](https://arxiv.org/abs/2404.089588)\n")
    git("init", "-q", cwd=checkout)
    title = shlex_quote(hostile)
    result = run_action(
        checkout, action_python, tmp_path / "run", {},
        {"check-links": "none", "paths": shlex_quote(name), "args": f"--ignore {title}"},
    )  # fmt: skip
    assert not list(tmp_path.rglob("PWNED"))
    assert result.status == 2 and result.outputs["exit-code"] == "2"
    (error,) = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert "--ignore: unknown rule" in error and hostile.split()[0] in error
    plain = run_action(
        checkout, action_python, tmp_path / "plain", {},
        {"check-links": "none", "paths": shlex_quote(name), "args": "--select AL003"},
    )  # fmt: skip
    assert plain.status == 1 and not list(tmp_path.rglob("PWNED"))
    assert plain.outputs["errors"] == "1" and "AL003" in plain.stdout


def test_bad_args_are_one_error(action_python: Path, tmp_path: Path) -> None:
    checkout = tmp_path / "repo"
    checkout.mkdir()
    (checkout / "README.md").write_text("# x\n")
    git("init", "-q", cwd=checkout)
    for args, fragment in (
        ("--select 'AL0", "input 'args': No closing quotation"),
        ("--selct AL003", "did you mean '--select'"),
        ("README.md", "name files with the paths input"),
        ("--fail-on sometimes", "invalid choice: 'sometimes'"),
        # the token's destination comes from the github-api-url input only
        ("--github-api-url https://evil.example", "'--github-api-url' is not an option"),
    ):
        result = run_action(checkout, action_python, tmp_path / args[:5], {}, {"args": args})
        assert result.status == 2 and result.outputs["exit-code"] == "2", result.stdout
        errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
        assert len(errors) == 1 and fragment in errors[0], (args, result.stdout)


def test_a_second_run_installs_from_the_cached_wheels(action_python: Path, tmp_path: Path) -> None:
    checkout = tmp_path / "repo"
    checkout.mkdir()
    (checkout / "README.md").write_text("# x\n")
    git("init", "-q", cwd=checkout)
    store = CacheStore(tmp_path / "actions-cache")
    inputs = {"check-links": "none"}
    first = run_action(checkout, action_python, tmp_path / "run-1", {}, inputs, store, "701")
    assert first.status == 0, first.stdout
    (key,) = [k for k in store.entries if k.startswith("awesome-lint-wheels-Linux-")]
    assert first.outcomes["Save the install cache"] == "success"
    assert "installing from the cached wheels" not in first.stdout
    second = run_action(checkout, action_python, tmp_path / "run-2", {}, inputs, store, "702")
    assert second.status == 0, second.stdout
    assert key in store.restored
    assert "installing from the cached wheels" in second.stdout
    assert second.outcomes["Save the install cache"] == "skipped"  # a hit saves nothing


# --------------------------------------------------------------------------- the check cache


class LinkSite:
    """Links on loopback: /gone answers 404, anything else 200; every request is counted."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self) -> None:
                site.requests.append(self.path)
                self.send_response(404 if self.path.startswith("/gone") else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_HEAD = answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def link_site() -> Iterator[LinkSite]:
    site = LinkSite()
    yield site
    site.close()


def _step(name_or_id: str) -> dict[str, Any]:
    return next(
        step
        for step in ACTION["runs"]["steps"]
        if step.get("id") == name_or_id or step["name"] == name_or_id
    )


def test_cache_steps_are_wired_to_the_folder_the_command_uses() -> None:
    """What a runner would do with the `uses:` steps (the harness emulates them)."""
    steps = ACTION["runs"]["steps"]
    restore, lint = _step("Restore the check cache"), _step("lint")
    save = _step("Save the check cache")
    assert steps.index(restore) < steps.index(lint) < steps.index(save)
    assert restore["uses"].split("@")[1] == save["uses"].split("@")[1]  # one pinned release
    folder = "${{ runner.temp }}/awesome-lint-cache"  # emptied by the runner after each job
    assert restore["with"]["path"] == save["with"]["path"] == folder
    assert lint["env"]["AWESOME_LINT_CACHE_DIR"] == folder
    assert lint["env"]["INPUT_CACHE"] == "${{ inputs.cache }}"
    key = restore["with"]["key"]
    assert save["with"]["key"] == key
    assert key == "awesome-lint-${{ runner.os }}-${{ github.run_id }}-${{ github.run_attempt }}"
    assert restore["with"]["restore-keys"].strip() == "awesome-lint-${{ runner.os }}-"
    assert "inputs.cache == 'true'" in restore["if"]
    # saved after a failing lint too (findings fail the step), not after a cancel
    assert "inputs.cache == 'true'" in save["if"] and "!cancelled()" in save["if"]
    assert ACTION["inputs"]["cache"]["default"] == "true"


def _check_keys(keys: Any) -> list[str]:
    """The check cache's keys among a store's (the install cache has its own)."""
    return [key for key in keys if not key.startswith("awesome-lint-wheels-")]


def test_a_second_run_reuses_the_first_runs_cache(
    tmp_path: Path, action_python: Path, link_site: LinkSite
) -> None:
    checkout = tmp_path / "repo"
    checkout.mkdir()
    base = link_site.url
    links = [f"- [Page {n}]({base}/ok/{n})" for n in range(5)] + [f"- [Gone]({base}/gone)"]
    (checkout / "README.md").write_text("# Links\n\n" + "\n".join(links) + "\n")
    (checkout / ".awesome-lint.yml").write_text(
        f"links:\n  probe_url: '{base}/probe'\n  exclude_private: false\n  retries: 0\n"
    )
    git("init", "-q", cwd=checkout)
    store = CacheStore(tmp_path / "actions-cache")
    inputs = {"check-links": "all"}

    first = run_action(checkout, action_python, tmp_path / "run-1", {}, inputs, store, "501")
    assert first.status == 1, first.stdout
    assert _annotations(first.stdout) == [("error", 8)]  # the 404
    asked = set(link_site.requests)
    assert {f"/ok/{n}" for n in range(5)} | {"/gone"} <= asked
    assert _check_keys(store.entries) == ["awesome-lint-Linux-501-1"]
    before = len(link_site.requests)

    second = run_action(checkout, action_python, tmp_path / "run-2", {}, inputs, store, "502")
    assert _check_keys(store.restored) == ["awesome-lint-Linux-501-1"]  # by the restore-keys prefix
    assert link_site.requests[before:] == []  # no link asked again, not even the probe
    assert (second.status, _annotations(second.stdout)) == (1, [("error", 8)])
    assert _check_keys(store.entries) == ["awesome-lint-Linux-501-1", "awesome-lint-Linux-502-1"]

    # cache: false restores and saves nothing, so every link is asked again
    third = run_action(
        checkout, action_python, tmp_path / "run-3", {}, {**inputs, "cache": "false"}, store, "503"
    )
    assert third.status == 1 and len(_check_keys(store.restored)) == 1
    assert len(_check_keys(store.entries)) == 2
    assert {f"/ok/{n}" for n in range(5)} <= set(link_site.requests[before:])


# --------------------------------------------------------------------------- mode: health


def test_health_mode_keeps_one_tracking_issue(
    tmp_path: Path, action_python: Path, link_site: LinkSite
) -> None:
    """A scheduled run: every link checked, the report written, the issue opened through
    the API URL of the input (never the config's), then closed when the list is clean."""
    fake = FakeGitHub(token=TOKEN)
    checkout = tmp_path / "repo"
    checkout.mkdir()
    base = link_site.url
    readme = checkout / "README.md"
    readme.write_text(f"# Links\n\n- [A]({base}/ok/a)\n- [Gone]({base}/gone)\n")
    (checkout / ".awesome-lint.yml").write_text(
        f"links:\n  probe_url: '{base}/probe'\n  exclude_private: false\n  retries: 0\n"
    )
    git("init", "-q", cwd=checkout)
    store = CacheStore(tmp_path / "actions-cache")
    with served(fake.handle) as api:
        inputs = {"mode": "health", "github-api-url": api, "issue-label": "link-health"}
        first = run_action(checkout, action_python, tmp_path / "run-1", {}, inputs, store, "601")
        assert first.status == 0, first.stdout
        assert "Tracking issue #1: opened" in first.stdout
        assert first.outputs["issue"] == "1" and first.outputs["errors"] == "1"
        issue = fake.issues[1]
        assert issue["title"] == "awesome-lint: list health"
        assert [label["name"] for label in issue["labels"]] == ["link-health"]
        report = Path(first.outputs["report"])
        assert report.read_text() == issue["body"] and issue["body"] in first.summary
        assert "/gone" in issue["body"] and "/blob/" + "f" * 40 + "/README.md#L4" in issue["body"]

        readme.write_text(f"# Links\n\n- [A]({base}/ok/a)\n")
        second = run_action(checkout, action_python, tmp_path / "run-2", {}, inputs, store, "602")
        assert second.status == 0, second.stdout
        assert "Tracking issue #1: closed: the list is clean" in second.stdout
        assert fake.issues[1]["state"] == "closed" and len(fake.issues) == 1
    assert TOKEN not in first.stdout + second.stdout
    assert all(call.authorization == f"Bearer {TOKEN}" for call in fake.calls)


def test_health_mode_without_issues_write(
    tmp_path: Path, action_python: Path, link_site: LinkSite
) -> None:
    fake = FakeGitHub(token=TOKEN)
    fake.fault = lambda request: (
        web.json_response({"message": "Resource not accessible by integration"}, status=403)
        if request.method == "POST"
        else None
    )
    checkout = tmp_path / "repo"
    checkout.mkdir()
    (checkout / "README.md").write_text(f"- [Gone]({link_site.url}/gone)\n")
    (checkout / ".awesome-lint.yml").write_text(
        f"links:\n  probe_url: '{link_site.url}/probe'\n  exclude_private: false\n"
    )
    git("init", "-q", cwd=checkout)
    with served(fake.handle) as api:
        result = run_action(
            checkout, action_python, tmp_path / "run", {}, {"mode": "health", "github-api-url": api}
        )
    assert result.status == 2
    errors = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("::error title=awesome-lint::")
    ]
    assert len(errors) == 1 and "permissions: issues: write" in errors[0], result.stdout
    assert TOKEN not in result.stdout and fake.issues == {}
