"""Small helpers that several layers share: message text (shortening, plurals), YAML
loading, link labels, the hosts of papers and code, and writing a file atomically.

Imports nothing of awesome-lint, so that any module may import it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
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
