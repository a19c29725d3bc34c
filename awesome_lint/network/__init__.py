"""The network stage: links, arXiv metadata and GitHub repository status.

URLs, IDs and repository names in; verdicts out. Nothing here knows about markdown or rules.

Names are imported from their modules on first use: the config layer reads
``network.settings`` (the schema of the ``links``/``arxiv``/``github`` sections) in runs
that never go online, and must not pay for aiohttp.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .arxiv_api import (
        ArxivRecord,
        Pacer,
        fetch_arxiv,
        fetch_arxiv_sync,
        normalise_title,
        search_titles,
        title_similarity,
    )
    from .cache import Cache, default_cache_path
    from .github_api import RepoStatus, fetch_repos, fetch_repos_sync
    from .links import Verdict, check_links, check_links_sync, network_reachable, normalise_url
    from .settings import ArxivSettings, GithubSettings, LinkSettings, parse_duration

_HOME = {
    "ArxivRecord": "arxiv_api",
    "Pacer": "arxiv_api",
    "search_titles": "arxiv_api",
    "fetch_arxiv": "arxiv_api",
    "fetch_arxiv_sync": "arxiv_api",
    "normalise_title": "arxiv_api",
    "title_similarity": "arxiv_api",
    "Cache": "cache",
    "default_cache_path": "cache",
    "RepoStatus": "github_api",
    "fetch_repos": "github_api",
    "fetch_repos_sync": "github_api",
    "Verdict": "links",
    "check_links": "links",
    "check_links_sync": "links",
    "network_reachable": "links",
    "normalise_url": "links",
    "ArxivSettings": "settings",
    "GithubSettings": "settings",
    "LinkSettings": "settings",
    "parse_duration": "settings",
}

__all__ = [
    "ArxivRecord",
    "ArxivSettings",
    "Cache",
    "GithubSettings",
    "LinkSettings",
    "Pacer",
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
    "search_titles",
    "title_similarity",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value
