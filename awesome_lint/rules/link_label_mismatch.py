"""AL304 link-label-mismatch: a link whose label contradicts where it points."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from ..model import Document, Finding, Link, Severity
from ..urls import github_repo, host_of, split_url
from ..util import CODE_HOSTS, PAPER_HOSTS, label_of, on_host
from .context import RuleContext

CODE = "AL304"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()

# Labels by what they promise. Lists use "Code" loosely (a project page, a Colab, a demo:
# all normal), so only a contradiction is reported: code that is a paper, a paper that is
# a repository's front page, an arXiv link that is not on arXiv.
CODE_LABELS = frozenset(
    {"code", "codes", "github", "gitlab", "repo", "repository", "source code", "official code"}
    | {"github repo", "code link", "implementation"}
)
PAPER_LABELS = frozenset({"paper", "pdf", "paper link", "full paper"})
ARXIV_LABELS = frozenset({"arxiv", "arxiv paper"})
# Labels that name a host: elsewhere they are worth a look, no more.
HOST_LABELS = {"github": ("github.com", "github.io"), "gitlab": ("gitlab.com", "gitlab.io")}

# arXiv and the sites that serve its papers under the same identifier.
ARXIV_MIRRORS = ("arxiv.org", "ar5iv.org", "alphaxiv.org", "arxiv-vanity.com")
_ARXIV_ID_IN_PATH = re.compile(r"(?<![\d.])\d{4}\.\d{4,5}(?![\d])")
# Supplementary archives on a proceedings host often hold the code.
_ARCHIVE = re.compile(r"\.(zip|tar|gz|tgz|bz2|xz|rar|7z)$", re.IGNORECASE)
# DOIs that archives of software and data register (Zenodo, Figshare, Dryad): a code
# link to one holds code or data, not the paper
_ARCHIVE_DOI = re.compile(r"^/(?:10\.5281|10\.6084|10\.5061)/", re.IGNORECASE)


def _matches(host: str, pattern: str) -> bool:
    """A configured host: itself and its subdomains; "proceedings.*" any proceedings host."""
    if pattern.endswith(".*"):
        return host.startswith(pattern[:-1]) or f".{pattern[:-1]}" in host
    return host == pattern or host.endswith("." + pattern)


def _code_host(host: str) -> bool:
    """A public code host, or a self-hosted GitLab/Gitea (``gitlab.example.edu``)."""
    return on_host(host, CODE_HOSTS) or host.startswith(("gitlab.", "git.", "gitea."))


def _paper_page(host: str, path: str) -> bool:
    """A page that is a paper: a paper host (not its supplementary archives), or a PDF
    anywhere but inside a code repository."""
    if _ARCHIVE.search(path) or _ARCHIVE_DOI.match(path):
        return False
    if on_host(host, PAPER_HOSTS):
        return True
    return path.lower().endswith(".pdf") and not _code_host(host)


def _repository_front(url: str, host: str, path: str) -> str | None:
    """``owner/name`` when the URL is a repository's front page (or ``/tree/<branch>``)."""
    if not on_host(host, CODE_HOSTS):
        return None
    repo = github_repo(url)
    segments = [s for s in path.split("/") if s]
    if repo is None or len(segments) < 2:
        return None
    rest = segments[2:]
    if not rest or (rest[0] == "tree" and len(rest) <= 2) or rest == ["-"]:
        return repo
    return None


def _on_arxiv(host: str, path: str) -> bool:
    if on_host(host, ARXIV_MIRRORS):
        return True
    # doi.org/10.48550/arXiv.…, huggingface.co/papers/ID and other mirrors by ID
    return bool(_ARXIV_ID_IN_PATH.search(path)) or "arxiv" in path.lower()


def _contradiction(label: str, link: Link) -> tuple[str, Severity | None] | None:
    """Why a built-in label contradicts its target, with the sub-case severity."""
    parts = split_url(link.target)
    host, path = parts.host, parts.path
    shown = link.text.strip("[]")
    if label in CODE_LABELS and _paper_page(host, path):
        what = "a PDF" if path.lower().endswith(".pdf") else f"a paper on {host}"
        return f"a '{shown}' link to {what}: the code link holds the paper", None
    if label in PAPER_LABELS:
        repo = _repository_front(link.target, host, path)
        if repo is not None:
            return (
                f"a '{shown}' link to the repository {repo}, not to a paper: the paper "
                f"link holds the code",
                None,
            )
    if label in ARXIV_LABELS and not _on_arxiv(host, path):
        return f"an '{shown}' link to {host}, which is not arXiv", None
    if (
        label in HOST_LABELS
        and not on_host(host, HOST_LABELS[label])
        and not _code_host(host)
        and not _paper_page(host, path)  # a paper there is reported above
    ):
        return f"a '{shown}' link to {host}, not to {HOST_LABELS[label][0]}", Severity.NOTICE
    return None


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    configured: Mapping[str, Sequence[str]] = {
        label_of(k): v for k, v in context.options["labels"].items()
    }
    for entry in document.entries:
        for link in entry.links:
            if link.has_image or not link.target.lower().startswith(("http://", "https://")):
                continue
            label = label_of(link.text)
            if not label:
                continue
            host = host_of(link.target)
            hosts = configured.get(label)
            if hosts is not None:
                if hosts and not any(_matches(host, pattern) for pattern in hosts):
                    listed = ", ".join(hosts[:4]) + (", …" if len(hosts) > 4 else "")
                    yield Finding(
                        span=link.span,
                        message=(
                            f"a '{link.text.strip('[]')}' link to {host}, which is not a "
                            f"{label} host ({listed})"
                        ),
                        key=f"label:{label}:{host}",
                    )
                continue
            found = _contradiction(label, link)
            if found is not None:
                message, severity = found
                yield Finding(
                    span=link.span, message=message, severity=severity, key=f"label:{label}:{host}"
                )
