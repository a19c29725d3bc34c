"""markdown-it-py set up the way GitHub renders lists, plus source positions for inline links.

markdown-it gives block tokens a line map but no columns. To report exact spans we wrap the
inline rules that produce links and images and record, on the token they push, where the
construct starts and ends in the inline source (and where its destination is).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from types import SimpleNamespace
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.text_join import text_join
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .rule_dispatch import dispatch_block_rules, dispatch_inline_rules

InlineRule = Callable[[StateInline, bool], bool]

_NOT_SPACE = re.compile(r"[^ \t\n]*")

# token.meta key for (start, end, dest_start, dest_end) offsets in the inline source;
# dest_start is -1 for reference-style links (no inline destination).
POSITION = "awesome_lint_pos"


def _destination(src: str, start: int, end: int, label_end: int = -1) -> tuple[int, int]:
    """Offsets of the inline destination of the link ``src[start:end]``; (-1, -1) for a
    reference-style link.

    The link rule has already validated the construct, so the destination follows the
    "](" that closes the label (``label_end``, its "]"; else the last "](") and runs to
    the first whitespace (a title may follow) or the closing ")". A destination may hold
    "](" itself (``[x]([url](url))``, rendered as a link to nowhere).
    """
    if src[end - 1] != ")":
        return -1, -1
    if label_end >= start and src.startswith("](", label_end):
        opening = label_end
    else:
        opening = src.rfind("](", start, end)
    if opening < 0:
        return -1, -1
    pos = opening + 2
    while pos < end - 1 and src[pos] in " \t\n":
        pos += 1
    if src.startswith("<", pos):
        close = src.find(">", pos, end)
        return (pos, close + 1) if close >= 0 else (pos, pos)
    match = _NOT_SPACE.match(src, pos, end - 1)
    return pos, match.end() if match else pos


def _wrap(rule: InlineRule, token_type: str, first: str, autolink: bool = False) -> InlineRule:
    """Wrap an inline rule so the first ``token_type`` token it pushes carries positions.

    ``first`` is the character the rule's construct starts with: the rule is tried at
    every position the text rule stops at, and elsewhere it fails at once.
    """

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if state.src[start] != first:
            return False
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if silent:
            return True
        tokens = state.tokens
        for index in range(count, len(tokens)):
            token = tokens[index]
            if token.type == token_type:
                if autolink:  # the destination is everything between < and >
                    dest = (start + 1, state.pos - 1)
                else:
                    dest = _destination(state.src, start, state.pos, _label_end(state, start))
                token.meta[POSITION] = (start, state.pos, *dest)
                break
        return True

    return wrapped


def _label_end(state: StateInline, start: int) -> int:
    """Where the label of the link or image at ``start`` ends (its "]"), or -1; asked
    only when the construct holds "](" twice (else the one "](" is the label's end)."""
    if state.src.count("](", start, state.pos) < 2:
        return -1
    image = state.src.startswith("!", start)
    label = start + 1 if image else start
    if not state.src.startswith("[", label):
        return -1
    saved = state.pos
    try:
        return parseLinkLabel(state, label, not image)
    finally:
        state.pos = saved


# The characters a bare link destination runs over without a second look: all but
# spaces, ASCII controls, "\\" and parentheses.
_PLAIN_DESTINATION = re.compile(r"[^\x00-\x20\x7f\\()]+")


class Destination:
    """What markdown-it's link rules read of a parsed destination."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self) -> None:
        self.ok = False
        self.pos = 0
        self.str = ""


def link_destination(string: str, pos: int, maximum: int) -> Any:
    """markdown-it's ``parseLinkDestination``, with runs of plain characters skipped by
    one regular-expression match instead of a Python loop over each (a fifth of the
    inline parse of a list of links went there). Same result for every input."""
    if pos < maximum and string[pos] == "<":
        return parseLinkDestination(string, pos, maximum)  # rare: the original is fine
    start = pos
    result = Destination()
    level = 0
    plain = _PLAIN_DESTINATION.match
    while pos < maximum:
        run = plain(string, pos, maximum)
        if run is not None:
            pos = run.end()
            if pos >= maximum:
                break
        code = ord(string[pos])
        if code <= 0x20 or code == 0x7F:  # a space or an ASCII control ends it
            break
        if code == 0x5C:  # backslash
            if pos + 1 < maximum:
                if string[pos + 1] == " ":
                    break
                pos += 2
                continue
        elif code == 0x28:  # (
            level += 1
            if level > 32:
                return result
        elif code == 0x29:  # )
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return result
    result.str = unescapeAll(string[start:pos])
    result.pos = pos
    result.ok = True
    return result


def _as_written(url: str) -> str:
    return url


@cache
def markdown() -> MarkdownIt:
    """CommonMark with GFM tables and raw HTML, as GitHub renders README files."""
    return configured_markdown()


def configured_markdown(dispatch: bool = True) -> MarkdownIt:
    """A new instance of ``markdown()``'s parser; ``dispatch=False`` keeps markdown-it's
    rule chains as they are (tests compare the two)."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Targets are read from the source as written; the percent-encoded form markdown-it
    # makes for HTML output is never used, and making it costs a fifth of the parse.
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    rules: dict[str, Any] = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    md.inline.ruler.at("link", _wrap(rules["link"], "link_open", "["))
    md.inline.ruler.at("image", _wrap(rules["image"], "image", "!"))
    md.inline.ruler.at("autolink", _wrap(rules["autolink"], "link_open", "<", autolink=True))
    # this instance's own helpers (markdown-it's module is shared): a faster, equivalent
    # destination scan
    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkLabel=parseLinkLabel,
        parseLinkDestination=link_destination,
        parseLinkTitle=parseLinkTitle,
    )
    if dispatch:
        dispatch_inline_rules(md)
        dispatch_block_rules(md)
    return md


class _One:
    """The part of a core state text_join reads: the tokens to join."""

    def __init__(self, token: Token) -> None:
        self.tokens = [token]


def block_tokens(source: str) -> tuple[list[Token], dict[str, Any]]:
    """Block tokens, with inline tokens still unparsed (see ``parse_inline``).

    Parsing the inline content one token at a time, and dropping it once read, keeps
    the peak memory at the block tokens plus one cell instead of the whole tree.
    """
    md = markdown()
    state = StateCore(source, md, {})
    for rule in md.core.ruler.__rules__:
        if rule.enabled and rule.name not in ("inline", "text_join"):
            rule.fn(state)
    return state.tokens, state.env


def parse_inline(token: Token, env: dict[str, Any]) -> None:
    """Fill ``token.children`` the way markdown-it's inline and text_join rules do."""
    md = markdown()
    token.children = []
    md.inline.parse(token.content, md, env, token.children)
    text_join(_One(token))  # type: ignore[arg-type]
