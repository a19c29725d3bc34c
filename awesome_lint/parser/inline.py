"""Inline content: the plain text, bold runs, links and images of one inline token, with
exact source spans, and the segments an item's title is read from."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from ..model import Link, Span
from .htmltags import Tag, anchor_names, attributes, parse_tag
from .markdown import POSITION, parse_inline
from .positions import Locator

_BARE_URL = re.compile(r"(?<![\w/@.=])(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)


@dataclass(slots=True)
class Segment:
    """A top-level piece of inline content, in reading order."""

    kind: str  # "text", "strong", "link", "image", "code", "break"
    text: str
    link: Link | None = None  # the link of a "link"/"image" segment, or the first in a "strong"


@dataclass(slots=True)
class Inline:
    """What one inline token holds, with source spans."""

    text: str
    strong: list[str]
    links: list[Link]
    unrendered: list[Link]  # "[x](url)" markdown showed as text, and bare URLs
    segments: list[Segment] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # id/name attributes of inline HTML
    anchor_spans: list[tuple[str, Span]] = field(default_factory=list)  # where, one per tag


def html_links(tag: Tag, offset: int, locator: Locator) -> list[Link]:
    """The ``<img src>``/``<a href>`` of one tag that starts at content ``offset``.

    Only the first ``src``/``href`` counts: browsers ignore repeated attributes.
    """
    if tag.closing or tag.name not in ("img", "a", "source"):
        return []
    wanted = "href" if tag.name == "a" else "src"
    for attr in attributes(tag):
        if attr.name != wanted:
            continue
        start = offset + attr.start
        return [
            Link(
                kind="html-a" if tag.name == "a" else "html-img",
                text="",
                target=attr.value,
                span=locator.span(offset, offset + len(tag.source)),
                target_span=locator.span(start, start + len(attr.value)),
            )
        ]
    return []


def mask(content: str, ranges: list[tuple[int, int]]) -> str:
    """``content`` with the given ranges blanked out (newlines kept, offsets unchanged)."""
    if not ranges:
        return content
    pieces = []
    position = 0
    for start, end in sorted(ranges):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(content[position:start])
        blank = content[start:end]
        pieces.append(" " * len(blank) if "\n" not in blank else re.sub(r"[^\n]", " ", blank))
        position = end
    pieces.append(content[position:])
    return "".join(pieces)


def _target(
    content: str, meta: tuple[int, int, int, int], locator: Locator, attr: str
) -> tuple[str, Any]:
    """The destination as written, and its span; reference links fall back to ``attr``."""
    _, _, dest_start, dest_end = meta
    if dest_start < 0:
        return attr, None
    target = content[dest_start:dest_end]
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
        dest_start += 1
        dest_end -= 1
    return target, locator.span(dest_start, dest_end)


_NO_POSITION = (0, 0, -1, -1)
# Characters that start inline syntax; content without them is plain text.
_INLINE_SYNTAX = re.compile(r"[\[\]!<&\\*_`~\n]")


class _Segments:
    """Collects top-level segments while the children are walked."""

    __slots__ = ("items", "strong")

    def __init__(self) -> None:
        self.items: list[Segment] = []
        self.strong: Segment | None = None

    def text(self, text: str, kind: str = "text") -> None:
        if self.strong is not None:
            self.strong.text += text
        elif kind == "text" and self.items and self.items[-1].kind == "text":
            self.items[-1].text += text
        else:
            self.items.append(Segment(kind, text))


def walk_inline(token: Token, locator: Locator, env: dict[str, Any]) -> Inline:
    """Plain text, bold runs, links and images of one inline token, with source spans.

    Parses the token's inline content first and drops the children afterwards.
    """
    content = token.content
    if not _INLINE_SYNTAX.search(content):
        # Nothing markdown would make a link, an emphasis, an entity or a break of: the
        # text is the content (what markdown-it would produce), and parsing is skipped.
        return Inline(content, [], [], bare_urls(content, locator), [Segment("text", content)])
    parse_inline(token, env)
    text: list[str] = []
    strong: list[str] = []
    strong_depth = 0
    links: list[Link] = []
    open_links: list[tuple[Link, int]] = []  # a link and where its text starts in ``text``
    html_open: list[tuple[Link, int]] = []
    masked: list[tuple[int, int]] = []  # constructs that running-text scans must skip
    top_links: list[tuple[int, int, Link]] = []
    link_ends: list[int] = []
    segments = _Segments()
    anchors: list[str] = []
    anchor_spans: list[tuple[str, Span]] = []
    # Links and images carry their offsets; tags and code spans are found from a cursor
    # that follows the children through the source, which is cheaper than recording them.
    cursor = 0
    items = segments.items
    for child in token.children or ():
        kind = child.type
        if kind == "text":  # the most frequent child: _Segments.text inlined
            piece = child.content
            text.append(piece)
            if strong_depth:
                strong[-1] += piece
            if segments.strong is not None:
                segments.strong.text += piece
            elif not open_links and not html_open:
                if items and items[-1].kind == "text":
                    items[-1].text += piece
                else:
                    items.append(Segment("text", piece))
        elif kind == "code_inline":
            text.append(child.content)
            if strong_depth:
                strong[-1] += child.content
            if segments.strong is not None or (not open_links and not html_open):
                segments.text(child.content, "code")
            start = content.find(child.markup, cursor)
            end = content.find(child.markup, start + len(child.markup)) if start >= 0 else -1
            if end >= 0:
                cursor = end + len(child.markup)
                masked.append((start, cursor))
        elif kind == "softbreak" or kind == "hardbreak":
            text.append(" ")
            if strong_depth:
                strong[-1] += " "
            if not open_links and not html_open:
                segments.text(" ", "break")
        elif kind == "link_open":
            meta = child.meta.get(POSITION, _NO_POSITION)
            target, target_span = _target(content, meta, locator, str(child.attrs.get("href", "")))
            start, end = meta[0], meta[1]
            autolink = child.markup == "autolink"
            link = Link(
                kind="autolink" if autolink else "link",
                text="",
                target=target,
                span=locator.span(start, end),
                target_span=target_span,
                reference=meta[2] < 0 and not autolink,
                followed_by=content[end : end + 3],
            )
            if not open_links:
                masked.append((start, end))
                top_links.append((start, end, link))
                if segments.strong is not None:
                    if segments.strong.link is None:
                        segments.strong.link = link
                else:
                    segments.items.append(Segment("link", "", link))
            open_links.append((link, len(text)))
            links.append(link)
            cursor = start + 1
            link_ends.append(end)
        elif kind == "link_close":
            if open_links:
                link, first = open_links.pop()
                link.text = "".join(text[first:]).strip()
                cursor = link_ends.pop()
                if not open_links and segments.strong is None and segments.items:
                    last = segments.items[-1]
                    if last.link is link:
                        last.text = link.text
        elif kind == "image":
            meta = child.meta.get(POSITION, _NO_POSITION)
            target, target_span = _target(content, meta, locator, str(child.attrs.get("src", "")))
            start, end = meta[0], meta[1]
            parent = open_links[-1][0] if open_links else None
            image = Link(
                kind="image",
                text=child.content,
                target=target,
                span=locator.span(start, end),
                target_span=target_span,
                parent=parent,
                reference=meta[2] < 0,
                followed_by=content[end : end + 3],
            )
            if parent is not None:
                parent.has_image = True
            else:
                masked.append((start, end))
                top_links.append((start, end, image))
                segments.items.append(Segment("image", image.text, image))
            links.append(image)
            cursor = end
        elif kind == "html_inline":
            source = child.content
            start = content.find(source, cursor)
            if start < 0:
                start = max(content.find(source), 0)
            end = cursor = start + len(source)
            masked.append((start, end))
            tag = parse_tag(source)
            if tag is None:
                continue
            name = tag.name
            in_link = bool(open_links or html_open)
            if not tag.closing:
                names = anchor_names(tag)
                anchors.extend(names)
                if names:
                    where = locator.span(start, end)
                    anchor_spans.extend((name, where) for name in dict.fromkeys(names))
            if name == "br":
                text.append(" ")
                if strong_depth:
                    strong[-1] += " "
                if not open_links and not html_open:
                    segments.text(" ", "break")
            elif name == "a" and tag.closing:
                if html_open:
                    anchor, first = html_open.pop()
                    anchor.text = "".join(text[first:]).strip()
            elif name in ("b", "strong"):  # HTML bold counts as markdown's
                strong_depth = _bold(tag.closing, strong_depth, strong, segments, in_link)
            for link in html_links(tag, start, locator):
                holder = open_links[-1][0] if open_links else None
                if holder is None and html_open:
                    holder = html_open[-1][0]
                if link.kind == "html-img" and holder is not None:
                    link.parent = holder
                    holder.has_image = True
                elif holder is None:
                    kind_of = "image" if link.kind == "html-img" else "link"
                    segments.items.append(Segment(kind_of, "", link))
                links.append(link)
                if link.kind == "html-a":
                    html_open.append((link, len(text)))
        elif kind == "strong_open" or kind == "strong_close":
            in_link = bool(open_links or html_open)
            strong_depth = _bold(kind == "strong_close", strong_depth, strong, segments, in_link)
    token.children = None  # read: let the tree go
    for segment in segments.items:  # html <a> text is known only at </a>
        if segment.kind == "link" and segment.link is not None and not segment.text:
            segment.text = segment.link.text
    running = mask(content, masked)
    _set_paren_depths(running, top_links)
    unrendered = _unrendered_links(running, locator)
    if unrendered:  # their URLs are not autolinks of their own
        running = mask(running, [offsets for offsets, _ in unrendered])
    found = [link for _, link in unrendered] + bare_urls(running, locator)
    return Inline(
        "".join(text),
        [s.strip() for s in strong if s.strip()],
        links,
        found,
        segments.items,
        anchors,
        anchor_spans,
    )


def _bold(closing: bool, depth: int, strong: list[str], segments: _Segments, in_link: bool) -> int:
    """Open or close a bold run (``**`` or ``<b>``); the new depth."""
    if closing:
        depth = max(depth - 1, 0)
        if not depth:
            segments.strong = None
        return depth
    depth += 1
    if depth == 1:
        strong.append("")
        if not in_link:
            segments.items.append(Segment("strong", ""))
            segments.strong = segments.items[-1]
    return depth


_PARENTHESIS = re.compile(r"[()]")


def _set_paren_depths(running: str, top_links: list[tuple[int, int, Link]]) -> None:
    """How many "(" of the running text are still open where a link that is followed
    by ")" starts (the only links for which it matters: is that ")" stray?)."""
    wanted = [(start, link) for start, _, link in top_links if link.followed_by.startswith(")")]
    if not wanted:
        return
    depth = 0
    parentheses = _PARENTHESIS.finditer(running)
    pending = next(parentheses, None)
    for start, link in wanted:  # one pass: the links are in source order
        while pending is not None and pending.start() < start:
            if pending.group() == "(":
                depth += 1
            elif depth:
                depth -= 1
            pending = next(parentheses, None)
        link.paren_depth_before = depth


# ``[[Blog]] (url)``, the doubled-bracket label style with a space before "(", too.
_UNRENDERED = re.compile(
    r"\[(?P<double>\[)?(?P<text>[^\[\]\n]*)(?:\](?(double)\])(?P<gap>[ \t]*)|(?P<nobracket>))"
    r"\((?P<target>[ \t]*(?:https?[ \t]*:|www\.)[^()\n]*)\)",
    re.IGNORECASE,
)


# ``[label](target)`` left as text whose target is no URL: ``[paper]([2503.14219] Title)``.
# Text and target are each spaces, a character that is not one, then the rest: no
# character can be taken by two adjacent repeated parts, so a "[" followed by a long run
# without "]" is given up in linear time (issue 21).
_UNRENDERED_TARGET = re.compile(
    r"\[(?P<text>[^\S\n]*[^\[\]\s][^\[\]\n]*)\]\((?P<target>[^\S\n]*[^()\s][^()\n]*)\)"
)


# A destination followed by a title: ``(url "title")``, ``(url 'title')``, ``(url (title))``.
_TITLED = re.compile(r"""\S+\s+(?:"[^"]*"|'[^']*'|\([^()]*\))""")


