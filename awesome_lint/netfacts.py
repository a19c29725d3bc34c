"""The network stage between the Documents and the rules.

It gathers what the documents point at on the web (unique URLs, arXiv IDs, GitHub
repositories), hands them to the network engine (``awesome_lint.network``, which knows
nothing of markdown), and returns the verdicts as NetworkFacts for the network rules
(AL301, AL305, AL004, AL307) to read. Checks that could not run become AL901 reasons.

aiohttp is imported only here, and only when a run is online.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .changes import ChangedLines
from .config import Config
from .model import Document, Link
from .urls import github_repo, is_badge_url, is_web_url


class LinkVerdict(Protocol):
    state: str  # "ok", "dead" or "unverifiable"
    status: int | None
    reason: str
    final_url: str | None
    permanent_redirect: bool


class ArxivTitle(Protocol):
    id: str
    title: str


class RepoState(Protocol):
    full_name: str
    state: str  # "ok", "archived", "renamed", "gone"
    new_name: str | None
    archived: bool


@dataclass(slots=True)
class NetworkFacts:
    """What the network said; absent keys were not checked."""

    links: dict[str, LinkVerdict] = field(default_factory=dict)  # by URL as written
    arxiv: dict[str, ArxivTitle | None] = field(default_factory=dict)  # None: no such paper
    repos: dict[str, RepoState] = field(default_factory=dict)  # by lower-case owner/name
    title_similarity: float = 0.9
    reasons: list[str] = field(default_factory=list)  # AL901: what could not be checked


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def checkable_links(document: Document) -> Iterator[Link]:
    """Web links and figures; badges are generated images, not links that rot."""
    for link in document.links:
        if link.kind == "unrendered" or not is_web_url(link.target):
            continue
        if link.is_image and is_badge_url(link.target):
            continue
        yield link


@dataclass(slots=True)
class Wanted:
    """What the documents ask the network about."""

    urls: list[str] = field(default_factory=list)
    arxiv_ids: list[str] = field(default_factory=list)
    repos: list[str] = field(default_factory=list)


def wanted(documents: Sequence[Document], changed: ChangedLines | None, all_links: bool) -> Wanted:
    """URLs, arXiv IDs and repositories to look up; in changed-lines mode only those on
    changed lines (unless ``all_links``)."""

    def on_changed(document: Document, line: int) -> bool:
        return changed is None or changed.changed(document.path, line)

    result = Wanted()
    urls: dict[str, None] = {}
    ids: dict[str, None] = {}
    repos: dict[str, None] = {}
    for document in documents:
        for link in checkable_links(document):
            if all_links or on_changed(document, link.span.line):
                urls.setdefault(link.target.strip())
        for entry in document.entries:
            if not on_changed(document, entry.line):
                continue
            if entry.arxiv is not None and entry.arxiv.canonical and entry.title:
                ids.setdefault(entry.arxiv.canonical)
            for link in entry.links:
                repo = github_repo(link.target) if "github.com" in link.target else None
                if repo:
                    repos.setdefault(repo.lower())
    result.urls, result.arxiv_ids, result.repos = list(urls), list(ids), list(repos)
    return result


def settings_from(config: Config) -> tuple[Any, Any, Any]:
    """LinkSettings, ArxivSettings and GithubSettings from a config's sections."""
    from .network.settings import ArxivSettings, GithubSettings, LinkSettings, parse_duration

    links: dict[str, Any] = dict(config.links)
    ages = links.pop("cache_age", {}) or {}
    if "cache" in links:
        links["cache_path"] = Path(os.path.expanduser(links.pop("cache")))
    if "ok" in ages:
        links["cache_ok_age"] = parse_duration(ages["ok"])
    if "dead" in ages:
        links["cache_dead_age"] = parse_duration(ages["dead"])
    if "accept" in links:
        links["accept"] = frozenset(links["accept"])
    if "exclude" in links:
        links["exclude"] = tuple(links["exclude"])
    github = dict(config.github)
    github["token"] = os.environ.get("GITHUB_TOKEN") or None
    return LinkSettings(**links), ArxivSettings(**config.arxiv), GithubSettings(**github)


