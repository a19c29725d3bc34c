"""export: the papers of a list as data (JSON or CSV), straight from the parsed Documents."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from .model import Document, Entry
from .printable import json_safe, visible


def entry_record(document: Document, entry: Entry) -> dict[str, Any]:
    return {
        "path": document.display_path,
        "line": entry.line,
        "section": list(entry.section),
        "year": entry.year,
        "title": entry.title,
        "aliases": list(entry.aliases),
        "arxiv": entry.arxiv.canonical if entry.arxiv is not None else None,
        "arxiv_version": entry.arxiv.version if entry.arxiv is not None else None,
        "paper": entry.paper.target if entry.paper is not None else None,
        "repo": entry.repo,
        "badge_repo": entry.badge.full_name if entry.badge is not None else None,
        "links": [
            {"label": link.text, "url": link.target}
            for link in entry.links
            if link.target and not link.has_image  # badges: see badge_repo
        ],
        "images": [image.target for image in entry.images],
    }


def records(documents: Iterable[Document]) -> list[dict[str, Any]]:
    return [entry_record(d, e) for d in documents for e in d.entries]


def as_json(documents: Iterable[Document]) -> str:
    return json_safe(json.dumps(records(documents), indent=2, ensure_ascii=False)) + "\n"


CSV_COLUMNS = ("path", "line", "section", "year", "title", "arxiv", "paper", "repo", "images")
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...)):
# OWASP's advice is to prefix such a cell with a single quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(documents: Iterable[Document]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records(documents):
        writer.writerow(
            _cell(value)
            for value in [
                visible(record["path"]),  # a name that is not UTF-8 can't be written raw
                record["line"],
                " > ".join(record["section"]),
                record["year"] or "",
                record["title"],
                record["arxiv"] or "",
                record["paper"] or "",
                record["repo"] or "",
                " ".join(record["images"]),
            ]
        )
    return buffer.getvalue()
