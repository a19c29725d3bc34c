"""AL308 arxiv-badge-mismatch: an arXiv badge whose ID differs from the row's arXiv link."""

from __future__ import annotations

from collections.abc import Iterator

from .. import arxiv
from ..model import Document, Finding, Related
from .context import RuleContext

CODE = "AL308"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for entry in document.entries:
        if entry.arxiv is None or entry.arxiv.canonical is None or entry.row is None:
            continue
        for cell in entry.row.cells:
            for link in cell.links:
                shown = arxiv.badge_identifier(link.target) if link.is_image else None
                if shown is None:
                    continue
                parsed = arxiv.parse_identifier(shown)
                if parsed.canonical == entry.arxiv.canonical:
                    continue
                yield Finding(
                    span=link.target_span or link.span,
                    message=(
                        f"arXiv badge shows {shown} but the row links arXiv {entry.arxiv.canonical}"
                    ),
                    related=(Related(document.display_path, entry.line, "the row"),),
                    key=f"arxiv-badge:{shown}",
                )
