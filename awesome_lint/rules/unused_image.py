"""AL204 unused-image: image files next to the list that no entry references."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from ..model import Document, Finding, Link
from .context import RuleContext

CODE = "AL204"
SCOPE = "documents"
NEEDS: frozenset[str] = frozenset({"image_folders"})


def check_all(
    documents: Sequence[Document], context: RuleContext
) -> Iterator[tuple[Document, Finding]]:
    """Cross-file: an image counts as used when any linted list references it."""
    used: set[str] = set()
    first_use: dict[str, tuple[Document, Link]] = {}
    for document in documents:
        for link in document.links:
            target = context.files.lookup(document, link.target)
            if target is None or not (target.exists or target.actual):
                continue
            # a reference in the wrong letter case still means the file is meant (AL203)
            used.add(target.actual or target.path)
            folder = os.path.dirname(target.path)
            if link.is_image:
                first_use.setdefault(folder, (document, link))
    for folder, images in context.files.image_folders.items():
        if folder not in first_use:
            continue
        document, link = first_use[folder]
        for image in images:
            if image in used:
                continue
            shown = os.path.relpath(image, document.path.parent.absolute())
            yield (
                document,
                Finding(
                    span=link.span,
                    message=f"image '{shown}' is not used by any entry",
                    key=f"unused:{shown}",
                ),
            )
