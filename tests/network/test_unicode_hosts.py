"""The private-address guard sees a host as the HTTP client will connect to it (issue 21,
item 1): yarl maps a Unicode spelling (ideographic full stops, full-width digits, enclosed
alphanumerics) to the literal address it stands for, which aiohttp connects to without
asking any resolver, so the guard must judge that address, not the spelling written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from helpers import run_cli

from awesome_lint.network import LinkSettings, check_links_sync

SPELLINGS = [
    "127\u30020\u30020\u30021",  # ideographic full stops
    "\uff11\uff12\uff17.\uff10.\uff10.\uff11",  # full-width digits
    "\u2460\u2461\u2466.0.0.1",  # enclosed alphanumerics: circled 1, 2, 7
    "127\uff0e0\uff0e0\uff0e1",  # full-width full stops
    "\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54",  # full-width "localhost"
    "\u24db\u24de\u24d2\u24d0\u24db\u24d7\u24de\u24e2\u24e3",  # circled "localhost"
]


async def _ok(request: web.Request) -> web.Response:
    return web.Response(text="ok")


@pytest.mark.parametrize("host", SPELLINGS)
def test_a_unicode_spelling_of_loopback_is_not_requested(
    host: str, serve: Callable[..., Any], fast: Callable[..., LinkSettings]
) -> None:
    server = serve(_ok)
    url = f"http://{host}:{server.port}/admin"
    verdict = check_links_sync([url], fast(exclude_private=True))[url]
    assert (verdict.state, verdict.private) == ("unverifiable", True)
    assert server.count() == 0
    # the same link with the guard off does reach the server: the spelling is live
    assert check_links_sync([url], fast(exclude_private=False))[url].state == "ok"
    assert server.count() > 0


def test_the_default_config_refuses_them_and_says_so(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    target, probe = serve(_ok), serve(_ok)
    lines = [f"- [{i}](http://{host}:{target.port}/x{i})" for i, host in enumerate(SPELLINGS)]
    (tmp_path / "README.md").write_text("# Links\n\n" + "\n".join(lines) + "\n")
    config = {"links": {"probe_url": probe.url("/"), "cache": str(tmp_path / "c.db")}}
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps(config))
    result = run_cli("--online", "--format", "json", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    found = [(f["code"], f["message"]) for f in json.loads(result.stdout)]
    assert found == [
        (
            "AL901",
            f"{len(SPELLINGS)} links to a local or private address not checked "
            "(links.exclude_private)",
        )
    ]
    assert target.count() == 0