def _unrendered_links(running: str, locator: Locator) -> list[tuple[tuple[int, int], Link]]:
    """``[text](url)`` that markdown did not render: a space inside the URL or before "(",
    a target that is no URL, or a link inside the text of another.

    A well-formed link was already masked out of ``running``, so whatever matches here
    is shown to readers as literal brackets.
    """
    if "[" not in running or "(" not in running:
        return []
    found: list[tuple[tuple[int, int], Link]] = []
    for match in _UNRENDERED.finditer(running):
        text = match.group("text")
        if text.strip():
            defect = _unrendered_reason(match)
        else:  # the text was a link, masked out: [[Paper](url)](url2)
            text, defect = "[…]", "a link inside the text of another link"
        found.append((match.span(), _unrendered(match, text, defect, locator)))
    taken = [offsets for offsets, _ in found]  # in order, never overlapping
    taken_starts = [start for start, _ in taken]
    for match in _UNRENDERED_TARGET.finditer(running):
        before = bisect_right(taken_starts, match.start()) - 1
        if before >= 0 and match.start() < taken[before][1]:
            continue
        target = match.group("target").strip()
        if " " not in target or _TITLED.fullmatch(target):
            continue  # rendered: no space, or a space before a "title"
        if re.match(r"https?:|www\.", target):
            continue  # a URL: reported above
        defect = "the target is not a URL"
        if target.startswith(("#", ".", "/")):  # (#safety & ethics): an anchor or path
            defect = "the target holds spaces (GitHub's anchors use '-')"
        link = _unrendered(match, match.group("text"), defect, locator)
        found.append((match.span(), link))
    return found


