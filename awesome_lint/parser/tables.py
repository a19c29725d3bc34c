"""Reader for GFM pipe tables: a header with column roles, year rows, one entry per row."""

from __future__ import annotations

import re

from markdown_it.token import Token

from .. import arxiv
from ..columns import NAME_HEADERS, assign_roles, normalise_header
from ..dates import find_dates
from ..model import Cell, Entry, Link, ParseProblem, Row, Span, Table, YearRow
from .fields import (
    cell_evidence,
    clean,
    fill_paper,
    fill_repo,
    is_figure,
    is_placeholder,
    new_entry,
    plain_title,
    title_of_cell,
)
from .host import ReaderHost
from .htmltags import is_comment
from .inline import Inline, walk_inline
from .positions import Locator, paragraph_locator
from .titlecheck import Candidate, choose, drop_tags, is_short, why_not_title

try:  # the exact set markdown-it trims table cells with
    from markdown_it.common.utils import MD_TRIM_CHARS
except ImportError:  # pragma: no cover - older markdown-it-py
    MD_TRIM_CHARS = " \t\n\r\f\v"

_YEAR_CELL = re.compile(r"^[*_<b>\s]*((?:19|20)\d\d)[*_</b>\s]*$", re.IGNORECASE)
_DATE_YEAR = re.compile(r"^\D{0,3}((?:19|20)\d\d)(?:\D|$)")
# A trailing cell some lists add on purpose: `| [//]: #05/12 |` or an HTML comment.
_COMMENT_CELL = re.compile(r"^(?:\[//\]:\s*#.*|<!--.*-->)$")
# Spaces around an optional pipe are written \s*(?:\|\s*)?, never \s*\|?\s*: two adjacent
# runs of spaces would try every split of a long run (quadratic, issue 21).
_DELIMITER_ROW = re.compile(r"^\s*(?:\|\s*)?:?-+:?\s*(?:\|\s*:?-+:?\s*)*(?:\|\s*)?$")

CellPair = tuple[Cell, Inline]


def split_cells(line: str) -> list[tuple[str, int, list[int]]]:
    """Cells of a table line as markdown-it splits them: (content, column, escapes).

    ``column`` is the 0-based source column of the content's first character and
    ``escapes`` the content offsets where an escaped pipe lost its backslash.
    """
    begin = len(line) - len(line.lstrip(MD_TRIM_CHARS))
    end = len(line.rstrip(MD_TRIM_CHARS))
    raw_cells: list[tuple[int, int, list[int]]] = []  # (start, end, escape raw offsets)
    start = begin
    if "\\|" not in line:  # the common case: every pipe separates cells
        position = line.find("|", begin, end)
        while position >= 0:
            raw_cells.append((start, position, []))
            start = position + 1
            position = line.find("|", start, end)
        raw_cells.append((start, end, []))
    else:
        escaped_at: list[int] = []
        for position in range(begin, end):
            if line[position] != "|":
                continue
            # like markdown-it: a pipe right after a backslash is escaped
            if position > begin and line[position - 1] == "\\":
                escaped_at.append(position - 1)
            else:
                raw_cells.append((start, position, escaped_at))
                start, escaped_at = position + 1, []
        raw_cells.append((start, end, escaped_at))
    if raw_cells and raw_cells[0][0] == raw_cells[0][1]:
        raw_cells.pop(0)
    if raw_cells and raw_cells[-1][0] == raw_cells[-1][1]:
        raw_cells.pop()
    cells = []
    for cell_start, cell_end, escapes in raw_cells:
        text = line[cell_start:cell_end]
        if escapes:
            text = "".join(_cut(text, [at - cell_start for at in escapes]))
        content = text.strip(MD_TRIM_CHARS)
        lead = len(text) - len(text.lstrip(MD_TRIM_CHARS)) if content else 0
        # content offsets of the removed backslashes, after trimming the lead
        shifted = [at - cell_start - i - lead for i, at in enumerate(escapes)]
        cells.append((content, cell_start + lead, [s for s in shifted if s >= 0]))
    return cells


