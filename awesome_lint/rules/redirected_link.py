"""AL305 redirected-link: a permanent redirect (301/308); fixable to the final URL.

The target comes from a server, or from a cache file anyone may have committed: a fix
writes it only as ``safeurl.writable_url`` allows (an absolute http(s) URL without
credentials, percent-encoded so that it can't end the link), and only when it adds no
query and no path parameters to the link's own (a server may put a session there).
Messages show credentials, path parameters and the query hidden (``safeurl.hide_private``).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from ..model import Document, Edit, Finding, Fix
from ..safeurl import hide_private, path_parameters, writable_url
from .context import RuleContext

CODE = "AL305"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset({"links"})


def without_query(url: str) -> str:
    """``url`` with what a server may have added (credentials, path parameters, the query)
    hidden: see ``safeurl.hide_private``."""
    return hide_private(url)


def _query(url: str) -> str | None:
    try:
        return urlsplit(url).query
    except ValueError:
        return None


def _why_not(written: str, final: str) -> tuple[str | None, str]:
    """(what the fix writes, "") or (None, why there is no fix)."""
    safe, why = writable_url(final)
    if safe is None:
        return None, why
    if _query(final) != _query(written):
        return None, "the target's query differs from the link's"
    if not set(path_parameters(final)) <= set(path_parameters(written)):
        return None, "the target adds path parameters"
    return safe, ""


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
        safe, why = _why_not(written, final)
        shown = hide_private(safe or final)
        span = link.target_span
        fix = None
        if span is not None and safe is not None:
            fix = Fix(f"use {shown}", (Edit(span, safe),))
        unfixable = f" (not fixed: {why})" if safe is None else ""
        yield Finding(
            span=span or link.span,
            message=f"{written} permanently redirects to {shown}{unfixable}",
            fix=fix,
            key=f"redirect:{written}",
        )
