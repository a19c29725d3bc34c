"""--fix on a file that changes while awesome-lint runs (issue 9, item 1).

The race is made deterministic with the network stage: the list links to a loopback
server, and the server edits the list when that link is checked, which happens after the
file was read and before any fix is written. The fixer must refuse the file, not apply
its line/column edits to the new text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from helpers import run_cli

ROWS = 300


def _setup(tmp_path: Path, serve: Callable[..., Any], edit: Callable[[Path], None]) -> Path:
    readme = tmp_path / "README.md"

    async def handler(request: web.Request) -> web.Response:
        if request.path == "/edit-the-list":
            edit(readme)
        return web.Response(text="ok")

    server = serve(handler)
    lines = ["# Papers", ""]
    lines += [f"- [Paper {n}](https://arxiv.org/pdf/2101.{n:05d})" for n in range(1, ROWS + 1)]
    lines.append(f"- [Site]({server.url('/edit-the-list')})")
    readme.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = {
        "rules": {"AL306": {"form": "abs"}},
        "links": {
            "exclude_private": False,  # the server is on loopback
            "exclude": ["^https://arxiv\\.org/"],
            "probe_url": server.url("/"),
            "cache": str(tmp_path / "cache.db"),
            "retries": 0,
        },
        "arxiv": {"api_url": server.url("/api/query")},
        "github": {"api_url": server.url("/")},
    }
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps(config))
    return readme


def _prepend(readme: Path) -> None:
    readme.write_text("Intro line.\n" + readme.read_text(encoding="utf-8"), encoding="utf-8")


def _append(readme: Path) -> None:
    with readme.open("a", encoding="utf-8") as stream:
        stream.write("- [Late](https://arxiv.org/abs/2101.99999)\n")


def _run(tmp_path: Path) -> Any:
    # AL301 reads the links' verdicts, so the link to the server is checked (a run looks
    # up only what an enabled rule reads); the server answers 200, so it finds nothing.
    return run_cli(
        "--online", "--no-cache", "--select", "AL306,AL301", "--fix", "README.md", cwd=tmp_path
    )


def test_a_line_prepended_during_fix_is_kept_and_nothing_is_patched(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    readme = _setup(tmp_path, serve, _prepend)
    original = readme.read_text(encoding="utf-8")
    result = _run(tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        "awesome-lint: error: README.md: not fixed: the file changed since it was read "
        "(run awesome-lint again)"
    ]
    assert readme.read_text(encoding="utf-8") == "Intro line.\n" + original
    assert sorted(os.listdir(tmp_path)) == [".awesome-lint.yml", "README.md"]


def test_a_line_appended_during_fix_is_not_lost(tmp_path: Path, serve: Callable[..., Any]) -> None:
    readme = _setup(tmp_path, serve, _append)
    result = _run(tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    text = readme.read_text(encoding="utf-8")
    assert text.endswith("- [Late](https://arxiv.org/abs/2101.99999)\n")
    assert text.count("/pdf/") == ROWS  # nothing patched at stale positions


def test_an_unchanged_file_is_fixed_online(tmp_path: Path, serve: Callable[..., Any]) -> None:
    readme = _setup(tmp_path, serve, lambda path: None)
    result = _run(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    text = readme.read_text(encoding="utf-8")
    assert text.count("/abs/") == ROWS and "/pdf/" not in text
