"""Did you mean: the one close match for a mistyped command, rule or config key."""

from __future__ import annotations

from collections.abc import Iterable

from . import catalog


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice ``word`` most likely meant (letter case ignored); None when nothing is
    close or two choices are equally close (a guess would mislead)."""
    by_lower = {choice.lower(): choice for choice in choices}
    wanted = word.lower()
    from difflib import SequenceMatcher, get_close_matches  # only for something mistyped

    matches = get_close_matches(wanted, list(by_lower), n=2, cutoff=cutoff)
    if not matches:
        return None
    if len(matches) == 2:
        first, second = (SequenceMatcher(None, wanted, m).ratio() for m in matches)
        if first == second:
            return None
    return by_lower[matches[0]]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"``, or nothing."""
    match = closest(word, choices)
    return f"; did you mean '{match}'?" if match else ""


def rule_hint(selector: str) -> str:
    """What to say after "unknown rule 'selector'": a close code or name, else where the
    rules are listed."""
    rules = catalog.load()
    choices = [*rules, *(info.name for info in rules.values())]
    return did_you_mean(selector, choices) or " (see `awesome-lint rules`)"
