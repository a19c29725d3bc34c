"""What the GitHub API answers is checked before it is used (issue 21, items 6, 8 and 9): a
JSON answer nested too deep is refused in one line (not a RecursionError), an issue
"number" that is not a positive integer is not one, and an issue's ``html_url`` is printed
only when it is a plain URL (a newline in it could start a workflow command)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from github_fake import FakeGitHub
from helpers import run_cli

from awesome_lint.util import JSONTooDeep, loads_json

TITLE = "Link health"
LABEL = "link-health"
DEEP = b"[" * 200_000 + b"]" * 200_000


def test_loads_json_measures_the_nesting_first() -> None:
    with pytest.raises(JSONTooDeep):
        loads_json(DEEP)
    with pytest.raises(JSONTooDeep):
        loads_json('{"a":' * 101 + "1" + "}" * 101)
    # brackets inside strings, escaped quotes included, are text
    text = json.dumps({"a": ["[" * 500, '\\"[[[', {"b": None}]})
    assert loads_json(text) == json.loads(text)
    assert loads_json("[" * 100 + "]" * 100) == json.loads("[" * 100 + "]" * 100)


async def _site(request: web.Request) -> web.Response:
    return web.Response(status=404 if request.path.startswith("/gone") else 200)


def _health(tmp_path: Path, serve: Callable[..., Any], fake: FakeGitHub) -> Any:
    api, site = serve(fake.handle), serve(_site)
    (tmp_path / ".awesome-lint.yml").write_text(
        json.dumps({"links": {"probe_url": site.url("/"), "exclude_private": False}})
    )
    (tmp_path / "README.md").write_text(f"# Papers\n\n- [Gone]({site.url('/gone/1')})\n")
    return run_cli(
        "health",
        "--github-api-url",
        api.url(""),
        "--issue-title",
        TITLE,
        "--issue-label",
        LABEL,
        "--no-cache",
        cwd=tmp_path,
        env={"GITHUB_TOKEN": fake.token, "GITHUB_REPOSITORY": fake.repository},
    )


def test_health_a_deep_answer_is_one_line(tmp_path: Path, serve: Callable[..., Any]) -> None:
    fake = FakeGitHub()
    fake.fault = lambda request: web.Response(body=DEEP, content_type="application/json")
    result = _health(tmp_path, serve, fake)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not JSON" in lines[0], result.stderr


def test_health_an_issue_number_must_be_a_number(tmp_path: Path, serve: Callable[..., Any]) -> None:
    fake = FakeGitHub()
    listed = {"title": TITLE, "labels": [{"name": LABEL}], "state": "open", "number": True}

    def fault(request: web.Request) -> web.Response | None:
        if request.method == "GET":
            return web.json_response([listed])
        return None

    fake.fault = fault
    result = _health(tmp_path, serve, fake)
    assert result.returncode == 0, result.stdout + result.stderr
    writes = [(call.method, call.path) for call in fake.writes()]
    assert writes == [("POST", f"/repos/{fake.repository}/issues")]  # not PATCH …/True
    assert "Tracking issue #1: opened" in result.stdout


def test_health_prints_an_issue_url_only_when_it_is_a_plain_url(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    fake = FakeGitHub()
    hostile = "https://github.com/o/r/issues/1\n::error::injected"

    def fault(request: web.Request) -> web.Response | None:
        if request.method == "POST":
            issue = {"number": 7, "html_url": hostile, "title": TITLE}
            return web.json_response(issue, status=201)
        return None

    fake.fault = fault
    result = _health(tmp_path, serve, fake)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error::injected" not in result.stdout + result.stderr
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    assert "Tracking issue #7: opened." in result.stdout


def test_check_a_deep_repository_answer_is_not_checked_in_one_line(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    async def deep(request: web.Request) -> web.Response:
        return web.Response(body=DEEP, content_type="application/json")

    api, probe = serve(deep), serve(_site)
    (tmp_path / ".awesome-lint.yml").write_text(
        json.dumps({"links": {"probe_url": probe.url("/")}, "github": {"api_url": api.url("")}})
    )
    (tmp_path / "README.md").write_text(
        "# Papers\n\n| Title | Code |\n|---|---|\n"
        "| A Paper About Things | [code](https://github.com/octo/things) |\n"
    )
    result = run_cli(
        "--online",
        "--no-cache",
        "--select",
        "AL307,AL901",
        "--format",
        "json",
        "README.md",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    found = [(f["code"], f["message"]) for f in json.loads(result.stdout)]
    assert len(found) == 1 and found[0][0] == "AL901", found
    message = found[0][1]
    assert "1 repository not checked" in message and "nested more than" in message
    assert "\n" not in message and "internal error" not in message


def test_action_health_mode_a_deep_answer_is_one_line(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    import os
    import subprocess
    import sys

    fake = FakeGitHub()
    fake.fault = lambda request: web.Response(body=DEEP, content_type="application/json")
    api, site = serve(fake.handle), serve(_site)
    (tmp_path / ".awesome-lint.yml").write_text(
        json.dumps({"links": {"probe_url": site.url("/"), "exclude_private": False}})
    )
    (tmp_path / "README.md").write_text(f"# Papers\n\n- [Gone]({site.url('/gone/1')})\n")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    environment |= {
        "INPUT_MODE": "health",
        "INPUT_GITHUB_API_URL": api.url(""),
        "INPUT_CACHE": "false",
        "GITHUB_TOKEN": fake.token,
        "GITHUB_REPOSITORY": fake.repository,
        "GITHUB_WORKSPACE": str(tmp_path),
        "RUNNER_TEMP": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint.action"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "RecursionError" not in output
    errors = [line for line in output.splitlines() if line.startswith("::error title=awe")]
    assert errors == ["::error title=awesome-lint::GitHub API answered something that is not JSON"]


def test_a_deep_cache_entry_is_a_miss(tmp_path: Path) -> None:
    """The cache is a file anyone may have committed: a deep entry is refused, not parsed."""
    import sqlite3
    import time

    from awesome_lint.network import Cache

    path = tmp_path / "c.db"
    with Cache(path) as cache:
        cache.put("link", "https://example.org/ok", {"state": "ok"})
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO entries_v1 VALUES ('link', 'https://example.org/deep', ?, ?)",
            (DEEP.decode(), time.time()),
        )
    conn.close()
    with Cache(path) as cache:
        found = cache.get_many("link", ["https://example.org/ok", "https://example.org/deep"], 60)
    assert found == {"https://example.org/ok": {"state": "ok"}}
