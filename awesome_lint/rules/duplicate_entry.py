"""AL001 duplicate-entry: the same paper listed twice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import titles
from ..arxiv import ARXIV_DOI_PREFIX, canonical_paper_url
from ..model import Document, Entry, Finding, Related, Severity
from ..urls import doi_of, host_of
from ..util import PAPER_HOSTS, on_host
from .context import RuleContext, titles_trusted

CODE = "AL001"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def _keys(entry: Entry, title: str) -> list[tuple[str, str]]:
    keys = []
    if len(title) >= 4:
        keys.append(("title", title))
    doi = next((d for link in entry.links if (d := doi_of(link.target)) is not None), None)
    if doi is not None and not doi.startswith(ARXIV_DOI_PREFIX):
        # a DOI names one paper whichever of its pages the link opens
        keys.append(("doi", doi))
    if entry.arxiv is not None and entry.arxiv.canonical:
        keys.append(("arxiv", entry.arxiv.canonical))
    elif doi is None and entry.paper is not None and entry.paper.target:
        host = host_of(entry.paper.target)
        url = canonical_paper_url(entry.paper.target)
        if on_host(host, PAPER_HOSTS) or url.endswith(".pdf"):
            keys.append(("url", url))
    return keys


# At most this many titles of a section are kept per near-title key: a key is shared only
# by titles one spot apart, so only a list built to be slow fills one (issue 21).
NEAR_BUCKET_LIMIT = 8


def _slip_keys(words: list[str], section: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Keys that two titles of ``section`` one slip apart (see ``titles.typo_difference``)
    share, as the hashes the near-title buckets are filed under: the keys a title is filed
    under, and the keys it looks for, each with the index of the word it leaves out (-1
    when none is: only a changed word is checked for a slip).

    A slip is one spot: one word changed (the titles agree elsewhere, and the word keeps
    its digits), a word gained or lost (one title is the other less a word), or words
    split or joined (the letters agree).
    """
    count = len(words)
    if count < titles.TYPO_MIN_WORDS:
        return [], []
    # The words around each spot are keyed by rolling hashes (a title's words without one
    # of them, in O(1) each: joining them took time square in the title's length). Equal
    # hashes of different words only add a candidate, which typo_difference turns down.
    base, modulus = _BASE, _MODULUS
    prefix = [0]
    rolling = 0
    for word in words:
        rolling = (rolling * base + hash(word)) % modulus
        prefix.append(rolling)
    whole = rolling
    # The section is hashed once and every key is one flat tuple headed by it (a tag
    # tells the kinds apart; a changed word's key is the only one of five fields).
    section_hash = hash(section)
    joined = hash((section_hash, _JOINED, "".join(words)))
    filed = [joined, hash((section_hash, _WHOLE, whole))]
    sought = [(joined, -1), (hash((section_hash, _LESS, whole)), -1)]
    powers = _powers(count)  # powers[k] == _BASE ** k % _MODULUS
    slip_words = titles.SLIP_WORDS
    for index in range(count):
        word = words[index]
        before = prefix[index]
        power = powers[count - 1 - index]  # _BASE ** (words after the one at index)
        suffix = (whole - prefix[index + 1] * power) % modulus
        digits = "" if word.isalpha() else _NOT_DECIMAL.sub("", word)
        # filed and sought alike: hashed once
        changed = hash((section_hash, index, before, suffix, digits))
        filed.append(changed)
        sought.append((changed, index))
        if word in slip_words:  # the only words a slip gains or loses
            rest = (before * power + suffix) % modulus
            filed.append(hash((section_hash, _LESS, rest)))
            sought.append((hash((section_hash, _WHOLE, rest)), -1))
    return filed, sought


_NOT_DECIMAL = re.compile(r"\D+")
_BASE = 1_000_003
_MODULUS = (1 << 61) - 1
_JOINED, _WHOLE, _LESS = "joined", "whole", "less"
_POWERS = [1]


def _powers(count: int) -> list[int]:
    """``_BASE ** k % _MODULUS`` for every k below ``count``, kept from title to title."""
    while len(_POWERS) < count:
        _POWERS.append(_POWERS[-1] * _BASE % _MODULUS)
    return _POWERS


