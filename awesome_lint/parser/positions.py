"""Source positions, one definition for the parser and the fixer.

A position is a 1-based line and a 1-based column counted in Unicode code points (a tab, a
wide character, an emoji and a combining mark are one column each); an end column is
exclusive. Lines break at ``\\r\\n``, ``\\r`` or ``\\n``, as markdown-it counts them; a
byte-order mark is not part of line 1.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..model import Span

LINE_BREAK = re.compile(r"\r\n?|\n")


def normalise_newlines(text: str) -> str:
    """The text the parser reads: no byte-order mark, every line break a ``\\n``."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return LINE_BREAK.sub("\n", text) if "\r" in text else text


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` (as on disk) starts."""
    return [0] + [match.end() for match in LINE_BREAK.finditer(text)]


def offset_of(starts: list[int], text: str, line: int, column: int) -> int:
    """The offset in ``text`` (as on disk) of a position; a leading BOM is skipped."""
    start = starts[min(line, len(starts)) - 1]
    if line == 1 and text.startswith("\ufeff"):
        start += 1
    return min(start + column - 1, len(text))


@dataclass(slots=True)
class Locator:
    """Maps offsets in an inline token's content to source positions."""

    line0: int  # 0-based source line of the content's first line
    starts: list[int]  # content offset where each content line starts
    columns: list[int]  # 0-based source column where each content line starts
    escapes: list[int] = field(default_factory=list)  # content offsets of unescaped `\|`

    def position(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self.starts, offset) - 1
        shift = bisect_right(self.escapes, offset) if self.escapes else 0
        return self.line0 + k + 1, self.columns[k] + offset - self.starts[k] + shift + 1

    def span(self, start: int, end: int) -> Span:
        if len(self.starts) == 1 and not self.escapes:  # one line: the common case
            line = self.line0 + 1
            base = self.columns[0] + 1
            return Span(line, base + start, line, base + max(end, start))
        line, column = self.position(start)
        if end <= start:
            return Span(line, column, line, column)
        if not self.escapes:
            k = line - self.line0 - 1
            if k >= 0 and (k + 1 == len(self.starts) or end - 1 < self.starts[k + 1]):
                # the end on the start's line (the common case): no second search
                return Span(line, column, line, column + end - start)
        end_line, end_column = self.position(end - 1)
        return Span(line, column, end_line, end_column + 1)


def paragraph_locator(content: str, line0: int, lines: list[str]) -> Locator:
    """A locator for block content whose k-th line is (a suffix of) source line line0+k."""
    starts = [0]
    columns = []
    parts = content.split("\n")
    for index, part in enumerate(parts):
        if index:
            starts.append(starts[-1] + len(parts[index - 1]) + 1)
        source = lines[line0 + index] if line0 + index < len(lines) else ""
        columns.append(locate(part, source))
    return Locator(line0, starts, columns)


def locate(part: str, source: str) -> int:
    """The source column where content line ``part`` starts (may be negative, see below).

    markdown-it strips a block's indentation from its lines, and where the indentation is
    a tab it strips only part of it, putting spaces in for the rest: ``\\tb`` in a list
    item becomes ``  b``. Those spaces are not in the source, so the content after them
    is found instead, and the column is counted back from there.
    """
    if source.endswith(part):
        return len(source) - len(part)
    stripped = source.rstrip()
    if stripped.endswith(part):
        return len(stripped) - len(part)
    core = part.lstrip(" ")
    lead = len(part) - len(core)
    if lead and core:
        if source.endswith(core):
            return len(source) - len(core) - lead
        found = source.find(core)
        if found >= 0:
            return found - lead
    return max(source.find(part), 0)