def _cut(text: str, offsets: list[int]) -> list[str]:
    """``text`` in pieces with the characters at ``offsets`` left out (linear)."""
    pieces = []
    position = 0
    for offset in offsets:
        pieces.append(text[position:offset])
        position = offset + 1
    pieces.append(text[position:])
    return pieces


def read_table(builder: ReaderHost, tokens: list[Token], index: int) -> int:
    """Read the table starting at ``tokens[index]``; returns the index after it."""
    opening = tokens[index]
    header_inlines: list[Token] = []
    rows: list[tuple[int, list[Token]]] = []
    current: list[Token] | None = None
    in_head = False
    index += 1
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        kind = token.type
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open" and not in_head:
            current = []
            rows.append((token.map[0] if token.map else 0, current))
        elif kind == "inline":
            if in_head:
                header_inlines.append(token)
            elif current is not None:
                current.append(token)
        index += 1
    start_line = opening.map[0] if opening.map else 0
    end_line = opening.map[1] if opening.map else start_line + 1
    _build_table(builder, start_line, end_line, header_inlines, rows)
    return index + 1


def _cells(builder: ReaderHost, line0: int, inlines: list[Token]) -> tuple[list[CellPair], int]:
    lines = builder.doc.lines
    source = lines[line0] if line0 < len(lines) else ""
    raw = split_cells(source)
    cells: list[CellPair] = []
    for position, token in enumerate(inlines):
        if position < len(raw) and raw[position][0] == token.content:
            _content, column, escapes = raw[position]
            locator = Locator(line0, [0], [column], escapes)
        elif position >= len(raw):  # a cell markdown-it padded: place it at the line end
            locator = Locator(line0, [0], [len(source.rstrip())])
        else:
            locator = paragraph_locator(token.content, line0, lines)
        walked = walk_inline(token, locator, builder.env)
        span = locator.span(0, len(token.content))
        cells.append((Cell(token.content, span, walked.links), walked))
    return cells, len(raw)


def _build_table(
    builder: ReaderHost,
    start_line: int,
    end_line: int,
    header_inlines: list[Token],
    rows: list[tuple[int, list[Token]]],
) -> None:
    doc = builder.doc
    header_cells, _ = _cells(builder, start_line, header_inlines)
    for _, walked in header_cells:
        builder.add_links(walked)
    header = [walked.text.strip() for _, walked in header_cells]
    names, key = builder.section()
    table = Table(
        line=start_line + 1,
        end_line=end_line,
        header=header,
        roles=assign_roles(header, builder.columns),
        section_key=key,
    )
    doc.tables.append(table)
    parsed_rows: list[tuple[Row, list[CellPair]]] = []
    for line0, inlines in rows:
        cells, raw_count = _cells(builder, line0, inlines)
        for _, walked in cells:
            builder.add_links(walked)
        source = doc.lines[line0] if line0 < len(doc.lines) else ""
        row = Row(
            line=line0 + 1,
            raw_cell_count=raw_count,
            cells=[cell for cell, _ in cells],
            span=Span.of_line(line0 + 1, source),
        )
        if raw_count == len(header) + 1:
            last = split_cells(source)[-1][0]
            row.ignored_trailing_cell = bool(_COMMENT_CELL.match(last))
        if not any(cell.text for cell in row.cells):
            table.rows.append(row)  # an empty row: counted for shape, no entry
            continue
        year = _year_row(row)
        if year is not None:
            table.year_rows.append(YearRow(year, row.line, row.span))
        else:
            table.rows.append(row)
            parsed_rows.append((row, cells))
    _lost_rows(builder, table)
    table.is_paper_table = "title" in table.roles or "paper" in table.roles
    if not table.is_paper_table:
        _unmapped_table(builder, table, parsed_rows)
        return
    year_rows = iter(table.year_rows)
    next_year = next(year_rows, None)
    year: YearRow | None = None
    built = []
    heading_year = builder.section_year()
    for row, cells in parsed_rows:
        while next_year is not None and next_year.line < row.line:
            year, next_year = next_year, next(year_rows, None)
        entry = _entry(table, row, cells, names, key)
        if year is not None:
            entry.year, entry.year_line = year.year, year.line
        elif entry.year is None and heading_year is not None:
            entry.year, entry.year_line = heading_year
        builder.add_entry(entry)
        built.append((entry, [cell for cell, _ in cells]))
    builder.table_entries.append((table, built))


