"""arXiv metadata through the arXiv API (REFERENCE section 7), and title comparison.

``fetch_arxiv`` asks ``settings.api_url`` for ``id_list`` batches of at most
``settings.batch_size`` (<= 100) IDs with ``max_results`` set to the batch length, over a
single connection, starting requests at least ``settings.min_interval`` seconds apart (the
arXiv terms of use: one request every 3 s, one connection). Results are cached per canonical ID.

``search_titles`` asks ``search_query=ti:"..."`` for each title (a few results each), at most
``settings.max_title_searches`` requests a run, paced the same way; results are cached per
normalised title. A ``Pacer`` shared by both keeps the pace across them.
"""

from __future__ import annotations

import asyncio
import re
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import aiohttp
from yarl import URL

from ..titles import normalise
from ..titles import similarity as title_similarity
from ._http import (
    ACCEPT_ENCODING,
    BodyError,
    backoff_delay,
    one_line,
    parse_retry_after,
    read_body,
    session_kwargs,
)
from .cache import Cache
from .settings import ArxivSettings

__all__ = [
    "CACHE_KIND",
    "ArxivRecord",
    "canonical_id",
    "fetch_arxiv",
    "fetch_arxiv_sync",
    "normalise_title",
    "parse_feed",
    "search_titles",
    "title_similarity",
]

CACHE_KIND = "arxiv"
TITLE_CACHE_KIND = "arxiv-title"
TITLE_RESULTS = 5  # max_results of a title search: the paper is among the first few
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"

_NEW_ID = re.compile(r"^(?P<id>\d{4}\.\d{4,5})(?:v(?P<ver>\d+))?$", re.ASCII)
_OLD_ID = re.compile(
    r"^(?P<archive>[a-z][a-z\-]*)(?:\.[a-z]{2})?/(?P<num>\d{7})(?:v(?P<ver>\d+))?$",
    re.I | re.ASCII,
)
_RETRY_AFTER_MAX = 60.0
_ERROR_ID = re.compile(r"(?:for|id)[_\s]+(\S+?)\s*$", re.I)


@dataclass(frozen=True)
class ArxivRecord:
    id: str
    """Canonical ID, no version: ``1706.03762``, ``hep-th/9901001``."""
    title: str
    """arXiv's title with whitespace collapsed (LaTeX kept as registered)."""
    published: str
    """Date of v1, ISO 8601 as arXiv gives it (``2017-06-12T17:57:34Z``)."""
    version: int | None
    """Latest version number."""
    authors: tuple[str, ...] = ()
    journal_ref: str = ""
    """Where the paper was published, as the authors registered it (may be empty)."""
    comments: str = ""
    """The authors' comment ("Accepted at CVPR 2024", "This paper has been withdrawn")."""
    summary: str = ""
    """The abstract, whitespace collapsed."""
    detailed: bool = True
    """False for a record cached before authors and abstract were kept: ask again."""


def normalise_title(title: str) -> str:
    """A title as compared with a registered one: LaTeX, accents, case and punctuation
    folded away (``$\\alpha$-CLIP`` and ``α-CLIP`` both read ``alpha clip``)."""
    return normalise(title, markup=True)


def _split_id(raw: str) -> tuple[str, int | None] | None:
    text = raw.strip()
    if text[:6].lower() == "arxiv:":
        text = text[6:]
    match = _NEW_ID.match(text)
    if match:
        ver = match.group("ver")
        return match.group("id"), int(ver) if ver else None
    match = _OLD_ID.match(text)
    if match:
        ver = match.group("ver")
        return f"{match.group('archive').lower()}/{match.group('num')}", int(ver) if ver else None
    return None


def canonical_id(raw: str) -> str | None:
    """``2301.00001v2`` -> ``2301.00001``; ``math.GT/0309136v1`` -> ``math/0309136``.

    None when ``raw`` does not look like an arXiv identifier at all.
    """
    split = _split_id(raw)
    return split[0] if split else None


