"""read: paths -> markdown files -> texts, with a clear message for bad input."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})


DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # config key max-file-size

# sha256 of the bytes each file held when it was read, by absolute path: the fixer writes
# only a file that still holds exactly what was linted (fix.py)
_digests: dict[Path, str] = {}


class InputError(Exception):
    """A path that can't be linted; the message names it."""


def digest_when_read(path: Path) -> str | None:
    """The sha256 of the bytes ``read_text`` read from ``path`` (None: not read)."""
    return _digests.get(path.absolute())


def expand(paths: Iterable[Path], excluded: Callable[[Path], bool] | None = None) -> list[Path]:
    """Files as given; folders become their markdown files (hidden folders and files
    ``excluded`` says are excluded skipped)."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            inside = sorted(_markdown_in(path))
            if not inside:
                raise InputError(f"{path}: no markdown files in this folder")
            if excluded is not None:
                inside = [file for file in inside if not excluded(file)]
            files = _within_repository(inside, path)
        elif path.exists():
            files = [_named_within_repository(path)]
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


def _within_repository(files: list[Path], folder: Path) -> list[Path]:
    """The files found in a folder, refusing a symlink that leads out of its repository:
    a list in a folder must not make awesome-lint read (and quote) a file from elsewhere
    on the machine. Such a link can be named in the config's ``exclude``."""
    from .files import is_inside, repo_root

    root = os.path.realpath(repo_root(folder.absolute()))
    for file in files:
        if file.is_symlink() and not is_inside(os.path.realpath(file), root):
            raise InputError(
                f"{file}: a symlink to {os.path.realpath(file)}, outside the repository; "
                f"not read (exclude it in the config)"
            )
    return files


def _named_within_repository(path: Path) -> Path:
    """A file named on the command line (or the Action's ``paths``, ``README.md`` by
    default), refused when a symlink, of the file or of a folder on its way, leads out of
    its repository: the same boundary as the folder walk's, since the repository decides
    what its ``README.md`` is."""
    from .files import is_inside, repo_root

    absolute = Path(os.path.abspath(path))
    real = os.path.realpath(absolute)
    if real == str(absolute):
        return path
    root = os.path.realpath(repo_root(absolute.parent))
    if not is_inside(real, root):
        raise InputError(f"{path}: a symlink to {real}, outside the repository; not read")
    return path


def _markdown_in(folder: Path) -> Iterable[Path]:
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        )
        for name in names:
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                yield Path(root) / name


def read_text(
    path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES, remember: bool = True
) -> str:
    """A markdown file's text; InputError names what is wrong with it.

    Only regular files are read (a FIFO, a device or a socket could block or never end),
    and at most ``max_bytes`` of them. With ``remember``, the sha256 of the bytes is kept
    for the fixer (``digest_when_read``), which writes only a file that still holds them;
    a run that fixes nothing need not hash (nor import hashlib).
    """
    data = _read_regular(path, display, max_bytes)
    if remember:
        import hashlib

        _digests[path.absolute()] = hashlib.sha256(data).hexdigest()
    return decode(data, display)


def decode(data: bytes, display: str) -> str:
    """Markdown bytes as text; InputError for a binary file or bytes that are not UTF-8."""
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


def _read_regular(path: Path, display: str, max_bytes: int) -> bytes:
    # O_NONBLOCK: opening a FIFO must not wait for a writer; no effect on regular files
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        mode = os.stat(path).st_mode  # a socket can't even be opened: say what it is
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise InputError(f"{display}: not a regular file ({_kind(mode)}); not read")
        descriptor = os.open(path, flags)
    except IsADirectoryError:
        raise InputError(f"{display}: is a folder") from None
    except OSError as error:
        raise InputError(f"{display}: cannot read: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as stream:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{display}: is a folder")
        if not stat.S_ISREG(mode):
            raise InputError(f"{display}: not a regular file ({_kind(mode)}); not read")
        try:
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise InputError(f"{display}: cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(
            f"{display}: larger than {_size(max_bytes)} (the max-file-size setting); not read"
        )
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _size(count: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= factor and count % factor == 0:
            return f"{count // factor} {unit}"
    return f"{count} bytes"
