"""Scheduled list health: every link of the list checked, the findings as a Markdown report,
and one tracking issue kept up to date through the GitHub REST API.

The issue is found by its label and title among the repository's open issues: created when
there are findings and none is open, updated when one is, closed when the list is clean.
When some checks could not run (network down, API limits) and nothing else was found, the
issue is left as it is: an incomplete check proves nothing either way.

The token goes only to the API URL from ``token_api_url``; no message ever contains it.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .model import Diagnostic, Severity
from .network.settings import token_transport_ok
from .output import ReportOptions, write_reports
from .run import CheckOptions, NetworkStats, Progress, RunResult
from .run import run as check_run

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_TITLE = "awesome-lint: list health"
DEFAULT_LABEL = "awesome-lint"
MARKER = "<!-- awesome-lint health report -->"
ISSUE_BODY_LIMIT = 65536  # characters GitHub accepts in an issue body
RESPONSE_LIMIT = 8 * 1024 * 1024  # bytes read from one API answer, at most
PAGES = 10  # open issues with the label looked at: 10 pages of 100
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
# What the tracking issue is about: dead links, redirects, repositories renamed, archived or
# gone, arXiv IDs that name no paper. Other findings (contents, duplicates, ...) go below
# them in a section of their own, or into the report only (config `health.issue-others`).
LINK_RULES = ("AL301", "AL305", "AL307", "AL004")
OTHERS = ("section", "report")


class HealthProblem(Exception):
    """The report or the tracking issue could not be written: one line, exit code 2."""


def token_api_url(given: str | None) -> str:
    """Where the GitHub token may be sent.

    ``https://api.github.com``, or an API URL given on the command line or as the Action's
    input (GitHub Enterprise Server) — never one from a config file, which a pull request
    can edit. https only; plain http only to a loopback host (a local fake, tests).
    """
    if not given:
        return DEFAULT_API_URL
    url = given.strip().rstrip("/")
    if token_transport_ok(url):
        return url
    raise HealthProblem(
        f"GitHub API URL {given!r}: the token is sent over https only "
        f"(plain http only to a loopback host)"
    )


@dataclass(frozen=True)
class Tracking:
    """The tracking issue: where, what it is called, and the credentials to write it."""

    repository: str
    title: str = DEFAULT_TITLE
    label: str = DEFAULT_LABEL
    api_url: str = DEFAULT_API_URL
    token: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not _REPOSITORY.fullmatch(self.repository):
            raise HealthProblem(f"repository {self.repository!r} is not OWNER/NAME")
        if not self.title.strip() or not self.label.strip():
            raise HealthProblem("the issue title and label must not be empty")
        if not self.token:
            raise HealthProblem(
                "no GitHub token (GITHUB_TOKEN) to write the tracking issue with; "
                "give the workflow `permissions: issues: write`, or use --no-issue"
            )


def tracking_from(repository: str | None, title: str, label: str, api_url: str | None) -> Tracking:
    """The tracking issue of a command-line or Action run: the repository defaults to
    ``$GITHUB_REPOSITORY``, the token comes from ``$GITHUB_TOKEN``."""
    repository = repository or os.environ.get("GITHUB_REPOSITORY", "")
    if not repository:
        raise HealthProblem(
            "no repository for the tracking issue: --repo OWNER/NAME (or GITHUB_REPOSITORY), "
            "or --no-issue"
        )
    return Tracking(
        repository,
        title.strip() or DEFAULT_TITLE,
        label.strip() or DEFAULT_LABEL,
        token_api_url(api_url),
        os.environ.get("GITHUB_TOKEN", "").strip(),
    )


@dataclass(frozen=True)
class Outcome:
    """What happened to the tracking issue."""

    action: str  # "opened", "updated", "closed", "left open", "nothing to do"
    number: int | None = None
    url: str | None = None

    def line(self) -> str:
        where = f" #{self.number}" if self.number is not None else ""
        link = f" ({self.url})" if self.url else ""
        return f"Tracking issue{where}: {self.action}{link}."


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class LinkCoverage:
    """How many of the list's links were checked: the report's first line says it."""

    wanted: int  # web links the run meant to check
    verified: int  # found working or dead
    why: str = ""  # the first reason some could not be checked (AL901)

    @classmethod
    def of(cls, network: NetworkStats | None) -> LinkCoverage:
        if network is None:  # no enabled rule reads links
            return cls(1, 0, "no enabled rule checks links")
        why = next((r for r in network.reasons if "link" in r), "")
        return cls(network.links_wanted, network.links_verified, why)

    @property
    def none_checked(self) -> bool:
        """The point of the run, checking links, could not be done at all."""
        return self.wanted > 0 and self.verified == 0

    def line(self) -> str:
        if self.wanted == 0:
            return "The list has no web links to check."
        if self.none_checked:
            why = f": {_one_line(self.why)}" if self.why else ""
            return (
                f"**Links were not checked**{why}. Only the offline checks ran; this report "
                f"says nothing about dead links."
            )
        if self.verified < self.wanted:
            return (
                f"**{self.verified} of {self.wanted} links were checked**; the others could "
                f"not be (see AL901 below)."
            )
        return f"Every link was checked ({self.wanted})."


@dataclass(frozen=True)
class IssueScope:
    """Which findings the tracking issue lists first, and whether it lists the others."""

    link_rules: tuple[str, ...] = LINK_RULES
    others: str = "section"  # "section": below, under their own heading; "report": not in it

    @classmethod
    def from_config(cls, section: Mapping[str, Any] | None) -> IssueScope:
        section = section or {}
        return cls(
            tuple(section.get("link-rules") or LINK_RULES), section.get("issue-others", "section")
        )


def split(
    diagnostics: Sequence[Diagnostic], scope: IssueScope
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Link and repository health (with AL901, which says what was not checked), and the
    other findings."""
    from . import catalog

    codes = {code for selector in scope.link_rules for code in catalog.resolve(selector)}
    health = [d for d in diagnostics if d.code in codes or d.code == "AL901"]
    return health, [d for d in diagnostics if not (d.code in codes or d.code == "AL901")]


