"""AL005 arxiv-year-mismatch: the ID was announced after the entry's year."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding
from .context import RuleContext

CODE = "AL005"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    max_before = context.options["max_years_before"]
    for entry in document.entries:
        ref = entry.arxiv
        if entry.year is None or ref is None or ref.canonical is None:
            continue
        year, month = ref.year, ref.month
        assert year is not None and month is not None
        announced = f"{MONTHS[month - 1]} {year}"
        # Late-December submissions are announced in January: allow that month.
        if year > entry.year and not (year == entry.year + 1 and month == 1):
            yield Finding(
                span=ref.span,
                message=(
                    f"arXiv {ref.canonical} was announced in {announced}, after the "
                    f"{entry.year} this entry is filed under (line {entry.year_line})"
                ),
                key=f"arxiv:{ref.canonical}",
            )
        elif max_before is not None and entry.year - year > max_before:
            yield Finding(
                span=ref.span,
                message=(
                    f"arXiv {ref.canonical} was announced in {announced}, "
                    f"{entry.year - year} years before the {entry.year} this entry is "
                    f"filed under"
                ),
                key=f"arxiv:{ref.canonical}",
            )
