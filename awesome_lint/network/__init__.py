"""The network stage: links, arXiv metadata and GitHub repository status.

URLs, IDs and repository names in; verdicts out. Nothing here knows about markdown or rules.
"""

from __future__ import annotations

from .arxiv_api import ArxivRecord, fetch_arxiv, fetch_arxiv_sync, normalise_title, title_similarity
from .cache import Cache, default_cache_path
from .github_api import RepoStatus, fetch_repos, fetch_repos_sync
from .links import (
    Verdict,
    check_links,
    check_links_sync,
    network_reachable,
    normalise_url,
)
from .settings import ArxivSettings, GithubSettings, LinkSettings, parse_duration

__all__ = [
    "ArxivRecord",
    "ArxivSettings",
    "Cache",
    "GithubSettings",
    "LinkSettings",
    "RepoStatus",
    "Verdict",
    "check_links",
    "check_links_sync",
    "default_cache_path",
    "fetch_arxiv",
    "fetch_arxiv_sync",
    "fetch_repos",
    "fetch_repos_sync",
    "network_reachable",
    "normalise_title",
    "normalise_url",
    "parse_duration",
    "title_similarity",
]
