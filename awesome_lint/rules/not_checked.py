"""AL901 not-checked: checks that could not run, said once per kind instead of silently
skipped (network unreachable, API rate limit, changed-lines base not available).

It reads the reasons the stages before the rules collected (``context.reasons``) and says
them on the first linted file. Its findings are about the run, not a line of a list, so
suppression comments, changed lines and the baseline leave them alone (``LINE_FILTERS``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..model import Document, Finding, Span
from .context import RuleContext

CODE = "AL901"
SCOPE = "documents"
NEEDS: frozenset[str] = frozenset({"reasons"})
LINE_FILTERS = False


def check_all(
    documents: Sequence[Document], context: RuleContext
) -> Iterator[tuple[Document, Finding]]:
    if not documents:
        return
    for reason in context.reasons:
        finding = Finding(span=Span(1, 1, 1, 1), message=reason, key=f"not-checked:{reason}")
        yield documents[0], finding
