"""AL301 dead-link. Offline: relative links to local files that do not exist.

The network part (dead and unverifiable web links) reads verdicts gathered by the
network stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding, Severity
from .context import RuleContext

CODE = "AL301"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset({"links"})


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    yield from _local(document, context)
    if context.network is not None:
        yield from _web(document, context)


def _web(document: Document, context: RuleContext) -> Iterator[Finding]:
    assert context.network is not None
    verdicts = context.network.links
    for link in document.links:
        verdict = verdicts.get(link.target.strip())
        if verdict is None or verdict.state == "ok":
            continue
        what = "image" if link.is_image else "link"
        if verdict.state == "dead":
            yield Finding(
                span=link.target_span or link.span,
                message=f"dead {what}: {verdict.reason} ({link.target.strip()})",
                key=f"dead:{link.target.strip()}",
            )
        else:  # never "dead" for what may be a bot wall, a rate limit or a slow server
            yield Finding(
                span=link.target_span or link.span,
                message=f"could not verify {what} {link.target.strip()}: {verdict.reason}",
                severity=Severity.WARNING,
                key=f"unverified:{link.target.strip()}",
            )


def _local(document: Document, context: RuleContext) -> Iterator[Finding]:
    for link in document.links:
        if context.files.leaves_repository(document, link.target):
            what = "image" if link.is_image else "link"
            yield Finding(
                span=link.target_span or link.span,
                message=(
                    f"{what} '{link.target}' leads outside the repository; "
                    f"GitHub can't show it (not checked)"
                ),
                key=f"outside:{link.target}",
            )
            continue
        if link.is_image:
            continue  # AL201 reports missing images
        target = context.files.lookup(document, link.target)
        if target is None or target.exists or target.actual is not None:
            continue
        yield Finding(
            span=link.target_span or link.span,
            message=f"'{link.target}' does not exist (relative to {document.display_path})",
            key=f"file:{link.target}",
        )
