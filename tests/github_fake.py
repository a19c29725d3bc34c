"""A loopback fake of the GitHub REST endpoints the health mode uses: list a repository's
issues by label, create one, update one, close one. It checks the token and records every
request; ``fault`` makes it answer something else (403, a rate limit, ...)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

Handler = Callable[[web.Request], Any]


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    authorization: str | None


@dataclass
class FakeGitHub:
    repository: str = "octo-org/papers"
    token: str = "ghs_health-token-1234"
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    fault: Callable[[web.Request], web.Response | None] | None = None  # None: answer as usual
    url: str = "http://127.0.0.1"  # set once served

    def add(self, title: str, labels: list[str], pull_request: bool = False) -> int:
        """An issue (or a pull request) that exists before the run."""
        number = len(self.issues) + 1
        self.issues[number] = self._issue(number, title, "", labels)
        if pull_request:
            self.issues[number]["pull_request"] = {"url": "…"}
        return number

    def _issue(self, number: int, title: str, body: str, labels: list[str]) -> dict[str, Any]:
        return {
            "number": number,
            "title": title,
            "body": body,
            "state": "open",
            "labels": [{"name": name} for name in labels],
            "html_url": f"https://github.com/{self.repository}/issues/{number}",
        }

    def open_issues(self, label: str) -> list[dict[str, Any]]:
        return [
            issue
            for issue in self.issues.values()
            if issue["state"] == "open"
            and label in {each["name"] for each in issue["labels"]}
            and "pull_request" not in issue
        ]

    def writes(self) -> list[Call]:
        return [call for call in self.calls if call.method in ("POST", "PATCH")]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.json() if request.can_read_body else None
        self.calls.append(
            Call(
                request.method,
                request.path,
                dict(request.query),
                body,
                request.headers.get("Authorization"),
            )
        )
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.json_response({"message": "Bad credentials"}, status=401)
        answer = self.fault(request) if self.fault is not None else None
        if answer is not None:
            return answer
        prefix = f"/repos/{self.repository}/issues"
        if request.path == prefix and request.method == "GET":
            return self._list(request)
        if request.path == prefix and request.method == "POST":
            number = len(self.issues) + 1
            issue = self._issue(number, body["title"], body["body"], body.get("labels", []))
            self.issues[number] = issue
            return web.json_response(issue, status=201)
        if request.path.startswith(prefix + "/") and request.method == "PATCH":
            number = int(request.path.rsplit("/", 1)[1])
            if number not in self.issues:
                return web.json_response({"message": "Not Found"}, status=404)
            self.issues[number].update(
                {k: v for k, v in body.items() if k in ("title", "body", "state", "state_reason")}
            )
            return web.json_response(self.issues[number])
        return web.json_response({"message": "Not Found"}, status=404)

    def _list(self, request: web.Request) -> web.Response:
        state = request.query.get("state", "open")
        wanted = set(filter(None, request.query.get("labels", "").split(",")))
        found = [
            issue
            for issue in self.issues.values()
            if (state == "all" or issue["state"] == state)
            and wanted <= {each["name"] for each in issue["labels"]}
        ]
        size = int(request.query.get("per_page", "30"))
        page = int(request.query.get("page", "1"))
        return web.json_response(found[(page - 1) * size : page * size])


@contextmanager
def served(handler: Handler) -> Iterator[str]:
    """``handler`` on an ephemeral port of 127.0.0.1, in a thread of its own; yields the
    base URL. (tests/network has a fuller server fixture; this one serves other folders.)"""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start() -> web.AppRunner:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        return runner

    runner = asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
