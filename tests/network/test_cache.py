"""The SQLite cache: fresh entries skip the network, ages apply per verdict, processes share it."""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
from pathlib import Path

import pytest
from aiohttp import web

from awesome_lint.network import Cache, check_links_sync, default_cache_path


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def status_server(serve, statuses: dict[str, int]):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=statuses.get(request.path, 200))

    return serve(handler)


def test_second_run_makes_no_request(serve, fast, tmp_path):
    server = status_server(serve, {"/dead": 404})
    urls = [server.url(f"/page/{i}") for i in range(50)] + [server.url("/dead")]
    urls.append(server.url("/page/1#fragment"))
    first = check_links_sync(urls, fast(), cache=Cache(tmp_path / "c.sqlite3"))
    requests_after_first = server.count()
    assert requests_after_first >= 51

    second = check_links_sync(urls, fast(), cache=Cache(tmp_path / "c.sqlite3"))
    assert server.count() == requests_after_first  # zero new requests
    assert all(v.from_cache for v in second.values())
    assert {u: (v.state, v.status) for u, v in first.items()} == {
        u: (v.state, v.status) for u, v in second.items()
    }
    assert second[server.url("/dead")].state == "dead"


def test_dead_verdicts_expire_after_their_age(serve, fast, tmp_path):
    server = status_server(serve, {"/dead": 404})
    clock = Clock()
    cache = Cache(tmp_path / "c.sqlite3", clock=clock)
    settings = fast(cache_dead_age=3600.0, cache_ok_age=86400.0)
    dead, alive = server.url("/dead"), server.url("/alive")
    check_links_sync([dead, alive], settings, cache=cache)
    baseline = server.count()

    clock.now += 3000  # both still fresh
    verdicts = check_links_sync([dead, alive], settings, cache=cache)
    assert server.count() == baseline and verdicts[dead].from_cache

    clock.now += 1000  # the dead verdict (1 h) expired; the ok one (1 d) did not
    verdicts = check_links_sync([dead, alive], settings, cache=cache)
    assert not verdicts[dead].from_cache and verdicts[alive].from_cache
    assert {r.path for r in server.requests[baseline:]} == {"/dead"}


def test_unverifiable_verdicts_are_not_cached(serve, fast, tmp_path):
    server = status_server(serve, {"/wall": 403})
    cache = Cache(tmp_path / "c.sqlite3")
    url = server.url("/wall")
    assert check_links_sync([url], fast(), cache=cache)[url].state == "unverifiable"
    first = server.count()
    verdict = check_links_sync([url], fast(), cache=cache)[url]
    assert verdict.state == "unverifiable" and not verdict.from_cache
    assert server.count() == 2 * first


def test_no_cache_checks_everything_again(serve, fast):
    server = status_server(serve, {})
    url = server.url("/")
    check_links_sync([url], fast(), cache=None)
    check_links_sync([url], fast(), cache=None)
    assert server.count() == 2


def test_generic_entries_with_ages(tmp_path):
    clock = Clock()
    cache = Cache(tmp_path / "c.sqlite3", clock=clock)
    cache.put_many("arxiv", {"1706.03762": {"title": "Attention"}, "9999.99999": None})
    found = cache.get_many("arxiv", ["1706.03762", "9999.99999", "absent"], 60)
    assert found == {"1706.03762": {"title": "Attention"}, "9999.99999": None}
    clock.now += 61
    assert cache.get_many("arxiv", ["1706.03762"], 60) == {}
    assert cache.get("arxiv", "1706.03762", 3600) == {"title": "Attention"}
    assert cache.get_many("github", ["1706.03762"], 3600) == {}  # kinds are separate


def test_corrupt_cache_degrades_to_no_cache(serve, fast, tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    cache = Cache(path, warn=warnings.append)
    assert not cache.enabled
    assert len(warnings) == 1 and str(path) in warnings[0]
    server = status_server(serve, {})
    url = server.url("/")
    assert check_links_sync([url], fast(), cache=cache)[url].state == "ok"
    cache.put("link", "x", {"state": "ok"})  # no crash
    assert cache.get_many("link", ["x"], 10) == {}


def test_unusable_location_degrades_to_no_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a directory should be")
    warnings: list[str] = []
    cache = Cache(blocker / "sub" / "c.sqlite3", warn=warnings.append)
    assert not cache.enabled and len(warnings) == 1
    cache.put_many("link", {"a": 1})
    assert cache.get_many("link", ["a"], 10) == {}


def test_file_corrupted_while_open_degrades(tmp_path):
    path = tmp_path / "c.sqlite3"
    warnings: list[str] = []
    cache = Cache(path, warn=warnings.append)
    cache.put("link", "a", 1)
    cache.close()
    path.write_bytes(b"\0garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    cache = Cache(path, warn=warnings.append)
    cache.put("link", "b", 2)
    assert cache.get_many("link", ["a", "b"], 10) == {}
    assert warnings


def _writer(path: str, worker: int, rounds: int) -> None:
    cache = Cache(path, warn=lambda message: sys.exit(f"cache failed: {message}"))
    for i in range(rounds):
        cache.put_many("link", {f"w{worker}-{i}-{j}": {"state": "ok"} for j in range(5)})
        cache.get_many("link", [f"w{(worker + 1) % 4}-{i}-0"], 3600)
    cache.close()


def test_several_processes_at_once(tmp_path):
    path = str(tmp_path / "shared.sqlite3")
    context = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    workers = [context.Process(target=_writer, args=(path, n, 500)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
    assert [p.exitcode for p in workers] == [0, 0, 0, 0]
    with sqlite3.connect(path) as conn:
        (count,) = conn.execute("SELECT count(*) FROM entries_v1").fetchone()
    assert count == 4 * 500 * 5


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Linux layout")
def test_default_path_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_path() == tmp_path / "awesome-lint" / "cache.sqlite3"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_path() == Path.home() / ".cache" / "awesome-lint" / "cache.sqlite3"
