"""AL307 repo-status: a GitHub repository that is archived, renamed (fixable) or gone
(network; the token goes to the API host only). A new name is written by a fix only when
it is an ``OWNER/REPO`` of GitHub's characters: the API's answer, or a cache file, could
say anything."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Edit, Finding, Fix
from ..safeurl import is_repo_name
from ..urls import github_repo
from .context import RuleContext

CODE = "AL307"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset({"repos"})


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    network = context.network
    if network is None:
        return
    for entry in document.entries:
        seen: set[str] = set()
        for link in entry.links:
            repo = github_repo(link.target) if "github.com" in link.target else None
            if not repo or repo.lower() in seen:
                continue
            seen.add(repo.lower())
            status = network.repos.get(repo.lower())
            if status is None or status.state == "ok":
                continue
            span = link.target_span or link.span
            if status.state == "renamed" and status.new_name:
                archived = " (and archived)" if status.archived else ""
                if not is_repo_name(status.new_name):  # a server's or a cache file's word
                    message = (
                        f"repository {repo} was renamed{archived}, but the new name the API "
                        "gave is not OWNER/REPO (not fixed)"
                    )
                    yield Finding(span=span, message=message, key=f"renamed:{repo}")
                    continue
                fix = None
                if link.target_span is not None and repo in link.target:
                    new = link.target.replace(repo, status.new_name, 1)
                    fix = Fix(f"link to {status.new_name}", (Edit(link.target_span, new),))
                message = f"repository {repo} was renamed to {status.new_name}{archived}"
                yield Finding(span=span, message=message, fix=fix, key=f"renamed:{repo}")
            elif status.state == "archived":
                yield Finding(
                    span=span,
                    message=f"repository {repo} is archived (read-only, no longer maintained)",
                    key=f"archived:{repo}",
                )
            elif status.state == "gone":
                yield Finding(
                    span=span,
                    message=f"repository {repo} no longer exists on GitHub",
                    key=f"gone:{repo}",
                )