def state_of(diagnostics: Sequence[Diagnostic], coverage: LinkCoverage | None = None) -> str:
    """``problems`` (findings to report), ``clean``, or ``incomplete`` (nothing found, but
    some checks could not run; or no link could be checked at all, whatever else was
    found: an issue about link health is not rewritten from a run that checked none)."""
    if coverage is not None and coverage.none_checked:
        return "incomplete"
    if any(d.code != "AL901" for d in diagnostics):
        return "problems"
    return "incomplete" if diagnostics else "clean"


def report(
    diagnostics: Sequence[Diagnostic],
    paths: Sequence[str],
    limit: int = ISSUE_BODY_LIMIT,
    now: datetime | None = None,
    coverage: LinkCoverage | None = None,
    scope: IssueScope | None = None,
    others: bool = True,
) -> str:
    """The Markdown report (the issue's body): what was checked (first: whether the links
    were), then link and repository health, then the other findings (unless ``others`` is
    False), each linked to its line on GitHub, kept under ``limit`` characters."""
    from . import report as reports

    when = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    checked = ", ".join(f"`{reports._cell(path)}`" for path in paths) or "the list"
    coverage = coverage or LinkCoverage(0, 0)
    health, rest = split(diagnostics, scope or IssueScope())
    shown = [*health, *rest] if others else health
    lines = [MARKER, coverage.line(), "", "## awesome-lint: list health", ""]
    lines.append(f"{reports.summary(shown)} Checked {checked} on {when}{_run()}.")
    lines.append("")
    if not shown:
        lines.append("Every check passed: nothing to fix.")
        return "\n".join(lines) + "\n"
    closing = (
        "This issue is updated by each scheduled run and closed by the first run that finds "
        "the list clean."
    )
    budget = limit - sum(len(line) + 1 for line in lines) - len(closing) - 400
    link = reports.blob_links()
    groups = [("### Links and repositories", health)]
    if others:
        groups.append(("### Other findings", rest))
    for heading, group in groups:
        lines += [heading, ""]
        if not group:
            lines += ["None.", ""]
            continue
        lines += reports.FINDINGS_HEADER
        ordered = sorted(group, key=lambda d: (-d.severity, d.sort_key()))
        for count, d in enumerate(ordered):
            row = reports.finding_row(d, link)
            if len(row) + 1 > budget:
                more = len(ordered) - count
                lines += ["", f"… and {more} more (an issue holds {limit:,} characters at most)."]
                break
            lines.append(row)
            budget -= len(row) + 1
        lines.append("")
    if not others and rest:
        lines += [f"{len(rest)} other findings are in the run's report, not here.", ""]
    lines.append(closing)
    return "\n".join(lines) + "\n"


def _run() -> str:
    """`` by run [123](…)`` for a workflow run, else nothing."""
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    run_id = os.environ.get("GITHUB_RUN_ID", "")
    if not (_REPOSITORY.fullmatch(repository) and run_id.isdigit()):
        return ""
    if not re.fullmatch(r"https?://[A-Za-z0-9.:-]+(/[A-Za-z0-9._~/-]*)?", server):
        return ""
    return f" by [run {run_id}]({server}/{repository}/actions/runs/{run_id})"


