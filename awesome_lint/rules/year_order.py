"""AL101 year-order: year rows (or a Year/Date column) out of order."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..model import Cell, Document, Entry, Finding, Related, Table
from .context import RuleContext

CODE = "AL101"

_DATE = re.compile(r"((?:19|20)\d\d)(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?")
# A table whose dates break both directions this often is not sorted by date at all.
UNSORTED_SHARE = 0.2


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    order = context.years_order
    for table in document.tables:
        if table.year_rows:
            yield from _year_rows(document, table, order)
    yield from _date_columns(document, order)


def _direction(values: list[tuple[int, ...]], order: str) -> str | None:
    """The order a table follows: configured, or inferred from its adjacent pairs."""
    if order != "infer":
        return order
    up = sum(1 for a, b in itertools.pairwise(values) if b > a)
    down = sum(1 for a, b in itertools.pairwise(values) if b < a)
    if not up and not down:
        return None
    # a tie is read as ascending, the order most lists use
    return "ascending" if up >= down else "descending"


def _year_rows(document: Document, table: Table, order: str) -> Iterator[Finding]:
    seen: dict[int, int] = {}
    repeated: set[int] = set()
    for row in table.year_rows:
        if row.year in seen:
            repeated.add(row.line)
            yield Finding(
                span=row.span,
                message=f"year row {row.year} appears twice in this table (line {seen[row.year]})",
                related=(Related(document.display_path, seen[row.year], "first year row"),),
                key=f"year:{row.year}",
            )
        seen.setdefault(row.year, row.line)
    rows = table.year_rows
    direction = _direction([(row.year,) for row in rows], order)
    if direction is None:
        return
    for previous, row in itertools.pairwise(rows):
        wrong = row.year < previous.year if direction == "ascending" else row.year > previous.year
        if wrong and row.line not in repeated:  # a repeated year row is reported once
            yield Finding(
                span=row.span,
                message=(
                    f"year row {row.year} comes after {previous.year} (line {previous.line}) "
                    f"in a table sorted {direction}"
                ),
                related=(Related(document.display_path, previous.line, "previous year row"),),
                key=f"year:{row.year}",
            )


def _date_key(text: str) -> tuple[int, ...] | None:
    match = _DATE.search(text)
    if not match:
        return None
    return tuple(int(part) for part in match.groups() if part)


def _date_columns(document: Document, order: str) -> Iterator[Finding]:
    tables: dict[int, list[tuple[Entry, tuple[int, ...], Cell]]] = {}
    for entry in document.entries:
        table = entry.table
        if table is None or table.year_rows or entry.row is None:
            continue
        role = "date" if "date" in table.roles else "year" if "year" in table.roles else None
        if role is None:
            continue
        cell = entry.row.cells[table.roles.index(role)]
        key = _date_key(cell.text)
        if key is not None:
            tables.setdefault(id(table), []).append((entry, key, cell))
    for dated in tables.values():
        # compare at the precision every row has (a Year column, or full dates)
        depth = min(len(key) for _, key, _ in dated)
        values = [key[:depth] for _, key, _ in dated]
        direction = _direction(values, order)
        if direction is None:
            continue
        pairs = list(itertools.pairwise(values))
        wrong = [
            index
            for index, (a, b) in enumerate(pairs)
            if (b < a if direction == "ascending" else b > a)
        ]
        if order == "infer" and len(wrong) > UNSORTED_SHARE * max(len(pairs), 1):
            continue
        for index in wrong:
            (earlier, _, earlier_cell), (_, _, cell) = dated[index], dated[index + 1]
            yield Finding(
                span=cell.span,
                message=(
                    f"date {cell.text} comes after {earlier_cell.text} (line {earlier.line}) "
                    f"in a table sorted {direction}"
                ),
                related=(Related(document.display_path, earlier.line, "previous row"),),
                key=f"date:{cell.text}",
            )
