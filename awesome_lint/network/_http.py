"""Small HTTP helpers shared by the link checker and the API clients."""

from __future__ import annotations

import asyncio
import errno
import inspect
import random
import socket
import ssl
import time
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any

import aiohttp

__all__ = [
    "backoff_delay",
    "classify_exception",
    "describe_status",
    "fmt_seconds",
    "parse_retry_after",
    "session_kwargs",
]

_ConnectionTimeout: type[BaseException] = getattr(
    aiohttp, "ConnectionTimeoutError", aiohttp.ServerTimeoutError
)
_DNSError: type[BaseException] | None = getattr(aiohttp, "ClientConnectorDNSError", None)

_NONAME_ERRNOS = frozenset(
    code
    for code in (
        getattr(socket, "EAI_NONAME", None),
        getattr(socket, "EAI_NODATA", None),
        getattr(socket, "EAI_ADDRFAMILY", None),
        11001,  # WSAHOST_NOT_FOUND
        11004,  # WSANO_DATA
    )
    if code is not None
)
_NONAME_TEXT = (
    "name or service not known",
    "nodename nor servname",
    "no address associated",
    "domain name not found",
    "does not exist",
    "nxdomain",
    "host not found",
    "no such host",
)
_RESET_ERRNOS = frozenset({errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED})


def fmt_seconds(value: float) -> str:
    return f"{value:g}s"


def describe_status(status: int) -> str:
    """``404 Not Found``; ``999 (bot wall)`` for LinkedIn-style codes."""
    if status == 999:
        return "999 (request refused: bot wall)"
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def backoff_delay(base: float, attempt: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: ``base * 2**attempt`` scaled by 0.5–1.0."""
    jitter = rng.uniform(0.5, 1.0) if rng is not None else random.uniform(0.5, 1.0)
    return float(base * (2**attempt) * jitter)


def _errno_of(exc: BaseException | None) -> int | None:
    while exc is not None:
        code = getattr(exc, "errno", None)
        if isinstance(code, int):
            return code
        exc = exc.__cause__ or getattr(exc, "os_error", None)
        if exc is not None and not isinstance(exc, BaseException):
            return None
    return None


def _is_dns_error(exc: BaseException) -> bool:
    if _DNSError is not None and isinstance(exc, _DNSError):
        return True
    if isinstance(exc, aiohttp.ClientConnectorError):
        return isinstance(exc.os_error, socket.gaierror)
    return isinstance(exc, socket.gaierror)


def _dns_name_missing(exc: BaseException) -> bool:
    inner: BaseException = getattr(exc, "os_error", None) or exc
    code = getattr(inner, "errno", None)
    if isinstance(code, int) and code in _NONAME_ERRNOS:
        return True
    text = " ".join(str(a) for a in getattr(inner, "args", ()) if a is not None).lower()
    text = text or str(inner).lower()
    return any(marker in text for marker in _NONAME_TEXT)


def classify_exception(
    exc: BaseException, *, timeout: float, connect_timeout: float
) -> tuple[str, str]:
    """(kind, reason) for a failed request.

    Kinds: ``timeout``, ``connect_timeout``, ``reset``, ``refused``, ``dns_missing``,
    ``dns_temporary``, ``tls``, ``unreachable``, ``protocol``, ``invalid_url``, ``error``.
    """
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        detail = getattr(exc.certificate_error, "verify_message", "") or ""
        return "tls", "TLS certificate verify failed" + (f": {detail}" if detail else "")
    if isinstance(exc, (aiohttp.ClientSSLError, ssl.SSLError)):
        return "tls", "TLS handshake failed"
    if _is_dns_error(exc):
        if _dns_name_missing(exc):
            return "dns_missing", "name does not resolve"
        return "dns_temporary", "name resolution failed (temporary)"
    if isinstance(exc, _ConnectionTimeout):
        return "connect_timeout", f"connection timed out after {fmt_seconds(connect_timeout)}"
    if isinstance(exc, (asyncio.TimeoutError, TimeoutError)):
        return "timeout", f"timed out after {fmt_seconds(timeout)}"
    if isinstance(exc, aiohttp.ClientConnectorError):
        inner = exc.os_error
        if isinstance(inner, ConnectionRefusedError) or inner.errno == errno.ECONNREFUSED:
            return "refused", "connection refused"
        if isinstance(inner, (asyncio.TimeoutError, TimeoutError)):
            return "connect_timeout", f"connection timed out after {fmt_seconds(connect_timeout)}"
        return "unreachable", f"cannot connect: {inner.strerror or inner}"
    if isinstance(exc, (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError)):
        return "reset", "connection reset"
    if isinstance(exc, ConnectionResetError) or _errno_of(exc) in _RESET_ERRNOS:
        return "reset", "connection reset"
    if isinstance(exc, aiohttp.ClientResponseError):
        return "protocol", f"invalid HTTP response: {exc.message}"
    if isinstance(exc, (aiohttp.InvalidURL, ValueError)):
        return "invalid_url", "invalid URL"
    if isinstance(exc, (aiohttp.ClientError, OSError)):
        return "error", f"request failed: {type(exc).__name__}: {exc}".rstrip(": ")
    return "error", f"request failed: {type(exc).__name__}"


_SESSION_PARAMS = frozenset(inspect.signature(aiohttp.ClientSession.__init__).parameters)


def session_kwargs(**wanted: Any) -> dict[str, Any]:
    """The keyword arguments this aiohttp version's ClientSession accepts."""
    return {key: value for key, value in wanted.items() if key in _SESSION_PARAMS}
