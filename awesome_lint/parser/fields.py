"""Entry fields, whatever the list format: title, repository, badge, paper, arXiv ID,
figures, year and date. Every reader builds its Entry with these."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import arxiv
from ..columns import names_title
from ..dates import find_dates
from ..model import ArxivRef, Badge, Entry, Link, Span
from ..urls import github_repo, host_of, is_badge_url, star_badge_repo
from ..util import PAPER_HOSTS, label_of, on_host
from .inline import Inline, Segment
from .positions import Locator

LABEL_STRIP = "[]() \t*_`"
GENERIC_LINK_TEXTS = frozenset(
    "link links paper pdf arxiv here url abs html page website project code github official"
    " openreview doi homepage dataset data demo video blog slides poster leaderboard model"
    " models weights checkpoint checkpoints bibtex citation colab hf huggingface twitter"
    " zhihu wechat youtube talk supp supplementary appendix docs documentation api space"
    " download more details webpage web site benchmark repo repository gitlab source"
    " tweet news press report".split()
) | {"project page", "home page", "hugging face", "official code", "paper link", "code link"}
# Chinese lists label links too: 论文 (paper), 代码 (code), 项目/主页 (project), 解读 (notes)
GENERIC_LINK_TEXTS |= {"论文", "代码", "项目", "主页", "项目主页", "解读", "论文解读", "数据集"}
CODE_LABELS = frozenset(
    {"github", "code", "official", "repo", "repository", "gitlab", "source", "代码"}
)
PAPER_LABELS = frozenset(
    {"paper", "pdf", "arxiv", "abs", "openreview", "doi", "paper link", "论文"}
)
PLACEHOLDERS = frozenset({"-", "–", "—", "n/a", "na", "/", "none", "tbd", "todo", "?", "x"})

_YEAR = re.compile(r"^[^\w]*((?:19|20)\d\d)[^\w]*$")


def clean(text: str) -> str:
    return " ".join(text.split())


def is_figure(link: Link) -> bool:
    return link.is_image and bool(link.target) and not is_badge_url(link.target)


def year_of_name(text: str) -> int | None:
    """The year a heading, summary or category names when it is only a year ("2024")."""
    match = _YEAR.match(text)
    return int(match.group(1)) if match else None


def is_paper_link(link: Link) -> bool:
    """A link to a paper: an arXiv paper, a paper host, a PDF, or labelled as a paper."""
    if link.has_image or not link.target or link.kind == "unrendered":
        return False
    if link.is_image:
        return False
    if arxiv.find_paper_id(link.target) is not None:
        return True
    if label_of(link.text) in PAPER_LABELS:
        return True
    return _paper_url(link.target)


@cache
def _paper_url(target: str) -> bool:
    lowered = target.lower()
    if not lowered.startswith(("http://", "https://")):
        return False
    if lowered.split("?", 1)[0].split("#", 1)[0].endswith(".pdf"):
        return True
    host = host_of(target)
    return on_host(host, PAPER_HOSTS)


# --------------------------------------------------------------------------- titles

_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,4}[.)]|\[\d{1,4}\]|#\d{1,4})\s+")
# Where a plain-text title ends: two spaces, a sentence end, " - ", a year in parentheses
# ("Title (2016), K. He et al."), a comma before initials, or a comma before a venue and
# year ("Title, CVPR 2016").
# (Each break starts with a space, "." or ",": the lookahead rejects other positions
# before the alternatives are tried.)
_SENTENCE_BREAK = re.compile(
    r"(?=[\s.,])(?:\s{2,}|(?<=[a-z0-9)\]])\.\s+(?=[A-Z])|\s+[-–—|]\s+"
    r"|\s+\((?:19|20)\d\d[a-z]?\)"
    r"|,\s+(?:[A-Z]\.\s*)+[A-Z]"
    r"|,\s+(?=[A-Z][A-Za-z&-]{1,15}['’ ]?(?:19|20)?\d\d\b))"
)
# Tags before a title: a bracketed venue or date ("(ICCV 2023)", "[2023/05]"), separators.
_LEADING_TAGS = re.compile(
    r"^(?:\s*[\[(【（][^\[\]()【】（）\n]{0,30}\d[^\[\]()【】（）\n]{0,30}[\])】）])*[\s|:：–—-]*"
)
# A bold venue with its year ("**CVPR 2022**", "**NeurIPS'23**"), or anything bold in
# brackets ("**[CVPR 2023]**", "**[Survey]**"): a tag before the title, not the title.
_BOLD_TAG = re.compile(r"^(?:[\[(].{1,30}[\])]|[A-Za-z][A-Za-z&\- ]{1,20}['’ ]?(?:19|20)?\d\d)$")
# A quote and what runs to the next quote. The split into spaces and title is done in
# ``_quoted_text``: a pattern with spaces allowed on both sides of a title that may itself
# hold spaces backtracks in cubic time on a quote followed by many spaces (issue 20).
_QUOTE_SPAN = re.compile(r"[\"“”](?=([^\"“”]*)[\"“”])")
_MIN_QUOTED = 8
SHORTCODE = re.compile(r":[a-z0-9_+-]+:")  # an emoji written :boom:
_TRAILING = " \t.,;:-–—|"


def plain_title(text: str) -> str:
    """The title in a plain-text cell: ``1) Title  long description…`` -> ``Title``.

    The title runs to the first sentence break or two spaces; numbering is dropped.
    """
    text = _NUMBERING.sub("", text.strip(), count=1)
    # tags in front: "(ICCV 2023) Title", "[2023/05] Title", "| Title |"
    text = _LEADING_TAGS.sub("", text, count=1)
    first = _SENTENCE_BREAK.split(text, maxsplit=1)[0]
    # brackets left over from links around the title: "] Title. [" -> "Title"
    return clean(first).strip(_TRAILING + "*_[]")


def title_of_cell(
    cell_text: str, walked: Inline, generic_ok: bool = True
) -> tuple[str, Link | None]:
    """The title of a table cell (title or paper column) and the link it sits in, if any."""
    candidates = [link for link in walked.links if link.kind in ("link", "html-a")]
    for text in walked.strong:
        title = clean(text)
        if title and not is_placeholder(title):
            holder = next((link for link in candidates if title in clean(link.text)), None)
            return title, holder
    for link in candidates:
        text = clean(link.text)
        if link.has_image or not text:
            continue
        if text.strip(LABEL_STRIP).lower() in GENERIC_LINK_TEXTS:
            if generic_ok:
                continue
            return "", link
        return text, link
    if not generic_ok and candidates:
        return "", None
    plain = "".join(s.text for s in walked.segments if s.kind in ("text", "break", "code"))
    title = plain_title(plain)
    if is_placeholder(title) or not LETTER.search(title):
        return "", None  # "-", "N/A", a number: no title here
    return title, None


def cell_evidence(header: str, walked: Inline, title: str, link: Link | None) -> bool:
    """Whether a cell's title is surely the paper's: its column says Title, or it is the
    paper link's own text; plain text cut short to a title is a guess either way."""
    if link is not None and is_paper_link(link):
        return True
    if not names_title(header):
        return False
    if title in (clean(text) for text in walked.strong) or link is not None:
        return True
    plain = "".join(s.text for s in walked.segments if s.kind in ("text", "break", "code"))
    return clean(_NUMBERING.sub("", plain.strip(), count=1)) == title


