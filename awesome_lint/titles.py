"""Comparing paper titles: normalisation and the alias test for shared arXiv IDs.

One normaliser, ``normalise``: case, punctuation and whitespace folded away. Titles from a
list are compared as the list writes them; a title registered on arXiv is written in
LaTeX (``$\\alpha$-CLIP``, ``Schr\\"{o}dinger``, ``\\textbf{Fast}``), so before it is compared
with a listed one both go through ``normalise(..., markup=True)``, which first spells
markup, Greek letters and accents the way lists write them (``alpha clip``,
``schrodinger``). Titles within one list share one way of writing, so AL001 compares
them without that step, which costs more than the rest of the normalisation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# The words of an ASCII text as ``_NON_WORD`` splits it, found in one pass (most titles are
# ASCII; splitting them this way takes half the time).
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
# Words that mark a row as a companion of a paper (its dataset, benchmark, model release).
COMPANION_WORDS = frozenset(
    """bench benchmark dataset data instruct instruction chat model models suite corpus
    eval evaluation set tuning tuned demo code toolkit leaderboard pt sft""".split()
)


@lru_cache(maxsize=2**16)  # the parser and several rules ask about each title
def normalise(title: str, keep_plus: bool = False, markup: bool = False) -> str:
    """Case, punctuation and whitespace folded away: the key for equal titles.

    ``keep_plus`` keeps a "+" as a word, which tells "ISS++" (a paper's extension, or a
    title copied from the paper it extends) from "ISS". ``markup`` first removes LaTeX
    markup and accents and spells Greek letters out, for a title registered on arXiv.
    """
    if markup:
        title = _without_markup(title)
    if title.isascii():
        folded = title.lower()  # (casefold of ASCII)
        if keep_plus:
            folded = folded.replace("+", " plus ")
        return " ".join(_ASCII_WORD.findall(folded))
    folded = unicodedata.normalize("NFKC", title).casefold()
    if keep_plus:
        folded = folded.replace("+", " plus ")
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


# Words a copied title may gain or lose without naming another paper.
_SLIP_WORDS = frozenset("a an the of for on in and with to via".split())
SLIP_WORDS = _SLIP_WORDS  # (AL001 keys titles one such word apart)
# Titles shorter than this many words are names (CrossFormer, SparseFormer): two names a
# letter apart are two papers, so only longer titles are compared for typos.
TYPO_MIN_WORDS = 4


# A title is compared with many others (AL001 compares each row with the rows sharing
# its ID, its section's near titles, …): its words are split once.
@lru_cache(maxsize=2**16)
def _words(title: str, fold: bool) -> tuple[str, ...]:
    if title.isascii():
        text = title.replace("+", " plus ")  # ISS++ is no slip
        return tuple(_ASCII_WORD.findall(text.lower() if fold else text))
    text = unicodedata.normalize("NFKC", title).replace("+", " plus ")
    return tuple(_NON_WORD.sub(" ", text.casefold() if fold else text).split())


def _common_ends(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` less their common prefix and then their common suffix: what lies
    between has the same edit distance, and neither first nor last letters agree."""
    length_a, length_b = len(a), len(b)
    shorter = min(length_a, length_b)
    start = 0
    while start < shorter and a[start] == b[start]:
        start += 1
    left = shorter - start
    end = 0
    while end < left and a[length_a - 1 - end] == b[length_b - 1 - end]:
        end += 1
    return a[start : length_a - end], b[start : length_b - end]


