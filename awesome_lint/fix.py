"""fix: apply the edits rules attach to their findings (DESIGN section 3).

Fixes are data; this is the one place that applies them. Edits are applied to the file as
it was linted (line endings and a byte-order mark kept); a fix whose edits overlap an
earlier fix's is left for the next run.

Writing is careful (SECURITY.md):

- the file must still be byte-identical to what was linted (its digest is kept when it is
  read, ``sources.read_text``, and compared before anything is written, and again right
  before the replace); a file that changed is refused, never patched at stale positions;
- a symlink is followed: the real file is fixed and the link stays a link;
- a file without write permission is refused (even for root);
- the new text goes to a temporary file made by ``tempfile.mkstemp`` in the real file's
  folder, gets the file's mode, and replaces the file in one step;
- a file with several hard links is rewritten in place instead (a replace would split the
  links and leave the other names with the old text); that write is not atomic.

Applying N fixes, and showing them as a diff, is linear in N and the file's size.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import itertools
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import Diagnostic, Edit
from .parser.positions import line_starts, offset_of
from .sources import digest_when_read

CONTEXT_LINES = 3  # of a unified diff, as diff -u and git diff


class FixRefused(Exception):
    """A file the fixer will not write; the message names it and says why."""


@dataclass(slots=True)
class FileFix:
    path: Path
    display: str
    before: str
    after: str
    fixed: list[Diagnostic]
    digest: str  # of the bytes that were linted: the file must still hold them
    # the applied edits, as (start, end, replacement) offsets into ``before``, in order
    edits: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    fixes: list[FileFix]
    refused: list[str]  # one line per file that can't be fixed
    unsafe_left: int = 0  # findings whose fix is unsafe, left out without --unsafe-fixes


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def plan(diagnostics: Sequence[Diagnostic], paths: dict[str, Path], unsafe: bool = False) -> Plan:
    """The fixes to apply, per file: non-overlapping, in order, safe ones unless asked.

    A file that changed since it was linted (or was never read through
    ``sources.read_text``) is refused, not planned.
    """
    by_file: dict[str, list[Diagnostic]] = {}
    result = Plan([], [])
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        if unsafe or diagnostic.fix.safe:
            by_file.setdefault(diagnostic.path, []).append(diagnostic)
        else:
            result.unsafe_left += 1
    for display, found in by_file.items():
        path = paths[display]
        try:
            planned = _plan_file(path, display, found)
        except FixRefused as refusal:
            result.refused.append(str(refusal))
            continue
        if planned is not None:
            result.fixes.append(planned)
    return result


def _plan_file(path: Path, display: str, found: list[Diagnostic]) -> FileFix | None:
    expected = digest_when_read(path)
    if expected is None:
        raise FixRefused(f"{display}: not fixed: it was not read by this run")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FixRefused(f"{display}: not fixed: cannot read it: {error.strerror}") from None
    if digest(data) != expected:
        raise FixRefused(_changed(display))
    before = data.decode("utf-8")  # it decoded when it was linted: the same bytes do now
    starts = line_starts(before)
    chosen: list[tuple[int, int, str]] = []
    fixed = []
    taken = _Taken()
    for diagnostic in sorted(found, key=Diagnostic.sort_key):
        assert diagnostic.fix is not None
        edits = [_resolve(edit, starts, before) for edit in diagnostic.fix.edits]
        if edits and taken.done.issuperset(edits):
            fixed.append(diagnostic)  # two findings, one fix (AL002 and AL004 on a row)
            continue
        if any(taken.overlaps(start, end) for start, end, _ in edits):
            continue  # the next run picks it up
        taken.done.update(edits)
        for start, end, _ in edits:
            taken.add(start, end)
        chosen.extend(edits)
        fixed.append(diagnostic)
    chosen.sort(key=lambda edit: (edit[0], edit[1]))
    after = _apply(before, chosen)
    if after == before:
        return None
    return FileFix(path, display, before, after, fixed, expected, chosen)


def _changed(display: str) -> str:
    return f"{display}: not fixed: the file changed since it was read (run awesome-lint again)"


def _resolve(edit: Edit, starts: list[int], text: str) -> tuple[int, int, str]:
    """An edit's span (the parser's lines and columns) as offsets in the file on disk."""
    span = edit.span
    start = offset_of(starts, text, span.line, span.column)
    end = offset_of(starts, text, span.end_line, span.end_column)
    return start, max(end, start), edit.replacement


class _Taken:
    """The character ranges already claimed by chosen edits, sorted by (start, end), so
    that an overlap test is a binary search (fixes come mostly in file order: appends).

    Taken ranges are disjoint, except that an insertion may sit where a range starts: so
    only the neighbours of a new range's place can overlap it.
    """

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int]] = []
        self.done: set[tuple[int, int, str]] = set()  # the chosen edits themselves

    def overlaps(self, start: int, end: int) -> bool:
        """Shares characters with a taken range, or is a second insertion at one place
        (the order of two insertions is unknown)."""
        index = bisect.bisect_left(self.ranges, (start, -1))
        for other in self.ranges[max(index - 1, 0) : index + 2]:
            other_start, other_end = other
            if start < other_end and other_start < end:
                return True
            if start == end == other_start == other_end:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.ranges, (start, end))


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with the sorted, non-overlapping edits applied, in one pass."""
    pieces = []
    position = 0
    for start, end, replacement in edits:
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# --------------------------------------------------------------------------- writing


