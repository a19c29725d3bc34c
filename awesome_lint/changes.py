"""Changed-lines mode: which lines of which files changed since a git revision.

Reads ``git diff --unified=0`` (REFERENCE section 2). On a shallow checkout where the base
revision is missing (actions/checkout fetches one commit), it fetches the base commit once;
when that fails too, the caller lints everything and says so (AL901).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Diagnostic

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
FILTER_MODES = ("added", "file", "nofilter")


class BaseUnavailable(Exception):
    """The revision to compare with can't be found or fetched; the message says why."""


@dataclass(slots=True)
class ChangedLines:
    """Changed line numbers per absolute file path; a new (untracked) file is all new."""

    lines: dict[str, set[int]] = field(default_factory=dict)
    whole_files: set[str] = field(default_factory=set)

    def changed(self, path: Path, line: int) -> bool:
        key = str(path.absolute())
        return key in self.whole_files or line in self.lines.get(key, ())

    def touched(self, path: Path) -> bool:
        key = str(path.absolute())
        return key in self.whole_files or bool(self.lines.get(key))


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    return subprocess.run(
        ["git", "-c", "core.quotePath=off", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def event_base_sha() -> str | None:
    """The pull request's base commit from the GitHub event payload, if there is one."""
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return None
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    base = (event.get("pull_request") or {}).get("base") or {}
    sha = base.get("sha")
    return sha if isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{40}", sha) else None


def _resolve(ref: str, top: Path) -> str:
    """The commit of ``ref``, fetching it from origin once if the clone lacks it."""
    if ref == "auto":
        sha = event_base_sha()
        if sha is None:
            raise BaseUnavailable("no pull request base in GITHUB_EVENT_PATH")
        ref = sha
    found = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    if found.returncode == 0:
        return found.stdout.strip()
    # A shallow clone (actions/checkout's default) has only the merge commit: fetch the
    # base; GitHub serves any commit by its SHA.
    fetched = _git(["fetch", "--no-tags", "--depth=1", "origin", ref], top)
    if fetched.returncode != 0:
        reason = (fetched.stderr.strip().splitlines() or ["git fetch failed"])[-1]
        raise BaseUnavailable(f"'{ref}' is not in this clone and fetching it failed: {reason}")
    found = _git(["rev-parse", "--verify", "--quiet", "FETCH_HEAD^{commit}"], top)
    if found.returncode != 0:
        raise BaseUnavailable(f"'{ref}' could not be resolved after fetching it")
    return found.stdout.strip()


def changed_lines(ref: str, paths: Iterable[Path]) -> ChangedLines:
    """Lines added or modified in ``paths`` since ``ref`` (working tree against ``ref``)."""
    paths = [path.absolute() for path in paths]
    if not paths:
        return ChangedLines()
    folder = paths[0].parent
    top_result = _git(["rev-parse", "--show-toplevel"], folder)
    if top_result.returncode != 0:
        raise BaseUnavailable(f"{folder} is not in a git repository")
    top = Path(top_result.stdout.strip())
    commit = _resolve(ref, top)
    relative = [os.path.relpath(path, top) for path in paths]
    diff = _git(
        [
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-renames",
            commit,
            "--",
            *relative,
        ],
        top,
    )
    if diff.returncode != 0:
        raise BaseUnavailable(f"git diff against '{ref}' failed: {diff.stderr.strip()}")
    result = parse_diff(diff.stdout, top)
    tracked = _git(["ls-files", "--", *relative], top).stdout.splitlines()
    known = {str((top / name).absolute()) for name in tracked}
    for path in paths:  # files git does not know yet are new in every line
        if str(path) not in known:
            result.whole_files.add(str(path))
    return result


def parse_diff(text: str, top: Path) -> ChangedLines:
    """Added line numbers per file from ``git diff --unified=0`` output."""
    result = ChangedLines()
    current: set[int] | None = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            if name == "/dev/null":
                current = None
                continue
            name = name[2:] if name.startswith("b/") else name
            current = result.lines.setdefault(str((top / name).absolute()), set())
        elif line.startswith("@@") and current is not None:
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
