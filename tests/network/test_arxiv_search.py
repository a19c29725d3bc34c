"""arXiv title search against a local stub: the query, the cap, the cache per normalised
title, and one pace shared with the ID look-ups."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

import pytest
from aiohttp import web

from awesome_lint.network import ArxivSettings, Cache, Pacer, fetch_arxiv, search_titles

TINY = "TinyCLIP: CLIP Distillation via Affinity Mimicking and Weight Inheritance"


def _feed(entries: str) -> str:
    return f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'


def _entry(ident: str, title: str) -> str:
    return (
        f"<entry><id>http://arxiv.org/abs/{ident}v1</id><title>{title}</title>"
        "<published>2023-09-21T00:00:00Z</published></entry>"
    )


@pytest.fixture
def arxiv(serve):
    async def handler(request: web.Request) -> web.Response:
        query = parse_qs(request.query_string)
        if "id_list" in query:
            body = _entry("2211.01335", "Chinese CLIP")
        elif query["search_query"] == ['ti:"tinyclip clip distillation via affinity mimicking '
                                       'and weight inheritance"']:  # fmt: skip
            body = _entry("2309.12314", TINY)
        elif query["search_query"] == ['ti:"a hostile answer"']:
            # an answer whose id is no arXiv ID: nothing of it may reach a fix
            body = _entry("2309.12314)](javascript:alert(1)", "A Hostile Answer")
            body += _entry("2309.123145", "A Hostile Answer")
        else:
            body = ""
        return web.Response(text=_feed(body), content_type="application/atom+xml")

    server = serve(handler)
    server.state["settings"] = ArxivSettings(
        api_url=server.url("/api/query"), min_interval=0.2, trust_env=False
    )
    return server


def test_the_query_is_the_title_words_with_a_few_results(arxiv) -> None:
    found = asyncio.run(search_titles([TINY, 'A "quoted" AND OR: title'], arxiv.state["settings"]))
    key = "tinyclip clip distillation via affinity mimicking and weight inheritance"
    assert [(r.id, r.title) for r in found.found[key]] == [("2309.12314", TINY)]
    assert found.found["a quoted and or title"] == []
    queries = [parse_qs(seen.query) for seen in arxiv.requests]
    assert queries[1]["search_query"] == ['ti:"a quoted and or title"']
    assert all(q["max_results"] == ["5"] and q["start"] == ["0"] for q in queries)
    assert arxiv.max_in_flight == 1


def test_a_cap_and_the_cache(arxiv, tmp_path) -> None:
    settings = ArxivSettings(
        api_url=arxiv.url("/api/query"), min_interval=0, max_title_searches=2, trust_env=False
    )
    titles = ["First Title Of Three", "Second Title Of Three", "Third Title Of Three"]
    with Cache(tmp_path / "c.sqlite3") as cache:
        first = asyncio.run(search_titles(titles, settings, cache))
        assert arxiv.count() == 2 and first.skipped == 1 and len(first.found) == 2
        # cached titles are free: the third is searched now, and nothing else
        second = asyncio.run(search_titles([*titles, titles[0].upper()], settings, cache))
        assert arxiv.count() == 3 and second.skipped == 0 and len(second.found) == 3
        asyncio.run(search_titles(titles, settings, cache))
        assert arxiv.count() == 3


def test_one_pace_for_id_look_ups_and_searches(arxiv) -> None:
    settings = arxiv.state["settings"]

    async def both() -> None:
        pacer = Pacer(settings.min_interval)
        await fetch_arxiv(["2211.01335"], settings, pacer=pacer)
        await search_titles([TINY], settings, pacer=pacer)

    asyncio.run(both())
    first, second = (seen.at for seen in arxiv.requests)
    assert second - first >= 0.19  # min_interval 0.2, across the two calls


def test_no_search_when_the_gate_says_offline(arxiv) -> None:
    async def closed() -> bool:
        return False

    found = asyncio.run(search_titles([TINY], arxiv.state["settings"], gate=closed))
    assert found.found == {} and arxiv.count() == 0


def test_an_answer_that_names_no_arxiv_id_is_dropped(arxiv) -> None:
    found = asyncio.run(search_titles(["A Hostile Answer"], arxiv.state["settings"]))
    assert found.found == {"a hostile answer": []}
