"""read: paths -> markdown files -> Documents, with a clear message for bad input."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from .model import Document
from .parser import parse

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})


class InputError(Exception):
    """A path that can't be linted; the message names it."""


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders become their markdown files (hidden folders skipped)."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            inside = sorted(_markdown_in(path))
            if not inside:
                raise InputError(f"{path}: no markdown files in this folder")
            files = inside
        elif path.exists():
            files = [path]
        else:
            raise InputError(f"{path}: no such file or folder")
        for file in files:
            key = file.absolute()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def default_readme(folder: Path) -> Path:
    """The folder's README.md in any letter case (``readme.md``), as GitHub shows it."""
    wanted = folder / "README.md"
    if wanted.exists():
        return wanted
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
    except OSError:
        return wanted
    for name in names:
        if name.lower() == "readme.md":
            return folder / name
    return wanted  # "no such file" names what was looked for


def _markdown_in(folder: Path) -> Iterable[Path]:
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        )
        for name in names:
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                yield Path(root) / name


def read_markdown(path: Path, display: str, columns: Mapping[str, str] | None = None) -> Document:
    return parse(read_text(path, display), path, display, columns)


def read_text(path: Path, display: str) -> str:
    """A markdown file's text; InputError names what is wrong with it."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{display}: is a folder") from None
    except OSError as error:
        raise InputError(f"{display}: cannot read: {error.strerror or error}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{display}: binary file, not markdown")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise InputError(
            f"{display}:{line}: not valid UTF-8 (byte 0x{byte:02x} at offset {error.start})"
        ) from None
    return text
