"""AL202 duplicate-image: one local image used by two different entries."""

from __future__ import annotations

from collections.abc import Iterator

from .. import titles
from ..model import Document, Entry, Finding, Link, Related
from .context import RuleContext

CODE = "AL202"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def _same_paper(a: Entry, b: Entry) -> bool:
    """A cross-listed paper may show its figure in every section it appears in."""
    if a.arxiv and b.arxiv and a.arxiv.canonical and a.arxiv.canonical == b.arxiv.canonical:
        return True
    return titles.same_paper_titles(a.title, b.title)


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    owners: dict[str, tuple[Entry, Link]] = {}
    for entry in document.entries:
        seen_here: set[str] = set()
        for image in entry.images:
            target = context.files.lookup(document, image.target)
            if target is None or target.path in seen_here:
                continue
            seen_here.add(target.path)
            owner, first = owners.setdefault(target.path, (entry, image))
            if owner is entry or _same_paper(owner, entry):
                continue
            yield Finding(
                span=image.target_span or image.span,
                message=_message(image, owner),
                related=(Related(document.display_path, owner.line, "first used here"),),
                key=f"image:{target.path.rsplit('/', 1)[-1]}",
                mirror=Finding(
                    span=first.target_span or first.span,
                    message=_message(first, entry),
                    related=(Related(document.display_path, entry.line, "used again here"),),
                    key=f"image:{target.path.rsplit('/', 1)[-1]}",
                ),
            )


def _message(image: Link, other: Entry) -> str:
    return f"figure '{image.target}' is also the figure of '{other.title}' (line {other.line})"
