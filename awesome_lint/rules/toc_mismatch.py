"""AL103 toc-mismatch: in-page links to anchors no heading produces; the table of
contents missing a section or listing sections out of order."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

from ..model import (
    Document,
    Edit,
    Finding,
    Fix,
    Heading,
    Link,
    Related,
    Severity,
    Span,
    TocBlock,
)
from ..ordering import kept_in_order, misplaced
from ..urls import in_page_anchor
from ..util import label_key
from .context import RuleContext

CODE = "AL103"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()
# Anchors every page has.
BUILTIN_ANCHORS = frozenset({"", "top", "readme"})


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    slugs = {heading.slug for heading in document.headings} | document.anchors
    folded = {slug.casefold(): slug for slug in slugs}
    suggest = _Suggestions(slugs)
    for link in document.links:
        if link.is_image:
            continue
        anchor = _anchor(document, context, link.target)
        if anchor is None or anchor in slugs or anchor.lower() in BUILTIN_ANCHORS:
            continue
        span = link.target_span or link.span
        if anchor.casefold() in folded:
            right = folded[anchor.casefold()]
            yield Finding(
                span=span,
                message=f"anchor '#{anchor}' differs from the heading's '#{right}' in letter case",
                severity=Severity.NOTICE,
                fix=_fix(link, anchor, right),
                key=f"anchor:{anchor}",
            )
            continue
        close = suggest.closest(anchor)
        hint = f"; did you mean '#{close[0]}'?" if close else ""
        yield Finding(
            span=span,
            message=f"no heading produces the anchor '#{anchor}'{hint}",
            fix=_fix(link, anchor, close[0], safe=False) if close else None,
            key=f"anchor:{anchor}",
        )
    yield from _defined_twice(document)
    yield from _contents(document, context, suggest)


def _defined_twice(document: Document) -> Iterator[Finding]:
    """An id or name written twice: links reach only the first, so the second was
    usually meant to be another name. Reported on the second definition."""
    first: dict[str, Span] = {}
    for name, span in document.anchor_definitions:
        earlier = first.setdefault(name, span)
        if earlier == span:  # the first definition (or the same tag read twice)
            continue
        yield Finding(
            span=span,
            message=(
                f"anchor '#{name}' is defined again (first on line {earlier.line}): links "
                f"reach only the first one"
            ),
            related=(Related(document.display_path, earlier.line, "first definition"),),
            key=f"anchor-twice:{name}",
        )


def _anchor(document: Document, context: RuleContext, target: str) -> str | None:
    """The anchor of a link into this page: `#x`, `./#x`, `README.md#x`, and any local
    path that leads back to the page (`/#x` in the repository's root README)."""
    anchor = in_page_anchor(target, document.path.name)
    if anchor is None and "#" in target and context.files.is_same_page(document, target):
        return unquote(target.partition("#")[2])
    return anchor


class _Suggestions:
    """The anchor a broken one was likely meant to be, from an index of the anchors
    (each broken anchor looked up once: the contents check asks again).

    A slip in an anchor leaves its start or its end alone, so the candidates are the
    anchors next to it in order and in order of their reversed spelling; difflib compares
    only those (comparing every anchor with every broken one took n x n).
    """

    NEIGHBOURS = 3  # on each side, in each order

    def __init__(self, anchors: Iterable[str]) -> None:
        self.forward = sorted(anchors)
        self.anchors = frozenset(self.forward)
        self.backward = sorted(anchor[::-1] for anchor in self.forward)
        self.known: dict[str, list[str]] = {}

    def closest(self, anchor: str) -> list[str]:
        if anchor not in self.known:
            self.known[anchor] = self._closest(anchor)
        return self.known[anchor]

    def _closest(self, anchor: str) -> list[str]:
        import difflib  # only when an anchor is broken

        near = self.NEIGHBOURS
        candidates = set()
        at = bisect_left(self.forward, anchor)
        candidates.update(self.forward[max(at - near, 0) : at + near])
        reversed_anchor = anchor[::-1]
        at = bisect_left(self.backward, reversed_anchor)
        candidates.update(word[::-1] for word in self.backward[max(at - near, 0) : at + near])
        return difflib.get_close_matches(anchor, sorted(candidates), n=1, cutoff=0.75)


def _fix(link: Link, anchor: str, right: str, safe: bool = True) -> Fix | None:
    span = link.target_span
    if span is None or span.line != span.end_line or not link.target.endswith(anchor):
        return None
    start = span.end_column - len(anchor)
    edit = Edit(type(span)(span.line, start, span.line, span.end_column), right)
    return Fix(f"link to '#{right}'", (edit,), safe=safe)


# An id or name attribute in a heading's line or in the HTML line just above it:
# `### <h3 id="mllm">…`, `<a name="papers"></a>` then `## Papers`.
_ID_ATTRIBUTE = re.compile(r"""\b(?:id|name)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def _targets(document: Document) -> dict[str, Heading]:
    """Every anchor that scrolls to a heading: its slug, and inline-HTML ids at it."""
    by_anchor = {heading.slug: heading for heading in document.headings}
    if not document.anchors:
        return by_anchor
    for heading in document.headings:
        lines = [document.lines[heading.line - 1]] if heading.line <= len(document.lines) else []
        above = heading.line - 2
        while above >= 0 and not document.lines[above].strip():
            above -= 1
        if above >= 0 and document.lines[above].lstrip().startswith("<"):
            lines.append(document.lines[above])
        for line in lines:
            for match in _ID_ATTRIBUTE.finditer(line):
                if match.group(1) in document.anchors:
                    by_anchor.setdefault(match.group(1), heading)
    return by_anchor


def _resolve(
    document: Document,
    context: RuleContext,
    toc: TocBlock,
    by_anchor: dict[str, Heading],
    suggest: _Suggestions,
) -> list[tuple[Link, Heading, bool]]:
    """Each contents link with its heading; the flag says the anchor matched exactly.
    ``suggest``: an index of ``by_anchor``'s anchors."""
    resolved = []
    for link in toc.links:
        anchor = _anchor(document, context, link.target) or ""
        heading = by_anchor.get(anchor)
        exact = heading is not None
        if heading is None:
            # a broken anchor (reported above) still names its section
            close = suggest.closest(anchor)
            heading = by_anchor[close[0]] if close else None
        if heading is not None:
            resolved.append((link, heading, exact))
    return resolved


def _parents(headings: list[Heading]) -> dict[int, Heading | None]:
    """Each heading's parent: the nearest heading above it at a higher level."""
    parents: dict[int, Heading | None] = {}
    path: list[Heading] = []
    for heading in headings:
        while path and path[-1].level >= heading.level:
            path.pop()
        parents[id(heading)] = path[-1] if path else None
        path.append(heading)
    return parents


def _empty(document: Document, heading: Heading, following: Heading | None) -> bool:
    """A heading with nothing under it (a note set as a heading, a placeholder)."""
    if following is not None and following.level > heading.level:
        return False  # it has sub-sections
    end = following.line - 1 if following is not None else len(document.lines)
    return all(
        not line.strip() or _FILLER.fullmatch(line.strip())
        for line in document.lines[heading.line : end]
    )


_FILLER = re.compile(r"(?:[-*_]\s*){3,}|<!--.*-->|</?(?:br|hr|p|div)\s*/?>", re.IGNORECASE)


def _contents(document: Document, context: RuleContext, suggest: _Suggestions) -> Iterator[Finding]:
    """Sections missing from the contents, and contents out of order.

    Several lists may make up one table of contents, so a section listed by any of them
    counts. A section is expected when the contents list one of its siblings (same
    parent, same level): so the depth the contents go to is read per branch. Sections
    before the first listed one (an introduction, tips), back matter (Contributing,
    Citation, Star History) and empty headings are not expected in it.
    """
    by_anchor = _targets(document)
    if document.tocs and suggest.anchors != by_anchor.keys():
        suggest = _Suggestions(by_anchor)  # the page's other anchors are no sections
    listed = [(toc, _resolve(document, context, toc, by_anchor, suggest)) for toc in document.tocs]
    present = {id(heading) for _, links in listed for _, heading, _ in links}
    parents = _parents(document.headings)
    headings = document.headings
    following = {
        id(h): headings[i + 1] if i + 1 < len(headings) else None for i, h in enumerate(headings)
    }
    reported: set[int] = set()
    for toc, links in listed:
        exact = [(link, heading) for link, heading, is_exact in links if is_exact]
        if not exact:
            continue
        # only exact anchors say how deep the contents go: a broken one's guess may not
        covered = {(id(parents[id(heading)]), heading.level) for _, heading in exact}
        if toc.html:
            # HTML contents often sit beside HTML headings (<h2 id="x">), which are no
            # headings here: below the top level, parents can't be told apart
            top = min(heading.level for _, heading in exact)
            covered = {(parent, level) for parent, level in covered if level == top}
        first = min(heading.line for _, heading in exact)
        # contents that list no year ("## 2024") leave the years inside a topic to it
        lists_years = any(_YEAR_HEADING.match(heading.text) for _, heading in exact)
        for heading in document.headings:
            if heading.line <= toc.end_line or heading.line < first:
                continue
            if id(heading) in present or id(heading) in reported:
                continue
            if (id(parents[id(heading)]), heading.level) not in covered:
                continue  # the contents don't go this deep in this branch
            if _back_matter(heading.text) or _empty(document, heading, following[id(heading)]):
                continue
            if not lists_years and _YEAR_HEADING.match(heading.text):
                continue
            if label_key(heading.text) in toc.labels:
                continue  # named by the contents as a group label ("- **Background**")
            reported.add(id(heading))
            yield Finding(
                span=heading.span,
                message=(
                    f"section '{heading.text}' is missing from the table of contents "
                    f"(line {toc.line}), which lists the sections beside it"
                ),
                related=(Related(document.display_path, toc.line, "table of contents"),),
                key=f"toc-missing:{heading.slug}",
            )
        yield from _order(document, exact)


# A heading that is only a year: "2024", "2023:", "[2022]"
_YEAR_HEADING = re.compile(r"^\W*(?:19|20)\d\d\W*$")


def _order(document: Document, exact: list[tuple[Link, Heading]]) -> Iterator[Finding]:
    """Contents entries out of document order: the fewest that must move."""
    lines = [heading.line for _, heading in exact]
    kept = sorted(kept_in_order(lines))
    kept_lines = [lines[k] for k in kept]  # in order: where a section belongs is bisected
    for index in misplaced(lines):
        link, heading = exact[index]
        below = bisect_left(kept_lines, heading.line)  # kept sections above it
        above = bisect_right(kept_lines, heading.line)  # the first kept one below it
        after = exact[kept[below - 1]][1] if below else None
        before = exact[kept[above]][1] if above < len(kept) else None
        if after is not None and before is not None:
            where = f"between '{after.text}' and '{before.text}'"
        elif after is not None:
            where = f"after '{after.text}'"
        else:
            assert before is not None
            where = f"before '{before.text}'"
        yield Finding(
            span=link.span,
            message=(
                f"the contents list '{heading.text}' out of order: the section (line "
                f"{heading.line}) comes {where}"
            ),
            related=(Related(document.display_path, heading.line, "the section"),),
            key=f"toc-order:{heading.slug}",
        )


BACK_MATTER = (
    "contribut",
    "license",
    "licence",
    "acknowledg",
    "citation",
    "cite",
    "star history",
    "stargazers",
    "contact",
    "footnote",
    "sponsor",
    "related",
    "other awesome",
    "maintainer",
    "todo",
    "to do",
    "to-do",
    "changelog",
    "star-history",
)


def _back_matter(text: str) -> bool:
    lowered = text.casefold()
    return any(word in lowered for word in BACK_MATTER)
