"""The right arXiv ID for a row, from a search of arXiv by the row's title (online).

Pure: the network stage searched the titles the rules asked for (``title_searches`` of
AL002, AL003 and AL004) and put the results in ``NetworkFacts.arxiv_search``; this module
picks a confident match and turns it into words for the message and an unsafe fix that
puts the ID in every arXiv link and badge of the row that carries the wrong one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import arxiv, titles
from .model import Document, Edit, Entry, Fix, Span

if TYPE_CHECKING:
    from .network_stage import ArxivTitle, NetworkFacts


def _key(title: str) -> str:
    """The key the search results are filed under (a registered title's normal form)."""
    return titles.normalise(title, markup=True)


def search_title(entry: Entry) -> str | None:
    """The title to search arXiv for: the entry's first full title (a bare short name such
    as "CoOp" would match anything)."""
    found = titles.paper_titles(entry.title, entry.aliases)
    return found[0] if found else None


@dataclass(frozen=True)
class Suggestion:
    """The arXiv ID that arXiv gives for a row's title, where the row carries another."""

    entry: Entry
    wrong: str  # the ID the row carries: canonical, or as written when malformed
    arxiv_id: str  # arXiv's ID for the row's title
    title: str  # arXiv's title

    @property
    def words(self) -> str:
        """``TinyCLIP is arXiv 2309.12314 'TinyCLIP: CLIP Distillation via ...'``."""
        return f"{short_name(self.entry.title)} is arXiv {self.arxiv_id} '{self.title}'"


def short_name(title: str) -> str:
    """What a message calls a paper: the name before a colon ("TinyCLIP"), or the title."""
    head, colon, _ = title.partition(":")
    return head.strip() if colon and head.strip() and len(head.split()) <= 5 else title


def suggest(entry: Entry, wrong: str, network: NetworkFacts | None) -> Suggestion | None:
    """arXiv's ID for the entry's title when a search found it with confidence and it is
    not ``wrong``; None otherwise (nothing searched, no match, or two papers match)."""
    if network is None:
        return None
    query = search_title(entry)
    if query is None:
        return None
    found = network.arxiv_search.get(_key(query))
    if not found:
        return None
    record = _confident(titles.paper_titles(entry.title, entry.aliases), found, network)
    if record is None or record.id == wrong:
        return None
    return Suggestion(entry, wrong, record.id, record.title)


def _confident(
    listed: Sequence[str], found: Sequence[ArxivTitle], network: NetworkFacts
) -> ArxivTitle | None:
    """The one paper whose title is the listed one after normalisation, else the one most
    similar above the threshold; None when no paper, or more than one, qualifies."""
    keys = {_key(name) for name in listed}
    exact = {r.id: r for r in found if _key(r.title) in keys}
    if exact:
        return next(iter(exact.values())) if len(exact) == 1 else None
    scored: dict[str, tuple[float, ArxivTitle]] = {}
    for record in found:
        score = max(titles.similarity(name, record.title) for name in listed)
        if score >= network.title_similarity and score > scored.get(record.id, (0.0, record))[0]:
            scored[record.id] = (score, record)
    if not scored:
        return None
    ranked = sorted(scored.values(), key=lambda item: -item[0])
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None  # two papers as close: no guess
    return ranked[0][1]


def fix(document: Document, suggestions: Iterable[Suggestion]) -> Fix | None:
    """An unsafe fix writing each suggested ID into every arXiv link and badge of its row
    that shows the wrong ID (a version or ``.pdf`` after it: the version goes, ``.pdf``
    stays)."""
    edits: list[Edit] = []
    names = []
    for suggestion in suggestions:
        found = _edits(document, suggestion)
        if found:
            edits.extend(found)
            names.append(f"arXiv {suggestion.arxiv_id} for {short_name(suggestion.entry.title)}")
    if not edits:
        return None
    return Fix(f"use {' and '.join(names)}", tuple(edits), safe=False)


def _shows(raw: str, wrong: str) -> bool:
    parsed = arxiv.parse_identifier(raw)
    return (parsed.canonical or parsed.raw) == wrong


def _edits(document: Document, suggestion: Suggestion) -> list[Edit]:
    entry, new = suggestion.entry, suggestion.arxiv_id
    edits = [
        Edit(ref.span, new)
        for ref in entry.arxiv_refs
        if ref.span.line == ref.span.end_line and _shows(ref.raw, suggestion.wrong)
    ]
    for image in document.links:
        span = image.target_span
        if not image.is_image or span is None or span.line != span.end_line:
            continue
        if not _inside(span, entry.span):
            continue
        where = arxiv.badge_identifier_span(image.target)
        if where is None:
            continue
        start, end = where
        if not _shows(arxiv.badge_identifier(image.target) or "", suggestion.wrong):
            continue
        edits.append(
            Edit(
                Span(span.line, span.column + start, span.line, span.column + end),
                new.replace("-", "--"),  # shields.io writes a '-' as '--'
            )
        )
    return edits


def _inside(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and (
        inner.end_line,
        inner.end_column,
    ) <= (outer.end_line, outer.end_column)
