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
from ..util import label_of, late_pattern
from .fields import (
    GENERIC_LINK_TEXTS,
    LETTER,
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
    " image license credits short presentation explanation teaser recording".split()
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
# One author cut from a list by the plain reading: "Y. You", "Zhang, Y." (initials make
# it a person; two capitalised words alone may be a title)
_ONE_PERSON = re.compile(rf"^(?:{_INITIALS}\s*{_NAME}|{_NAME},\s*{_INITIALS})$")
# Authors in front of a plain citation: "Ian H. Witten, An Adaptive Optimal Controller…,
# Information and Control, 1977", "S. S. Keerthi and B. Ravindran, A Tutorial Survey…"
_LEAD_PERSON = (
    rf"(?:{_INITIALS}\s*{_NAME}(?: {_NAME})?|{_NAME}(?: (?:{_INITIALS}\s*)?{_NAME}){{1,2}})"
)
_LEADING_AUTHORS = re.compile(
    rf"^{_LEAD_PERSON}(?:(?:, (?:and )?| and | ?& ){_LEAD_PERSON}){{0,20}}(?:,? et\.? al\.?)?, "
)
# (the next three are asked only of a line that looks like a citation: compiled late)
_ALL_AUTHORS = late_pattern(
    rf"^{_LEAD_PERSON}(?:(?:, (?:and )?| and | ?& ){_LEAD_PERSON}){{0,20}}(?:,? et\.? al)?\.?$"
)
_LAST_AUTHOR = late_pattern(rf"^{_LEAD_PERSON}\.(?: |$)")
# What follows a cited title: ", JAIR, 1996", ", Sadhana, 1994.", ", 2007"
_VENUE_YEAR_TAIL = re.compile(r"(?:, [^,]{1,60})?, (?:19|20)\d\d\.?$")
# A labelled line of authors: "Authors: Jane Doe, Wei Chen", "作者：…"
_AUTHORS_LABEL = re.compile(r"^(?:authors?|作者)\s*[:：]", re.IGNORECASE)
_ET_AL = re.compile(r"\bet\.?\s+al\b\.?", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:fig(?:ure)?|table|tab|图|表)\.?\s*\d+\b", re.IGNORECASE)
_MARKUP = re.compile(r"\]\(|<[a-z/!]|\[!\[|\*\*|__|`")
# "Title, Jane Doe et al": a byline after a comma or a sentence end
_BYLINE = late_pattern(
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


# A closed tag of a venue and a year around a title: "Graph2vec (MLGWorkshop 2017)",
# "[AAAI 2021] Title", "Title (Relational Representation Learning, NIPS 2018)". A year
# makes it a tag ("(ResNet)" or "(WAM)" is an alias and stays).
_TAG_BODY = r"[^\[\]()（）【】\n]{0,50}?\b(?:19[5-9]\d|20[0-4]\d)\b[^\[\]()（）【】\n]{0,12}"
_VENUE_WORD = "|".join(sorted(VENUES, key=len, reverse=True))
_CLOSED_TAG_HEAD = re.compile(
    rf"^(?:\[{_TAG_BODY}\]|\({_TAG_BODY}\)|【{_TAG_BODY}】|\[(?i:{_VENUE_WORD})\])\s*[:\-–—|]?\s*"
)
_TAG_INSIDE = re.compile(_TAG_BODY)
_OPENERS = {")": "(", "]": "[", "）": "（"}
# An arXiv ID in front of a title: "2309.00267 RLAIF: Scaling …" (a list of IDs and titles)
_ID_HEAD = re.compile(r"^(?:arxiv\s*[:：]?\s*)?\d{4}\.\d{4,5}(?:v\d+)?\s*[:\-–—|]?\s+", re.I)


# A list's marks after a title: "Title 🌟", "Title ⭐ 🔥" (an emoji is never a title's end)
_MARK_TAIL = re.compile(
    r"(?:\s+[\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+)+$"
)
_MARK_TAIL_FIRST = "\u200d"  # the lowest character a mark may end with
# A year after a title, with a venue or an author between: "Title, 2020",
# "Title, Zixing Zhang, 2017", "Title, TETCI, 2018" (a title's own last part after a
# comma starts in lower case or is longer)
_YEAR_TAIL = re.compile(r"(?:, (?:[A-Z][\w.&'’\-]*\s?){1,4})?, (?:19|20)\d\d\.?$")


# A tag tail holds a bracket, or " :" before an emoji code (whitespace is one space in
# cleaned text): text without them is not searched from every position.
_TAG_TAIL_MARKS = ("[", "(", "【", "（", " :")


def _has_tag_tail(text: str) -> bool:
    """``_TAG_TAIL.search(text)`` for cleaned text."""
    return any(mark in text for mark in _TAG_TAIL_MARKS) and _TAG_TAIL.search(text) is not None


def _without_tag_tail(text: str) -> str:
    """``text`` without a closed tag of a venue and a year at its end (found by its
    brackets, not by a pattern searched from every position)."""
    end = text.rstrip(".")
    opener = _OPENERS.get(end[-1:])
    start = end.rfind(opener) if opener else -1
    if start < 0 or not _TAG_INSIDE.fullmatch(end, start + 1, len(end) - 1):
        return text
    return end[:start].rstrip(" ,;")


def drop_tags(text: str) -> str:
    """``text`` without the closed venue-and-year tags and the arXiv ID around the title
    (a tag of the venue, never a part of the title); ``text`` itself when no word would
    be left."""
    # each pattern asked only where its first or last character can be (most titles have
    # none of these tags: the searches from every position were a third of this check)
    cut = text
    first = cut[:1]
    if first.isdecimal() or first in ("a", "A"):
        cut = _ID_HEAD.sub("", cut, count=1)
    if cut[:1] in ("[", "(", "【"):
        cut = _CLOSED_TAG_HEAD.sub("", cut, count=1)
    cut = _without_tag_tail(cut)
    if cut[-1:] >= _MARK_TAIL_FIRST or cut.endswith("\n"):
        cut = _MARK_TAIL.sub("", cut)
    cut = cut.strip()
    year_tail = _YEAR_TAIL.search(cut) if ", 19" in cut or ", 20" in cut else None
    # "Hana Kim, Title, Venue, 2018": the year dates a citation whose authors lead it
    if year_tail is not None and not authors_in_front(cut):
        cut = cut[: year_tail.start()].strip()
    if cut == text or len(re.findall(r"[^\W\d_]", cut)) < 2:  # "L2T" is a name
        return text
    return cut


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
    if not LETTER.search(bare):
        return "no words"
    lowered = bare.lower()
    if lowered.startswith(("http://", "https://", "www.")) and " " not in bare:
        return "link label"  # a link whose text is its address
    if lowered in _TEMPLATE:
        return "template placeholder"
    # "📄 Paper (Low Resolution)", "paper (Chinese)": a label with a qualifier after it
    qualified = bare.endswith((")", "）"))
    label = label_of((_QUALIFIER_TAIL.sub("", bare) if qualified else bare) or bare)
    words = label.split()  # without a leading emoji: "🎥 Short Presentation"
    if label in GENERIC_LINK_TEXTS or label in _FRAMEWORKS or lowered in _FRAMEWORKS:
        return "link label"
    if len(words) <= 3 and all(word.strip(".,:;!()[]") in _LABEL_WORDS for word in words):
        return "link label"
    if _AUTHORS_LABEL.match(bare):
        return "author list"
    if _CAPTION.match(bare):
        return "figure caption"
    if _is_tag(bare):
        return "venue or date tag"
    if authors_in_front(bare):
        return "byline"  # "Ian H. Witten, Title, Venue, 1977": the title follows
    comma = "," in bare  # both lists of names need one
    if (
        (comma and _SURNAME_FIRST.match(bare))
        or _INITIALS_FIRST.match(bare)
        or (comma and _NAME_LIST.match(bare))
        or _ONE_PERSON.match(bare)
        or _ONE_PERSON.match(bare + ".")
    ):
        return "author list"
    if "et" in lowered and _ET_AL.search(bare):
        return "byline"
    if _MARKUP.search(text) or text.count("[") != text.count("]"):
        return "markup remnant"
    if text.count("(") < text.count(")") or _has_tag_tail(text) or _TAG_HEAD.match(text):
        return "tag remnant"
    return ""


# A parenthesised qualifier after a link label: "Paper (Low Resolution)", "PDF (Chinese)"
_QUALIFIER_TAIL = re.compile(r"\s*[(（][^()（）]{1,30}[)）]$")
_WORD_AND_YEAR = re.compile(r"[A-Za-z][\w&.\-]*\s*['’]?(?:19|20)\d\d")


def _is_tag(text: str) -> bool:
    """A venue or a date standing alone: "CVPR 2023", "NeurIPS'22", "2024.05", "2023"."""
    if year_of_name(text):
        return True
    dates = find_dates(text)
    if dates and dates[0].end - dates[0].start >= len(text) - 2:
        return True
    if not venue_shaped(text):
        return False
    if _WORD_AND_YEAR.fullmatch(text):
        return True  # "PMLR 2020", "OpenReview 2021": any one word with a year
    first = text.split()[0].lower().rstrip("'’0123456789")
    return first in VENUES and (len(text.split()) > 1 or text.lower() in VENUES or first != text)


def authors_in_front(text: str) -> str:
    """The title after the authors that lead a plain citation, or "". The authors are
    sure when one has initials, when there are several, with "et al." or when the
    citation ends with its year ("Marvin Minsky, Steps toward …, Proceedings of the IRE,
    1961"); "Deep Learning, A Survey" has none of these."""
    text = " ".join(text.split())
    if ", " not in text:  # the authors end with one
        return ""
    lead = _LEADING_AUTHORS.match(text)
    if lead is None:
        return ""
    authors = lead.group()
    sure = (
        re.search(r"\b[A-Z]\.", authors)
        or re.search(r", (?:and )?[A-Z]| and | ?& ", authors[:-2])
        or _ET_AL.search(authors)
        or _VENUE_YEAR_TAIL.search(text)
    )
    rest = _VENUE_YEAR_TAIL.sub("", text[lead.end() :]).strip(" .,;")
    if not sure or len(rest.split()) < 2 or not (rest[0].isupper() or rest[0].isdigit()):
        return ""
    # "L. Chen and R. Kumar" after "J. Smith, " is more authors, and so is "Huiying Ru"
    # after "Jiuyi Zhang, Jiaqi Ji, "; "Neuro-Dynamic Programming" after authors with
    # initials ("Dimitri P. Bertsekas and John N. Tsitsiklis, ") is a title
    more_authors = _ALL_AUTHORS().match(rest) and (
        re.search(r"\b[A-Z]\.|, | and | ?& ", rest) or not re.search(r"\b[A-Z]\.", authors)
    )
    # "…, Sijia Feng, Huiying Ru. "Title." ArXiv (2026)": the last author, then the title
    more_authors = more_authors or _LAST_AUTHOR().match(rest)
    if _SURNAME_FIRST.match(rest) or _ET_AL.search(rest) or more_authors:
        return ""
    return rest


def trim(text: str) -> str:
    """The title part of ``text`` when a byline or a tag tail follows it
    ("Title, Jane Doe et al" -> "Title") or authors lead it ("Ian H. Witten, Title,
    Information and Control, 1977" -> "Title"); ``text`` itself otherwise."""
    text = clean(text)
    after_authors = authors_in_front(text)
    if after_authors:
        return after_authors
    cut = _BYLINE().sub("", _TAG_HEAD.sub("", text, count=1))
    cut = _TAG_TAIL.sub("", cut).strip(" .,;:-–—|")
    return cut if cut and len(cut.split()) >= 2 else text


_WORD = re.compile(r"[^\W\d_]{2,}")
_LOWER_WORD = re.compile(r"[^\W\d_A-Z]{3,}")


def is_short(title: str) -> bool:
    """One word ("XyNet", "GPT-4") or one acronym of parts ("VMI-FGSM", "Pro-GNN"): a
    model's or a dataset's name more often than a paper's title.
    "Semantic-Segment-Anything" is three words."""
    words = _WORD.finditer(title)
    if next(words, None) is None or next(words, None) is None:  # fewer than two
        return True
    # one token without a word in lower case: an acronym of several parts
    return " " not in title.strip() and not _LOWER_WORD.search(title)


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
        text = drop_tags(clean(candidate.text))
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
        return Choice(drop_tags(clean(best.text)), best.source, False, best.link, best.span, True)
    if not seen:
        return None
    first, text = seen[0]
    return Choice(text, first.source, False, first.link, first.span, False)


def link_is_evidence(link: Link | None) -> bool:
    """The text of the paper link itself names the paper."""
    return link is not None and is_paper_link(link)
