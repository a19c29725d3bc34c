"""AL103 toc-mismatch: in-page links to anchors no heading produces; the table of
contents missing a section or listing sections out of order."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from ..model import Document, Edit, Finding, Fix, Heading, Link, Related, Severity, TocBlock
from ..urls import in_page_anchor
from .context import RuleContext

CODE = "AL103"
# Anchors every page has.
BUILTIN_ANCHORS = frozenset({"", "top", "readme"})


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    slugs = {heading.slug for heading in document.headings} | document.anchors
    folded = {slug.casefold(): slug for slug in slugs}
    name = document.path.name
    for link in document.links:
        if link.is_image:
            continue
        anchor = in_page_anchor(link.target, name)
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
        close = _closest(anchor, slugs)
        hint = f"; did you mean '#{close[0]}'?" if close else ""
        yield Finding(
            span=span,
            message=f"no heading produces the anchor '#{anchor}'{hint}",
            fix=_fix(link, anchor, close[0], safe=False) if close else None,
            key=f"anchor:{anchor}",
        )
    yield from _contents(document)


def _closest(anchor: str, slugs: Iterable[str]) -> list[str]:
    import difflib  # only when an anchor is broken

    return difflib.get_close_matches(anchor, sorted(slugs), n=1, cutoff=0.75)


def _fix(link: Link, anchor: str, right: str, safe: bool = True) -> Fix | None:
    span = link.target_span
    if span is None or span.line != span.end_line or not link.target.endswith(anchor):
        return None
    start = span.end_column - len(anchor)
    edit = Edit(type(span)(span.line, start, span.line, span.end_column), right)
    return Fix(f"link to '#{right}'", (edit,), safe=safe)


def _resolve(document: Document, toc: TocBlock) -> list[tuple[Link, Heading, bool]]:
    """Each contents link with its heading; the flag says the anchor matched exactly."""
    by_slug = {heading.slug: heading for heading in document.headings}
    name = document.path.name
    resolved = []
    for link in toc.links:
        anchor = in_page_anchor(link.target, name) or ""
        heading = by_slug.get(anchor)
        exact = heading is not None
        if heading is None:
            # a broken anchor (reported above) still names its section
            close = _closest(anchor, by_slug)
            heading = by_slug[close[0]] if close else None
        if heading is not None:
            resolved.append((link, heading, exact))
    return resolved


def _contents(document: Document) -> Iterator[Finding]:
    """Sections missing from the contents, and contents out of order.

    Several lists may make up one table of contents, so a section listed by any of them
    counts. Sections before the first listed one (an introduction, tips) and back matter
    after the last one (Contributing, License) are not expected in it.
    """
    listed = [(toc, _resolve(document, toc)) for toc in document.tocs]
    present = {id(heading) for _, links in listed for _, heading, _ in links}
    reported: set[int] = set()
    for toc, links in listed:
        exact = [(link, heading) for link, heading, is_exact in links if is_exact]
        if not exact:
            continue
        levels = [heading.level for _, heading in exact]
        low, high = min(levels), max(levels)
        first = min(heading.line for _, heading in exact)
        last = max(heading.line for _, heading in exact)
        for heading in document.headings:
            if heading.line <= toc.end_line or heading.line < first:
                continue
            if heading.level < low:
                break  # the end of the part these contents cover
            if heading.level > high or id(heading) in present or id(heading) in reported:
                continue
            if heading.line > last and _back_matter(heading.text):
                continue
            reported.add(id(heading))
            yield Finding(
                span=heading.span,
                message=(
                    f"section '{heading.text}' is missing from the table of contents "
                    f"(line {toc.line})"
                ),
                related=(Related(document.display_path, toc.line, "table of contents"),),
                key=f"toc-missing:{heading.slug}",
            )
        for (_, before), (link, heading) in itertools.pairwise(exact):
            if heading.line < before.line:
                yield Finding(
                    span=link.span,
                    message=(
                        f"the contents list '{heading.text}' after '{before.text}', but the "
                        f"section comes before it (line {heading.line})"
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
)


def _back_matter(text: str) -> bool:
    lowered = text.casefold()
    return any(word in lowered for word in BACK_MATTER)
