"""A cache that can't be written is still read; an entry of the wrong shape is a miss
(issue 9)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from helpers import run_cli

from awesome_lint.network import Cache, check_links_sync

OK = {"state": "ok", "status": 200, "reason": "200 OK"}


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Make a file and its folder read-only for this process, root included (chattr +i
    where permissions don't bind root); undone afterwards."""
    frozen: list[Path] = []

    def freeze(file: Path) -> None:
        for path in (file, file.parent):
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
        if os.geteuid() == 0:
            chattr = shutil.which("chattr")
            done = chattr and subprocess.run([chattr, "+i", file, file.parent], check=False)
            if not done or done.returncode != 0:
                pytest.skip("running as root without chattr +i: can't make a file read-only")
            frozen.extend([file, file.parent])

    yield freeze
    if frozen:
        subprocess.run(["chattr", "-i", *map(str, frozen)], check=False)
    for path in (tmp_path / "cache", tmp_path / "cache" / "c.db"):
        if path.exists():
            path.chmod(0o755)


def test_a_read_only_cache_is_still_read(tmp_path: Path, read_only: Callable[[Path], None]) -> None:
    path = tmp_path / "cache" / "c.db"
    path.parent.mkdir()
    with Cache(path) as cache:
        cache.put("link", "http://example.test/", OK)
    for leftover in path.parent.glob("c.db-*"):  # as a copied or checked-in cache has none
        leftover.unlink()
    read_only(path)
    warnings: list[str] = []
    with Cache(path, warn=warnings.append) as cache:
        assert cache.get("link", "http://example.test/", 1e12) == OK
        cache.put("link", "http://other.test/", OK)  # ignored, no error
        assert cache.get("link", "http://other.test/", 1e12) is None
    assert warnings == [f"the cache {path} is read-only; results will not be saved"]


def _store_raw(path: Path, key: str, value: Any) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE entries_v1 SET value = ? WHERE kind = 'link' AND key = ?",
            (json.dumps(value), key),
        )


@pytest.mark.parametrize(
    "bad",
    [
        {"state": "ok", "status": 200, "reason": "x", "final_url": 123, "permanent_redirect": True},
        {"state": "ok", "status": "200", "reason": "x"},
        {"state": ["ok"], "status": 200, "reason": "x"},
        {"state": "ok", "status": 200, "reason": 7},
        ["ok", 200],
        "ok",
    ],
)
def test_an_entry_of_the_wrong_shape_is_a_miss(
    serve: Callable[..., Any], fast: Callable[..., Any], tmp_path: Path, bad: Any
) -> None:
    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    server = serve(ok)
    url = server.url("/page")
    path = tmp_path / "c.db"
    check_links_sync([url], fast(), cache=Cache(path))
    _store_raw(path, url, bad)
    verdicts = check_links_sync([url], fast(), cache=Cache(path))
    assert verdicts[url].state == "ok" and not verdicts[url].from_cache
    assert server.count() == 2  # asked again


def test_fix_with_an_integer_final_url_in_the_cache(
    serve: Callable[..., Any], tmp_path: Path
) -> None:
    async def site(request: web.Request) -> web.Response:
        if request.path == "/old":
            raise web.HTTPMovedPermanently(location="/new")
        return web.Response(text="ok")

    server, probe = serve(site), serve(site)
    old = server.url("/old")
    readme = tmp_path / "README.md"
    readme.write_text(f"# L\n\n- [x]({old})\n")
    links = {"exclude_private": False, "probe_url": probe.url("/"), "cache": str(tmp_path / "c.db")}
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps({"links": links}))
    first = run_cli("--online", "--select", "AL305", "README.md", cwd=tmp_path)
    assert "permanently redirects" in first.stdout, first.stdout + first.stderr
    value = {"state": "ok", "status": 200, "reason": "200 OK", "permanent_redirect": True}
    _store_raw(tmp_path / "c.db", old, {**value, "final_url": 123})
    result = run_cli("--online", "--select", "AL305", "--fix", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert readme.read_text() == f"# L\n\n- [x]({server.url('/new')})\n"
