"""One paper written as running content — a bulleted item, a block of lines, an HTML
element — made into an Entry. The list, block and HTML readers gather the parts; this
decides whether they are a paper and reads its fields."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..dates import find_dates, is_date
from ..model import Entry, Link, Span
from ..util import label_of
from .citations import (
    authors_first_title,
    is_author_list,
    plain_citation,
    starts_with_authors,
    text_arxiv_refs,
)
from .fields import (
    GENERIC_LINK_TEXTS,
    SHORTCODE,
    ItemTitle,
    Piece,
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
from .titlecheck import Candidate, authors_in_front, choose, link_is_evidence, why_not_title

# The words of a line of labelled links: the labels themselves, split into words.
_LABEL_WORDS = frozenset(word for label in GENERIC_LINK_TEXTS for word in label.split()) | {
    "page",
    "official",
    "and",
    "&",
    "link",
    "links",
    "pdf",
    "abs",
    "github",
}


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


@dataclass(slots=True)
class TitleAbove:
    """A title on its own line waiting for its paper's links in the list right below it
    (``**Title**`` then ``- Paper: https://…`` / ``- Code: https://…``)."""

    title: str
    span: Span
    section: tuple[str, ...]
    key: str
    year: tuple[int, int] | None
    source: str  # Entry.title_source: "emphasis" (a bold line) or "heading"
    subheading_line: int = 0  # the bold line also taken as a section name, if it was


def links_of(part: Part) -> list[Link]:
    """The part's links, with the bare URLs GitHub autolinks (``Paper: https://…``)."""
    bare = [link for link in part.walked.unrendered if link.kind == "bare"]
    if not bare:
        return part.walked.links
    return sorted([*part.walked.links, *bare], key=lambda link: (link.span.line, link.span.column))


def has_paper_link(parts: Sequence[Part]) -> bool:
    return any(is_paper_link(link) for part in parts for link in links_of(part))


_LABEL_SEPARATORS = re.compile(r"[\s:：,，;；|/·•()（）\[\]【】*_`>-]+")


def _leading_word(parts: Sequence[Part]) -> str | None:
    """The first word of the parts' leading text (bold or not); None when a link leads."""
    for segment in parts[0].walked.segments if parts else ():
        if segment.kind == "link" or (segment.kind == "strong" and segment.link is not None):
            return None
        if segment.kind not in ("text", "strong"):
            continue  # an image, a code tag, a break
        for word in _LABEL_SEPARATORS.split(segment.text[:24].lower()):
            if word:
                return None if word.startswith(("http", "www.")) else word
    return None


def label_only(parts: Sequence[Part]) -> bool:
    """Whether the parts hold links with labels and nothing else (``Paper: https://…``,
    ``[Code](…) | [Project](…)``): a line of a paper's links, with no title of its own."""
    word = _leading_word(parts)
    if word is not None and word not in _LABEL_WORDS:
        return False  # "Title [[paper](…)]": a word that is no label comes first
    labelled = []
    for part in parts:
        for link in links_of(part):
            if link.is_image:
                continue
            if link.kind != "bare" and (
                len(link.text) > 40 or label_of(link.text) not in GENERIC_LINK_TEXTS
            ):
                return False  # a link that names something: a title
            labelled.append(link.text)
    if not labelled:
        return False
    text = " ".join(part.walked.text for part in parts)
    for label in labelled:
        text = text.replace(label, " ", 1)
    text = SHORTCODE.sub(" ", text)
    words = [word for word in _LABEL_SEPARATORS.split(text.lower()) if word]
    return all(word in _LABEL_WORDS for word in words)


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
    source = ""
    if titled is not None:
        found: ItemTitle | None = ItemTitle(titled[0], None, [], "heading")
        candidates: Iterable[Candidate] = [Candidate(titled[0], "heading", True, None, titled[1])]
    else:
        found = item_title(segments)
        if found is None or is_author_list(found.title):
            # "A. Radford, J. W. Kim et al. *Title*": the title follows the authors
            cited, source = _authors_first(parts, segments)
            found = cited or found
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
    links = [link for part in parts for link in links_of(part)]
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
    if not entry.arxiv_refs:
        text_ids(entry, pieces)
    if source and choice.title == found.title:
        # a title set apart from the author list before it: italics, quotes or a link
        entry.title_source, entry.title_confident = source, True
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
    # pass over (an item with nothing better keeps it, as a title not understood) or to
    # cut the authors off ("Ian H. Witten, Title, Venue, 1977")
    primary = found.title
    if found.source == "plain" and (
        why_not_title(found.raw) == "author list" or authors_in_front(found.raw)
    ):
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


_DATED = re.compile(r"\b(?:19|20)\d\d\b|\barxiv\s?[:：]", re.IGNORECASE)


def text_ids(entry: Entry, pieces: Sequence[Piece]) -> None:
    """An ``arXiv:NNNN.NNNNN`` in the text is the paper's ID when no link gives one."""
    refs = text_arxiv_refs(list(pieces))
    if refs:
        entry.arxiv_refs = refs
        entry.arxiv = refs[0]


def _authors_first(
    parts: Sequence[Part], segments: Sequence[Segment]
) -> tuple[ItemTitle | None, str]:
    """A citation that starts with its authors: the title is the italic or quoted span,
    or the link, right after the author list. With the title's source."""
    if not parts:
        return None, ""
    # the first part's own range: an HTML row's content is its whole block
    first_part = parts[0]
    found = authors_first_title(first_part.content, first_part.start, first_part.end)
    if found is not None:
        quoted = first_part.content[found[1] - 1 : found[1]] in ('"', "“")
        return ItemTitle(found[0], None, []), "quoted" if quoted else "emphasis"
    after = (s for s in segments if s.kind != "break")  # read on, not copied
    first = next(after, None)
    if first is None or first.kind != "text":
        return None, ""
    end = starts_with_authors(first.text)
    if end is None or first.text[end:].strip(" .,:;()0123456789abc"):
        return None, ""  # more than authors (and a year) before the next segment
    link = next(after, None)
    if link is None or link.kind != "link" or link.link is None:
        return None, ""
    text = " ".join(link.text.split())
    if len(text.split()) < 2 or label_of(text) in GENERIC_LINK_TEXTS:
        return None, ""
    return ItemTitle(text.strip(" .,"), link.link, []), "link-text"


def citation_entry(
    parts: Sequence[Part],
    span: Span,
    section: tuple[str, ...],
    key: str,
    year: tuple[int, int] | None,
) -> Entry | None:
    """A plain-text citation without links (``Title. Authors. Venue Year. arXiv:ID``)."""
    if not parts or any(part.walked.links for part in parts):
        return None
    content = parts[0].content
    emphasized = authors_first_title(content)
    if emphasized is not None:
        # "Authors (2017). *Title*. Venue": set apart in italics or quotes, and dated
        title, start, end = emphasized
        if not (_DATED.search(content[end:]) or _DATED.search(content[:start])):
            return None
        quoted = content[start - 1 : start] in ('"', "“")
        source, confident = ("quoted" if quoted else "emphasis"), True
    else:
        if parts[0].walked.text != content:
            return None  # markup that is no title's: not a plain-text reference
        found = plain_citation(content)
        if found is None:
            return None
        title, start, end = found.title, found.title_start, found.title_end
        source, confident = "citation", found.confident
    pieces = [part.piece() for part in parts]
    title_span = parts[0].locator.span(start, end)
    entry = new_entry(title_span.line, span, section, key, title, title_span, [])
    entry.form = "item"
    entry.title_source = source
    entry.title_confident = confident
    if year is not None:
        entry.year, entry.year_line = year
    text_ids(entry, pieces)
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


# A bracketed tag holding a date, a short label before it: ``[Arxiv, 2024.01]``,
# ``(CVPR 2024.06)``, ``[2024.05]``.
_DATED_TAG = re.compile(
    # runs of spaces bounded: a bracket followed by a long run of spaces is matched in
    # constant time per bracket, not once per split of the run
    r"[\[(]\s{0,3}(?:[A-Za-z][\w '&.-]{0,24}?[,:]?\s{1,3})?(?P<date>[^\[\]()]{6,20}?)\s{0,3}[\])]"
)


def _tag_date(entry: Entry, segments: Sequence[Segment], pieces: Sequence[Piece]) -> None:
    """A date in a bracketed tag anywhere in the item's text (``- [Arxiv, 2024.01]
    **Title** …``), when no date follows the last link: it dates the entry too."""
    text = "".join(s.text for s in segments if s.kind in ("text", "break"))
    for match in _DATED_TAG.finditer(text):
        dates = find_dates(match.group("date"))
        if len(dates) != 1 or not is_date(match.group("date")):
            continue
        written = match.group(0)
        entry.date = dates[0].key
        for content, locator, start, end in pieces:
            offset = content.find(written, start, len(content) if end is None else end)
            if offset >= 0:
                entry.date_span = locator.span(offset, offset + len(written))
                return
        entry.date_span = entry.span
        return
