"""Facts about local files that links and images point at, gathered before the rules run.

Rules never touch the file system; they read a FileFacts built here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Document
from .record import Record
from .urls import local_path

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".avif"})


@dataclass(frozen=True, slots=True)
class LocalTarget:
    """What is on disk where a local link points."""

    path: str  # resolved, normalised path on disk (as a string, for stable keys)
    exists: bool  # exists with exactly this letter case
    actual: str | None  # the on-disk spelling when only the letter case differs
    is_dir: bool = False


@dataclass(eq=False, repr=False, slots=True)
class FileFacts(Record):
    """The files the run's local links and images name, looked up once."""

    targets: dict[tuple[str, str], LocalTarget] = field(default_factory=dict)
    # image files of each folder that holds a referenced image: folder -> file paths
    image_folders: dict[str, list[str]] = field(default_factory=dict)
    # (document path, target) of local links that leave the repository: never looked at
    outside: set[tuple[str, str]] = field(default_factory=set)

    def lookup(self, document: Document, target: str) -> LocalTarget | None:
        """What is on disk at a local link's target; None for web links and for targets
        outside the repository (see ``leaves_repository``)."""
        return self.targets.get((str(document.path), target))

    def leaves_repository(self, document: Document, target: str) -> bool:
        return (str(document.path), target) in self.outside

    def is_same_page(self, document: Document, target: str) -> bool:
        """Whether a local link leads back to the document itself: its own file
        (``README.md#x``, ``../docs/list.md#x``) or, for a README, its folder (``./#x``,
        ``/#x`` at the repository root), which GitHub shows by rendering that README."""
        found = self.lookup(document, target)
        if found is None or not found.exists:
            return False
        page = os.path.normpath(os.path.abspath(document.path))
        if found.path == page:
            return True
        is_readme = document.path.stem.lower() == "readme"
        return found.is_dir and is_readme and found.path == os.path.dirname(page)


def repo_root(start: Path) -> Path:
    """The nearest folder upward holding ``.git``: GitHub resolves ``/x.png`` from there.
    Outside git, ``start`` itself: local links are checked within it."""
    # normalised first: the parents of "/repo/../lists/seed" include "/repo", which is not
    # where the list is
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def is_inside(path: str, root: str) -> bool:
    """Whether the normalised absolute ``path`` is ``root`` or below it (by name only)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class _Boundary:
    """Whether a resolved target stays inside its repository, also through symlinks:
    a link inside the repository may point anywhere on disk."""

    def __init__(self) -> None:
        self._real_folders: dict[str, str] = {}

    def _real(self, folder: str) -> str:
        if folder not in self._real_folders:
            self._real_folders[folder] = os.path.realpath(folder)
        return self._real_folders[folder]

    def inside(self, resolved: str, root: str) -> bool:
        if not is_inside(resolved, root):
            return False  # decided by name alone: nothing outside is ever looked at
        if resolved == root:
            return True  # `./`, `/` at the root: the repository's own page (its parent is outside)
        real_root = self._real(root)
        if not is_inside(self._real(os.path.dirname(resolved)), real_root):
            return False  # a folder on the way is a symlink leading out
        if os.path.islink(resolved):
            return is_inside(os.path.realpath(resolved), real_root)
        return True


class _Listing:
    """Cached directory listings, to compare names with their exact letter case."""

    def __init__(self) -> None:
        self._names: dict[str, dict[str, str] | None] = {}
        self._exact: dict[str, bool] = {}

    def names(self, folder: str) -> dict[str, str] | None:
        if folder not in self._names:
            try:
                entries = os.listdir(folder or ".")
            except OSError:
                self._names[folder] = None
            else:
                self._names[folder] = {name: name for name in entries}
        return self._names[folder]

    def resolve(self, path: str) -> tuple[bool, str | None]:
        """(exists exactly, actual spelling if only the letter case differs)."""
        folder, name = os.path.split(path)
        names = self.names(folder)
        if names is not None and name in names and self._exact_folder(folder):
            return True, None  # the common case: one cached listing per folder
        parts = Path(path).parts  # absolute and normalised: no "." or ".."
        actual = parts[0]
        exact = True
        for part in parts[1:]:
            names = self.names(actual)
            if names is None:
                return False, None
            if part in names:
                actual = os.path.join(actual, part)
                continue
            folded = part.casefold()
            match = next((n for n in names if n.casefold() == folded), None)
            if match is None:
                return False, None
            exact = False
            actual = os.path.join(actual, match)
        return (True, None) if exact else (False, actual)

    def _exact_folder(self, folder: str) -> bool:
        """Whether every component of ``folder`` is spelled as on disk (matters on
        case-insensitive file systems, where a listing of "Images" works too)."""
        if folder not in self._exact:
            parent, name = os.path.split(folder)
            if not name or parent == folder:
                self._exact[folder] = True
            else:
                names = self.names(parent)
                self._exact[folder] = (
                    names is not None and name in names and self._exact_folder(parent)
                )
        return self._exact[folder]


def collect(documents: Iterable[Document], list_image_folders: bool = False) -> FileFacts:
    """Resolve every local link and image of the documents; with ``list_image_folders``
    also list the image files of each folder holding a referenced image (for AL204)."""
    facts = FileFacts()
    listing = _Listing()
    boundary = _Boundary()
    roots: dict[Path, Path] = {}
    for document in documents:
        folder = Path(os.path.abspath(document.path.parent))
        if folder not in roots:
            roots[folder] = repo_root(folder)
        for link in document.links:
            relative = local_path(link.target)
            if relative is None:
                continue
            key = (str(document.path), link.target)
            if key in facts.targets:
                continue
            root = os.path.normpath(roots[folder])
            if relative.startswith("/"):
                resolved = os.path.normpath(os.path.join(root, relative.lstrip("/")))
            else:
                resolved = os.path.normpath(os.path.join(folder, relative))
            if not boundary.inside(resolved, root):
                facts.outside.add(key)
                continue
            exists, actual = listing.resolve(resolved)
            is_dir = exists and not link.is_image and os.path.isdir(resolved)
            facts.targets[key] = LocalTarget(resolved, exists, actual, is_dir)
            if list_image_folders and link.is_image and exists:
                parent = os.path.dirname(resolved)
                if parent not in facts.image_folders:
                    facts.image_folders[parent] = _images_in(parent)
    return facts


def _images_in(folder: str) -> list[str]:
    try:
        with os.scandir(folder or ".") as entries:
            return sorted(
                entry.path
                for entry in entries
                if os.path.splitext(entry.name)[1].lower() in IMAGE_SUFFIXES and entry.is_file()
            )
    except OSError:
        return []
