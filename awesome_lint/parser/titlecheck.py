"""What is not a paper's title, whatever the reader that found it.

Every reader offers its title candidates (a column, the paper link's text, a bold or quoted
span, plain text) in its order of preference; ``choose`` takes the first that is a title
and says how sure it is. ``why_not_title`` is the one classifier: the readers and the
section self-check (``document.Builder``) ask it, never a list-specific pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from ..dates import find_dates
from ..model import Link, Span
from ..util import label_of
from .fields import (
    GENERIC_LINK_TEXTS,
    VENUES,
    clean,
    is_paper_link,
    venue_shaped,
    year_of_name,
)

# Labels a link or a column may carry that name a kind of resource, not a paper.
_FRAMEWORKS = frozenset(
    "pytorch tensorflow jax keras mindspore paddle paddlepaddle caffe mxnet flax torch"
    " official unofficial".split()
)
# Words a link label is made of: "Source paper", "Official code", "Read the paper"
_LABEL_WORDS = frozenset(word for text in GENERIC_LINK_TEXTS for word in text.split()) | frozenset(
    "source original full text the read see view open our notice this figure figures"
    " image license credits".split()
)
# What a contribution template leaves in place of a title.
_TEMPLATE = frozenset(
    {"title", "paper title", "name", "paper name", "url", "link", "title of the paper",
     "your title", "paper", "model", "method", "dataset", "authors", "author", "venue"}
)  # fmt: skip
_NAME = r"[A-Z][\w'’\-]+"
_INITIALS = r"(?:[A-Z]\.[\s\-]?){1,3}"
# "Smith, J., Chen, L." (surname, initials), "J. Smith, L. Chen" (initials, surname)
_SURNAME_FIRST = re.compile(rf"^{_NAME}(?: {_NAME})?,\s*{_INITIALS}(?:,|;|&|$|\s+and\b)")
_INITIALS_FIRST = re.compile(
    rf"^{_INITIALS}\s*{_NAME}(?:,|;|\s+and\b|\s+&)\s*{_INITIALS}\s*{_NAME}"
)
# "Jane Doe, John Smith, and Wei Chen": three or more names of two or three capitalised
# words, nothing else (a title has lower-case words or single-word items)
_PERSON = rf"{_NAME}(?: (?:{_INITIALS}\s?)?{_NAME}){{1,2}}"
_NAME_LIST = re.compile(rf"^{_PERSON}(?:,\s*(?:and\s+)?{_PERSON}){{2,}}\.?$")
_ET_AL = re.compile(r"\bet\.?\s+al\b\.?", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:fig(?:ure)?|table|tab|图|表)\.?\s*\d+\b", re.IGNORECASE)
_MARKUP = re.compile(r"\]\(|<[a-z/!]|\[!\[|\*\*|__|`")
# "Title, Jane Doe et al": a byline after a comma or a sentence end
_BYLINE = re.compile(
    rf"(?:,|\.|\s[-–—|])\s*(?:{_INITIALS}\s*)?{_NAME}(?:\s+{_NAME}){{0,2}}\s*(?:,\s*)?{_ET_AL.pattern}.*$"
    rf"|,\s*{_NAME}(?: {_NAME})?,\s*{_INITIALS}.*$"
    rf"|,\s*{_INITIALS}\s*{_NAME}(?:,|\s+and\b).*$",
    re.IGNORECASE,
)
# A tag left after a title: "Revisited. [reg", "Title (CVPR", "Title [code]" cut short
# or whole: "Graphs. [cls.] :star:" (a square-bracketed tag or an emoji code is never
# part of a title; a parenthesised one may be: "(ResNet)")
_TAG_TAIL = re.compile(
    r"[\s.,;:]*(?:[\[(【（][^\])】）]{0,20}|(?:\s*\[[^\[\]]{0,20}\])+(?:\s+:[\w+-]+:?)*"
    r"|(?:\s+:[a-z0-9_+-]+:?)+)$"
)
# A tag in front of a title: "(2024 Communications in Transportation Research) Title",
# or what is left of one: "💬LLM] Title"
_TAG_HEAD = re.compile(
    r"^(?:[\[(【（][^\[\]()【】（）]{0,80}\d[^\[\]()【】（）]{0,80}[\])】）]|[^\[\]]{0,30}\])\s*"
)


# What a title may carry after it, cut off to leave the title: "Title, Jane Doe et al",
# "Title. [reg"
_TRIMMABLE = frozenset({"byline", "markup remnant", "tag remnant"})


class Candidate(NamedTuple):
    """One reading of an entry's title: the text, where it was read (one of
    ``model.TITLE_SOURCES``), whether that place is evidence of a title, and the link it
    sits in."""

    text: str
    source: str
    evidence: bool
    link: Link | None = None
    span: Span | None = None


class Choice(NamedTuple):
    title: str
    source: str
    confident: bool
    link: Link | None
    span: Span | None
    understood: bool  # False: no candidate is a title; ``title`` is the reader's first


# the readers ask, then the section self-check asks again, for every entry of a list
@lru_cache(maxsize=2**18)
def why_not_title(text: str) -> str:
    """Why ``text`` is not a paper's title ("author list", "figure caption", …), or ""."""
    text = clean(text)
    bare = text.strip(" .,;:*_`\"“”'")
    if not re.search(r"[^\W\d_]", bare):
        return "no words"
    lowered = bare.lower()
    if lowered in _TEMPLATE:
        return "template placeholder"
    label = label_of(bare)
    words = lowered.split()
    if label in GENERIC_LINK_TEXTS or label in _FRAMEWORKS or lowered in _FRAMEWORKS:
        return "link label"
    if len(words) <= 3 and all(word.strip(".,:;!()[]") in _LABEL_WORDS for word in words):
        return "link label"
    if _CAPTION.match(bare):
        return "figure caption"
    if _is_tag(bare):
        return "venue or date tag"
    if _SURNAME_FIRST.match(bare) or _INITIALS_FIRST.match(bare) or _NAME_LIST.match(bare):
        return "author list"
    if _ET_AL.search(bare):
        return "byline"
    if _MARKUP.search(text) or text.count("[") != text.count("]"):
        return "markup remnant"
    if text.count("(") < text.count(")") or _TAG_TAIL.search(text) or _TAG_HEAD.match(text):
        return "tag remnant"
    return ""


