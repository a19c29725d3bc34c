"""Reader for HTML in lists: ``<table>`` rows and paper blocks (``<p><b>Title</b> …
<a href=…>[paper]</a></p>``) become entries; ``<details><summary>`` opens a sub-section;
``id``/``name`` attributes are link targets; every ``<a href>``/``<img src>`` is a link.

A table may span several markdown blocks (markdown between ``<td>`` and ``</td>``,
separated by blank lines, is rendered by GitHub), so the open table is kept across
tokens and the markdown in a cell is added to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape

from markdown_it.token import Token

from ..columns import assign_roles
from ..model import Entry, Link, Span
from .fields import cell_evidence, fill_paper, fill_repo, locate_text, new_entry, title_of_cell
from .host import ReaderHost
from .htmltags import Tag, anchor_names, iter_tags
from .inline import Inline, Segment, html_links
from .items import Part, build_entry, has_paper_link
from .positions import Locator, paragraph_locator
from .titlecheck import Candidate, choose

# Elements that hold one paper when a block has several.
_PAPER_ELEMENTS = frozenset({"p", "li", "div", "blockquote", "dd"})
_BREAKS = frozenset({"br", "p", "div", "li", "tr", "hr", "dd", "dt"})


class _Collector:
    """Builds what an inline walk would give from HTML: text, bold runs, links, segments."""

    def __init__(self, content: str, locator: Locator, start: int) -> None:
        self.content = content
        self.locator = locator
        self.start = start
        self.end = start  # the end of what was added so far
        self.text: list[str] = []
        self.strong: list[str] = []
        self.strong_depth = 0
        self.links: list[Link] = []
        self.segments: list[Segment] = []
        self.current_strong: Segment | None = None
        self.open_anchor: tuple[Link, int] | None = None
        # the paper element that opened the block (<p>) and where its closing tag ends
        self.element: str | None = None
        self.element_end: int | None = None

    def close(self, tag: Tag) -> None:
        """The first closing tag of the element that opened the block ends it."""
        if tag.name == self.element and self.element_end is None:
            self.element_end = tag.end

    def add_text(self, raw: str) -> None:
        text = " ".join(unescape(raw).split())
        if not text:
            if raw and self.text and not self.text[-1].endswith(" "):
                self.text.append(" ")
            return
        if raw[:1].isspace() and self.text and not self.text[-1].endswith(" "):
            text = " " + text
        if raw[-1:].isspace():
            text += " "
        self.text.append(text)
        if self.strong_depth:
            self.strong[-1] += text
        if self.open_anchor is not None:
            return
        if self.current_strong is not None:
            self.current_strong.text += text
        elif self.segments and self.segments[-1].kind == "text":
            self.segments[-1].text += text
        else:
            self.segments.append(Segment("text", text))

    def add_tag(self, tag: Tag) -> None:
        self.end = max(self.end, tag.end)
        name = tag.name
        if name in _BREAKS:
            self.text.append(" ")
            if self.open_anchor is None and self.current_strong is None:
                self.segments.append(Segment("break", " "))
        if name in ("b", "strong"):
            if not tag.closing:
                self.strong_depth += 1
                if self.strong_depth == 1:
                    self.strong.append("")
                    if self.open_anchor is None:
                        self.current_strong = Segment("strong", "")
                        self.segments.append(self.current_strong)
            else:
                self.strong_depth = max(self.strong_depth - 1, 0)
                if not self.strong_depth:
                    self.current_strong = None
            return
        if name == "a" and tag.closing:
            if self.open_anchor is not None:
                link, first = self.open_anchor
                link.text = "".join(self.text[first:]).strip()
                self.open_anchor = None
                if self.segments and self.segments[-1].link is link:
                    self.segments[-1].text = link.text
            return
        for link in html_links(tag, tag.start, self.locator):
            self.links.append(link)
            if link.kind == "html-img":
                if self.open_anchor is not None:
                    link.parent = self.open_anchor[0]
                    self.open_anchor[0].has_image = True
                else:
                    self.segments.append(Segment("image", "", link))
                continue
            if self.current_strong is not None:
                if self.current_strong.link is None:
                    self.current_strong.link = link
            else:
                self.segments.append(Segment("link", "", link))
            self.open_anchor = (link, len(self.text))

    def part(self) -> Part:
        walked = Inline(
            "".join(self.text),
            [s.strip() for s in self.strong if s.strip()],
            self.links,
            [],
            self.segments,
        )
        return Part(walked, self.content, self.locator, self.start, self.end)

    @property
    def empty(self) -> bool:
        return not self.links and not "".join(self.text).strip()


@dataclass(slots=True)
class _Cell:
    header: bool
    parts: list[Part] = field(default_factory=list)


@dataclass(slots=True)
class _Row:
    line0: int
    end0: int
    cells: list[_Cell] = field(default_factory=list)


@dataclass(slots=True)
class _Table:
    rows: list[_Row] = field(default_factory=list)
    cell: _Cell | None = None
    collector: _Collector | None = None
    depth: int = 1  # nested <table> elements


class HtmlReader:
    def __init__(self, builder: ReaderHost) -> None:
        self.builder = builder
        self.table: _Table | None = None
        self.summary: list[str] | None = None  # text of an open <summary>

    @property
    def in_cell(self) -> bool:
        return self.table is not None and self.table.cell is not None

    def cell_inline(self, part: Part) -> None:
        """Markdown between ``<td>`` and ``</td>``: part of the open cell."""
        assert self.table is not None and self.table.cell is not None
        self._close_collector()
        self.table.cell.parts.append(part)
        self.builder.add_links(part.walked)

    def html_block(self, token: Token) -> None:
        if not token.map:
            return
        content = token.content
        line0 = token.map[0]
        lines = self.builder.doc.lines
        body = content.rstrip("\n")
        locator = paragraph_locator(body, line0, lines)
        # the block's last line, once: a block may hold thousands of paper elements
        last0 = locator.position(max(len(body) - 1, 0))[0] - 1
        block: _Collector | None = None
        position = 0
        for tag in iter_tags(content):
            text = content[position : tag.start]
            if text:
                self._text(text, block, (content, locator, position))
            position = tag.end
            name = tag.name
            if not tag.closing:
                names = anchor_names(tag)
                if names:
                    self.builder.doc.anchors.update(names)
                    where = locator.span(tag.start, tag.end)
                    definitions = self.builder.doc.anchor_definitions
                    definitions.extend((name, where) for name in dict.fromkeys(names))
            if name == "details":
                self._details(tag.closing)
                continue
            if name == "summary":
                self._summary(tag.closing)
                continue
            if name == "table" or self.table is not None:
                if block is not None:
                    self._block_entry(block, locator, last0)
                    block = None
                self._table_tag(tag, content, locator, line0)
                continue
            if name in _PAPER_ELEMENTS and not tag.closing:
                if block is not None:
                    self._block_entry(block, locator, last0)
                block = _Collector(content, locator, tag.start)
                block.element = name
                continue
            if block is None:
                block = _Collector(content, locator, tag.start)
            if tag.closing:
                block.close(tag)
            before = len(block.links)
            block.add_tag(tag)
            self.builder.doc.links.extend(block.links[before:])
        rest = content[position:]
        if rest:
            self._text(rest, block, (content, locator, position))
        if block is not None:
            self._block_entry(block, locator, last0)

    # -- sections

    def _details(self, closing: bool) -> None:
        details = self.builder.details
        if closing:
            if details:
                details.pop()
        else:
            self.builder.details_count += 1
            details.append("")
        self.summary = None

    def _summary(self, closing: bool) -> None:
        if not closing:
            self.summary = []
            return
        if self.summary is not None and self.builder.details:
            self.builder.details[-1] = " ".join("".join(self.summary).split())
        self.summary = None

    def _text(self, raw: str, block: _Collector | None, where: tuple[str, Locator, int]) -> None:
        """``raw`` is text between tags; ``where``: the block's content, its locator and
        the offset of ``raw`` in it."""
        if self.summary is not None:
            self.summary.append(unescape(raw))
            return
        table = self.table
        if table is not None:
            if table.cell is not None:
                # a cell whose markdown ended its collector goes on in this HTML block
                if table.collector is None:
                    table.collector = _Collector(*where)
                table.collector.add_text(raw)
                table.collector.end = where[2] + len(raw)
            return
        if block is not None:
            block.add_text(raw)
            block.end = where[2] + len(raw)

    # -- paper blocks

    def _block_entry(self, block: _Collector, locator: Locator, last0: int) -> None:
        """The entry of a paper element; ``last0``: the 0-based last line of its block."""
        if block.empty:
            return
        part = block.part()
        if not has_paper_link([part]):
            return
        lines = self.builder.doc.lines
        first = locator.position(block.start)[0] - 1
        last = last0
        if part.walked.links:
            last = max(last, part.walked.links[-1].span.end_line - 1)
        last = min(last, len(lines) - 1)
        span = Span(first + 1, 1, last + 1, len(lines[last]) + 1)
        names, key = self.builder.section()
        entry = build_entry([part], span, names, key, "html-block", self.builder.section_year())
        if entry is not None:
            # the block ends where its links end, or with its element's closing tag (</p>)
            ends = [span.line] + [link.span.end_line for link in entry.links]
            if block.element_end is not None:
                ends.append(locator.position(max(block.element_end - 1, 0))[0])
            end = min(max(ends), len(lines))
            entry.span = Span(span.line, 1, end, len(lines[end - 1]) + 1)
            self.builder.add_entry(entry)

    # -- tables

    def _close_collector(self) -> None:
        table = self.table
        if table is None or table.collector is None or table.cell is None:
            return
        if not table.collector.empty:
            table.cell.parts.append(table.collector.part())
        table.collector = None

    def _table_tag(self, tag: Tag, content: str, locator: Locator, line0: int) -> None:
        name = tag.name
        if self.table is None:
            if name == "table" and not tag.closing:
                self.table = _Table()
            return
        table = self.table
        if name == "table":
            table.depth += -1 if tag.closing else 1
            if table.depth == 0:
                self._close_collector()
                self._finish_table(table)
                self.table = None
            return
        if name == "tr":
            line = locator.position(tag.start)[0] - 1
            self._close_collector()
            table.cell = None
            if not tag.closing:
                table.rows.append(_Row(line, line + 1))
            elif table.rows:
                table.rows[-1].end0 = line + 1
            return
        if name in ("td", "th"):
            self._close_collector()
            if tag.closing:
                table.cell = None
                return
            if not table.rows:
                line = locator.position(tag.start)[0] - 1
                table.rows.append(_Row(line, line + 1))
            table.cell = _Cell(header=name == "th")
            table.rows[-1].cells.append(table.cell)
            table.collector = _Collector(content, locator, tag.end)
            return
        if table.cell is not None:
            if table.collector is None:
                table.collector = _Collector(content, locator, tag.start)
            before = len(table.collector.links)
            table.collector.add_tag(tag)
            self.builder.doc.links.extend(table.collector.links[before:])
            if table.rows:  # (a tag's line is a search of the block's lines: asked where used)
                line = locator.position(tag.start)[0] - 1
                table.rows[-1].end0 = max(table.rows[-1].end0, line + 1)

    def _finish_table(self, table: _Table) -> None:
        rows = [row for row in table.rows if row.cells]
        if not rows:
            return
        header: list[str] = []
        if all(cell.header for cell in rows[0].cells):
            header = [_merge(cell.parts).text.strip() for cell in rows[0].cells]
            rows = rows[1:]
        roles = assign_roles(header, self.builder.columns) if header else []
        for row in rows:
            entry = self._row_entry(row, header, roles)
            if entry is not None:
                self.builder.add_entry(entry)

    def _row_entry(self, row: _Row, header: list[str], roles: list[str]) -> Entry | None:
        lines = self.builder.doc.lines
        last = min(max(row.end0, row.line0 + 1), len(lines)) - 1
        span = Span(row.line0 + 1, 1, last + 1, len(lines[last]) + 1)
        names, key = self.builder.section()
        year = self.builder.section_year()
        parts = [part for cell in row.cells for part in cell.parts]
        if "title" not in roles and "paper" not in roles:
            # a header cell in a body row without a link labels a group of rows
            # ("<th rowspan=23><strong>Gradient-based</strong></th>"): no paper's title
            own = [
                part
                for cell in row.cells
                if not cell.header or any(p.walked.links for p in cell.parts)
                for part in cell.parts
            ]
            return build_entry(own or parts, span, names, key, "html-table", year)
        if not has_paper_link(parts):
            return None
        by_role: dict[str, list[Part]] = {}
        for position, cell in enumerate(row.cells):
            role = roles[position] if position < len(roles) else "other"
            by_role.setdefault(role, cell.parts)
        candidates = []
        for role, generic_ok in (("title", True), ("paper", False)):
            if role not in by_role or not by_role[role]:
                continue
            merged = _merge(by_role[role])
            text, link = title_of_cell(merged.text, merged, generic_ok)
            if text:
                pieces = [part.piece() for part in by_role[role]]
                at = link.span if link is not None else locate_text(text, pieces, span)
                evidence = cell_evidence(header[roles.index(role)], merged, text, link)
                candidates.append(Candidate(text, "column", evidence, link, at))
        choice = choose(candidates, names_ok=True)
        if choice is None:
            return build_entry(parts, span, names, key, "html-table", year)
        title, title_link, title_span = choice.title, choice.link, choice.span
        links = [link for part in parts for link in part.walked.links]
        line = title_span.line if title_span else span.line
        entry = new_entry(
            line,
            span,
            names,
            key,
            title,
            title_span,
            links,
            form="html-table",
            title_source=choice.source,
            title_confident=choice.confident,
            title_understood=choice.understood,
        )
        if year is not None:
            entry.year, entry.year_line = year
        code = [link for part in by_role.get("code", []) for link in part.walked.links]
        fill_repo(entry, links, code)
        paper = [link for part in by_role.get("paper", []) for link in part.walked.links]
        fill_paper(entry, title_link, paper)
        return entry

    def finish(self) -> None:
        """The end of the document: an unclosed table still gives its rows."""
        if self.table is not None:
            self._close_collector()
            self._finish_table(self.table)
            self.table = None


def _merge(parts: list[Part]) -> Inline:
    if len(parts) == 1:
        return parts[0].walked
    merged = Inline("", [], [], [], [])
    for part in parts:
        merged.text += (" " if merged.text else "") + part.walked.text
        merged.strong.extend(part.walked.strong)
        merged.links.extend(part.walked.links)
        merged.segments.extend(part.walked.segments)
    return merged
