"""URLs and names that a server or a cache file said: what a fix may write, and how a
message shows them.

A fix writes into a list what the network answered (a redirect's target, a repository's
new name), and the answer may come from a hostile server or from a cache file committed
to the repository. Before it is written it must be of the expected shape and unable to
change the markdown around it: an absolute http(s) URL without credentials, every
character that could end a link (``)``, spaces, ``>``, ``]``, a table's ``|``, quotes)
percent-encoded; a GitHub ``OWNER/REPO`` of GitHub's own characters. Otherwise the
finding stays, unfixable, saying why.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

__all__ = ["hide_private", "is_repo_name", "writable_url"]

# what may stand in a path, query or fragment as it is: RFC 3986 unreserved, "%" (checked
# below), and the delimiters that can't end a markdown link, a table cell or an HTML
# attribute (no ( ) ' " < > [ ] | \ ` { } ^ or spaces)
_KEPT = re.compile(r"[A-Za-z0-9\-._~!$&*+,;=:@/?%]")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*\.?")
_IPV6 = re.compile(r"\[[0-9a-f:.]+\]")
_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
_REPO = re.compile(rf"{_OWNER}/[A-Za-z0-9._-]{{1,100}}")
_PARAMS = re.compile(r";[^/]*")


def _encode(text: str) -> str:
    """Characters outside ``_KEPT`` percent-encoded (UTF-8), a lone ``%`` as ``%25``."""
    text = _PERCENT.sub("%25", text)
    return "".join(
        char if _KEPT.fullmatch(char) else "".join(f"%{byte:02X}" for byte in char.encode())
        for char in text
    )


def writable_url(url: object) -> tuple[str | None, str]:
    """(the URL as a fix may write it, ""), or (None, why it may not be written)."""
    if not isinstance(url, str) or not url:
        return None, "the target is not a URL"
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in url):
        return None, "the target holds control characters"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None, "the target is not a valid URL"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return None, "the target is not an http(s) URL"
    if "@" in parts.netloc:
        return None, "the target carries credentials"
    host = (parts.hostname or "").lower()
    if not (_HOST.fullmatch(host) or _IPV6.fullmatch(f"[{host}]")):
        return None, "the target's host is not a plain host name"
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    safe = urlunsplit(
        (scheme, netloc, _encode(parts.path), _encode(parts.query), _encode(parts.fragment))
    )
    return safe, ""


def hide_private(url: str) -> str:
    """``url`` as a message shows it: credentials as ``…@``, path parameters (``;jsessionid=``)
    as ``;…`` and the query as ``?…``, where a server may put a session or a token."""
    try:
        parts = urlsplit(url)
    except ValueError:
        head = re.split(r"[?;]", url, maxsplit=1)[0]
        return head + "…" if head != url else url
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "…@" + netloc.rpartition("@")[2]
    path = _PARAMS.sub(";…", parts.path)
    shown = urlunsplit((parts.scheme, netloc, path, "", ""))
    if parts.query:
        shown += "?…"
    if parts.fragment:
        shown += f"#{parts.fragment}"
    return shown


def path_parameters(url: str) -> list[str]:
    """The ``;name=value`` parameters of a URL's path segments."""
    try:
        return _PARAMS.findall(urlsplit(url).path)
    except ValueError:
        return []


def is_repo_name(name: object) -> bool:
    """Whether ``name`` is a GitHub ``OWNER/REPO`` of the characters GitHub allows."""
    return (
        isinstance(name, str)
        and _REPO.fullmatch(name) is not None
        and name.split("/")[1] not in (".", "..")
    )
