"""arXiv identifiers and the URLs that carry them (REFERENCE section 7)."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple
from urllib.parse import unquote

from .urls import split_url

OLD_ARCHIVES = frozenset(
    """acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg
    comp-gas cond-mat cs dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph
    mtrl-th nlin nucl-ex nucl-th patt-sol physics plasm-ph q-alg q-bio quant-ph solv-int
    supr-con""".split()
)

ARXIV_HOSTS = frozenset(
    {
        "arxiv.org",
        "www.arxiv.org",
        "export.arxiv.org",
        "browse.arxiv.org",
        "ar5iv.labs.arxiv.org",
        "ar5iv.org",
    }
)
# Hugging Face's paper pages are named by the arXiv ID: huggingface.co/papers/2401.12345
HF_PAPER_HOSTS = frozenset({"huggingface.co", "www.huggingface.co", "hf.co"})
_HF_PAPER_ID = re.compile(r"[0-9]{4}\.[0-9]")
# Paths that name one paper; anything else on arxiv.org (listings, search, help) is not a paper.
PAPER_PATH_PREFIXES = ("abs", "pdf", "html", "ps", "format")
ARXIV_DOI_PREFIX = "10.48550/arxiv."

# ASCII digits only: \d would take full-width and Arabic-Indic digits, which int() reads
_NEW_ID = re.compile(r"(?P<yymm>[0-9]{4})\.(?P<num>[0-9]+)(?:v(?P<ver>[0-9]+))?")
_OLD_ID = re.compile(
    r"(?P<archive>[a-zA-Z][a-zA-Z\-]*)(?:\.(?P<sub>[A-Za-z]{2}))?/(?P<num>[0-9]+)(?:v(?P<ver>[0-9]+))?"
)


class ParsedId(NamedTuple):
    raw: str
    canonical: str | None  # without version; None when malformed
    version: int | None
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def parse_identifier(raw: str) -> ParsedId:
    """Validate an identifier as written in a link (version allowed)."""
    if not raw:
        return ParsedId(raw, None, None, "the link has no arXiv identifier")
    match = _NEW_ID.match(raw)
    if match and "/" not in raw[: match.end()]:
        return _check_new(raw, match)
    match = _OLD_ID.match(raw)
    if match:
        return _check_old(raw, match)
    return ParsedId(raw, None, None, f"'{raw}' is not an arXiv identifier")


def _version(raw: str, match: re.Match[str]) -> tuple[int | None, str | None]:
    ver = match.group("ver")
    if ver is None:
        return None, None
    if ver.startswith("0"):
        return None, f"version 'v{ver}' does not exist (versions start at v1)"
    return int(ver), None


def _check_new(raw: str, match: re.Match[str]) -> ParsedId:
    yymm, num = match.group("yymm"), match.group("num")
    rest = raw[match.end() :]
    month = int(yymm[2:])
    if rest:
        return ParsedId(raw, None, None, f"unexpected '{rest}' after the identifier")
    if not 1 <= month <= 12:
        return ParsedId(raw, None, None, f"month '{yymm[2:]}' does not exist")
    if yymm < "0704":
        return ParsedId(raw, None, None, f"new-style identifiers start in April 2007, not {yymm}")
    want = 4 if yymm < "1501" else 5
    if len(num) != want:
        era = "before 2015" if want == 4 else "from 2015 on"
        what = "truncated: " if len(num) < want else ""
        return ParsedId(
            raw,
            None,
            None,
            f"{what}{len(num)} digits after the dot; identifiers {era} have {want}",
        )
    if int(num) == 0:
        return ParsedId(raw, None, None, "paper number 0 does not exist")
    version, problem = _version(raw, match)
    if problem:
        return ParsedId(raw, None, None, problem)
    return ParsedId(raw, f"{yymm}.{num}", version, None)


def _check_old(raw: str, match: re.Match[str]) -> ParsedId:
    archive, num = match.group("archive").lower(), match.group("num")
    rest = raw[match.end() :]
    if archive not in OLD_ARCHIVES:
        return ParsedId(raw, None, None, f"'{archive}' is not an arXiv archive")
    if rest:
        return ParsedId(raw, None, None, f"unexpected '{rest}' after the identifier")
    if len(num) != 7:
        return ParsedId(raw, None, None, f"old-style numbers have 7 digits, not {len(num)}")
    yy, mm = int(num[:2]), int(num[2:4])
    if not 1 <= mm <= 12:
        return ParsedId(raw, None, None, f"month '{num[2:4]}' does not exist")
    if not ((yy >= 91 and num[:4] >= "9107") or (yy <= 7 and num[:4] <= "0703")):
        return ParsedId(raw, None, None, f"old-style identifiers run 9107-0703, not {num[:4]}")
    if num[4:] == "000":
        return ParsedId(raw, None, None, "paper number 000 does not exist")
    version, problem = _version(raw, match)
    if problem:
        return ParsedId(raw, None, None, problem)
    return ParsedId(raw, f"{archive}/{num}", version, None)


class ArxivUrl(NamedTuple):
    """Where the identifier sits inside a URL string."""

    id_start: int  # offset of the identifier in the URL string
    id_end: int
    parsed: ParsedId
    form: str  # "abs", "pdf", "html", "ps", "format", "doi", "hf" (Hugging Face's page)


@cache  # rules and the parser ask about the same URLs
def find_paper_id(url: str) -> ArxivUrl | None:
    """The identifier of an arXiv paper URL, or None when the URL is no arXiv paper link.

    Figure assets served from the HTML paper (``/html/IDvN/x1.png``) are not paper links.
    """
    parts = split_url(url)
    host = parts.host
    path = parts.path
    offset = parts.path_offset + len(url) - len(url.lstrip())
    if host in ARXIV_HOSTS:
        segments = path.split("/")  # path starts with "/": segments[0] == ""
        if len(segments) < 2 or segments[1].lower() not in PAPER_PATH_PREFIXES:
            return None
        form = "html" if host.startswith("ar5iv") else segments[1].lower()
        rest = segments[2:]
        # old-style identifiers span two segments: /abs/hep-th/9901001
        width = 2 if len(rest) >= 2 and rest[0].split(".")[0].lower() in OLD_ARCHIVES else 1
        tail = "/".join(rest[width:])
        if tail and form == "html":
            return None  # /html/2401.12345v1/x1.png is a figure of the HTML paper
        ident = "/".join(rest[:width]) + (f"/{tail}" if tail else "")
        start = offset + len(segments[1]) + 2
        if ident.lower().endswith(".pdf"):
            ident = ident[:-4]
        return ArxivUrl(start, start + len(ident), parse_identifier(unquote(ident)), form)
    if host in HF_PAPER_HOSTS:
        segments = path.split("/")
        # only a segment shaped like a new-style ID: /papers/trending is a listing page
        if len(segments) < 3 or segments[1] != "papers" or not _HF_PAPER_ID.match(segments[2]):
            return None
        ident = segments[2]
        start = offset + len("/papers/")
        return ArxivUrl(start, start + len(ident), parse_identifier(unquote(ident)), "hf")
    if host in ("doi.org", "dx.doi.org"):
        doi = path.lstrip("/")
        if doi.lower().startswith(ARXIV_DOI_PREFIX):
            ident = doi[len(ARXIV_DOI_PREFIX) :]
            start = offset + (len(path) - len(path.lstrip("/"))) + len(ARXIV_DOI_PREFIX)
            return ArxivUrl(start, start + len(ident), parse_identifier(ident), "doi")
    return None


_BADGE_ID = re.compile(r"badge/arxiv-(?P<id>[^-?/]+(?:--[^-?/]+)*)-", re.IGNORECASE)


def badge_identifier(url: str) -> str | None:
    """The identifier shown by a shields.io arXiv badge (``badge/arXiv-2312.02970-b31b1b``)."""
    where = badge_identifier_span(url)
    if where is None:
        return None
    # shields.io escapes a literal '-' as '--'
    return unquote(url[where[0] : where[1]]).replace("--", "-")


def badge_identifier_span(url: str) -> tuple[int, int] | None:
    """Where a shields.io arXiv badge's identifier is in its URL (start, end offsets)."""
    if "shields.io" not in url:
        return None
    match = _BADGE_ID.search(url)
    return match.span("id") if match else None


def canonical_paper_url(url: str) -> str:
    """One key for the variants of a paper URL: arXiv abs/pdf/version, http(s), slash."""
    found = find_paper_id(url)
    if found and found.parsed.canonical:
        return f"arxiv:{found.parsed.canonical}"
    parts = split_url(url)
    host = parts.host
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    if path.lower().endswith(".pdf"):
        path = path[:-4]
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"
