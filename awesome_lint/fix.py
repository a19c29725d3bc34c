"""fix: apply the edits rules attach to their findings (DESIGN section 3).

Fixes are data; this is the one place that applies them. Edits are applied to the file as
it is on disk (line endings and a byte-order mark kept), a fix whose edits overlap an
earlier fix's is left for the next run, and files are written atomically.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .model import Diagnostic, Edit

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what markdown-it counts as one line break


@dataclass(slots=True)
class FileFix:
    path: Path
    before: str
    after: str
    fixed: list[Diagnostic]


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]


def _offset(starts: list[int], text: str, line: int, column: int, bom: int) -> int:
    start = starts[line - 1] + (bom if line == 1 else 0)
    return min(start + column - 1, len(text))


def plan(
    diagnostics: Sequence[Diagnostic], paths: dict[str, Path], unsafe: bool = False
) -> list[FileFix]:
    """The fixes to apply, per file: non-overlapping, in order, safe ones unless asked."""
    by_file: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.fix is not None and (unsafe or diagnostic.fix.safe):
            by_file.setdefault(diagnostic.path, []).append(diagnostic)
    results = []
    for display, found in by_file.items():
        path = paths[display]
        with path.open(encoding="utf-8", newline="") as stream:  # line endings as they are
            before = stream.read()
        bom = 1 if before.startswith("\ufeff") else 0
        starts = _line_starts(before)
        chosen: list[tuple[int, int, str]] = []
        fixed = []
        taken: list[tuple[int, int]] = []
        for diagnostic in sorted(found, key=Diagnostic.sort_key):
            assert diagnostic.fix is not None
            edits = [_resolve(edit, starts, before, bom) for edit in diagnostic.fix.edits]
            if any(_overlaps(edit, taken) for edit in edits):
                continue  # the next run picks it up
            taken.extend((start, end) for start, end, _ in edits)
            chosen.extend(edits)
            fixed.append(diagnostic)
        after = before
        for start, end, replacement in sorted(chosen, reverse=True):
            after = after[:start] + replacement + after[end:]
        if after != before:
            results.append(FileFix(path, before, after, fixed))
    return results


def _resolve(edit: Edit, starts: list[int], text: str, bom: int) -> tuple[int, int, str]:
    span = edit.span
    start = _offset(starts, text, span.line, span.column, bom)
    end = _offset(starts, text, span.end_line, span.end_column, bom)
    return start, max(end, start), edit.replacement


def _overlaps(edit: tuple[int, int, str], taken: Iterable[tuple[int, int]]) -> bool:
    """Edits that share characters, or two insertions at one place (order unknown)."""
    start, end, _ = edit
    for other_start, other_end in taken:
        if start < other_end and other_start < end:
            return True
        if start == end == other_start == other_end:
            return True
    return False


def write(fix: FileFix) -> None:
    """Replace the file in one step: a crash never leaves it half-written."""
    mode = fix.path.stat().st_mode
    descriptor, temporary = tempfile.mkstemp(prefix=f".{fix.path.name}.", dir=fix.path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.write(fix.after)
        os.chmod(temporary, mode)
        os.replace(temporary, fix.path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def diff(fix: FileFix, display: str) -> str:
    return "".join(
        difflib.unified_diff(
            fix.before.splitlines(keepends=True),
            fix.after.splitlines(keepends=True),
            fromfile=f"a/{display}",
            tofile=f"b/{display}",
        )
    )
