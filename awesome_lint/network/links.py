"""The link checker: URLs in, verdicts out. It knows nothing of markdown or rules.

``check_links`` takes any iterable of URL strings and returns a ``Verdict`` for each original
string it checked. Not in the result (so the caller reports nothing for them): URLs that are not
``http``/``https``, URLs without a usable host and URLs matching ``settings.exclude``. With
``settings.exclude_private`` (the default), a URL whose host is or resolves to a local or
private address, on any hop, is not requested: its verdict says ``private``.

Each unique URL (after normalisation: fragment removed, scheme and host lower-cased, empty
path = ``/``) is fetched once, so ``page#a`` and ``page#b`` cost one request.

Verdict classes:

* ``dead``: 404/410, a host name that does not exist, connection refused (after retries), a
  TLS failure, a redirect loop or too many redirects.
* ``unverifiable``: 401/403/999 and other refusals, 429 or 5xx that never clear, timeouts,
  resets, a temporary resolver failure. Never cached.
* ``ok``: everything else (2xx, 3xx without a target, ``settings.accept`` codes).

A ``permanent_redirect`` (a 301/308 anywhere in the chain) is reported on ``ok`` verdicts only,
with ``final_url`` = the target of the last permanent hop (a later temporary hop, e.g. to a
login page, is not a fix), carrying over the original fragment. DOI links (``doi.org``,
``dx.doi.org``) are checked at the resolver: a redirect off the resolver proves the DOI exists.

Call ``network_reachable`` first: when it is False, report "network unreachable" instead of
checking. (As a second guard, "name does not resolve" on several hosts while no host at all
resolved is downgraded to unverifiable.)
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ipaddress
import random
import re
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from ._http import (
    PRIVATE_REASON,
    PrivateAddress,
    backoff_delay,
    classify_exception,
    describe_status,
    is_private_address,
    parse_retry_after,
    session_kwargs,
)
from .cache import Cache
from .settings import LinkSettings

__all__ = [
    "CACHE_KIND",
    "DOI_HOSTS",
    "Budget",
    "Progress",
    "Verdict",
    "check_links",
    "check_links_sync",
    "network_reachable",
    "normalise_url",
]

State = Literal["ok", "dead", "unverifiable"]
Progress = Callable[[int, int, int], None]
Gate = Callable[[], Awaitable[bool]]
"""``progress(done, total, failures)`` after each unique URL (failures = dead + unverifiable)."""

CACHE_KIND = "link"
DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_DEAD_STATUSES = frozenset({404, 410})
# HEAD answers that are not trusted: ask again with GET (servers often mishandle HEAD).
_HEAD_RETRY_WITH_GET_ERRORS = frozenset({"timeout", "reset", "protocol"})
_DEAD_ERRORS = frozenset({"dns_missing", "tls", "loop", "too_many_redirects"})
_TRANSIENT_ERRORS = frozenset(
    {"timeout", "connect_timeout", "reset", "refused", "unreachable", "dns_temporary", "protocol"}
)
_FLUSH_EVERY = 200
_WHITESPACE = re.compile(r"\s")
_ACCEPT_HEADER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass(frozen=True)
class Verdict:
    url: str
    """The URL string exactly as given to ``check_links``."""
    state: State
    status: int | None
    """The last HTTP status seen (None when no answer came)."""
    reason: str
    """Short human text: ``404 Not Found``, ``connection refused``, ``timed out after 20s``."""
    final_url: str | None = None
    """Where a permanent redirect leads (ok verdicts only)."""
    permanent_redirect: bool = False
    from_cache: bool = False
    private: bool = False
    """Not requested: the host (or a redirect's) is a local or private address and
    ``settings.exclude_private`` is on. Always ``unverifiable``; report as not checked."""
    out_of_time: str = ""
    """Not checked: the time budget of this key ran out (``links.max_seconds`` or
    ``links.max_seconds_per_host``). Always ``unverifiable``; report as not checked."""

    @property
    def ok(self) -> bool:
        return self.state == "ok"


# -- URL handling ------------------------------------------------------------------------------


def normalise_url(url: str) -> str | None:
    """The form a URL is checked and cached under, or None when it is not checkable.

    Only ``http``/``https`` URLs with a host are checkable. The fragment is dropped, scheme and
    host are lower-cased, an empty path becomes ``/``; path and query are kept as written.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host or _WHITESPACE.search(text) is not None:
        return None
    netloc = parts.netloc
    userinfo, at, hostport = netloc.rpartition("@")
    hostport = hostport.lower()
    if port is not None and (
        (scheme == "http" and port == 80) or (scheme == "https" and port == 443)
    ):
        hostport = hostport.rsplit(":", 1)[0]
    netloc = f"{userinfo}{at}{hostport}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


@functools.lru_cache(maxsize=8192)
def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or ''}"