# --------------------------------------------------------------------------- the REST API


def _one_line(text: object, limit: int = 200) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class _Api:
    """The four calls the tracking issue needs, with errors turned into one clear line."""

    def __init__(self, session: Any, tracking: Tracking) -> None:
        self.session = session
        self.tracking = tracking
        self.base = f"{tracking.api_url}/repos/{tracking.repository}/issues"

    async def call(
        self,
        method: str,
        suffix: str = "",
        params: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
        attempts: int = 3,
    ) -> Any:
        import aiohttp

        from .network._http import backoff_delay, classify_exception

        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "Authorization": f"Bearer {self.tracking.token}",
        }
        for attempt in range(attempts):
            try:
                async with self.session.request(
                    method,
                    self.base + suffix,
                    params=params,
                    json=body,
                    headers=headers,
                    allow_redirects=False,  # a redirect never takes the token along
                ) as response:
                    status = response.status
                    data = await _read_json(response)
                    if 200 <= status < 300:
                        return data
                    if status < 500 or attempt == attempts - 1:
                        raise HealthProblem(self._refused(status, response.headers, data))
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
                if attempt == attempts - 1:
                    _, reason = classify_exception(error, timeout=30, connect_timeout=10)
                    raise HealthProblem(
                        f"GitHub API at {self.tracking.api_url} unreachable: {reason}"
                    ) from None
            await asyncio.sleep(backoff_delay(0.5, attempt))
        raise HealthProblem(f"GitHub API at {self.tracking.api_url} gave no answer")

    def _refused(self, status: int, headers: Mapping[str, str], data: Any) -> str:
        repository = self.tracking.repository
        message = data.get("message") if isinstance(data, dict) else None
        said = f": {_one_line(message)}" if message else ""
        if status in (403, 429) and (
            status == 429 or headers.get("X-RateLimit-Remaining") == "0" or "Retry-After" in headers
        ):
            return f"GitHub API rate limit reached ({status}{said}){_reset(headers)}"
        if status == 401:
            return (
                f"the GitHub token was refused (401{said}): check the github-token input "
                f"or GITHUB_TOKEN"
            )
        if status == 403:
            return (
                f"the token may not write issues of {repository} (403{said}): give the "
                f"workflow `permissions: issues: write`"
            )
        if status == 404:
            return f"{repository} not found, or the token can't see it (404{said})"
        if status == 410:
            return f"issues are turned off in {repository} (410{said})"
        if 300 <= status < 400:
            return f"GitHub API answered {status} (a redirect); not followed with the token"
        return f"GitHub API answered {status}{said}"

    async def open_issues(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for page in range(1, PAGES + 1):
            params = {
                "state": "open",
                "labels": self.tracking.label,
                "per_page": "100",
                "page": str(page),
            }
            batch = await self.call("GET", params=params)
            if not isinstance(batch, list):
                raise HealthProblem("GitHub API: the list of issues is not a list")
            found += [issue for issue in batch if isinstance(issue, dict)]
            if len(batch) < 100:
                break
        return found


async def _read_json(response: Any) -> Any:
    data = await response.content.read(RESPONSE_LIMIT + 1)
    if len(data) > RESPONSE_LIMIT:
        raise HealthProblem(f"GitHub API answer over {RESPONSE_LIMIT // 1024 // 1024} MiB")
    if not data.strip():
        return None
    from .util import loads_json

    try:
        return loads_json(data)  # depth-limited: a deep answer is refused, not a crash
    except ValueError:
        if response.status >= 400:
            return None  # an error page: the status says enough
        raise HealthProblem("GitHub API answered something that is not JSON") from None


def _reset(headers: Mapping[str, str]) -> str:
    reset = headers.get("X-RateLimit-Reset", "")
    if reset.isdigit():
        at = datetime.fromtimestamp(int(reset), timezone.utc).strftime("%H:%M UTC")
        return f"; it resets at {at}"
    retry = headers.get("Retry-After", "")
    return f"; retry after {retry} s" if retry.isdigit() else ""


def _tracked(issues: list[dict[str, Any]], title: str) -> dict[str, Any] | None:
    """The oldest open issue (not a pull request) with the tracking title."""
    mine = [
        issue
        for issue in issues
        if "pull_request" not in issue
        and issue.get("title") == title
        and _issue_number(issue.get("number")) is not None
    ]
    return min(mine, key=lambda issue: issue["number"]) if mine else None


async def sync_issue(tracking: Tracking, state: str, body: str) -> Outcome:
    """Create, update or close the tracking issue for a run that found ``state``."""
    import aiohttp

    from .network._http import session_kwargs
    from .network.settings import DEFAULT_USER_AGENT

    timeout = aiohttp.ClientTimeout(total=30, connect=10)
    async with aiohttp.ClientSession(
        timeout=timeout,
        headers={"User-Agent": DEFAULT_USER_AGENT},
        trust_env=True,
        **session_kwargs(),
    ) as session:
        api = _Api(session, tracking)
        existing = _tracked(await api.open_issues(), tracking.title)
        if state == "problems":
            if existing is None:
                created = await api.call(
                    "POST",
                    body={"title": tracking.title, "body": body, "labels": [tracking.label]},
                    attempts=1,  # a retried create could open it twice
                )
                return _outcome("opened", created)
            updated = await api.call("PATCH", f"/{existing['number']}", body={"body": body})
            return _outcome("updated", updated)
        if existing is None:
            return Outcome("nothing to do")
        if state == "incomplete":
            return _outcome("left open: some checks could not run", existing)
        closed = await api.call(
            "PATCH",
            f"/{existing['number']}",
            body={"state": "closed", "state_reason": "completed", "body": body},
        )
        return _outcome("closed: the list is clean", closed)


# an issue's page as GitHub gives it: printable ASCII of a URL, nothing that could end a
# line or open a workflow command when it is printed
_HTML_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?")


def _issue_number(value: Any) -> int | None:
    """An issue number as the API gives it: a positive int (JSON ``true`` is not one)."""
    return value if type(value) is int and 0 < value < 2**53 else None


def _outcome(action: str, issue: Any) -> Outcome:
    if not isinstance(issue, dict):
        return Outcome(action)
    url = issue.get("html_url")
    return Outcome(
        action,
        _issue_number(issue.get("number")),
        url if isinstance(url, str) and _HTML_URL.fullmatch(url) else None,
    )


# --------------------------------------------------------------------------- the run


@dataclass(frozen=True)
class HealthOptions:
    check: CheckOptions  # what to lint (online, every link)
    reports: ReportOptions = field(default_factory=ReportOptions)  # the lint report
    report_path: Path | None = None  # the Markdown health report
    tracking: Tracking | None = None  # None: write the report only
    summary: bool = True  # append the report to $GITHUB_STEP_SUMMARY when set
    scope: IssueScope | None = None  # what the issue lists; None: the config's `health:`


def run(
    options: HealthOptions, progress: Progress | None = None
) -> tuple[list[Diagnostic], Outcome | None]:
    """Check the list, write the reports, keep the tracking issue; HealthProblem or
    run.UsageError on failure."""
    result = check_run(options.check, progress)
    return result.diagnostics, publish(result, options)


def publish(result: RunResult, options: HealthOptions) -> Outcome | None:
    """The lint report, the Markdown health report and the tracking issue of a run."""
    write_reports(result, options.reports)
    diagnostics = result.diagnostics
    paths = [str(path) for path in options.check.paths] or ["README.md"]
    coverage = LinkCoverage.of(result.network)
    config = result.config.health if result.config is not None else None
    scope = options.scope or IssueScope.from_config(config)
    body = report(diagnostics, paths, coverage=coverage, scope=scope)
    if options.report_path is not None:
        try:
            options.report_path.write_text(body, encoding="utf-8")
        except OSError as error:
            raise HealthProblem(
                f"{options.report_path}: cannot write the report: {error.strerror or error}"
            ) from None
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and options.summary:
        try:
            with open(summary, "a", encoding="utf-8") as stream:
                stream.write(body)
        except OSError as error:
            raise HealthProblem(
                f"{summary}: cannot write the job summary: {error.strerror or error}"
            ) from None
    if options.tracking is None:
        return None
    if scope.others == "report":
        issue_findings = split(diagnostics, scope)[0]
        body = report(diagnostics, paths, coverage=coverage, scope=scope, others=False)
    else:
        issue_findings = list(diagnostics)
    return asyncio.run(sync_issue(options.tracking, state_of(issue_findings, coverage), body))


def counts(diagnostics: Sequence[Diagnostic]) -> dict[str, int]:
    return {
        "errors": sum(1 for d in diagnostics if d.severity is Severity.ERROR),
        "warnings": sum(1 for d in diagnostics if d.severity is Severity.WARNING),
    }
