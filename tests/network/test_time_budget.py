"""A time budget for link checks (issue 21, item 11): ``links.max_seconds`` for the run and
``links.max_seconds_per_host`` for each host. A host that accepts and never answers, or
asks to retry later than the budget allows, can't hold up the run: what is left when the
time runs out is not checked, counted in one AL901 notice, never waited for."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from helpers import run_cli

from awesome_lint.network import LinkSettings, check_links_sync


async def _silent(request: web.Request) -> web.Response:
    await asyncio.sleep(3600)  # accepts, never answers (cancelled when the server stops)
    return web.Response(text="late")


async def _ok(request: web.Request) -> web.Response:
    return web.Response(text="ok")


async def _later(request: web.Request) -> web.Response:
    return web.Response(status=429, headers={"Retry-After": "25"})


def test_the_run_budget_ends_a_run_on_a_host_that_never_answers(
    serve: Callable[..., Any], fast: Callable[..., LinkSettings]
) -> None:
    server = serve(_silent)
    urls = [server.url(f"/p{i}") for i in range(12)]
    settings = fast(timeout=60.0, retries=2, max_seconds=1.0, max_seconds_per_host=60.0)
    verdicts = check_links_sync(urls, settings)
    assert {v.out_of_time for v in verdicts.values()} == {"links.max_seconds"}
    assert {v.state for v in verdicts.values()} == {"unverifiable"}
    assert all("links.max_seconds: 1s" in v.reason for v in verdicts.values())


def test_a_host_budget_leaves_the_other_hosts_checked(
    serve: Callable[..., Any], fast: Callable[..., LinkSettings]
) -> None:
    stuck, fine = serve(_silent), serve(_ok, host="127.0.0.2")
    stuck_urls = [stuck.url(f"/s{i}") for i in range(8)]
    fine_urls = [fine.url(f"/f{i}") for i in range(8)]
    settings = fast(timeout=60.0, max_seconds=120.0, max_seconds_per_host=1.0)
    verdicts = check_links_sync(stuck_urls + fine_urls, settings)
    assert {verdicts[url].out_of_time for url in stuck_urls} == {"links.max_seconds_per_host"}
    assert {verdicts[url].state for url in fine_urls} == {"ok"}


def test_a_retry_after_longer_than_the_budget_is_not_waited_for(
    serve: Callable[..., Any], fast: Callable[..., LinkSettings]
) -> None:
    server = serve(_later)
    urls = [server.url(f"/r{i}") for i in range(6)]
    settings = fast(retries=3, retry_after_max=60.0, max_seconds=120.0, max_seconds_per_host=5.0)
    verdicts = check_links_sync(urls, settings)
    assert {v.out_of_time for v in verdicts.values()} == {"links.max_seconds_per_host"}
    # each asked once: the pause the server asked for was longer than the time left
    assert server.count() <= len(urls)


def test_the_command_counts_what_was_not_checked_in_one_notice(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    stuck, probe = serve(_silent), serve(_ok)
    (tmp_path / "README.md").write_text(
        "# L\n\n" + "".join(f"- [{i}]({stuck.url(f'/x{i}')})\n" for i in range(5))
    )
    links = {
        "exclude_private": False,
        "probe_url": probe.url("/"),
        "timeout": 60,
        "max_seconds": 1,
    }
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps({"links": links}))
    result = run_cli("--online", "--no-cache", "--format", "json", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    found = [(f["code"], f["message"]) for f in json.loads(result.stdout)]
    assert found == [
        ("AL901", "5 links not checked: the run's time budget ran out (links.max_seconds: 1s)")
    ]


def test_the_budget_is_in_the_config_schema() -> None:
    from awesome_lint.config import schema

    links = schema()["properties"]["links"]["properties"]
    assert {"max_seconds", "max_seconds_per_host"} <= set(links)
    assert LinkSettings().max_seconds == 600 and LinkSettings().max_seconds_per_host == 300
