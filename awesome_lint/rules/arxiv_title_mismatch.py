"""AL004 arxiv-title-mismatch: arXiv's registered title for the ID differs from the
listed title (network).

The row's title is searched on arXiv too: a confident match is named in the message and
offered as an unsafe fix (``arxiv_suggest``).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import arxiv_suggest, titles
from ..model import Document, Entry, Finding, Severity
from .context import RuleContext

CODE = "AL004"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset({"arxiv", "arxiv_search"})


def _mismatches(document: Document, context: RuleContext) -> Iterator[tuple[Entry, str | None]]:
    """Rows whose ID arXiv does not know (None) or registers under another title."""
    network = context.network
    if network is None:
        return
    for entry in document.entries:
        ref = entry.arxiv
        if ref is None or ref.canonical is None or ref.canonical not in network.arxiv:
            continue
        record = network.arxiv[ref.canonical]
        if record is None:
            yield entry, None
            continue
        if not entry.title_understood:
            continue  # the reader knows its "title" is none: nothing to compare
        listed = titles.paper_titles(entry.title, entry.aliases)
        if not listed or any(
            titles.matches(name, record.title, network.title_similarity) for name in listed
        ):
            continue
        yield entry, record.title


def title_searches(document: Document, context: RuleContext) -> Iterator[Entry]:
    """Rows arXiv disagrees with: their title may find the right ID."""
    for entry, _ in _mismatches(document, context):
        yield entry


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for entry, registered in _mismatches(document, context):
        ref = entry.arxiv
        assert ref is not None and ref.canonical is not None
        if registered is None:
            span, key = ref.span, f"arxiv-missing:{ref.canonical}"
            message = f"arXiv has no paper {ref.canonical}"
        else:
            span, key = entry.title_span or ref.span, f"arxiv-title:{ref.canonical}"
            message = f"arXiv {ref.canonical} is titled '{registered}', not '{entry.title}'"
        suggestion = arxiv_suggest.suggest(entry, ref.canonical, context.network)
        # a title the reader guessed may be the wrong text, not a wrong paper
        guessed = registered is not None and not entry.title_confident
        yield Finding(
            span=span,
            message=message if suggestion is None else f"{message}; {suggestion.words}",
            severity=Severity.NOTICE if guessed else None,
            key=key,
            fix=None if suggestion is None else arxiv_suggest.fix(document, [suggestion]),
        )
