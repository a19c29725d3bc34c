"""AL305 redirected-link: a permanent redirect (301/308); fixable to the final URL."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Edit, Finding, Fix
from .context import RuleContext

CODE = "AL305"


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    if context.network is None:
        return
    for link in document.links:
        verdict = context.network.links.get(link.target.strip())
        if verdict is None or not verdict.permanent_redirect or not verdict.final_url:
            continue
        span = link.target_span
        fix = Fix(f"use {verdict.final_url}", (Edit(span, verdict.final_url),)) if span else None
        yield Finding(
            span=span or link.span,
            message=f"{link.target.strip()} permanently redirects to {verdict.final_url}",
            fix=fix,
            key=f"redirect:{link.target.strip()}",
        )
