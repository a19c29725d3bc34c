"""parse: markdown source -> Document (DESIGN section 3).

One module per list format, each producing the same ``Entry``:

- ``tables``: GFM pipe tables (header roles, year rows, one entry per row);
- ``lists``: bulleted and numbered items, one paper per item;
- ``blocks``: a paper over a few lines or paragraphs (``**Title** \\`` …);
- ``html``: ``<table>`` rows and ``<p><b>Title</b>…</p>`` blocks, ``<details>`` sections.

Shared pieces: ``document`` (the token walk, headings, table of contents, sections,
suppression comments, coverage), ``items`` (running content made an entry), ``fields``
(titles, links, repository, arXiv ID, dates), ``inline`` (links and text of inline
content with exact spans), ``htmltags`` (linear-time HTML tag scanning), ``positions``
(lines and columns, shared with the fixer), ``markdown`` (markdown-it set up as GitHub
renders). A new list format is one more reader module called from ``document``.

Parsing never raises on valid UTF-8: what it cannot interpret becomes a ParseProblem.
"""

from __future__ import annotations

from .document import parse
from .tables import split_cells

__all__ = ["parse", "split_cells"]
