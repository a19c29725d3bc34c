"""report: Diagnostics -> text, JSON or GitHub workflow commands (REFERENCE sections 1, 5)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from . import catalog
from .model import Diagnostic, Severity

# GitHub shows at most 10 annotations of each severity per step.
ANNOTATIONS_PER_SEVERITY = 10
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTICE: "cyan"}


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    if not diagnostics:
        return "All checks passed!"
    counts = Counter(d.severity for d in diagnostics)
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.NOTICE):
        n = counts.get(severity, 0)
        if n:
            parts.append(f"{n} {severity.label}{'' if n == 1 else 's'}")
    total = len(diagnostics)
    fixable = sum(1 for d in diagnostics if d.fix is not None)
    tail = f"; {fixable} fixable" if fixable else ""
    return f"Found {total} problem{'' if total == 1 else 's'} ({', '.join(parts)}{tail})."


def text(diagnostics: Sequence[Diagnostic], colour: bool = False) -> str:
    """``path:line:col: CODE [severity] message`` lines and a summary line."""

    def style(value: str, **kwargs: object) -> str:
        if not colour:
            return value
        import click

        return click.style(value, **kwargs)  # type: ignore[arg-type]

    lines = []
    for d in diagnostics:
        where = style(f"{d.path}:{d.span.line}:{d.span.column}:", bold=True)
        code = style(d.code, fg=_COLOURS[d.severity], bold=True)
        severity = style(f"[{d.severity.label}]", fg=_COLOURS[d.severity])
        lines.append(f"{where} {code} {severity} {d.message}")
    lines.append(summary(diagnostics))
    return "\n".join(lines) + "\n"


def as_dict(d: Diagnostic) -> dict[str, object]:
    fix = None
    if d.fix is not None:
        fix = {
            "description": d.fix.description,
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
    return json.dumps([as_dict(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """ruff's ``--statistics``: ``count<TAB>CODE<TAB>[*]<TAB>name``, most frequent first."""
    counts = Counter(d.code for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fix is not None}
    rules = catalog.load()
    lines = [
        f"{count}\t{code}\t{'[*]' if code in fixable else '[ ]'}\t{rules[code].name}"
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    lines.append(summary(diagnostics))
    return "\n".join(lines) + "\n"


def statistics_json(diagnostics: Sequence[Diagnostic]) -> str:
    counts = Counter(d.code for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fix is not None}
    rules = catalog.load()
    rows = [
        {"code": code, "name": rules[code].name, "count": count, "fixable": code in fixable}
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return json.dumps(rows, indent=2) + "\n"


# --------------------------------------------------------------------------- GitHub


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def annotation(d: Diagnostic, path: str | None = None) -> str:
    span = d.span
    properties = [("file", path or d.path), ("line", str(span.line))]
    if span.end_line != span.line:
        properties.append(("endLine", str(span.end_line)))
    else:
        # the runner rejects col/endColumn unless line == endLine
        properties.append(("col", str(span.column)))
        properties.append(("endColumn", str(max(span.end_column, span.column))))
    properties.append(("title", f"{d.code} {d.name}"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties if value)
    return f"::{_COMMAND[d.severity]} {rendered}::{escape_data(d.message)}"


def github(diagnostics: Sequence[Diagnostic]) -> str:
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
    lines.append(summary(diagnostics))
    return "\n".join(lines) + "\n"