def _is_tag(text: str) -> bool:
    """A venue or a date standing alone: "CVPR 2023", "NeurIPS'22", "2024.05", "2023"."""
    if year_of_name(text):
        return True
    dates = find_dates(text)
    if dates and dates[0].end - dates[0].start >= len(text) - 2:
        return True
    if not venue_shaped(text):
        return False
    first = text.split()[0].lower().rstrip("'’0123456789")
    return first in VENUES and (len(text.split()) > 1 or text.lower() in VENUES or first != text)


def trim(text: str) -> str:
    """The title part of ``text`` when a byline or a tag tail follows it
    ("Title, Jane Doe et al" -> "Title"); ``text`` itself otherwise."""
    text = clean(text)
    cut = _BYLINE.sub("", _TAG_HEAD.sub("", text, count=1))
    cut = _TAG_TAIL.sub("", cut).strip(" .,;:-–—|")
    return cut if cut and len(cut.split()) >= 2 else text


_WORD = re.compile(r"[^\W\d_]{2,}")


def is_short(title: str) -> bool:
    """One word ("XyNet", "GPT-4"): a model's or a dataset's name more often than a
    paper's title. "Semantic-Segment-Anything" is three words."""
    words = _WORD.finditer(title)
    return next(words, None) is None or next(words, None) is None  # fewer than two


def choose(candidates: Iterable[Candidate], names_ok: bool = False) -> Choice | None:
    """The reader's own reading when it is a title; else the first later candidate that
    is one as it stands and whose place is evidence; else the first that is one once a
    byline or a tag is cut off; else a bare name or another plain reading. Sure of it when
    its place is evidence, it needed no trimming and it is not a bare name. With no title
    among them, the first candidate, not understood.

    ``names_ok``: a bare name is as good as a title (a table's Name or Method column: the
    row names the method; its Paper column's title is an alias)."""
    seen: list[tuple[Candidate, str]] = []
    fallbacks: list[Candidate] = []  # bare names first, then plain readings
    for candidate in candidates:
        text = clean(candidate.text)
        if not text:
            continue
        seen.append((candidate, text))
        if why_not_title(text):
            continue
        if is_short(text) and not names_ok:
            fallbacks.insert(0, candidate)
        elif len(seen) == 1 or candidate.evidence:
            sure = candidate.evidence and not is_short(text)
            return Choice(text, candidate.source, sure, candidate.link, candidate.span, True)
        else:
            fallbacks.append(candidate)
    for candidate, text in seen:
        if why_not_title(text) not in _TRIMMABLE:
            continue
        trimmed = trim(text)
        if trimmed != text and not why_not_title(trimmed):
            return Choice(trimmed, candidate.source, False, candidate.link, candidate.span, True)
    if fallbacks:
        best = fallbacks[0]
        return Choice(clean(best.text), best.source, False, best.link, best.span, True)
    if not seen:
        return None
    first, text = seen[0]
    return Choice(text, first.source, False, first.link, first.span, False)


def link_is_evidence(link: Link | None) -> bool:
    """The text of the paper link itself names the paper."""
    return link is not None and is_paper_link(link)