def _why(kind: str, value: str) -> str:
    if kind == "title":
        return "the same title"
    if kind == "near-title":
        return "nearly the same title"
    if kind == "arxiv":
        return f"the same arXiv ID {value}"
    if kind == "doi":
        return f"the same DOI {value}"
    return "the same paper URL"


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    first_in_section: dict[tuple[str, str, str], Entry] = {}
    first_anywhere: dict[tuple[str, str], Entry] = {}
    # hash of (section, slip key) -> entries (an equal hash of another key only adds a
    # candidate, which typo_difference turns down)
    near: dict[int, list[tuple[Entry, set[str], list[str]]]] = {}
    reported: set[int] = set()
    for entry in document.entries:
        # a "title" the reader knows is none (an author list, a caption) names nothing
        title = titles.normalise(entry.title) if entry.title_understood else ""
        keys = _keys(entry, title)
        words = title.split()
        found: tuple[Entry, str, str, bool] | None = None
        for kind, value in keys:
            earlier = first_in_section.get((entry.section_key, kind, value))
            if earlier is not None and _same_paper(kind, earlier, entry):
                found = (earlier, kind, value, True)
                break
        filed, sought = _slip_keys(words, entry.section_key)
        if found is None:
            earlier = _near_title(near, entry, words, sought)
            if earlier is not None:
                found = (earlier, "near-title", titles.normalise(earlier.title), True)
        if found is None:
            for kind, value in keys:
                earlier = first_anywhere.get((kind, value))
                if earlier is not None and _same_paper(kind, earlier, entry):
                    found = (earlier, kind, value, False)
                    break
        for kind, value in keys:
            first_in_section.setdefault((entry.section_key, kind, value), entry)
            first_anywhere.setdefault((kind, value), entry)
        word_set = set(words)
        record = (entry, word_set, words)
        for key in filed:
            bucket = near.get(key)
            if bucket is None:
                near[key] = [record]
            elif len(bucket) < NEAR_BUCKET_LIMIT:
                bucket.append(record)
        if found is None:
            continue
        earlier, kind, value, same_section = found
        reported.add(id(entry))
        severity = None if same_section else Severity.NOTICE
        if kind == "title" and _extension(earlier, entry):
            severity = Severity.NOTICE
        if not _sure(kind, earlier, entry):
            severity = Severity.NOTICE  # a title the reader guessed: worth a look, no more
        if _named_apart(earlier, entry):
            severity = Severity.NOTICE  # two datasets or models of one paper, each named
        yield _listed_twice(
            document,
            entry,
            earlier,
            _message(entry, earlier, kind, value, same_section),
            _message(earlier, entry, kind, value, same_section),
            severity,
            f"{kind}:{value}",
        )
    yield from _two_wordings(document, reported)


def _named_apart(earlier: Entry, entry: Entry) -> bool:
    """Whether the two rows give the paper different names of their own (a Name column's
    "CLEVR-ATVC" and "Fruit-ATVC"): two things one paper introduced, each listed."""
    if earlier.form != "table" or entry.form != "table" or not (earlier.aliases and entry.aliases):
        return False  # an item's acronym may be a slip; a table's Name column names the row
    names = {titles.normalise(alias) for alias in earlier.aliases}
    return names.isdisjoint(titles.normalise(alias) for alias in entry.aliases)


def _sure(kind: str, earlier: Entry, entry: Entry) -> bool:
    """Whether the finding stands on what the reader is sure of: two confident titles, or
    titles that are understood and one arXiv ID or paper URL (the ID says it is one
    paper; the titles only confirm it)."""
    if earlier.title_confident and entry.title_confident:
        return True
    if not (earlier.title_understood and entry.title_understood):
        return False
    if kind in ("arxiv", "url", "doi"):
        return True
    a, b = earlier.arxiv, entry.arxiv
    return bool(a and b and a.canonical and a.canonical == b.canonical)


