"""AWESOME_LINT_CACHE_DIR: where the Action keeps the check cache between runs, and how it
ranks against the config's links.cache and --no-cache (real processes, loopback links)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from helpers import run_cli


async def _site(request: web.Request) -> web.Response:
    return web.Response(status=404 if request.path == "/gone" else 200)


def test_the_cache_folder_variable_wins_over_the_config(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    site = serve(_site)
    (tmp_path / "README.md").write_text(
        f"- [a]({site.url('/a')})\n- [b]({site.url('/b')})\n- [gone]({site.url('/gone')})\n"
    )
    configured = tmp_path / "configured" / "cache.sqlite3"
    (tmp_path / ".awesome-lint.yml").write_text(
        f"links:\n  probe_url: '{site.url('/probe')}'\n  exclude_private: false\n"
        f"  cache: '{configured}'\n"
    )
    folder = tmp_path / "persisted"
    env = {"AWESOME_LINT_CACHE_DIR": str(folder)}
    first = run_cli("--online", "README.md", cwd=tmp_path, env=env)
    assert first.returncode == 1 and "AL301" in first.stdout, first.stderr
    assert (folder / "cache.sqlite3").is_file() and not configured.exists()
    asked = site.count()
    assert asked >= 3
    again = run_cli("--online", "README.md", cwd=tmp_path, env=env)
    assert again.stdout == first.stdout and site.count() == asked  # all from the folder
    # without the variable the config's file is used (a new, empty cache)
    run_cli("--online", "README.md", cwd=tmp_path)
    assert configured.is_file() and site.count() > asked
    # --no-cache beats both: everything asked again, nothing written
    (folder / "cache.sqlite3").unlink()
    before = site.count()
    run_cli("--online", "--no-cache", "README.md", cwd=tmp_path, env=env)
    assert site.count() > before and not (folder / "cache.sqlite3").exists()
