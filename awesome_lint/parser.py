"""parse: markdown source -> Document (DESIGN section 3).

Parsing never raises on valid UTF-8: what it cannot interpret becomes a ParseProblem.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from . import arxiv
from .columns import assign_roles
from .markdown import POSITION, block_tokens, parse_inline
from .model import (
    ArxivRef,
    Badge,
    Cell,
    Document,
    Entry,
    Heading,
    Link,
    ParseProblem,
    Row,
    Span,
    Suppression,
    Table,
    TocBlock,
    YearRow,
)
from .slug import Slugger
from .urls import github_repo, in_page_anchor, is_badge_url, star_badge_repo

try:  # the exact set markdown-it trims table cells with
    from markdown_it.common.utils import MD_TRIM_CHARS
except ImportError:  # pragma: no cover - older markdown-it-py
    MD_TRIM_CHARS = " \t\n\r\f\v"

_NEWLINES = re.compile(r"\r\n?")
_YEAR_CELL = re.compile(r"^[*_<b>\s]*((?:19|20)\d\d)[*_</b>\s]*$", re.IGNORECASE)
_DATE_YEAR = re.compile(r"^\D{0,3}((?:19|20)\d\d)(?:\D|$)")
_SUPPRESSION = re.compile(
    r"<!--\s*awesome-lint-(disable-next-line|disable-line|disable-file|disable|enable|"
    r"capture|restore)\b(.*?)-->"
)
# A trailing cell some lists add on purpose: `| [//]: #05/12 |` or an HTML comment.
_COMMENT_CELL = re.compile(r"^(?:\[//\]:\s*#.*|<!--.*-->)$")
_HTML_ATTR = re.compile(
    r"""\b(src|href|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>", re.DOTALL)
_SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary>", re.IGNORECASE | re.DOTALL)
_BARE_URL = re.compile(r"(?<![\w/@.=])(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
_LABEL_STRIP = "[]() \t*_`"
GENERIC_LINK_TEXTS = frozenset(
    "link links paper pdf arxiv here url abs html page website project code github official"
    " openreview doi".split()
)
CODE_LABELS = frozenset({"github", "code", "official", "repo", "repository", "gitlab", "source"})
PAPER_LABELS = frozenset({"paper", "pdf", "arxiv", "abs", "openreview", "doi", "paper link"})


# --------------------------------------------------------------------------- positions


@dataclass(slots=True)
class _Locator:
    """Maps offsets in an inline token's content to source positions."""

    line0: int  # 0-based source line of the content's first line
    starts: list[int]  # content offset where each content line starts
    columns: list[int]  # 0-based source column where each content line starts
    escapes: list[int] = field(default_factory=list)  # content offsets of unescaped `\|`

    def position(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self.starts, offset) - 1
        shift = bisect_right(self.escapes, offset) if self.escapes else 0
        return self.line0 + k + 1, self.columns[k] + offset - self.starts[k] + shift + 1

    def span(self, start: int, end: int) -> Span:
        if len(self.starts) == 1 and not self.escapes:  # one line: the common case
            line = self.line0 + 1
            base = self.columns[0] + 1
            return Span(line, base + start, line, base + max(end, start))
        line, column = self.position(start)
        if end <= start:
            return Span(line, column, line, column)
        end_line, end_column = self.position(end - 1)
        return Span(line, column, end_line, end_column + 1)


def _paragraph_locator(content: str, line0: int, lines: list[str]) -> _Locator:
    starts = [0]
    columns = []
    parts = content.split("\n")
    for index, part in enumerate(parts):
        if index:
            starts.append(starts[-1] + len(parts[index - 1]) + 1)
        source = lines[line0 + index] if line0 + index < len(lines) else ""
        columns.append(_locate(part, source))
    return _Locator(line0, starts, columns)


def _locate(part: str, source: str) -> int:
    if source.endswith(part):
        return len(source) - len(part)
    stripped = source.rstrip()
    if stripped.endswith(part):
        return len(stripped) - len(part)
    return max(source.find(part), 0)


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
        for at in reversed(escapes):
            text = text[: at - cell_start] + text[at - cell_start + 1 :]
        content = text.strip(MD_TRIM_CHARS)
        lead = len(text) - len(text.lstrip(MD_TRIM_CHARS)) if content else 0
        # content offsets of the removed backslashes, after trimming the lead
        shifted = [at - cell_start - i - lead for i, at in enumerate(escapes)]
        cells.append((content, cell_start + lead, [s for s in shifted if s >= 0]))
    return cells


# --------------------------------------------------------------------------- inline walk


@dataclass(slots=True)
class _Inline:
    """What one inline token holds, with source spans."""

    text: str
    strong: list[str]
    links: list[Link]
    unrendered: list[Link]


def _html_links(tag: str, offset: int, locator: _Locator) -> list[Link]:
    """<img src> and <a href> inside one HTML tag string starting at content ``offset``."""
    match = _HTML_TAG.match(tag)
    if not match or match.group(1):
        return []
    name = match.group(2).lower()
    if name not in ("img", "a", "source"):
        return []
    links = []
    for attr in _HTML_ATTR.finditer(tag):
        key = attr.group(1).lower()
        if (name == "a") != (key == "href") or key not in ("src", "href"):
            continue
        group = 2 if attr.group(2) is not None else 3 if attr.group(3) is not None else 4
        value = attr.group(group) or ""
        links.append(
            Link(
                kind="html-a" if name == "a" else "html-img",
                text="",
                target=value,
                span=locator.span(offset, offset + len(tag)),
                target_span=locator.span(
                    offset + attr.start(group), offset + attr.start(group) + len(value)
                ),
            )
        )
    return links


def _mask(content: str, ranges: list[tuple[int, int]]) -> str:
    """``content`` with the given ranges blanked out (newlines kept, offsets unchanged)."""
    if not ranges:
        return content
    pieces = []
    position = 0
    for start, end in sorted(ranges):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(content[position:start])
        blank = content[start:end]
        pieces.append(" " * len(blank) if "\n" not in blank else re.sub(r"[^\n]", " ", blank))
        position = end
    pieces.append(content[position:])
    return "".join(pieces)


def _target(content: str, meta: tuple[int, int, int, int], locator: _Locator, attr: str):
    """The destination as written, and its span; reference links fall back to ``attr``."""
    _, _, dest_start, dest_end = meta
    if dest_start < 0:
        return attr, None
    target = content[dest_start:dest_end]
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
        dest_start += 1
        dest_end -= 1
    return target, locator.span(dest_start, dest_end)


_NO_POSITION = (0, 0, -1, -1)
# Characters that start inline syntax; content without them is plain text.
_INLINE_SYNTAX = re.compile(r"[\[\]!<&\\*_`~\n]")


def walk_inline(token: Token, locator: _Locator, env: dict[str, Any]) -> _Inline:
    """Plain text, bold runs, links and images of one inline token, with source spans.

    Parses the token's inline content first and drops the children afterwards.
    """
    content = token.content
    if not _INLINE_SYNTAX.search(content):
        # Nothing markdown would make a link, an emphasis, an entity or a break of: the
        # text is the content (what markdown-it would produce), and parsing is skipped.
        return _Inline(content, [], [], _bare_urls(content, locator))
    parse_inline(token, env)
    text: list[str] = []
    strong: list[str] = []
    strong_depth = 0
    links: list[Link] = []
    open_links: list[tuple[Link, int]] = []  # a link and where its text starts in ``text``
    html_open: list[tuple[Link, int]] = []
    masked: list[tuple[int, int]] = []  # constructs that running-text scans must skip
    top_links: list[tuple[int, int, Link]] = []
    link_ends: list[int] = []
    # Links and images carry their offsets; tags and code spans are found from a cursor
    # that follows the children through the source, which is cheaper than recording them.
    cursor = 0
    for child in token.children or ():
        kind = child.type
        if kind == "text" or kind == "code_inline":
            text.append(child.content)
            if strong_depth:
                strong[-1] += child.content
            if kind == "code_inline":
                start = content.find(child.markup, cursor)
                end = content.find(child.markup, start + len(child.markup)) if start >= 0 else -1
                if end >= 0:
                    cursor = end + len(child.markup)
                    masked.append((start, cursor))
        elif kind == "softbreak" or kind == "hardbreak":
            text.append(" ")
            if strong_depth:
                strong[-1] += " "
        elif kind == "link_open":
            meta = child.meta.get(POSITION, _NO_POSITION)
            target, target_span = _target(content, meta, locator, str(child.attrs.get("href", "")))
            start, end = meta[0], meta[1]
            autolink = child.markup == "autolink"
            link = Link(
                kind="autolink" if autolink else "link",
                text="",
                target=target,
                span=locator.span(start, end),
                target_span=target_span,
                reference=meta[2] < 0 and not autolink,
                followed_by=content[end : end + 3],
            )
            if not open_links:
                masked.append((start, end))
                top_links.append((start, end, link))
            open_links.append((link, len(text)))
            links.append(link)
            cursor = start + 1
            link_ends.append(end)
        elif kind == "link_close":
            if open_links:
                link, first = open_links.pop()
                link.text = "".join(text[first:]).strip()
                cursor = link_ends.pop()
        elif kind == "image":
            meta = child.meta.get(POSITION, _NO_POSITION)
            target, target_span = _target(content, meta, locator, str(child.attrs.get("src", "")))
            start, end = meta[0], meta[1]
            parent = open_links[-1][0] if open_links else None
            image = Link(
                kind="image",
                text=child.content,
                target=target,
                span=locator.span(start, end),
                target_span=target_span,
                parent=parent,
                reference=meta[2] < 0,
                followed_by=content[end : end + 3],
            )
            if parent is not None:
                parent.has_image = True
            else:
                masked.append((start, end))
                top_links.append((start, end, image))
            links.append(image)
            cursor = end
        elif kind == "html_inline":
            tag = child.content
            start = content.find(tag, cursor)
            if start < 0:
                start = max(content.find(tag), 0)
            end = cursor = start + len(tag)
            masked.append((start, end))
            head = tag[:4].lower()
            if head.startswith("<br"):
                text.append(" ")
                if strong_depth:
                    strong[-1] += " "
            elif head.startswith("</a"):
                if html_open:
                    anchor, first = html_open.pop()
                    anchor.text = "".join(text[first:]).strip()
            elif head.startswith(("<b>", "<b ", "<str")):
                strong_depth += 1
                if strong_depth == 1:
                    strong.append("")
            elif head.startswith(("</b>", "</st")):
                strong_depth = max(strong_depth - 1, 0)
            for link in _html_links(tag, start, locator):
                holder = open_links[-1][0] if open_links else None
                if holder is None and html_open:
                    holder = html_open[-1][0]
                if link.kind == "html-img" and holder is not None:
                    link.parent = holder
                    holder.has_image = True
                links.append(link)
                if link.kind == "html-a":
                    html_open.append((link, len(text)))
        elif kind == "strong_open":
            strong_depth += 1
            if strong_depth == 1:
                strong.append("")
        elif kind == "strong_close":
            strong_depth = max(strong_depth - 1, 0)
    token.children = None  # read: let the tree go
    running = _mask(content, masked)
    _set_paren_depths(running, top_links)
    unrendered = _unrendered_links(running, locator)
    if unrendered:  # their URLs are not autolinks of their own
        running = _mask(running, [offsets for offsets, _ in unrendered])
    found = [link for _, link in unrendered] + _bare_urls(running, locator)
    return _Inline("".join(text), [s.strip() for s in strong if s.strip()], links, found)


_PARENTHESIS = re.compile(r"[()]")


def _set_paren_depths(running: str, top_links: list[tuple[int, int, Link]]) -> None:
    """How many "(" of the running text are still open where a link that is followed
    by ")" starts (the only links for which it matters: is that ")" stray?)."""
    for start, _, link in top_links:
        if not link.followed_by.startswith(")"):
            continue
        depth = 0
        for match in _PARENTHESIS.finditer(running, 0, start):
            if match.group() == "(":
                depth += 1
            elif depth:
                depth -= 1
        link.paren_depth_before = depth


_UNRENDERED = re.compile(
    r"\[(?P<text>[^\[\]\n]*)(?:\](?P<gap>[ \t]*)|(?P<nobracket>))"
    r"\((?P<target>[ \t]*(?:https?[ \t]*:|www\.)[^()\n]*)\)",
    re.IGNORECASE,
)


def _unrendered_links(running: str, locator: _Locator) -> list[tuple[tuple[int, int], Link]]:
    """``[text](url)`` that markdown did not render: a space inside the URL or before "(".

    A well-formed link was already masked out of ``running``, so whatever matches here
    is shown to readers as literal brackets.
    """
    if "[" not in running or "(" not in running:
        return []
    return [
        (
            (match.start(), match.end()),
            Link(
                kind="unrendered",
                text=match.group("text"),
                target=match.group("target"),
                span=locator.span(match.start(), match.end()),
                target_span=locator.span(match.start("target"), match.end("target")),
                defect=_unrendered_reason(match),
            ),
        )
        for match in _UNRENDERED.finditer(running)
    ]


def _unrendered_reason(match: re.Match[str]) -> str:
    if match.group("nobracket") is not None:
        return "']' is missing before '('"
    if match.group("gap"):
        return "a space between ']' and '('"
    return "whitespace inside the URL"


def _bare_urls(running: str, locator: _Locator) -> list[Link]:
    """URLs GitHub autolinks in running text (GFM's extended autolinks)."""
    if "http" not in running and "www." not in running:
        return []
    found: list[Link] = []
    for match in _BARE_URL.finditer(running):
        url = match.group(0)
        # GFM drops trailing punctuation and an unbalanced closing parenthesis
        url = url.rstrip("?!.,:*_~;")
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip("?!.,:*_~;")
        if len(url) < 8:
            continue
        start = match.start()
        span = locator.span(start, start + len(url))
        found.append(Link(kind="bare", text=url, target=url, span=span, target_span=span))
    return found


# --------------------------------------------------------------------------- document


def parse(
    source: str,
    path: Path | str = "README.md",
    display_path: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Document:
    """Parse markdown source into a Document."""
    path = Path(path)
    if source.startswith("\ufeff"):
        source = source[1:]
    source = _NEWLINES.sub("\n", source)
    lines = source.split("\n")
    document = Document(
        path=path,
        display_path=display_path if display_path is not None else str(path),
        source=source,
        lines=lines,
    )
    tokens, env = block_tokens(source)
    _Builder(document, columns, env).run(tokens)
    return document


@dataclass(slots=True)
class _ListCandidate:
    line: int
    items: list[Link | None] = field(default_factory=list)


class _Builder:
    def __init__(
        self, document: Document, columns: Mapping[str, str] | None, env: dict[str, Any]
    ) -> None:
        self.doc = document
        self.env = env  # reference definitions, for inline parsing
        self.columns = columns
        self.slugger = Slugger()
        self.headings: list[Heading] = []  # the open heading path
        self.details: list[str] = []  # open <details> summaries
        self.details_count = 0
        self.list_depth = 0
        self.toc: _ListCandidate | None = None
        self.code_lines: list[tuple[int, int]] = []
        self.table_entries: list[tuple[Table, list[tuple[Entry, list[Cell]]]]] = []

    # -- walking

    def run(self, tokens: list[Token]) -> None:
        index = 0
        count = len(tokens)
        while index < count:
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                self._heading(token, tokens[index + 1])
                index += 3
                continue
            if kind == "table_open":
                index = self._table(tokens, index)
                continue
            if kind == "inline":
                self._inline(token)
            elif kind == "html_block":
                self._html_block(token)
            elif kind in ("fence", "code_block") and token.map:
                self.code_lines.append((token.map[0], token.map[1]))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if self.list_depth == 0:
                    self.toc = _ListCandidate(token.map[0] + 1 if token.map else 0)
                self.list_depth += 1
            elif kind == "list_item_open":
                if self.toc is not None:
                    self.toc.items.append(None)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
                if self.list_depth == 0:
                    self._close_list(tokens, index)
            index += 1
        self._image_columns()
        self._suppressions()

    def _section(self) -> tuple[tuple[str, ...], str]:
        names = tuple(h.text for h in self.headings) + tuple(self.details)
        key = self.headings[-1].slug if self.headings else ""
        if self.details:
            key += f"|details:{self.details_count}"
        return names, key

    def _heading(self, token: Token, inline: Token) -> None:
        line0 = token.map[0] if token.map else 0
        locator = _paragraph_locator(inline.content, line0, self.doc.lines)
        walked = walk_inline(inline, locator, self.env)
        self._add_links(walked)
        text = walked.text
        level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        source_line = self.doc.lines[line0] if line0 < len(self.doc.lines) else ""
        heading = Heading(
            level=level,
            text=text,
            slug=self.slugger.slug(text),
            line=line0 + 1,
            span=Span.of_line(line0 + 1, source_line),
        )
        self.doc.headings.append(heading)
        while self.headings and self.headings[-1].level >= level:
            self.headings.pop()
        self.headings.append(heading)
        self.details.clear()

    def _add_links(self, walked: _Inline) -> None:
        self.doc.links.extend(walked.links)
        self.doc.links.extend(link for link in walked.unrendered if link.kind == "bare")
        self.doc.unrendered_links.extend(
            link for link in walked.unrendered if link.kind == "unrendered"
        )

    def _inline(self, token: Token) -> None:
        if not token.map:
            return
        locator = _paragraph_locator(token.content, token.map[0], self.doc.lines)
        walked = walk_inline(token, locator, self.env)
        self._add_links(walked)
        if self.toc is not None and self.toc.items and self.toc.items[-1] is None:
            for link in walked.links:
                if link.parent is None and not link.is_image:
                    self.toc.items[-1] = link
                    break

    def _close_list(self, tokens: list[Token], index: int) -> None:
        candidate, self.toc = self.toc, None
        if candidate is None:
            return
        name = self.doc.path.name
        anchors = [
            link
            for link in candidate.items
            if link is not None and in_page_anchor(link.target, name) is not None
        ]
        if len(anchors) >= 3 and len(anchors) >= 0.6 * len(candidate.items):
            end = candidate.line
            for back in range(index, -1, -1):
                if tokens[back].map:
                    end = tokens[back].map[1]
                    break
            self.doc.tocs.append(TocBlock(candidate.line, end, anchors))

    def _html_block(self, token: Token) -> None:
        if not token.map:
            return
        content = token.content
        line0 = token.map[0]
        locator = _paragraph_locator(content.rstrip("\n"), line0, self.doc.lines)
        for match in _HTML_TAG.finditer(content):
            closing, name = match.group(1), match.group(2).lower()
            if name == "details":
                if closing:
                    if self.details:
                        self.details.pop()
                else:
                    self.details_count += 1
                    self.details.append("")
            elif name == "summary" and not closing and self.details:
                summary = _SUMMARY.match(content, match.start())
                if summary:
                    self.details[-1] = re.sub(r"<[^>]*>", "", summary.group(1)).strip()
            if not closing:
                self._html_anchor(match.group(0))
                self.doc.links.extend(_html_links(match.group(0), match.start(), locator))

    def _html_anchor(self, tag: str) -> None:
        for attr in _HTML_ATTR.finditer(tag):
            if attr.group(1).lower() in ("id", "name"):
                value = attr.group(2) or attr.group(3) or attr.group(4) or ""
                self.doc.anchors.add(value)

    # -- tables

    def _table(self, tokens: list[Token], index: int) -> int:
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
        self._build_table(start_line, end_line, header_inlines, rows)
        return index + 1

    def _cells(self, line0: int, inlines: list[Token]) -> tuple[list[tuple[Cell, _Inline]], int]:
        source = self.doc.lines[line0] if line0 < len(self.doc.lines) else ""
        raw = split_cells(source)
        cells: list[tuple[Cell, _Inline]] = []
        for position, token in enumerate(inlines):
            if position < len(raw) and raw[position][0] == token.content:
                _content, column, escapes = raw[position]
                locator = _Locator(line0, [0], [column], escapes)
            elif position >= len(raw):  # a cell markdown-it padded: place it at the line end
                locator = _Locator(line0, [0], [len(source.rstrip())])
            else:
                locator = _paragraph_locator(token.content, line0, self.doc.lines)
            walked = walk_inline(token, locator, self.env)
            span = locator.span(0, len(token.content))
            cells.append((Cell(token.content, span, walked.links), walked))
        return cells, len(raw)

    def _build_table(
        self,
        start_line: int,
        end_line: int,
        header_inlines: list[Token],
        rows: list[tuple[int, list[Token]]],
    ) -> None:
        header_cells, _ = self._cells(start_line, header_inlines)
        for _, walked in header_cells:
            self._add_links(walked)
        header = [walked.text.strip() for _, walked in header_cells]
        names, key = self._section()
        table = Table(
            line=start_line + 1,
            end_line=end_line,
            header=header,
            roles=assign_roles(header, self.columns),
            section_key=key,
        )
        self.doc.tables.append(table)
        parsed_rows: list[tuple[Row, list[tuple[Cell, _Inline]]]] = []
        for line0, inlines in rows:
            cells, raw_count = self._cells(line0, inlines)
            for _, walked in cells:
                self._add_links(walked)
            source = self.doc.lines[line0] if line0 < len(self.doc.lines) else ""
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
        table.is_paper_table = "title" in table.roles or "paper" in table.roles
        if not table.is_paper_table:
            self._unmapped_table(table, parsed_rows)
            return
        year_rows = iter(table.year_rows)
        next_year = next(year_rows, None)
        year: YearRow | None = None
        built = []
        for row, cells in parsed_rows:
            while next_year is not None and next_year.line < row.line:
                year, next_year = next_year, next(year_rows, None)
            entry = self._entry(table, row, cells, names, key)
            if year is not None:
                entry.year, entry.year_line = year.year, year.line
            self.doc.entries.append(entry)
            built.append((entry, [cell for cell, _ in cells]))
        self.table_entries.append((table, built))

    def _unmapped_table(
        self, table: Table, parsed_rows: list[tuple[Row, list[tuple[Cell, _Inline]]]]
    ) -> None:
        papers = sum(
            1
            for _, cells in parsed_rows
            if any(arxiv.find_paper_id(link.target) for cell, _ in cells for link in cell.links)
        )
        if parsed_rows and papers >= max(2, len(parsed_rows) // 2):
            header = " | ".join(table.header)
            self.doc.problems.append(
                ParseProblem(
                    Span.of_line(table.line, self.doc.lines[table.line - 1]),
                    f"table with paper links but no column recognised as the title "
                    f"(header: {header}); map one with `columns:` in the config",
                )
            )

    def _image_columns(self) -> None:
        """Find image columns by content: a header whose cells mostly hold a figure.

        Counted over the whole document, so a one-row table whose only image cell is
        empty still knows its "Intro" column holds figures everywhere else.
        """
        counts: dict[str, list[int]] = {}
        for table, built in self.table_entries:
            for position, name in enumerate(table.header):
                if table.roles[position] != "other":
                    continue
                tally = counts.setdefault(name.lower(), [0, 0])
                for _, cells in built:
                    if position < len(cells):
                        tally[1] += 1
                        if any(_is_figure(link) for link in cells[position].links):
                            tally[0] += 1
        figures = {name for name, (hits, total) in counts.items() if hits and hits >= total / 2}
        for table, built in self.table_entries:
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

    def _entry(
        self,
        table: Table,
        row: Row,
        cells: list[tuple[Cell, _Inline]],
        section: tuple[str, ...],
        key: str,
    ) -> Entry:
        roles = table.roles
        by_role: dict[str, tuple[Cell, _Inline]] = {}
        for position, pair in enumerate(cells):
            role = roles[position] if position < len(roles) else "other"
            by_role.setdefault(role, pair)
        links = [link for cell, _ in cells for link in cell.links]
        title, title_span, title_link = "", None, None
        if "title" in by_role:
            title, title_span, title_link = _title(*by_role["title"])
        aliases = []
        if "paper" in by_role:
            paper_title, paper_span, paper_link = _title(*by_role["paper"], generic_ok=False)
            if not title:
                title, title_span, title_link = paper_title, paper_span, paper_link
            elif paper_title and paper_title != title:
                aliases.append(paper_title)
        entry = Entry(
            line=row.line,
            span=row.span,
            section=section,
            section_key=key,
            title=title,
            title_span=title_span,
            aliases=aliases,
            links=[link for link in links if not link.is_image],
            images=[link for link in links if _is_figure(link)],
            table=table,
            row=row,
        )
        _fill_repo(entry, links, by_role.get("code"))
        _fill_paper(entry, links, title_link, by_role.get("paper"))
        for role in ("year", "date"):
            if role in by_role and entry.year is None:
                match = _DATE_YEAR.match(by_role[role][1].text.strip())
                if match:
                    entry.year = int(match.group(1))
                    entry.year_line = row.line
        return entry

    # -- suppressions

    def _suppressions(self) -> None:
        skip = set()
        for start, end in self.code_lines:
            skip.update(range(start, end))
        for number, line in enumerate(self.doc.lines):
            if "awesome-lint-" not in line or number in skip:
                continue
            for match in _SUPPRESSION.finditer(line):
                codes = tuple(c for c in re.split(r"[\s,]+", match.group(2).strip()) if c)
                self.doc.suppressions.append(
                    Suppression(
                        kind=match.group(1),
                        codes=codes,
                        line=number + 1,
                        span=Span(number + 1, match.start() + 1, number + 1, match.end() + 1),
                    )
                )


# --------------------------------------------------------------------------- entry parts


def _year_row(row: Row) -> int | None:
    filled = [cell for cell in row.cells if cell.text]
    if len(filled) != 1 or filled[0].links:
        return None
    match = _YEAR_CELL.match(filled[0].text)
    return int(match.group(1)) if match else None


def _is_figure(link: Link) -> bool:
    return link.is_image and bool(link.target) and not is_badge_url(link.target)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _locate_title(cell: Cell, walked: _Inline, title: str) -> Span:
    offset = cell.text.find(title)
    if offset < 0 or cell.span.line != cell.span.end_line:
        return cell.span
    start = cell.span.column + offset
    return Span(cell.span.line, start, cell.span.line, start + len(title))


def _title(
    cell: Cell, walked: _Inline, generic_ok: bool = True
) -> tuple[str, Span | None, Link | None]:
    """The title of a title (or paper) cell, its span, and the link it sits in, if any."""
    candidates = [link for link in cell.links if link.kind in ("link", "html-a")]
    for text in walked.strong:
        title = _clean(text)
        if title:
            holder = next((link for link in candidates if title in _clean(link.text)), None)
            return title, _locate_title(cell, walked, text), holder
    for link in candidates:
        text = _clean(link.text)
        if link.has_image or not text:
            continue
        if text.strip(_LABEL_STRIP).lower() in GENERIC_LINK_TEXTS:
            if generic_ok:
                continue
            return "", None, link
        return text, link.span, link
    if not generic_ok:
        return "", None, None
    title = _clean(walked.text).strip(" -|")
    return title, (_locate_title(cell, walked, title) if title else None), None


def _label(link: Link) -> str:
    return _label_of(link.text)


@cache
def _label_of(text: str) -> str:
    """``[[Github]]``, `` Paper `` -> ``github``, ``paper``: the label a link's text gives."""
    return _clean(text).strip(_LABEL_STRIP).lower()


def _fill_repo(entry: Entry, links: list[Link], code: tuple[Cell, _Inline] | None) -> None:
    for link in links:
        if link.is_image:
            image = star_badge_repo(link.target)
            if image is not None and entry.badge is None:
                entry.badge = Badge(image[0], image[1], link)
            continue
    choices = [link for link in entry.links if _label(link) in CODE_LABELS]
    if code is not None:
        choices.extend(link for link in code[0].links if not link.is_image)
    if entry.badge is not None and entry.badge.image.parent is not None:
        choices.append(entry.badge.image.parent)
    for link in choices:
        repo = github_repo(link.target)
        if repo:
            entry.repo, entry.repo_link = repo, link
            return


def _fill_paper(
    entry: Entry,
    links: list[Link],
    title_link: Link | None,
    paper: tuple[Cell, _Inline] | None,
) -> None:
    refs = []
    for link in entry.links:
        found = arxiv.find_paper_id(link.target)
        if found is None:
            continue
        span = link.target_span
        if span is not None and span.line == span.end_line:
            start = span.column + found.id_start
            span = Span(span.line, start, span.line, start + found.id_end - found.id_start)
        ident = found.parsed
        refs.append(
            ArxivRef(
                ident.raw, ident.canonical, ident.version, ident.problem, link, span or link.span
            )
        )
    entry.arxiv_refs = refs
    labelled = [link for link in entry.links if _label(link) in PAPER_LABELS]
    candidates = labelled + ([title_link] if title_link else [])
    if paper is not None:
        candidates.extend(link for link in paper[0].links if not link.is_image)
    candidates.extend(ref.link for ref in refs)
    entry.paper = next((link for link in candidates if link.target), None)
    if entry.paper is not None:
        entry.arxiv = next((ref for ref in refs if ref.link is entry.paper), None)
    if entry.arxiv is None and refs:
        entry.arxiv = refs[0]
