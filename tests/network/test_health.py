"""Scheduled list health (`awesome-lint health`): real processes, the list's links on a
loopback site, and a loopback fake of GitHub's issue endpoints."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from github_fake import FakeGitHub
from helpers import run_cli

from awesome_lint.health import MARKER, HealthProblem, token_api_url

TITLE = "Link health"
LABEL = "link-health"
SHA = "0123456789abcdef0123456789abcdef01234567"


async def _site(request: web.Request) -> web.Response:
    return web.Response(status=404 if request.path.startswith("/gone") else 200)


class Health:
    """A list in a folder, the site its links point at, and the fake API."""

    def __init__(self, tmp_path: Path, serve: Callable[..., Any]) -> None:
        self.fake = FakeGitHub()
        self.api = serve(self.fake.handle)
        self.site = serve(_site)
        self.folder = tmp_path / "list"
        self.folder.mkdir()
        self.cache = tmp_path / "cache"
        self.report = tmp_path / "report.md"
        self.summary = tmp_path / "summary.md"
        self.summary.write_text("")
        (self.folder / ".awesome-lint.yml").write_text(
            f"links:\n  probe_url: '{self.site.url('/probe')}'\n  exclude_private: false\n"
            "  retries: 0\n"
        )
        self.write(["/ok/1", "/ok/2"])

    def write(self, paths: list[str]) -> None:
        links = "\n".join(f"- [Page {n}]({self.site.url(p)})" for n, p in enumerate(paths))
        (self.folder / "README.md").write_text(f"# Papers\n\n{links}\n")

    def run(self, *args: str, token: str | None = None, **env: str) -> Any:
        environment = {
            "GITHUB_TOKEN": self.fake.token if token is None else token,
            "AWESOME_LINT_CACHE_DIR": str(self.cache),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_REPOSITORY": self.fake.repository,
            "GITHUB_SHA": SHA,
            "GITHUB_WORKSPACE": str(self.folder),
            **env,
        }
        return run_cli(
            "health",
            "--github-api-url",
            self.api.url(""),
            "--issue-title",
            TITLE,
            "--issue-label",
            LABEL,
            "--report",
            str(self.report),
            *args,
            cwd=self.folder,
            env=environment,
        )

    def tracking(self) -> list[dict[str, Any]]:
        return [i for i in self.fake.open_issues(LABEL) if i["title"] == TITLE]

    def token_nowhere(self, *outputs: str) -> None:
        """The token is in no output, report, summary, cache file or issue."""
        token = self.fake.token
        for text in outputs:
            assert token not in text
        assert token not in self.summary.read_text()
        if self.report.exists():
            assert token not in self.report.read_text()
        for path in self.cache.rglob("*"):
            if path.is_file():
                assert token.encode() not in path.read_bytes(), path
        for issue in self.fake.issues.values():
            assert token not in str(issue)


def _last_line(result: Any) -> str:
    return result.stdout.strip().splitlines()[-1]


def test_one_tracking_issue_opened_updated_closed(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    health = Health(tmp_path, serve)
    fake = health.fake
    pull_request = fake.add(TITLE, [LABEL], pull_request=True)  # same title, not an issue
    other = fake.add("Something else", [LABEL])

    # a dead link: the issue is opened, with the report as its body
    health.write(["/ok/1", "/gone/1", "/ok/2"])
    first = health.run()
    assert first.returncode == 0, first.stderr
    assert "AL301" in first.stdout and "404" in first.stdout
    assert _last_line(first) == (
        f"Tracking issue #3: opened (https://github.com/{fake.repository}/issues/3)."
    )
    [issue] = health.tracking()
    assert issue["number"] == 3 and [label["name"] for label in issue["labels"]] == [LABEL]
    body = issue["body"]
    assert body.startswith(MARKER) and body == health.report.read_text()
    assert body in health.summary.read_text()
    row = next(line for line in body.splitlines() if "AL301" in line)
    assert f"(https://github.com/{fake.repository}/blob/{SHA}/README.md#L4)" in row
    assert "/gone/1" in row and "Found 1 problem (1 error)." in body

    # another dead link: the same issue is updated, nothing new is opened
    health.write(["/ok/1", "/gone/1", "/gone/2"])
    second = health.run()
    assert second.returncode == 0, second.stderr
    assert _last_line(second).startswith("Tracking issue #3: updated")
    [issue] = health.tracking()
    assert "/gone/1" in issue["body"] and "/gone/2" in issue["body"]

    # fixed: the issue is closed
    health.write(["/ok/1", "/ok/2"])
    third = health.run()
    assert third.returncode == 0, third.stderr
    assert _last_line(third).startswith("Tracking issue #3: closed: the list is clean")
    assert fake.issues[3]["state"] == "closed" and fake.issues[3]["state_reason"] == "completed"
    assert health.tracking() == []

    # still clean: nothing to write
    writes = len(fake.writes())
    fourth = health.run()
    assert _last_line(fourth) == "Tracking issue: nothing to do."
    assert len(fake.writes()) == writes

    # broken again: a new issue (the old one stays closed)
    health.write(["/gone/3"])
    fifth = health.run()
    assert _last_line(fifth).startswith("Tracking issue #4: opened")
    assert [i["number"] for i in health.tracking()] == [4]

    creates = [call for call in fake.writes() if call.method == "POST"]
    assert len(creates) == 2  # never two open at once
    touched = {call.path for call in fake.writes()}
    assert not any(path.endswith((f"/{pull_request}", f"/{other}")) for path in touched)
    assert all(call.authorization == f"Bearer {fake.token}" for call in fake.calls)
    assert not any("Authorization" in seen.headers for seen in health.site.requests)
    health.token_nowhere(*(r.stdout + r.stderr for r in (first, second, third, fourth, fifth)))


def test_an_incomplete_check_leaves_the_issue_alone(
    tmp_path: Path, serve: Callable[..., Any], closed_port: int
) -> None:
    """No network: nothing was found, but nothing was checked either."""
    health = Health(tmp_path, serve)
    number = health.fake.add(TITLE, [LABEL])
    gone = f"http://127.0.0.1:{closed_port}"
    (health.folder / ".awesome-lint.yml").write_text(
        f"links:\n  probe_url: '{gone}/'\n  exclude_private: false\n"
    )
    (health.folder / "README.md").write_text(f"- [a]({gone}/a)\n")
    result = health.run()
    # no link could be checked: the job fails (exit 2) and the report says so first
    assert result.returncode == 2, result.stderr
    (error,) = result.stderr.strip().splitlines()
    assert error.startswith("awesome-lint: error: no link could be checked (network unreachable")
    assert "network unreachable" in result.stdout
    assert _last_line(result).startswith(
        f"Tracking issue #{number}: left open: some checks could not run"
    )
    assert health.fake.writes() == []
    first = health.report.read_text().splitlines()[1]  # after the invisible marker
    assert first.startswith("**Links were not checked**: network unreachable")
    assert "every link" not in health.report.read_text()


def test_offline_findings_without_the_network_leave_the_issue_alone(
    tmp_path: Path, serve: Callable[..., Any], closed_port: int
) -> None:
    """Issue 18: with no network the issue was rewritten to the offline findings (a
    duplicate) listed among broken links, and the report began "Checked …, every link"."""
    health = Health(tmp_path, serve)
    number = health.fake.add(TITLE, [LABEL])
    health.fake.issues[number]["body"] = "the dead links of last week"
    gone = f"http://127.0.0.1:{closed_port}"
    (health.folder / ".awesome-lint.yml").write_text(
        f"links:\n  probe_url: '{gone}/'\n  exclude_private: false\n"
    )
    (health.folder / "README.md").write_text(f"# Papers\n\n- [A](#nowhere)\n- [a]({gone}/a)\n")
    result = health.run()
    assert result.returncode == 2
    assert "AL103" in result.stdout  # the offline finding is reported all the same
    assert health.fake.writes() == [] and health.fake.issues[number]["body"].startswith("the dead")
    text = health.report.read_text()
    assert text.splitlines()[1].startswith("**Links were not checked**")
    assert text.index("### Links and repositories") < text.index("AL901")
    assert text.index("### Other findings") < text.index("AL103")


@pytest.mark.parametrize("others", ["section", "report"])
def test_the_issue_lists_link_health_apart_from_other_findings(
    tmp_path: Path, serve: Callable[..., Any], others: str
) -> None:
    health = Health(tmp_path, serve)
    config = health.folder / ".awesome-lint.yml"
    config.write_text(config.read_text() + f"health:\n  issue-others: {others}\n")
    (health.folder / "README.md").write_text(
        f"# Papers\n\n- [A](#nowhere)\n- [Gone]({health.site.url('/gone/1')})\n"
        f"- [Fine]({health.site.url('/ok/1')})\n"
    )
    result = health.run("--no-cache")
    assert result.returncode == 0, result.stderr
    [issue] = health.tracking()
    body, report = issue["body"], health.report.read_text()
    assert report.splitlines()[1] == "Every link was checked (2)."
    for text in (body, report):
        links = text.index("### Links and repositories")
        assert links < text.index("AL301") and "/gone/1" in text
    assert report.index("### Other findings") < report.index("AL103")
    if others == "section":
        assert body == report
    else:
        assert "AL103" not in body and "### Other findings" not in body
        assert "other findings are in the run's report" in body


def _rate_limited(request: web.Request) -> web.Response:
    reset = str(int(time.time()) + 600)
    return web.json_response(
        {"message": "API rate limit exceeded"},
        status=403,
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
    )


def _no_write_permission(request: web.Request) -> web.Response:
    return web.json_response({"message": "Resource not accessible by integration"}, status=403)


def _secondary_limit(request: web.Request) -> web.Response:
    return web.json_response(
        {"message": "You have exceeded a secondary rate limit"},
        status=429,
        headers={"Retry-After": "60"},
    )


@pytest.mark.parametrize(
    ("case", "fragments"),
    [
        ("no issues: write", ["403", "Resource not accessible", "permissions: issues: write"]),
        ("bad token", ["token was refused", "401", "Bad credentials"]),
        ("rate limit", ["rate limit reached", "403", "resets at"]),
        ("secondary rate limit", ["rate limit reached", "429", "retry after 60 s"]),
        ("unreachable", ["unreachable", "connection refused"]),
        ("no token", ["no GitHub token", "issues: write"]),
        ("plain http", ["https only"]),
    ],
)
def test_api_failures_end_in_one_line(
    tmp_path: Path, serve: Callable[..., Any], closed_port: int, case: str, fragments: list[str]
) -> None:
    health = Health(tmp_path, serve)
    health.write(["/gone/1"])  # something to report, so the run wants to write
    args: list[str] = []
    token = None
    if case == "no issues: write":  # reading works, writing does not
        health.fake.fault = lambda r: _no_write_permission(r) if r.method != "GET" else None
    elif case == "bad token":
        token = "ghs_not-the-token-5678"
    elif case == "rate limit":
        health.fake.fault = _rate_limited
    elif case == "secondary rate limit":
        health.fake.fault = _secondary_limit
    elif case == "unreachable":
        args = ["--github-api-url", f"http://127.0.0.1:{closed_port}"]
    elif case == "no token":
        token = ""
    elif case == "plain http":
        args = ["--github-api-url", "http://api.example.com"]
    result = health.run(*args, token=token)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("awesome-lint: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    for secret in (health.fake.token, "ghs_not-the-token-5678"):
        assert secret not in result.stdout + result.stderr
    health.token_nowhere(result.stdout, result.stderr)
    assert health.fake.issues == {}  # nothing was opened
    if case in ("no token", "plain http"):  # refused before anything was checked
        assert health.site.count() == 0 and health.fake.calls == []


# --------------------------------------------------------------------------- where the token goes


def test_token_api_url() -> None:
    assert token_api_url(None) == "https://api.github.com"
    assert token_api_url("https://ghe.example.com/api/v3/") == "https://ghe.example.com/api/v3"
    assert token_api_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    assert token_api_url("http://localhost:1") == "http://localhost:1"
    assert token_api_url("http://[::1]:9") == "http://[::1]:9"
    for refused in ("http://api.github.com", "http://10.0.0.1", "ftp://x", "api.github.com"):
        with pytest.raises(HealthProblem):
            token_api_url(refused)


class _Proxy:
    """Records the first line of each request through it and refuses them all."""

    def __init__(self) -> None:
        self.seen: list[bytes] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            with connection:
                self.seen.append(connection.recv(65536))
                connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")


def test_the_config_file_cannot_send_the_token_elsewhere(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    """Without --github-api-url the issue is written at https://api.github.com whatever the
    list's config says (a pull request may edit that file). A proxy on loopback stands in
    for the internet and refuses the CONNECT."""
    health = Health(tmp_path, serve)
    health.write(["/gone/1"])
    config = health.folder / ".awesome-lint.yml"
    config.write_text(config.read_text() + f"github:\n  api_url: '{health.api.url('')}'\n")
    proxy = _Proxy()
    result = run_cli(
        "health",
        "--repo",
        health.fake.repository,
        cwd=health.folder,
        env={
            "GITHUB_TOKEN": health.fake.token,
            "AWESOME_LINT_CACHE_DIR": str(health.cache),
            "HTTPS_PROXY": proxy.url,
            "https_proxy": proxy.url,
        },
    )
    proxy.sock.close()
    assert result.returncode == 2, result.stderr
    assert "https://api.github.com unreachable" in result.stderr
    assert proxy.seen and all(
        first.startswith(b"CONNECT api.github.com:443 ") for first in proxy.seen
    )
    assert not any(health.fake.token.encode() in first for first in proxy.seen)
    assert health.fake.calls == []  # the config's API got nothing