def _lost_rows(builder: ReaderHost, table: Table) -> None:
    """Rows cut off the table by a blank line or a comment line: they render as text."""
    lines = builder.doc.lines
    position = table.end_line  # 0-based index of the line after the table
    cut = position
    while position < len(lines) and (not lines[position].strip() or is_comment(lines[position])):
        position += 1
    if position == cut or position - cut > 2:
        return
    count = 0
    expected = len(table.header)
    while position + count < len(lines):
        line = lines[position + count]
        if not line.lstrip().startswith("|") or _DELIMITER_ROW.match(line):
            break
        if count == 0 and position + 1 < len(lines) and _DELIMITER_ROW.match(lines[position + 1]):
            return  # a header row: a new table starts here
        if abs(len(split_cells(line)) - expected) > 1:
            break
        count += 1
    if count:
        reason = "a blank line" if not lines[cut].strip() else "an HTML comment line"
        table.lost_rows, table.lost_line, table.lost_reason = count, cut + 1, reason
        builder.lost_lines.update(range(position + 1, position + count + 1))


def _unmapped_table(
    builder: ReaderHost, table: Table, parsed_rows: list[tuple[Row, list[CellPair]]]
) -> None:
    papers = sum(
        1
        for _, cells in parsed_rows
        if any(arxiv.find_paper_id(link.target) for cell, _ in cells for link in cell.links)
    )
    if parsed_rows and papers >= max(2, len(parsed_rows) // 2):
        header = " | ".join(table.header)
        builder.doc.problems.append(
            ParseProblem(
                Span.of_line(table.line, builder.doc.lines[table.line - 1]),
                f"table with paper links but no column recognised as the title "
                f"(header: {header}); map one with `columns:` in the config",
            )
        )
        builder.unmapped_lines.update(row.line for row, _ in parsed_rows)


def image_columns(builder: ReaderHost) -> None:
    """Find image columns by content: a header whose cells mostly hold a figure.

    Counted over the whole document, so a one-row table whose only image cell is
    empty still knows its "Intro" column holds figures everywhere else.
    """
    counts: dict[str, list[int]] = {}
    for table, built in builder.table_entries:
        for position, name in enumerate(table.header):
            if table.roles[position] != "other":
                continue
            tally = counts.setdefault(name.lower(), [0, 0])
            for _, cells in built:
                if position < len(cells):
                    tally[1] += 1
                    if any(is_figure(link) for link in cells[position].links):
                        tally[0] += 1
    figures = {name for name, (hits, total) in counts.items() if hits and hits >= total / 2}
    for table, built in builder.table_entries:
        if "image" not in table.roles:
            for position, name in enumerate(table.header):
                if table.roles[position] == "other" and name.lower() in figures:
                    table.roles[position] = "image"
                    break
        if "image" in table.roles:
            position = table.roles.index("image")
            for entry, cells in built:
                if position < len(cells):
                    entry.image_cell = cells[position]


def _year_row(row: Row) -> int | None:
    filled = [cell for cell in row.cells if cell.text]
    if len(filled) != 1 or filled[0].links:
        return None
    match = _YEAR_CELL.match(filled[0].text)
    return int(match.group(1)) if match else None


def _title_span(cell: Cell, title: str) -> Span:
    offset = cell.text.find(title)
    if offset < 0 or cell.span.line != cell.span.end_line:
        return cell.span
    start = cell.span.column + offset
    return Span(cell.span.line, start, cell.span.line, start + len(title))


def _span_of_title(cell: Cell, walked: Inline, title: str, link: Link | None) -> Span:
    """Where a cell's title is: its bold text, else the link it is the text of."""
    if link is not None and title not in (" ".join(s.split()) for s in walked.strong):
        return link.span
    return _title_span(cell, title)


def _name_beside_paper(title_header: str, candidates: list[Candidate]) -> bool:
    """Whether the title column is a Name/Method/Model column holding a bare name while
    the Paper column's link text is a title."""
    name, paper = candidates
    bare_name = len(clean(name.text).split()) == 1  # "GAUG", "TO-GNN", "Meta-PN"
    if normalise_header(title_header) not in NAME_HEADERS or not bare_name:
        return False
    text = drop_tags(clean(paper.text))
    return not why_not_title(text) and not is_short(text)


def _entry(
    table: Table,
    row: Row,
    cells: list[CellPair],
    section: tuple[str, ...],
    key: str,
) -> Entry:
    roles = table.roles
    by_role: dict[str, CellPair] = {}
    for position, pair in enumerate(cells):
        role = roles[position] if position < len(roles) else "other"
        by_role.setdefault(role, pair)
    links = [link for cell, _ in cells for link in cell.links]
    candidates = []
    for role, generic_ok in (("title", True), ("paper", False)):
        if role not in by_role:
            continue
        cell, walked = by_role[role]
        text, link = title_of_cell(cell.text, walked, generic_ok)
        if text:
            header = table.header[roles.index(role)]
            evidence = cell_evidence(header, walked, text, link)
            span = _span_of_title(cell, walked, text, link)
            candidates.append(Candidate(text, "column", evidence, link, span))
    if len(candidates) == 2 and _name_beside_paper(table.header[roles.index("title")], candidates):
        # "| Name | Paper |" with "| GAUG | [[AAAI 2021] Data Augmentation …](…) |": the
        # paper link's text is the title, the short name an alias
        candidates.reverse()
    if not candidates:
        name, name_span = _name_elsewhere(table, cells)
        if name:
            candidates.append(Candidate(name, "plain", False, None, name_span))
    choice = choose(candidates, names_ok=True)
    title, title_span, title_link = "", None, None
    source, confident, understood = "column", False, True
    if choice is not None:
        title, title_span, title_link = choice.title, choice.span, choice.link
        source, confident, understood = choice.source, choice.confident, choice.understood
    readings = [drop_tags(clean(c.text)) for c in candidates]
    aliases = [text for text in readings if text != title and not why_not_title(text)]
    if "name" in by_role:
        name = plain_title(by_role["name"][1].text)
        if name and name != title and not is_placeholder(name):
            aliases.append(name)
    entry = new_entry(
        row.line,
        row.span,
        section,
        key,
        title,
        title_span,
        links,
        aliases=aliases,
        table=table,
        row=row,
        title_source=source,
        title_confident=confident,
        title_understood=understood,
    )
    code = by_role.get("code")
    fill_repo(entry, links, code[0].links if code else ())
    paper = by_role.get("paper")
    fill_paper(entry, title_link, paper[0].links if paper else ())
    for role in ("date", "year"):
        if role not in by_role:
            continue
        cell, walked = by_role[role]
        text = walked.text.strip()
        if entry.year is None:
            match = _DATE_YEAR.match(text)
            if match:
                entry.year = int(match.group(1))
                entry.year_line = row.line
        if entry.date is None:
            dates = find_dates(text)
            if dates:
                entry.date, entry.date_span = dates[0].key, cell.span
    return entry


def _name_elsewhere(table: Table, cells: list[CellPair]) -> tuple[str, Span | None]:
    """A project row with "-" in the title columns is named in another column."""
    titled = [
        position
        for position, role in enumerate(table.roles)
        if role in ("title", "paper") and position < len(cells)
    ]
    if not titled or not all(
        is_placeholder(cells[p][0].text) or not cells[p][0].text for p in titled
    ):
        return "", None
    for position, (cell, walked) in enumerate(cells):
        role = table.roles[position] if position < len(table.roles) else "other"
        if role != "other" or cell.links or not cell.text:
            continue
        name = plain_title(walked.text)
        if name and not is_placeholder(name) and re.search(r"[^\W\d_]", name):
            return name, _title_span(cell, name)
    return "", None
