"""markdown-it-py set up the way GitHub renders lists, plus source positions for inline links.

markdown-it gives block tokens a line map but no columns. To report exact spans we wrap the
inline rules that produce links and images and record, on the token they push, where the
construct starts and ends in the inline source (and where its destination is).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

InlineRule = Callable[[StateInline, bool], bool]

# token.meta key for (start, end, dest_start, dest_end) offsets in the inline source;
# dest_start is -1 for reference-style links (no inline destination).
POSITION = "awesome_lint_pos"


def _destination(state: StateInline, bracket: int) -> tuple[int, int]:
    """Offsets of the inline destination of the link whose label opens at ``bracket``."""
    label_end = state.md.helpers.parseLinkLabel(state, bracket, False)
    src = state.src
    pos = label_end + 1
    if label_end < 0 or pos >= len(src) or src[pos] != "(":
        return -1, -1
    pos += 1
    while pos < len(src) and src[pos] in " \t\n":
        pos += 1
    result = state.md.helpers.parseLinkDestination(src, pos, state.posMax)
    if result.ok:
        return pos, result.pos
    return pos, pos


def _wrap(rule: InlineRule, token_type: str, prefix: int) -> InlineRule:
    """Wrap an inline rule so the first ``token_type`` token it pushes carries positions."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if silent:
            return True
        tokens = state.tokens
        for index in range(count, len(tokens)):
            token = tokens[index]
            if token.type == token_type:
                if prefix >= 0:
                    dest = _destination(state, start + prefix)
                else:  # autolink: the destination is everything between < and >
                    dest = (start + 1, state.pos - 1)
                token.meta[POSITION] = (start, state.pos, *dest)
                break
        return True

    return wrapped


def _wrap_span(rule: InlineRule, token_type: str) -> InlineRule:
    """Wrap an inline rule so the token it pushes carries its start and end offsets."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            for token in state.tokens[count:]:
                if token.type == token_type:
                    token.meta[POSITION] = (start, state.pos, -1, -1)
                    break
        return True

    return wrapped


@cache
def markdown() -> MarkdownIt:
    """CommonMark with GFM tables and raw HTML, as GitHub renders README files."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    rules: dict[str, Any] = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    md.inline.ruler.at("link", _wrap(rules["link"], "link_open", 0))
    md.inline.ruler.at("image", _wrap(rules["image"], "image", 1))
    md.inline.ruler.at("autolink", _wrap(rules["autolink"], "link_open", -1))
    md.inline.ruler.at("html_inline", _wrap_span(rules["html_inline"], "html_inline"))
    md.inline.ruler.at("backticks", _wrap_span(rules["backticks"], "code_inline"))
    return md
