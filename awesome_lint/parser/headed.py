"""Reader for papers written as a section: a heading names one paper, and the section
below it holds that paper's description, badge line, authors, release date and figures
(``### **Title**``, a paragraph, ``[![arXiv](…)](…)``, ``**Released:** 2024-05-01``,
``<p><img …></p>`` with a ``Figure 2.`` caption).

A section is one paper when no other reader found a paper of its own in it — a figure
caption is never one — and it holds a paper link. A section of the same shape without a
paper link (an architecture released with a blog post) is a paper too when its sibling
sections are papers: the list as a whole says what its sections are.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .. import arxiv
from ..dates import find_dates
from ..model import Entry, Heading, Span
from ..urls import github_repo
from .fields import fill_paper, fill_repo, is_paper_link, new_entry, year_of_name
from .host import ReaderHost
from .titlecheck import why_not_title

# "Figure 3.", "Fig. 2:", "Table 1": a caption, never a paper's title.
CAPTION = re.compile(r"^\s*(?:figure|fig\.?|table|tab\.)\s*\d+[a-z]?\b", re.IGNORECASE)
# A line that dates the paper: "**Released:** 2024-05-01", "Date: May 2024".
_DATE_LINE = re.compile(
    r"^\W*(?:released?|release date|date|published|publication date)\W*[:：]",
    re.IGNORECASE,
)
# A heading's number: "1. ", "12) ", "(3) "
_ENUMERATOR = re.compile(r"^(?:\d{1,3}[.)]|\(\d{1,3}\))\s+(?=\S)")
# Siblings that confirm a section without a paper link is a paper too.
MIN_SIBLING_PAPERS = 3


def is_caption(title: str) -> bool:
    return bool(CAPTION.match(title))


def _names_no_paper(entry: Entry) -> bool:
    """An entry read from a paragraph whose title is no title or a guess from a link's
    label: the paragraph holds links, it names no paper of its own."""
    if not entry.title_understood or why_not_title(entry.title):
        return True
    return entry.title_source == "link-text" and not entry.title_confident


@dataclass(slots=True)
class _Open:
    heading: Heading
    title: str
    bold: bool
    section: tuple[str, ...]
    key: str
    year: tuple[int, int] | None
    entries: int  # len(doc.entries) when the section opened
    links: int  # len(doc.links) when the section opened


@dataclass(slots=True)
class _Weak:
    entry: Entry
    key: str


@dataclass(slots=True)
class HeadedReader:
    builder: ReaderHost
    open_section: _Open | None = None
    papers_under: dict[str, int] = field(default_factory=dict)  # parent key -> papers
    weak: list[_Weak] = field(default_factory=list)

    def open(
        self,
        heading: Heading,
        bold: bool,
        section: tuple[str, ...],
        key: str,
        year: tuple[int, int] | None,
    ) -> None:
        # "### 1. Street Gaussians …": the number orders the papers, it is no part of the title
        title = _ENUMERATOR.sub("", " ".join(heading.text.split()), count=1)
        if heading.level == 1 or not title or year_of_name(title) is not None:
            return  # a level-1 heading names the list (or the document), not a paper
        # a section's name ("Surveys", "Object Detection") is short and plain; a paper's
        # title is long or has a subtitle, or is set in bold as the list's mark of a name
        if not bold and len(title.split()) < 4 and ":" not in title:
            return
        doc = self.builder.doc
        self.open_section = _Open(
            heading, title, bold, section, key, year, len(doc.entries), len(doc.links)
        )

    def close(self, end0: int) -> None:
        """The section ends before line ``end0`` (0-based): is it one paper?"""
        current, self.open_section = self.open_section, None
        if current is None:
            return
        doc = self.builder.doc
        own = doc.entries[current.entries :]
        # what other readers made of the section: its figures' captions and the heading
        # over its first paragraph are this paper; a paragraph naming a paper of its own
        # (a follow-up model in a bold-titled section) is kept beside it
        # and so is the section's one paragraph of links when its "title" is none
        # ("**Authors**: …" over the links) or a guess from a link's label ("📄 Paper |
        # 🎥 Video"); several such entries are a list of papers the section holds
        alone = len(own) == 1
        kept = [
            entry
            for entry in own
            if not (
                is_caption(entry.title)
                or entry.title == current.title
                or (alone and _names_no_paper(entry))
            )
        ]
        if kept and not (current.bold and all(e.form == "block" for e in kept)):
            return
        held = {id(link) for entry in kept for link in entry.links}
        links = [link for link in doc.links[current.links :] if id(link) not in held]
        if not any(not link.is_image for link in links):
            return
        lines = doc.lines
        last = min(end0, len(lines)) - 1
        while last > current.heading.line - 1 and not lines[last].strip():
            last -= 1
        span = Span(current.heading.line, 1, last + 1, len(lines[last]) + 1)
        entry = new_entry(
            current.heading.line,
            span,
            current.section,
            current.key,
            current.title,
            current.heading.span,
            links,
            form="heading",
        )
        entry.title_source = "heading"
        entry.title_confident = current.bold
        if current.year is not None:
            entry.year, entry.year_line = current.year
        # the section's own repository: its first GitHub link (a badge with no label)
        code = [link for link in links if not link.is_image and github_repo(link.target)]
        fill_repo(entry, links, code[:1])
        fill_paper(entry, None)
        # the section's own paper link comes first (the badge line under the heading);
        # links further down, in its description, name other papers (a follow-up model)
        first = next(
            (link for link in links if is_paper_link(link) or arxiv.find_paper_id(link.target)),
            None,
        )
        if first is not None and entry.paper is not first:
            entry.paper = first
            entry.arxiv = next((ref for ref in entry.arxiv_refs if ref.link is first), None)
        self._date(entry, current.heading.line, last + 1)
        # an arXiv badge that links the paper counts here: the section has no other link
        if not any(is_paper_link(link) or arxiv.find_paper_id(link.target) for link in links):
            if not current.bold:
                return  # a plain heading over links: a section, not a paper
            self.weak.append(_Weak(entry, current.key))
            return
        del doc.entries[current.entries :]
        self.builder.add_entry(entry)
        doc.entries.extend(kept)
        self.papers_under[current.key] = self.papers_under.get(current.key, 0) + 1

    def finish(self) -> None:
        """Sections without a paper link, among sibling sections that are papers."""
        weak, self.weak = self.weak, []
        entries = self.builder.doc.entries
        for item in weak:
            if self.papers_under.get(item.key, 0) < MIN_SIBLING_PAPERS:
                continue
            lines = [entry.span.line for entry in entries]
            entries.insert(bisect_right(lines, item.entry.span.line), item.entry)

    def _date(self, entry: Entry, first: int, last: int) -> None:
        """The paper's date from a "Released: …" line of its section."""
        lines = self.builder.doc.lines
        for number in range(first, min(last, len(lines))):
            text = lines[number]
            match = _DATE_LINE.match(text)
            if match is None:
                continue
            dates = find_dates(text[match.end() :])
            if not dates:
                continue
            found = dates[0]
            start = match.end() + found.start
            entry.date = found.key
            entry.date_span = Span(number + 1, start + 1, number + 1, match.end() + found.end + 1)
            return
