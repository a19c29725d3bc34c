"""Dates as lists write them, read into comparable tuples: ``(year, month[, day])``.

``2024-03``, ``2024.03``, ``2024/03/12``, ``03/2024``, ``12/03/2024`` (month first unless
the first number can't be a month), ``Mar 2024``, ``25 Aug 2022``, ``Aug 25, 2022``, a bare
year. Shared by the rules and the parser (bullets end with ``(2024.05)`` or ``[2025.10]``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Every date starts with a digit or a month's first letter: the lookahead rejects any
# other position at once, where the four alternatives would each be tried (twice as fast).
_DATE = re.compile(
    rf"(?=[\d{''.join(sorted({name[0] for name in _MONTHS}))}])"
    rf"(?:(?<![\d.])(?P<y1>{_YEAR})(?P<sep>[-./])(?P<m1>1[0-2]|0?[1-9])"
    rf"(?:(?P=sep)(?P<d1>{_DAY}))?(?![\d]|[-./]\d)"
    rf"|(?<![\d.])(?:(?P<a2>\d{{1,2}})[-./])?(?P<b2>\d{{1,2}})[-./](?P<y2>{_YEAR})(?![\d])"
    rf"|\b(?:(?P<d3>{_DAY}){_ORDINAL}\s+)?(?P<mon>{_MONTH_NAME})\.?,?\s+"
    rf"(?:(?P<d4>{_DAY}){_ORDINAL},?\s+)?(?P<y3>{_YEAR})(?![\d])"
    rf"|(?<![\d.])(?P<y4>{_YEAR})(?![\d]|[-./]\d))",
    re.IGNORECASE,
)
# What may surround a date that is a cell's whole content: markup, brackets, a label.
# (Each end is matched once, the end by matching the reversed text: a search for a run
# that must reach the end would start again at every character of a long run.)
_LEADING_WRAP = re.compile(r"[\s*_`~\[\](){}<>|:,;-]*")
_TRAILING_WRAP = re.compile(r"[\s*_`~\[\](){}<>|:,;.-]*")


def _from_match(match: re.Match[str]) -> tuple[int, ...] | None:
    groups = match.groupdict()
    if groups["y1"]:
        parts = [int(groups["y1"]), int(groups["m1"])]
        if groups["d1"]:
            parts.append(int(groups["d1"]))
        return tuple(parts)
    if groups["y2"]:
        year, second = int(groups["y2"]), int(groups["b2"])
        if groups["a2"] is None:
            return (year, second) if 1 <= second <= 12 else None
        first = int(groups["a2"])
        month, day = (second, first) if first > 12 else (first, second)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return (year, month, day)
    if groups["y3"]:
        # casefold: IGNORECASE lets "ſep" (long s) match "sep", and "ſ".lower() is "ſ"
        month = _MONTHS[groups["mon"].casefold()]
        day = groups["d3"] or groups["d4"]
        return (int(groups["y3"]), month, int(day)) if day else (int(groups["y3"]), month)
    return (int(groups["y4"]),)


def parse_date(text: str) -> tuple[int, ...] | None:
    """The first date in ``text``, as ``(year,)``, ``(year, month)`` or
    ``(year, month, day)``; None when there is none."""
    for match in _DATE.finditer(text):
        found = _from_match(match)
        if found is not None:
            return found
    return None


class FoundDate(NamedTuple):
    key: tuple[int, ...]  # (year, month[, day])
    start: int  # where it is written in the text
    end: int


# Every date ``_DATE`` finds holds a year of this shape: text without one has no date.
_YEAR_SHAPED = re.compile(_YEAR)


def find_dates(text: str) -> list[FoundDate]:
    """Every date with at least a month in ``text``: ``2024.05``, ``[2025.3]``,
    ``05/2024``, ``2024-05-12``, ``25 Aug 2022``."""
    if not _YEAR_SHAPED.search(text):  # no year: the common case, answered at once
        return []
    found = []
    for match in _DATE.finditer(text):
        date = _from_match(match)
        if date is not None and len(date) >= 2:
            found.append(FoundDate(date, match.start(), match.end()))
    return found


def _wrapping_length(pattern: re.Pattern[str], text: str) -> int:
    match = pattern.match(text)  # a run of zero or more: always matches
    return match.end() if match else 0


def is_date(text: str) -> bool:
    """Whether ``text`` is a date and nothing else (markup and brackets aside)."""
    start = _wrapping_length(_LEADING_WRAP, text)
    end = len(text) - _wrapping_length(_TRAILING_WRAP, text[::-1])
    core = text[start : max(start, end)]
    match = _DATE.fullmatch(core)
    return match is not None and _from_match(match) is not None


def format_date(value: tuple[int, ...]) -> str:
    return "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(value))
