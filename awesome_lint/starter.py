"""``awesome-lint init``: a starter ``.awesome-lint.yml`` for the list in a folder.

It writes down what awesome-lint reads in the list today, so that a maintainer can see it
and correct it: the role of every column of the paper tables and the order of their years,
each with a comment, and the rules that are off by default, commented out.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import catalog
from .columns import normalise_header
from .config import SCHEMA_URL
from .dates import parse_date
from .model import Document, Entry
from .parser import parse  # the parser's public entry point (one import to move with it)

CONFIG_NAME = ".awesome-lint.yml"
ROLE_NOTES = {
    "title": "the paper's title",
    "paper": "the link to the paper",
    "abstract": "the abstract or description",
    "image": "the figure",
    "links": "labelled links ([Paper] [Github] ...)",
    "code": "the code repository",
    "year": "the year",
    "date": "the date",
    "venue": "the venue",
}


@dataclass(slots=True)
class Detected:
    """What a list's tables say about themselves."""

    roles: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # header -> role -> lines
    unread_tables: list[int] = field(default_factory=list)  # lines of tables with no title
    orders: dict[str, int] = field(default_factory=dict)  # "ascending"/"descending" -> tables
    unsorted: int = 0  # tables whose years go both ways
    paper_tables: int = 0
    entries: int = 0


def _yaml_string(text: str) -> str:
    """A YAML scalar for any text: JSON strings are YAML double-quoted strings."""
    return json.dumps(text, ensure_ascii=False)


def _direction(years: Sequence[tuple[int, ...]]) -> str | None:
    """``ascending``/``descending`` when every step goes one way; ``unsorted`` when they
    go both ways; None with fewer than two distinct years."""
    up = sum(1 for a, b in itertools.pairwise(years) if b > a)
    down = sum(1 for a, b in itertools.pairwise(years) if b < a)
    if up and down:
        return "unsorted"
    if up:
        return "ascending"
    if down:
        return "descending"
    return None


def _when(entry: Entry) -> tuple[int, ...] | None:
    """A table row's year, or the year and month of its Date column ("16 May 2025",
    "May 16, 2025", "2025-05")."""
    if entry.year is not None:
        return (entry.year,)
    table, row = entry.table, entry.row
    if table is None or row is None or "date" not in table.roles:
        return None
    position = table.roles.index("date")
    found = parse_date(row.cells[position].text) if position < len(row.cells) else None
    return found[:2] if found is not None else None


def detect(document: Document) -> Detected:
    """Column roles and year order of the document's paper tables."""
    found = Detected(entries=len(document.entries))
    years_by_table: dict[int, list[tuple[int, ...]]] = {}
    for entry in document.entries:
        when = _when(entry)
        if entry.table is not None and when is not None:
            years_by_table.setdefault(id(entry.table), []).append(when)
    for table in document.tables:
        if not table.is_paper_table:
            if "title" not in table.roles:
                found.unread_tables.append(table.line)
            continue
        found.paper_tables += 1
        for header, role in zip(table.header, table.roles, strict=False):
            if header.strip():
                lines = found.roles.setdefault(header.strip(), {}).setdefault(role, [])
                lines.append(table.line)
        direction = _direction(years_by_table.get(id(table), []))
        if direction == "unsorted":
            found.unsorted += 1
        elif direction is not None:
            found.orders[direction] = found.orders.get(direction, 0) + 1
    return found


def _columns_section(found: Detected) -> list[str]:
    lines = [
        "# Column roles, as awesome-lint read the paper tables of this list. Correct a wrong",
        "# one here; roles: title, paper, abstract, image, links, code, year, date, venue, other.",
        "columns:",
    ]
    by_key: dict[str, list[tuple[str, dict[str, list[int]]]]] = {}
    for header, roles in found.roles.items():  # headers that read alike are one key
        by_key.setdefault(normalise_header(header), []).append((header, roles))
    written = 0
    for variants in by_key.values():
        header = variants[0][0]
        roles: dict[str, list[int]] = {}
        for _, more in variants:
            for role, at in more.items():
                roles.setdefault(role, []).extend(at)
        if len(roles) > 1:
            where = "; ".join(
                f"{role} in the table{'s' if len(at) > 1 else ''} at line "
                f"{', '.join(map(str, sorted(at)))}"
                for role, at in sorted(roles.items())
            )
            lines.append(f"  # {_yaml_string(header)}: read as {where}; set one if they agree")
            continue
        role = next(iter(roles))
        if role == "other":
            lines.append(
                f"  # {_yaml_string(header)}: other  # not read; give it a role if it has one"
            )
            continue
        lines.append(f"  {_yaml_string(header)}: {role}  # {ROLE_NOTES[role]}")
        written += 1
    if not written:
        lines[-1] = "# columns:"
    for line in found.unread_tables:
        lines.append(
            f"# The table at line {line} has no column awesome-lint reads as a title, so its "
            f'rows are not read as papers: map its title column here (e.g. "Acronym": title).'
        )
    return lines


def _years_section(found: Detected) -> list[str]:
    counts = [f"{direction} in {n}" for direction, n in sorted(found.orders.items())]
    if found.unsorted:
        counts.append(f"not sorted in {found.unsorted}")
    if not counts:
        detected = "no table has years in a detectable order"
    else:
        detected = f"years are {', '.join(counts)} of the paper tables"
    hint = "# infer decides the order of each table from the table itself"
    if len(found.orders) == 1 and not found.unsorted:
        hint += f"; set {next(iter(found.orders))} to hold new tables to it too"
    return [
        f"# Year rows and Year/Date columns: {detected}.",
        hint + ".",
        "years:",
        "  order: infer  # infer, ascending or descending",
    ]


def _count(n: int, word: str, words: str = "") -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


def _value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _rules_section() -> list[str]:
    lines = [
        "# Rules that are off by default. To turn one on, uncomment `rules:` and its line.",
        "# rules:",
    ]
    for code, info in catalog.load().items():
        if info.enabled:
            continue
        options = "".join(f", {key}: {_value(value)}" for key, value in info.defaults.items())
        setting = f"{{severity: {info.severity.label}{options}}}" if options else "on"
        lines.append(f"#   {code}: {setting}  # {info.name}: {info.summary}")
    return lines


def starter(text: str, path: Path, display: str) -> tuple[str, Detected]:
    """The starter config for the list ``text`` (at ``path``), and what was detected."""
    found = detect(parse(text, path, display))
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_URL}",
        f"# awesome-lint configuration, started by `awesome-lint init` from {display}",
        f"# ({_count(found.paper_tables, 'paper table')}, "
        f"{_count(found.entries, 'entry', 'entries')}).",
        "# Every key is described in the README (Configuration) and by `awesome-lint schema`.",
        "",
        *_columns_section(found),
        "",
        *_years_section(found),
        "",
        *_rules_section(),
    ]
    return "\n".join(lines) + "\n", found


class AlreadyThere(Exception):
    """A config file exists in the folder; init never overwrites one."""


def write(folder: Path, text: str) -> Path:
    """Create ``folder/.awesome-lint.yml`` with ``text``; AlreadyThere if a config exists."""
    for name in (CONFIG_NAME, ".awesome-lint.yaml"):
        if (folder / name).exists():
            raise AlreadyThere(f"{name} already exists; not overwriting it")
    path = folder / CONFIG_NAME
    try:
        with path.open("x", encoding="utf-8") as stream:  # exclusive: never overwrites
            stream.write(text)
    except FileExistsError:
        raise AlreadyThere(f"{CONFIG_NAME} already exists; not overwriting it") from None
    return path
