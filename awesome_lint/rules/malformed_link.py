"""AL302 malformed-link: link markup that renders wrong."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Edit, Finding, Fix, Link, Severity, Span
from ..urls import glued, not_a_target
from ..util import shorten
from .context import RuleContext

CODE = "AL302"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def _problem(link: Link) -> str | None:
    target = link.target.strip()
    if link.kind not in ("link", "image", "html-a", "html-img") or link.reference:
        return None
    if not target:
        if link.has_image and link.kind == "link":
            return None  # [![badge](…)]() - a common convention for a bare badge
        what = "image source" if link.is_image else "link target"
        label = f"'{link.text}' " if link.text else ""
        return f"{label}has an empty {what}"
    if glued(target):
        return f"two URLs glued together in '{shorten(target)}'"
    return not_a_target(target)


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for link in document.links:
        problem = _problem(link)
        if problem is not None:
            yield Finding(
                span=link.span, message=f"malformed link: {problem}", key=f"link:{link.target}"
            )
            continue
        if (
            link.kind in ("link", "image")
            and link.parent is None
            and link.followed_by.startswith(")")
            and link.paren_depth_before == 0
        ):
            end = link.span
            yield Finding(
                span=Span(end.end_line, end.end_column, end.end_line, end.end_column + 1),
                message="stray ')' after the link",
                fix=Fix(
                    "remove the ')'",
                    (
                        Edit(
                            Span(end.end_line, end.end_column, end.end_line, end.end_column + 1), ""
                        ),
                    ),
                ),
                key=f"stray-paren:{link.target}",
            )
            continue
        yield from _padded(document, link)
    yield from _unbalanced_brackets(document)
    for link in document.unrendered_links:
        yield Finding(
            span=link.span,
            message=f"'[{link.text}](…)' is shown as text, not a link: {link.defect}",
            key=f"unrendered:{link.target.strip()}",
        )


def _padded(document: Document, link: Link) -> Iterator[Finding]:
    """Whitespace between '(' and the URL renders fine but is untidy: a fixable notice."""
    span = link.target_span
    if span is None or link.kind not in ("link", "image") or span.line != span.end_line:
        return
    line = document.lines[span.line - 1]
    before = span.column - 2  # 0-based index of the character before the target
    start = before
    while start >= 0 and line[start] in " \t":
        start -= 1
    after = span.end_column - 1
    end = after
    while end < len(line) and line[end] in " \t":
        end += 1
    if start < 0 or line[start] != "(":
        return
    edits = []
    if start != before:
        edits.append(Edit(Span(span.line, start + 2, span.line, span.column), ""))
    # only before ")": whitespace before a "title" is required
    if end != after and end < len(line) and line[end] == ")":
        edits.append(Edit(Span(span.line, span.end_column, span.line, end + 1), ""))
    if not edits:
        return
    yield Finding(
        span=Span(span.line, start + 2, span.line, end + 1),
        message=f"whitespace around the URL '{shorten(link.target)}'",
        severity=Severity.NOTICE,
        fix=Fix("remove the whitespace", tuple(edits)),
        key=f"padded:{link.target}",
    )


def _unbalanced_brackets(document: Document) -> Iterator[Finding]:
    """A stray ']' right after a link (``[[Paper](url)]]``) and a '[' right before one
    that nothing closes (``[[Code](url)``): both show on the page as a bracket.

    The brackets of each line with links are matched outside the links (and outside
    code spans); only an unmatched one touching a link is the link's.
    """
    by_line: dict[int, list[Link]] = {}
    for link in (*document.links, *document.unrendered_links):
        if link.parent is None and link.span.line == link.span.end_line:
            by_line.setdefault(link.span.line, []).append(link)
    for number, links in by_line.items():
        if not any(link.kind == "link" for link in links):
            continue
        masked = _outside_links(_without_code(document.lines[number - 1]), links)
        if "[" not in masked and "]" not in masked:
            continue  # the common line: every bracket belongs to a link
        if _balanced(masked):
            continue  # the next common line: links each in brackets, "[[Paper](…)]"
        opened: list[int] = []
        stray: list[int] = []
        for bracket in _BRACKET.finditer(masked):
            index = bracket.start()
            if bracket.group() == "[":
                opened.append(index)
            elif opened:
                opened.pop()
            else:
                stray.append(index)
        starts = {link.span.column - 2: link for link in links if link.kind == "link"}
        ends = {link.span.end_column - 1: link for link in links if link.kind == "link"}
        for index in opened:
            link = starts.get(index)
            if link is not None:
                yield Finding(
                    span=Span(number, index + 1, number, index + 2),
                    message=f"'[' before the link '{link.text}' has no ']': it shows as text",
                    key=f"open-bracket:{link.target}",
                )
        for index in stray:
            after = index
            while after > 0 and masked[after - 1] == "]":
                after -= 1  # "]]" right after a link: the first unmatched one
            link = ends.get(after)
            if link is not None:
                yield Finding(
                    span=Span(number, index + 1, number, index + 2),
                    message=f"stray ']' after the link '{link.text}': it shows as text",
                    key=f"stray-bracket:{link.target}",
                )


_BRACKET = re.compile(r"[\[\]]")


def _balanced(text: str) -> bool:
    """Whether every bracket of ``text`` is matched (no stray one to look for)."""
    brackets = "".join(_BRACKET.findall(text))
    for _ in range(3):  # brackets nested deeper are left to the scan (linear)
        brackets = brackets.replace("[]", "")
    return not brackets


def _outside_links(line: str, links: list[Link]) -> str:
    """The line with the links' own characters blanked (its length kept)."""
    ranges = sorted(
        (link.span.column - 1, min(link.span.end_column - 1, len(line))) for link in links
    )
    pieces: list[str] = []
    position = 0
    for start, end in ranges:
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(line[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(line[position:])
    return "".join(pieces)


def _without_code(line: str) -> str:
    """The line with its code spans blanked: brackets there are text."""
    if "`" not in line:
        return line
    return re.sub(r"(`+)(.+?)\1", lambda m: " " * len(m.group(0)), line)
