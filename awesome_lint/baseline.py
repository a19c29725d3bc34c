"""Baselines for adopting the linter on an existing list: record today's findings, then
report only new ones.

Findings are matched by file, code, what is wrong (the rule's key: an arXiv ID, a title, a
URL) and a digest of their source line, never by line number, so edits elsewhere in the
file do not bring old findings back. Matching counts: two recorded duplicates excuse two.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .model import Diagnostic
from .printable import json_safe
from .util import write_atomically

VERSION = 1


class BaselineError(Exception):
    pass


def _identity(diagnostic: Diagnostic, path: str) -> tuple[str, str, str, str]:
    return (path, diagnostic.code, diagnostic.key, diagnostic.context)


def _relative(display: str, folder: Path) -> str:
    return Path(os.path.relpath(Path(display).absolute(), folder.absolute())).as_posix()


def write(path: Path, diagnostics: Iterable[Diagnostic], known_lines: dict[str, list[str]]) -> int:
    """Record the findings; ``known_lines`` maps each display path to the line digests of
    its entries, so that a later cross-entry finding can be placed on the new entry."""
    folder = path.parent
    rows = sorted(_identity(d, _relative(d.path, folder)) for d in diagnostics)
    data = {
        "tool": "awesome-lint",
        "version": VERSION,
        "findings": [
            {"path": p, "code": code, "key": key, "context": context}
            for p, code, key, context in rows
        ],
        "entries": {
            _relative(display, folder): sorted(set(contexts))
            for display, contexts in sorted(known_lines.items())
        },
    }
    try:
        write_atomically(path, json_safe(json.dumps(data, indent=1, ensure_ascii=False)) + "\n")
    except OSError as error:
        raise BaselineError(
            f"{path}: cannot write the baseline: {error.strerror or error}"
        ) from None
    return len(rows)


def read(path: Path) -> tuple[Counter[tuple[str, str, str, str]], dict[str, set[str]]]:
    if path.exists() and not path.is_file():  # a FIFO would block, a device never end
        raise BaselineError(f"{path}: not a regular file; not read")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(
            f"{path}: cannot read the baseline: {error.strerror or error}"
        ) from None
    except ValueError as error:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON: {error})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise BaselineError(f"{path}: not an awesome-lint baseline (version {VERSION})")
    try:
        findings = Counter(
            (row["path"], row["code"], row["key"], row["context"]) for row in data["findings"]
        )
        entries = {name: set(lines) for name, lines in (data.get("entries") or {}).items()}
    except (KeyError, TypeError, AttributeError):
        raise BaselineError(f"{path}: malformed baseline entry") from None
    return findings, entries


def new_only(path: Path, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics the baseline at ``path`` does not account for."""
    remaining, entries = read(path)
    folder = path.parent
    fresh = []
    for diagnostic in diagnostics:
        name = _relative(diagnostic.path, folder)
        identity = _identity(diagnostic, name)
        if remaining[identity] > 0:
            remaining[identity] -= 1
            continue
        known = entries.get(name, set())
        mirror = diagnostic.mirror
        if mirror is not None and diagnostic.context in known and mirror.context not in known:
            # a new row made an old one a duplicate: report it on the new row
            fresh.append(mirror)
        else:
            fresh.append(diagnostic)
    return fresh