def _within_edits(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` and ``b`` are at most ``limit`` edits apart (``limit`` 0 to 2), without
    a distance table: once the common ends are gone, one edit is at most one letter each
    side; two edits are one at the first letter (replaced, dropped or added) and one more.
    """
    if abs(len(a) - len(b)) > limit:
        return False  # each edit changes the length by one at most
    a, b = _common_ends(a, b)
    if len(a) <= 1 and len(b) <= 1:
        return limit >= 1 or not (a or b)
    if limit < 2 or abs(len(a) - len(b)) > 2:
        return False
    return any(
        len(x) <= 1 and len(y) <= 1
        for x, y in (_common_ends(a[1:], b[1:]), _common_ends(a[1:], b), _common_ends(a, b[1:]))
    )


def _one_spot_possible(words_a: Sequence[str], words_b: Sequence[str]) -> bool:
    """A quick necessary test for ``typo_difference``: titles one slip apart differ, once
    their common first and last words are gone, by at most one word each side, or by
    words that join to the same letters (then the whole titles join to the same)."""
    start = 0
    shorter = min(len(words_a), len(words_b))
    while start < shorter and words_a[start] == words_b[start]:
        start += 1
    end = 0
    while end < shorter - start and words_a[-1 - end] == words_b[-1 - end]:
        end += 1
    if len(words_a) - start - end <= 1 and len(words_b) - start - end <= 1:
        return True
    return "".join(words_a) == "".join(words_b)


def typo_difference(first: str, second: str) -> tuple[str, str] | None:
    """The differing words of two titles that are one title but for a slip, else None.

    A slip is one spot where the titles differ: a misspelt or inflected word
    ("Consitutional"/"Constitutional", "Feedback"/"Feedbacks"), words split or joined
    ("Pre-training"/"Pretraining"), or a small word gained or lost ("a", "the", "for").
    A different number ("SAM 2", "v2", "3D"/"2D") is another paper, and so is any
    difference in a title of fewer than four words (names: CrossFormer/SparseFormer).
    Equal titles give None too: they are the same title, not a slip.
    """
    import difflib  # only for titles that already share an ID or a section key

    words_a, words_b = _words(first, True), _words(second, True)
    if words_a == words_b or min(len(words_a), len(words_b)) < TYPO_MIN_WORDS:
        return None
    if not _one_spot_possible(words_a, words_b):
        return None  # (most pairs compared: no sequence matching needed)
    spots = [
        op
        for op in difflib.SequenceMatcher(None, words_a, words_b).get_opcodes()
        if op[0] != "equal"
    ]
    if len(spots) != 1:
        return None
    _, i1, i2, j1, j2 = spots[0]
    part_a, part_b = " ".join(words_a[i1:i2]), " ".join(words_b[j1:j2])
    if re.sub(r"\D", "", part_a) != re.sub(r"\D", "", part_b):
        return None
    joined_a, joined_b = part_a.replace(" ", ""), part_b.replace(" ", "")
    if joined_a == joined_b:
        pass  # words split or joined
    elif not part_a or not part_b:
        if (part_a or part_b) not in _SLIP_WORDS:
            return None
    elif " " in part_a or " " in part_b:
        return None  # more than one word changed
    elif not word_slip(part_a, part_b):
        return None
    return _original(first, words_a, i1, i2), _original(second, words_b, j1, j2)


# Words that make a title name another version of a paper ("ISS++", "Extended", a
# journal version); numbers ("v2", "SAM 2", "3D") are compared too.
_VERSION_WORDS = frozenset("plus extended extension journal version".split())


@lru_cache(maxsize=2**16)
def version_marks(title: str) -> tuple[str, ...]:
    """The numbers and version words of a title, sorted: titles whose marks differ name
    different versions of a method, not one paper."""
    words = _words(title, True)
    numbers = _NUMBER.findall(" ".join(words))
    return tuple(sorted([*numbers, *(word for word in words if word in _VERSION_WORDS)]))


_NUMBER = re.compile(r"\d+")


def near_equal(first: str, second: str) -> bool:
    """Two wordings of one title: a subtitle reworded, words added or dropped
    ("PointThing: Cloud Registration using PointNet" / "PointThing: Robust and Efficient
    Cloud Registration using PointNet"). Equal titles are not near-equal; titles naming
    another version (``++``, ``v2``, ``Extended``, a journal version) or another method
    (the names before the colons differ) are not either. Only titles of four words or
    more are compared: shorter ones are names."""
    words_a, words_b = _words(first, True), _words(second, True)
    if words_a == words_b or min(len(words_a), len(words_b)) < TYPO_MIN_WORDS:
        return False
    if version_marks(first) != version_marks(second):
        return False
    if ":" in first and ":" in second:
        head_a, head_b = (normalise(t.partition(":")[0]) for t in (first, second))
        if head_a != head_b:
            return False
    import difflib  # only for titles that already share an ID or a repository

    # the words both titles keep, in order: reordered words ("Learning to Prompt …" and
    # "Conditional Prompt Learning …") are another title
    blocks = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).get_matching_blocks()
    kept = sum(block.size for block in blocks)
    shorter, longer = sorted((len(words_a), len(words_b)))
    return kept >= 0.8 * shorter and kept >= 0.6 * longer


def word_slip(first: str, second: str) -> bool:
    """Two words one slip apart: a plural, or a misspelling (case-folded words)."""
    shorter, longer = (second, first) if len(second) < len(first) else (first, second)
    # a short word one letter off is often another word (text/test); a plural is not
    plural = longer in (shorter + "s", shorter + "es")
    allowed = 0 if len(longer) < 5 else 1 if len(longer) < 8 else 2
    return plural or _within_edits(first, second, allowed)


def _original(title: str, folded: list[str], start: int, end: int) -> str:
    """The words ``folded[start:end]`` as the title writes them (case kept)."""
    words = _words(title, False)
    if len(words) != len(folded):  # case folding changed the word count (rare)
        words = folded
    return " ".join(words[start:end])


def contains_title(first: str, second: str) -> bool:
    """One title is the other with words around it ("The First SAM Survey: A
    Comprehensive Survey on …" and "A Comprehensive Survey on …"): the same paper, when
    the shorter has at least four words (shorter ones are names: "Visual Instruction
    Tuning" is in "Improved Baselines with Visual Instruction Tuning")."""
    a, b = normalise(first), normalise(second)
    shorter, longer = sorted((a, b), key=len)
    return len(shorter.split()) >= TYPO_MIN_WORDS and f" {shorter} " in f" {longer} "


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
    # "Panoptic-PartFormer" and "PanopticPartFormer++": one method, its extended version
    if len(a) >= 4 and _NON_WORD.sub("", a) == _NON_WORD.sub("", b):
        return True
    parts_a, parts_b = _name_parts(a), _name_parts(b)
    if parts_a[0] == parts_b[0] and len(parts_a[0]) >= 3:
        return True
    words = set(parts_a) | set(parts_b)
    common = {p for p in parts_a if len(p) >= 3} & {p for p in parts_b if len(p) >= 3}
    return bool(words & COMPANION_WORDS) and bool(common - COMPANION_WORDS)


# -- comparing with a registered title (arXiv) ---------------------------------------------

_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu "
    "xi omicron pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega"
).split()
_GREEK_LETTERS = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ϵ": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ϑ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "µ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "ο": "omicron",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "ς": "sigma",
    "τ": "tau",
    "υ": "upsilon",
    "φ": "phi",
    "ϕ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
}
_LATEX_ACCENT = re.compile(r"\\[`'^\"~=.uvHckrbd]\s*\{?\s*(\\?[A-Za-z])\s*\}?")
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+)\*?")
_LATEX_SYMBOL = re.compile(r"\\([^A-Za-z])")


