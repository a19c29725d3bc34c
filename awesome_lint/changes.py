"""Changed-lines mode: which lines of which files changed since a git revision.

Reads ``git diff --unified=0`` (REFERENCE section 2). On a shallow checkout where the base
revision is missing (actions/checkout fetches one commit), it fetches the base commit once;
when that fails too, the caller lints everything and says so (AL901).

Every git call pins what its output depends on, so that no setting of the user's git
config changes what is parsed: prefixes (``diff.noprefix``, ``diff.mnemonicPrefix``), colour,
external diff drivers and textconv filters, hunk fusing (``diff.interHunkContext``), path
quoting (``core.quotePath``) and pathspec magic. Names are read as bytes and decoded the way
Python decodes file names, and every revision or file name goes after ``--end-of-options``
or ``--``, never where git could read it as an option.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess  # run lazily: most runs compare nothing with git

from .model import Diagnostic
from .record import Record

HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
FILTER_MODES = ("added", "file", "nofilter")
# git's C-style quoting of unusual file names (quote_c_style in git's quote.c)
_ESCAPES = {
    ord("a"): 7,
    ord("b"): 8,
    ord("t"): 9,
    ord("n"): 10,
    ord("v"): 11,
    ord("f"): 12,
    ord("r"): 13,
    ord('"'): 34,
    ord("\\"): 92,
}
# What the diff parser reads: one pinned form whatever the user's config says.
_DIFF_OPTIONS = (
    "--unified=0",
    "--inter-hunk-context=0",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-renames",
    "--no-relative",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)


class BaseUnavailable(Exception):
    """The revision to compare with can't be found or fetched; the message says why."""


class BadRevision(ValueError):
    """A revision that must not be handed to git (it would be read as an option), or one
    that names nothing in this clone: a usage error, never a reason to lint everything."""


@dataclass(eq=False, repr=False, slots=True)
class ChangedLines(Record):
    """Changed line numbers per absolute file path; a new (untracked) file is all new."""

    lines: dict[str, set[int]] = field(default_factory=dict)
    whole_files: set[str] = field(default_factory=set)

    def changed(self, path: Path, line: int) -> bool:
        key = str(path.absolute())
        return key in self.whole_files or line in self.lines.get(key, ())

    def touched(self, path: Path) -> bool:
        key = str(path.absolute())
        return key in self.whole_files or bool(self.lines.get(key))


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run git with its output made independent of the user's settings; bytes out."""
    env = {
        key: value
        for key, value in os.environ.items()
        # environment overrides of diff output, like their config counterparts
        if key not in ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_PAGER", "PAGER")
    }
    env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C", GIT_LITERAL_PATHSPECS="1")
    import subprocess

    return subprocess.run(
        ["git", "-c", "core.quotePath=false", "-c", "color.ui=never", "--no-pager", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=300,
    )


def _text(data: bytes) -> str:
    """git's output as Python reads file names: undecodable bytes survive as surrogates."""
    return os.fsdecode(data)


def _reason(result: subprocess.CompletedProcess[bytes], default: str) -> str:
    """git's own words: its first ``fatal:``/``error:`` line (the lines after it are
    advice that reads as nonsense alone), without the prefix."""
    lines = [line.strip() for line in _text(result.stderr).splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal:", "error:"):
            if line.startswith(prefix):
                return line[len(prefix) :].strip().rstrip(".") or default
    return lines[0].rstrip(".") if lines else default


_COMMIT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def _unknown(ref: str, top: Path) -> BadRevision:
    """The one line for a revision this clone does not have: what to do about it."""
    remote = _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"origin/{ref}^{{commit}}"], top
    )
    if remote.returncode == 0:
        advice = f"did you mean --changed-since origin/{ref}?"
    else:
        advice = (
            f"fetch it first (git fetch origin {ref}) or name a remote branch "
            f"(--changed-since origin/{ref})"
        )
    return BadRevision(
        f"--changed-since: '{ref}' is not a commit, branch or tag in this clone; {advice}"
    )


def check_revision(ref: str) -> str:
    """``ref`` if it can only be read as a revision; raises BadRevision otherwise."""
    if not ref.strip():
        raise BadRevision("--changed-since: the revision is empty")
    if ref.startswith("-"):
        raise BadRevision(
            f"--changed-since: {ref!r} starts with '-'; a revision never does (git would "
            f"read it as an option)"
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in ref):
        raise BadRevision(f"--changed-since: {ref!r} contains a control character")
    return ref


def event_base_sha() -> str | None:
    """The pull request's base commit from the GitHub event payload, if there is one."""
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return None
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(event, dict):
        return None
    base = (event.get("pull_request") or {}).get("base") or {}
    sha = base.get("sha") if isinstance(base, dict) else None
    return sha if isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{40}", sha) else None


