"""report: Diagnostics -> text, JSON or GitHub workflow commands (REFERENCE sections 1, 5)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from . import catalog
from .model import Coverage, Diagnostic, Severity
from .printable import json_safe, visible

# GitHub shows at most 10 annotations of each severity per step.
ANNOTATIONS_PER_SEVERITY = 10
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTICE: "cyan"}


def summary(diagnostics: Sequence[Diagnostic], coverage: Coverage | None = None) -> str:
    """The closing line: what was checked (when known), then what was found."""
    checked = f"{coverage.sentence} " if coverage is not None else ""
    if coverage is not None and not coverage.files:
        return coverage.sentence
    return checked + _found(diagnostics)


def _found(diagnostics: Sequence[Diagnostic]) -> str:
    if not diagnostics:
        return "All checks passed!"
    counts = Counter(d.severity for d in diagnostics)
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.NOTICE):
        n = counts.get(severity, 0)
        if n:
            parts.append(f"{n} {severity.label}{'' if n == 1 else 's'}")
    total = len(diagnostics)
    found = f"Found {total} problem{'' if total == 1 else 's'} ({', '.join(parts)})."
    fixable = fixable_sentence(diagnostics)
    return f"{found} {fixable}" if fixable else found


def fix_counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    """How many findings ``--fix`` fixes, and how many more ``--unsafe-fixes`` adds."""
    safe = sum(1 for d in diagnostics if d.fix is not None and d.fix.safe)
    unsafe = sum(1 for d in diagnostics if d.fix is not None and not d.fix.safe)
    return safe, unsafe


def fixable_sentence(diagnostics: Sequence[Diagnostic]) -> str:
    """ruff's fix hint: ``3 fixable with --fix (1 more with --unsafe-fixes).``; empty when
    nothing is fixable. Unsafe fixes are never counted as fixable by --fix alone."""
    safe, unsafe = fix_counts(diagnostics)
    if not safe and not unsafe:
        return ""
    more = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
    return f"{safe} fixable with --fix{more}."


def text(
    diagnostics: Sequence[Diagnostic], colour: bool = False, coverage: Coverage | None = None
) -> str:
    """``path:line:col: CODE [severity] message`` lines and a summary line."""

    def style(value: str, **kwargs: object) -> str:
        if not colour:
            return value
        import click

        return click.style(value, **kwargs)  # type: ignore[arg-type]

    lines = []
    for d in diagnostics:
        where = style(f"{visible(d.path)}:{d.span.line}:{d.span.column}:", bold=True)
        code = style(d.code, fg=_COLOURS[d.severity], bold=True)
        severity = style(f"[{d.severity.label}]", fg=_COLOURS[d.severity])
        lines.append(f"{where} {code} {severity} {visible(d.message)}")
    lines.append(summary(diagnostics, coverage))
    return "\n".join(lines) + "\n"


def as_dict(d: Diagnostic) -> dict[str, object]:
    fix = None
    if d.fix is not None:
        fix = {  # ruff's shape
            "applicability": d.fix.applicability,
            "message": d.fix.description,
            "edits": [
                {
                    "line": e.span.line,
                    "column": e.span.column,
                    "end_line": e.span.end_line,
                    "end_column": e.span.end_column,
                    "replacement": e.replacement,
                }
                for e in d.fix.edits
            ],
        }
    return {
        "path": d.path,
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.label,
        "message": d.message,
        "related": [{"path": r.path, "line": r.line, "message": r.message} for r in d.related],
        "fixable": d.fix is not None,
        "fix": fix,
        "url": catalog.load()[d.code].url,
    }


def json_report(diagnostics: Sequence[Diagnostic]) -> str:
    rendered = json.dumps([as_dict(d) for d in diagnostics], indent=2, ensure_ascii=False)
    return json_safe(rendered) + "\n"


def _per_rule(diagnostics: Sequence[Diagnostic]) -> list[dict[str, object]]:
    """Findings per rule, most frequent first. ``fixable``: some of them have a fix that
    --fix applies; ``unsafe_fixable``: some have a fix that needs --unsafe-fixes."""
    counts = Counter(d.code for d in diagnostics)
    safe = {d.code for d in diagnostics if d.fix is not None and d.fix.safe}
    unsafe = {d.code for d in diagnostics if d.fix is not None and not d.fix.safe}
    rules = catalog.load()
    return [
        {
            "code": code,
            "name": rules[code].name,
            "count": count,
            "fixable": code in safe,
            "unsafe_fixable": code in unsafe,
        }
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


# One meaning of the marks everywhere (`--statistics`, `rules`): what a plain, offline --fix
# does. `rules` prints the legend under its table.
FIX_LEGEND = (
    "[*] a safe fix: --fix applies it, offline   "
    "[-] fixes only with --unsafe-fixes or --online   [ ] no fix"
)


def _fix_mark(row: dict[str, object]) -> str:
    """``[*]`` fixable with --fix, ``[-]`` only with --unsafe-fixes, ``[ ]`` not fixable."""
    return "[*]" if row["fixable"] else "[-]" if row["unsafe_fixable"] else "[ ]"


def statistics(diagnostics: Sequence[Diagnostic], coverage: Coverage | None = None) -> str:
    """ruff's ``--statistics``: ``count<TAB>CODE<TAB>[*]<TAB>name``, most frequent first."""
    lines = [
        f"{row['count']}\t{row['code']}\t{_fix_mark(row)}\t{row['name']}"
        for row in _per_rule(diagnostics)
    ]
    lines.append(summary(diagnostics, coverage))
    return "\n".join(lines) + "\n"


