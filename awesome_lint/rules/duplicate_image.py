"""AL202 duplicate-image: one local image used by two different entries."""

from __future__ import annotations

from collections.abc import Iterator

from .. import titles
from ..model import Document, Entry, Finding, Link, Related, Severity
from .context import RuleContext

CODE = "AL202"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def _same_paper(a: Entry, b: Entry) -> bool:
    """A cross-listed paper may show its figure in every section it appears in."""
    if a.arxiv and b.arxiv and a.arxiv.canonical and a.arxiv.canonical == b.arxiv.canonical:
        return True
    if not (a.title_understood and b.title_understood):
        return False  # only an ID could tell
    return titles.same_paper_titles(a.title, b.title)


# An image that this many different papers show in their text (not in a table's figure
# column) is an icon ("new", a venue's logo), not a figure.
ICON_USES = 3


def _in_figure_column(entry: Entry, image: Link) -> bool:
    cell = entry.image_cell
    return cell is not None and any(link is image for link in cell.links)


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    uses: dict[str, list[tuple[Entry, Link]]] = {}
    for entry in document.entries:
        seen_here: set[str] = set()
        for image in entry.images:
            target = context.files.lookup(document, image.target)
            if target is None or target.path in seen_here:
                continue
            seen_here.add(target.path)
            uses.setdefault(target.path, []).append((entry, image))
    for path, used in uses.items():
        papers: list[Entry] = []
        for entry, _ in used:
            if len(papers) >= ICON_USES:
                break  # enough to tell an icon: counting further costs n x n comparisons
            if not any(_same_paper(entry, paper) for paper in papers):
                papers.append(entry)
        if len(papers) >= ICON_USES and not any(_in_figure_column(e, i) for e, i in used):
            continue
        yield from _shared(document, path, used)


def _shared(document: Document, path: str, used: list[tuple[Entry, Link]]) -> Iterator[Finding]:
    """The later papers showing one figure, each against the first (sorted: findings
    come in document order)."""
    owner, first = used[0]
    key = f"image:{path.rsplit('/', 1)[-1]}"
    for entry, image in used[1:]:
        if _same_paper(owner, entry):
            continue
        # whether the two rows are one paper was judged by titles the reader guessed
        guessed = not (owner.title_confident and entry.title_confident)
        severity = Severity.NOTICE if guessed else None
        yield Finding(
            span=image.target_span or image.span,
            message=_message(image, owner),
            severity=severity,
            related=(Related(document.display_path, owner.line, "first used here"),),
            key=key,
            mirror=Finding(
                span=first.target_span or first.span,
                message=_message(first, entry),
                severity=severity,
                related=(Related(document.display_path, entry.line, "used again here"),),
                key=key,
            ),
        )


def _message(image: Link, other: Entry) -> str:
    if not other.title_understood:
        return f"figure '{image.target}' is also the figure of the entry at line {other.line}"
    return f"figure '{image.target}' is also the figure of '{other.title}' (line {other.line})"