# Compiled once: these are asked of every item.
LETTER = re.compile(r"[^\W\d_]")
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def is_placeholder(text: str) -> bool:
    return clean(text).strip("*_` ").lower() in PLACEHOLDERS


def is_noise(segment: Segment) -> bool:
    """Leading bits of an item that are not its title: a tag in code, an emoji, a
    badge, numbering, a bullet character."""
    if segment.kind in ("code", "image", "break"):
        return True
    if segment.kind == "text":
        rest = SHORTCODE.sub("", _NUMBERING.sub("", segment.text))
        return not _LETTER_OR_DIGIT.search(rest)
    return False


_VENUE_TAG = re.compile(r"^[A-Za-z][A-Za-z&\-]{1,14}(?:[ '’]?\d{2,4})?(?:\s+\w{1,10})?$")
_YEARISH = re.compile(r"(?:^|[^\d])(?:19|20)?\d\d$|['’]\d\d\b")
VENUES = frozenset(
    """aaai acl arxiv bmvc coling cvpr cvprw eccv emnlp iccv iclr icml icra ijcai
    interspeech icassp kdd miccai naacl neurips nips preprint sigir tip tmlr tpami wacv
    www""".split()
)


def venue_shaped(text: str) -> bool:
    """Short enough and shaped like a venue with its year: "CVPR 2023", "NeurIPS'22"."""
    return len(text) <= 24 and len(text.split()) <= 3 and bool(_VENUE_TAG.match(text))


