"""AL302 malformed-link: link markup that renders wrong."""

from __future__ import annotations

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
