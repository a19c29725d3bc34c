"""Where awesome-lint keeps files of its own for a user (the network cache, markers of
config files already validated)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    """``<user cache dir>/awesome-lint``.

    ``$XDG_CACHE_HOME`` (when set and absolute) else ``~/.cache`` on Linux and other Unixes;
    ``~/Library/Caches`` on macOS (``$XDG_CACHE_HOME`` still wins when set);
    ``%LOCALAPPDATA%`` on Windows.
    """
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