@functools.lru_cache(maxsize=8192)
def _hostname(url: str) -> str:
    """The host the HTTP client will connect to, spelled as it will: yarl applies IDNA
    (UTS 46) mapping, so ``127。0。0。1``, full-width digits and ``①②⑦.0.0.1`` all become
    ``127.0.0.1``, a literal address that aiohttp connects to without asking a resolver.
    The private-address guard must see this spelling, not the one written."""
    try:
        host = URL(url).raw_host
    except (ValueError, TypeError, UnicodeError):
        host = None
    if host is None:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
    return (host or "").lower()


def _is_private_host(host: str) -> bool:
    """A host name that is local by name, or a literal address that is not public (names
    are checked on what they resolve to, by ``_GuardedResolver``)."""
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    # the legacy spellings C resolvers accept: 127.1, 0x7f000001, 2130706433
    with contextlib.suppress(OSError):
        host = socket.inet_ntoa(socket.inet_aton(host))
    return is_private_address(host)


class _GuardedResolver(AbstractResolver):
    """Resolves through ``inner`` and refuses a name any of whose addresses is not public:
    the check is on the addresses the connection will use, so a name that resolves to
    loopback (or ``0x7f000001``, which the system resolver reads as 127.0.0.1) and a
    redirect to such a name are refused too. Literal IP hosts never reach a resolver:
    ``_Engine.follow`` checks them on every hop."""

    def __init__(self, inner: AbstractResolver) -> None:
        self.inner = inner

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[Any]:
        results = await self.inner.resolve(host, port, family)
        for result in results:
            if is_private_address(str(result["host"])):
                raise PrivateAddress(f"{host} resolves to {result['host']}")
        return list(results)

    async def close(self) -> None:
        await self.inner.close()


@functools.lru_cache(maxsize=8192)
def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


def _with_fragment(url: str, original: str) -> str:
    fragment = urlsplit(original.strip()).fragment if "#" in original else ""
    if not fragment or "#" in url:
        return url
    return f"{url}#{fragment}"


# -- the time budget --------------------------------------------------------------------------

RUN_BUDGET = "links.max_seconds"
HOST_BUDGET = "links.max_seconds_per_host"


class Budget:
    """The time link checks may take: ``settings.max_seconds`` for the run, from its first
    check (shared by every ``check_links`` call given the same Budget), and
    ``settings.max_seconds_per_host`` for each host, from its first request."""

    def __init__(self, settings: LinkSettings, clock: Callable[[], float] = time.monotonic):
        self.settings = settings
        self.clock = clock
        self.started: float | None = None
        self.hosts: dict[str, float] = {}

    def start(self) -> None:
        if self.started is None:
            self.started = self.clock()

    def run_left(self) -> float:
        self.start()
        assert self.started is not None
        return self.started + self.settings.max_seconds - self.clock()

    def host_left(self, key: str) -> float:
        """Seconds left for the host (its clock starts now if it has not yet)."""
        first = self.hosts.setdefault(key, self.clock())
        return first + self.settings.max_seconds_per_host - self.clock()

    def left(self, key: str) -> tuple[float, str]:
        """(seconds left for a request to the host, the key of the budget that binds)."""
        run, host = self.run_left(), self.host_left(key)
        return (run, RUN_BUDGET) if run <= host else (host, HOST_BUDGET)


