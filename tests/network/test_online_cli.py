"""Online runs of the real command against loopback servers: links, arXiv, GitHub, cache,
and a run with no network at all. Every URL the command could reach is on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from helpers import SEED, needs_shared, run_cli

ARXIV_TITLES = {
    "2211.01335": "Chinese CLIP: Contrastive Vision-Language Pretraining in Chinese",
    "2205.14459": "CyCLIP: Cyclic Contrastive Language-Image Pretraining",
}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(folder: Path, **sections: dict[str, Any]) -> None:
    lines = []
    for name, values in sections.items():
        lines.append(f"{name}:")
        lines += [f"  {key}: {json.dumps(value)}" for key, value in values.items()]
    (folder / ".awesome-lint.yml").write_text("\n".join(lines) + "\n")


def test_no_network_gives_one_notice_and_no_dead_links(tmp_path: Path) -> None:
    needs_shared(SEED)
    repo = tmp_path / "seed"
    shutil.copytree(SEED.parent, repo)
    closed = f"http://127.0.0.1:{_closed_port()}"
    _config(
        repo,
        links={"probe_url": f"{closed}/", "cache": str(repo / "cache.db")},
        arxiv={"api_url": f"{closed}/api/query"},
        github={"api_url": closed},
    )
    offline = json.loads(run_cli("--offline", "--format", "json", "README.md", cwd=repo).stdout)
    result = run_cli("--online", "--format", "json", "README.md", cwd=repo)
    online = json.loads(result.stdout)
    assert result.returncode == 1  # the same exit status as offline: nothing was checked
    notices = [f for f in online if f["code"] == "AL901"]
    assert len(notices) == 1, notices
    assert "network unreachable" in notices[0]["message"]
    assert "links" in notices[0]["message"] and "not checked" in notices[0]["message"]
    assert not [f for f in online if f["code"] in ("AL301", "AL004", "AL305", "AL307")]
    assert [f for f in online if f["code"] != "AL901"] == offline


async def _site(request: web.Request) -> web.Response:
    if request.path == "/gone":
        return web.Response(status=404)
    if request.path == "/moved":
        raise web.HTTPMovedPermanently(location="/new-home")
    return web.Response(text="ok")


async def _arxiv_api(request: web.Request) -> web.Response:
    ids = request.query.get("id_list", "").split(",")
    entries = "".join(
        f"<entry><id>http://arxiv.org/abs/{i}v1</id><title>{ARXIV_TITLES[i]}</title>"
        "<published>2022-11-03T00:00:00Z</published></entry>"
        for i in ids
        if i in ARXIV_TITLES
    )
    return web.Response(
        text=f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>',
        content_type="application/atom+xml",
    )


async def _github_api(request: web.Request) -> web.Response:
    repos = {
        "/repos/a/archived": {"full_name": "a/archived", "archived": True},
        "/repos/a/active": {"full_name": "a/active", "archived": False},
        "/repos/old/name": {"full_name": "new/name", "archived": False},
    }
    if request.path in repos:
        return web.json_response(repos[request.path])
    return web.json_response({"message": "Not Found"}, status=404)


def test_online_run_reports_network_findings_and_caches(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    site, arxiv, github = serve(_site), serve(_arxiv_api), serve(_github_api)
    probe = serve(_site)
    rows = [
        f"| **Chinese CLIP: Contrastive Vision-Language Pretraining in Chinese** | [[Github](https://github.com/a/active)] [[Paper](https://arxiv.org/abs/2211.01335)] [[Project]({site.url('/ok')})] |",
        f"| **TinyCLIP: CLIP Distillation via Affinity Mimicking and Weight Inheritance** | [[Github](https://github.com/a/archived)] [[Paper](https://arxiv.org/abs/2211.01335)] [[Project]({site.url('/gone')})] |",
        f"| **CyCLIP: Cyclic Contrastive Language-Image Pretraining** | [[Github](https://github.com/old/name)] [[Paper](https://arxiv.org/abs/2205.14459)] [[Project]({site.url('/moved')})] |",
        "| **A Repository That Was Deleted Long Ago** | [[Github](https://github.com/a/deleted)] |",
    ]
    readme = tmp_path / "README.md"
    readme.write_text("| Title | Links |\n|---|---|\n" + "\n".join(rows) + "\n")
    _config(
        tmp_path,
        links={
            "exclude_private": False,  # every server here is on loopback
            "probe_url": probe.url("/"),
            "cache": str(tmp_path / "cache.db"),
            # the arXiv and GitHub links themselves are looked up through the APIs
            "exclude": ["^https://(arxiv\\.org|github\\.com)/"],
        },
        arxiv={"api_url": arxiv.url("/api/query"), "min_interval": 0},
        github={"api_url": github.url("")},
    )
    env = {"GITHUB_TOKEN": "secret-token"}
    result = run_cli("--online", "--format", "json", "README.md", cwd=tmp_path, env=env)
    assert result.returncode == 1, result.stderr
    found = {(f["code"], f["line"]): f for f in json.loads(result.stdout)}
    assert "404" in found[("AL301", 4)]["message"] and found[("AL301", 4)]["severity"] == "error"
    redirect = found[("AL305", 5)]
    assert redirect["fixable"] and redirect["fix"]["edits"][0]["replacement"] == site.url(
        "/new-home"
    )
    assert "Chinese CLIP" in found[("AL004", 4)]["message"]  # TinyCLIP's row, arXiv's title
    assert "matches line 3" in found[("AL002", 4)]["message"]
    assert "archived" in found[("AL307", 4)]["message"]
    renamed = found[("AL307", 5)]
    assert "new/name" in renamed["message"] and renamed["fixable"]
    assert "no longer exists" in found[("AL307", 6)]["message"]
    assert not [key for key in found if key[0] == "AL901"]
    # the token went nowhere: this API comes from a config file, and over http
    assert github.requests
    assert not any("Authorization" in r.headers for r in github.requests)
    assert not any("Authorization" in r.headers for r in site.requests + arxiv.requests)
    # a second run answers from the cache: no request for a cached verdict
    counts = (site.count(), arxiv.count(), github.count())
    again = run_cli("--online", "--format", "json", "README.md", cwd=tmp_path, env=env)
    assert json.loads(again.stdout) == json.loads(result.stdout)
    # unverifiable verdicts are never cached; here every verdict is final
    assert (site.count(), arxiv.count(), github.count()) == counts
    assert run_cli("--online", "--no-cache", "README.md", cwd=tmp_path, env=env).returncode == 1
    assert site.count() > counts[0] and arxiv.count() > counts[1]


def test_offline_by_default_in_pipes_and_pre_commit(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    site = serve(_site)
    (tmp_path / "README.md").write_text(f"- [gone]({site.url('/gone')})\n")
    _config(
        tmp_path,
        links={
            "exclude_private": False,  # the server is on loopback
            "probe_url": site.url("/"),
            "cache": str(tmp_path / "c.db"),
        },
    )
    assert run_cli("README.md", cwd=tmp_path).returncode == 0  # stdout is a pipe: offline
    assert run_cli("README.md", cwd=tmp_path, env={"PRE_COMMIT": "1"}).returncode == 0
    assert site.count() == 0
    assert run_cli("--online", "README.md", cwd=tmp_path).returncode == 1


def test_progress_bar_on_a_terminal_only() -> None:
    import io

    from awesome_lint.cli import ProgressBar, for_terminal

    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(5, 10, 1)
    bar(10, 10, 2)
    bar.close()
    text = stream.getvalue()
    assert "\rchecking links [###############---------------] 5/10, 1 failing" in text
    assert "10/10, 2 failing" in text and text.endswith("\r")
    assert for_terminal() is None  # pytest's stderr is no terminal: nothing in CI logs


def test_the_token_goes_to_the_api_given_on_the_command_line_over_https(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    import ssl

    import pytest

    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    github, probe = serve(_github_api, ssl_context=context), serve(_site)
    (tmp_path / "README.md").write_text(
        "| Title | Links |\n|---|---|\n"
        "| **A Paper** | [[Github](https://github.com/a/archived)] |\n"
    )
    _config(
        tmp_path,
        links={"probe_url": probe.url("/"), "exclude": ["^https://github\\.com/"]},
        github={"api_url": "http://127.0.0.1:9/"},  # the command line wins over the config
    )
    env = {"GITHUB_TOKEN": "secret-token", "SSL_CERT_FILE": str(tmp_path / "ca.pem")}
    result = run_cli(
        "--online",
        "--no-cache",
        "--github-api-url",
        github.url("/"),
        "--format",
        "json",
        "README.md",
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert [f["code"] for f in json.loads(result.stdout)] == ["AL307"]
    assert [r.headers.get("Authorization") for r in github.requests] == ["Bearer secret-token"]
    # an http API on the command line is refused, in one line (loopback aside: a local fake)
    refused = run_cli(
        "--online",
        "--github-api-url",
        "http://ghe.example.invalid/api/v3",
        "README.md",
        cwd=tmp_path,
        env=env,
    )
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "awesome-lint: error: network settings: the GitHub API URL the token goes to must be "
        "https, not 'http://ghe.example.invalid/api/v3'"
    ]


def test_an_online_run_asks_only_what_the_enabled_rules_read(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    """Rules declare the network facts they read (NEEDS): links for AL301, arXiv titles
    for AL004, repositories for AL307. A run looks up nothing else."""
    site, arxiv, github = serve(_site), serve(_arxiv_api), serve(_github_api)
    (tmp_path / "README.md").write_text(
        "| Title | Links |\n|---|---|\n"
        "| **CyCLIP: Cyclic Contrastive Language-Image Pretraining** | "
        f"[[Github](https://github.com/a/active)] [[Paper](https://arxiv.org/abs/2205.14459)] "
        f"[[Project]({site.url('/gone')})] |\n"
    )
    _config(
        tmp_path,
        links={
            "probe_url": site.url("/"),
            "exclude_private": False,
            "cache": str(tmp_path / "c.db"),
        },
        arxiv={"api_url": arxiv.url("/api/query"), "min_interval": 0},
        github={"api_url": github.url("")},
    )

    def requests() -> tuple[int, int, int]:
        return site.count(), arxiv.count(), github.count()

    result = run_cli("--online", "--no-cache", "--select", "AL306", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert requests() == (0, 0, 0)  # no rule reads the network: not even the probe

    result = run_cli("--online", "--no-cache", "--select", "AL301", "README.md", cwd=tmp_path)
    assert result.returncode == 1 and "AL301" in result.stdout, result.stdout + result.stderr
    assert site.count() > 0 and (arxiv.count(), github.count()) == (0, 0)

    before = site.count()
    result = run_cli("--online", "--no-cache", "--select", "AL004,AL307", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert arxiv.count() == 1 and github.count() == 1
    assert site.count() - before <= 1  # the reachability probe at most: no link checked
