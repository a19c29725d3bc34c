"""One paper written as running content — a bulleted item, a block of lines, an HTML
element — made into an Entry. The list, block and HTML readers gather the parts; this
decides whether they are a paper and reads its fields."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..dates import find_dates, is_date
from ..model import Entry, Span
from .fields import (
    ItemTitle,
    clean,
    fill_paper,
    fill_repo,
    is_paper_link,
    item_title,
    locate_text,
    new_entry,
    plain_title,
    quoted_title,
)
from .inline import Inline, Segment
from .positions import Locator
from .titlecheck import Candidate, choose, link_is_evidence, why_not_title


@dataclass(slots=True)
class Part:
    """One piece of an item's content: what was read from it, and where it is."""

    walked: Inline
    content: str
    locator: Locator


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
    pieces = [(part.content, part.locator) for part in parts]
    if titled is not None:
        found: ItemTitle | None = ItemTitle(titled[0], None, [], "heading")
        candidates: Iterable[Candidate] = [Candidate(titled[0], "heading", True, None, titled[1])]
    else:
        found = item_title(segments)
        if found is None:
            return None
        candidates = title_candidates(found, segments)
    assert found is not None
    choice = choose(candidates)
    if choice is None:
        return None
    title_span = choice.span
    if title_span is None:
        title_span = locate_text(choice.title, pieces, Span(span.line, 1, span.line, 1))
        link = choice.link
        if link is not None and link.text and choice.title in clean(link.text):
            title_span = link.span
    links = [link for part in parts for link in part.walked.links]
    entry = new_entry(
        title_span.line,
        span,
        section,
        key,
        choice.title,
        title_span,
        links,
        aliases=[alias for alias in found.aliases if alias != choice.title],
        form=form,
        title_source=choice.source,
        title_confident=choice.confident,
        title_understood=choice.understood,
    )
    if year is not None:
        entry.year, entry.year_line = year
    fill_repo(entry, links)
    fill_paper(entry, choice.link if choice.link is not None else found.link)
    _trailing_date(entry, segments, pieces)
    if entry.date is None:
        _tag_date(entry, segments, pieces)
    return entry


def title_candidates(found: ItemTitle, segments: Sequence[Segment]) -> Iterator[Candidate]:
    """The item's readings of its title, the reader's own first: then the text of each
    link that names something, each bold span, a quoted span, the plain text. Lazily:
    most items' first reading is their title."""
    primary_evidence = found.source in ("emphasis", "quoted", "link-text")
    # an author list in front ("Smith, J., Chen, L. [Title](…)") is no title, although
    # the plain reading cut it to its first name: offered whole, for the classifier to
    # pass over (an item with nothing better keeps it, as a title not understood)
    primary = found.title
    if found.source == "plain" and why_not_title(found.raw) == "author list":
        primary = found.raw
    yield Candidate(primary, found.source, primary_evidence, found.link)
    for segment in segments:
        text = clean(segment.text)
        if not text or text == found.title:
            continue
        if segment.kind == "link" and segment.link is not None and not segment.link.has_image:
            yield Candidate(text, "link-text", link_is_evidence(segment.link), segment.link)
        elif segment.kind == "strong":
            link = segment.link if segment.link is not None and segment.link.text else None
            source = "link-text" if link is not None else "emphasis"
            yield Candidate(text, source, True, link)
    quoted = quoted_title(segments)
    if quoted and quoted != found.title:
        yield Candidate(quoted, "quoted", True)
    plain = plain_title(
        "".join(s.text for s in segments if s.kind in ("text", "break", "code", "strong"))
    )
    if plain and plain != found.title:
        yield Candidate(plain, "plain", False)


def _trailing_date(
    entry: Entry, segments: Sequence[Segment], pieces: Sequence[tuple[str, Locator]]
) -> None:
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
    for content, locator in reversed(pieces):
        offset = content.rfind(written)
        if offset >= 0:
            entry.date_span = locator.span(offset, offset + len(written))
            return
    entry.date_span = entry.span


# A bracketed tag holding a date, a short label before it: ``[Arxiv, 2024.01]``,
# ``(CVPR 2024.06)``, ``[2024.05]``.
_DATED_TAG = re.compile(
    r"[\[(]\s*(?:[A-Za-z][\w '&.-]{0,24}?[,:]?\s+)?(?P<date>[^\[\]()]{6,20}?)\s*[\])]"
)


def _tag_date(
    entry: Entry, segments: Sequence[Segment], pieces: Sequence[tuple[str, Locator]]
) -> None:
    """A date in a bracketed tag anywhere in the item's text (``- [Arxiv, 2024.01]
    **Title** …``), when no date follows the last link: it dates the entry too."""
    text = "".join(s.text for s in segments if s.kind in ("text", "break"))
    for match in _DATED_TAG.finditer(text):
        dates = find_dates(match.group("date"))
        if len(dates) != 1 or not is_date(match.group("date")):
            continue
        written = match.group(0)
        entry.date = dates[0].key
        for content, locator in pieces:
            offset = content.find(written)
            if offset >= 0:
                entry.date_span = locator.span(offset, offset + len(written))
                return
        entry.date_span = entry.span
        return