class _OutOfTime(Exception):
    """A budget ran out; ``key`` names it."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


# -- one request, one chain --------------------------------------------------------------------


@dataclass
class _Outcome:
    method: str = "HEAD"  # of the last request
    last_url: str = ""  # where the last request went
    status: int | None = None
    error: str | None = None  # an error kind from classify_exception, or loop/redirect kinds
    reason: str = ""
    retry_after: float | None = None
    permanent: bool = False
    final_url: str | None = None
    doi_resolved: bool = False


@dataclass
class _Answer:
    method: str
    status: int
    location: str | None
    retry_after: float | None
    sets_cookie: bool


class _Host:
    __slots__ = ("head_refusals", "not_before", "sem")

    def __init__(self, limit: int) -> None:
        self.sem = asyncio.Semaphore(limit)
        self.not_before = 0.0  # loop time before which no request may start (rate limit)
        self.head_refusals = 0  # HEAD answered 405/501: after two, ask with GET at once


class _Engine:
    def __init__(
        self,
        settings: LinkSettings,
        session: aiohttp.ClientSession,
        budget: Budget | None = None,
    ) -> None:
        self.s = settings
        self.session = session
        self.budget = budget or Budget(settings)
        self.loop = asyncio.get_running_loop()
        self.global_sem = asyncio.Semaphore(settings.concurrency)
        self.hosts: dict[str, _Host] = {}
        self.rng = random.Random()
        self.resolved_any = False
        self.headers = {"User-Agent": settings.user_agent, "Accept": _ACCEPT_HEADER}

    def _host(self, url: str) -> _Host:
        key = _host_key(url)
        host = self.hosts.get(key)
        if host is None:
            host = self.hosts[key] = _Host(self.s.per_host)
        return host

    def _pause_host(self, url: str, seconds: float) -> None:
        host = self._host(url)
        host.not_before = max(host.not_before, self.loop.time() + seconds)

    async def _fetch(self, method: str, url: str) -> _Answer:
        """One request, under the per-host and then the global limit; the body is never read."""
        host = self._host(url)
        async with host.sem:
            wait = host.not_before - self.loop.time()
            left, key = self.budget.left(_host_key(url))
            if left <= 0 or wait >= left:
                raise _OutOfTime(key)  # a rate limit's pause longer than the time left
            if wait > 0:
                await asyncio.sleep(wait)
            if method == "HEAD" and host.head_refusals >= 2:
                method = "GET"  # this host refuses HEAD: don't ask twice
            async with self.global_sem:
                left, key = self.budget.left(_host_key(url))
                if left <= 0:
                    raise _OutOfTime(key)
                if left < self.s.timeout:  # the request ends when the budget does
                    timeout = aiohttp.ClientTimeout(
                        total=max(left, 0.001), sock_connect=self.s.connect_timeout
                    )
                    resp = await self.session.request(
                        method, url, allow_redirects=False, headers=self.headers, timeout=timeout
                    )
                else:
                    resp = await self.session.request(
                        method, url, allow_redirects=False, headers=self.headers
                    )
                if method == "HEAD" and resp.status in (405, 501):
                    host.head_refusals += 1
                try:
                    return _Answer(
                        method=method,
                        status=resp.status,
                        location=resp.headers.get("Location"),
                        retry_after=parse_retry_after(resp.headers.get("Retry-After")),
                        sets_cookie="Set-Cookie" in resp.headers,
                    )
                finally:
                    if method == "HEAD":
                        resp.release()  # no body: the connection goes back to the pool
                    else:
                        resp.close()  # never read a body; drop the connection

    async def follow(self, url: str, method: str) -> _Outcome:
        """Follow redirects by hand from ``url``; the outcome of the last hop."""
        seen: dict[str, int] = {}
        cookie_epoch = 0
        current = url
        used = method
        permanent = False
        final_url: str | None = None
        hops = 0

        def outcome(**fields: Any) -> _Outcome:
            return _Outcome(
                method=used, last_url=current, permanent=permanent, final_url=final_url, **fields
            )

        while True:
            if seen.get(current) == cookie_epoch:
                return outcome(error="loop", reason="redirect loop")
            seen[current] = cookie_epoch
            if self.s.exclude_private and _is_private_host(_hostname(current)):
                return outcome(error="private", reason=PRIVATE_REASON)  # no request at all
            named_host = not _is_ip(_hostname(current))
            try:
                answer = await self._fetch(method, current)
            except (asyncio.CancelledError, _OutOfTime):
                raise
            except Exception as exc:
                kind, reason = classify_exception(
                    exc, timeout=self.s.timeout, connect_timeout=self.s.connect_timeout
                )
                if named_host and kind not in ("dns_missing", "dns_temporary"):
                    self.resolved_any = True
                if method == "HEAD" and self._host(current).head_refusals >= 2:
                    used = "GET"
                return outcome(error=kind, reason=reason)
            used = answer.method
            if named_host:
                self.resolved_any = True
            if answer.sets_cookie:
                cookie_epoch += 1
            status = answer.status
            if status not in _REDIRECTS or not answer.location:
                return outcome(
                    status=status, reason=describe_status(status), retry_after=answer.retry_after
                )
            try:
                target = str(URL(current).join(URL(answer.location)))
            except ValueError:
                return outcome(status=status, error="bad_redirect", reason="invalid redirect")
            here = _hostname(current)
            if here in DOI_HOSTS and _hostname(target) not in DOI_HOSTS:
                return outcome(status=status, reason="DOI resolves", doi_resolved=True)
            next_url = normalise_url(target)
            if next_url is None:
                # A redirect to a non-web scheme (app links, mailto:): the page exists.
                reason = f"redirects to a non-HTTP URL ({describe_status(status)})"
                return outcome(status=status, reason=reason)
            within_doi = here in DOI_HOSTS and _hostname(next_url) in DOI_HOSTS
            if status in _PERMANENT and not within_doi:
                permanent = True
                final_url = str(URL(target).with_fragment(None))
            hops += 1
            if hops > self.s.max_redirects:
                reason = f"too many redirects (more than {self.s.max_redirects})"
                return outcome(status=status, error="too_many_redirects", reason=reason)
            current = next_url

    # -- classification and retries --------------------------------------------------------

    def _state(self, out: _Outcome) -> tuple[State | None, bool]:
        """(final state or None when transient, whether a retry may help)."""
        if out.doi_resolved:
            return "ok", False
        if out.error is not None:
            if out.error in _DEAD_ERRORS:
                return "dead", False
            if out.error in _TRANSIENT_ERRORS:
                return None, True
            return "unverifiable", False
        status = out.status or 0
        if 200 <= status < 400 or status in self.s.accept:
            return "ok", False
        if status in _DEAD_STATUSES:
            return "dead", False
        if status == 429 or status >= 500:
            return None, True
        return "unverifiable", False

    def _head_untrusted(self, out: _Outcome) -> bool:
        if out.error is not None:
            return out.error in _HEAD_RETRY_WITH_GET_ERRORS
        status = out.status or 0
        if 200 <= status < 400 or status in self.s.accept or status == 429:
            return False
        # 503 with Retry-After is a rate limit, not a HEAD problem.
        return not (status == 503 and out.retry_after is not None)

    async def check(self, url: str) -> Verdict:
        method = "HEAD"
        attempts = 0
        while True:
            attempts += 1
            out = await self.follow(url, method)
            method = out.method
            if method == "HEAD" and self._head_untrusted(out):
                method = "GET"  # for this try and every retry
                out = await self.follow(url, method)
            state, transient = self._state(out)
            if state is None and transient:
                left, key = self.budget.left(_host_key(out.last_url or url))
                if left <= 0:
                    raise _OutOfTime(key)  # it failed because the time ran out
                status = out.status
                wait: float | None = None
                if status in (429, 503) and out.retry_after is not None:
                    if out.retry_after > self.s.retry_after_max:
                        return self._verdict(
                            url,
                            out,
                            "unverifiable",
                            f"{out.reason} (Retry-After {out.retry_after:g}s is over the "
                            f"{self.s.retry_after_max:g}s limit)",
                        )
                    wait = out.retry_after
                if attempts > self.s.retries:
                    final: State = "dead" if out.error == "refused" else "unverifiable"
                    suffix = f" (after {attempts} attempts)" if attempts > 1 else ""
                    return self._verdict(url, out, final, out.reason + suffix)
                if wait is None:
                    wait = backoff_delay(self.s.backoff_base, attempts - 1, self.rng)
                left, key = self.budget.left(_host_key(out.last_url or url))
                if wait >= left:
                    raise _OutOfTime(key)  # not waited for: the time would run out first
                if status == 429 or (status == 503 and out.retry_after is not None):
                    self._pause_host(out.last_url or url, wait)
                await asyncio.sleep(wait)
                continue
            return self._verdict(url, out, state or "unverifiable", out.reason)

    def _verdict(self, url: str, out: _Outcome, state: State, reason: str) -> Verdict:
        ok = state == "ok"
        return Verdict(
            url=url,
            state=state,
            status=out.status,
            reason=reason,
            final_url=out.final_url if ok and out.permanent else None,
            permanent_redirect=ok and out.permanent,
            private=out.error == "private",
        )


def _out_of_time(url: str, key: str, settings: LinkSettings) -> Verdict:
    seconds = settings.max_seconds if key == RUN_BUDGET else settings.max_seconds_per_host
    reason = f"not checked: the time budget ran out ({key}: {seconds:g}s)"
    return Verdict(url, "unverifiable", None, reason, out_of_time=key)


# -- cache ----------------------------------------------------------------------------------


def _to_cache(verdict: Verdict) -> dict[str, Any]:
    data = asdict(verdict)
    del data["url"], data["from_cache"]
    return data


def _from_cache(url: str, data: Any, settings: LinkSettings) -> Verdict | None:
    """The cached verdict, or None (a miss) for anything not of the expected shape: the
    cache is a file anyone may have edited, and a wrong type must not reach a fix."""
    if not isinstance(data, dict) or not _cached_types_ok(data):
        return None
    try:
        verdict = Verdict(
            url=url,
            state=data["state"],
            status=data["status"],
            reason=str(data["reason"]),
            final_url=data.get("final_url"),
            permanent_redirect=bool(data.get("permanent_redirect")),
            from_cache=True,
        )
    except (KeyError, TypeError):
        return None
    status = verdict.status
    if verdict.state == "ok" and status is not None and status >= 400:
        if status not in settings.accept:
            return None  # was accepted by an older config: check again
    elif verdict.state == "dead" and status is not None and status in settings.accept:
        return replace(verdict, state="ok")
    if verdict.state not in ("ok", "dead"):
        return None
    return verdict


def _cached_types_ok(data: dict[str, Any]) -> bool:
    status = data.get("status")
    final_url = data.get("final_url")
    return (
        data.get("state") in ("ok", "dead")
        and (status is None or (isinstance(status, int) and not isinstance(status, bool)))
        and isinstance(data.get("reason"), str)
        and (final_url is None or isinstance(final_url, str))
        and isinstance(data.get("permanent_redirect", False), bool)
    )


def _max_age(settings: LinkSettings) -> Callable[[Any], float]:
    def age(value: Any) -> float:
        state = value.get("state") if isinstance(value, dict) else None
        if state == "ok":
            return settings.cache_ok_age
        if state == "dead":
            return settings.cache_dead_age
        return -1.0

    return age


# -- public API -----------------------------------------------------------------------------


def _plan(urls: Iterable[str], settings: LinkSettings) -> dict[str, list[str]]:
    """normalised URL -> the original strings that map to it (excluded ones left out)."""
    patterns = [re.compile(p) for p in settings.exclude]
    plan: dict[str, list[str]] = {}
    for original in urls:
        norm = normalise_url(original)
        if norm is None:
            continue
        if any(p.search(original) or p.search(norm) for p in patterns):
            continue
        plan.setdefault(norm, []).append(original)
    return plan


def _interleave_by_host(urls: list[str]) -> list[str]:
    """Round-robin over hosts so that no host's queue holds up the others."""
    groups: dict[str, list[str]] = {}
    for url in urls:
        groups.setdefault(_host_key(url), []).append(url)
    lists = list(groups.values())
    out: list[str] = []
    for i in range(max((len(g) for g in lists), default=0)):
        out.extend(g[i] for g in lists if i < len(g))
    return out


