"""Where awesome-lint keeps files of its own for a user (the network cache, markers of
config files already validated)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Set by the GitHub Action to a folder it restores and saves between runs; anyone may set it.
CACHE_DIR_VARIABLE = "AWESOME_LINT_CACHE_DIR"


def cache_dir_override() -> Path | None:
    """The folder named by ``$AWESOME_LINT_CACHE_DIR`` (absolute), if it is set."""
    value = os.environ.get(CACHE_DIR_VARIABLE, "").strip()
    return Path(value).expanduser().absolute() if value else None


def cache_dir() -> Path:
    """``$AWESOME_LINT_CACHE_DIR`` when set, else ``<user cache dir>/awesome-lint``.

    ``$XDG_CACHE_HOME`` (when set and absolute) else ``~/.cache`` on Linux and other Unixes;
    ``~/Library/Caches`` on macOS (``$XDG_CACHE_HOME`` still wins when set);
    ``%LOCALAPPDATA%`` on Windows.
    """
    override = cache_dir_override()
    if override is not None:
        return override
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if xdg and os.path.isabs(xdg):
            base = Path(xdg)
        elif sys.platform == "darwin":
            base = Path.home() / "Library" / "Caches"
        else:
            base = Path.home() / ".cache"
    return base / "awesome-lint"