def _unrendered(match: re.Match[str], text: str, defect: str, locator: Locator) -> Link:
    return Link(
        kind="unrendered",
        text=text,
        target=match.group("target"),
        span=locator.span(match.start(), match.end()),
        target_span=locator.span(match.start("target"), match.end("target")),
        defect=defect,
    )


def _unrendered_reason(match: re.Match[str]) -> str:
    if match.group("nobracket") is not None:
        return "']' is missing before '('"
    if match.group("gap"):
        return "a space between ']' and '('"
    return "whitespace inside the URL"


def bare_urls(running: str, locator: Locator) -> list[Link]:
    """URLs GitHub autolinks in running text (GFM's extended autolinks)."""
    if "http" not in running and "www." not in running:
        return []
    found: list[Link] = []
    for match in _BARE_URL.finditer(running):
        url = match.group(0)
        # GFM drops trailing punctuation and an unbalanced closing parenthesis
        url = url.rstrip("?!.,:*_~;")
        unbalanced = url.count(")") - url.count("(")
        while unbalanced > 0 and url.endswith(")"):
            url = url[:-1].rstrip("?!.,:*_~;")  # strips no parenthesis
            unbalanced -= 1
        if len(url) < 8:
            continue
        start = match.start()
        span = locator.span(start, start + len(url))
        found.append(Link(kind="bare", text=url, target=url, span=span, target_span=span))
    return found
