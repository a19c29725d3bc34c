"""AL306 arxiv-link-style: arXiv links not in the configured form (off by default)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import arxiv
from ..model import Document, Edit, Finding, Fix
from .context import RuleContext

CODE = "AL306"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    form = context.options["form"]
    version = context.options["version"]
    for link in document.links:
        if link.is_image or link.kind not in ("link", "autolink", "bare", "html-a"):
            continue
        found = arxiv.find_paper_id(link.target)
        if found is None or not found.parsed.ok or found.form in ("doi", "hf"):
            continue
        parsed = found.parsed
        problems = []
        if form != "any" and found.form != form:
            problems.append(f"a /{found.form}/ link where the list uses /{form}/")
        if version == "forbid" and parsed.version is not None:
            problems.append(f"pinned to v{parsed.version}")
        if version == "require" and parsed.version is None:
            problems.append("not pinned to a version")
        if not problems:
            continue
        keep_version = version != "forbid" and parsed.version is not None
        ident = parsed.canonical + (f"v{parsed.version}" if keep_version else "")
        wanted_form = found.form if form == "any" else form
        suggestion = f"https://arxiv.org/{wanted_form}/{ident}"
        fix = None
        if link.target_span is not None and version != "require":
            fix = Fix(f"use {suggestion}", (Edit(link.target_span, suggestion),))
        yield Finding(
            span=link.target_span or link.span,
            message=f"arXiv link style: {'; '.join(problems)} ({suggestion})",
            fix=fix,
            key=f"arxiv-style:{parsed.canonical}",
        )
