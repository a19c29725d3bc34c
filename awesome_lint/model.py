"""The data model: what the parser produces and what rules read and yield.

Positions are 1-based lines and 1-based columns counted in Unicode code points; every
``end_column`` is exclusive (the column after the last character).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .record import Record
from .util import plural


class Severity(enum.IntEnum):
    """Finding severities, ordered so that ``max()`` gives the worst."""

    NOTICE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        aliases = {"info": "notice", "note": "notice", "warn": "warning"}
        value = aliases.get(value.lower(), value.lower())
        return cls[value.upper()]


class Span(NamedTuple):
    """A source range; a tuple because documents hold many and they never change."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of_line(cls, line: int, text: str) -> Span:
        """The whole of one source line."""
        return cls(line, 1, line, len(text) + 1)


@dataclass(eq=False, repr=False, slots=True)
class Link(Record):
    """A link or an image, anywhere in the document.

    ``target`` is the destination exactly as written (no normalisation); for reference-style
    links it is the definition's destination.
    """

    kind: str  # "link", "image", "autolink", "bare", "html-a", "html-img"
    text: str  # plain text of the label, or the image's alt text
    target: str
    span: Span
    target_span: Span | None = None
    parent: Link | None = None  # the link that wraps this image (a badge)
    has_image: bool = False  # a link whose label is (or contains) an image
    reference: bool = False  # reference-style link: target comes from a definition
    followed_by: str = ""  # the source text right after the link, up to 3 characters
    paren_depth_before: int = 0  # unmatched "(" before the link in its paragraph or cell
    defect: str = ""  # for kind "unrendered": why markdown did not make it a link

    @property
    def is_image(self) -> bool:
        return self.kind in ("image", "html-img")


@dataclass(eq=False, repr=False)
class Heading(Record):
    """A markdown or HTML heading, with the anchor GitHub gives it."""

    level: int
    text: str  # plain text, as GitHub renders it
    slug: str  # GitHub anchor, with the duplicate suffix applied
    line: int
    span: Span


@dataclass(eq=False, repr=False)
class TocBlock(Record):
    """A list whose items link mostly to in-page anchors: the table of contents."""

    line: int
    end_line: int
    links: list[Link]
    html: bool = False  # written as HTML (<ul><li><a href="#x">)
    # its items written as text, without a link: labels of the groups the linked items
    # sit under ("- **Background**"), as util.label_key spells them
    labels: frozenset[str] = frozenset()


@dataclass(eq=False, repr=False, slots=True)
class Cell(Record):
    """One cell of a pipe-table row."""

    text: str  # the cell's inline source, trimmed
    span: Span
    links: list[Link] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Row(Record):
    """One body row of a pipe table."""

    line: int
    raw_cell_count: int  # counted on the source line; markdown-it pads or drops silently
    cells: list[Cell]
    span: Span
    ignored_trailing_cell: bool = False  # a house convention like `| [//]: #05/12 |`

    @property
    def cell_count(self) -> int:
        """The cells a reader sees: the raw count without a conventional comment cell."""
        return self.raw_cell_count - (1 if self.ignored_trailing_cell else 0)


@dataclass(eq=False, repr=False)
class YearRow(Record):
    """A table row that only names a year: the rows below it are of that year."""

    year: int
    line: int
    span: Span


@dataclass(eq=False, repr=False)
class Table(Record):
    """A pipe table: its header, the role read for each column, and its rows."""

    line: int  # header line
    end_line: int
    header: list[str]
    roles: list[str]  # one role per column, see columns.ROLES
    rows: list[Row] = field(default_factory=list)
    year_rows: list[YearRow] = field(default_factory=list)
    is_paper_table: bool = False
    section_key: str = ""
    # rows cut off by a blank or comment line after the table: they render as text
    lost_rows: int = 0
    lost_line: int | None = None  # the line that ended the table
    lost_reason: str = ""


@dataclass(eq=False, repr=False)
class ArxivRef(Record):
    """An arXiv identifier read from a paper link."""

    raw: str  # the identifier as written in the link, e.g. "2404.089588" or "2308.12213v2"
    canonical: str | None  # "2308.12213"; None when malformed
    version: int | None
    problem: str | None  # why it is malformed
    link: Link
    span: Span  # the identifier inside the link target

    @property
    def year(self) -> int | None:
        """The year of first announcement encoded in the identifier."""
        if self.canonical is None:
            return None
        yymm = self.yymm
        yy = int(yymm[:2])
        return (1900 if yy >= 91 else 2000) + yy

    @property
    def month(self) -> int | None:
        return None if self.canonical is None else int(self.yymm[2:])

    @property
    def yymm(self) -> str:
        assert self.canonical is not None
        if "/" in self.canonical:
            return self.canonical.split("/", 1)[1][:4]
        return self.canonical[:4]


@dataclass(eq=False, repr=False)
class Badge(Record):
    """A GitHub star badge: ``img.shields.io/github/stars/OWNER/REPO``."""

    owner: str
    repo: str  # may be empty for a broken badge
    image: Link

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.repo}"


