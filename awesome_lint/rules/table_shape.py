"""AL102 table-shape: rows whose cell count differs from the header; entries without a
title; required cells left empty."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding
from .context import RuleContext

CODE = "AL102"


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for table in document.tables:
        expected = len(table.header)
        for row in table.rows:
            count = row.cell_count
            if count == expected:
                continue
            what = "an extra cell is dropped" if count > expected else "missing cells are padded"
            yield Finding(
                span=row.span,
                message=(
                    f"row has {count} cells but the header (line {table.line}) has "
                    f"{expected}: {what} and the columns shift"
                ),
                key=f"cells:{count}/{expected}",
            )
    required = [role for role in context.options.get("required", ["title"]) if role != "title"]
    for entry in document.entries:
        if not entry.title:
            yield Finding(
                span=entry.span,
                message="paper row without a title",
                key="no-title",
            )
        if entry.table is None or entry.row is None:
            continue
        for role in required:
            if role in entry.table.roles:
                cell = entry.row.cells[entry.table.roles.index(role)]
                if not cell.text:
                    header = entry.table.header[entry.table.roles.index(role)]
                    yield Finding(
                        span=cell.span,
                        message=f"the required '{header}' cell is empty",
                        key=f"empty:{role}",
                    )
