"""Reader for multi-line block entries: one paper over a few lines or paragraphs.

``**Title** \\`` then authors, venue, ``[[Paper]](…)`` and a date, in one paragraph or
several: a paragraph whose first words are a title (bold, or a link) opens a block, the
paragraphs after it without a title of their own continue it, and the block is an entry
when it holds a paper link. Any other kind of block (a heading, a list, a table) ends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Link, Span
from ..util import label_of
from .fields import (
    GENERIC_LINK_TEXTS,
    LETTER,
    SHORTCODE,
    bracketed,
    clean,
    is_noise,
    is_paper_link,
    plain_title,
    quoted_title,
)
from .host import ReaderHost
from .inline import Inline, Segment
from .items import Part, TitleAbove, build_entry, has_paper_link

# A block that runs on longer than this is prose, not one paper.
MAX_PARAGRAPHS = 6


@dataclass(slots=True)
class _Block:
    line0: int
    end0: int
    parts: list[Part] = field(default_factory=list)


def _opens_block(segments: list[Segment]) -> bool:
    """Whether a paragraph starts with a title: bold text or a link that names something."""
    for index, segment in enumerate(segments):
        if is_noise(segment):
            continue
        if segment.kind == "text":
            return False
        if segment.kind == "strong":
            return bool(segment.text.strip())
        if segment.kind == "link":
            if bracketed(segments, index):
                return False
            return label_of(segment.text) not in GENERIC_LINK_TEXTS and bool(segment.text)
    return False


@dataclass(slots=True)
class HeadingTitle:
    """A heading that may be a paper's title: its links follow in the next paragraph
    (``### Title`` then ``[[Paper](…)] [[Code](…)]``)."""

    text: str
    span: Span
    section: tuple[str, ...]
    key: str
    year: tuple[int, int] | None


class BlockReader:
    def __init__(self, builder: ReaderHost) -> None:
        self.builder = builder
        self.block: _Block | None = None
        self.heading: HeadingTitle | None = None  # set by the walk after each heading
        # a title alone on its line (a heading or a bold paragraph) just flushed: the list
        # that follows may hold its paper's links
        self.title_above: TitleAbove | None = None
        # the last paragraph, when it is one plain line ("[3] Title"): a title, if a list
        # of its paper's labelled links follows
        self.plain: tuple[str, Span] | None = None

    def _under_heading(self, heading: HeadingTitle, part: Part, line0: int, end0: int) -> bool:
        """A paragraph right under a heading, holding the paper's links but no title of its
        own: the heading is the paper's title. Whether it made an entry."""
        if line0 > heading.span.line + 1 or not has_paper_link([part]):
            return False  # only a blank line may stand between them
        lines = self.builder.doc.lines
        last = max(min(end0, len(lines)) - 1, line0)
        span = Span(heading.span.line, 1, last + 1, len(lines[last]) + 1)
        entry = build_entry(
            [part],
            span,
            heading.section,
            heading.key,
            "heading",
            heading.year,
            titled=(heading.text, heading.span),
        )
        if entry is None:
            return False
        self.builder.add_entry(entry)
        return True

    def paragraph(self, part: Part, line0: int, end0: int) -> None:
        lines = _paper_lines(part)
        if lines is not None:
            # one paper per line (``**Title** (2024) [[Paper]](…)`` lines ending in a break)
            self.flush()
            for line in lines:
                self._line_entry(line)
            return
        heading, self.heading = self.heading, None
        self.plain = None
        if (
            heading is not None
            and not _opens_block(part.walked.segments)
            and self._under_heading(heading, part, line0, end0)
        ):
            return
        if part.content.lstrip().startswith("|"):
            self.flush()  # table rows that fell out of their table (AL102 reports them)
            return
        if _opens_block(part.walked.segments):
            self.flush()
            self.block = _Block(line0, end0, [part])
            return
        block = self.block
        if block is None:
            if has_paper_link([part]) and quoted_title(part.walked.segments):
                # authors<br />"Title." Venue [[paper](…)]: a block without a bold name
                self.block = _Block(line0, end0, [part])
            elif end0 - line0 == 1:
                self.plain = _plain_line(part, line0, self.builder.doc.lines)
            return
        if has_paper_link([part]) and has_paper_link(block.parts):
            self.flush()  # a second paper link: not this block's continuation
            return
        block.parts.append(part)
        block.end0 = end0
        if len(block.parts) > MAX_PARAGRAPHS:
            self.block = None

    def _line_entry(self, line: Part) -> None:
        first = min(link.span.line for link in line.walked.links)
        last = max(link.span.end_line for link in line.walked.links)
        text = self.builder.doc.lines
        span = Span(first, 1, last, len(text[last - 1]) + 1)
        names, key = self.builder.section()
        entry = build_entry([line], span, names, key, "block", self.builder.section_year())
        if entry is not None:
            self.builder.add_entry(entry)

    def flush(self) -> None:
        # something else came between a heading and a paragraph
        heading, self.heading = self.heading, None
        plain, self.plain = self.plain, None
        self.title_above = None
        block, self.block = self.block, None
        if block is None:
            if plain is not None and heading is None:
                names, key = self.builder.section()
                self.title_above = TitleAbove(
                    plain[0], plain[1], names, key, self.builder.section_year(), "plain"
                )
            if heading is not None:
                self.title_above = TitleAbove(
                    heading.text,
                    heading.span,
                    heading.section,
                    heading.key,
                    heading.year,
                    "heading",
                )
            return
        lines = self.builder.doc.lines
        last = max(min(block.end0, len(lines)) - 1, block.line0)
        span = Span(block.line0 + 1, 1, last + 1, len(lines[last]) + 1)
        names, key = self.builder.section()
        entry = build_entry(block.parts, span, names, key, "block", self.builder.section_year())
        if entry is not None:
            self.builder.add_entry(entry)
        elif len(block.parts) == 1:
            name = _bold_line(block.parts[0].walked.segments)
            if name:  # "**Title**" alone: a paper's title, if its links follow in a list
                self.title_above = TitleAbove(
                    name,
                    Span.of_line(block.line0 + 1, lines[block.line0]),
                    names,
                    key,
                    self.builder.section_year(),
                    "emphasis",
                    block.line0 + 1,
                )
            if name and len(name.split()) <= 12:  # "**Surveys**": a sub-heading for what follows
                self.builder.subheading = (name, block.line0 + 1)


def _bold_line(segments: list[Segment]) -> str:
    """The text of a paragraph of bold text alone (a name or a title), or ""."""
    names = []
    for segment in segments:
        if segment.kind == "strong":
            if segment.link is not None and is_paper_link(segment.link):
                return ""
            names.append(segment.text.strip())
        elif segment.kind == "text" and LETTER.search(SHORTCODE.sub("", segment.text)):
            return ""  # running text: a paragraph, not a heading
    return clean(" ".join(n for n in names if n))


def _paper_lines(part: Part) -> list[Part] | None:
    """The lines of a paragraph that lists one paper per line, each opening with its title
    and holding its paper link; None when the paragraph is not such a list."""
    walked = part.walked
    if len(walked.links) < 2 or "\n" not in part.content:
        return None
    if part.content.lstrip().startswith("|"):
        return None  # table rows that fell out of their table (AL102 reports them)
    groups: list[list[Segment]] = [[]]
    for segment in walked.segments:
        if segment.kind == "break":  # a line break or a <br>
            groups.append([])
        else:
            groups[-1].append(segment)
    groups = [group for group in groups if any(s.text.strip() or s.link for s in group)]
    if len(groups) < 2 or not all(_opens_block(group) for group in groups):
        return None  # a line without a title of its own: not a list of papers
    lines = []
    for group in groups:
        links = [
            link
            for segment in group
            if segment.link is not None
            for link in (segment.link, *_inner(walked.links, segment.link))
        ]
        if not any(is_paper_link(link) for link in links):
            continue  # a line for a blog post or a product: no paper
        strong = [s.text for s in group if s.kind == "strong"]
        text = "".join(s.text for s in group)
        lines.append(Part(Inline(text, strong, links, [], group), part.content, part.locator))
    return lines if len(lines) >= 2 else None


def _inner(links: list[Link], outer: Link) -> list[Link]:
    """Links and images inside a link (a badge's image): they belong to its line."""
    return [link for link in links if link.parent is outer]


def _plain_line(part: Part, line0: int, lines: list[str]) -> tuple[str, Span] | None:
    """A paragraph of one plain line that may be a title (``[3] Title``): no links, no
    colon at its end (``Install with:`` introduces a list), a few words."""
    if part.walked.links or part.walked.unrendered:
        return None
    text = clean(part.walked.text)
    if text.endswith((":", "：")):
        return None
    title = plain_title(text)
    if not 2 <= len(title.split()) <= 30:
        return None
    return title, Span.of_line(line0 + 1, lines[line0])
