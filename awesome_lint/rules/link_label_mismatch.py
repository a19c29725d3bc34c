"""AL304 link-label-mismatch: a known label on a link to a host it doesn't name."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from ..model import Document, Finding
from ..urls import host_of
from .context import RuleContext

CODE = "AL304"

# label -> hosts; a host matches itself and its subdomains; "proceedings.*" matches any
# host starting with "proceedings.". Labels not listed (Project, Blog, 知乎, …) go anywhere.
DEFAULT_LABELS: dict[str, list[str]] = {
    "github": ["github.com", "gitlab.com", "github.io"],
    "code": ["github.com", "gitlab.com", "gitee.com", "bitbucket.org", "huggingface.co"],
    "paper": [
        "arxiv.org",
        "openreview.net",
        "doi.org",
        "aclanthology.org",
        "aclweb.org",
        "thecvf.com",
        "proceedings.*",
        "papers.nips.cc",
        "neurips.cc",
        "nips.cc",
        "ieeexplore.ieee.org",
        "dl.acm.org",
        "link.springer.com",
        "springer.com",
        "sciencedirect.com",
        "nature.com",
        "science.org",
        "jmlr.org",
        "mlr.press",
        "aaai.org",
        "ijcai.org",
        "ecva.net",
        "semanticscholar.org",
        "researchgate.net",
        "huggingface.co",
        "biorxiv.org",
        "medrxiv.org",
        "ssrn.com",
        "iclr.cc",
        "icml.cc",
        "openaccess.thecvf.com",
        "cv-foundation.org",
        "bmva.org",
        "isca-speech.org",
        "usenix.org",
        "vldb.org",
        "kdd.org",
        "mdpi.com",
        "wiley.com",
        "oup.com",
        "tandfonline.com",
        "pnas.org",
        "cell.com",
        "frontiersin.org",
        "ceur-ws.org",
        "ojs.aaai.org",
        "ieee.org",
        "acm.org",
        "jstor.org",
        "scholar.google.com",
        "paperswithcode.com",
        "alphaxiv.org",
        "hal.science",
        "ncbi.nlm.nih.gov",
    ],
    "huggingface": ["huggingface.co", "hf.co"],
    "hf": ["huggingface.co", "hf.co"],
}
DEFAULT_LABELS["pdf"] = DEFAULT_LABELS["paper"]
DEFAULT_LABELS["arxiv"] = ["arxiv.org", "doi.org", "alphaxiv.org", "huggingface.co"]


def _matches(host: str, pattern: str) -> bool:
    if pattern.endswith(".*"):
        return host.startswith(pattern[:-1]) or f".{pattern[:-1]}" in host
    return host == pattern or host.endswith("." + pattern)


def _label(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip("[]() \t*_`")).lower()


def _scholarly(host: str, path: str) -> bool:
    """A PDF anywhere, or a university host, is a fine paper link."""
    return path.lower().split("?", 1)[0].endswith(".pdf") or bool(
        re.search(r"\.(edu|ac\.[a-z]{2}|edu\.[a-z]{2})$", host)
    )


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    labels: Mapping[str, Sequence[str]] = {
        **DEFAULT_LABELS,
        **{_label(k): v for k, v in (context.options.get("labels") or {}).items()},
    }
    for entry in document.entries:
        for link in entry.links:
            if link.has_image or not link.target.lower().startswith(("http://", "https://")):
                continue
            label = _label(link.text)
            hosts = labels.get(label)
            if not hosts:
                continue
            host = host_of(link.target)
            if any(_matches(host, pattern) for pattern in hosts):
                continue
            if label in ("paper", "pdf") and _scholarly(host, link.target):
                continue
            yield Finding(
                span=link.span,
                message=(
                    f"a '{link.text.strip('[]')}' link to {host}, which is not a "
                    f"{label} host ({', '.join(hosts[:4])}{', …' if len(hosts) > 4 else ''})"
                ),
                key=f"label:{label}:{host}",
            )