def _id_from_entry_url(text: str) -> tuple[str, int | None] | None:
    text = text.strip()
    for marker in ("/abs/", "/pdf/"):
        if marker in text:
            return _split_id(text.split(marker, 1)[1].removesuffix(".pdf"))
    return None


# -- feed parsing -----------------------------------------------------------------------------


@dataclass
class _Feed:
    records: dict[str, ArxivRecord]
    errors: list[str | None]  # the ID an error entry names, or None when it names none


def parse_feed(body: bytes | str) -> tuple[dict[str, ArxivRecord], list[str | None]]:
    """Records by canonical ID, and the IDs named by error entries (None if unnamed)."""
    feed = _parse(body)
    return feed.records, feed.errors


def _parse(body: bytes | str) -> _Feed:
    root = ET.fromstring(body)
    records: dict[str, ArxivRecord] = {}
    errors: list[str | None] = []
    for entry in root.iter(f"{ATOM}entry"):
        title = " ".join((entry.findtext(f"{ATOM}title") or "").split())
        raw_id = entry.findtext(f"{ATOM}id") or ""
        if title == "Error" or "/api/errors" in raw_id:
            summary = " ".join((entry.findtext(f"{ATOM}summary") or "").split())
            named = None
            for text in (summary, raw_id.rsplit("#", 1)[-1].replace("_", " ")):
                match = _ERROR_ID.search(text)
                if match and canonical_id(match.group(1)):
                    named = canonical_id(match.group(1))
                    break
            errors.append(named)
            continue
        split = _id_from_entry_url(raw_id) if raw_id else None
        if split is None or not title:
            continue  # no usable id: this entry stands for an unknown ID
        canon, version = split
        published = (entry.findtext(f"{ATOM}published") or "").strip()
        records[canon] = ArxivRecord(
            canon,
            title,
            published,
            version,
            authors=tuple(
                name
                for author in entry.iter(f"{ATOM}author")
                if (name := " ".join((author.findtext(f"{ATOM}name") or "").split()))
            ),
            journal_ref=_text(entry, f"{ARXIV_NS}journal_ref"),
            comments=_text(entry, f"{ARXIV_NS}comment"),
            summary=_text(entry, f"{ATOM}summary"),
        )
    return _Feed(records, errors)


def _text(element: ET.Element, tag: str) -> str:
    return " ".join((element.findtext(tag) or "").split())


# -- fetching ---------------------------------------------------------------------------------


