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
# by titles alike but for one stretch of their words, so only a list built to be slow fills
# one (issue 21).
NEAR_BUCKET_LIMIT = 8
# A title's words are cut into this many stretches; titles one changed word apart agree on
# all the stretches but one (see ``_slip_keys``).
_STRETCHES = 3
# How a title found under a key is confirmed as one slip from another (a changed word's key
# is confirmed by the number of its stretch, 0 and up)
_JOINED, _GAINED = -1, -2


def _slip_keys(words: tuple[str, ...], section: str) -> list[tuple[int, int]]:
    """Keys that two titles of ``section`` one slip apart (see ``titles.typo_difference``)
    share, as the hashes the near-title buckets are filed under (a title is filed under
    the keys it looks for), each with how a title found under it is confirmed: joined,
    gained, or the number of the stretch where a word changed.

    A slip is one spot: words split or joined (the letters agree), a small word gained or
    lost (the words but the small ones agree), or one word changed, keeping its digits: a
    changed word lies in one of a title's three stretches of words, so the two titles
    share the key of the words outside it (and the digits inside it). Five keys a title
    rather than one a word. A key shared by titles that are no slip apart only adds a
    candidate, which ``_near_title`` turns down.
    """
    count = len(words)
    if count < titles.TYPO_MIN_WORDS:
        return []
    # The section is hashed once and every key is one flat tuple headed by it (a tag
    # tells the kinds apart).
    section_hash = hash(section)
    letters = "".join(words)
    slip_words = titles.SLIP_WORDS
    kept = (
        words
        if slip_words.isdisjoint(words)
        else tuple(word for word in words if word not in slip_words)
    )
    keys = [
        (hash((section_hash, _JOINED, letters)), _JOINED),
        (hash((section_hash, _GAINED, kept)), _GAINED),
    ]
    # a changed word keeps its digits: the digits of a stretch are part of its key
    digits = None if letters.isalpha() else _word_digits(words)
    for stretch in range(_STRETCHES):
        begin, end = _stretch(count, stretch)
        outside = words[:begin] + words[end:]
        inside = digits[begin:end] if digits is not None else None
        keys.append((hash((section_hash, count, begin, outside, inside)), stretch))
    return keys


_NOT_DECIMAL = re.compile(r"\D+")
_NOT_DECIMAL_OR_SPACE = re.compile(r"[^\d ]+")


def _word_digits(words: tuple[str, ...]) -> tuple[str, ...]:
    """The digits of each word, in one pass over the title."""
    return tuple(_NOT_DECIMAL_OR_SPACE.sub("", " ".join(words)).split(" "))


def _stretch(count: int, stretch: int) -> tuple[int, int]:
    """Where the ``stretch``-th of a title's stretches of words begins and ends."""
    return stretch * count // _STRETCHES, (stretch + 1) * count // _STRETCHES


def _one_changed_word(words: tuple[str, ...], other: tuple[str, ...], stretch: int) -> bool:
    """Whether titles of as many words differ in at most one, within ``stretch``, which
    keeps its digits and is a slip of the other (``titles.word_slip``)."""
    count = len(words)
    if len(other) != count:
        return False
    begin, end = _stretch(count, stretch)
    if words[:begin] != other[:begin] or words[end:] != other[end:]:
        return False
    changed = -1
    for index in range(begin, end):
        if words[index] != other[index]:
            if changed >= 0:
                return False
            changed = index
    if changed < 0:
        return True  # the same words: ``typo_difference`` turns them down
    mine, theirs = words[changed], other[changed]
    if not (mine.isalpha() and theirs.isalpha()) and (
        _NOT_DECIMAL.sub("", mine) != _NOT_DECIMAL.sub("", theirs)
    ):
        return False
    return titles.word_slip(theirs, mine)


def _one_word_gained(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether one title is the other less one of ``titles.SLIP_WORDS``."""
    longer, shorter = (words, other) if len(words) > len(other) else (other, words)
    if len(longer) != len(shorter) + 1:
        return False
    # where they first differ, the longer has the word gained (a gained word repeated,
    # "the the", may be dropped at any of its places: the first is as good)
    spot = next(
        (index for index, word in enumerate(shorter) if word != longer[index]), len(shorter)
    )
    return longer[spot] in titles.SLIP_WORDS and longer[spot + 1 :] == shorter[spot:]


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
    near: dict[int, list[tuple[Entry, tuple[str, ...]]]] = {}
    # the two-wordings findings come after the others, from the same pass
    holders: dict[tuple[str, str], list[Entry]] = {}
    two_wordings: list[Finding] = []
    for entry in document.entries:
        # a "title" the reader knows is none (an author list, a caption) names nothing
        title = titles.normalise(entry.title) if entry.title_understood else ""
        keys = _keys(entry, title)
        words = tuple(title.split())
        found: tuple[Entry, str, str, bool] | None = None
        for kind, value in keys:
            earlier = first_in_section.get((entry.section_key, kind, value))
            if earlier is not None and _same_paper(kind, earlier, entry):
                found = (earlier, kind, value, True)
                break
        slip_keys = _slip_keys(words, entry.section_key)
        # each key's bucket looked up once: searched, then filed into
        buckets = [near.get(key) for key, _ in slip_keys]
        if found is None and any(buckets):
            earlier = _near_title(entry, words, slip_keys, buckets)
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
        record = (entry, words)
        for (key, _), bucket in zip(slip_keys, buckets, strict=True):
            if bucket is None:
                near[key] = [record]
            elif len(bucket) < NEAR_BUCKET_LIMIT:
                bucket.append(record)
        wording = _two_wordings(document, entry, words, holders, found is not None)
        if wording is not None:
            two_wordings.append(wording)
        if found is None:
            continue
        earlier, kind, value, same_section = found
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
    yield from two_wordings


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
    entry: Entry,
    words: tuple[str, ...],
    slip_keys: list[tuple[int, int]],
    buckets: list[list[tuple[Entry, tuple[str, ...]]] | None],
) -> Entry | None:
    """An earlier entry of the section whose title is this one's but for a slip
    (``buckets``: the earlier titles filed under each of ``slip_keys``)."""
    candidates: dict[int, Entry] = {}
    word_set: set[str] | None = None
    for (_, confirm), bucket in zip(slip_keys, buckets, strict=True):
        for other, other_words in bucket or ():
            if confirm >= 0:
                if not _one_changed_word(words, other_words, confirm):
                    continue
            elif confirm == _GAINED and not _one_word_gained(words, other_words):
                continue
            # a slip changes one spot: at most two words out, one in
            if word_set is None:
                word_set = set(words)
            if len(word_set.symmetric_difference(other_words)) > 3:
                continue
            candidates[id(other)] = other
    if not candidates:
        return None
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


def _two_wordings(
    document: Document,
    entry: Entry,
    words: tuple[str, ...],
    holders: dict[tuple[str, str], list[Entry]],
    reported: bool,
) -> Finding | None:
    """One paper listed twice under two wordings of its title (a subtitle reworded, a
    word added) with the same arXiv ID, paper URL or code repository: within a section
    often a copied row re-typed, across sections the paper under two identities (its
    arXiv page and its venue page). ``holders``: the earlier entries by identity."""
    keys = _identities(entry)
    found = None
    if not reported and len(words) >= 4:
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
        return None
    other, kind, value = found
    same_section = other.section_key == entry.section_key
    trusted = same_section and titles_trusted(entry, other)
    severity = Severity.ERROR if trusted else Severity.NOTICE
    where = "in this section" if same_section else f"in section '{_section(other)}'"
    return _listed_twice(
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
