"""One test per fault: a real aiohttp server on loopback, the verdict class, bounded settings."""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import struct
import subprocess
from pathlib import Path

import pytest
from aiohttp import web

from awesome_lint.network import (
    LinkSettings,
    Verdict,
    check_links,
    check_links_sync,
    network_reachable,
    normalise_url,
)


def check_one(url: str, settings: LinkSettings, **kwargs: object) -> Verdict:
    verdicts = check_links_sync([url], settings, **kwargs)  # type: ignore[arg-type]
    return verdicts[url]


async def ok_handler(request: web.Request) -> web.Response:
    return web.Response(text="hello")


async def hang() -> None:
    await asyncio.sleep(3600)


# -- plain statuses ---------------------------------------------------------------------------


def test_200_is_ok(serve, fast):
    server = serve(ok_handler)
    verdict = check_one(server.url("/page"), fast())
    assert verdict.state == "ok"
    assert verdict.status == 200
    assert not verdict.permanent_redirect and verdict.final_url is None
    assert not verdict.from_cache
    assert [r.method for r in server.requests] == ["HEAD"]


def test_404_is_dead_after_a_get_confirms_it(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=404)

    server = serve(handler)
    verdict = check_one(server.url("/missing"), fast())
    assert (verdict.state, verdict.status, verdict.reason) == ("dead", 404, "404 Not Found")
    assert [r.method for r in server.requests] == ["HEAD", "GET"]  # no retries for a 404


def test_410_is_dead(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=410)

    server = serve(handler)
    verdict = check_one(server.url("/gone"), fast())
    assert (verdict.state, verdict.status) == ("dead", 410)
    assert verdict.reason == "410 Gone"