class Pacer:
    """Starts requests at least ``interval`` seconds apart: one per run, shared by the ID
    look-ups and the title searches (arXiv's terms count every request)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.last_start: float | None = None

    async def wait(self) -> None:
        loop = asyncio.get_running_loop()
        if self.last_start is not None:
            wait = self.last_start + self.interval - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
        self.last_start = loop.time()


class _Client:
    def __init__(
        self, settings: ArxivSettings, session: aiohttp.ClientSession, pacer: Pacer | None = None
    ) -> None:
        self.s = settings
        self.session = session
        self.pacer = pacer or Pacer(settings.min_interval)
        self.problems: list[str] = []  # answers refused (too large): said in AL901

    async def _get(self, batch: list[str]) -> _Feed | None:
        """One batch, with retries; None when arXiv could not be asked."""
        return await self._query(f"id_list={','.join(batch)}&max_results={len(batch)}")

    async def _query(self, query: str) -> _Feed | None:
        """One API query (encoded), with retries; None when arXiv could not be asked."""
        base = self.s.api_url
        url = URL(f"{base}{'&' if '?' in base else '?'}{query}", encoded=True)
        for attempt in range(self.s.retries + 1):
            await self.pacer.wait()
            wait: float | None = None
            try:
                async with self.session.get(url) as resp:
                    if resp.status == 200:
                        body = await read_body(resp, self.s.max_body)
                        try:
                            return _parse(body)
                        except ET.ParseError:
                            pass
                    elif resp.status in (429, 503):
                        wait = parse_retry_after(resp.headers.get("Retry-After"))
                    elif resp.status < 500:
                        return None  # 400 and the like: retrying will not help
            except BodyError as error:  # asking again would read as much again
                self.problems.append(one_line(error))
                return None
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
                pass
            if attempt == self.s.retries or (wait is not None and wait > _RETRY_AFTER_MAX):
                break
            delay = backoff_delay(max(0.5, self.s.min_interval), attempt)
            await asyncio.sleep(max(delay, wait or 0.0))
        return None

    async def lookup(self, batch: list[str], out: dict[str, ArxivRecord | None]) -> None:
        """Fill ``out`` for every ID of ``batch`` that arXiv answered about."""
        feed = await self._get(batch)
        if feed is None:
            return
        if feed.errors and not feed.records and len(batch) > 1:
            # arXiv answers a whole id_list with one error entry when one ID is bad.
            named = [e for e in feed.errors if e in batch]
            if named:
                for canon in named:
                    out[canon] = None
                rest = [c for c in batch if c not in named]
                if rest:
                    await self.lookup(rest, out)
            else:
                half = len(batch) // 2
                await self.lookup(batch[:half], out)
                await self.lookup(batch[half:], out)
            return
        for canon in batch:
            out[canon] = feed.records.get(canon)


def _record_to_json(record: ArxivRecord | None) -> Any:
    if record is None:
        return None
    return {
        "id": record.id,
        "title": record.title,
        "published": record.published,
        "version": record.version,
        "authors": list(record.authors),
        "journal_ref": record.journal_ref,
        "comments": record.comments,
        "summary": record.summary,
    }


def _record_from_json(value: Any) -> ArxivRecord | None:
    """A cached record; TypeError for anything not of the expected shape (a miss)."""
    version = value.get("version")
    if not all(isinstance(value.get(key), str) for key in ("id", "title", "published")) or not (
        version is None or (isinstance(version, int) and not isinstance(version, bool))
    ):
        raise TypeError("not a cached arXiv record")
    authors = value.get("authors")
    detailed = isinstance(authors, list) and all(isinstance(name, str) for name in authors)
    texts = {key: value.get(key) for key in ("journal_ref", "comments", "summary")}
    return ArxivRecord(
        id=str(value["id"]),
        title=str(value["title"]),
        published=str(value["published"]),
        version=value.get("version"),
        authors=tuple(authors) if detailed else (),
        journal_ref=texts["journal_ref"] if isinstance(texts["journal_ref"], str) else "",
        comments=texts["comments"] if isinstance(texts["comments"], str) else "",
        summary=texts["summary"] if isinstance(texts["summary"], str) else "",
        detailed=detailed,
    )


def _session(settings: ArxivSettings) -> aiohttp.ClientSession:
    """One connection, the whole request within ``settings.timeout``, bodies read by
    ``read_body`` within its limit."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=1, limit_per_host=1),
        timeout=aiohttp.ClientTimeout(total=settings.timeout),
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        trust_env=settings.trust_env,
        auto_decompress=False,
        **session_kwargs(),
    )


