"""The arXiv API client against a local stub: batching, pacing, parsing, unknown IDs, cache."""

from __future__ import annotations

import asyncio
import itertools
from xml.sax.saxutils import escape

import pytest
from aiohttp import web

from awesome_lint.network import (
    ArxivSettings,
    Cache,
    fetch_arxiv,
    fetch_arxiv_sync,
    normalise_title,
    title_similarity,
)
from awesome_lint.network.arxiv_api import canonical_id, parse_feed

PAPERS = {f"2401.{i:05d}": (f"Paper number {i}", 1 + i % 3) for i in range(1, 260)}
PAPERS["1706.03762"] = ("Attention Is All\n      You Need", 7)
PAPERS["hep-th/9901001"] = ("Old-Style $\\alpha$-Strings", 2)
EMPTY_ENTRY = "2401.99999"  # arXiv answers with an entry that has no id: unknown
BAD = "hep-th/9999999"  # arXiv rejects the whole id_list because of this one


def _entry(canon: str) -> str:
    title, version = PAPERS[canon]
    return (
        "<entry>"
        f"<id>http://arxiv.org/abs/{canon}v{version}</id>"
        "<updated>2024-02-01T00:00:00Z</updated>"
        "<published>2024-01-15T18:00:00Z</published>"
        f"<title>{escape(title)}</title>"
        "<summary>An abstract.</summary>"
        "<author><name>A. Author</name></author>"
        "<arxiv:primary_category term='cs.LG' scheme='http://arxiv.org/schemas/atom'/>"
        "</entry>"
    )


def _feed(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"'
        ' xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"'
        ' xmlns:arxiv="http://arxiv.org/schemas/atom">'
        "<title>arXiv Query</title><id>http://arxiv.org/api/x</id>"
        f"{body}</feed>"
    )


def _error(bad: str) -> str:
    return (
        f"<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_{bad}</id>"
        f"<title>Error</title><summary>incorrect id format for {bad}</summary></entry>"
    )


@pytest.fixture
def arxiv(serve):
    async def handler(request: web.Request) -> web.Response:
        if request.path != "/api/query":
            return web.Response(status=404)
        await asyncio.sleep(0.02)  # long enough to see parallel connections, if any
        ids = request.query.get("id_list", "").split(",")
        if BAD in ids:
            return web.Response(text=_feed(_error(BAD)), content_type="application/atom+xml")
        entries = []
        for canon in ids:
            if canon in PAPERS:
                entries.append(_entry(canon))
            elif canon == EMPTY_ENTRY:
                entries.append("<entry><title></title></entry>")
        return web.Response(text=_feed("".join(entries)), content_type="application/atom+xml")

    server = serve(handler)
    server.state["settings"] = ArxivSettings(
        api_url=server.url("/api/query"), min_interval=0.2, trust_env=False
    )
    return server


def _batches(server) -> list[list[str]]:
    return [r.query for r in server.requests]


def test_batches_of_at_most_100_with_max_results_one_connection_and_pacing(arxiv):
    ids = [f"2401.{i:05d}" for i in range(1, 251)]
    records = fetch_arxiv_sync(ids, arxiv.state["settings"])
    assert len(records) == 250 and all(records.values())
    queries = []
    for seen in arxiv.requests:
        params = dict(p.split("=", 1) for p in seen.query.split("&"))
        queries.append((len(params["id_list"].split(",")), int(params["max_results"])))
    assert queries == [(100, 100), (100, 100), (50, 50)]
    assert arxiv.max_in_flight == 1
    starts = [seen.at for seen in arxiv.requests]
    assert all(b - a >= 0.19 for a, b in itertools.pairwise(starts))  # min_interval 0.2


def test_titles_versions_and_unknown_ids(arxiv):
    asked = [
        "1706.03762v2",  # version given: the record is the paper's, with its latest version
        "hep-th/9901001",
        "math.GT/0309136",  # well-formed, but the stub does not know it
        EMPTY_ENTRY,
        "not an id",
    ]
    records = fetch_arxiv_sync(asked, arxiv.state["settings"])
    attention = records["1706.03762v2"]
    assert attention is not None
    assert attention.id == "1706.03762"
    assert attention.title == "Attention Is All You Need"
    assert attention.version == 7
    assert attention.published == "2024-01-15T18:00:00Z"
    assert records["hep-th/9901001"].title == "Old-Style $\\alpha$-Strings"
    assert records["math.GT/0309136"] is None
    assert records[EMPTY_ENTRY] is None
    assert "not an id" not in records
    assert len(arxiv.requests) == 1


def test_a_rejected_id_does_not_sink_its_batch(arxiv):
    records = fetch_arxiv_sync(["2401.00001", BAD, "2401.00002"], arxiv.state["settings"])
    assert records[BAD] is None
    assert records["2401.00001"].title == "Paper number 1"
    assert records["2401.00002"].title == "Paper number 2"


def test_cached_per_id(arxiv, tmp_path):
    settings = arxiv.state["settings"]
    with Cache(tmp_path / "c.sqlite3") as cache:
        first = fetch_arxiv_sync(["2401.00003", "2401.88888"], settings, cache)
        assert len(arxiv.requests) == 1
        second = fetch_arxiv_sync(["2401.00003v1", "2401.88888"], settings, cache)
        assert len(arxiv.requests) == 1  # no new request: both the record and "unknown"
        assert second["2401.00003v1"] == first["2401.00003"]
        assert second["2401.88888"] is None
        fetch_arxiv_sync(["2401.00003", "2401.00004"], settings, cache)
        assert arxiv.requests[-1].query.startswith("id_list=2401.00004&")


def test_api_failures_leave_ids_out(serve):
    calls = {"n": 0}

    async def handler(request: web.Request) -> web.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return web.Response(status=503, headers={"Retry-After": "0"})
        return web.Response(status=500)

    server = serve(handler)
    settings = ArxivSettings(api_url=server.url("/api/query"), min_interval=0.05, retries=1)
    assert asyncio.run(fetch_arxiv(["2401.00001"], settings)) == {}
    assert len(server.requests) == 2


def test_title_mismatch_is_measurable():
    listed = "Attention is all you need"
    registered = "Attention Is All\n You Need."
    assert title_similarity(listed, registered) == 1.0
    other = "BERT: Pre-training of Deep Bidirectional Transformers"
    assert title_similarity(listed, other) < 0.9
    assert normalise_title("$\\alpha$-CLIP: A {CLIP} Model") == "alpha clip a clip model"
    assert normalise_title("α-CLIP") == normalise_title("Alpha-CLIP") == "alpha clip"
    assert normalise_title("\\textbf{Fast}  \\emph{BERT}") == "fast bert"
    assert normalise_title('Schr\\"{o}dinger Bridges') == normalise_title("Schrödinger Bridges")


def test_canonical_ids_and_feed_parsing():
    assert canonical_id("1706.03762v5") == "1706.03762"
    assert canonical_id("arXiv:2404.08958") == "2404.08958"
    assert canonical_id("math.GT/0309136v2") == "math/0309136"
    assert canonical_id("2404.089588") is None
    records, errors = parse_feed(_feed(_entry("1706.03762") + _error("1706.0376x")).encode())
    assert list(records) == ["1706.03762"] and errors == [None]
    _, errors = parse_feed(_feed(_error(BAD)))
    assert errors == [BAD]
