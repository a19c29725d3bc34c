"""Small helpers that several layers share: message text (shortening, plurals), YAML
loading, depth-limited JSON, link labels, the hosts of papers and code, and writing a
file atomically.

Imports nothing of awesome-lint, so that any module may import it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------- message text


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plural(count: int, word: str, words: str = "") -> str:
    """``1 link``, ``2 links``; ``words`` for an irregular plural (``3 entries``)."""
    return f"{count} {word if count == 1 else words or word + 's'}"


# --------------------------------------------------------------------------- YAML


def load_yaml(text: str) -> Any:
    """Parse YAML safely (libyaml's loader when installed); raises ``yaml.YAMLError``.

    PyYAML is imported here, on first use: a run without a config file never needs it.
    """
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# --------------------------------------------------------------------------- JSON

MAX_JSON_DEPTH = 100  # GitHub's answers nest about 5 deep
_JSON_SPECIAL = re.compile(rb'[\[\]{}"\\]')


class JSONTooDeep(ValueError):
    """A JSON text nested deeper than the parser is allowed to go."""


def loads_json(data: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` for text a server or a file wrote: the nesting is measured first, in
    one pass over its brackets, quotes and backslashes, and a text nested deeper than
    ``max_depth`` is refused with ``JSONTooDeep`` (a ValueError) instead of exhausting
    the parser's recursion."""
    import json

    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if raw.count(b"[") + raw.count(b"{") <= max_depth:
        return json.loads(data)  # can't nest deeper than it has brackets
    depth = 0
    in_string = False
    escaped_at = -1  # the position a backslash escapes
    for match in _JSON_SPECIAL.finditer(raw):
        at = match.start()
        if at == escaped_at:
            continue
        char = raw[at]
        if in_string:
            if char == 0x5C:  # backslash
                escaped_at = at + 1
            elif char == 0x22:  # quote
                in_string = False
        elif char == 0x22:
            in_string = True
        elif char in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > max_depth:
                raise JSONTooDeep(f"JSON nested more than {max_depth} levels deep")
        elif char in (0x5D, 0x7D):
            depth -= 1
    return json.loads(data)


# --------------------------------------------------------------------------- link labels

_LABEL_EDGES = "[]() \t*_`:：（）【】"
_LEADING_SYMBOLS = re.compile(r"^[^\w]+")


@cache
def label_of(text: str) -> str:
    """The label a link's text gives: ``[[Github]]``, `` Paper: ``, ``📖 Paper`` ->
    ``github``, ``paper``, ``paper`` (brackets, emphasis, a colon, a leading emoji and
    case folded away, inner whitespace collapsed)."""
    label = " ".join(text.split()).strip(_LABEL_EDGES).lower()
    if label and not label[0].isalnum():  # a leading emoji or symbol
        label = _LEADING_SYMBOLS.sub("", label).strip(_LABEL_EDGES)
    return label


# --------------------------------------------------------------------------- hosts

# Hosts whose pages are papers: a link there is a paper link (the parser's test of a list
# item), names one paper (AL001's keys), is no place for a code label (AL304) and no
# cell's code link (AL102). arXiv's own hosts are known to ``arxiv.ARXIV_HOSTS`` as well.
PAPER_HOSTS = (
    "arxiv.org",
    "openreview.net",
    "aclanthology.org",
    "aclweb.org",
    "doi.org",
    "thecvf.com",
    "cv-foundation.org",
    "papers.nips.cc",
    "proceedings.neurips.cc",
    "neurips.cc",
    "proceedings.mlr.press",
    "jmlr.org",
    "ieeexplore.ieee.org",
    "dl.acm.org",
    "link.springer.com",
    "sciencedirect.com",
    "nature.com",
    "science.org",
    "ojs.aaai.org",
    "aaai.org",
    "ijcai.org",
    "ecva.net",
    "semanticscholar.org",
    "biorxiv.org",
    "medrxiv.org",
    "ssrn.com",
    "researchgate.net",
    "alphaxiv.org",
    "papers.cool",
)
# Public hosts of code repositories.
CODE_HOSTS = (
    "github.com",
    "githubusercontent.com",
    "gitlab.com",
    "gitee.com",
    "bitbucket.org",
    "codeberg.org",
    "anonymous.4open.science",  # anonymised repositories for double-blind review
)


def on_host(host: str, domains: Iterable[str]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one."""
    return any(host == domain or host.endswith("." + domain) for domain in domains)


# --------------------------------------------------------------------------- files


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file that ``mkstemp`` creates next
    to it (an unpredictable name, never an existing file or a planted link), renamed over
    ``path`` in one step. The mode is the old file's, or a new file's under the umask."""
    import tempfile

    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        # surrogateescape: a file name that is not UTF-8 is written back as its bytes
        with os.fdopen(
            descriptor, "w", encoding="utf-8", errors="surrogateescape", newline=""
        ) as stream:
            stream.write(text)
            os.fchmod(stream.fileno(), mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_LABEL_MARKUP = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+|[*_`]")


def label_key(text: str) -> str:
    """A contents label or a heading's text as the two are compared: without a list
    marker, emphasis, extra spaces or case."""
    return " ".join(_LABEL_MARKUP.sub("", text).split()).casefold()


def late_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled when first asked for (``late_pattern(...)()``).

    For a pattern most runs never use: compiling it at import cost every run, a small
    file's whole lint included, its time.
    """
    return cache(lambda: re.compile(pattern, flags))
