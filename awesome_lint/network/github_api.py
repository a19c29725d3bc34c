"""GitHub repository status through the REST API: ok, archived, renamed or gone.

The token goes in an ``Authorization`` header built for each https request whose origin
(scheme, host, port) is ``settings.token_api_url``'s (https://api.github.com, or a GitHub
Enterprise API given on the command line); it is never a session default, a redirect to
any other origin is followed without it, and an ``api_url`` from a config file that is not
that API gets no token at all. Every answer is read within ``settings.max_body`` bytes.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import aiohttp
from yarl import URL

from ..util import loads_json
from ._http import (
    ACCEPT_ENCODING,
    BodyError,
    backoff_delay,
    one_line,
    parse_retry_after,
    read_body,
    session_kwargs,
)
from .cache import Cache
from .settings import GithubSettings, token_transport_ok

__all__ = ["CACHE_KIND", "RepoStatus", "fetch_repos", "fetch_repos_sync"]

CACHE_KIND = "github"
RepoState = Literal["ok", "archived", "renamed", "gone"]
_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*)/[A-Za-z0-9._-]+$")
_STATES = frozenset({"ok", "archived", "renamed", "gone"})
_REDIRECTS = frozenset({301, 302, 307, 308})
_GONE = frozenset({404, 410, 451})
_RETRY_AFTER_MAX = 60.0


@dataclass(frozen=True)
class RepoStatus:
    full_name: str
    """The name as asked."""
    state: RepoState
    new_name: str | None = None
    """``owner/name`` now, for a renamed (or transferred) repository."""
    archived: bool = False
    """Also true for a renamed repository that is archived."""


class _RateLimited(Exception):
    pass


def _origin(url: URL) -> tuple[str, str, int | None]:
    return (url.scheme.lower(), (url.host or "").lower(), url.port)


class _Client:
    def __init__(self, settings: GithubSettings, session: aiohttp.ClientSession) -> None:
        self.s = settings
        self.session = session
        self.api = URL(settings.api_url.rstrip("/"))
        self.token_origin = _origin(URL(settings.token_api_url.rstrip("/")))
        self.rate_limited = False
        self.problems: list[str] = []  # answers refused (too large): said in AL901

    def headers_for(self, url: URL) -> dict[str, str]:
        headers = {
            "User-Agent": self.s.user_agent,
            "Accept": "application/vnd.github+json",
            "Accept-Encoding": ACCEPT_ENCODING,
            "X-GitHub-Api-Version": "2022-11-28",
        }
        # only to the trusted API (never one a repository's config names), only over https
        if self.s.token and _origin(url) == self.token_origin and token_transport_ok(str(url)):
            headers["Authorization"] = f"Bearer {self.s.token}"
        return headers

    async def _get(self, url: URL) -> tuple[int, dict[str, Any] | None, str | None]:
        """(status, JSON body or None, Location); retries transient failures; may raise."""
        for attempt in range(self.s.retries + 1):
            wait: float | None = None
            try:
                async with self.session.get(
                    url, headers=self.headers_for(url), allow_redirects=False
                ) as resp:
                    status = resp.status
                    if status in (403, 429) and self._is_rate_limit(resp):
                        raise _RateLimited
                    if status < 500 and status != 429:
                        data: dict[str, Any] | None = None
                        location = resp.headers.get("Location")
                        if status == 200:
                            body = await read_body(resp, self.s.max_body)
                            try:
                                payload = loads_json(body)
                            except ValueError as error:  # asking again gets the same
                                raise BodyError(f"answer not usable JSON: {error}") from None
                            data = payload if isinstance(payload, dict) else None
                        return status, data, location
                    wait = parse_retry_after(resp.headers.get("Retry-After"))
            except BodyError as error:  # asking again would read as much again
                self.problems.append(one_line(error))
                raise
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError, ValueError):
                if attempt == self.s.retries:
                    raise
            if attempt == self.s.retries:
                break
            if wait is not None and wait > _RETRY_AFTER_MAX:
                break
            await asyncio.sleep(max(wait or 0.0, backoff_delay(0.5, attempt)))
        raise aiohttp.ClientError("GitHub API did not answer")

    @staticmethod
    def _is_rate_limit(resp: aiohttp.ClientResponse) -> bool:
        if resp.status == 429:
            return True
        if resp.headers.get("X-RateLimit-Remaining") == "0":
            return True
        return "Retry-After" in resp.headers  # the secondary rate limit

    async def status(self, name: str) -> RepoStatus | None:
        """The repository's status; None when it could not be determined."""
        if self.rate_limited:
            raise _RateLimited
        url = self.api / "repos" / name.split("/")[0] / name.split("/")[1]
        status, data, location = await self._get(url)
        if status in _REDIRECTS and location:
            moved = url.join(URL(location))
            status, data, location = await self._get(moved)  # once: no chains
        if status == 200 and data is not None:
            current = data.get("full_name")
            archived = bool(data.get("archived"))
            if isinstance(current, str) and current.lower() != name.lower():
                return RepoStatus(name, "renamed", current, archived)
            return RepoStatus(name, "archived" if archived else "ok", None, archived)
        if status in _GONE:
            return RepoStatus(name, "gone")
        return None


