"""GitHub heading anchors, following github-slugger 2.x (REFERENCE section 6)."""

from __future__ import annotations

import unicodedata

# Unicode categories github-slugger removes (it keeps Pc, so "_" survives).
_REMOVED_CATEGORIES = frozenset(
    {"No", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Cc", "Cf", "Co", "Cn"}
    | {"Zs", "Zl", "Zp"}
)


def _keep(char: str) -> bool:
    if char in " -":
        return True
    if unicodedata.category(char) not in _REMOVED_CATEGORIES:
        return True
    # Alphabetic symbols (circled letters) survive although their category is So.
    code = ord(char)
    return 0x24B6 <= code <= 0x24E9 or 0x1F130 <= code <= 0x1F189


def slugify(text: str) -> str:
    """The anchor for a heading's plain text, before duplicate suffixes."""
    return "".join(c for c in text.lower() if _keep(c)).replace(" ", "-")


class Slugger:
    """Hands out unique anchors in document order: ``x``, ``x-1``, ``x-2``..."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = slugify(text)
        result = base
        while result in self._seen:
            self._seen[base] += 1
            result = f"{base}-{self._seen[base]}"
        self._seen[result] = 0
        return result
