"""AL902 unused-suppression: an inline suppression that suppressed nothing, or names a
rule that does not exist.

It reads what the suppression comments of the document did (``context.suppressions``), so
the engine runs it after the other rules' findings went through them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding
from .context import RuleContext

CODE = "AL902"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset({"suppressions"})


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    outcome = context.suppressions
    if outcome is None:
        return
    for suppression, code in outcome.unknown:
        yield Finding(
            span=suppression.span,
            message=f"unknown rule '{code}' in awesome-lint-{suppression.kind}",
            key=f"unknown:{code}",
        )
    for suppression in outcome.unused:
        codes = " ".join(suppression.codes) or "all rules"
        yield Finding(
            span=suppression.span,
            message=f"unused suppression: awesome-lint-{suppression.kind} ({codes}) hides nothing",
            key=f"unused:{suppression.kind}:{codes}",
        )
