"""AL102 table-shape: cells that land in the wrong column or fall off a row; rows that
leave out trailing cells; entries without a title; required cells left empty."""

from __future__ import annotations

from collections.abc import Iterator

from .. import arxiv
from ..dates import is_date
from ..model import Cell, Document, Finding, Row, Severity, Span, Table
from ..urls import github_repo, host_of, is_badge_url
from ..util import PAPER_HOSTS, on_host, plural, shorten
from .context import RuleContext

CODE = "AL102"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()

# What a cell holds, judged from its links and text.
CODE_LINK, PAPER_LINK, FIGURE, DATE = "a code link", "a paper link", "a figure", "a date"
# The kinds a column of each role never holds: when a short row puts one there, a cell
# was left out before it and the rest moved left.
WRONG_KINDS: dict[str, frozenset[str]] = {
    "title": frozenset({DATE}),
    "paper": frozenset({DATE}),
    "abstract": frozenset({FIGURE, DATE}),
    "image": frozenset({CODE_LINK, PAPER_LINK, DATE}),
    "links": frozenset({DATE}),
    "code": frozenset({PAPER_LINK, DATE}),
    "year": frozenset({CODE_LINK, PAPER_LINK, FIGURE}),
    "date": frozenset({CODE_LINK, PAPER_LINK, FIGURE}),
    "venue": frozenset({CODE_LINK, FIGURE, DATE}),
}


def _kinds(cell: Cell) -> set[str]:
    kinds: set[str] = set()
    for link in cell.links:
        if link.is_image:
            if link.target and not is_badge_url(link.target):
                kinds.add(FIGURE)
            continue
        if link.has_image:
            continue  # a badge's link
        host = host_of(link.target)
        if github_repo(link.target):
            kinds.add(CODE_LINK)
        elif arxiv.find_paper_id(link.target) or on_host(host, PAPER_HOSTS):
            kinds.add(PAPER_LINK)
    if cell.text and is_date(cell.text) and not cell.links:
        kinds.add(DATE)
    elif cell.links and all(is_date(link.text) for link in cell.links if not link.is_image):
        kinds.discard(CODE_LINK)  # a date linking somewhere is still a date
        kinds.discard(PAPER_LINK)
        kinds.add(DATE)
    return kinds


def _misplaced(table: Table, row: Row) -> tuple[Cell, str, str] | None:
    """The first cell whose kind its column never holds: (cell, kind, column name)."""
    for position, cell in enumerate(row.cells[: row.cell_count]):
        if position >= len(table.roles):
            break
        wrong = WRONG_KINDS.get(table.roles[position], frozenset()) & _kinds(cell)
        if wrong:
            return cell, sorted(wrong)[0], table.header[position]
    return None


def _group_row(row: Row) -> bool:
    """A row of one cell without links: it names the group of rows below it (like a year
    row) and is short on purpose."""
    return row.cell_count == 1 and bool(row.cells) and not row.cells[0].links


def _dropped(document: Document, row: Row) -> str:
    """The source text of the cells after the header's last column (GitHub drops them)."""
    if not row.cells:
        return ""
    last = row.cells[-1].span
    if last.line != row.line or last.end_line != row.line:
        return "…"
    rest = document.lines[row.line - 1][last.end_column - 1 :]
    return " | ".join(part.strip() for part in rest.strip().strip("|").split("|") if part.strip())


def _lines(rows: list[Row]) -> str:
    shown = ", ".join(str(row.line) for row in rows[:5])
    return shown + (", …" if len(rows) > 5 else "")


def _table(document: Document, table: Table) -> Iterator[Finding]:
    expected = len(table.header)
    short: list[Row] = []
    for row in table.rows:
        count = row.cell_count
        if count == expected:
            continue
        shape = f"row has {count} cells but the header (line {table.line}) has {expected}"
        if count > expected:
            dropped = _dropped(document, row)
            if dropped:
                yield Finding(
                    span=row.span,
                    message=(
                        f"{shape}: GitHub drops what the row holds past the last column "
                        f"('{shorten(dropped, 50)}')"
                    ),
                    key=f"cells:{count}/{expected}",
                )
            else:
                short.append(row)  # only empty cells fall off: nothing is lost
            continue
        if _group_row(row):
            continue  # `| **2024.03** |`, `| **Detection** |`: a heading inside the table
        misplaced = _misplaced(table, row)
        if misplaced is None:
            short.append(row)
            continue
        cell, kind, column = misplaced
        yield Finding(
            span=row.span,
            message=(
                f"{shape} and its cells shift: {kind} ('{shorten(cell.text, 40)}') sits "
                f"under '{column}', so a cell is missing before it"
            ),
            key=f"cells:{count}/{expected}",
        )
    if short:
        many = len(short) != 1
        yield Finding(
            span=short[0].span,
            message=(
                f"{len(short)} row{'s' if many else ''} of the table at line {table.line} "
                f"{'leave' if many else 'leaves'} out trailing cells (line{'s' if many else ''} "
                f"{_lines(short)}); GitHub shows them empty and nothing shifts"
            ),
            severity=Severity.NOTICE,
            key="cells:trailing",
        )


def _cut_off(document: Document, table: Table) -> Iterator[Finding]:
    """A blank or comment line between rows ends the table: the rows after it render as
    plain text with their pipes showing."""
    if not table.lost_rows or table.lost_line is None:
        return
    line = table.lost_line
    count = table.lost_rows
    rows = plural(count, "row")
    yield Finding(
        span=Span.of_line(line, document.lines[line - 1]),
        message=(
            f"{table.lost_reason} ends the table of line {table.line} here: the {rows} after "
            f"it render{'s' if count == 1 else ''} as plain text, not as table rows"
            + (
                " (put a suppression comment inside a cell instead)"
                if "comment" in table.lost_reason
                else ""
            )
        ),
        severity=Severity.ERROR,
        key=f"cut:{count}",
    )


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for table in document.tables:
        yield from _table(document, table)
        yield from _cut_off(document, table)
    required = [role for role in context.options["required"] if role != "title"]
    for entry in document.entries:
        # an entry without a paper (a project row with "-" in the paper columns) may have
        # no title of its own
        if not entry.title and (entry.paper is not None or entry.arxiv is not None):
            yield Finding(
                span=entry.span,
                message="paper row without a title",
                severity=Severity.WARNING,
                key="no-title",
            )
        if entry.table is None or entry.row is None:
            continue
        for role in required:
            if role in entry.table.roles:
                position = entry.table.roles.index(role)
                if position >= len(entry.row.cells):
                    continue
                cell = entry.row.cells[position]
                if not cell.text:
                    yield Finding(
                        span=cell.span,
                        message=f"the required '{entry.table.header[position]}' cell is empty",
                        severity=Severity.WARNING,
                        key=f"empty:{role}",
                    )
