"""Papers written as citations: author lists, plain-text references and arXiv IDs in text.

Two shapes of reference list are read here:

- authors first, then the title in italics, quotes or a link, then the venue
  (``A. Vaswani, N. Shazeer et al. *Attention Is All You Need*. NeurIPS 2017.``);
- plain text without links, the title first (``Title. Authors. Venue Year.``), with an
  optional ``arXiv:NNNN.NNNNN`` that is the paper's ID.

An author list is recognised by its shape — names with initials (``Vaswani, A.``,
``A. Vaswani``), several full names joined by commas or "and", or a trailing "et al." —
never by a list of known names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .. import arxiv
from ..dates import find_dates
from ..model import ArxivRef, Link
from .fields import Piece

_NAME = r"[A-Z][^\W\d_]*(?:[-'’][A-Z]?[^\W\d_]+)*"
_PARTICLE = r"(?:(?:[Vv]an|[Vv]on|[Dd]er|[Dd]e|[Dd]a|[Dd]i|[Dd]el|[Ll]a|[Ll]e|dos|du)\s)*"
_INITIALS = r"(?:[A-Z]\.\s?-?)+"
# One person: "Vaswani, A." (surname first), "A. Vaswani", "Ashish Vaswani",
# "Ashish K. Vaswani", "Jean-Baptiste van der Berg".
_SURNAME_FIRST = rf"{_PARTICLE}{_NAME},\s?{_INITIALS}"
_INITIALS_FIRST = rf"{_INITIALS}\s?{_PARTICLE}{_NAME}"
_FULL = rf"{_NAME}(?:\s{_INITIALS})?(?:\s{_PARTICLE}{_NAME}){{1,2}}"
_SEPARATOR = r"(?:\s?,\s?(?:…\s?|\.\.\.\s?)?(?:and\s|&\s)?|\s(?:and|&)\s|\s?;\s?)"
_ET_AL = r"(?:,?\s?et\.?\s?al\.?)"
_ET_AL_AHEAD = r"(?=,?\s?et\.?\s?al\b)"


@cache
def _authors() -> re.Pattern[str]:
    """The author-list pattern, compiled on first use (it is costly to compile, and most
    lists never need it)."""
    return re.compile(
        rf"(?P<first>{_SURNAME_FIRST}|{_INITIALS_FIRST}|{_FULL}|{_NAME}{_ET_AL_AHEAD})"
        rf"(?P<more>(?:{_SEPARATOR}(?:{_SURNAME_FIRST}|{_INITIALS_FIRST}|{_FULL}))*)"
        rf"(?P<etal>{_ET_AL})?"
    )


_AUTHOR_HINT = re.compile(r",|&|\band\b|\bet\.? ?al\b|\b[A-Z]\.")
_WITH_INITIALS = re.compile(rf"^{_INITIALS}|^{_NAME},\s?[A-Z]\.")

# "arXiv:2101.00001", "arXiv: 2101.00001v2", "arXiv preprint arXiv:2101.00001"
TEXT_ID = re.compile(r"\barxiv\s?[:：]\s?(?P<id>[^\s,;()\[\]<>]*[^\s,;()\[\]<>.])", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def author_list_end(text: str, start: int = 0, stop: int | None = None) -> int | None:
    """Where an author list that starts at ``start`` (and ends by ``stop``) ends, or None
    when the text there is no author list. Several names, a name with initials, or "et
    al." make one; a single run of capitalised words does not (it may be a title in title
    case)."""
    stop = len(text) if stop is None else stop
    if start >= stop or not text[start].isupper():
        return None  # a name starts with a capital (and most items with "[" or "*")
    if not _AUTHOR_HINT.search(text, start, min(start + 80, stop)):
        return None  # no second name, no initial, no "et al.": no author list
    match = _authors().match(text, start, stop)
    if match is None:
        return None
    names = 1 + len(re.findall(_SEPARATOR, match.group("more")))
    initials = bool(_WITH_INITIALS.match(match.group("first")))
    if names < 2 and not initials and not match.group("etal"):
        return None
    end = match.start() + len(match.group(0).rstrip())
    # a name list stops at a sentence's end, a colon, a quote or a title's markup
    rest = text[end : min(end + 2, stop)]
    if rest and not re.match(r"[\s.,:;\"“*_\[(]", rest[0]):
        return None
    return end


def is_author_list(text: str) -> bool:
    """Whether a would-be title is an author list (``Smith, J., Chen, L.``, ``A. Vaswani,
    N. Shazeer et al``): the list runs to (nearly) its end."""
    if "," not in text and "et al" not in text and "&" not in text and text.count(" ") > 3:
        return False  # a long title without a list's commas (and the common case: fast)
    end = author_list_end(text)
    return end is not None and end >= len(text.rstrip(" .,;")) - 2


@dataclass(slots=True)
class Citation:
    title: str
    title_start: int  # offsets in the text
    title_end: int
    confident: bool


def plain_citation(text: str) -> Citation | None:
    """``Title. Authors. Venue Year.``: the title runs up to the author part.

    A citation needs an author part after the title and a year or an arXiv ID after the
    authors; a line of prose has neither in that order."""
    stripped = re.sub(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s+", "", text)
    offset = len(text) - len(stripped)
    first = _authors_then_title(stripped)
    if first is not None:
        return Citation(first.title, offset + first.title_start, offset + first.title_end, False)
    for match in re.finditer(r"[.?!]\s+", stripped):
        end = author_list_end(stripped, match.end())
        if end is None:
            continue
        title = stripped[: match.start() + (1 if match.group()[0] in "?!" else 0)].strip()
        tail = stripped[end:]
        if len(title.split()) < 2 or not (_YEAR.search(tail) or TEXT_ID.search(tail)):
            return None
        # sure when the parts are plainly apart: the author list ends a sentence and is
        # followed by a venue with its year
        ended = stripped[end - 1] == "." or tail.lstrip()[:1] in (".", ",")
        confident = ended and bool(find_dates(tail) or _YEAR.search(tail))
        start = offset + stripped.find(title)
        return Citation(title, start, start + len(title), confident)
    return None


_YEAR_LEAD = re.compile(r"[\s.,:;]*(?:\((?:19|20)\d\d[a-z]?(?:,[^()]*)?\)[\s.,:;]*)?")
_SENTENCE_END = re.compile(r"(?<=[^\s.])[.?!](?=\s|$)")


def _authors_then_title(text: str) -> Citation | None:
    """``Authors (Year). Title. Venue`` or ``Authors. Title. Venue, Year``: the title is
    the sentence after the author list (and its year)."""
    end = author_list_end(text, 0)
    if end is None:
        return None
    lead = _YEAR_LEAD.match(text, end)
    start = lead.end() if lead else end
    stop = _SENTENCE_END.search(text, start)
    if stop is None:
        return None
    title = text[start : stop.start() + (1 if stop.group() in "?!" else 0)].strip()
    tail = text[stop.end() :]
    dated = bool(_YEAR.search(tail) or TEXT_ID.search(tail) or _YEAR.search(text[end:start]))
    if len(title.split()) < 2 or not dated:
        return None
    return Citation(title, start, start + len(title), False)


# What may stand before a citation's first word: a list marker or a number.
_MARKER = re.compile(r"\s*(?:[-*+]\s+|\d{1,4}[.)]\s+|\[\d{1,4}\]\s+)?")
_NUMBER = re.compile(r"\s*(?:\d{1,4}[.)]\s+|\[\d{1,4}\]\s+)?")
# what may stand between the author list and the title: punctuation, a year
_AUTHOR_YEAR_LEAD = re.compile(r"[\s.,:;()\d]*(?:(?:19|20)\d\d[a-z]?\)?[\s.,:;]*)?")
_ITALIC = re.compile(r"(?<![*_\w])([*_])(?![*_\s])(?P<text>[^*_\n]{6,}?)(?<![*_\s])\1(?![*_\w])")
_QUOTED = re.compile(r"[\"“](?P<text>[^\"“”\n]{6,}?)[,.]?[\"”]")


def authors_first_title(
    content: str, start: int = 0, stop: int | None = None
) -> tuple[str, int, int] | None:
    """``Authors. *Title*. Venue`` or ``Authors, "Title", Venue``: the title in italics or
    quotes right after a leading author list (a title in a link is found by the caller,
    which knows the links). Read in ``content[start:stop]`` (an HTML block holds many
    rows: a row is read from its own start, never copied); offsets are in ``content``."""
    stop = len(content) if stop is None else stop
    start = _MARKER.match(content, start, stop).end()
    end = author_list_end(content, start, stop)
    if end is None:
        return None
    position = _AUTHOR_YEAR_LEAD.match(content, end, stop).end()
    for pattern in (_ITALIC, _QUOTED):
        match = pattern.match(content, position, stop)
        if match is not None:
            title = match.group("text").strip().rstrip(".,")
            if len(title.split()) >= 2:
                at = match.start("text")
                return title, at, at + len(title)
    return None


def starts_with_authors(text: str) -> int | None:
    """Where a leading author list ends (after list markers), for a title that follows
    in a link: ``A. Vaswani, N. Shazeer. [Attention Is All You Need](…)``."""
    return author_list_end(text, _NUMBER.match(text).end())


def text_arxiv_refs(pieces: Sequence[Piece]) -> list[ArxivRef]:
    """``arXiv:NNNN.NNNNN`` written in the text: the paper's ID without a link. A
    malformed one (``arXiv:2020``) is kept for AL003 to report."""
    refs = []
    for content, locator, start, end in pieces:
        # only the piece's own range: an HTML block's content holds every row
        for match in TEXT_ID.finditer(content, start, len(content) if end is None else end):
            raw = match.group("id")
            parsed = arxiv.parse_identifier(raw)
            span = locator.span(match.start(), match.end())
            id_span = locator.span(match.start("id"), match.end("id"))
            link = Link(kind="text", text=match.group(0), target=match.group(0), span=span)
            link.target_span = id_span
            refs.append(
                ArxivRef(raw, parsed.canonical, parsed.version, parsed.problem, link, id_span)
            )
    return refs
