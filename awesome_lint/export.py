"""export: the papers of a list as data (JSON, JSON Lines or CSV), straight from the parsed
Documents, with the codes of each entry's findings; ``schema()`` is their JSON Schema."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .model import TITLE_SOURCES, Diagnostic, Document, Entry
from .printable import json_safe, visible

FORMS = ("table", "item", "block", "heading", "html-table", "html-block")  # Entry.form: the reader


def iso_date(date: tuple[int, ...] | None) -> str | None:
    """``(2024, 5)`` -> ``2024-05``; ``(2022, 8, 25)`` -> ``2022-08-25``."""
    if not date:
        return None
    year, *rest = date
    return "-".join([f"{year:04d}", *(f"{part:02d}" for part in rest)])


def entry_record(document: Document, entry: Entry, findings: Sequence[str] = ()) -> dict[str, Any]:
    ref = entry.arxiv
    return {
        "path": document.display_path,
        "line": entry.line,
        "start_line": entry.span.line,
        "end_line": entry.end_line,
        "form": entry.form,
        "section": list(entry.section),
        "year": entry.year,
        "date": iso_date(entry.date),
        "title": entry.title,
        "title_source": entry.title_source,
        "title_confident": entry.title_confident and entry.title_understood,
        "aliases": list(entry.aliases),
        "arxiv_id": ref.canonical if ref is not None else None,
        "arxiv_id_raw": ref.raw if ref is not None else None,
        "arxiv_version": ref.version if ref is not None else None,
        "paper": entry.paper.target if entry.paper is not None else None,
        "repo": entry.repo,
        "badge_repo": entry.badge.full_name if entry.badge is not None else None,
        "links": [
            {"label": link.text, "url": link.target}
            for link in entry.links
            if link.target and not link.has_image  # badges: see badge_repo
        ],
        "images": [image.target for image in entry.images],
        "findings": list(findings),
    }


def findings_per_entry(document: Document, diagnostics: Iterable[Diagnostic]) -> list[list[str]]:
    """For each entry of the document (in order), the codes of the findings on its lines
    (within ``entry.span``), sorted, each once."""
    by_line: dict[int, list[int]] = {}
    for index, entry in enumerate(document.entries):
        for line in range(entry.span.line, entry.span.end_line + 1):
            by_line.setdefault(line, []).append(index)
    codes: list[set[str]] = [set() for _ in document.entries]
    for diagnostic in diagnostics:
        if diagnostic.path == document.display_path:
            for index in by_line.get(diagnostic.span.line, ()):
                codes[index].add(diagnostic.code)
    return [sorted(found) for found in codes]


def records(
    documents: Iterable[Document], diagnostics: Sequence[Diagnostic] = ()
) -> Iterator[dict[str, Any]]:
    for document in documents:
        findings = findings_per_entry(document, diagnostics)
        for entry, codes in zip(document.entries, findings, strict=True):
            yield entry_record(document, entry, codes)


def as_json(documents: Iterable[Document], diagnostics: Sequence[Diagnostic] = ()) -> str:
    rendered = json.dumps(list(records(documents, diagnostics)), indent=2, ensure_ascii=False)
    return json_safe(rendered) + "\n"


def as_jsonl(
    documents: Iterable[Document], diagnostics: Sequence[Diagnostic] = ()
) -> Iterator[str]:
    """JSON Lines: one record per line, for streaming."""
    for record in records(documents, diagnostics):
        yield json_safe(json.dumps(record, ensure_ascii=False)) + "\n"


# The CSV columns, documented in the README. Lists are joined: sections with " > ",
# aliases with " | ", images, links and findings with spaces.
CSV_COLUMNS = (
    "path",
    "line",
    "start_line",
    "end_line",
    "form",
    "section",
    "year",
    "date",
    "title",
    "title_source",
    "title_confident",
    "aliases",
    "arxiv_id",
    "arxiv_id_raw",
    "arxiv_version",
    "paper",
    "repo",
    "badge_repo",
    "links",
    "images",
    "findings",
)
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...)):
# OWASP's advice is to prefix such a cell with a single quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv_value(column: str, value: Any) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column == "path":
        return visible(value)  # a name that is not UTF-8 can't be written raw
    if column == "section":
        return " > ".join(value)
    if column == "aliases":
        return " | ".join(value)
    if column == "links":
        return " ".join(link["url"] for link in value)
    if isinstance(value, list):
        return " ".join(value)
    return value


def as_csv(documents: Iterable[Document], diagnostics: Sequence[Diagnostic] = ()) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records(documents, diagnostics):
        writer.writerow(_cell(_csv_value(column, record[column])) for column in CSV_COLUMNS)
    return buffer.getvalue()


# --------------------------------------------------------------------------- schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_STRINGS = {"type": "array", "items": {"type": "string"}}
RECORD: dict[str, Any] = {
    "type": "object",
    "description": "One paper: a table row, a bulleted item, a block of lines or an HTML element.",
    "additionalProperties": False,
    "properties": {
        "path": {"type": "string", "description": "The list file, as given or relative."},
        "line": {"type": "integer", "minimum": 1, "description": "The title's line."},
        "start_line": {
            "type": "integer",
            "minimum": 1,
            "description": "The entry's first line (an HTML block's opening <p>, a block's "
            "first line): start_line..end_line is the whole row, item or block, to cut or "
            "move it.",
        },
        "end_line": {
            "type": "integer",
            "minimum": 1,
            "description": "The entry's last line (an HTML element's closing tag included).",
        },
        "form": {"enum": list(FORMS), "description": "The reader that found the entry."},
        "section": {
            **_STRINGS,
            "description": "Headings (and <details> summaries), outermost first.",
        },
        "year": {
            **_nullable({"type": "integer"}),
            "description": "The year row or heading it is filed under.",
        },
        "date": {
            **_nullable({"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}),
            "description": "A Date column or a trailing date: 2024-05 or 2022-08-25.",
        },
        "title": {"type": "string"},
        "title_source": {
            "enum": list(TITLE_SOURCES),
            "description": "Where the title was read: a heading, a Title/Paper column, the "
            "paper link's text, an emphasized or quoted span, plain text, a citation.",
        },
        "title_confident": {
            "type": "boolean",
            "description": "Whether the reader is sure the title is the paper's title "
            "(title rules raise errors and warnings only on confident titles).",
        },
        "aliases": {**_STRINGS, "description": "Other names the entry gives the paper."},
        "arxiv_id": {
            **_nullable(
                {
                    "type": "string",
                    "pattern": r"^([0-9]{4}\.[0-9]{4,5}|[a-z][a-z-]*/[0-9]{7})$",
                }
            ),
            "description": "The valid arXiv identifier, canonical (no version); null when "
            "there is none or it is malformed (see arxiv_id_raw).",
        },
        "arxiv_id_raw": {
            **_nullable({"type": "string"}),
            "description": "The identifier as written in the paper link, version included.",
        },
        "arxiv_version": {**_nullable({"type": "integer", "minimum": 1})},
        "paper": {**_nullable({"type": "string"}), "description": "The paper link's target."},
        "repo": {**_nullable({"type": "string"}), "description": "owner/name of the code link."},
        "badge_repo": {
            **_nullable({"type": "string"}),
            "description": "owner/name of the GitHub star badge.",
        },
        "links": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["label", "url"],
                "properties": {"label": {"type": "string"}, "url": {"type": "string"}},
            },
        },
        "images": {**_STRINGS, "description": "Figures (badges excluded)."},
        "findings": {
            "type": "array",
            "items": {"type": "string", "pattern": "^AL[0-9]{3}$"},
            "uniqueItems": True,
            "description": "Codes of the offline findings on the entry's lines.",
        },
    },
}
RECORD["required"] = list(RECORD["properties"])

SCHEMA_ID = "https://github.com/awesome-lint/awesome-lint/blob/main/schema/export.schema.json"


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``export --format json``; each line of
    ``--format jsonl`` is a ``#/$defs/record``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "awesome-lint export",
        "description": "The papers of awesome lists, one record per entry.",
        "type": "array",
        "items": {"$ref": "#/$defs/record"},
        "$defs": {"record": RECORD},
    }