@dataclass(eq=False, repr=False)
class Entry(Record):
    """One paper: a table row, a bulleted item, a block of lines or an HTML element.

    ``line`` is the title's line; ``span`` covers the whole row, item or block.
    """

    line: int
    span: Span
    section: tuple[str, ...]  # heading texts (and <details> summaries) from outermost
    section_key: str  # identifies the innermost section; entries compare within it
    title: str
    title_span: Span | None
    # other names the row gives the paper: a dataset table's "Name" column holds the
    # dataset and its "Paper" column the paper's title
    aliases: list[str] = field(default_factory=list)
    year: int | None = None
    year_line: int | None = None
    date: tuple[int, ...] | None = None  # (year, month[, day]) of a Date column or a trailing date
    date_span: Span | None = None
    repo: str | None = None  # "owner/name" of the code link
    repo_link: Link | None = None
    badge: Badge | None = None
    paper: Link | None = None
    arxiv: ArxivRef | None = None
    links: list[Link] = field(default_factory=list)  # every link of the entry, in order
    images: list[Link] = field(default_factory=list)  # figures (badges excluded)
    image_cell: Cell | None = None
    table: Table | None = None
    row: Row | None = None
    form: str = "table"  # the reader: table, item, block, heading, html-table, html-block
    arxiv_refs: list[ArxivRef] = field(default_factory=list)  # every arXiv paper link
    # Where the title was read (one of TITLE_SOURCES) and whether the reader is sure it is
    # the paper's title. Title-comparing rules raise an error or a warning only when both
    # titles are confident; a title that is not understood (the section's self-check gave
    # up on it) is never compared at all.
    title_source: str = "plain"
    title_confident: bool = False
    title_understood: bool = True

    @property
    def end_line(self) -> int:
        """The entry's last line (a row, an item with its sub-lines, a block)."""
        return self.span.end_line


# Entry.title_source: a heading, a table column whose header names the title or paper, the
# text of the paper link, an emphasized (bold/italic) span, a quoted span, plain text, or
# the title part of a plain-text citation.
TITLE_SOURCES = ("heading", "column", "link-text", "emphasis", "quoted", "plain", "citation")


@dataclass(eq=False, repr=False)
class Suppression(Record):
    """An inline ``awesome-lint-disable`` style comment."""

    kind: str  # "disable", "enable", "disable-line", "disable-next-line", "disable-file",
    # "capture", "restore"
    codes: tuple[str, ...]  # as written; empty means every rule
    line: int
    span: Span


@dataclass(eq=False, repr=False)
class ParseProblem(Record):
    """Content the parser could not interpret (reported as AL903)."""

    span: Span
    message: str
    severity: Severity | None = None  # None: the rule's default


@dataclass(frozen=True, slots=True)
class HiddenBlock:
    """An indented code block holding paper-list markup: GitHub shows it as raw text, so
    the papers in it are on nobody's page (and in no entry)."""

    span: Span
    papers: int  # the entries the block's content makes when read as markdown
    items: int  # its list items


@dataclass(eq=False, repr=False, slots=True)
class Document(Record):
    """One parsed list: everything the rules read of it."""

    path: Path
    display_path: str
    source: str
    lines: list[str]
    headings: list[Heading] = field(default_factory=list)
    tocs: list[TocBlock] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)
    unrendered_links: list[Link] = field(default_factory=list)  # [x](url) shown as text
    anchors: set[str] = field(default_factory=set)  # HTML id/name attributes
    # each id/name attribute where it is written (one per tag), in source order
    anchor_definitions: list[tuple[str, Span]] = field(default_factory=list)
    hidden_blocks: list[HiddenBlock] = field(default_factory=list)  # AL105's


@dataclass(frozen=True)
class Related:
    """Another place a finding points at (the first copy of a duplicate)."""

    path: str
    line: int
    message: str = ""


@dataclass(frozen=True)
class Edit:
    """Replace the text of ``span`` with ``replacement``."""

    span: Span
    replacement: str


@dataclass(frozen=True)
class Fix:
    """The edits that repair one finding."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True  # unsafe fixes (a guess) are applied only with --unsafe-fixes

    @property
    def applicability(self) -> str:
        """ruff's word for it: "safe" (applied by --fix) or "unsafe" (--unsafe-fixes too)."""
        return "safe" if self.safe else "unsafe"


@dataclass(eq=False, repr=False)
class Finding(Record):
    """What a rule yields. The engine turns it into a Diagnostic."""

    span: Span
    message: str
    severity: Severity | None = None  # a sub-case default; None means the rule's default
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    key: str = ""  # identity of what is wrong (arXiv ID, title, URL), stable across edits
    # A cross-entry finding seen from the other entry (reported on the earlier one, pointing
    # at the later): changed-lines mode reports it there when only that entry changed.
    mirror: Finding | None = None


@dataclass(eq=False, repr=False)
class Diagnostic(Record):
    """A finding with its rule, severity and file: what reports print."""

    path: str
    span: Span
    code: str
    name: str
    severity: Severity
    message: str
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    key: str = ""
    context: str = ""  # digest of the finding's source line: its place, without a number
    mirror: Diagnostic | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)


@dataclass(frozen=True)
class Coverage:
    """What a run read: files and the entries found in each (reports say it, so a run
    that checked little never looks like a clean bill of health)."""

    entries_per_file: tuple[tuple[str, int], ...] = ()
    excluded: int = 0  # files named or found but excluded by the config

    @property
    def files(self) -> int:
        return len(self.entries_per_file)

    @property
    def entries(self) -> int:
        return sum(count for _, count in self.entries_per_file)

    @property
    def sentence(self) -> str:
        if not self.files:
            if self.excluded:
                return "No files checked: every file is excluded by the config."
            return "No files checked."
        entries = plural(self.entries, "entry", "entries")
        return f"Checked {plural(self.files, 'file')}, {entries}."
