"""markdown-it's rule chains, tried only where a rule can match.

markdown-it tries every rule of a chain, in order, at each place: each block rule at
every line (and each paragraph-ending rule at every line of every paragraph, twice:
the setext-heading rule scans ahead too), each inline rule at every character that
ends a run of text. Most rules fail at once on the first character (a heading needs
"#", a link "["), so most of those calls are wasted: a fifth of the parse of a long
list. Here each chain becomes one rule that looks at that character and tries only
the rules that can start with it, in the chain's order. The tokens are the same
(tests/test_rule_dispatch.py compares them with markdown-it's own chains' on every
corpus list, fixture and hostile input, and on random markdown).

Rules this module does not know (a plugin's) are tried everywhere, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt

# The first character (after the line's indentation) each block rule needs. Rules not
# named here (table, code, the setext heading, paragraph) can match on any line.
BLOCK_FIRST_CHARACTERS: dict[str, str] = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}

# The character each inline rule needs at the current position. The text rule is tried
# first everywhere (it fails at once where a run of text ends).
INLINE_FIRST_CHARACTERS: dict[str, str] = {
    "linkify": ":",
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "*_",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}

_NO_CHARACTER = ""  # a blank line's, or a line's end


class _ChainByCharacter:
    """The rules of one chain that can match at a given character, in chain order."""

    __slots__ = ("by_character", "first", "rules")

    def __init__(self, rules: Sequence[tuple[str, Callable[..., bool]]], first: dict[str, str]):
        self.rules = list(rules)
        self.first = first
        self.by_character: dict[str, tuple[Callable[..., bool], ...]] = {}

    def at(self, character: str) -> tuple[Callable[..., bool], ...]:
        """Memoised per character: any character may come, from any script."""
        rules = tuple(
            fn
            for name, fn in self.rules
            if name not in self.first or (character and character in self.first[name])
        )
        self.by_character[character] = rules
        return rules


def _dispatch_chains(
    ruler: Any,
    first: dict[str, str],
    dispatcher: Callable[[_ChainByCharacter], Callable[..., bool]],
) -> None:
    """Put one dispatcher in place of each compiled chain of ``ruler``.

    Only the compiled chains change: the rules stay registered and enabled, so what asks
    which rules are on (markdown-it's code-block test asks for "code") sees them all, and
    any later change to the ruler recompiles markdown-it's own chains (slower, the same).
    """
    ruler.getRules("")  # compiles the chains
    compiled = getattr(ruler, "__cache__", None)
    if not isinstance(compiled, dict):
        return  # another markdown-it: its chains as they are
    names: dict[Any, str] = {}
    for rule in ruler.__rules__:
        names.setdefault(rule.fn, rule.name)
    for chain, functions in compiled.items():
        members = [(names.get(fn, ""), fn) for fn in functions]
        compiled[chain] = [dispatcher(_ChainByCharacter(members, first))]


def dispatch_block_rules(md: MarkdownIt) -> None:
    """Each block chain of ``md`` tries, at a line, only the rules that can start with its
    first character."""
    _dispatch_chains(md.block.ruler, BLOCK_FIRST_CHARACTERS, _block_dispatcher)


def _block_dispatcher(chain: _ChainByCharacter) -> Callable[..., bool]:
    by_character = chain.by_character
    at = chain.at

    def dispatch(state: Any, line: int, end: int, silent: bool) -> bool:
        position = state.bMarks[line] + state.tShift[line]
        character = state.src[position] if position < state.eMarks[line] else _NO_CHARACTER
        rules = by_character.get(character)
        if rules is None:
            rules = at(character)
        for rule in rules:  # noqa: SIM110 - a loop: any() of a generator costs more here
            if rule(state, line, end, silent):
                return True
        return False

    return dispatch


def dispatch_inline_rules(md: MarkdownIt) -> None:
    """``md``'s inline chain tries, at a position, only the rules that can start with the
    character there (and the text rule, first, everywhere)."""
    _dispatch_chains(md.inline.ruler, INLINE_FIRST_CHARACTERS, _inline_dispatcher)


def _inline_dispatcher(chain: _ChainByCharacter) -> Callable[..., bool]:
    by_character = chain.by_character
    at = chain.at

    def dispatch(state: Any, silent: bool) -> bool:
        character = state.src[state.pos]
        rules = by_character.get(character)
        if rules is None:
            rules = at(character)
        for rule in rules:  # noqa: SIM110 - as above
            if rule(state, silent):
                return True
        return False

    return dispatch
