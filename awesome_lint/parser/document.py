"""The walk over markdown-it's block tokens that builds a Document.

Headings, sections and the table of contents are kept here; each list format has its own
reader (``tables``, ``lists``, ``blocks``, ``html``) and every reader makes the same
Entry. What is left over — paper links no reader placed in an entry — is reported as
unparsed content, so a run always says what it did not check.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from .. import arxiv
from ..model import (
    Cell,
    Document,
    Entry,
    Heading,
    HiddenBlock,
    Link,
    ParseProblem,
    Severity,
    Span,
    Suppression,
    Table,
    TocBlock,
)
from ..slug import Slugger
from ..urls import in_page_anchor
from ..util import label_key, label_of
from .blocks import BlockReader, HeadingTitle
from .fields import PAPER_LABELS, is_paper_link, year_of_name
from .headed import HeadedReader
from .html import HtmlReader
from .htmltags import is_comment
from .inline import Inline, walk_inline
from .items import Part, build_entry, has_paper_link
from .lists import ListReader
from .markdown import block_tokens
from .positions import normalise_newlines, paragraph_locator
from .sections import check_titles
from .tables import image_columns, read_table

_SUPPRESSION_KINDS = re.compile(
    r"\s*awesome-lint-(disable-next-line|disable-line|disable-file|disable|enable|"
    r"capture|restore)\b"
)
# A list item's first line, in a code block's content.
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,4}[.)])[ \t]+\S", re.MULTILINE)
# At most this many AL903 notices per file for paper links outside entries.
MAX_UNPARSED_REGIONS = 5
# A file with fewer paper links than this and no entries is not a paper list.
MIN_PAPER_LINKS = 3


def parse(
    source: str,
    path: Path | str = "README.md",
    display_path: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Document:
    """Parse markdown source into a Document."""
    path = Path(path)
    source = normalise_newlines(source)
    document = Document(
        path=path,
        display_path=display_path if display_path is not None else str(path),
        source=source,
        lines=source.split("\n"),
    )
    tokens, env = block_tokens(source)
    Builder(document, columns, env).run(tokens)
    return document


@dataclass(slots=True)
class _ListCandidate:
    line: int
    items: list[Link | None] = field(default_factory=list)


class Builder:
    """Walks the block tokens; the readers call back for sections and to add entries."""

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
        self.categories: list[tuple[str, int]] = []  # category items around nested lists
        self.subheading: tuple[str, int] | None = None  # a "**Name**" paragraph as heading
        self.list_depth = 0
        self.toc: _ListCandidate | None = None
        self.code_lines: list[tuple[int, int]] = []
        self.table_entries: list[tuple[Table, list[tuple[Entry, list[Cell]]]]] = []
        self.lost_lines: set[int] = set()  # rows that fell out of a table (AL102's)
        self.unmapped_lines: set[int] = set()  # rows of tables reported as unmapped
        self.lists = ListReader(self)
        self.blocks = BlockReader(self)
        self.html = HtmlReader(self)
        self.headed = HeadedReader(self)

    # -- what readers ask

    def section(self) -> tuple[tuple[str, ...], str]:
        names = (
            tuple(h.text for h in self.headings)
            + ((self.subheading[0],) if self.subheading else ())
            + tuple(d for d in self.details if d)
            + tuple(name for name, _ in self.categories)
        )
        key = self.headings[-1].slug if self.headings else ""
        if self.subheading:
            key += f"|sub:{self.subheading[1]}"
        if self.details:
            key += f"|details:{self.details_count}"
        if self.categories:
            key += f"|item:{self.categories[-1][1]}"
        return names, key

    def section_year(self) -> tuple[int, int] | None:
        """The year the section files its papers under, when it is named by a year."""
        for name, line in reversed(self.categories):
            year = year_of_name(name)
            if year is not None:
                return year, line
        for heading in reversed(self.headings):
            year = year_of_name(heading.text)
            if year is not None:
                return year, heading.line
        return None

    def add_links(self, walked: Inline) -> None:
        self.doc.links.extend(walked.links)
        self.doc.links.extend(link for link in walked.unrendered if link.kind == "bare")
        self.doc.unrendered_links.extend(
            link for link in walked.unrendered if link.kind == "unrendered"
        )
        if walked.anchors:
            self.doc.anchors.update(walked.anchors)
            self.doc.anchor_definitions.extend(walked.anchor_spans)

    def add_entry(self, entry: Entry) -> None:
        self.doc.entries.append(entry)

    # -- the walk

    def run(self, tokens: list[Token]) -> None:
        index = 0
        count = len(tokens)
        in_paragraph = False
        while index < count:
            token = tokens[index]
            kind = token.type
            if kind == "inline":
                self._inline(token, in_paragraph)
            elif kind == "paragraph_open":
                in_paragraph = True
            elif kind == "paragraph_close":
                in_paragraph = False
            elif kind == "heading_open":
                self.blocks.flush()
                self._heading(token, tokens[index + 1])
                index += 3
                continue
            elif kind == "table_open":
                self.blocks.flush()
                index = read_table(self, tokens, index)
                continue
            elif kind == "html_block":
                if not is_comment(token.content):
                    self.blocks.flush()
                self.html.html_block(token)
            elif kind in ("fence", "code_block"):
                self.blocks.flush()
                if token.map:
                    self.code_lines.append((token.map[0], token.map[1]))
                    if kind == "code_block":  # indented; a fenced block is meant as code
                        self._hidden_papers(token)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.blocks.flush()
                if self.list_depth == 0:
                    self.toc = _ListCandidate(token.map[0] + 1 if token.map else 0)
                    self.lists.list_open(self.blocks.title_above)
                else:
                    self.lists.nested_list_open(token.map[0] if token.map else 0)
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
                if self.list_depth == 0:
                    self._close_list(tokens, index)
                    self.lists.list_close(self._list_end(tokens, index))
                else:
                    self.lists.nested_list_close()
            elif kind == "list_item_open":
                if self.toc is not None:
                    self.toc.items.append(None)
                start, end = token.map if token.map else (0, 1)
                self.lists.item_open(start, end)
            elif kind == "list_item_close":
                self.lists.item_close()
            elif kind in ("hr", "blockquote_open", "blockquote_close"):
                self.blocks.flush()
            index += 1
        self.blocks.flush()
        self.html.finish()
        self.headed.close(len(self.doc.lines))
        self.headed.finish()
        _html_contents(self.doc)
        image_columns(self)
        check_titles(self.doc)
        self._suppressions()
        self._coverage()

    def _hidden_papers(self, token: Token) -> None:
        """An indented code block whose content is a list of papers (a sub-list indented
        four spaces too many): read it as markdown to count the papers it hides."""
        content = token.content
        if "http" not in content or not token.map or not _LIST_ITEM.search(content):
            return
        inner = parse(content, self.doc.path, self.doc.display_path, self.columns)
        papers = [entry for entry in inner.entries if entry.form == "item"]
        if not papers:
            return
        start, end = token.map
        lines = self.doc.lines
        last = max(min(end, len(lines)) - 1, start)
        while last > start and not lines[last].strip():
            last -= 1
        span = Span(start + 1, 1, last + 1, len(lines[last]) + 1)
        items = len(_LIST_ITEM.findall(content))
        self.doc.hidden_blocks.append(HiddenBlock(span, len(papers), items))

    def _heading(self, token: Token, inline: Token) -> None:
        line0 = token.map[0] if token.map else 0
        locator = paragraph_locator(inline.content, line0, self.doc.lines)
        walked = walk_inline(inline, locator, self.env)
        self.add_links(walked)
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
        self.headed.close(line0)
        while self.headings and self.headings[-1].level >= level:
            self.headings.pop()
        self.headings.append(heading)
        self.details.clear()
        self.subheading = None
        self._heading_entry(heading, Part(walked, inline.content, locator))

    def _heading_entry(self, heading: Heading, part: Part) -> None:
        """A heading that names one paper: it links the paper itself (``### [Title](arxiv)``),
        or the paragraph under it holds the paper's links (the block reader decides). Such
        an entry belongs to the section above the heading."""
        parents = self.headings[:-1]
        names = tuple(h.text for h in parents)
        key = parents[-1].slug if parents else ""
        year = self.section_year()
        if has_paper_link([part]):
            entry = build_entry([part], heading.span, names, key, "heading", year)
            if entry is not None:
                self.add_entry(entry)
                return
        written = [s for s in part.walked.segments if s.text.strip()]
        bold = bool(written) and all(s.kind == "strong" for s in written)
        self.headed.open(heading, bold, names, key, year)
        title = " ".join(heading.text.split())
        # a paper's title, not a section's name ("Survey", "Papers", "2024")
        if len(title.split()) >= 3 and not year_of_name(title):
            self.blocks.heading = HeadingTitle(title, heading.span, names, key, year)

    def _inline(self, token: Token, in_paragraph: bool) -> None:
        if not token.map:
            return
        locator = paragraph_locator(token.content, token.map[0], self.doc.lines)
        walked = walk_inline(token, locator, self.env)
        if self.html.in_cell:
            self.html.cell_inline(Part(walked, token.content, locator))
            return
        self.add_links(walked)
        if self.toc is not None and self.toc.items and self.toc.items[-1] is None:
            for link in walked.links:
                if link.parent is None and not link.is_image:
                    self.toc.items[-1] = link
                    break
        part = Part(walked, token.content, locator)
        if self.lists.inside:
            self.lists.inline(part)
        elif in_paragraph:
            self.blocks.paragraph(part, token.map[0], token.map[1])

    @staticmethod
    def _list_end(tokens: list[Token], index: int) -> int:
        """The line after the list whose closing token is at ``index`` (0-based)."""
        for back in range(index, -1, -1):
            if tokens[back].map:
                return tokens[back].map[1]
        return 0

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
            labels = _toc_labels(self.doc, candidate.line, end)
            self.doc.tocs.append(TocBlock(candidate.line, end, anchors, labels=labels))

    # -- suppressions

    def _suppressions(self) -> None:
        skip = set()
        for start, end in self.code_lines:
            skip.update(range(start, end))
        for number, line in enumerate(self.doc.lines):
            if "awesome-lint-" not in line or number in skip:
                continue
            position = line.find("<!--")
            while position >= 0:
                close = line.find("-->", position + 4)
                if close < 0:
                    break  # no comment closes after here: none of the rest is one
                match = _SUPPRESSION_KINDS.match(line, position + 4, close)
                if match:
                    rest = line[match.end() : close]
                    codes = tuple(c for c in re.split(r"[\s,]+", rest.strip()) if c)
                    self.doc.suppressions.append(
                        Suppression(
                            kind=match.group(1),
                            codes=codes,
                            line=number + 1,
                            span=Span(number + 1, position + 1, number + 1, close + 4),
                        )
                    )
                position = line.find("<!--", close + 3)

    # -- coverage

    def _coverage(self) -> None:
        """AL903 for paper links no entry holds: a notice per region, a warning when the
        file has paper links but no entries at all."""
        doc = self.doc
        held = {id(link) for entry in doc.entries for link in entry.links}
        toc_lines = {line for toc in doc.tocs for line in range(toc.line, toc.end_line + 1)}
        loose = [
            link
            for link in doc.links
            if id(link) not in held
            and _names_a_paper(link)
            and link.span.line not in self.lost_lines
            and link.span.line not in self.unmapped_lines
            and link.span.line not in toc_lines
        ]
        if not loose:
            return
        if not doc.entries:
            if len(loose) >= MIN_PAPER_LINKS:
                first, last = loose[0].span.line, loose[-1].span.line
                doc.problems.append(
                    ParseProblem(
                        loose[0].span,
                        f"no paper entries recognised, but {len(loose)} paper links "
                        f"(lines {first}-{last}): this list's format is not understood, "
                        f"so none of its papers were checked",
                        severity=Severity.WARNING,
                    )
                )
            return
        boundaries = sorted(
            [entry.span.line for entry in doc.entries] + [h.line for h in doc.headings]
        )
        regions: list[list[Link]] = []
        for link in sorted(loose, key=lambda link: link.span.line):
            if regions:
                previous = regions[-1][-1].span.line
                # a new region when an entry or a heading lies between the two links
                between = bisect_right(boundaries, link.span.line) - bisect_right(
                    boundaries, previous
                )
                if between == 0:
                    regions[-1].append(link)
                    continue
            regions.append([link])
        shown = regions[:MAX_UNPARSED_REGIONS]
        for number, region in enumerate(shown):
            first, last = region[0].span.line, region[-1].span.line
            where = f"line {first}" if first == last else f"lines {first}-{last}"
            count = len(region)
            message = (
                f"{where}: {count} paper link{'' if count == 1 else 's'} outside any entry, "
                f"not checked by the entry rules"
            )
            if number == len(shown) - 1 and len(regions) > len(shown):
                more = regions[len(shown) :]
                links = sum(len(r) for r in more)
                message += f" (and {links} more in {len(more)} other places)"
            doc.problems.append(ParseProblem(region[0].span, message, severity=Severity.NOTICE))


def _toc_labels(document: Document, first: int, last: int) -> frozenset[str]:
    """The contents' lines written as text, without a link: group labels."""
    lines = document.lines[first - 1 : last]
    return frozenset(label_key(line) for line in lines if "](" not in line and line.strip())


def _names_a_paper(link: Link) -> bool:
    """A link that surely names a paper: an arXiv paper, or labelled [Paper]/[PDF]."""
    if not is_paper_link(link):
        return False
    return arxiv.find_paper_id(link.target) is not None or label_of(link.text) in PAPER_LABELS


_HTML_ITEM = re.compile(r"^\s*(?:<[ou]l[^>]*>\s*)*<li\b", re.IGNORECASE)


def _between_is_list(document: Document, after: int, before: int) -> bool:
    """Whether the lines between two contents items hold only list markup or nothing."""
    return all(
        not line.strip() or _LIST_MARKUP.fullmatch(line.strip())
        for line in document.lines[after : before - 1]
    )


_LIST_MARKUP = re.compile(r"(?:</?(?:[ou]l|li|details|summary|br)\b[^>]*>\s*)+", re.IGNORECASE)


def _html_contents(document: Document) -> None:
    """A table of contents written in HTML (``<ul><li><a href="#x">…``): consecutive
    list-item lines, three or more, whose links are in-page anchors."""
    name = document.path.name
    by_line: dict[int, list[Link]] = {}
    for link in document.links:
        if link.kind == "html-a" and in_page_anchor(link.target, name) is not None:
            by_line.setdefault(link.span.line, []).append(link)
    if len(by_line) < 3:
        return
    listed = {line for toc in document.tocs for line in range(toc.line, toc.end_line + 1)}
    run: list[int] = []
    for number in [*sorted(by_line), -1]:
        item = number > 0 and bool(_HTML_ITEM.match(document.lines[number - 1]))
        if (
            item
            and number not in listed
            and (not run or _between_is_list(document, run[-1], number))
        ):
            run.append(number)
            continue
        if len(run) >= 3:
            links = [link for line in run for link in by_line[line]]
            labels = _toc_labels(document, run[0], run[-1])
            document.tocs.append(TocBlock(run[0], run[-1], links, html=True, labels=labels))
        run = [number] if item and number not in listed else []
