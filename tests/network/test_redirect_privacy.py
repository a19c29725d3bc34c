"""AL305 never prints a redirect target's query string (issue 9, item 5): a server may put
a session there, and annotations are public."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from helpers import run_cli


async def _site(request: web.Request) -> web.Response:
    if request.path == "/admin":
        raise web.HTTPMovedPermanently(location="/admin/home?session=SECRET123")
    if request.path == "/page":
        raise web.HTTPPermanentRedirect(location="/new-page")
    if request.path == "/search":
        raise web.HTTPMovedPermanently(location="/find?q=clip")
    return web.Response(text="ok")


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_a_redirect_target_query_is_never_printed(
    tmp_path: Path, serve: Callable[..., Any], output_format: str
) -> None:
    site, probe = serve(_site), serve(_site)
    (tmp_path / "README.md").write_text(
        f"# L\n\n- [a]({site.url('/admin')})\n- [b]({site.url('/page')})\n"
        f"- [c]({site.url('/search?q=clip')})\n"
    )
    links = {"exclude_private": False, "probe_url": probe.url("/"), "cache": str(tmp_path / "c")}
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps({"links": links}))
    result = run_cli(
        "--online", "--select", "AL305", "--format", output_format, "README.md", cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SECRET123" not in result.stdout + result.stderr
    assert "session=" not in result.stdout
    assert f"{site.url('/admin/home')}?…" in result.stdout
    if output_format == "json":
        found = {f["line"]: f for f in json.loads(result.stdout)}
        assert not found[3]["fixable"]  # the redirect added a query: no fix
        assert found[4]["fix"]["edits"][0]["replacement"] == site.url("/new-page")
        # the link's own query is kept by the fix, and only shown as "?…"
        assert found[5]["fix"]["edits"][0]["replacement"] == site.url("/find?q=clip")
        assert found[5]["message"].endswith(f"{site.url('/find')}?…")
