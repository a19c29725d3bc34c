"""AL203 image-path-case: the file exists only with a different letter case."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..model import Document, Edit, Finding, Fix
from .context import RuleContext

CODE = "AL203"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for link in document.links:
        target = context.files.lookup(document, link.target)
        if target is None or target.actual is None:
            continue
        written = link.target.split("#", 1)[0].split("?", 1)[0]
        # the on-disk spelling, relative the way the link wrote it
        right = _respell(written, target.path, target.actual)
        fix = None
        span = link.target_span
        if span is not None and right != written and span.line == span.end_line:
            edit = Edit(
                type(span)(span.line, span.column, span.line, span.column + len(written)), right
            )
            fix = Fix(f"use '{right}'", (edit,))
        kind = "image" if link.is_image else "file"
        yield Finding(
            span=link.target_span or link.span,
            message=(
                f"{kind} '{written}' exists only as '{right}': the letter case differs, "
                f"which works on macOS and Windows but is broken on GitHub"
            ),
            fix=fix,
            key=f"case:{written}",
        )


def _respell(written: str, path: str, actual: str) -> str:
    """Apply the on-disk case to the trailing components of the written path, pairing
    them from the end; every written component is kept (``..`` and ``.`` as written)."""
    parts = written.split("/")
    actual_parts = actual.split(os.sep)
    for back in range(1, min(len(parts), len(actual_parts)) + 1):
        part, real = parts[-back], actual_parts[-back]
        if part in ("", ".", ".."):
            break  # the rest of the written path is navigation, not names
        if part.casefold() == real.casefold():
            parts[-back] = real
    return "/".join(parts)