def _is_venue_tag(segment: Segment) -> bool:
    """``[CVPR](…)``, ``[NeurIPS 2023](…)``: a venue (with its year, or a known venue's
    name), not a title. "Segment Anything" is a title, however short."""
    text = clean(segment.text).strip(LABEL_STRIP)
    if not text or not venue_shaped(text):
        return False
    return bool(_YEARISH.search(text)) or text.split()[0].lower().rstrip("'’") in VENUES


@dataclass(slots=True)
class ItemTitle:
    title: str
    link: Link | None  # the link the title sits in (or the venue tag's link)
    aliases: list[str]
    source: str = "plain"  # one of model.TITLE_SOURCES
    raw: str = ""  # plain text before it was cut to a title: an author list is no title


def _strip_title(text: str) -> str:
    return clean(text).strip(_TRAILING + '*_"“”')


def item_title(segments: Sequence[Segment]) -> ItemTitle | None:
    """The title of a bulleted or block item, read the ways real lists write it.

    ``**Title**``, ``[Title](paper)``, ``**[Title](paper)**``, ``**Name**: "Title", Venue``,
    ``[[CVPR](paper)] Title.``, ``Title [[paper](…)]``, with tags in code, emoji and
    numbering in front skipped.
    """
    index = 0
    tags = []  # `CoOp` **Learning to Prompt…**: the tag in code is the method's name
    while index < len(segments) and is_noise(segments[index]):
        if segments[index].kind == "code" and segments[index].text.strip():
            code = _strip_title(segments[index].text)
            if len(code.split()) >= 3 and not tags:
                # `Title of the Paper.` arxiv 2023: a sentence in code is the title (a tag
                # in code is a name of a word or two)
                return ItemTitle(code, None, [])
            tags.append(segments[index].text.strip())
        index += 1
    if index == len(segments):
        return None
    found = _item_title(segments, index)
    if found is not None and tags:
        found.aliases.extend(tag for tag in tags if tag != found.title)
    return found


def _item_title(segments: Sequence[Segment], index: int) -> ItemTitle | None:
    first = segments[index]
    rest = segments[index + 1 :]
    quoted = quoted_title(rest if first.kind != "text" else segments[index:])
    if first.kind == "strong":
        name = _strip_title(first.text)
        tagged = name
        if name[:1] in "[(【（":
            tagged = _strip_title(_LEADING_TAGS.sub("", name, count=1))
        if tagged != name and len(tagged.split()) >= 2 and not find_dates(tagged):
            # "**[2025.01] Title**": a date or venue tag inside the bold, then the title
            link = first.link if first.link is not None and first.link.text else None
            tag = name[: len(name) - len(tagged)].strip(" []()【】（）|:-")
            # "[3DETR] Title": a method's name is an alias; a date or a venue is not
            named = tag and not find_dates(tag) and not _YEARISH.search(tag)
            return ItemTitle(tagged, link, [tag] if named else [])
        if find_dates(name) or year_of_name(name):  # "**2024-2-20**: we released …"
            return _from_text_or_quote(rest, quoted)
        if _BOLD_TAG.match(clean(first.text)) and first.link is None:  # **[CVPR 2023]** Title
            found = _from_text_or_quote(rest, quoted)
            if found is not None:
                return found
        short = first.text.rstrip().endswith(":") or len(name.split()) <= 3
        if quoted and short:
            return ItemTitle(quoted, None, [name] if name else [], "quoted")
        if name:
            link = first.link if first.link is not None and first.link.text else None
            return ItemTitle(name, link, [], "link-text" if link is not None else "emphasis")
        return _from_text_or_quote(rest, quoted)
    if first.kind == "link" and first.link is not None:
        text = _strip_title(first.text)
        label = label_of(first.text)
        if _is_venue_tag(first) or label in GENERIC_LINK_TEXTS or bracketed(segments, index):
            after = _from_text_or_quote(rest, quoted)
            if after is not None:
                return ItemTitle(after.title, first.link, after.aliases, after.source, after.raw)
            return None
        if text:
            return ItemTitle(text, first.link, [], "link-text")
        return None
    named = _name_then_link(first, rest)
    if named is not None:
        return named
    return _from_text_or_quote(segments[index:], quoted)