def _latex_command(match: re.Match[str]) -> str:
    name = match.group(1)
    bare = name[3:] if name.startswith("var") and name[3:] in _GREEK else name
    if name.lower() in _GREEK or bare.lower() in _GREEK:
        return f" {bare.lower()} "
    return " "  # \textbf, \mathcal, \emph ...: keep only the argument


def _without_markup(title: str) -> str:
    """LaTeX markup, accents and Greek letters spelled as lists write them: ``$\\alpha$-CLIP``,
    ``α-CLIP`` and ``Alpha-CLIP`` all read ``alpha-CLIP``; ``\\textbf{Fast} {BERT}``
    reads ``Fast BERT``."""
    text = unicodedata.normalize("NFKC", title)
    text = _LATEX_ACCENT.sub(r"\1", text)
    text = _LATEX_COMMAND.sub(_latex_command, text)
    text = _LATEX_SYMBOL.sub(r"\1", text)
    text = text.replace("~", " ")
    text = "".join(
        f" {_GREEK_LETTERS[c.lower()]} " if c.lower() in _GREEK_LETTERS else c for c in text
    )
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def similarity(a: str, b: str) -> float:
    """Similarity of two titles in [0, 1] after ``normalise(..., markup=True)`` (1.0 = equal)."""
    import difflib  # online runs only

    na, nb = normalise(a, markup=True), normalise(b, markup=True)
    if na == nb:
        return 1.0
    if not na or not nb:
        return 0.0
    return difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio()


def paper_titles(title: str, aliases: Sequence[str] = ()) -> list[str]:
    """The titles worth comparing with a registered one: a bare short name ("AS-1B",
    "CoOp") names a dataset or method, not the paper, so only full titles count."""
    return [t for t in (title, *aliases) if t and (":" in t or len(t.split()) > 3)]


def matches(listed: str, registered: str, threshold: float) -> bool:
    """A listed title matches a registered one when similar enough, or when one is the
    other with a subtitle left off ("CyCLIP" for "CyCLIP: Cyclic Contrastive ...")."""
    a, b = normalise(listed, markup=True), normalise(registered, markup=True)
    if not a or not b:
        return True
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    head = normalise(registered.split(":", 1)[0], markup=True)
    if head and (a == head or a.startswith(head + " ")):
        return True
    return similarity(listed, registered) >= threshold
