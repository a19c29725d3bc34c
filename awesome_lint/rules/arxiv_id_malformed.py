"""AL003 arxiv-id-malformed: an arXiv link whose identifier is invalid.

Online, the row's title is searched on arXiv: a confident match is named in the message
and offered as an unsafe fix (``arxiv_suggest``).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import arxiv, arxiv_suggest
from ..model import Document, Entry, Finding, Link, Span
from ..urls import glued
from ..util import shorten
from .context import RuleContext

CODE = "AL003"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset({"arxiv_search"})


def title_searches(document: Document, context: RuleContext) -> Iterator[Entry]:
    """Rows with a malformed arXiv link: their title may find the right ID."""
    for entry in document.entries:
        if any(ref.canonical is None for ref in entry.arxiv_refs):
            yield entry


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    owners = {
        id(ref.link): entry
        for entry in document.entries
        for ref in entry.arxiv_refs
        if ref.canonical is None
    }
    for link in document.links:
        if link.is_image:
            continue
        found = arxiv.find_paper_id(link.target)
        if found is None or found.parsed.ok:
            continue
        span = link.target_span or link.span
        if span.line == span.end_line and link.target_span is not None:
            start = span.column + found.id_start
            end = span.column + max(found.id_end, found.id_start + 1)
            span = Span(span.line, start, span.line, min(end, span.end_column))
        shown = found.parsed.raw or link.target
        message = f"malformed arXiv identifier '{shown}': {found.parsed.problem}"
        if glued(link.target):  # AL302 reports the markup; the ID the reader gets is this
            head, _, rest = shown.partition("http")
            message = (
                f"malformed arXiv identifier '{head}http…': another URL ('http{shorten(rest)}') "
                f"is glued onto it"
            )
        suggestion = _suggestion(owners, link, found.parsed.raw, context)
        yield Finding(
            span=span,
            message=message if suggestion is None else f"{message}; {suggestion.words}",
            key=f"arxiv-id:{shown}",
            fix=None if suggestion is None else arxiv_suggest.fix(document, [suggestion]),
        )
    # an ID written in the text of a citation ("arXiv:2020"), with no link to check
    for entry in document.entries:
        for ref in entry.arxiv_refs:
            if ref.link.kind != "text" or ref.canonical is not None:
                continue
            suggestion = _suggestion(owners, ref.link, ref.raw, context)
            message = f"malformed arXiv identifier '{ref.raw}': {ref.problem}"
            yield Finding(
                span=ref.span,
                message=message if suggestion is None else f"{message}; {suggestion.words}",
                key=f"arxiv-id:{ref.raw}",
                fix=None if suggestion is None else arxiv_suggest.fix(document, [suggestion]),
            )


def _suggestion(
    owners: dict[int, Entry], link: Link, raw: str, context: RuleContext
) -> arxiv_suggest.Suggestion | None:
    entry = owners.get(id(link))
    if entry is None or not raw:
        return None
    return arxiv_suggest.suggest(entry, raw, context.network)