# "Name: [Title](url)" or "(Name) [Title](url)": a short name before the linked title
_NAME_COLON = re.compile(
    r"^\s*(?:([^\s:：()][^:：]{0,40}?)\s*[:：]|[(（]([^()（）]{1,40})[)）])\s*$"
)


def _name_then_link(first: Segment, rest: Sequence[Segment]) -> ItemTitle | None:
    """``Name: [Full title](url)``: the linked text is the title, the name an alias."""
    if first.kind != "text" or not rest or rest[0].kind != "link" or rest[0].link is None:
        return None
    match = _NAME_COLON.match(first.text)
    written = match and (match.group(1) or match.group(2))
    if not written or len(written.split()) > 3:
        return None
    text = _strip_title(rest[0].text)
    if not text or label_of(rest[0].text) in GENERIC_LINK_TEXTS or _is_venue_tag(rest[0]):
        return None
    name = written.strip(_TRAILING + "*_")
    return ItemTitle(text, rest[0].link, [name] if name and name != text else [])


def bracketed(segments: Sequence[Segment], index: int) -> bool:
    """``[[Label](…)]``: a link in brackets is a label (or a venue tag), not a title."""
    if index == 0:
        return False
    before = segments[index - 1]
    return before.kind == "text" and before.text.endswith("[")


def quoted_title(segments: Sequence[Segment]) -> str:
    """A quoted title (``"Title", Venue``) in the text before the first link."""
    text = []
    for segment in segments:
        if segment.kind == "link":
            break
        if segment.kind in ("text", "break", "strong"):
            text.append(segment.text)
    quoted = _quoted_text("".join(text))
    if quoted is not None and len(quoted.split()) >= 2:
        return _strip_title(quoted)
    return ""


def _quoted_text(text: str) -> str | None:
    """The first quoted text of at least ``_MIN_QUOTED`` characters on one line.

    Spaces inside the quotes go to the text only where it would be too short without
    them; in linear time (each quote looks only as far as the next one).
    """
    for span in _QUOTE_SPAN.finditer(text):
        inner = span.group(1)
        body = inner.strip()
        if not body:  # only spaces: the last run of them long enough and on one line
            for start in range(len(inner) - _MIN_QUOTED, -1, -1):
                if "\n" not in inner[start : start + _MIN_QUOTED]:
                    return inner[start : start + _MIN_QUOTED]
            continue
        if "\n" in body:
            continue  # the text of a title stays on one line
        lead = len(inner) - len(inner.lstrip())
        end = lead + len(body)  # where the trailing spaces begin
        last_newline_before = inner.rfind("\n", 0, lead)
        first_newline_after = inner.find("\n", end)
        limit = len(inner) if first_newline_after < 0 else first_newline_after
        # as much leading space as possible, then the shortest text that leaves only
        # spaces before the closing quote
        for start in range(lead, last_newline_before, -1):
            stop = max(start + _MIN_QUOTED, end)
            if stop <= limit:
                return inner[start:stop]
    return None


def _from_text_or_quote(segments: Sequence[Segment], quoted: str) -> ItemTitle | None:
    if quoted:
        return ItemTitle(quoted, None, [], "quoted")
    text = []
    for segment in segments:
        if segment.kind in ("link", "image", "break"):
            if "".join(text).strip():
                break
            continue
        if segment.kind in ("text", "strong", "code"):
            text.append(segment.text)
    raw = clean("".join(text)).strip(_TRAILING + "*_[]")
    title = plain_title(raw)
    if len(title) < 3 or is_placeholder(title) or not _TWO_LETTERS.search(title):
        return None
    return ItemTitle(title, None, [], "plain", raw)


