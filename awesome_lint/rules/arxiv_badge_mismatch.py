"""AL308 arxiv-badge-mismatch: an arXiv badge whose ID differs from the row's arXiv link,
or an arXiv badge that links another paper than the entry's title link."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .. import arxiv
from ..model import Document, Finding, Link, Related
from .context import RuleContext

CODE = "AL308"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    yield from _items(document)
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


def _items(document: Document) -> Iterator[Finding]:
    """Bulleted items and blocks: the badges on an item's lines (its indented sub-lines
    too) against the arXiv ID its title links."""
    badges: dict[int, list[Link]] = {}
    for link in document.links:
        if link.is_image and link.parent is not None:
            badges.setdefault(id(link.parent), []).append(link)
    if not badges:
        return
    for entry in document.entries:
        ref = entry.arxiv
        if entry.row is not None or ref is None or ref.canonical is None or ref.link.has_image:
            continue  # tables above; an item whose only arXiv link is a badge has no other
        for wrapper in entry.links:
            if wrapper is ref.link or not wrapper.has_image:
                continue
            shown = _shown(wrapper, badges.get(id(wrapper), ()))
            if shown is None or arxiv.parse_identifier(shown[0]).canonical == ref.canonical:
                continue
            ident, link = shown
            yield Finding(
                span=link.target_span or link.span,
                message=(
                    f"arXiv badge shows {ident} but the item's title links arXiv {ref.canonical}"
                ),
                related=(Related(document.display_path, entry.line, "the item"),),
                key=f"arxiv-badge:{ident}",
            )


def _shown(wrapper: Link, images: Sequence[Link]) -> tuple[str, Link] | None:
    """The ID an arXiv badge shows (its image's), else the one it links to; None for
    another kind of badge."""
    for image in images:
        shown = arxiv.badge_identifier(image.target)
        if shown is not None:
            return shown, image
    found = arxiv.find_paper_id(wrapper.target)
    if found is None or not any("arxiv" in image.target.lower() for image in images):
        return None
    return found.parsed.raw, wrapper
