"""The progress bar on a real terminal: the command runs under a pseudo-terminal (stdin,
stdout and stderr all on it, as when a person types the command), checks links on a
loopback server, and the bar's line is cleared before the first finding is printed."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

CLEAR = "\r" + " " * 70 + "\r"


async def _site(request: web.Request) -> web.Response:
    await asyncio.sleep(0.05)  # slow enough for the bar to show a few steps
    if request.path.startswith("/gone"):
        return web.Response(status=404)
    return web.Response(text="ok")


def _read_all(master: int) -> str:
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other end closed (the command exited)
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def _run_on_a_terminal(folder: Path) -> tuple[int, str]:
    master, slave = os.openpty()
    environment = {**os.environ, "NO_COLOR": "1"}
    for name in ("CI", "PRE_COMMIT", "FORCE_COLOR", "GITHUB_ACTIONS"):
        environment.pop(name, None)
    # no --online: a terminal on stdin and stdout makes the run online by default
    process = subprocess.Popen(
        [sys.executable, "-m", "awesome_lint", "README.md"],
        cwd=folder,
        env=environment,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        close_fds=True,
    )
    os.close(slave)
    try:
        output = _read_all(master)
        code = process.wait(timeout=120)
    finally:
        os.close(master)
    return code, output.replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_progress_line_is_cleared_before_the_first_finding(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    site = serve(_site)
    links = [f"- [Page {n}]({site.url(f'/ok/{n}')})" for n in range(12)]
    links.append(f"- [Gone]({site.url('/gone')})")
    (tmp_path / "README.md").write_text("# Links\n\n" + "\n".join(links) + "\n")
    config = {
        "links": {
            "exclude_private": False,  # the server is on loopback
            "probe_url": site.url("/probe"),
            "cache": str(tmp_path / "cache.db"),
            "retries": 0,
        },
        "arxiv": {"api_url": site.url("/api/query")},
        "github": {"api_url": site.url("/")},
    }
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps(config))

    code, output = _run_on_a_terminal(tmp_path)

    assert code == 1, output  # the dead link is an error
    finding = output.index("README.md:")  # the first finding
    assert "README.md:15:" in output and "AL301" in output, output
    bar = output.rfind("checking links [", 0, finding)
    assert bar >= 0, f"no progress bar before the finding: {output!r}"
    assert "13/13" in output[bar:finding]  # the bar reached the end
    cleared = output.find(CLEAR, bar)
    assert bar < cleared < finding, f"the bar's line was not cleared: {output!r}"
    # nothing but the clearing between the bar's last state and the report
    between = output[output.index("\r", bar) : finding]
    assert between.strip() == "", repr(between)
    assert "checking links" not in output[finding:]
