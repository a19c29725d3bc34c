"""The GitHub API client against local stubs: states, renames, rate limit, where the token goes."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import aiohttp.connector
import pytest
from aiohttp import web

from awesome_lint.network import Cache, GithubSettings, check_links_sync, fetch_repos_sync

TOKEN = "ghp_test_token_123"


@pytest.fixture
def tls(monkeypatch: pytest.MonkeyPatch) -> Iterator[ssl.SSLContext]:
    """A server context for 127.0.0.1 and 127.0.0.2, signed by a test CA that the client
    trusts for this test (aiohttp's verifying context, built at import, is swapped)."""
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "127.0.0.2").configure_cert(server)
    client = ssl.create_default_context()
    ca.configure_trust(client)
    monkeypatch.setattr(aiohttp.connector, "_SSL_CONTEXT_VERIFIED", client)
    yield server


def _repo(full_name: str, archived: bool = False) -> web.Response:
    return web.json_response({"full_name": full_name, "archived": archived, "id": 1})


def test_states_renames_and_the_token_stays_on_the_api_host(serve, fast, tls):
    async def elsewhere(request: web.Request) -> web.Response:
        return _repo("faraway/new-home")

    other = serve(elsewhere, host="127.0.0.2", ssl_context=tls)  # another origin

    async def api(request: web.Request) -> web.Response:
        path = request.path
        if path == "/repos/good/repo":
            return _repo("good/repo")
        if path == "/repos/Good/Case":
            return _repo("good/case")  # only the case differs: not a rename
        if path == "/repos/old/frozen":
            return _repo("old/frozen", archived=True)
        if path == "/repos/someone/renamed":
            return _repo("someone/new-name")
        if path == "/repos/moved/repo":
            return web.Response(
                status=301,
                headers={"Location": api_server.url("/repositories/42")},
            )
        if path == "/repositories/42":
            return _repo("moved/new-repo")
        if path == "/repos/away/repo":
            return web.Response(status=301, headers={"Location": other.url("/repositories/7")})
        return web.json_response({"message": "Not Found"}, status=404)

    api_server = serve(api, ssl_context=tls)
    settings = GithubSettings(
        api_url=api_server.url("/"),
        token=TOKEN,
        token_api_url=api_server.url("/"),  # as --github-api-url sets it
        trust_env=False,
    )
    names = [
        "good/repo",
        "Good/Case",
        "old/frozen",
        "someone/renamed",
        "moved/repo",
        "away/repo",
        "gone/repo",
        "not a repo",
    ]
    results, skipped = fetch_repos_sync(names, settings)
    assert skipped == 0
    states = {name: (r.state, r.new_name) for name, r in results.items()}
    assert states == {
        "good/repo": ("ok", None),
        "Good/Case": ("ok", None),
        "old/frozen": ("archived", None),
        "someone/renamed": ("renamed", "someone/new-name"),
        "moved/repo": ("renamed", "moved/new-repo"),
        "away/repo": ("renamed", "faraway/new-home"),
        "gone/repo": ("gone", None),
    }
    # Every API request carried the token; the other origin got a request, but no token.
    assert api_server.requests
    assert {r.headers.get("Authorization") for r in api_server.requests} == {f"Bearer {TOKEN}"}
    assert [r.path for r in other.requests] == ["/repositories/7"]
    assert all("Authorization" not in r.headers for r in other.requests)

    # Links are checked without it too, even on the API host itself.
    check_links_sync([other.url("/x"), api_server.url("/repos/good/repo")], fast())
    assert all("Authorization" not in r.headers for r in other.requests)
    assert "Authorization" not in api_server.requests[-1].headers


def test_no_token_no_header(serve):
    async def api(request: web.Request) -> web.Response:
        return _repo("a/b")

    server = serve(api)
    results, _ = fetch_repos_sync(["a/b"], GithubSettings(api_url=server.url(), trust_env=False))
    assert results["a/b"].state == "ok"
    assert "Authorization" not in server.requests[0].headers


def test_rate_limit_stops_and_counts_the_rest(serve):
    async def api(request: web.Request) -> web.Response:
        if len(server.requests) > 2:
            return web.json_response(
                {"message": "API rate limit exceeded"},
                status=403,
                headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "9999999999"},
            )
        owner, name = request.path.split("/")[2:4]
        return _repo(f"{owner}/{name}")

    server = serve(api)
    settings = GithubSettings(api_url=server.url(), concurrency=1, trust_env=False)
    names = [f"owner/repo{i}" for i in range(6)]
    results, skipped = fetch_repos_sync(names, settings)
    assert len(results) == 2 and all(r.state == "ok" for r in results.values())
    assert skipped == 4
    assert len(server.requests) == 3  # nothing more was sent after the limit


def test_cached_repo_status(serve, tmp_path):
    async def api(request: web.Request) -> web.Response:
        if request.path == "/repos/x/gone":
            return web.Response(status=404)
        return _repo("x/archived", archived=True)

    server = serve(api)
    settings = GithubSettings(api_url=server.url(), trust_env=False)
    with Cache(tmp_path / "c.sqlite3") as cache:
        first, _ = fetch_repos_sync(["x/archived", "x/gone"], settings, cache)
        second, _ = fetch_repos_sync(["X/Archived", "x/gone"], settings, cache)
    assert len(server.requests) == 2
    assert second["X/Archived"].state == "archived" and second["x/gone"].state == "gone"
    assert first["x/archived"].state == "archived"
