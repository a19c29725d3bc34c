"""AL902 unused-suppression: an inline suppression that suppressed nothing.

Run by the filter stage after the other rules, since it needs to know what they found.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Finding, Suppression

CODE = "AL902"


def check(
    unused: Iterable[Suppression], unknown: Iterable[tuple[Suppression, str]]
) -> Iterator[Finding]:
    for suppression, code in unknown:
        yield Finding(
            span=suppression.span,
            message=f"unknown rule '{code}' in awesome-lint-{suppression.kind}",
            key=f"unknown:{code}",
        )
    for suppression in unused:
        codes = " ".join(suppression.codes) or "all rules"
        yield Finding(
            span=suppression.span,
            message=f"unused suppression: awesome-lint-{suppression.kind} ({codes}) hides nothing",
            key=f"unused:{suppression.kind}:{codes}",
        )
