"""A fix writes what a server or a cache file said only when it is of the expected shape
(issue 21, item 2): a repository's new name only as OWNER/REPO, a redirect's target only
as an absolute http(s) URL without credentials, percent-encoded so that it can't end the
markdown link; otherwise the finding stays, unfixable, saying why. Credentials and path
parameters are hidden like queries in messages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from helpers import run_cli

from awesome_lint.network import Cache
from awesome_lint.safeurl import hide_private, is_repo_name, writable_url


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("javascript:alert(document.domain)", "not an http(s) URL"),
        ("data:text/html,<script>", "not an http(s) URL"),
        ("//evil.example/x", "not an http(s) URL"),
        ("http://user:SECRET@example.org/", "credentials"),
        ("http://example.org/\na", "control characters"),
        ("http://example.org/\u202ea", "control characters"),
        ("http://exa mple.org/", "not a plain host name"),
        ("http://example.org:99999/", "not a valid URL"),
        (None, "not a URL"),
    ],
)
def test_targets_a_fix_never_writes(url: Any, why: str) -> None:
    safe, reason = writable_url(url)
    assert safe is None and why in reason


def test_a_target_is_written_percent_encoded() -> None:
    safe, _ = writable_url("http://h.example/a)[x](javascript:alert(1)) <b>|'\"`\\ é%zz#f#g")
    assert safe == (
        "http://h.example/a%29%5Bx%5D%28javascript:alert%281%29%29%20%3Cb%3E%7C%27%22%60%5C"
        "%20%C3%A9%25zz#f%23g"
    )
    assert writable_url("https://EXAMPLE.org:8443/p?q=1#s") == (
        "https://example.org:8443/p?q=1#s",
        "",
    )


def test_messages_hide_credentials_path_parameters_and_queries() -> None:
    assert hide_private("http://u:SECRET@h.example/a;jsessionid=S2/b?tok=S3#f") == (
        "http://…@h.example/a;…/b?…#f"
    )


@pytest.mark.parametrize("name", ["new-org/clip", "a/b.c_d-e", "A1/x"])
def test_repository_names_github_allows(name: str) -> None:
    assert is_repo_name(name)


@pytest.mark.parametrize(
    "name",
    ["evil/x) [Click here](https://evil.example/phish) (", "a/b/c", "-a/b", "a/..", "a/", 7],
)
def test_repository_names_refused(name: Any) -> None:
    assert not is_repo_name(name)


async def _ok(request: web.Request) -> web.Response:
    return web.Response(text="ok")


TABLE = "# Papers\n\n| Title | Code |\n|---|---|\n| A Paper About Things | [code]({}) |\n"


def test_a_rename_that_is_not_owner_repo_is_not_written(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    names = {
        "/repos/octo/things": "evil/x) [Click here](https://evil.example/phish) (",
        "/repos/octo/other": "new-org/other",
    }

    async def api(request: web.Request) -> web.Response:
        return web.json_response({"full_name": names[request.path], "archived": False})

    github, probe = serve(api), serve(_ok)
    (tmp_path / ".awesome-lint.yml").write_text(
        json.dumps({"links": {"probe_url": probe.url("/")}, "github": {"api_url": github.url("")}})
    )
    readme = tmp_path / "README.md"
    text = TABLE.format("https://github.com/octo/things") + (
        "| Another Paper About Stuff | [code](https://github.com/octo/other) |\n"
    )
    readme.write_text(text)
    args = ("--online", "--no-cache", "--select", "AL307", "--format", "json")
    result = run_cli(*args, "--fix", "README.md", cwd=tmp_path)
    assert "evil.example" not in result.stdout + result.stderr
    after = readme.read_text()
    assert after == text.replace("octo/other", "new-org/other")  # the good rename only
    result = run_cli(*args, "README.md", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(f["line"], f["fixable"]) for f in found] == [(5, False)]
    assert "not OWNER/REPO (not fixed)" in found[0]["message"]
    assert "evil.example" not in result.stdout


def test_a_cached_javascript_target_is_not_written(tmp_path: Path, closed_port: int) -> None:
    """A cache file committed to the repository says where a link redirects: no network."""
    url = "https://old.example.org/paper"
    cache_path = tmp_path / "cache.db"
    with Cache(cache_path) as cache:
        verdict = {
            "state": "ok",
            "status": 200,
            "reason": "200 OK",
            "final_url": "javascript:alert(document.domain)",
            "permanent_redirect": True,
            "private": False,
        }
        cache.put("link", url, verdict)
    config = {"links": {"cache": "cache.db", "probe_url": f"http://127.0.0.1:{closed_port}/"}}
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps(config))
    readme = tmp_path / "README.md"
    readme.write_text(f"# Papers\n\n- [Paper]({url})\n")
    args = ("--online", "--select", "AL305", "--format", "json", "README.md")
    result = run_cli(*args, "--fix", cwd=tmp_path)
    assert readme.read_text() == f"# Papers\n\n- [Paper]({url})\n"
    found = json.loads(run_cli(*args, cwd=tmp_path).stdout)
    assert [(f["code"], f["fixable"]) for f in found] == [("AL305", False)], result.stdout
    assert found[0]["message"].endswith("(not fixed: the target is not an http(s) URL)")


def test_live_redirect_targets(tmp_path: Path, serve: Callable[..., Any]) -> None:
    port_holder: dict[str, int] = {}

    async def site(request: web.Request) -> web.Response:
        base = f"http://127.0.0.1:{port_holder['port']}"
        moves = {
            "/md": f"{base}/a)[x](javascript:alert(1))",
            "/creds": f"http://user:SECRET1@127.0.0.1:{port_holder['port']}/in",
            "/session": f"{base}/app;jsessionid=SECRET2",
        }
        if request.path in moves:
            raise web.HTTPMovedPermanently(location=moves[request.path])
        return web.Response(text="ok")

    server = serve(site)
    port_holder["port"] = server.port
    links = {"exclude_private": False, "probe_url": server.url("/"), "cache": "c.db"}
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps({"links": links}))
    readme = tmp_path / "README.md"
    readme.write_text(
        f"# L\n\n- [a]({server.url('/md')})\n- [b]({server.url('/creds')})\n"
        f"- [c]({server.url('/session')})\n"
    )
    args = ("--online", "--select", "AL305", "--format", "json", "README.md")
    result = run_cli(*args, "--fix", cwd=tmp_path)
    output = result.stdout + result.stderr
    assert "SECRET1" not in output and "SECRET2" not in output
    written = readme.read_text()
    assert "SECRET" not in written
    encoded = server.url("/a%29%5Bx%5D%28javascript:alert%281%29%29")
    assert f"- [a]({encoded})\n" in written  # one whole link, nothing after it
    found = {f["line"]: f for f in json.loads(run_cli(*args, cwd=tmp_path).stdout)}
    assert set(found) == {4, 5}  # line 3 is fixed; the other two are not
    assert found[4]["message"].endswith(
        f"{'http://…@127.0.0.1:' + str(server.port) + '/in'} (not fixed: the target carries "
        "credentials)"
    )
    assert found[5]["message"].endswith(
        f"{server.url('/app')};… (not fixed: the target adds path parameters)"
    )
    assert "SECRET" not in json.dumps(found)
