"""The cache file a config names (issue 21, item 3): a config file is the repository's
word, so ``links.cache`` may only name a file inside the repository or the user's cache
folder, never a symlink, and never an existing file that is not awesome-lint's cache
(which would be altered: a table added, WAL switched on). Each refusal is one line naming
the key, exit code 2, the file untouched."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from helpers import run_cli

from awesome_lint.network import Cache
from awesome_lint.network.cache import APPLICATION_ID, foreign_file


async def _ok(request: web.Request) -> web.Response:
    return web.Response(text="ok")


@pytest.fixture
def setup(tmp_path: Path, serve: Callable[..., Any]) -> Callable[[str], Any]:
    """``setup(cache)`` runs an online check of a list in a repository whose config names
    ``cache``; $HOME is a folder of the test's."""
    site = serve(_ok)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "README.md").write_text(f"# L\n\n- [a]({site.url('/a')})\n")
    home = tmp_path / "home"
    home.mkdir()

    def run(cache: str) -> Any:
        links = {"exclude_private": False, "probe_url": site.url("/"), "cache": cache}
        (repo / ".awesome-lint.yml").write_text(json.dumps({"links": links}))
        return run_cli(
            "--online", "--select", "AL301", "README.md", cwd=repo, env={"HOME": str(home)}
        )

    run.repo, run.home, run.site = repo, home, site  # type: ignore[attr-defined]
    return run


def _refused(result: Any, *fragments: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "links.cache" in lines[0], result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_outside_the_repository_by_home_is_refused(setup: Any) -> None:
    _refused(setup("~/deep/new/cache.db"), "outside the repository")
    assert list(setup.home.iterdir()) == []  # no folder made
    profile = setup.home / ".bash_profile"
    profile.write_text("export PATH=$PATH\n")
    _refused(setup("~/.bash_profile"), "outside the repository")
    assert profile.read_text() == "export PATH=$PATH\n"
    _refused(setup("../elsewhere.db"), "outside the repository")
    assert setup.site.count() == 0  # refused before anything was asked


def test_a_file_that_is_not_our_cache_is_refused_and_not_altered(setup: Any) -> None:
    notes = setup.repo / "notes.txt"
    notes.write_text("notes\n")
    _refused(setup("notes.txt"), "not an awesome-lint cache")
    assert notes.read_text() == "notes\n"
    other = setup.repo / "app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    conn.close()
    before = other.read_bytes()
    _refused(setup("app.db"), "without its table")
    assert other.read_bytes() == before and not Path(f"{other}-wal").exists()
    marked = setup.repo / "marked.db"
    with sqlite3.connect(marked) as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("CREATE TABLE entries_v1 (x)")
    conn.close()
    _refused(setup("marked.db"), "another program's")


def test_a_symlink_is_refused(setup: Any) -> None:
    (setup.repo / "real.db").write_bytes(b"")
    (setup.repo / "link.db").symlink_to(setup.repo / "real.db")
    _refused(setup("link.db"), "symlink")
    (setup.repo / "out").symlink_to(setup.home)  # a folder on the way, out of the repository
    _refused(setup("out/c.db"), "outside the repository")
    assert list(setup.home.iterdir()) == []


def test_inside_the_repository_or_the_user_cache_folder_is_used(setup: Any, tmp_path: Path) -> None:
    result = setup(".cache/links.db")
    assert result.returncode == 0, result.stdout + result.stderr
    made = setup.repo / ".cache" / "links.db"
    assert foreign_file(made) is None
    with sqlite3.connect(made) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()
    asked = setup.site.count()
    assert setup(".cache/links.db").returncode == 0 and setup.site.count() == asked  # cached
    import os

    user = Path(os.environ["XDG_CACHE_HOME"]) / "awesome-lint" / "mine.db"
    result = setup(str(user))
    assert result.returncode == 0, result.stdout + result.stderr
    assert user.is_file()


def test_the_cache_never_alters_a_foreign_file(tmp_path: Path) -> None:
    """The default path and the Action's folder are not checked by the config's rules,
    but the cache itself opens no file that is not its own."""
    other = tmp_path / "cache.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    conn.close()
    before = other.read_bytes()
    warnings: list[str] = []
    with Cache(other, warn=warnings.append) as cache:
        cache.put("link", "https://example.org/", {"state": "ok"})
        assert not cache.enabled
    assert other.read_bytes() == before
    assert len(warnings) == 1 and "not an awesome-lint cache" in warnings[0]
