"""The network stage between the Documents and the rules.

It gathers what the documents point at on the web (unique URLs, arXiv IDs, GitHub
repositories), hands them to the network engine (``awesome_lint.network``, which knows
nothing of markdown), and returns the verdicts as NetworkFacts for the network rules
(AL301, AL305, AL004, AL307) to read. Checks that could not run become AL901 reasons.

aiohttp is imported only here, and only when a run is online.
"""

from __future__ import annotations

import os
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from .changes import ChangedLines
from .config import Config
from .model import Document, Link
from .urls import github_repo, is_badge_url, is_web_url
from .userdirs import cache_dir_override
from .util import plural


class LinkVerdict(Protocol):
    state: str  # "ok", "dead" or "unverifiable"
    status: int | None
    reason: str
    final_url: str | None
    permanent_redirect: bool
    private: bool  # not requested: a local or private address
    out_of_time: str  # not checked: this time budget ran out ("" when it did not)


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
    # papers found by searching arXiv for a title, best first, by normalised title
    # (``titles.normalise(title, markup=True)``)
    arxiv_search: dict[str, Sequence[ArxivTitle]] = field(default_factory=dict)
    repos: dict[str, RepoState] = field(default_factory=dict)  # by lower-case owner/name
    title_similarity: float = 0.9
    reasons: list[str] = field(default_factory=list)  # AL901: what could not be checked
    links_wanted: int = 0  # URLs the run meant to check (verdicts or not)


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


def wanted(
    documents: Sequence[Document],
    changed: ChangedLines | None,
    all_links: bool,
    facts: frozenset[str] | None = None,
) -> Wanted:
    """URLs, arXiv IDs and repositories to look up (only the kinds in ``facts``, the
    enabled rules' needs, when given); in changed-lines mode only those on changed lines
    (unless ``all_links``)."""

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
    result.urls = list(urls) if facts is None or "links" in facts else []
    result.arxiv_ids = list(ids) if facts is None or "arxiv" in facts else []
    result.repos = list(repos) if facts is None or "repos" in facts else []
    return result


def settings_from(config: Config, github_api_url: str | None = None) -> tuple[Any, Any, Any]:
    """LinkSettings, ArxivSettings and GithubSettings from a config's sections.

    Two values never come from a config file: the cache folder the environment names (the
    Action's persisted folder wins over ``links.cache``), and where the GitHub token goes:
    https://api.github.com, or ``github_api_url`` (a GitHub Enterprise API from the
    command line or the Action's input); a config file may point ``github.api_url``
    elsewhere, but then no token is sent."""
    from .network.settings import ArxivSettings, GithubSettings, LinkSettings, from_section

    override = cache_dir_override()
    links = from_section(LinkSettings, config.links)
    if override is not None:
        links = replace(links, cache_path=override / "cache.sqlite3")
    elif links.cache_path is not None:
        links = replace(links, cache_path=configured_cache(config, links.cache_path))
    trusted = {"api_url": github_api_url, "token_api_url": github_api_url} if github_api_url else {}
    github = from_section(
        GithubSettings, config.github, token=os.environ.get("GITHUB_TOKEN") or None, **trusted
    )
    return links, from_section(ArxivSettings, config.arxiv), github


def configured_cache(config: Config, written: Path) -> Path:
    """Where ``links.cache`` of a config file puts the cache: a relative path from the
    config file's folder, ``~`` expanded. A config file is the repository's word, so the
    file must be inside the repository (its git top level, or the config's folder outside
    git) or the user's cache folder once symlinks are resolved, must not be a symlink
    itself, and an existing file there must be an awesome-lint cache (``cache.foreign_file``:
    it would be altered). Raises ValueError naming the key."""
    from .files import is_inside, repo_root
    from .network.cache import foreign_file
    from .userdirs import cache_dir

    where = f"{config.path or 'the config'}: links.cache: {str(written)!r}"
    root = Path(os.path.abspath(config.root))
    path = Path(os.path.normpath(root / os.path.expanduser(written)))
    if path.is_symlink():
        raise ValueError(f"{where} is a symlink; not used")
    real = os.path.realpath(path)
    bounds = [os.path.realpath(repo_root(root)), os.path.realpath(cache_dir())]
    if not any(is_inside(real, bound) for bound in bounds):
        raise ValueError(
            f"{where} is outside the repository and the user's cache folder ({real}); not used"
        )
    problem = foreign_file(path)
    if problem is not None:
        raise ValueError(f"{where} {problem}; not used, not altered")
    return path


Progress = Callable[[int, int, int], None]
TitleSearches = Callable[[NetworkFacts], Sequence[str]]

# URLs in raw markdown, for a head start before the parse: stops at what ends a URL in
# link syntax; a URL the parse reads differently is checked again afterwards.
_URL_CANDIDATE = re.compile(r"https?://[^\s<>\"'`|()\[\]]+")


