"""AL105 code-block-content: a list of papers indented into a code block."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding, Severity
from ..util import plural
from .context import RuleContext

CODE = "AL105"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for block in document.hidden_blocks:
        span = block.span
        if span.end_line > span.line:
            lines = f"lines {span.line}-{span.end_line} are"
        else:
            lines = f"line {span.line} is"
        yield Finding(
            span=span,
            message=(
                f"{lines} indented as a code block: GitHub shows "
                f"{plural(block.items, 'list item')} as raw text, hiding "
                f"{plural(block.papers, 'paper')} from readers and from the other checks "
                f"(indent less than four spaces past the enclosing list, or fence the block "
                f"if it is meant as code)"
            ),
            # one paper may be an example in a snippet: a notice
            severity=Severity.NOTICE if block.papers < 2 else None,
            key=f"code-block:{document.lines[span.line - 1].strip()}",
        )