def coverage_dict(coverage: Coverage) -> dict[str, object]:
    return {
        "files": coverage.files,
        "entries": coverage.entries,
        "entries_per_file": dict(coverage.entries_per_file),
        "excluded_files": coverage.excluded,
    }


def statistics_json(diagnostics: Sequence[Diagnostic], coverage: Coverage | None = None) -> str:
    """Findings per rule, and what was checked."""
    document: dict[str, object] = {"rules": _per_rule(diagnostics)}
    if coverage is not None:
        document["checked"] = coverage_dict(coverage)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- GitHub


def escape_data(value: str) -> str:
    """A workflow command's message: GitHub's escapes, then what does not print shown as
    an escape (a bidi control would reorder the annotation as it is displayed)."""
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def annotation(d: Diagnostic, path: str | None = None) -> str:
    span = d.span
    properties = [("file", visible(path or d.path)), ("line", str(span.line))]
    if span.end_line != span.line:
        properties.append(("endLine", str(span.end_line)))
    else:
        # the runner rejects col/endColumn unless line == endLine
        properties.append(("col", str(span.column)))
        properties.append(("endColumn", str(max(span.end_column, span.column))))
    properties.append(("title", f"{d.code} {d.name}"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties if value)
    return f"::{_COMMAND[d.severity]} {rendered}::{escape_data(d.message)}"


def github(diagnostics: Sequence[Diagnostic], coverage: Coverage | None = None) -> str:
    """Workflow commands, errors first, capped per severity; one overflow notice."""
    ordered = sorted(diagnostics, key=lambda d: -d.severity)
    shown: list[Diagnostic] = []
    by_severity: dict[Severity, list[Diagnostic]] = {s: [] for s in Severity}
    for d in ordered:
        by_severity[d.severity].append(d)
    overflow = any(len(v) > ANNOTATIONS_PER_SEVERITY for v in by_severity.values())
    for severity in (Severity.ERROR, Severity.WARNING, Severity.NOTICE):
        cap = ANNOTATIONS_PER_SEVERITY
        if severity is Severity.NOTICE and overflow:
            cap -= 1  # the overflow notice takes one of the notice places
        shown.extend(by_severity[severity][:cap])
    lines = [annotation(d) for d in shown]
    hidden = len(diagnostics) - len(shown)
    if hidden:
        lines.append(
            f"::notice::{hidden} more finding{'' if hidden == 1 else 's'} not shown; "
            f"see job summary"
        )
    lines.append(summary(diagnostics, coverage))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- SARIF

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}
SARIF_TEXT_LIMIT = 1024  # GitHub's limit on rule descriptions


def _clip(text: str, limit: int = SARIF_TEXT_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _repo_root() -> Path:
    """Where repo-relative URIs start: the Actions workspace, else the git top level."""
    import os
    import subprocess

    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace)
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=30
        )
    except OSError:
        return Path.cwd()
    return Path(top.stdout.strip()) if top.returncode == 0 and top.stdout.strip() else Path.cwd()


def _uri(display: str, root: Path) -> str:
    import os

    absolute = Path(display).absolute()
    try:
        relative = absolute.relative_to(root.absolute()).as_posix()
    except ValueError:
        relative = Path(os.path.relpath(absolute, root.absolute())).as_posix()
    if not relative.isprintable():  # a name that is not UTF-8: its bytes, percent-encoded
        from urllib.parse import quote

        return quote(os.fsencode(relative), safe="/")
    return relative


def sarif(diagnostics: Sequence[Diagnostic], coverage: Coverage | None = None) -> str:
    """SARIF 2.1.0 as GitHub code scanning reads it (REFERENCE section 3)."""
    import zlib

    from . import __version__

    rules = catalog.load()
    index = {code: position for position, code in enumerate(rules)}
    root = _repo_root()
    driver_rules = []
    for info in rules.values():
        level = _SARIF_LEVEL[info.severity]
        driver_rules.append(
            {
                "id": info.code,
                "name": info.name,
                "shortDescription": {"text": _clip(info.summary)},
                "fullDescription": {"text": _clip(info.rationale or info.summary)},
                "help": {
                    "text": _clip(f"{info.summary} {info.rationale}"),
                    "markdown": _clip(f"**{info.code} {info.name}**: {info.rationale}"),
                },
                "helpUri": info.url,
                "defaultConfiguration": {"level": level, "enabled": info.enabled},
                "properties": {"tags": ["awesome-list", "documentation"]},
            }
        )
    results = []
    for d in diagnostics:
        span = d.span
        uri = _uri(d.path, root)
        identity = f"{d.code}|{uri}|{d.key}|{d.context}"
        result: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": span.line,
                            "startColumn": span.column,
                            "endLine": span.end_line,
                            "endColumn": max(span.end_column, span.column),
                        },
                    }
                }
            ],
            "partialFingerprints": {
                "awesomeLintFinding/v1": f"{zlib.crc32(identity.encode('utf-8')):08x}"
            },
        }
        if d.related:
            result["relatedLocations"] = [
                {
                    "id": number,
                    "message": {"text": related.message or "related"},
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": _uri(related.path, root),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": related.line},
                    },
                }
                for number, related in enumerate(d.related)
            ]
        results.append(result)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "awesome-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/awesome-lint/awesome-lint",
                        "rules": driver_rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                **({"properties": {"checked": coverage_dict(coverage)}} if coverage else {}),
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.absolute().as_uri() + "/"}},
                "results": results,
            }
        ],
    }
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


