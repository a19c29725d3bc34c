"""links.exclude_private, on by default (issue 9, item 5): no request reaches a local or
private address, whether it is written as an address, spelled oddly, reached by a name
that resolves there, or by a redirect; such links are reported as not checked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from helpers import run_cli

from awesome_lint.network import LinkSettings, _http, check_links_sync, links
from awesome_lint.network._http import is_private_address


async def _ok(request: web.Request) -> web.Response:
    return web.Response(text="ok")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.0.9",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared (carrier-grade NAT)
        "0.0.0.0",
        "224.0.0.1",  # multicast
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:10.0.0.1",
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "[::1]",
    ],
)
def test_addresses_that_are_not_public(address: str) -> None:
    assert is_private_address(address)


@pytest.mark.parametrize("address", ["1.1.1.1", "140.82.112.3", "2606:4700::1111", "arxiv.org"])
def test_public_addresses_and_names(address: str) -> None:
    assert not is_private_address(address)


def test_the_default_is_on() -> None:
    assert LinkSettings().exclude_private is True


def test_loopback_in_every_spelling_is_not_requested(
    serve: Callable[..., Any], resolver: Any, fast: Callable[..., LinkSettings]
) -> None:
    server = serve(_ok)
    port = server.port
    urls = [
        f"http://127.0.0.1:{port}/",
        f"http://localhost:{port}/",
        f"http://0x7f000001:{port}/",  # the system resolver reads it as 127.0.0.1
        f"http://2130706433:{port}/",
        f"http://127.1:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",
        f"http://[::1]:{port}/",
    ]
    # the real (system) resolver, guarded
    verdicts = check_links_sync(urls, fast(exclude_private=True))
    assert {url: (v.state, v.private) for url, v in verdicts.items()} == {
        url: ("unverifiable", True) for url in urls
    }
    assert server.count() == 0
    # a name that resolves to loopback
    named = f"http://intranet.test:{port}/admin"
    verdicts = check_links_sync(
        [named], fast(exclude_private=True), resolver=resolver({"intranet.test"})
    )
    assert verdicts[named].private and server.count() == 0


def test_a_redirect_into_a_private_address_is_not_followed(
    serve: Callable[..., Any],
    resolver: Any,
    fast: Callable[..., LinkSettings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every test server is on loopback: 127.0.0.2 plays a public host here."""
    real = _http.is_private_address
    monkeypatch.setattr(links, "is_private_address", lambda a: a != "127.0.0.2" and real(a))
    inside = serve(_ok)  # 127.0.0.1: the private target

    async def public(request: web.Request) -> web.Response:
        if request.path == "/to-literal":
            target = f"http://127.0.0.1:{inside.port}/admin?session=SECRET"
        else:
            target = f"http://intranet.test:{inside.port}/admin"
        return web.Response(status=302, headers={"Location": target})

    outside = serve(public, host="127.0.0.2")
    urls = [outside.url("/to-literal"), outside.url("/to-name")]
    verdicts = check_links_sync(
        urls, fast(exclude_private=True), resolver=resolver({"intranet.test"})
    )
    assert {url: (v.state, v.private) for url, v in verdicts.items()} == {
        url: ("unverifiable", True) for url in urls
    }
    assert outside.count() == 2  # the public hop was asked
    assert inside.count() == 0  # the private one never


def test_the_command_reports_private_links_as_not_checked(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    target, probe = serve(_ok), serve(_ok)
    port = target.port
    (tmp_path / "README.md").write_text(
        "# Links\n\n"
        f"- [a](http://127.0.0.1:{port}/admin)\n"
        f"- [b](http://localhost:{port}/)\n"
        f"- [c](http://0x7f000001:{port}/)\n"
        f"- [d](http://[::ffff:127.0.0.1]:{port}/)\n"
    )
    config = {"links": {"probe_url": probe.url("/"), "cache": str(tmp_path / "c.db")}}
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps(config))
    result = run_cli("--online", "--format", "json", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    found = json.loads(result.stdout)
    assert [(f["code"], f["message"]) for f in found] == [
        ("AL901", "4 links to a local or private address not checked (links.exclude_private)")
    ]
    assert target.count() == 0
    # the explicit opt-out checks them
    config["links"]["exclude_private"] = False
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps(config))
    assert run_cli("--online", "README.md", cwd=tmp_path).returncode == 0
    assert target.count() > 0