async def fetch_repos(
    full_names: Iterable[str],
    settings: GithubSettings | None = None,
    cache: Cache | None = None,
    gate: Callable[[], Awaitable[bool]] | None = None,
    problems: list[str] | None = None,
) -> tuple[dict[str, RepoStatus], int]:
    """Status per given ``owner/name`` string, and how many repos the rate limit left unchecked.

    ``gate()`` is awaited before the first request; False means answer from the cache only.

    Names are compared case-insensitively (as GitHub does). Absent from the result: strings that
    are not ``owner/name``, repos left unchecked by the rate limit (counted in the int) and
    repos the API could not answer about (network errors, 401, 5xx after retries).
    """
    settings = settings or GithubSettings()
    plan: dict[str, list[str]] = {}
    names: dict[str, str] = {}  # key -> the name to ask for
    for raw in full_names:
        name = raw.strip().strip("/")
        if name.lower().endswith(".git"):
            name = name[:-4]
        if _NAME.match(name):
            plan.setdefault(name.lower(), []).append(raw)
            names.setdefault(name.lower(), name)
    found: dict[str, RepoStatus] = {}
    if cache is not None and plan:
        for key, value in cache.get_many(CACHE_KIND, plan, settings.cache_age).items():
            try:
                new_name = value.get("new_name")
                if value["state"] not in _STATES or not (
                    new_name is None or isinstance(new_name, str)
                ):
                    continue  # not what this version stores: ask again
                found[key] = RepoStatus(
                    full_name=key,
                    state=value["state"],
                    new_name=new_name,
                    archived=bool(value.get("archived")),
                )
            except (KeyError, TypeError, AttributeError):
                continue
    todo = [key for key in plan if key not in found]
    skipped = 0
    if todo and gate is not None and not await gate():
        todo = []
    if todo:
        fetched: dict[str, RepoStatus] = {}
        queue: asyncio.Queue[str] = asyncio.Queue()
        for key in todo:
            queue.put_nowait(key)
        connector = aiohttp.TCPConnector(limit=settings.concurrency)
        async with aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=settings.timeout),  # the whole request
            trust_env=settings.trust_env,
            auto_decompress=False,  # read_body decodes, within its limit
            **session_kwargs(),
        ) as session:
            client = _Client(settings, session)

            async def worker() -> None:
                nonlocal skipped
                while True:
                    try:
                        key = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        return
                    try:
                        result = await client.status(names[key])
                    except _RateLimited:
                        client.rate_limited = True
                        skipped += 1
                        continue
                    except (aiohttp.ClientError, asyncio.TimeoutError, OSError, ValueError):
                        continue
                    if result is not None:
                        fetched[key] = result

            await asyncio.gather(*(worker() for _ in range(settings.concurrency)))
            if problems is not None:
                problems.extend(dict.fromkeys(client.problems))
        if cache is not None:
            cache.put_many(
                CACHE_KIND,
                [
                    (key, {"state": r.state, "new_name": r.new_name, "archived": r.archived})
                    for key, r in fetched.items()
                ],
            )
        found.update(fetched)
    results: dict[str, RepoStatus] = {}
    for key, raws in plan.items():
        if key in found:
            for raw in raws:
                status = found[key]
                results[raw] = RepoStatus(raw, status.state, status.new_name, status.archived)
    return results, skipped


def fetch_repos_sync(
    full_names: Iterable[str],
    settings: GithubSettings | None = None,
    cache: Cache | None = None,
) -> tuple[dict[str, RepoStatus], int]:
    return asyncio.run(fetch_repos(full_names, settings, cache))