# --------------------------------------------------------------------------- job summary

SUMMARY_LIMIT = 1024 * 1024  # GitHub refuses a step summary above 1 MiB
SUMMARY_BUDGET = SUMMARY_LIMIT - 16 * 1024  # room for the closing note


def _cell(text: str) -> str:
    text = visible(" ".join(text.split())).replace("|", "\\|")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _head_sha() -> str | None:
    """The commit the findings' lines are in: a pull request's head (from the event
    payload), else ``GITHUB_SHA``."""
    import os

    sha_form = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
    path = os.environ.get("GITHUB_EVENT_PATH")
    if path:
        try:
            event = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            event = None
        head = (
            ((event or {}).get("pull_request") or {}).get("head")
            if isinstance(event, dict)
            else None
        )
        sha = head.get("sha") if isinstance(head, dict) else None
        if isinstance(sha, str) and sha_form.fullmatch(sha):
            return sha
    sha = os.environ.get("GITHUB_SHA", "")
    return sha if sha_form.fullmatch(sha) else None


def blob_links() -> Callable[[str, int], str | None] | None:
    """A function giving the GitHub URL of a finding's line
    (``https://github.com/OWNER/REPO/blob/SHA/path#L12``), or None outside GitHub Actions."""
    import os
    from urllib.parse import quote

    server = (os.environ.get("GITHUB_SERVER_URL") or "https://github.com").rstrip("/")
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    sha = _head_sha()
    if (
        sha is None
        or not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository)
        or not re.fullmatch(r"https?://[A-Za-z0-9.:\[\]-]+(/[A-Za-z0-9._~/-]*)?", server)
    ):
        return None
    base = f"{server}/{repository}/blob/{sha}/"
    root = _repo_root()

    def link(path: str, line: int) -> str | None:
        uri = _uri(path, root)
        if uri.startswith("../"):  # outside the repository: no page to link to
            return None
        return f"{base}{quote(uri, safe='/', errors='surrogateescape')}#L{line}"

    return link


FINDINGS_HEADER = ["| where | rule | severity | message |", "|---|---|---|---|"]


def finding_row(d: Diagnostic, link: Callable[[str, int], str | None] | None) -> str:
    """A Markdown table row for a finding, its place linked to the line when possible."""
    where = f"`{_cell(d.path)}:{d.span.line}`"
    url = link(d.path, d.span.line) if link is not None else None
    if url is not None:
        where = f"[{where}]({url})"
    return f"| {where} | {d.code} | {d.severity.label} | {_cell(d.message)} |"


def job_summary(diagnostics: Sequence[Diagnostic], coverage: Coverage | None = None) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: counts per rule and a table of findings, each
    linked to its line on GitHub, truncated below GitHub's 1 MiB limit."""
    rules = catalog.load()
    lines = ["## awesome-lint", "", summary(diagnostics, coverage), ""]
    if not diagnostics:
        return "\n".join(lines) + "\n"
    counts: dict[str, Counter[Severity]] = {}
    for d in diagnostics:
        counts.setdefault(d.code, Counter())[d.severity] += 1
    lines += ["| rule | name | errors | warnings | notices |", "|---|---|---:|---:|---:|"]
    for code in sorted(counts):
        c = counts[code]
        lines.append(
            f"| {code} | {rules[code].name} | {c[Severity.ERROR]} | {c[Severity.WARNING]} "
            f"| {c[Severity.NOTICE]} |"
        )
    lines += ["", *FINDINGS_HEADER]
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    ordered = sorted(diagnostics, key=lambda d: (-d.severity, d.sort_key()))
    link = blob_links()
    for shown, d in enumerate(ordered):
        row = finding_row(d, link)
        cost = len(row.encode("utf-8")) + 1
        if size + cost > SUMMARY_BUDGET:
            rest = len(ordered) - shown
            lines += [
                "",
                f"… {rest} more finding{'' if rest == 1 else 's'} not shown: the job summary "
                f"is limited to 1 MiB. Run awesome-lint locally or download the SARIF file "
                f"for the full list.",
            ]
            break
        lines.append(row)
        size += cost
    return "\n".join(lines) + "\n"