def test_500_then_200_is_ok_after_a_retry(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        calls = server.state["calls"] = server.state.get("calls", 0) + 1
        return web.Response(status=500 if calls <= 2 else 200)

    server = serve(handler)
    verdict = check_one(server.url("/flaky"), fast(retries=2))
    assert (verdict.state, verdict.status) == ("ok", 200)
    assert [r.method for r in server.requests] == ["HEAD", "GET", "GET"]


def test_500_forever_is_unverifiable(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=502)

    server = serve(handler)
    verdict = check_one(server.url("/down"), fast(retries=1))
    assert (verdict.state, verdict.status) == ("unverifiable", 502)
    assert "after 2 attempts" in verdict.reason
    assert server.count("GET") == 2


@pytest.mark.parametrize("status", [503, 429])
def test_retry_after_then_200_is_ok_and_waits(serve, fast, status):
    async def handler(request: web.Request) -> web.Response:
        calls = server.state["calls"] = server.state.get("calls", 0) + 1
        if calls == 1:
            return web.Response(status=status, headers={"Retry-After": "1"})
        return web.Response(status=200)

    server = serve(handler)
    verdict = check_one(server.url("/busy"), fast(retry_after_max=2.0))
    assert (verdict.state, verdict.status) == ("ok", 200)
    first, second = server.requests
    assert first.method == "HEAD" and second.method == "HEAD"  # a rate limit is no HEAD problem
    assert second.at - first.at >= 0.9  # Retry-After: 1 was honoured


def test_retry_after_as_http_date(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        calls = server.state["calls"] = server.state.get("calls", 0) + 1
        if calls == 1:
            date = "Wed, 21 Oct 2015 07:28:00 GMT"  # in the past: retry at once
            return web.Response(status=503, headers={"Retry-After": date})
        return web.Response(status=200)

    server = serve(handler)
    assert check_one(server.url("/"), fast()).state == "ok"
    assert server.count() == 2


def test_429_forever_is_unverifiable(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=429)

    server = serve(handler)
    verdict = check_one(server.url("/limited"), fast(retries=2))
    assert (verdict.state, verdict.status) == ("unverifiable", 429)
    assert verdict.reason == "429 Too Many Requests (after 3 attempts)"
    assert server.count() == 3


def test_retry_after_beyond_the_bound_gives_up_at_once(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=429, headers={"Retry-After": "3600"})

    server = serve(handler)
    verdict = check_one(server.url("/limited"), fast(retries=5, retry_after_max=1.0))
    assert verdict.state == "unverifiable"
    assert "Retry-After 3600s" in verdict.reason
    assert server.count() == 1


@pytest.mark.parametrize("status", [401, 403, 999])
def test_bot_walls_are_unverifiable_never_dead(serve, fast, status):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status)

    server = serve(handler)
    verdict = check_one(server.url("/wall"), fast())
    assert (verdict.state, verdict.status) == ("unverifiable", status)


def test_accepted_status_is_ok(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=403)

    server = serve(handler)
    verdict = check_one(server.url("/wall"), fast(accept=frozenset({403})))
    assert (verdict.state, verdict.status) == ("ok", 403)
    assert server.count() == 1


# -- slow, broken and refused connections ----------------------------------------------------


def test_timeout_is_unverifiable(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        await hang()
        return web.Response()

    server = serve(handler)
    verdict = check_one(server.url("/slow"), fast(timeout=0.5, retries=0))
    assert verdict.state == "unverifiable"
    assert verdict.status is None
    assert verdict.reason == "timed out after 0.5s"
    assert [r.method for r in server.requests] == ["HEAD", "GET"]


def test_connection_reset_is_unverifiable(serve, fast):
    async def handler(request: web.Request) -> web.StreamResponse:
        transport = request.transport
        assert transport is not None
        sock = transport.get_extra_info("socket")
        transport.write(b"HTTP/1.1 200 OK\r\nContent-Le")  # half a response, then RST
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()
        await asyncio.sleep(0)
        return web.Response()

    server = serve(handler)
    verdict = check_one(server.url("/reset"), fast(retries=1))
    assert verdict.state == "unverifiable"
    assert verdict.reason.startswith("connection reset")
    assert server.count() >= 2  # retried


def test_connection_refused_is_dead(fast, closed_port):
    url = f"http://127.0.0.1:{closed_port}/"
    verdict = check_one(url, fast(retries=1))
    assert (verdict.state, verdict.status) == ("dead", None)
    assert verdict.reason.startswith("connection refused")


# -- redirects -------------------------------------------------------------------------------


def test_redirect_chain_to_200_is_ok_and_not_permanent(serve, fast):
    hops = {"/a": (302, "/b"), "/b": (307, "/c"), "/c": (303, "/d")}

    async def handler(request: web.Request) -> web.Response:
        if request.path in hops:
            status, target = hops[request.path]
            return web.Response(status=status, headers={"Location": target})
        return web.Response(text="end")

    server = serve(handler)
    verdict = check_one(server.url("/a"), fast())
    assert (verdict.state, verdict.status) == ("ok", 200)
    assert not verdict.permanent_redirect and verdict.final_url is None
    assert [r.path for r in server.requests] == ["/a", "/b", "/c", "/d"]


def test_301_is_ok_with_the_final_url_and_the_fragment_kept(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        if request.path == "/old":
            return web.Response(status=301, headers={"Location": "/new"})
        if request.path == "/new":
            return web.Response(status=302, headers={"Location": "/login?next=new"})
        return web.Response(text="login")

    server = serve(handler)
    plain, with_fragment = server.url("/old"), server.url("/old#usage")
    verdicts = check_links_sync([plain, with_fragment], fast())
    assert verdicts[plain].state == "ok"
    assert verdicts[plain].permanent_redirect
    # The permanent target, not the temporary login page after it.
    assert verdicts[plain].final_url == server.url("/new")
    assert verdicts[with_fragment].final_url == server.url("/new#usage")
    assert server.count() == 3  # the fragment variant was not fetched separately


def test_308_counts_as_permanent(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        if request.path == "/old":
            return web.Response(status=308, headers={"Location": "/new/"})
        return web.Response()

    server = serve(handler)
    verdict = check_one(server.url("/old"), fast())
    assert verdict.permanent_redirect and verdict.final_url == server.url("/new/")


def test_redirect_loop_is_dead(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        target = "/y" if request.path == "/x" else "/x"
        return web.Response(status=302, headers={"Location": target})

    server = serve(handler)
    verdict = check_one(server.url("/x"), fast())
    assert (verdict.state, verdict.reason) == ("dead", "redirect loop")
    assert server.count() <= 6  # HEAD and GET each stop at the first repeat


def test_too_many_redirects_is_dead(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        n = int(request.path.strip("/") or 0)
        return web.Response(status=302, headers={"Location": f"/{n + 1}"})

    server = serve(handler)
    verdict = check_one(server.url("/0"), fast(max_redirects=3))
    assert verdict.state == "dead"
    assert verdict.reason == "too many redirects (more than 3)"


def test_redirect_back_after_setting_a_cookie_is_not_a_loop(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        if request.path == "/page" and "seen" not in request.cookies:
            return web.Response(status=302, headers={"Location": "/consent"})
        if request.path == "/consent":
            response = web.Response(status=302, headers={"Location": "/page"})
            response.set_cookie("seen", "1")
            return response
        return web.Response(text="page")

    server = serve(handler)
    verdict = check_one(server.url("/page"), fast())
    assert (verdict.state, verdict.status) == ("ok", 200)


# -- HEAD problems and bodies ---------------------------------------------------------------


def test_head_405_then_get_200_is_ok(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        if request.method == "HEAD":
            return web.Response(status=405)
        return web.Response(text="fine")

    server = serve(handler)
    verdict = check_one(server.url("/nohead"), fast())
    assert (verdict.state, verdict.status) == ("ok", 200)
    assert [r.method for r in server.requests] == ["HEAD", "GET"]


def test_a_host_that_refuses_head_gets_get_only_after_two_refusals(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        if request.method == "HEAD":
            return web.Response(status=405)
        return web.Response(text="fine")

    server = serve(handler)
    urls = [server.url(f"/{i}") for i in range(5)]
    verdicts = check_links_sync(urls, fast(per_host=1))
    assert all(v.state == "ok" for v in verdicts.values())
    assert (server.count("HEAD"), server.count("GET")) == (2, 5)


def test_head_hanging_but_get_fine_is_ok(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        if request.method == "HEAD":
            await hang()
        return web.Response(text="fine")

    server = serve(handler)
    verdict = check_one(server.url("/headhangs"), fast(timeout=0.5))
    assert (verdict.state, verdict.status) == ("ok", 200)
    assert [r.method for r in server.requests] == ["HEAD", "GET"]


def test_slow_endless_body_is_ok_from_the_status_alone(serve, fast):
    async def handler(request: web.Request) -> web.StreamResponse:
        if request.method == "HEAD":
            return web.Response(status=405)
        response = web.StreamResponse()
        await response.prepare(request)
        server.state["chunks"] = 0
        while True:  # a body that never ends
            await response.write(b"x" * 1024)
            server.state["chunks"] += 1
            await asyncio.sleep(0.01)

    server = serve(handler)
    # Reading the body would hit the 1 s timeout: "ok" proves it was not read.
    verdict = check_one(server.url("/stream"), fast(timeout=1.0, retries=0))
    assert (verdict.state, verdict.status) == ("ok", 200)


# -- names and TLS ---------------------------------------------------------------------------


def test_name_that_does_not_exist_is_dead(serve, fast, resolver):
    server = serve(ok_handler)
    names = resolver({"good.test"})
    missing = f"http://no-such-host.test:{server.port}/"
    good = f"http://good.test:{server.port}/"
    verdicts = check_links_sync([missing, good], fast(), resolver=names)
    assert verdicts[good].state == "ok"
    assert (verdicts[missing].state, verdicts[missing].reason) == (
        "dead",
        "name does not resolve",
    )
    assert server.count() == 1


def test_temporary_resolver_failure_is_unverifiable(serve, fast, resolver):
    server = serve(ok_handler)
    names = resolver({"good.test"}, failing={"flaky.test"})
    url = f"http://flaky.test:{server.port}/"
    verdict = check_one(url, fast(retries=1), resolver=names)
    assert verdict.state == "unverifiable"
    assert verdict.reason.startswith("name resolution failed")


def test_no_name_resolving_at_all_is_not_dead(fast, resolver):
    names = resolver(set())  # a resolver that is itself broken: nothing resolves
    urls = [f"http://host{i}.test/" for i in range(3)]
    verdicts = check_links_sync(urls, fast(), resolver=names)
    assert {v.state for v in verdicts.values()} == {"unverifiable"}


def _self_signed(tmp_path: Path) -> ssl.SSLContext:
    if shutil.which("openssl"):
        cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
        done = subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert),
            ],
            capture_output=True,
            check=False,
        )  # fmt: skip
        if done.returncode == 0:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            return context
    trustme = pytest.importorskip("trustme", reason="needs the openssl CLI or trustme")
    ca = trustme.CA()  # a CA the client does not trust
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


def test_tls_failure_is_dead(serve, fast, tmp_path):
    server = serve(ok_handler, ssl_context=_self_signed(tmp_path))
    verdict = check_one(server.url("/"), fast())
    assert verdict.state == "dead"
    assert verdict.reason.startswith("TLS")
    assert server.count() == 0  # no HTTP request got through


# -- DOI ---------------------------------------------------------------------------------------


def test_doi_is_checked_at_the_resolver(serve, fast, resolver):
    async def handler(request: web.Request) -> web.Response:
        if request.path == "/10.1234/exists":
            return web.Response(status=302, headers={"Location": "https://publisher.test/p"})
        if request.path == "/10.1234/moved":
            return web.Response(status=301, headers={"Location": "/10.1234/exists"})
        return web.Response(status=404)

    server = serve(handler)
    names = resolver({"doi.org", "dx.doi.org"})
    exists = f"http://doi.org:{server.port}/10.1234/exists"
    via_dx = f"http://dx.doi.org:{server.port}/10.1234/exists"
    moved = f"http://doi.org:{server.port}/10.1234/moved"
    missing = f"http://doi.org:{server.port}/10.1234/missing"
    verdicts = check_links_sync([exists, via_dx, moved, missing], fast(), resolver=names)
    assert verdicts[exists].state == "ok" and verdicts[via_dx].state == "ok"
    assert verdicts[moved].state == "ok" and not verdicts[moved].permanent_redirect
    assert (verdicts[missing].state, verdicts[missing].status) == ("dead", 404)
    assert "publisher.test" not in names.asked  # the publisher was never contacted


# -- what gets checked, and how much at once --------------------------------------------------


def test_unique_urls_fragments_and_skipped_urls(serve, fast):
    server = serve(ok_handler)
    page = server.url("/page")
    urls = [
        page,
        page + "#intro",
        page + "#usage",
        server.url("/skip-me"),
        "mailto:someone@example.org",
        "ftp://127.0.0.1/file",
        "https://",
        "./local/file.md",
    ]
    verdicts = check_links_sync(urls, fast(exclude=("skip-me",)))
    assert set(verdicts) == {page, page + "#intro", page + "#usage"}
    assert all(v.state == "ok" for v in verdicts.values())
    assert verdicts[page + "#intro"].url == page + "#intro"
    assert server.count() == 1


def test_exclude_private_skips_loopback(serve, fast):
    server = serve(ok_handler)
    urls = [server.url("/"), f"http://localhost:{server.port}/"]
    verdicts = check_links_sync(urls, fast(exclude_private=True))
    assert {url: (v.state, v.private) for url, v in verdicts.items()} == {
        url: ("unverifiable", True) for url in urls
    }
    assert server.count() == 0


def test_normalise_url():
    assert normalise_url("HTTPS://Example.ORG:443#x") == "https://example.org/"
    assert normalise_url(" http://a.test/P?q=1#frag ") == "http://a.test/P?q=1"
    assert normalise_url("http://a.test:8080/x") == "http://a.test:8080/x"
    assert normalise_url("https: //a.test") is None
    assert normalise_url("javascript:void(0)") is None


def test_limits_per_host_and_global(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        await asyncio.sleep(0.05)
        return web.Response()

    one, two = serve(handler), serve(handler, host="127.0.0.2")
    urls = [s.url(f"/{i}") for s in (one, two) for i in range(12)]
    verdicts = check_links_sync(urls, fast(per_host=2, concurrency=3))
    assert all(v.state == "ok" for v in verdicts.values())
    assert one.max_in_flight <= 2 and two.max_in_flight <= 2
    assert one.max_in_flight + two.max_in_flight >= 3  # both hosts were busy at some point


def test_user_agent_and_progress(serve, fast):
    server = serve(ok_handler)
    seen: list[tuple[int, int, int]] = []
    urls = [server.url(f"/{i}") for i in range(3)]
    check_links_sync(urls, fast(user_agent="test-agent/1"), progress=lambda *a: seen.append(a))
    assert {r.headers["User-Agent"] for r in server.requests} == {"test-agent/1"}
    assert sorted(seen) == [(1, 3, 0), (2, 3, 0), (3, 3, 0)]


# -- the reachability probe ------------------------------------------------------------------


def test_network_reachable_when_the_probe_answers(serve, fast):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=503)  # any answer counts

    server = serve(handler)
    assert asyncio.run(network_reachable(fast(probe_url=server.url("/"))))


def test_network_unreachable(fast, closed_port, resolver):
    refused = fast(probe_url=f"http://127.0.0.1:{closed_port}/")
    assert not asyncio.run(network_reachable(refused))
    no_dns = fast(probe_url="https://www.example.com/")
    assert not asyncio.run(network_reachable(no_dns, resolver=resolver(set())))


def test_check_links_is_usable_inside_a_running_loop(serve, fast):
    server = serve(ok_handler)

    async def main() -> dict[str, Verdict]:
        return await check_links([server.url("/")], fast())

    assert asyncio.run(main())[server.url("/")].state == "ok"
