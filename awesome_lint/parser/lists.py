"""Reader for bulleted and numbered lists: one paper per item.

An item with a paper link and a title is an entry (``- [Title](arxiv) - Venue``,
``1. **[Title](arxiv)**``, ``* Title [[paper](…)] (2024.05)``, ``- [[CVPR](…)] Title.``,
``- **Name:** authors<br />"Title." Venue`` with its continuation lines). An item that
only names a category and holds sub-items is not an entry: its name becomes the section
of the items below it. Items without a paper link (tools, blogs) are not papers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Link, Span
from ..util import label_of
from .fields import CODE_LABELS, PAPER_LABELS, clean, fill_paper, fill_repo, plain_title
from .host import ReaderHost
from .items import (
    Part,
    TitleAbove,
    build_entry,
    citation_entry,
    has_paper_link,
    label_only,
    links_of,
)


@dataclass(slots=True)
class _OpenItem:
    line0: int  # first source line, 0-based
    end0: int  # line after the item, 0-based
    parts: list[Part] = field(default_factory=list)
    done: bool = False  # made into an entry, or known to be a category
    category: bool = False
    # what its sub-items hold when none of them is a paper of its own: "- **Title**" with
    # "  - [Paper](…)" and "  - [Code](…)" below is one paper
    loose_parts: list[Part] = field(default_factory=list)
    sub_entries: int = 0


@dataclass(slots=True)
class _TitledList:
    """A list right under a title of its own line, gathering its items of links."""

    above: TitleAbove
    entries: int  # len(doc.entries) when the list opened
    parts: list[Part] = field(default_factory=list)


class ListReader:
    def __init__(self, builder: ReaderHost) -> None:
        self.builder = builder
        self.items: list[_OpenItem] = []  # the open items, outermost first
        self.titled: _TitledList | None = None

    def list_open(self, above: TitleAbove | None) -> None:
        """A list at the top level; ``above``: the title on the line before it, if any."""
        entries = len(self.builder.doc.entries)
        self.titled = _TitledList(above, entries) if above is not None else None

    def list_close(self, end0: int) -> None:
        """The end of a top-level list: items of links under a title are its paper."""
        titled, self.titled = self.titled, None
        if titled is None or not titled.parts:
            return
        builder = self.builder
        if len(builder.doc.entries) != titled.entries or not has_paper_link(titled.parts):
            return  # the list holds papers of its own: the title names their section
        above = titled.above
        lines = builder.doc.lines
        last = max(min(end0, len(lines)) - 1, above.span.line - 1)
        while last >= above.span.line and not lines[last].strip():
            last -= 1
        span = Span(above.span.line, 1, last + 1, len(lines[last]) + 1)
        entry = build_entry(
            titled.parts,
            span,
            above.section,
            above.key,
            "block",
            above.year,
            titled=(above.title, above.span),
        )
        if entry is None:
            return
        # "Code: https://…" names the code, "Paper: https://…" the paper, by its label
        labelled: dict[str, list[Link]] = {}
        for part in titled.parts:
            label = label_of(part.walked.text.split("http")[0])
            labelled.setdefault(label, []).extend(links_of(part))
        fill_repo(entry, entry.links, [x for k in CODE_LABELS for x in labelled.get(k, [])])
        fill_paper(entry, None, [x for k in PAPER_LABELS for x in labelled.get(k, [])])
        entry.title_source = above.source
        # a bold line or a heading is set apart as a title; a plain line is a guess
        entry.title_confident = above.source != "plain"
        builder.add_entry(entry)
        if builder.subheading is not None and builder.subheading[1] == above.subheading_line:
            builder.subheading = None  # the bold line was the paper's title, not a section

    @property
    def inside(self) -> bool:
        return bool(self.items)

    def item_open(self, line0: int, end0: int) -> None:
        self.items.append(_OpenItem(line0, end0))

    def inline(self, part: Part) -> None:
        self.items[-1].parts.append(part)

    def nested_list_open(self, line0: int) -> None:
        """A list inside the innermost item: that item is a paper or a category name."""
        if not self.items:
            return
        item = self.items[-1]
        if item.done:
            return
        item.done = True
        if has_paper_link(item.parts):
            self._entry(item, max(line0, item.line0 + 1))
            return
        name = plain_title(clean(" ".join(part.walked.text for part in item.parts)))
        if name:
            item.category = True
            self.builder.categories.append((name, item.line0 + 1))

    def nested_list_close(self) -> None:
        if not self.items or not self.items[-1].category:
            return
        item = self.items[-1]
        item.category = False
        self.builder.categories.pop()
        if not item.sub_entries and has_paper_link(item.loose_parts):
            # no sub-item is a paper, but they carry the links: the item and its links are
            self._entry(item, item.end0, [*item.parts, *item.loose_parts])

    def item_close(self) -> None:
        item = self.items.pop()
        made = False
        if not item.done:
            made = self._entry(item, item.end0)
        parent = self.items[-1] if self.items else None
        if not made and not item.done and self.titled is not None and label_only(item.parts):
            self.titled.parts.extend(item.parts)
        if parent is not None and parent.category:
            if made:
                parent.sub_entries += 1
            elif not item.done:
                parent.loose_parts.extend(item.parts)

    def _entry(self, item: _OpenItem, end0: int, parts: list[Part] | None = None) -> bool:
        """Make the item an entry, if it is a paper; whether it was."""
        parts = parts or item.parts
        if label_only(parts):
            return False  # "- Paper: https://…": a paper's links, without its title
        lines = self.builder.doc.lines
        last = max(min(end0, len(lines)) - 1, item.line0)
        while last > item.line0 and not lines[last].strip():
            last -= 1
        span = Span(item.line0 + 1, 1, last + 1, len(lines[last]) + 1)
        names, key = self.builder.section()
        year = self.builder.section_year()
        entry = build_entry(parts, span, names, key, "item", year)
        if entry is None:
            entry = citation_entry(parts, span, names, key, year)
        if entry is None:
            return False
        self.builder.add_entry(entry)
        return True
