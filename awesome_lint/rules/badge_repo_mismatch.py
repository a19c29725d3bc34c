"""AL303 badge-repo-mismatch: the star badge counts another repo's stars."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding
from ..urls import github_repo
from .context import RuleContext

CODE = "AL303"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    for entry in document.entries:
        badge = entry.badge
        if badge is None:
            continue
        span = badge.image.target_span or badge.image.span
        if not badge.owner or not badge.repo:
            yield Finding(
                span=span,
                message=f"star badge names no repository ('{badge.full_name}')",
                key=f"badge:{badge.full_name}",
            )
            continue
        shown = badge.full_name.casefold()
        wrapper = badge.image.parent
        wrapped_repo = github_repo(wrapper.target) if wrapper is not None else None
        if wrapped_repo and wrapped_repo.casefold() != shown:
            yield Finding(
                span=span,
                message=(f"star badge shows {badge.full_name} but links to {wrapped_repo}"),
                key=f"badge:{badge.full_name}",
            )
            continue
        if entry.repo and entry.repo_link is not wrapper and entry.repo.casefold() != shown:
            yield Finding(
                span=span,
                message=(
                    f"star badge shows {badge.full_name} but the row's code link is {entry.repo}"
                ),
                key=f"badge:{badge.full_name}",
            )
