"""Text that is safe to show: characters that don't print are shown as escapes.

A list, a file name or a config value can carry characters that change how the rest of a
line is shown (bidi controls such as U+202E reverse it), that a log reader takes as a new
line (and GitHub as a new workflow command), or that can't be written at all (the
surrogates ``os.fsdecode`` makes of a file name that is not UTF-8). Every report passes
its strings through ``visible`` (text, annotations, job summary, messages on stderr) or
``json_safe`` (JSON and SARIF: the same escapes as JSON, so the data round-trips).
"""

from __future__ import annotations

import unicodedata

# control, format (bidi, zero-width), surrogate, unassigned, line and paragraph separators
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _hidden(character: str) -> bool:
    return unicodedata.category(character) in _HIDDEN_CATEGORIES


def _escape(character: str) -> str:
    code = ord(character)
    if character in _NAMED:
        return _NAMED[character]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with every character that does not print shown as an escape
    (``\\u202e``, ``\\n``, ``\\xe9`` for a byte of a non-UTF-8 file name)."""
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(_escape(c) if _hidden(c) else c for c in text)


def json_safe(rendered: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters that
    don't print written as JSON escapes: the same data, nothing hidden in the raw text,
    and always encodable (a lone surrogate becomes ``\\udce9``)."""
    if rendered.isascii():
        return rendered
    lines = rendered.split("\n")  # JSON's own line breaks; strings hold none raw
    for index, line in enumerate(lines):
        if not line.isprintable():
            lines[index] = "".join(_json_escape(c) if _hidden(c) else c for c in line)
    return "\n".join(lines)


def _json_escape(character: str) -> str:
    code = ord(character)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: the UTF-16 surrogate pair, as JSON writes it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
