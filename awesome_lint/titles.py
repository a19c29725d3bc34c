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


def name(title: str) -> str | None:
    """The short name a title gives its paper, if any.

    ``ViP-LLaVA: Making...`` -> ``vip-llava``; a title of at most three words is a name
    itself (``ViP-Bench``, ``AS-1B``); a long title without a colon has none.
    """
    head, colon, _ = title.partition(":")
    head = unicodedata.normalize("NFKC", head).casefold().strip()
    if colon and head and len(head.split()) <= 5:
        return head
    if not colon and head and len(head.split()) <= 3:
        return head
    return None


def _name_parts(value: str) -> list[str]:
    return [part for part in re.split(r"[\s\-_/.+]+", value) if part]


def same_paper_titles(first: str, second: str) -> bool:
    """Titles that name the same paper (equal after normalisation)."""
    return bool(first) and normalise(first) == normalise(second)


def _extends(longer: str, shorter: str) -> bool:
    """``vip-llava-instruct`` extends ``vip-llava``; ``clipa`` does not extend ``clip``."""
    return longer.startswith(shorter) and (
        len(longer) == len(shorter) or not longer[len(shorter)].isalnum()
    )


def are_aliases(first: str, second: str) -> bool:
    """Whether two titles sharing one arXiv ID plausibly name one paper's family.

    A dataset, benchmark or model row often reuses its paper's ID (ViP-LLaVA,
    ViP-LLaVA-Instruct, ViP-Bench): their names share a stem. Chinese CLIP and TinyCLIP
    do not; two different full titles are two different papers.
    """
    a, b = name(first), name(second)
    if a is None and b is None:
        return False
    if a is None or b is None:
        # a name against a full title: "LLaVA-Bench" vs "Visual Instruction Tuning (LLaVA)"
        short, full = (a, second) if a is not None else (b, first)
        assert short is not None
        key = normalise(short)
        return len(key) >= 4 and f" {key} " in f" {normalise(full)} "
    if a == b or _extends(a, b) or _extends(b, a):
        return True
    parts_a, parts_b = _name_parts(a), _name_parts(b)
    if parts_a[0] == parts_b[0] and len(parts_a[0]) >= 3:
        return True
    words = set(parts_a) | set(parts_b)
    common = {p for p in parts_a if len(p) >= 3} & {p for p in parts_b if len(p) >= 3}
    return bool(words & COMPANION_WORDS) and bool(common - COMPANION_WORDS)