# --------------------------------------------------------------------------- links


def new_entry(
    line: int,
    span: Span,
    section: tuple[str, ...],
    key: str,
    title: str,
    title_span: Span | None,
    links: Sequence[Link],
    **more: Any,
) -> Entry:
    """An Entry with its links split as every reader splits them: the links (badges'
    images aside) and the figures."""
    return Entry(
        line=line,
        span=span,
        section=section,
        section_key=key,
        title=title,
        title_span=title_span,
        links=[link for link in links if not link.is_image],
        images=[link for link in links if is_figure(link)],
        **more,
    )


def fill_repo(entry: Entry, links: Iterable[Link], code_links: Iterable[Link] = ()) -> None:
    """The star badge, and the repository of the code link (labelled or in a Code column)."""
    for link in links:
        if link.is_image and entry.badge is None:
            image = star_badge_repo(link.target)
            if image is not None:
                entry.badge = Badge(image[0], image[1], link)
    choices = [link for link in entry.links if label_of(link.text) in CODE_LABELS]
    choices.extend(link for link in code_links if not link.is_image)
    if entry.badge is not None and entry.badge.image.parent is not None:
        choices.append(entry.badge.image.parent)
    for link in choices:
        repo = github_repo(link.target)
        if repo:
            entry.repo, entry.repo_link = repo, link
            return


def fill_paper(entry: Entry, title_link: Link | None, paper_links: Iterable[Link] = ()) -> None:
    """The paper link and its arXiv ID: a labelled paper link first, then the title's link,
    the Paper column's links, then any arXiv link of the entry."""
    refs = []
    for link in entry.links:
        found = arxiv.find_paper_id(link.target)
        if found is None:
            continue
        span = link.target_span
        if span is not None and span.line == span.end_line:
            start = span.column + found.id_start
            span = Span(span.line, start, span.line, start + found.id_end - found.id_start)
        ident = found.parsed
        refs.append(
            ArxivRef(
                ident.raw, ident.canonical, ident.version, ident.problem, link, span or link.span
            )
        )
    candidates = [link for link in entry.links if label_of(link.text) in PAPER_LABELS]
    if title_link is not None:
        candidates.append(title_link)
    candidates.extend(link for link in paper_links if not link.is_image)
    entry.arxiv_refs = refs
    candidates.extend(ref.link for ref in refs)
    entry.paper = next((link for link in candidates if link.target), None)
    if entry.paper is not None:
        entry.arxiv = next((ref for ref in refs if ref.link is entry.paper), None)
    if entry.arxiv is None and refs:
        entry.arxiv = refs[0]


def _find_words(content: str, words: Sequence[str], start: int, end: int) -> tuple[int, int] | None:
    """Where ``words`` stand in ``content[start:end]`` separated by any whitespace (a
    cleaned title against its source, where a no-break space or a line break may sit
    between words)."""
    found = content.find(words[0], start, end)
    while found >= 0:
        position = found + len(words[0])
        for word in words[1:]:
            while position < end and content[position].isspace():
                position += 1
            if not content.startswith(word, position, end):
                break
            position += len(word)
        else:
            return found, position
        found = content.find(words[0], found + 1, end)
    return None


# A piece of content to look for text in: the content, its locator, and the part of it
# to look in (start, end; None: to the end).
Piece = tuple[str, Locator, int, int | None]


def locate_text(needle: str, pieces: Sequence[Piece], fallback: Span) -> Span:
    """The span of ``needle`` in the first piece of content that holds it."""
    if needle:
        for content, locator, start, end in pieces:
            offset = content.find(needle, start, len(content) if end is None else end)
            if offset >= 0:
                return locator.span(offset, offset + len(needle))
        # the title was cleaned (spaces folded, a no-break space made a space)
        words = needle.split()
        if len(words) > 1:
            for content, locator, start, end in pieces:
                found = _find_words(content, words, start, len(content) if end is None else end)
                if found is not None:
                    return locator.span(*found)
        head = words[0] if words else ""
        for content, locator, start, end in pieces:
            offset = content.find(head, start, len(content) if end is None else end) if head else -1
            if offset >= 0:
                return locator.span(offset, offset + len(head))
    return fallback
