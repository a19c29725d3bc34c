"""Comparing paper titles: normalisation and the alias test for shared arXiv IDs."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Words that mark a row as a companion of a paper (its dataset, benchmark, model release).
COMPANION_WORDS = frozenset(
    """bench benchmark dataset data instruct instruction chat model models suite corpus
    eval evaluation set tuning tuned demo code toolkit leaderboard pt sft""".split()
)


def normalise(title: str) -> str:
    """Case, punctuation and whitespace folded away: the key for equal titles."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def stem(title: str) -> str:
    """The name before the colon: ``ViP-LLaVA: Making...`` -> ``vip-llava``."""
    head = title.split(":", 1)[0] if ":" in title else title
    return unicodedata.normalize("NFKC", head).casefold().strip()


def _name_parts(name: str) -> list[str]:
    return [part for part in re.split(r"[\s\-_/.]+", name) if part]


def same_paper_titles(first: str, second: str) -> bool:
    """Titles that name the same paper (equal after normalisation)."""
    return bool(first) and normalise(first) == normalise(second)


def are_aliases(first: str, second: str) -> bool:
    """Whether two titles sharing one arXiv ID plausibly name one paper's family.

    A dataset, benchmark or model row often reuses its paper's ID (ViP-LLaVA,
    ViP-LLaVA-Instruct, ViP-Bench): they share a name stem. Chinese CLIP and TinyCLIP
    do not.
    """
    a, b = stem(first), stem(second)
    if not a or not b:
        return False
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    parts_a, parts_b = _name_parts(a), _name_parts(b)
    if parts_a and parts_b and parts_a[0] == parts_b[0] and len(parts_a[0]) >= 3:
        return True
    # one title carries the other's whole name: "LLaVA-Bench" vs "Visual Instruction
    # Tuning (LLaVA)"
    for name, other in ((a, second), (b, first)):
        key = normalise(name)
        if len(key) >= 4 and f" {key} " in f" {normalise(other)} ":
            return True
    words = set(_name_parts(a)) | set(_name_parts(b))
    return bool(words & COMPANION_WORDS) and _shares_name(parts_a, parts_b)


def _shares_name(parts_a: list[str], parts_b: list[str]) -> bool:
    """A shared distinctive name part of at least 3 letters (not a companion word)."""
    common = {p for p in parts_a if len(p) >= 3} & {p for p in parts_b if len(p) >= 3}
    return bool(common - COMPANION_WORDS)
