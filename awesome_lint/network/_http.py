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
    "PRIVATE_REASON",
    "BodyError",
    "PrivateAddress",
    "backoff_delay",
    "classify_exception",
    "describe_status",
    "fmt_seconds",
    "one_line",
    "parse_retry_after",
    "read_body",
    "session_kwargs",
]

PRIVATE_REASON = "a local or private address (links.exclude_private): not requested"


class PrivateAddress(OSError):
    """A host that is, or resolves to, an address that is not public."""


class BodyError(aiohttp.ClientError):
    """An answer too large, or in an encoding that can't be read."""


def one_line(text: object, limit: int = 300) -> str:
    """``text`` on one line (runs of whitespace, newlines included, become one space),
    shortened to ``limit`` characters: what a server said can't start a line of its own."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_BODY_CHUNK = 64 * 1024
ACCEPT_ENCODING = "gzip, deflate"  # what read_body decodes


async def read_body(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """The body of ``response``, decoded, reading at most ``limit`` bytes off the wire and
    producing at most ``limit`` decoded bytes: a gzip bomb or an endless answer stops
    early with BodyError. The session must not decompress (``auto_decompress=False``);
    its timeout bounds how long this may take."""
    import zlib

    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    decoder: Any
    if encoding in ("", "identity"):
        decoder = None
    elif encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    else:
        raise BodyError(f"unsupported content encoding {encoding!r}")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        raise BodyError(f"answer too large ({length} bytes; at most {limit} are read)")
    received = 0
    body = bytearray()
    try:
        async for chunk in response.content.iter_chunked(_BODY_CHUNK):
            received += len(chunk)
            if received > limit:
                raise BodyError(f"answer too large (more than {limit} bytes)")
            if decoder is None:
                body += chunk
                continue
            body += decoder.decompress(chunk, limit + 1 - len(body))
            if len(body) > limit or decoder.unconsumed_tail:
                raise BodyError(f"answer too large decoded (more than {limit} bytes)")
        if decoder is not None:
            body += decoder.flush()
    except zlib.error as error:
        raise BodyError(f"answer not decodable: {error}") from None
    finally:
        response.close()  # what is left unread is dropped with the connection
    if len(body) > limit:
        raise BodyError(f"answer too large decoded (more than {limit} bytes)")
    return bytes(body)


def is_private_address(text: str) -> bool:
    """Whether an IP address (as text) is anything but a public unicast address: loopback,
    private, link-local, shared, multicast, unspecified, reserved, and the same inside an
    IPv4-mapped (or NAT64) IPv6 address. Not an IP address: False."""
    import ipaddress

    try:
        address: Any = ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if address.version == 6:
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in ipaddress.ip_network("64:ff9b::/96"):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and is_private_address(str(embedded)):
            return True
    return bool(
        not address.is_global
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
        or address.is_loopback
        or address.is_link_local
    )


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


def _caused_by(exc: BaseException | None, kind: type[BaseException]) -> bool:
    """Whether ``exc`` or an error it wraps (``os_error``, the cause) is a ``kind``."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, kind):
            return True
        exc = getattr(exc, "os_error", None) or exc.__cause__
        seen += 1
    return False


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
    """(kind, reason) for a failed request; the reason is one line, whatever the error's
    text held (a server's words can end up in it).

    Kinds: ``timeout``, ``connect_timeout``, ``reset``, ``refused``, ``dns_missing``,
    ``dns_temporary``, ``tls``, ``unreachable``, ``protocol``, ``invalid_url``, ``error``.
    """
    kind, reason = _classify(exc, timeout=timeout, connect_timeout=connect_timeout)
    return kind, one_line(reason)


def _classify(exc: BaseException, *, timeout: float, connect_timeout: float) -> tuple[str, str]:
    if _caused_by(exc, PrivateAddress):
        return "private", PRIVATE_REASON
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
