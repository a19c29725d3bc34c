"""AL002 arxiv-id-conflict: one arXiv ID on entries whose titles differ.

Online, both rows' titles are searched on arXiv: a confident match with another ID is
named in the message and offered as an unsafe fix (``arxiv_suggest``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .. import arxiv_suggest, titles
from ..model import Document, Entry, Finding, Related, Severity
from .context import RuleContext

CODE = "AL002"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset({"arxiv", "arxiv_search"})


def _related(a: Entry, b: Entry) -> bool:
    """Same paper (its title maybe misspelt once, or inside a longer one), or one paper's
    family (its dataset, benchmark, model rows).

    A row that names a dataset or benchmark and gives its paper's title apart (a "Name"
    column beside a "Paper" column: the entry has aliases) is that paper's companion: it
    reuses the paper's ID by design, whatever title it quotes (a stale one is AL004's).
    """
    if bool(a.aliases) != bool(b.aliases):
        return True
    return any(
        titles.same_paper_titles(x, y)
        or titles.are_aliases(x, y)
        or titles.contains_title(x, y)
        or titles.typo_difference(x, y) is not None  # one paper listed twice: AL001's
        or titles.near_equal(x, y)  # two wordings of one title: AL001's too
        for x in (a.title, *a.aliases)
        for y in (b.title, *b.aliases)
    )


# Rows of one ID compared pair by pair; the rows of an ID past this many are reported
# once, together (n rows sharing an ID cost n x n comparisons; issue 21).
PAIRWISE_LIMIT = 8


@dataclass(slots=True)
class _Crowd:
    """The rows of an ID past ``PAIRWISE_LIMIT`` whose titles are new."""

    ident: str
    first: Entry
    rows: list[Entry] = field(default_factory=list)
    titles_seen: set[str] = field(default_factory=set)


def _conflicts(document: Document) -> Iterator[tuple[str, Entry, Entry] | _Crowd]:
    """(ID, row, the earlier row it conflicts with) for each conflict; a crowd for the
    rows of an ID past the first ``PAIRWISE_LIMIT``."""
    holders: dict[str, list[Entry]] = {}
    crowds: dict[str, _Crowd] = {}
    for entry in document.entries:
        ref = entry.arxiv
        # titles that are known not to be titles can't differ (AL001 reports the shared ID)
        if ref is None or ref.canonical is None or not entry.title or not entry.title_understood:
            continue
        earlier = holders.setdefault(ref.canonical, [])
        if len(earlier) >= PAIRWISE_LIMIT:
            crowd = crowds.get(ref.canonical)
            if crowd is None:
                crowd = crowds[ref.canonical] = _Crowd(ref.canonical, earlier[0])
                crowd.titles_seen.update(titles.normalise(row.title) for row in earlier)
            title = titles.normalise(entry.title)
            if title not in crowd.titles_seen:
                crowd.titles_seen.add(title)
                crowd.rows.append(entry)
            continue
        # A row that agrees with any earlier holder of the ID is of that paper's family;
        # each pair is compared once, until both a conflict and an agreement are known.
        conflict: Entry | None = None
        agrees = False
        for other in earlier:
            if _related(other, entry):
                agrees = True
            elif conflict is None:
                conflict = other
            if agrees and conflict is not None:
                break
        earlier.append(entry)
        if conflict is not None and not agrees:
            yield ref.canonical, entry, conflict
    yield from (crowd for crowd in crowds.values() if crowd.rows)


def title_searches(document: Document, context: RuleContext) -> Iterator[Entry]:
    """Both rows of a conflict, unless arXiv's title for the ID confirms the row."""
    for found in _conflicts(document):
        if isinstance(found, _Crowd):
            continue  # a crowd of rows is a list's mistake, not one row's: no searches
        ident, entry, conflict = found
        for row in (conflict, entry):
            if not _confirmed(context, ident, row):
                yield row


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for found in _conflicts(document):
        if isinstance(found, _Crowd):
            yield _crowd_finding(document, found)
            continue
        ident, entry, conflict = found
        assert entry.arxiv is not None
        other = conflict.arxiv.span if conflict.arxiv is not None else conflict.span
        verdict = _registered(context, ident, entry, conflict)
        found_suggestions = [
            suggestion
            for row in (conflict, entry)
            if (suggestion := arxiv_suggest.suggest(row, ident, context.network)) is not None
        ]
        suggested = "".join(f"; {suggestion.words}" for suggestion in found_suggestions)
        fix = arxiv_suggest.fix(document, found_suggestions) if found_suggestions else None
        severity = _severity(entry, conflict)
        yield Finding(
            span=entry.arxiv.span,
            message=_message(ident, entry, conflict) + verdict + suggested,
            severity=severity,
            related=(Related(document.display_path, conflict.line, "the other row"),),
            key=f"arxiv:{ident}",
            fix=fix,
            mirror=Finding(
                span=other,
                message=_message(ident, conflict, entry) + verdict + suggested,
                severity=severity,
                related=(Related(document.display_path, entry.line, "the other row"),),
                key=f"arxiv:{ident}",
                fix=fix,
            ),
        )


