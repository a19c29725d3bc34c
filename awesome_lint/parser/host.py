"""What a list reader may ask of the walk that calls it (``document.Builder``).

The readers (tables, lists, blocks, HTML) are called by the Builder and call back into
it; naming the callbacks here keeps the readers from importing the module that imports
them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from ..model import Cell, Document, Entry, Table
from .inline import Inline


class ReaderHost(Protocol):
    doc: Document
    env: dict[str, Any]  # reference definitions, for inline parsing
    columns: Mapping[str, str] | None  # the config's header -> role mapping
    details: list[str]  # open <details> summaries
    details_count: int
    categories: list[tuple[str, int]]  # category items around nested lists
    subheading: tuple[str, int] | None  # a "**Name**" paragraph read as a heading
    table_entries: list[tuple[Table, list[tuple[Entry, list[Cell]]]]]
    lost_lines: set[int]  # rows that fell out of a table (AL102's)
    unmapped_lines: set[int]  # rows of tables reported as unmapped

    def section(self) -> tuple[tuple[str, ...], str]: ...

    def section_year(self) -> tuple[int, int] | None: ...

    def add_links(self, walked: Inline) -> None: ...

    def add_entry(self, entry: Entry) -> None: ...