def _make_session(
    settings: LinkSettings,
    resolver: AbstractResolver | None,
    *,
    limit: int,
    limit_per_host: int,
    timeout: aiohttp.ClientTimeout,
    guard: bool = True,
) -> aiohttp.ClientSession:
    if guard and settings.exclude_private:
        resolver = _GuardedResolver(resolver or aiohttp.ThreadedResolver())
    connector = aiohttp.TCPConnector(
        limit=limit,
        limit_per_host=limit_per_host,
        resolver=resolver,
        ttl_dns_cache=300,
    )
    return aiohttp.ClientSession(
        connector=connector,
        timeout=timeout,
        cookie_jar=aiohttp.CookieJar(unsafe=True),
        auto_decompress=False,
        trust_env=settings.trust_env,
        **session_kwargs(max_line_size=65536, max_field_size=65536),
    )


async def check_links(
    urls: Iterable[str],
    settings: LinkSettings | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
    resolver: AbstractResolver | None = None,
    gate: Gate | None = None,
    budget: Budget | None = None,
) -> dict[str, Verdict]:
    """Check every checkable URL; a verdict for each original string (see the module doc).

    ``cache=None`` checks everything afresh (``--no-cache``). ``resolver`` replaces DNS
    resolution (tests). ``progress(done, total, failures)`` is called after each unique URL.
    ``gate()`` is awaited before the first request: when it answers False (the network is
    unreachable), only cached verdicts are returned. ``budget`` is the time the checks may
    take (shared by the calls of one run; default: ``settings.max_seconds`` from now):
    what is left unchecked when it runs out gets a verdict with ``out_of_time`` set.
    """
    settings = settings or LinkSettings()
    budget = budget or Budget(settings)
    budget.start()
    plan = _plan(urls, settings)
    results: dict[str, Verdict] = {}
    total = len(plan)
    done = 0
    failures = 0

    def report(verdict: Verdict) -> None:
        nonlocal done, failures
        done += 1
        if verdict.state != "ok":
            failures += 1
        if progress is not None:
            progress(done, total, failures)

    fresh: dict[str, Verdict] = {}
    if cache is not None and plan:
        for norm, data in cache.get_many(CACHE_KIND, plan, _max_age(settings)).items():
            verdict = _from_cache(norm, data, settings)
            if verdict is not None:
                fresh[norm] = verdict
                report(verdict)

    todo = _interleave_by_host([norm for norm in plan if norm not in fresh])
    if todo and gate is not None and not await gate():
        todo = []
    if todo:
        timeout = aiohttp.ClientTimeout(
            total=settings.timeout, sock_connect=settings.connect_timeout
        )
        pending_writes: list[tuple[str, dict[str, Any]]] = []
        held_dns: list[Verdict] = []
        async with _make_session(
            settings,
            resolver,
            limit=settings.concurrency,
            limit_per_host=settings.per_host,
            timeout=timeout,
        ) as session:
            engine = _Engine(settings, session, budget)

            async def run(norm: str) -> None:
                try:
                    verdict = await engine.check(norm)
                except asyncio.CancelledError:
                    raise
                except _OutOfTime as out:
                    verdict = _out_of_time(norm, out.key, settings)
                except Exception as exc:  # a bug must not sink the whole run
                    verdict = Verdict(norm, "unverifiable", None, f"internal error: {exc!r}")
                fresh[norm] = verdict
                report(verdict)
                if cache is None or verdict.state == "unverifiable":
                    return
                if verdict.reason == "name does not resolve":
                    held_dns.append(verdict)  # decided after the run (see the guard below)
                    return
                pending_writes.append((norm, _to_cache(verdict)))
                if len(pending_writes) >= _FLUSH_EVERY:
                    batch = pending_writes[:]
                    pending_writes.clear()
                    cache.put_many(CACHE_KIND, batch)

            tasks = [asyncio.ensure_future(run(norm)) for norm in todo]
            _, late = await asyncio.wait(tasks, timeout=max(budget.run_left(), 0.0))
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
            for norm in todo:
                if norm not in fresh:  # never waited for: the run's time ran out
                    fresh[norm] = _out_of_time(norm, RUN_BUDGET, settings)
                    report(fresh[norm])

        # Guard: "name does not resolve" everywhere while no host resolved means the resolver,
        # not the links, is broken.
        missing = [
            v for v in fresh.values() if v.reason == "name does not resolve" and not v.from_cache
        ]
        if not engine.resolved_any and len({_hostname(v.url) for v in missing}) >= 2:
            for v in missing:
                fresh[v.url] = replace(
                    v, state="unverifiable", reason="name does not resolve (no host resolved)"
                )
        elif cache is not None:
            pending_writes.extend((v.url, _to_cache(v)) for v in held_dns)
        if cache is not None:
            cache.put_many(CACHE_KIND, pending_writes)

    for norm, originals in plan.items():
        verdict = fresh.get(norm)
        if verdict is None:
            continue  # not checked: the gate closed (network unreachable)
        for original in originals:
            final_url = verdict.final_url
            if final_url is not None:
                final_url = _with_fragment(final_url, original)
            if original == norm and final_url == verdict.final_url:
                results[original] = verdict
            else:
                results[original] = replace(verdict, url=original, final_url=final_url)
    return results


def check_links_sync(
    urls: Iterable[str],
    settings: LinkSettings | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
    resolver: AbstractResolver | None = None,
) -> dict[str, Verdict]:
    """``check_links`` for synchronous callers (runs its own event loop)."""
    return asyncio.run(check_links(urls, settings, cache, progress, resolver))


async def network_reachable(
    settings: LinkSettings | None = None, resolver: AbstractResolver | None = None
) -> bool:
    """Whether ``settings.probe_url`` answers at all (any HTTP status counts).

    A connection or DNS failure, a timeout (``settings.probe_timeout``) or a TLS failure (a
    captive portal intercepting HTTPS) means unreachable.
    """
    settings = settings or LinkSettings()
    timeout = aiohttp.ClientTimeout(total=settings.probe_timeout)
    try:
        async with (
            _make_session(
                settings, resolver, limit=1, limit_per_host=1, timeout=timeout, guard=False
            ) as s,
            s.head(
                settings.probe_url,
                allow_redirects=False,
                headers={"User-Agent": settings.user_agent},
            ),
        ):
            return True
    except aiohttp.ClientResponseError:
        return True  # something answered, if oddly
    except (aiohttp.ClientError, OSError, asyncio.TimeoutError, ValueError):
        return False