def prescan(texts: dict[Path, str], changed: ChangedLines | None, all_links: bool) -> list[str]:
    """Web URLs found in raw texts (badges left out; changed lines only, if asked)."""
    found: dict[str, None] = {}
    for path, text in texts.items():
        starts = [0]
        if changed is not None and not all_links:
            starts += [i + 1 for i, c in enumerate(text) if c == "\n"]
        for match in _URL_CANDIDATE.finditer(text):
            url = match.group(0).rstrip(".,;:!?*_~")
            if is_badge_url(url):
                continue
            if changed is not None and not all_links:
                line = bisect_right(starts, match.start())
                if not changed.changed(path, line):
                    continue
            found.setdefault(url)
    return list(found)


PARSE_SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005


class NetworkStage:
    """Runs the network engine on an event loop of its own thread, so that links can be
    checked while the documents are still being parsed (the engine waits on the network;
    the parse needs the processor): ``start`` with the raw texts, ``finish`` with the
    parsed documents.
    """

    def __init__(
        self,
        config: Config,
        use_cache: bool = True,
        progress: Progress | None = None,
        github_api_url: str | None = None,
        wanted: frozenset[str] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        import asyncio
        import threading

        from . import network

        self._network = network
        self.link_settings, self.arxiv_settings, self.github_settings = settings_from(
            config, github_api_url
        )
        self.progress = progress
        self.wanted = wanted  # the kinds of facts the enabled rules read (None: every kind)
        self.cache = network.Cache(self.link_settings.cache_path, warn=warn) if use_cache else None
        from .network.links import Budget

        self.budget = Budget(self.link_settings)  # one for the prefetch and the rest
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.probe: Any = None  # the reachability probe, when a failure raised the question
        self.down = False  # the probe found the network unreachable
        self.prefetched: list[str] = []
        self.switch_interval = sys.getswitchinterval()
        self.prefetch: Any = None

    # -- on the loop's thread
    #
    # Whether the network is reachable is asked once, of ``links.probe_url``, before the
    # first request and only if something is not in the cache: a warm-cache run sends
    # nothing, and with no network nothing but the probe is attempted. The probe's round
    # trip overlaps the parse.

    async def _gate(self) -> bool:
        """Called by the engine before its first request; False: answer from the cache."""
        import asyncio

        if self.probe is None:
            self.probe = asyncio.ensure_future(self._network.network_reachable(self.link_settings))
        reachable = bool(await self.probe)
        self.down = not reachable
        return reachable

    def _submit(self, coroutine: Any) -> Any:
        import asyncio

        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    # -- from the caller's thread

    def start(self, urls: list[str]) -> None:
        """Begin checking ``urls`` (a pre-scan of the raw texts)."""
        if self.wanted is not None and "links" not in self.wanted:
            return
        self.prefetched = urls
        if urls:
            # The parse holds the GIL; switching more often lets the loop's thread send
            # the next request as soon as a response is in (restored in ``finish``).
            self.switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(PARSE_SWITCH_INTERVAL)
            self.prefetch = self._submit(
                self._network.check_links(
                    urls,
                    self.link_settings,
                    self.cache,
                    self.progress,
                    gate=self._gate,
                    budget=self.budget,
                )
            )

    def finish(
        self,
        documents: Sequence[Document],
        changed: ChangedLines | None,
        all_links: bool,
        searches: TitleSearches | None = None,
    ) -> NetworkFacts:
        """Check what the parsed documents point at; the facts for the rules.

        ``searches(facts)``, given what arXiv said about the IDs, names the titles to search
        arXiv for (the rules that suggest an ID decide; this stage knows nothing of them).
        """
        sys.setswitchinterval(self.switch_interval)
        try:
            return self._submit(self._finish(documents, changed, all_links, searches)).result()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the loop's thread (cancelling what still runs) and close the cache."""
        sys.setswitchinterval(self.switch_interval)
        if self.loop.is_closed():
            return
        if self.prefetch is not None and not self.prefetch.done():
            self.prefetch.cancel()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()
        if self.cache is not None:
            self.cache.close()

    async def _finish(
        self,
        documents: Sequence[Document],
        changed: ChangedLines | None,
        all_links: bool,
        searches: TitleSearches | None = None,
    ) -> NetworkFacts:
        import asyncio

        network = self._network
        pacer = network.Pacer(self.arxiv_settings.min_interval)  # ID look-ups and searches
        todo = wanted(documents, changed, all_links, self.wanted)
        facts = NetworkFacts(title_similarity=self.arxiv_settings.title_similarity)
        facts.links_wanted = len(todo.urls)
        links: dict[str, Any] = {}
        if self.prefetch is not None:
            links.update(await asyncio.wrap_future(self.prefetch))
        started = set(self.prefetched)
        leftovers = [url for url in todo.urls if url not in started]
        arxiv_problems: list[str] = []
        github_problems: list[str] = []
        more_links, records, (repos, limited) = await asyncio.gather(
            network.check_links(
                leftovers,
                self.link_settings,
                self.cache,
                self.progress,
                gate=self._gate,
                budget=self.budget,
            ),
            network.fetch_arxiv(
                todo.arxiv_ids,
                self.arxiv_settings,
                self.cache,
                gate=self._gate,
                problems=arxiv_problems,
                pacer=pacer,
            ),
            network.fetch_repos(
                todo.repos,
                self.github_settings,
                self.cache,
                gate=self._gate,
                problems=github_problems,
            ),
        )
        if self.down:
            facts.reasons.append(_unreachable(self.link_settings.probe_url, todo))
            return facts
        links.update(more_links)
        wanted_urls = set(todo.urls)
        private = [url for url, v in links.items() if url in wanted_urls and v.private]
        if private:  # never requested: not checked, not dead
            facts.reasons.append(
                f"{plural(len(private), 'link')} to a local or private address not checked "
                f"(links.exclude_private)"
            )
        facts.reasons.extend(_out_of_time(links, wanted_urls, self.link_settings))
        facts.links.update(
            {
                url: v
                for url, v in links.items()
                if url in wanted_urls and not v.private and not v.out_of_time
            }
        )
        facts.arxiv.update(records)
        facts.repos.update({name.lower(): status for name, status in repos.items()})
        facts.reasons.extend(
            _shortfalls(
                todo,
                records,
                facts,
                limited,
                (self.arxiv_settings, arxiv_problems),
                (self.github_settings, github_problems),
            )
        )
        if searches is not None:
            facts.reasons.extend(await self._search(facts, searches(facts), pacer))
        return facts

    async def _search(self, facts: NetworkFacts, wanted: Sequence[str], pacer: Any) -> list[str]:
        """Search arXiv for the titles (at most ``arxiv.max_title_searches`` requests);
        AL901 reasons for searches not made."""
        if not wanted:
            return []
        problems: list[str] = []
        found = await self._network.search_titles(
            wanted, self.arxiv_settings, self.cache, self._gate, problems, pacer
        )
        facts.arxiv_search.update(found.found)
        if not found.skipped:
            return []
        cap = self.arxiv_settings.max_title_searches
        return [
            f"arXiv not searched for {plural(found.skipped, 'title')} (to suggest an ID): "
            f"at most {cap} searches a run (arxiv.max_title_searches)"
        ]


def _out_of_time(links: dict[str, Any], wanted: set[str], settings: Any) -> list[str]:
    """AL901 reasons for links not checked because a time budget ran out, one per budget."""
    counts: dict[str, int] = {}
    for url, verdict in links.items():
        if url in wanted and verdict.out_of_time:
            counts[verdict.out_of_time] = counts.get(verdict.out_of_time, 0) + 1
    seconds = {
        "links.max_seconds": ("the run's", settings.max_seconds),
        "links.max_seconds_per_host": ("a host's", settings.max_seconds_per_host),
    }
    reasons = []
    for key, count in sorted(counts.items()):
        whose, limit = seconds.get(key, ("a", 0.0))
        reasons.append(
            f"{plural(count, 'link')} not checked: {whose} time budget ran out ({key}: {limit:g}s)"
        )
    return reasons


def _unreachable(probe_url: str, todo: Wanted) -> str:
    kinds = [
        plural(len(todo.urls), "link"),
        plural(len(todo.arxiv_ids), "arXiv ID"),
        plural(len(todo.repos), "repository", "repositories"),
    ]
    return (
        f"network unreachable ({probe_url} did not answer): "
        f"{', '.join(kinds[:-1])} and {kinds[-1]} not checked"
    )


def _shortfalls(
    todo: Wanted,
    records: dict[str, Any],
    facts: NetworkFacts,
    limited: int,
    arxiv: tuple[Any, list[str]],
    github: tuple[Any, list[str]],
) -> list[str]:
    """AL901 reasons for look-ups that got no answer although the network was up."""
    (arxiv_settings, arxiv_problems), (github_settings, github_problems) = arxiv, github
    reasons = []
    missing_ids = [i for i in todo.arxiv_ids if i not in records]
    if missing_ids:
        why = f": {'; '.join(arxiv_problems)}" if arxiv_problems else ""
        reasons.append(
            f"{plural(len(missing_ids), 'arXiv ID')} not checked: the arXiv API "
            f"({arxiv_settings.api_url}) gave no usable answer{why}"
        )
    if limited:
        reasons.append(
            f"{plural(limited, 'repository', 'repositories')} not checked: GitHub API "
            f"rate limit"
            + ("" if github_settings.token else " (set GITHUB_TOKEN for a higher limit)")
        )
    unanswered = len([r for r in todo.repos if r not in facts.repos]) - limited
    if unanswered > 0:
        why = f": {'; '.join(github_problems)}" if github_problems else ""
        reasons.append(
            f"{plural(unanswered, 'repository', 'repositories')} not checked: "
            f"the GitHub API ({github_settings.api_url}) gave no usable answer{why}"
        )
    return reasons