def _near_title(
    near: dict[int, list[tuple[Entry, set[str], list[str]]]],
    entry: Entry,
    words: list[str],
    sought: list[tuple[int, int]],
) -> Entry | None:
    """An earlier entry of the section whose title is this one's but for a slip."""
    word_set = set(words)
    candidates: dict[int, Entry] = {}
    for key, index in sought:
        for other, other_set, other_words in near.get(key, ()):
            # a slip changes one spot: at most two words out, one in
            if len(word_set ^ other_set) > 3:
                continue
            # a changed word: the one word that differs must be a slip
            if index >= 0 and not titles.word_slip(other_words[index], words[index]):
                continue
            candidates[id(other)] = other
    return next(
        (
            other
            for other in sorted(candidates.values(), key=lambda e: e.line)
            if titles.typo_difference(other.title, entry.title) is not None
        ),
        None,
    )


def _extension(a: Entry, b: Entry) -> bool:
    """Titles equal but for a "+" ("ISS" and "ISS++"): a paper and its extension, or a
    title copied from the paper it extends. Only the IDs could tell, so: a notice."""
    return titles.normalise(a.title, keep_plus=True) != titles.normalise(b.title, keep_plus=True)


def _message(entry: Entry, other: Entry, kind: str, value: str, same_section: bool) -> str:
    where = "in this section" if same_section else f"in section '{_section(other)}'"
    if kind == "title" and _extension(entry, other):
        return (
            f"'{entry.title}' has the title of line {other.line} {where} but for a "
            f"'+': a paper and its extension, or a title copied from the other row"
        )
    # a title the reader did not understand is not quoted as one
    title = f"'{entry.title}'" if entry.title_understood else "This entry"
    message = f"{title} is listed twice: {_why(kind, value)} as line {other.line} {where}"
    slip = titles.typo_difference(entry.title, other.title) if kind != "title" else None
    if slip is not None:
        mine, theirs = slip
        message += f"; the titles differ only by '{mine}'/'{theirs}'"
    ids = _arxiv_ids(entry, other)
    if kind == "title" and ids is not None:
        # one of the IDs is wrong: deleting the "duplicate" may lose the other paper
        message += (
            f", but the rows link different arXiv IDs ({ids[0]} here, {ids[1]} there): "
            f"one of them is wrong, or these are two papers under one title"
        )
    pages = _two_identities(entry, other) if kind == "title" else None
    if pages is not None:
        message += f"; one row links arXiv {pages[0]}, the other a venue page on {pages[1]}"
    return message


def _arxiv_ids(entry: Entry, other: Entry) -> tuple[str, str] | None:
    a, b = entry.arxiv, other.arxiv
    if a and b and a.canonical and b.canonical and a.canonical != b.canonical:
        return a.canonical, b.canonical
    return None


def _same_paper(kind: str, earlier: Entry, entry: Entry) -> bool:
    """The same ID or URL means the same paper when the titles agree, or differ by a slip
    ("Consitutional"/"Constitutional"); otherwise one row links the wrong paper (AL002)."""
    if kind == "title":
        # A full title twice is one paper even under two IDs (one of them is wrong); a
        # bare acronym under two IDs may be two papers sharing a name (CrossFormer).
        a, b = earlier.arxiv, entry.arxiv
        differ = bool(a and b and a.canonical and b.canonical and a.canonical != b.canonical)
        return not differ or len(titles.normalise(entry.title).split()) >= 4
    return (
        not earlier.title
        or not entry.title
        or not (earlier.title_understood and entry.title_understood)  # only the ID tells
        or titles.same_paper_titles(earlier.title, entry.title)
        or titles.typo_difference(earlier.title, entry.title) is not None
    )


def _section(entry: Entry) -> str:
    return " > ".join(entry.section) if entry.section else "(top)"


# Holders of one identity compared with each other: a toolbox repository linked from
# hundreds of rows is never one paper's, and comparing them all would be quadratic.
_MAX_HOLDERS = 12


