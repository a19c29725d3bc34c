"""AL101 year-order: year rows, a Year/Date column, or the dates of a section's items out
of order."""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from ..dates import format_date, parse_date
from ..model import Document, Finding, Related, Severity, Span, Table
from ..ordering import kept_in_order, misplaced
from .context import RuleContext

CODE = "AL101"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()

# A table whose dates need this share of its rows moved to be sorted is not sorted by date.
UNSORTED_SHARE = 0.2


class _Dated(NamedTuple):  # (a tuple: one made per dated entry, and again per group)
    line: int
    value: tuple[int, ...]
    span: Span


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    order = context.years_order
    for table in document.tables:
        if table.year_rows:
            yield from _year_rows(document, table, order)
    for kind, group in _dated_groups(document):
        yield from _dates(document, kind, group, order)


def _direction(values: list[tuple[int, ...]], order: str) -> str | None:
    """The order a sequence follows: configured, or the majority of its adjacent pairs."""
    if order != "infer":
        return order
    up = sum(1 for a, b in itertools.pairwise(values) if b > a)
    down = sum(1 for a, b in itertools.pairwise(values) if b < a)
    if not up and not down:
        return None
    # a tie is read as ascending, the order most lists use
    return "ascending" if up >= down else "descending"


def _fewest_moves(values: list[tuple[int, ...]]) -> tuple[str | None, list[int]]:
    """The order the dates follow but for the fewest rows, and the rows out of it: a
    newest-first table with a run of rows going upward is still newest-first (adjacent
    pairs would count the run against it). A tie goes to the majority of adjacent pairs."""
    up = sum(1 for a, b in itertools.pairwise(values) if b > a)
    down = sum(1 for a, b in itertools.pairwise(values) if b < a)
    if not up and not down:
        return None, []
    if not up or not down:
        # sorted one way and not the other: no row out of place
        return ("ascending" if not down else "descending"), []
    majority = "ascending" if up >= down else "descending"  # a tie: the usual order
    rising, falling = _misplaced(values, "ascending"), _misplaced(values, "descending")
    if len(rising) == len(falling):
        return majority, rising if majority == "ascending" else falling
    return ("ascending", rising) if len(rising) < len(falling) else ("descending", falling)


def _kept(values: list[tuple[int, ...]], direction: str) -> set[int]:
    return kept_in_order(values, ascending=direction == "ascending")


def _misplaced(values: list[tuple[int, ...]], direction: str) -> list[int]:
    return misplaced(values, ascending=direction == "ascending")


def _place_keys(items: list[_Dated], kept: list[int], direction: str) -> list[tuple[int, ...]]:
    """The kept rows' values as a non-decreasing list: the kept rows are in order, so
    where a misplaced row belongs is found by bisection."""
    values = [items[index].value for index in kept]
    return values if direction == "ascending" else [_negated(value) for value in values]


def _negated(value: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(-part for part in value)


def _place(
    items: list[_Dated], kept: list[int], keys: list[tuple[int, ...]], item: _Dated, direction: str
) -> tuple[_Dated | None, _Dated | None]:
    """The kept rows the misplaced ``item`` belongs between (after equal values)."""
    value = item.value if direction == "ascending" else _negated(item.value)
    position = bisect_right(keys, value)  # the kept rows before it: in order with it
    after = items[kept[position - 1]] if position else None
    before = items[kept[position]] if position < len(kept) else None
    return after, before


def _where(after: _Dated | None, before: _Dated | None, show: object) -> str:
    if after is not None and before is not None:
        return (
            f"it belongs between line {after.line} ({show(after)}) and line {before.line} "
            f"({show(before)})"
        )
    if after is not None:
        return f"it belongs after line {after.line} ({show(after)})"
    assert before is not None
    return f"it belongs before line {before.line} ({show(before)})"


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
    items = [_Dated(row.line, (row.year,), row.span) for row in table.year_rows]
    values = [item.value for item in items]
    direction = _direction(values, order)
    if direction is None:
        return
    kept = sorted(_kept(values, direction))
    keys = _place_keys(items, kept, direction)
    for index in _misplaced(values, direction):
        item = items[index]
        if item.line in repeated:  # a repeated year row is reported once
            continue
        after, before = _place(items, kept, keys, item, direction)
        where = _where(after, before, lambda other: other.value[0])
        neighbour = after or before
        assert neighbour is not None
        yield Finding(
            span=item.span,
            message=(
                f"year row {item.value[0]} is out of order in a table sorted {direction}: {where}"
            ),
            related=(Related(document.display_path, neighbour.line, "where it belongs"),),
            key=f"year:{item.value[0]}",
        )


def _dated_groups(document: Document) -> list[tuple[str, list[_Dated]]]:
    """Dated entries that are meant to be in order: the rows of one table with a Date or
    Year column (and no year rows), or the dated items of one section."""
    groups: dict[tuple[str, object], list[_Dated]] = {}
    for entry in document.entries:
        table = entry.table
        if table is None:
            if entry.date is not None:
                span = entry.date_span or entry.span
                groups.setdefault(("section", entry.section_key), []).append(
                    _Dated(entry.line, entry.date, span)
                )
            continue
        if entry.row is None:
            continue
        value, span = entry.date, entry.date_span
        if value is None:
            role = "date" if "date" in table.roles else "year" if "year" in table.roles else None
            position = table.roles.index(role) if role is not None else len(entry.row.cells)
            if position >= len(entry.row.cells):
                continue
            cell = entry.row.cells[position]
            value, span = parse_date(cell.text), cell.span
        if value is not None:
            groups.setdefault(("table", id(table)), []).append(
                _Dated(entry.line, value, span or entry.span)
            )
    return [(kind, items) for (kind, _), items in groups.items()]


def _dates(document: Document, kind: str, group: list[_Dated], order: str) -> Iterator[Finding]:
    # compare at the precision most rows give (a Year column, months, full dates); a row
    # that gives less can't be placed and is left out
    depth = Counter(len(item.value) for item in group).most_common(1)[0][0]
    items = [
        item if len(item.value) == depth else item._replace(value=item.value[:depth])
        for item in group
        if len(item.value) >= depth
    ]
    values = [item.value for item in items]
    if order == "infer":
        direction, misplaced = _fewest_moves(values)
    else:
        direction, misplaced = order, _misplaced(values, order)
    if direction is None:
        return
    if order == "infer" and len(misplaced) > UNSORTED_SHARE * len(values):
        return
    kept = sorted(set(range(len(items))) - set(misplaced))
    keys = _place_keys(items, kept, direction)
    for index in misplaced:
        item = items[index]
        after, before = _place(items, kept, keys, item, direction)
        neighbour = after or before
        if neighbour is None:
            continue
        shown = format_date(item.value)
        where = _where(after, before, lambda other: format_date(other.value))
        yield Finding(
            span=item.span,
            message=f"date {shown} is out of order in a {kind} sorted {direction}: {where}",
            severity=Severity.WARNING,
            related=(Related(document.display_path, neighbour.line, "where it belongs"),),
            key=f"date:{shown}",
        )
