"""AL003 arxiv-id-malformed: an arXiv link whose identifier is invalid."""

from __future__ import annotations

from collections.abc import Iterator

from .. import arxiv
from ..model import Document, Finding, Span
from ..urls import glued
from .context import RuleContext

CODE = "AL003"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for link in document.links:
        if link.is_image or glued(link.target):
            continue  # glued URLs are AL302's
        found = arxiv.find_paper_id(link.target)
        if found is None or found.parsed.ok:
            continue
        span = link.target_span or link.span
        if span.line == span.end_line and link.target_span is not None:
            start = span.column + found.id_start
            end = span.column + max(found.id_end, found.id_start + 1)
            span = Span(span.line, start, span.line, min(end, span.end_column))
        shown = found.parsed.raw or link.target
        yield Finding(
            span=span,
            message=f"malformed arXiv identifier '{shown}': {found.parsed.problem}",
            key=f"arxiv-id:{shown}",
        )
