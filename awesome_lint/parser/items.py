"""One paper written as running content — a bulleted item, a block of lines, an HTML
element — made into an Entry. The list, block and HTML readers gather the parts; this
decides whether they are a paper and reads its fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import find_dates
from ..model import Entry, Span
from .fields import (
    ItemTitle,
    Piece,
    fill_paper,
    fill_repo,
    is_paper_link,
    item_title,
    locate_text,
    new_entry,
)
from .inline import Inline, Segment
from .positions import Locator


@dataclass(slots=True)
class Part:
    """One piece of an item's content: what was read from it, and where it is."""

    walked: Inline
    content: str
    locator: Locator
    # where in ``content`` it was read (an HTML block holds many rows or paragraphs: a
    # row's title is looked for in the row, not from the block's start)
    start: int = 0
    end: int | None = None

    def piece(self) -> Piece:
        return self.content, self.locator, self.start, self.end


def has_paper_link(parts: Sequence[Part]) -> bool:
    return any(is_paper_link(link) for part in parts for link in part.walked.links)


def segments_of(parts: Sequence[Part]) -> list[Segment]:
    segments: list[Segment] = []
    for index, part in enumerate(parts):
        if index:
            segments.append(Segment("break", " "))
        segments.extend(part.walked.segments)
    return segments


def build_entry(
    parts: Sequence[Part],
    span: Span,
    section: tuple[str, ...],
    key: str,
    form: str,
    year: tuple[int, int] | None,
    titled: tuple[str, Span] | None = None,
) -> Entry | None:
    """The entry these parts make, or None when they are no paper (no paper link, or no
    title to be found). ``titled``: the title is given (a heading's), with its span."""
    if not parts or not has_paper_link(parts):
        return None
    segments = segments_of(parts)
    pieces = [part.piece() for part in parts]
    if titled is not None:
        found: ItemTitle | None = ItemTitle(titled[0], None, [])
        title_span = titled[1]
    else:
        found = item_title(segments)
        if found is None:
            return None
        title_span = locate_text(found.title, pieces, Span(span.line, 1, span.line, 1))
        if found.link is not None and found.link.text and found.title in found.link.text:
            title_span = found.link.span
    assert found is not None
    links = [link for part in parts for link in part.walked.links]
    entry = new_entry(
        title_span.line,
        span,
        section,
        key,
        found.title,
        title_span,
        links,
        aliases=found.aliases,
        form=form,
    )
    if year is not None:
        entry.year, entry.year_line = year
    fill_repo(entry, links)
    fill_paper(entry, found.link)
    _trailing_date(entry, segments, pieces)
    return entry


def _trailing_date(entry: Entry, segments: Sequence[Segment], pieces: Sequence[Piece]) -> None:
    """A date after the item's last link (``[2025.10]``, ``(2024.05)``, ``25 Aug 2022``)
    dates the entry, for the order of a section."""
    tail: list[str] = []
    for segment in reversed(segments):
        if segment.kind in ("link", "image", "strong"):
            break
        tail.append(segment.text)
    text = "".join(reversed(tail))
    dates = find_dates(text)
    if not dates:
        return
    date = dates[-1]
    written = text[date.start : date.end]
    entry.date = date.key
    for content, locator, start, end in reversed(pieces):
        offset = content.rfind(written, start, len(content) if end is None else end)
        if offset >= 0:
            entry.date_span = locator.span(offset, offset + len(written))
            return
    entry.date_span = entry.span