async def fetch_arxiv(
    ids: Iterable[str],
    settings: ArxivSettings | None = None,
    cache: Cache | None = None,
    gate: Callable[[], Awaitable[bool]] | None = None,
    problems: list[str] | None = None,
    pacer: Pacer | None = None,
) -> dict[str, ArxivRecord | None]:
    """Metadata per given ID string (versions ignored: the record is the paper's).

    ``gate()`` is awaited before the first request; False means answer from the cache only.
    ``problems`` receives a line for each answer refused (too large, undecodable).

    ``None`` means arXiv has no such paper. Absent from the result: strings that are not arXiv
    IDs, and IDs arXiv could not be asked about (network or API failure after retries).
    """
    settings = settings or ArxivSettings()
    plan: dict[str, list[str]] = {}
    for raw in ids:
        canon = canonical_id(raw)
        if canon is not None:
            plan.setdefault(canon, []).append(raw)
    found: dict[str, ArxivRecord | None] = {}
    if cache is not None and plan:

        def age(value: Any) -> float:
            return settings.cache_age if value else settings.cache_missing_age

        for canon, value in cache.get_many(CACHE_KIND, plan, age).items():
            try:
                found[canon] = None if value is None else _record_from_json(value)
            except (KeyError, TypeError, AttributeError):
                continue
    todo = [canon for canon in plan if canon not in found]
    if todo and gate is not None and not await gate():
        todo = []
    if todo:
        fetched: dict[str, ArxivRecord | None] = {}
        async with _session(settings) as session:
            client = _Client(settings, session, pacer)
            size = settings.batch_size
            for start in range(0, len(todo), size):
                await client.lookup(todo[start : start + size], fetched)
            if problems is not None:
                problems.extend(dict.fromkeys(client.problems))
        if cache is not None:
            cache.put_many(
                CACHE_KIND, [(canon, _record_to_json(rec)) for canon, rec in fetched.items()]
            )
        found.update(fetched)
    return {raw: found[canon] for canon, raws in plan.items() if canon in found for raw in raws}


def fetch_arxiv_sync(
    ids: Iterable[str], settings: ArxivSettings | None = None, cache: Cache | None = None
) -> dict[str, ArxivRecord | None]:
    return asyncio.run(fetch_arxiv(ids, settings, cache))


# -- title search -----------------------------------------------------------------------------


@dataclass
class TitleSearch:
    """Search results by normalised title (``titles.normalise(title, markup=True)``), best
    first; ``skipped``: titles not searched because the run's cap was reached."""

    found: dict[str, list[ArxivRecord]]
    skipped: int = 0


def title_query(key: str) -> str:
    """``search_query=ti:"..."`` for a normalised title (words only: no operator or quote
    of the title's own can change the query), with a few results."""
    from urllib.parse import quote

    phrase = f'ti:"{key}"'
    return f"search_query={quote(phrase, safe=':')}&start=0&max_results={TITLE_RESULTS}"


async def search_titles(
    titles: Iterable[str],
    settings: ArxivSettings | None = None,
    cache: Cache | None = None,
    gate: Callable[[], Awaitable[bool]] | None = None,
    problems: list[str] | None = None,
    pacer: Pacer | None = None,
) -> TitleSearch:
    """arXiv's papers with each title, searched by title words (``titles.normalise(markup=True)``);
    at most ``settings.max_title_searches`` requests (cached titles are free).

    Absent from ``found``: titles arXiv could not be asked about, and those past the cap.
    """
    settings = settings or ArxivSettings()
    keys = list(dict.fromkeys(key for key in map(normalise_title, titles) if key))
    result = TitleSearch({})
    if cache is not None and keys:

        def age(value: Any) -> float:
            return settings.cache_age if value else settings.cache_missing_age

        for key, value in cache.get_many(TITLE_CACHE_KIND, keys, age).items():
            try:
                result.found[key] = [_record_from_json(item) for item in value]
            except (KeyError, TypeError, AttributeError):
                continue
    todo = [key for key in keys if key not in result.found]
    result.skipped = max(len(todo) - settings.max_title_searches, 0)
    todo = todo[: settings.max_title_searches]
    if todo and gate is not None and not await gate():
        return result
    if not todo:
        return result
    fetched: dict[str, list[ArxivRecord]] = {}
    async with _session(settings) as session:
        client = _Client(settings, session, pacer)
        for key in todo:
            feed = await client._query(title_query(key))
            if feed is not None:
                fetched[key] = list(feed.records.values())
        if problems is not None:
            problems.extend(dict.fromkeys(client.problems))
    if cache is not None:
        cache.put_many(
            TITLE_CACHE_KIND,
            [(key, [_record_to_json(r) for r in records]) for key, records in fetched.items()],
        )
    result.found.update(fetched)
    return result