def _identities(entry: Entry) -> list[tuple[str, str]]:
    """What identifies the paper of a row besides its title: its arXiv ID, its paper URL
    and its code repository."""
    keys = []
    if entry.arxiv is not None and entry.arxiv.canonical:
        keys.append(("arxiv", entry.arxiv.canonical))
    elif entry.paper is not None and entry.paper.target:
        keys.append(("url", canonical_paper_url(entry.paper.target)))
    if entry.repo:
        keys.append(("repo", entry.repo.lower()))
    return keys


def _two_wordings(document: Document, reported: set[int]) -> Iterator[Finding]:
    """One paper listed twice under two wordings of its title (a subtitle reworded, a
    word added) with the same arXiv ID, paper URL or code repository: within a section
    often a copied row re-typed, across sections the paper under two identities (its
    arXiv page and its venue page)."""
    holders: dict[tuple[str, str], list[Entry]] = {}
    for entry in document.entries:
        keys = _identities(entry)
        found = None
        if (
            id(entry) not in reported
            and entry.title_understood
            and len(titles.normalise(entry.title).split()) >= 4
        ):
            found = next(
                (
                    (other, kind, value)
                    for kind, value in keys
                    for other in holders.get((kind, value), ())
                    if _two_wordings_of_one(other, entry)
                ),
                None,
            )
        for key in keys:
            group = holders.setdefault(key, [])
            if len(group) < _MAX_HOLDERS:
                group.append(entry)
        if found is None:
            continue
        other, kind, value = found
        same_section = other.section_key == entry.section_key
        trusted = same_section and titles_trusted(entry, other)
        severity = Severity.ERROR if trusted else Severity.NOTICE
        where = "in this section" if same_section else f"in section '{_section(other)}'"
        yield _listed_twice(
            document,
            entry,
            other,
            _wordings_message(entry, other, kind, value, where),
            _wordings_message(other, entry, kind, value, where),
            severity,
            f"near-title:{kind}:{value}",
        )


def _listed_twice(
    document: Document,
    entry: Entry,
    earlier: Entry,
    message: str,
    mirror_message: str,
    severity: Severity | None,
    key: str,
) -> Finding:
    """The finding on the later entry, pointing at the first, with its mirror on the
    first entry (changed-lines mode reports that one when only the first changed)."""
    return Finding(
        span=entry.title_span or entry.span,
        message=message,
        severity=severity,
        related=(Related(document.display_path, earlier.line, "first listed here"),),
        key=key,
        mirror=Finding(
            span=earlier.title_span or earlier.span,
            message=mirror_message,
            severity=severity,
            related=(Related(document.display_path, entry.line, "listed again here"),),
            key=key,
        ),
    )


def _two_wordings_of_one(earlier: Entry, entry: Entry) -> bool:
    """Nearly equal titles (not two versions of a method) whose rows never link two
    different arXiv IDs (two IDs under near titles are AL002's or two papers)."""
    if not earlier.title_understood or _arxiv_ids(entry, earlier) is not None:
        return False
    return titles.near_equal(earlier.title, entry.title)


def _wordings_message(entry: Entry, other: Entry, kind: str, value: str, where: str) -> str:
    what = {
        "arxiv": f"the same arXiv ID {value}",
        "url": "the same paper URL",
        "repo": f"the same code repository {value}",
    }[kind]
    message = (
        f"'{entry.title}' is listed twice: two wordings of one title, with {what} as "
        f"line {other.line} {where} ('{other.title}')"
    )
    pages = _two_identities(entry, other)
    if pages is not None:
        message += f"; one row links arXiv {pages[0]}, the other a venue page on {pages[1]}"
    return message


def _two_identities(entry: Entry, other: Entry) -> tuple[str, str] | None:
    """(arXiv ID, venue host) when one row links arXiv and the other a venue's page."""
    for a, b in ((entry, other), (other, entry)):
        if a.arxiv is None or not a.arxiv.canonical or b.arxiv is not None:
            continue
        if b.paper is None:
            continue
        host = host_of(b.paper.target)
        if on_host(host, PAPER_HOSTS) and not on_host(host, ("arxiv.org",)):
            return a.arxiv.canonical, host
    return None
