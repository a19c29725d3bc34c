"""AL002 arxiv-id-conflict: one arXiv ID on entries whose titles differ."""

from __future__ import annotations

from collections.abc import Iterator

from .. import titles
from ..model import Document, Entry, Finding, Related
from .context import RuleContext

CODE = "AL002"


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    holders: dict[str, list[Entry]] = {}
    for entry in document.entries:
        ref = entry.arxiv
        if ref is None or ref.canonical is None or not entry.title:
            continue
        earlier = holders.setdefault(ref.canonical, [])
        conflict = next(
            (
                other
                for other in earlier
                if not titles.same_paper_titles(other.title, entry.title)
                and not titles.are_aliases(other.title, entry.title)
            ),
            None,
        )
        # Rows that agree with an earlier holder of the ID are that paper's family.
        agrees = any(
            titles.same_paper_titles(o.title, entry.title)
            or titles.are_aliases(o.title, entry.title)
            for o in earlier
        )
        earlier.append(entry)
        if conflict is None or agrees:
            continue
        yield Finding(
            span=ref.span,
            message=(
                f"arXiv {ref.canonical} is also the ID of '{conflict.title}' (line "
                f"{conflict.line}); the titles differ, so one of the two rows links the "
                f"wrong paper"
            ),
            related=(Related(document.display_path, conflict.line, "the other row"),),
            key=f"arxiv:{ref.canonical}",
        )
