"""The arXiv and GitHub API clients: the token goes to the trusted API over https only,
and every answer is read within a size limit (compressed and decoded) and a deadline
(issue 9, items 4 and 6). Servers count what they manage to send."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Callable
from typing import Any

import pytest
from aiohttp import web

from awesome_lint.network import ArxivSettings, GithubSettings, fetch_arxiv, fetch_repos
from awesome_lint.network.settings import ArxivSettings as DefaultArxiv

TOKEN = "ghp_never_leaves"
LIMIT = 256 * 1024  # the clients' body limit in these tests
SAFETY = 64 * 1024 * 1024  # a server stops here even if nobody stops it


def _counting(server_state: dict[str, Any], chunks: Callable[[], Any], encoding: str = ""):
    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "application/json"}
            | ({"Content-Encoding": encoding} if encoding else {})
        )
        await response.prepare(request)
        server_state.setdefault("sent", 0)
        try:
            async for chunk, pause in chunks():
                await response.write(chunk)
                server_state["sent"] += len(chunk)
                if pause:
                    await asyncio.sleep(pause)
                if server_state["sent"] > SAFETY:
                    break
        except (ConnectionResetError, ConnectionError, RuntimeError):
            server_state["stopped"] = True  # the client hung up
        return response

    return handler


def _gzip_bomb() -> Callable[[], Any]:
    """One gzip stream of zeros that never ends (1 MB of zeros is ~1 KB compressed)."""

    async def chunks() -> Any:
        compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        zeros = b"\0" * (1024 * 1024)
        while True:
            yield compressor.compress(zeros) + compressor.flush(zlib.Z_SYNC_FLUSH), 0.001

    return chunks


def _endless(size: int = 64 * 1024, pause: float = 0.0) -> Callable[[], Any]:
    async def chunks() -> Any:
        while True:
            yield b"[" * size, pause

    return chunks


def _github(url: str, **extra: Any) -> GithubSettings:
    values = {"retries": 0, "timeout": 2.0, "trust_env": False}
    return GithubSettings(api_url=url, max_body=LIMIT, **(values | extra))


def _arxiv(url: str, **extra: Any) -> ArxivSettings:
    values = {"retries": 0, "timeout": 2.0, "min_interval": 0, "trust_env": False}
    return ArxivSettings(api_url=url, max_body=LIMIT, **(values | extra))


@pytest.mark.parametrize("body", ["bomb", "endless"])
def test_github_answers_are_read_within_the_limit(serve: Any, body: str) -> None:
    state: dict[str, Any] = {}
    chunks = _gzip_bomb() if body == "bomb" else _endless()
    server = serve(_counting(state, chunks, "gzip" if body == "bomb" else ""))
    problems: list[str] = []
    results, _ = asyncio.run(fetch_repos(["a/b"], _github(server.url("/")), problems=problems))
    assert results == {}
    assert problems and "answer too large" in problems[0]
    # stopped early: far less than the server would have sent (buffers take a few MB)
    assert state["sent"] < SAFETY // 4, state


@pytest.mark.parametrize("body", ["bomb", "endless"])
def test_arxiv_answers_are_read_within_the_limit(serve: Any, body: str) -> None:
    state: dict[str, Any] = {}
    chunks = _gzip_bomb() if body == "bomb" else _endless()
    server = serve(_counting(state, chunks, "gzip" if body == "bomb" else ""))
    problems: list[str] = []
    found = asyncio.run(
        fetch_arxiv(["2101.00001"], _arxiv(server.url("/api/query")), problems=problems)
    )
    assert found == {}
    assert problems and "answer too large" in problems[0]
    assert state["sent"] < SAFETY // 4, state


def test_a_slow_endless_answer_ends_at_the_deadline(serve: Any) -> None:
    """A trickle never reaches the size limit: the per-request deadline ends it."""
    state: dict[str, Any] = {}
    server = serve(_counting(state, _endless(size=10, pause=0.05)))
    results, _ = asyncio.run(fetch_repos(["a/b"], _github(server.url("/"), timeout=1.0)))
    found = asyncio.run(fetch_arxiv(["2101.00001"], _arxiv(server.url("/q"), timeout=1.0)))
    assert results == {} and found == {}
    # two requests of about a second each: some hundred bytes, not the 64 MB safety stop
    assert state["sent"] < 2000, state


def test_the_token_goes_nowhere_over_http_or_to_a_configured_api(serve: Any) -> None:
    async def api(request: web.Request) -> web.Response:
        return web.json_response({"full_name": "a/b", "archived": False})

    server = serve(api)
    # what a repository's config can do: point api_url at its own (http) host
    results, _ = asyncio.run(fetch_repos(["a/b"], _github(server.url("/"), token=TOKEN)))
    assert results["a/b"].state == "ok"
    assert server.requests and all("Authorization" not in r.headers for r in server.requests)
    # the trusted API can't be plain http either (but for this machine's loopback: a fake)
    for url in ("http://ghe.example.com/api/v3", "ftp://api.github.com"):
        with pytest.raises(ValueError, match="must be https"):
            GithubSettings(token=TOKEN, token_api_url=url)
    GithubSettings(token=TOKEN, token_api_url=server.url("/"))


def test_the_arxiv_api_default_is_https() -> None:
    assert DefaultArxiv().api_url == "https://export.arxiv.org/api/query"
    assert GithubSettings().token_api_url == "https://api.github.com"
