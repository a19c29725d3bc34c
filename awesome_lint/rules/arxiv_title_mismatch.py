"""AL004 arxiv-title-mismatch: arXiv's registered title for the ID differs from the
listed title (network)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import titles
from ..model import Document, Finding
from .context import RuleContext

CODE = "AL004"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset({"arxiv"})


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    network = context.network
    if network is None:
        return
    for entry in document.entries:
        ref = entry.arxiv
        if ref is None or ref.canonical is None or ref.canonical not in network.arxiv:
            continue
        record = network.arxiv[ref.canonical]
        if record is None:
            yield Finding(
                span=ref.span,
                message=f"arXiv has no paper {ref.canonical}",
                key=f"arxiv-missing:{ref.canonical}",
            )
            continue
        listed = titles.paper_titles(entry.title, entry.aliases)
        if not listed or any(
            titles.matches(name, record.title, network.title_similarity) for name in listed
        ):
            continue
        yield Finding(
            span=entry.title_span or ref.span,
            message=(f"arXiv {ref.canonical} is titled '{record.title}', not '{entry.title}'"),
            key=f"arxiv-title:{ref.canonical}",
        )
