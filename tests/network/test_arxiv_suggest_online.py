"""Suggested arXiv IDs, online (issue 12), through the real command against a loopback fake
of the arXiv API that answers ``id_list`` look-ups and ``ti:"..."`` searches with Atom
feeds of real titles. Every base URL is on 127.0.0.1; links are excluded from checking."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from aiohttp import web
from helpers import SEED, needs_shared, run_cli

from awesome_lint.titles import normalise

TINY = "TinyCLIP: CLIP Distillation via Affinity Mimicking and Weight Inheritance"
CHINESE = "Chinese CLIP: Contrastive Vision-Language Pretraining in Chinese"
AMU = "AMU-Tuning: Effective Logit Bias for CLIP-based Few-shot Learning"
TIP = "Tip-Adapter: Training-free Adaption of CLIP for Few-shot Classification"


def _seed_titles() -> dict[str, str]:
    """arXiv's titles for the seed's IDs: each ID's first row (these are the papers'
    titles, as the lists quote them), plus the paper TinyCLIP really is."""
    records = json.loads(run_cli("export", SEED.name, cwd=SEED.parent).stdout)
    papers: dict[str, str] = {}
    for record in records:
        if record["arxiv_id"]:
            papers.setdefault(record["arxiv_id"], record["title"])
    papers["2309.12314"] = TINY
    papers["2207.09519"] = TIP  # the seed cuts it after "CLIP"
    assert papers["2211.01335"] == CHINESE
    return papers  # AMU-Tuning's paper (2404.08958) is not there: its search finds none


def _entry(ident: str, title: str) -> str:
    return (
        f"<entry><id>http://arxiv.org/abs/{ident}v1</id>"
        f"<published>2023-09-01T00:00:00Z</published>"
        f"<title>{escape(title)}</title><summary>An abstract.</summary></entry>"
    )


def _fake_arxiv(papers: dict[str, str]) -> Callable[[web.Request], Any]:
    async def handler(request: web.Request) -> web.Response:
        query = parse_qs(request.query_string)
        if "id_list" in query:
            ids = query["id_list"][0].split(",")
            entries = [_entry(i, papers[i]) for i in ids if i in papers]
        else:  # search_query=ti:"words": papers sharing most of the words, best first
            phrase = re.fullmatch(r'ti:"([^"]*)"', query["search_query"][0])
            assert phrase is not None, query
            words = set(phrase.group(1).split())
            limit = int(query["max_results"][0])
            shared = {
                i: len(words & set(normalise(t, markup=True).split())) for i, t in papers.items()
            }
            ranked = sorted((i for i in shared if shared[i] >= 3), key=lambda i: -shared[i])
            entries = [_entry(i, papers[i]) for i in ranked[:limit]]
        feed = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>arXiv Query</title>'
            f"{''.join(entries)}</feed>"
        )
        return web.Response(text=feed, content_type="application/atom+xml")

    return handler


async def _ok(request: web.Request) -> web.Response:
    if request.path.startswith("/repos/"):
        name = request.path.removeprefix("/repos/")
        return web.json_response({"full_name": name, "archived": False})
    return web.Response(text="ok")


def _configure(folder: Path, arxiv_url: str, other_url: str, **arxiv: Any) -> None:
    config = {
        "links": {
            "exclude_private": False,  # every server here is on loopback
            "probe_url": other_url + "/",
            "cache": str(folder / "cache.sqlite3"),
            "exclude": ["."],  # no link of the list is requested: this is about arXiv
        },
        "arxiv": {"api_url": arxiv_url, "min_interval": 0.05, **arxiv},
        "github": {"api_url": other_url},
    }
    (folder / ".awesome-lint.yml").write_text(json.dumps(config))  # JSON is YAML


def _searches(server: Any) -> list[str]:
    return [
        parse_qs(seen.query)["search_query"][0]
        for seen in server.requests
        if "search_query" in seen.query
    ]


def _lint(folder: Path, *args: str) -> list[dict]:
    result = run_cli("--online", "--format", "json", *args, "README.md", cwd=folder)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def test_the_seed_tinyclip_row_gets_its_own_id(tmp_path: Path, serve: Callable[..., Any]) -> None:
    needs_shared(SEED)
    folder = tmp_path / "seed"
    shutil.copytree(SEED.parent, folder)
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    arxiv, other = serve(_fake_arxiv(_seed_titles())), serve(_ok)
    _configure(folder, arxiv.url("/api/query"), other.url(""))

    found = _lint(folder)
    words = f"TinyCLIP is arXiv 2309.12314 '{TINY}'"
    tiny = {f["code"]: f for f in found if f["line"] == 69 and f["code"] in ("AL002", "AL004")}
    assert set(tiny) == {"AL002", "AL004"}
    for finding in tiny.values():
        assert finding["message"].endswith(words), finding["message"]
        fix = finding["fix"]
        assert fix["applicability"] == "unsafe"
        assert [e["replacement"] for e in fix["edits"]] == ["2309.12314"]
    # AMU-Tuning's malformed ID: its title was searched, and nothing confident came back
    assert any("amu tuning effective logit bias" in query for query in _searches(arxiv))
    amu = next(f for f in found if f["code"] == "AL003")
    assert amu["line"] == 102 and " is arXiv " not in amu["message"] and amu["fix"] is None
    # Chinese CLIP's row is the one arXiv confirms: never searched, never changed
    assert not any("chinese clip" in query for query in _searches(arxiv))
    assert arxiv.max_in_flight == 1  # one connection, paced

    # a warm rerun sends nothing: IDs and searches are cached
    before = (arxiv.count(), other.count())
    assert _lint(folder) == found
    assert (arxiv.count(), other.count()) == before

    readme = folder / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert "Would fix" in run_cli("--online", "--diff", "README.md", cwd=folder).stderr
    assert readme.read_text(encoding="utf-8") == text  # --fix alone leaves the guess out
    result = run_cli("--online", "--fix", "README.md", cwd=folder)
    assert "2 unsafe fixes not applied: use --unsafe-fixes" in result.stderr, result.stderr
    result = run_cli("--online", "--fix", "--unsafe-fixes", "README.md", cwd=folder)
    # AL002 and AL004, one edit for both (the safe AL302 fixes went in the run before)
    assert result.stderr.strip() == "Fixed 2 problems.", result.stderr
    fixed = readme.read_text(encoding="utf-8").splitlines()
    original = text.splitlines()
    assert fixed[68] == original[68].replace(
        "https://arxiv.org/pdf/2211.01335", "https://arxiv.org/pdf/2309.12314"
    )
    assert fixed[40] == original[40]  # Chinese CLIP keeps its ID
    changed = [n for n, (a, b) in enumerate(zip(original, fixed, strict=True)) if a != b]
    assert changed == [68, 94, 113]  # TinyCLIP, and the two safe AL302 fixes before
    after = _lint(folder)
    assert not [f for f in after if f["line"] == 69 and f["code"] in ("AL002", "AL004")]


ROW = "| **{title}** | [[Paper](https://arxiv.org/abs/2501.{n:05d}x)] |"


def test_a_cap_of_searches_is_honoured(tmp_path: Path, serve: Callable[..., Any]) -> None:
    papers = {f"2501.{n:05d}": f"A Real Paper About Subject Number {n} In Depth" for n in range(6)}
    arxiv, other = serve(_fake_arxiv(papers)), serve(_ok)
    rows = [ROW.format(title=title, n=n) for n, title in enumerate(papers.values())]
    (tmp_path / "README.md").write_text("| Title | Links |\n|---|---|\n" + "\n".join(rows) + "\n")
    _configure(tmp_path, arxiv.url("/api/query"), other.url(""), max_title_searches=4)

    found = _lint(tmp_path)
    assert len(_searches(arxiv)) == 4
    suggested = [f for f in found if f["code"] == "AL003" and " is arXiv " in f["message"]]
    assert len(suggested) == 4
    notice = [f["message"] for f in found if f["code"] == "AL901"]
    assert notice == [
        "arXiv not searched for 2 titles (to suggest an ID): at most 4 searches a run "
        "(arxiv.max_title_searches)"
    ]
    # the next run searches the two left over, and no more
    found = _lint(tmp_path)
    assert len(_searches(arxiv)) == 6
    assert len([f for f in found if " is arXiv " in f["message"]]) == 6
    assert not [f for f in found if f["code"] == "AL901"]


def test_offline_nothing_is_asked_and_nothing_changes(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    papers = {"2501.00001": "A Real Paper About Subject Number 1 In Depth"}
    arxiv, other = serve(_fake_arxiv(papers)), serve(_ok)
    row = ROW.format(title=papers["2501.00001"], n=1)
    (tmp_path / "README.md").write_text(f"| Title | Links |\n|---|---|\n{row}\n")
    _configure(tmp_path, arxiv.url("/api/query"), other.url(""))
    result = run_cli("--offline", "--format", "json", "README.md", cwd=tmp_path)
    (finding,) = json.loads(result.stdout)
    assert finding["code"] == "AL003" and finding["fix"] is None
    assert finding["message"] == (
        "malformed arXiv identifier '2501.00001x': unexpected 'x' after the identifier"
    )
    assert arxiv.count() == 0 and other.count() == 0