def write(fix: FileFix) -> None:
    """Write the fixed text, or raise FixRefused (one line naming the file).

    OSError is raised for a failure of the write itself.
    """
    real = Path(os.path.realpath(fix.path))  # a symlink: fix its target, keep the link
    try:
        info = os.stat(real)
    except OSError as error:
        raise FixRefused(f"{fix.display}: not fixed: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise FixRefused(f"{fix.display}: not fixed: not a regular file")
    if not info.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise FixRefused(f"{fix.display}: not fixed: the file is read-only")
    data = fix.after.encode("utf-8")
    if info.st_nlink > 1:
        _write_in_place(real, fix, data)
    else:
        _replace(real, fix, data, info)


def _replace(real: Path, fix: FileFix, data: bytes, info: os.stat_result) -> None:
    """Through a temporary file in the same folder, renamed over the file."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{real.name}.", suffix=".tmp", dir=real.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), stat.S_IMODE(info.st_mode))
            with contextlib.suppress(OSError):  # keep the owner when allowed (root)
                os.fchown(stream.fileno(), info.st_uid, info.st_gid)
            os.fsync(stream.fileno())
        # the last look: the file still holds what was linted
        if digest(real.read_bytes()) != fix.digest:
            raise FixRefused(_changed(fix.display))
        os.replace(temporary, real)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_in_place(real: Path, fix: FileFix, data: bytes) -> None:
    """For a file with several hard links: check and rewrite through one descriptor."""
    descriptor = os.open(real, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "r+b") as stream:
        if digest(stream.read()) != fix.digest:
            raise FixRefused(_changed(fix.display))
        stream.seek(0)
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


# --------------------------------------------------------------------------- diff


def diff(fix: FileFix, display: str) -> str:
    """A unified diff of the fix (``diff -u``'s format, 3 lines of context), built from
    the edits themselves: linear, where a general diff algorithm is not."""
    text = fix.before
    starts = line_starts(text)
    lines = _split_lines(text, starts)
    blocks = _blocks(text, starts, fix.edits)
    if not blocks:
        return ""
    groups: list[list[_Block]] = [[blocks[0]]]
    for block in blocks[1:]:  # blocks whose contexts touch share a hunk
        if block.first - groups[-1][-1].stop <= 2 * CONTEXT_LINES:
            groups[-1].append(block)
        else:
            groups.append([block])
    out = [f"--- a/{display}\n", f"+++ b/{display}\n"]
    shift = 0  # new line number - old line number, before the current hunk
    for group in groups:
        old_start = max(group[0].first - CONTEXT_LINES, 0)
        old_end = min(group[-1].stop + CONTEXT_LINES, len(lines))
        body: list[str] = []
        new_count = 0
        position = old_start
        for block in group:
            context = lines[position : block.first]
            new_lines = _split_lines(block.new_text)
            body += _mark(" ", context)
            body += _mark("-", lines[block.first : block.stop])
            body += _mark("+", new_lines)
            new_count += len(context) + len(new_lines)
            position = block.stop
        tail = lines[position:old_end]
        body += _mark(" ", tail)
        new_count += len(tail)
        old_count = old_end - old_start
        out.append(
            f"@@ -{_range(old_start + 1, old_count)} "
            f"+{_range(old_start + 1 + shift, new_count)} @@\n"
        )
        out.extend(body)
        shift += new_count - old_count
    return "".join(out)


@dataclass(slots=True)
class _Block:
    first: int  # the first old line changed (0-based)
    stop: int  # the old line after the last one changed
    new_text: str  # what replaces those lines


def _blocks(text: str, starts: list[int], edits: list[tuple[int, int, str]]) -> list[_Block]:
    """The sorted edits as runs of whole old lines and their new text: edits on one line
    share a block, and a block is extended until its new text ends at a line break."""

    def line_of(position: int) -> int:
        return bisect.bisect_right(starts, position) - 1

    def line_start(line: int) -> int:
        return starts[line] if line < len(starts) else len(text)

    line_count = len(starts) - (1 if starts[-1] == len(text) else 0)
    blocks = []
    index = 0
    while index < len(edits):
        start, end, _ = edits[index]
        first = line_of(start)
        stop = first + 1
        position = line_start(first)
        pieces = []
        while True:
            region_end = line_start(stop)
            while index < len(edits) and (
                edits[index][0] < region_end or edits[index][0] == region_end == len(text)
            ):
                start, end, replacement = edits[index]
                pieces.append(text[position:start])
                pieces.append(replacement)
                position = end
                stop = max(stop, line_of(max(end - 1, start)) + 1)
                region_end = line_start(stop)
                index += 1
            new_text = "".join(pieces) + text[position:region_end]
            if region_end < len(text) and not new_text.endswith(("\n", "\r")):
                stop += 1  # a line break was removed: the next line joins this one
                continue
            break
        blocks.append(_Block(first, min(stop, line_count), new_text))
    return blocks


def _split_lines(text: str, starts: list[int] | None = None) -> list[str]:
    """Lines with their line breaks, split where markdown-it splits them."""
    if not text:
        return []
    starts = starts if starts is not None else line_starts(text)
    lines = [text[a:b] for a, b in itertools.pairwise(starts)]
    if starts[-1] < len(text):
        lines.append(text[starts[-1] :])
    return lines


def _mark(sign: str, lines: list[str]) -> list[str]:
    marked = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            marked.append(sign + line)
        else:  # the file's last line has no line break
            marked.append(f"{sign}{line}\n\\ No newline at end of file\n")
    return marked


def _range(start: int, count: int) -> str:
    """A hunk range as diff -u writes it: ``start,count``, ``start`` alone for one line,
    and the line before for an empty range."""
    if count == 1:
        return str(start)
    if count == 0:
        return f"{start - 1},0"
    return f"{start},{count}"
