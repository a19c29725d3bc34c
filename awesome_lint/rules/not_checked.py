"""AL901 not-checked: checks that could not run, said once per kind instead of silently
skipped (network unreachable, API rate limit, changed-lines base not available).

Run by the engine with the reasons the stages before the rules collected.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Finding, Span

CODE = "AL901"


def check(reasons: Iterable[str]) -> Iterator[Finding]:
    for reason in reasons:
        yield Finding(span=Span(1, 1, 1, 1), message=reason, key=f"not-checked:{reason}")
