"""HTML tags in markdown: found and read in linear time, whatever the input.

Lists embed HTML (``<img>``, ``<a>``, ``<details>``, ``<table>``, ``<p><b>``), and hostile
or broken input (thousands of unclosed ``<summary>`` or ``<a `` tags) must not make a
lint run quadratic, so every scan here moves forward only: a tag ends at the first ``>``
after its name (quotes respected within the tag), and once no ``>`` is left, no tag is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_TAG_START = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
_COMMENT_START = "<!--"
# One attribute: a name, optionally = and a value (quoted or not). Linear: each
# alternative consumes what it matches and nothing is re-scanned.
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


class Tag(NamedTuple):
    name: str  # lower case
    closing: bool
    start: int  # offset of "<"
    end: int  # offset after ">"
    source: str  # the whole tag text


class Attribute(NamedTuple):
    name: str  # lower case
    value: str  # as written (entities not decoded), "" when absent
    start: int  # offset of the value in the tag text (of the name when no value)


def _tag_end(text: str, position: int, limit: int) -> int:
    """The offset after the ``>`` closing a tag whose name ends at ``position``, or -1.

    Quoted attribute values may hold ``>``; an unclosed quote makes the tag end at the
    next ``>`` anyway (as browsers recover), so the scan never goes back.
    """
    close = text.find(">", position, limit)
    while close >= 0:
        quote = _first_quote(text, position, close)
        if quote < 0:
            return close + 1
        end_quote = text.find(text[quote], quote + 1, limit)
        if end_quote < 0:
            return close + 1
        position = end_quote + 1
        if position > close:
            close = text.find(">", position, limit)
    return -1


def _first_quote(text: str, start: int, end: int) -> int:
    double = text.find('"', start, end)
    single = text.find("'", start, end)
    if double < 0:
        return single
    if single < 0:
        return double
    return min(double, single)


def iter_tags(text: str, start: int = 0, end: int | None = None) -> Iterator[Tag]:
    """The tags of ``text[start:end]`` in order; comments are skipped whole."""
    limit = len(text) if end is None else end
    position = start
    while position < limit:
        less = text.find("<", position, limit)
        if less < 0:
            return
        if text.startswith(_COMMENT_START, less):
            close = text.find("-->", less + 4, limit)
            if close < 0:
                return
            position = close + 3
            continue
        match = _TAG_START.match(text, less, limit)
        if match is None:
            position = less + 1
            continue
        tag_end = _tag_end(text, match.end(), limit)
        if tag_end < 0:
            return  # no ">" closes it, so none closes a later tag either
        yield Tag(match.group(2).lower(), bool(match.group(1)), less, tag_end, text[less:tag_end])
        position = tag_end


def parse_tag(source: str) -> Tag | None:
    """One complete tag, as markdown-it's html_inline tokens give them."""
    for tag in iter_tags(source):
        return tag if tag.start == 0 else None
    return None


def attributes(tag: Tag) -> Iterator[Attribute]:
    text = tag.source
    match = _TAG_START.match(text)
    position = match.end() if match else 1
    for attribute in _ATTRIBUTE.finditer(text, position, len(text) - 1):
        for group in (2, 3, 4):
            if attribute.group(group) is not None:
                yield Attribute(
                    attribute.group(1).lower(), attribute.group(group), attribute.start(group)
                )
                break
        else:
            yield Attribute(attribute.group(1).lower(), "", attribute.start(1))


def anchor_names(tag: Tag) -> list[str]:
    """The in-page link targets a tag creates: its ``id`` or ``name`` (lenient: any tag)."""
    lowered = tag.source.lower()
    if "id" not in lowered and "name" not in lowered:
        return []
    return [a.value for a in attributes(tag) if a.value and a.name in ("id", "name")]


def is_comment(text: str) -> bool:
    """Whether ``text`` (a line, or an HTML block) is one HTML comment and nothing else."""
    stripped = text.strip()
    return stripped.startswith("<!--") and stripped.endswith("-->")
