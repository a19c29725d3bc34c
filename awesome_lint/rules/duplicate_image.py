"""AL202 duplicate-image: one local image used by two different entries."""

from __future__ import annotations

from collections.abc import Iterator

from .. import titles
from ..model import Document, Entry, Finding, Related
from .context import RuleContext

CODE = "AL202"


def _same_paper(a: Entry, b: Entry) -> bool:
    """A cross-listed paper may show its figure in every section it appears in."""
    if a.arxiv and b.arxiv and a.arxiv.canonical and a.arxiv.canonical == b.arxiv.canonical:
        return True
    return titles.same_paper_titles(a.title, b.title)


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    owners: dict[str, Entry] = {}
    for entry in document.entries:
        seen_here: set[str] = set()
        for image in entry.images:
            target = context.files.lookup(document, image.target)
            if target is None or target.path in seen_here:
                continue
            seen_here.add(target.path)
            owner = owners.setdefault(target.path, entry)
            if owner is entry or _same_paper(owner, entry):
                continue
            yield Finding(
                span=image.target_span or image.span,
                message=(
                    f"figure '{image.target}' is also the figure of '{owner.title}' "
                    f"(line {owner.line})"
                ),
                related=(Related(document.display_path, owner.line, "first used here"),),
                key=f"image:{image.target}",
            )