# A table column or a heading that names a paper's companions: its rows reuse the ID of
# the paper that introduced them (a dataset, a benchmark, a metric) by design.
_COMPANIONS = re.compile(
    r"\b(?:data\s?sets?|benchmarks?|metrics?|evaluations?|leaderboards?|corpus|corpora)\b",
    re.IGNORECASE,
)


def _companion(entry: Entry) -> bool:
    """A dataset, benchmark or metric row: under such a heading or in such a table."""
    names = list(entry.section) + (entry.table.header if entry.table is not None else [])
    return any(_COMPANIONS.search(name) for name in names)


def _severity(entry: Entry, other: Entry) -> Severity | None:
    """The rule's error only when both titles are surely titles and the two rows are not
    a paper and its companion (a dataset's row against the method's): otherwise a notice.
    Two dataset rows of different titles under one ID are a conflict like any other."""
    if not (entry.title_confident and other.title_confident):
        return Severity.NOTICE
    if _companion(entry) != _companion(other):
        return Severity.NOTICE
    return None


_CROWD_LINES_SHOWN = 10


def _crowd_finding(document: Document, crowd: _Crowd) -> Finding:
    rows = crowd.rows
    first = rows[0]
    assert first.arxiv is not None
    lines = ", ".join(str(row.line) for row in rows[:_CROWD_LINES_SHOWN])
    more = f" and {len(rows) - _CROWD_LINES_SHOWN} more" if len(rows) > _CROWD_LINES_SHOWN else ""
    return Finding(
        span=first.arxiv.span,
        message=(
            f"arXiv {crowd.ident} is also the ID of {len(rows)} more rows with other titles "
            f"(lines {lines}{more}) after the {PAIRWISE_LIMIT} rows from line "
            f"{crowd.first.line}; the titles differ, so rows link the wrong paper"
        ),
        related=tuple(
            Related(document.display_path, row.line, "another row with this ID")
            for row in (crowd.first, *rows[1:_CROWD_LINES_SHOWN])
        ),
        key=f"arxiv:{crowd.ident}:crowd",
        # as for a pair: an error only when every title is one the reader is sure of
        severity=None
        if all(row.title_confident for row in (crowd.first, *rows))
        else Severity.NOTICE,
    )


def _confirmed(context: RuleContext, ident: str, row: Entry) -> bool:
    """arXiv's title for the ID is the row's (known only online)."""
    network = context.network
    record = network.arxiv.get(ident) if network is not None else None
    if network is None or record is None:
        return False
    names = titles.paper_titles(row.title, row.aliases)
    return any(titles.matches(n, record.title, network.title_similarity) for n in names)


def _registered(context: RuleContext, ident: str, entry: Entry, other: Entry) -> str:
    """Which row arXiv's own title for the ID confirms, when the network was asked."""
    network = context.network
    record = network.arxiv.get(ident) if network is not None else None
    if network is None or record is None:
        return ""
    rows = [row for row in (other, entry) if _confirmed(context, ident, row)]
    if len(rows) == 1:
        wrong = entry if rows[0] is other else other
        which = f"which matches line {rows[0].line}, not line {wrong.line}"
    else:
        which = "which matches both" if rows else "which matches neither"
    return f"; arXiv's title is '{record.title}', {which}"


def _message(ident: str, entry: Entry, other: Entry) -> str:
    return (
        f"arXiv {ident} is also the ID of '{other.title}' (line {other.line}), titled "
        f"'{entry.title}' here; the titles differ, so one of the two rows links the wrong "
        f"paper, or the paper was renamed"
    )
