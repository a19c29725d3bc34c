"""The longest ordered subsequence: which items of a nearly sorted sequence stay put, so
that the others are the fewest that must move."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any


def kept_in_order(values: Sequence[Any], ascending: bool = True) -> set[int]:
    """Indices of a longest non-decreasing (or non-increasing) subsequence, O(n log n).

    Values must be comparable (numbers, tuples of numbers). Among equally long
    subsequences the earlier items are kept, so of two items that swapped places the
    later one is the one to move, as a reader going down the list meets it.
    """
    # Walking backwards keeps the earlier items on ties; backwards, ascending becomes
    # non-increasing, which the key turns into a non-decreasing search.
    backwards = list(reversed(values))
    keys = [_negate(value) for value in backwards] if ascending else backwards
    tails: list[Any] = []
    tail_index: list[int] = []
    previous: list[int] = []
    for index, key in enumerate(keys):
        position = bisect_right(tails, key)
        previous.append(tail_index[position - 1] if position else -1)
        if position == len(tails):
            tails.append(key)
            tail_index.append(index)
        else:
            tails[position] = key
            tail_index[position] = index
    kept: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        kept.add(len(values) - 1 - index)
        index = previous[index]
    return kept


def _negate(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(-part for part in value)
    return -value


def misplaced(values: Sequence[Any], ascending: bool = True) -> list[int]:
    """Indices of the fewest items whose removal leaves the sequence ordered."""
    kept = kept_in_order(values, ascending)
    return [index for index in range(len(values)) if index not in kept]
