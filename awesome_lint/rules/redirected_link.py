"""AL305 redirected-link: a permanent redirect (301/308); fixable to the final URL.

A redirect target's query string is never shown (a server may put a session or a token
there), and a target whose query differs from the link's own is not offered as a fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from ..model import Document, Edit, Finding, Fix
from .context import RuleContext

CODE = "AL305"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset({"links"})


def without_query(url: str) -> str:
    """``url`` with its query shown as ``?…``: what the server added stays private."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("?", 1)[0] + "?…" if "?" in url else url
    if not parts.query:
        return url
    return (
        urlunsplit(parts._replace(query="", fragment=""))
        + "?…"
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def _query(url: str) -> str | None:
    try:
        return urlsplit(url).query
    except ValueError:
        return None


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    if context.network is None:
        return
    for link in document.links:
        written = link.target.strip()
        verdict = context.network.links.get(written)
        if verdict is None or not verdict.permanent_redirect or not verdict.final_url:
            continue
        final = verdict.final_url
        if not isinstance(final, str):
            continue
        shown = without_query(final)
        span = link.target_span
        fix = None
        if span is not None and _query(final) == _query(written):
            fix = Fix(f"use {shown}", (Edit(span, final),))
        yield Finding(
            span=span or link.span,
            message=f"{written} permanently redirects to {shown}",
            fix=fix,
            key=f"redirect:{written}",
        )