Progress = Callable[[int, int, int], None]


def gather(
    documents: Sequence[Document],
    config: Config,
    changed: ChangedLines | None = None,
    all_links: bool = False,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> NetworkFacts:
    """Ask the network about everything the documents point at."""
    import asyncio

    from .network import (
        Cache,
        check_links,
        fetch_arxiv,
        fetch_repos,
        network_reachable,
        normalise_url,
    )

    link_settings, arxiv_settings, github_settings = settings_from(config)
    todo = wanted(documents, changed, all_links)
    facts = NetworkFacts(title_similarity=arxiv_settings.title_similarity)
    if not (todo.urls or todo.arxiv_ids or todo.repos):
        return facts

    def warn(message: str) -> None:
        print(f"awesome-lint: warning: {message}", file=sys.stderr)

    cache = Cache(link_settings.cache_path, warn=warn) if use_cache else None

    probe: asyncio.Task[bool] | None = None

    async def gate() -> bool:
        """Probe the network once, and only when something is not in the cache."""
        nonlocal probe
        if probe is None:
            probe = asyncio.ensure_future(network_reachable(link_settings))
        return await probe

    async def run() -> None:
        links, records, (repos, limited) = await asyncio.gather(
            check_links(todo.urls, link_settings, cache, progress, gate=gate),
            fetch_arxiv(todo.arxiv_ids, arxiv_settings, cache, gate=gate),
            fetch_repos(todo.repos, github_settings, cache, gate=gate),
        )
        facts.links.update(links)
        facts.arxiv.update(records)
        facts.repos.update({name.lower(): status for name, status in repos.items()})
        unchecked_urls = len({normalise_url(u) for u in todo.urls} - {None}) - len(
            {normalise_url(u) for u in links}
        )
        missing_ids = [i for i in todo.arxiv_ids if i not in records]
        unanswered = len([r for r in todo.repos if r not in facts.repos]) - limited
        if probe is not None and not probe.result():
            kinds = [
                _plural(max(unchecked_urls, 0), "link"),
                _plural(len(missing_ids), "arXiv ID"),
                f"{max(unanswered, 0)} repositor{'y' if unanswered == 1 else 'ies'}",
            ]
            facts.reasons.append(
                f"network unreachable ({link_settings.probe_url} did not answer): "
                f"{', '.join(kinds[:-1])} and {kinds[-1]} not checked"
            )
            return
        if missing_ids:
            facts.reasons.append(
                f"{_plural(len(missing_ids), 'arXiv ID')} not checked: the arXiv API "
                f"({arxiv_settings.api_url}) gave no usable answer"
            )
        if limited:
            facts.reasons.append(
                f"{limited} repositor{'y' if limited == 1 else 'ies'} not checked: "
                f"GitHub API rate limit"
                + ("" if github_settings.token else " (set GITHUB_TOKEN for a higher limit)")
            )
        if unanswered > 0:
            facts.reasons.append(
                f"{unanswered} repositor{'y' if unanswered == 1 else 'ies'} not checked: "
                f"the GitHub API ({github_settings.api_url}) gave no usable answer"
            )

    try:
        asyncio.run(run())
    finally:
        if cache is not None:
            cache.close()
    return facts


class ProgressBar:
    """``checked / total, failures`` on one line of a terminal's stderr; nothing elsewhere."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.shown = False

    def __call__(self, done: int, total: int, failures: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\rchecking links [{bar}] {done}/{total}, {failures} failing ")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()


def for_terminal() -> ProgressBar | None:
    """A progress bar when stderr is a terminal (never in CI logs)."""
    return ProgressBar() if sys.stderr.isatty() and not os.environ.get("CI") else None
