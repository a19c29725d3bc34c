"""AL308 arxiv-badge-mismatch: an arXiv badge whose ID differs from the row's arXiv link,
or an arXiv badge that links another paper than the entry's title link."""

from __future__ import annotations

from collections.abc import Iterator

from .. import arxiv
from ..model import Document, Finding, Link, Related
from .context import RuleContext

CODE = "AL308"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    yield from _badge_links(document)
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


def _badge_links(document: Document) -> Iterator[Finding]:
    """``+ [Title](arxiv A)`` with ``[![arXiv](badge)](arxiv B)`` on its badge line: the
    title link and the arXiv badge name two papers, so one of them is another paper's."""
    badges = {
        id(link.parent): link
        for link in document.links
        if link.is_image and link.parent is not None and _arxiv_badge(link)
    }
    if not badges:
        return
    for entry in document.entries:
        title = entry.paper
        ref = entry.arxiv
        if title is None or ref is None or ref.canonical is None or ref.link is not title:
            continue
        if title.has_image or entry.title_span is None or title.span != entry.title_span:
            continue  # the entry's paper is not its title link
        for link in entry.links:
            if id(link) not in badges:
                continue
            found = arxiv.find_paper_id(link.target)
            if found is None or not found.parsed.canonical:
                continue
            if found.parsed.canonical == ref.canonical:
                continue
            yield Finding(
                span=link.target_span or link.span,
                message=(
                    f"the arXiv badge links arXiv {found.parsed.canonical} but the title "
                    f"links arXiv {ref.canonical}"
                ),
                related=(Related(document.display_path, entry.line, "the title"),),
                key=f"arxiv-badge-link:{found.parsed.canonical}",
            )


def _arxiv_badge(image: Link) -> bool:
    """A badge image that says arXiv: its alt text, or a shields.io arXiv badge."""
    return image.text.strip().lower() == "arxiv" or "badge/arxiv" in image.target.lower()
