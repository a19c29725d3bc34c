"""AL903 unparsed-content: content the parser could not interpret."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding
from .context import RuleContext

CODE = "AL903"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for problem in document.problems:
        yield Finding(
            span=problem.span,
            message=problem.message,
            severity=problem.severity,
            key=problem.message.split(":", 1)[-1].strip(),
        )
