"""Local aiohttp servers on loopback for the network tests; nothing here reaches the internet.

``serve(handler)`` starts a real aiohttp server in a background thread (its own event loop) on
an ephemeral port of 127.0.0.1 (or another loopback address) and records every request. The
tests call the engine with ``asyncio.run`` from the main thread.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult

from awesome_lint.network import LinkSettings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Seen:
    method: str
    path: str
    query: str
    host: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


class LocalServer:
    """An aiohttp app serving ``handler`` for every path and method."""

    def __init__(
        self, handler: Handler, host: str = "127.0.0.1", ssl_context: ssl.SSLContext | None = None
    ) -> None:
        self.handler = handler
        self.host = host
        self.ssl_context = ssl_context
        self.requests: list[Seen] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.state: dict[str, Any] = {}  # free for handlers
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def scheme(self) -> str:
        return "https" if self.ssl_context else "http"

    def url(self, path: str = "/") -> str:
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def count(self, method: str | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if method is None or r.method == method)

    @web.middleware
    async def _record(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        with self._lock:
            self.requests.append(
                Seen(
                    request.method,
                    request.path,
                    request.query_string,
                    request.host,
                    dict(request.headers),
                )
            )
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await handler(request)
        finally:
            with self._lock:
                self.in_flight -= 1

    async def _start(self) -> None:
        app = web.Application(middlewares=[self._record])
        app.router.add_route("*", "/{tail:.*}", self.handler)
        self._runner = web.AppRunner(
            app, shutdown_timeout=0.2, handler_cancellation=True, access_log=None
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0, ssl_context=self.ssl_context)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def start(self) -> LocalServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        try:
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
            self._loop.close()


@pytest.fixture
def serve() -> Iterator[Callable[..., LocalServer]]:
    servers: list[LocalServer] = []

    def start(
        handler: Handler, host: str = "127.0.0.1", ssl_context: ssl.SSLContext | None = None
    ) -> LocalServer:
        server = LocalServer(handler, host, ssl_context).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


class StaticResolver(AbstractResolver):
    """Resolves the given names to 127.0.0.1; ``missing`` names do not exist (EAI_NONAME),
    ``failing`` ones fail temporarily (EAI_AGAIN); anything else does not exist either."""

    def __init__(self, names: set[str] | None = None, failing: set[str] | None = None) -> None:
        self.names = {n.lower() for n in names or set()}
        self.failing = {n.lower() for n in failing or set()}
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        name = host.lower().rstrip(".")
        if name in self.failing:
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        if name not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            {
                "hostname": host,
                "host": "127.0.0.1",
                "port": port,
                "family": socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
        ]

    async def close(self) -> None:
        return None


def _fast(**overrides: Any) -> LinkSettings:
    """Link settings that make every fault finish within a few seconds, for servers on
    loopback: the private-address guard is off here (its own tests turn it on)."""
    values: dict[str, Any] = {
        "exclude_private": False,
        "timeout": 1.0,
        "connect_timeout": 1.0,
        "retries": 1,
        "backoff_base": 0.05,
        "retry_after_max": 2.0,
        "probe_timeout": 1.0,
        "trust_env": False,
    }
    values.update(overrides)
    return LinkSettings(**values)


# -- the guard: no test connects anywhere but loopback ---------------------------------------

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _check_address(sock: socket.socket, address: Any) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    host = address[0] if isinstance(address, tuple) else str(address)
    try:
        loopback = ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise AssertionError(f"a test tried to connect to {address!r}: loopback only")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check_address(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check_address(self, address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- helpers handed to the tests as fixtures (test modules import nothing from here) ----------


@pytest.fixture
def fast() -> Callable[..., LinkSettings]:
    """``fast(**overrides)``: link settings that bound every fault to a few seconds."""
    return _fast


@pytest.fixture
def resolver() -> type[StaticResolver]:
    """The ``StaticResolver`` class: ``resolver({"good.test"}, failing={"flaky.test"})``."""
    return StaticResolver


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on."""
    return _closed_port()