def _resolve(ref: str, top: Path) -> str:
    """The commit of ``ref``, fetching it from origin once if the clone lacks it."""
    if ref == "auto":
        sha = event_base_sha()
        if sha is None:
            raise BaseUnavailable("no pull request base in GITHUB_EVENT_PATH")
        ref = sha
    check_revision(ref)
    found = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top)
    if found.returncode == 0:
        return _text(found.stdout).strip()
    if not _COMMIT_ID.fullmatch(ref):
        # a name the user typed: a typo or an unfetched branch must not widen the run
        raise _unknown(ref, top)
    # A commit ID the clone lacks: the pull request's base in a shallow checkout
    # (actions/checkout fetches one commit). Fetch it; GitHub serves any commit by its ID.
    fetched = _git(["fetch", "--no-tags", "--depth=1", "--end-of-options", "origin", ref], top)
    if fetched.returncode != 0:
        reason = _reason(fetched, "git fetch failed")
        raise BaseUnavailable(
            f"the base commit {ref[:12]} is not in this clone and fetching it from "
            f"origin failed: {reason}"
        )
    found = _git(["rev-parse", "--verify", "--quiet", "FETCH_HEAD^{commit}"], top)
    if found.returncode != 0:
        raise BaseUnavailable(f"the base commit {ref[:12]} could not be read after fetching it")
    return _text(found.stdout).strip()


def changed_lines(ref: str, paths: Iterable[Path]) -> ChangedLines:
    """Lines added or modified in ``paths`` since ``ref`` (working tree against ``ref``).

    Raises BadRevision for a ref git would read as an option, BaseUnavailable when the
    comparison can't be made.
    """
    check_revision(ref)
    paths = [path.absolute() for path in paths]
    if not paths:
        return ChangedLines()
    folder = paths[0].parent
    top_result = _git(["rev-parse", "--show-toplevel"], folder)
    if top_result.returncode != 0:
        raise BaseUnavailable(f"{folder} is not in a git repository")
    top = Path(_text(top_result.stdout).rstrip("\n"))
    commit = _resolve(ref, top)
    # git names files relative to its (symlink-resolved) top level; remember which of
    # ours each name is, so that results are keyed by the paths we were given
    ours: dict[str, str] = {}
    real_top = os.path.realpath(top)
    for path in paths:
        real = os.path.join(os.path.realpath(path.parent), path.name)
        ours.setdefault(Path(os.path.relpath(real, real_top)).as_posix(), str(path))
    relative = list(ours)
    diff = _git(["diff", *_DIFF_OPTIONS, "--end-of-options", commit, "--", *relative], top)
    if diff.returncode != 0:
        raise BaseUnavailable(f"git diff against '{ref}' failed: {_reason(diff, 'no reason')}")
    result = parse_diff(diff.stdout, top, ours)
    tracked = _git(["ls-files", "-z", "--", *relative], top)
    known = {_text(name) for name in tracked.stdout.split(b"\0") if name}
    for name, path in ours.items():  # files git does not know yet are new in every line
        if name not in known:
            result.whole_files.add(path)
    return result


def unquote_name(raw: bytes) -> bytes:
    """A file name as git's diff header writes it, without its quoting."""
    if not (raw.startswith(b'"') and raw.endswith(b'"') and len(raw) >= 2):
        # git ends a name holding a space with a TAB, for patch(1)
        return raw[:-1] if raw.endswith(b"\t") else raw
    body, out, index = raw[1:-1], bytearray(), 0
    while index < len(body):
        byte = body[index]
        if byte != ord("\\") or index + 1 == len(body):
            out.append(byte)
            index += 1
            continue
        following = body[index + 1]
        if following in _ESCAPES:
            out.append(_ESCAPES[following])
            index += 2
        elif body[index + 1 : index + 4].isdigit():  # octal: \303\251
            out.append(int(body[index + 1 : index + 4], 8) & 0xFF)
            index += 4
        else:
            out.append(following)
            index += 2
    return bytes(out)


def parse_diff(data: bytes, top: Path, ours: dict[str, str] | None = None) -> ChangedLines:
    """Added line numbers per file from ``git diff --unified=0`` output (pinned form).

    ``ours`` maps git's names (relative to ``top``) to the paths results are keyed by.
    """
    ours = ours or {}
    result = ChangedLines()
    current: set[int] | None = None
    for line in data.split(b"\n"):
        if line.startswith(b"+++ "):
            name = unquote_name(line[4:])
            if name == b"/dev/null" or not name.startswith(b"b/"):
                current = None
                continue
            relative = _text(name[2:])
            key = ours.get(relative) or str((top / relative).absolute())
            current = result.lines.setdefault(key, set())
        elif line.startswith(b"@@") and current is not None:
            match = HUNK.match(line)
            if match:
                start = int(match.group(1))
                count = int(match.group(2)) if match.group(2) is not None else 1
                current.update(range(start, start + count))
    return result


def keep(
    diagnostics: Iterable[Diagnostic], paths: dict[str, Path], changed: ChangedLines, mode: str
) -> list[Diagnostic]:
    """The findings changed-lines mode reports (reviewdog's filter modes).

    ``added``: findings on changed lines; a cross-entry finding counts when either entry
    changed and is reported on the changed one. ``file``: findings in changed files.
    ``nofilter``: everything. ``paths`` maps a diagnostic's path to its file.
    """
    if mode == "nofilter":
        return list(diagnostics)
    kept = []
    for diagnostic in diagnostics:
        path = paths[diagnostic.path]
        if mode == "file":
            if changed.touched(path):
                kept.append(diagnostic)
        elif changed.changed(path, diagnostic.span.line):
            kept.append(diagnostic)
        elif diagnostic.mirror is not None and changed.changed(path, diagnostic.mirror.span.line):
            kept.append(diagnostic.mirror)
    return kept
