"""The per-section self-check of titles: after a document is read, each section's titles
are looked at as a whole.

Readers choose each entry's title on its own (``titlecheck.choose``); a section where
many titles are still no titles, or one text stands for several papers, was read the
wrong way. It is read again with the candidates every entry offers whatever its reader —
the paper link's text, the heading above a lone entry — and when no reading gives
plausible titles, its entries keep their IDs and links for the rules but their titles are
marked not understood, and one AL903 notice says so.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence

from ..model import Document, Entry, Heading, ParseProblem, Severity, Span
from .fields import GENERIC_LINK_TEXTS, LABEL_STRIP, clean, year_of_name
from .titlecheck import why_not_title

# A text shared by this many entries of one section names none of them (an author, a
# figure number, a section's name); two may be a paper listed twice (AL001's).
REPEATS = 3
# More than this share of implausible titles: the section was read the wrong way.
MANY = 1 / 3


def _implausible(entries: Sequence[Entry], title_of: Callable[[Entry], str]) -> list[Entry]:
    """The entries whose title (as ``title_of`` reads it) is not understood, no title, or
    one text shared by several papers."""
    read = [(entry, title_of(entry)) for entry in entries]
    counts = Counter(_key(title) for _, title in read)
    return [
        entry
        for entry, title in read
        if not title
        or why_not_title(title)
        or counts[_key(title)] >= REPEATS
        or (title_of is _own_title and not entry.title_understood)
    ]


def _key(title: str) -> str:
    return " ".join(title.casefold().split())


def _own_title(entry: Entry) -> str:
    return entry.title


def _paper_link_text(entry: Entry) -> str:
    link = entry.paper
    if link is None or link.has_image:
        return ""
    text = clean(link.text)
    return "" if text.strip(LABEL_STRIP).lower() in GENERIC_LINK_TEXTS else text


def _heading_above(entry: Entry) -> str:
    """The innermost heading, when it reads like a paper's title (three words or more)."""
    name = clean(entry.section[-1]) if entry.section else ""
    return name if len(name.split()) >= 3 and not year_of_name(name) else ""


READINGS: tuple[tuple[str, Callable[[Entry], str]], ...] = (
    ("link-text", _paper_link_text),
    ("heading", _heading_above),
)


def check_titles(document: Document) -> None:
    sections: dict[str, list[Entry]] = {}
    for entry in document.entries:
        sections.setdefault(entry.section_key, []).append(entry)
    heading_lines = [heading.line for heading in document.headings]
    for entries in sections.values():
        bad = _implausible(entries, _own_title)
        if not bad:
            continue
        if len(bad) <= MANY * len(entries):
            # a few odd rows in a section read right; a few repeats are duplicates (AL001)
            for entry in bad:
                if why_not_title(entry.title):
                    entry.title_understood = entry.title_confident = False
            continue
        if not _read_again(bad, entries, document.headings, heading_lines):
            _not_understood(document, entries)


def _read_again(
    bad: list[Entry], entries: list[Entry], headings: list[Heading], heading_lines: list[int]
) -> bool:
    """Give the implausible entries the first reading that makes every one of them a
    plausible, distinct title; whether one did."""
    bad_ids = {id(entry) for entry in bad}
    for source, reading in READINGS:

        def title_of(entry: Entry, reading: Callable[[Entry], str] = reading) -> str:
            return reading(entry) if id(entry) in bad_ids else entry.title

        if _implausible(bad, title_of) or _implausible(entries, title_of):
            continue
        for entry in bad:
            entry.title = title_of(entry)
            entry.title_source = source
            entry.title_confident = False  # a second reading is a guess
            entry.title_understood = True
            if source == "heading":
                entry.title_span = _heading_span(entry, headings, heading_lines)
            elif entry.paper is not None:
                entry.title_span = entry.paper.span
        return True
    return False


def _heading_span(entry: Entry, headings: list[Heading], lines: list[int]) -> Span | None:
    at = bisect_right(lines, entry.line) - 1
    return headings[at].span if at >= 0 else entry.title_span


def _not_understood(document: Document, entries: list[Entry]) -> None:
    for entry in entries:
        entry.title_understood = entry.title_confident = False
    first = entries[0]
    name = first.section[-1] if first.section else "(top)"
    count = len(entries)
    document.problems.append(
        ParseProblem(
            Span(first.span.line, 1, first.span.line, first.span.column + 1),
            f"titles not understood in section '{name}': {count} "
            f"entr{'y' if count == 1 else 'ies'} checked by ID and links only",
            severity=Severity.NOTICE,
        )
    )
