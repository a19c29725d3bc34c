"""The paper ``awesome-lint add`` writes: what the command line names (an arXiv ID or URL,
``--title``, ``--date``, ``--field``...) and what arXiv's record says, in one ``Paper``.

Pure: the arXiv record comes in as data (``network.arxiv_api.ArxivRecord``); asking arXiv
is the front end's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from .arxiv import find_paper_id, parse_identifier
from .dates import parse_date
from .urls import split_url


class PaperProblem(Exception):
    """Input that names no paper, or a paper that can't be added: one line."""


class RegisteredPaper(Protocol):
    """What ``add`` reads of an arXiv record (``network.arxiv_api.ArxivRecord``)."""

    id: str
    title: str
    published: str
    version: int | None
    authors: tuple[str, ...]
    journal_ref: str
    comments: str
    summary: str


@dataclass
class Paper:
    arxiv_id: str  # canonical, no version
    title: str
    date: tuple[int, ...]  # first version's (year, month, day), or what --date gave
    version: int | None = None  # the latest version arXiv knows (or the one named)
    authors: tuple[str, ...] = ()
    venue: str = ""  # "CVPR", when the paper says where it appeared
    venue_year: int | None = None
    repo: str | None = None  # owner/name on GitHub
    repo_from: str = ""  # "--repo", "the abstract", "the comments"
    figure: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # --field NAME=VALUE, name lowered

    @property
    def year(self) -> int:
        """The year a list files it under: the venue's when known, else the first version's."""
        return self.venue_year or self.date[0]


_HF_PAPER = re.compile(r"^/papers/(?P<id>[^/?#]+)")


def parse_reference(text: str) -> tuple[str, int | None]:
    """An arXiv ID (old or new style, ``arXiv:`` prefix and version allowed) or an arxiv.org
    or huggingface.co/papers URL -> (canonical ID, version or None); PaperProblem otherwise."""
    raw = text.strip()
    if "://" in raw or raw.lower().startswith(("arxiv.org/", "huggingface.co/", "www.")):
        url = raw if "://" in raw else f"https://{raw}"
        found = find_paper_id(url)
        if found is not None:
            parsed = found.parsed
        else:
            parts = split_url(url)
            match = _HF_PAPER.match(parts.path) if parts.host.endswith("huggingface.co") else None
            if match is None:
                raise PaperProblem(f"'{text}' is not an arXiv or huggingface.co/papers URL")
            parsed = parse_identifier(match.group("id"))
    else:
        if raw.lower().startswith("arxiv:"):
            raw = raw[6:].strip()
        parsed = parse_identifier(raw)
    if parsed.canonical is None:
        raise PaperProblem(f"'{text}' is not an arXiv identifier: {parsed.problem}")
    return parsed.canonical, parsed.version


# Venue names lists write, for a comment like "Accepted at CVPR 2024" or "ICLR 2025 (oral)".
_VENUE = re.compile(
    r"\b(?P<venue>CVPR|ICCV|ECCV|NeurIPS|NIPS|ICLR|ICML|AAAI|IJCAI|ACL|EMNLP|NAACL|COLING|"
    r"CoRL|RSS|ICRA|IROS|SIGGRAPH(?: Asia)?|WACV|BMVC|MICCAI|KDD|WWW|SIGIR|MM|ACM MM|"
    r"TPAMI|IJCV|TIP|TMLR|JMLR|3DV|ICASSP|Interspeech|COLM|ICME|ISBI)\b(?:['’]?\s*)"
    r"(?P<year>(?:19|20)\d\d|\d\d)?",
)
_ACCEPTED = re.compile(r"\b(?:accepted|to appear|published|appears?)\b", re.I)
_GITHUB = re.compile(r"https?://(?:www\.)?github\.com/(?P<owner>[\w.-]+)/(?P<name>[\w.-]+)", re.I)


def venue_of(journal_ref: str, comments: str) -> tuple[str, int | None]:
    """The venue named by the journal reference, else by an acceptance comment."""
    for text, needs_acceptance in ((journal_ref, False), (comments, True)):
        if not text or (needs_acceptance and not _ACCEPTED.search(text) and not _VENUE.match(text)):
            continue
        match = _VENUE.search(text)
        if match is None:
            continue
        year_text = match.group("year")
        year = None
        if year_text:
            year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
        return match.group("venue"), year
    return "", None


def github_of(*texts: str) -> str | None:
    """The first GitHub repository URL named in the texts, as owner/name."""
    for text in texts:
        match = _GITHUB.search(text)
        if match:
            name = match.group("name").removesuffix(".git").rstrip(".")
            if name:
                return f"{match.group('owner')}/{name}"
    return None


def repo_of(text: str) -> str:
    """``--repo``: a GitHub URL or owner/name -> owner/name; PaperProblem otherwise."""
    value = text.strip().rstrip("/")
    if "://" in value or value.lower().startswith("github.com/"):
        url = value if "://" in value else f"https://{value}"
        match = _GITHUB.match(url)
        if match is None or match.end() not in (len(url), len(url.removesuffix(".git"))):
            raise PaperProblem(f"--repo '{text}' is not a GitHub repository URL")
        return f"{match.group('owner')}/{match.group('name').removesuffix('.git')}"
    if re.fullmatch(r"[\w.-]+/[\w.-]+", value):
        return value
    raise PaperProblem(f"--repo '{text}': give https://github.com/OWNER/NAME or OWNER/NAME")


def is_withdrawn(record: RegisteredPaper) -> bool:
    text = f"{record.comments} {record.summary[:200]}".lower()
    return "withdrawn" in text and ("paper has been withdrawn" in text or "withdrawn by" in text)


def parse_day(text: str, option: str = "--date") -> tuple[int, ...]:
    """``2024-05-17``, ``2024-05`` or another date lists write -> (year, month[, day])."""
    found = parse_date(text)
    if found is None or len(found) < 2:
        raise PaperProblem(f"{option} '{text}' is not a date (give YYYY-MM-DD or YYYY-MM)")
    return found


def from_record(record: RegisteredPaper) -> Paper:
    """What arXiv says of the paper; PaperProblem for a withdrawn one."""
    if is_withdrawn(record):
        raise PaperProblem(f"arXiv {record.id} has been withdrawn: {record.comments[:80]}")
    venue, venue_year = venue_of(record.journal_ref, record.comments)
    paper = Paper(
        arxiv_id=record.id,
        title=" ".join(record.title.split()),
        date=parse_day(record.published[:10], "arXiv's date"),
        version=record.version,
        authors=tuple(record.authors),
        venue=venue,
        venue_year=venue_year,
    )
    repo = github_of(record.summary)
    if repo:
        paper.repo, paper.repo_from = repo, "the abstract"
    elif repo := github_of(record.comments):
        paper.repo, paper.repo_from = repo, "the comments"
    return paper
