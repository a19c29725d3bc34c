"""AL201 missing-image: a local image that doesn't exist; an entry with an empty image
cell in a list whose image column is otherwise filled."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding, Severity
from .context import RuleContext

CODE = "AL201"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()
# An empty image cell is worth a warning only where the column is this full elsewhere.
FILLED_SHARE = 0.95


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for link in document.links:
        if not link.is_image:
            continue
        target = context.files.lookup(document, link.target)
        if target is None or target.exists or target.actual is not None:
            continue  # a web image, present, or only its letter case differs (AL203)
        yield Finding(
            span=link.target_span or link.span,
            message=f"image '{link.target}' does not exist",
            key=f"image:{link.target}",
        )
    # rows whose cells shifted (AL102) say nothing about the image column
    with_column = [
        entry
        for entry in document.entries
        if entry.image_cell is not None
        and entry.table is not None
        and entry.row is not None
        and entry.row.cell_count == len(entry.table.header)
    ]
    filled = sum(1 for entry in with_column if entry.images)
    for entry in with_column:
        if entry.images or entry.image_cell is None or entry.image_cell.text:
            continue
        others = len(with_column) - 1
        if others >= 2 and filled >= FILLED_SHARE * others:
            yield Finding(
                span=entry.image_cell.span,
                message=(
                    f"'{entry.title}' has no figure, although {filled} of the {others} other "
                    f"entries with this column have one"
                ),
                severity=Severity.WARNING,
                key=f"no-image:{entry.title}",
            )
