"""AL301 dead-link. Offline: relative links to local files that do not exist.

The network part (dead and unverifiable web links) reads verdicts gathered by the
network stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding
from .context import RuleContext

CODE = "AL301"


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for link in document.links:
        if link.is_image:
            continue  # AL201 reports missing images
        target = context.files.lookup(document, link.target)
        if target is None or target.exists or target.actual is not None:
            continue
        yield Finding(
            span=link.target_span or link.span,
            message=f"'{link.target}' does not exist (relative to {document.display_path})",
            key=f"file:{link.target}",
        )
