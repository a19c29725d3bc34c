"""What a link target is: a GitHub repo, a star badge, a local file, an in-page anchor."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple
from urllib.parse import unquote

from .util import shorten

# github.com/<first segment> that are GitHub pages, not users or organisations.
_NOT_OWNERS = frozenset(
    """about apps blog collections contact customer-stories enterprise events explore features
    issues login marketplace new notifications orgs pricing pulls readme search settings
    signup site sponsors topics trending""".split()
)
_REPO_HOSTS = ("github.com", "www.github.com", "gitlab.com", "www.gitlab.com")
_STAR_BADGE = re.compile(
    r"^https?://img\.shields\.io/github/stars/(?P<owner>[^/?#]*)(?:/(?P<repo>[^/?#]*))?",
    re.IGNORECASE,
)
_BADGE_HOSTS = frozenset(
    {
        "img.shields.io",
        "shields.io",
        "badgen.net",
        "badges.aleen42.com",
        "badge.fury.io",
        "api.star-history.com",
        "github-readme-stats.vercel.app",
        "visitor-badge.laobi.icu",
        "hits.seeyoufarm.com",
        "awesome.re",
        "cdn.rawgit.com",
        "colab.research.google.com",
    }
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_URL = re.compile(
    r"(?:(?P<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*):)?(?://(?P<netloc>[^/?#]*))?"
    r"(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?(?:#(?P<fragment>.*))?",
    re.DOTALL,
)


class UrlParts(NamedTuple):
    scheme: str
    host: str  # lower case, without user info and port
    path: str
    path_offset: int  # where the path starts in the (stripped) URL
    query: str


@cache
def split_url(url: str) -> UrlParts:
    """A URL's parts: a lenient, cached stand-in for urllib's urlsplit (never raises)."""
    match = _URL.match(url.strip())
    assert match is not None  # every group is optional
    netloc = match.group("netloc") or ""
    host = netloc.rpartition("@")[2]
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host[1:]
    else:
        host = host.partition(":")[0]
    return UrlParts(
        scheme=(match.group("scheme") or "").lower(),
        host=host.lower(),
        path=match.group("path"),
        path_offset=match.start("path"),
        query=match.group("query") or "",
    )


def host_of(url: str) -> str:
    return split_url(url).host


_REPO_NAME = re.compile(r"[A-Za-z0-9._-]*")


@cache
def github_repo(url: str) -> str | None:
    """``owner/name`` of a GitHub or GitLab repository URL (or a path below it)."""
    parts = split_url(url)
    if parts.host not in _REPO_HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2 or segments[0].lower() in _NOT_OWNERS:
        return None
    # a repository's name is ASCII letters, digits, "-", "_" and "."; a bare URL may run on
    # into the text after it ("…/ReNeuS，soon")
    name = _REPO_NAME.match(segments[1]).group()
    if name.lower().endswith(".git"):
        name = name[:-4]
    return f"{segments[0]}/{name}" if name else None


@cache
def star_badge_repo(url: str) -> tuple[str, str] | None:
    """(owner, repo) named by a shields.io GitHub stars badge; repo may be empty."""
    match = _STAR_BADGE.match(url.strip())
    if not match:
        return None
    repo = match.group("repo") or ""
    if repo.lower().endswith(".svg"):
        repo = repo[:-4]
    return unquote(match.group("owner")), unquote(repo)


@cache
def is_badge_url(url: str) -> bool:
    host = host_of(url)
    if host in _BADGE_HOSTS:
        return True
    path = url.lower().split("?", 1)[0]
    return path.endswith("badge.svg") or "/badge/" in path or "/badges/" in path


def has_scheme(target: str) -> bool:
    return bool(_SCHEME.match(target))


def is_web_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def in_page_anchor(target: str, file_name: str) -> str | None:
    """The anchor of a link into the same page (``#x``, ``./#x``, ``README.md#x``)."""
    if "#" not in target or has_scheme(target):
        return None
    path, _, fragment = target.partition("#")
    path = path.strip()
    if path in ("", ".", "./") or path.lstrip("./").lower() == file_name.lower():
        return unquote(fragment)
    return None


_DOMAIN_LIKE = re.compile(
    r"^(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|ai|edu|gov|cn|cc|dev|me)(?:/|$))",
    re.IGNORECASE,
)


def not_a_target(target: str) -> str | None:
    """Why a link target is neither a URL nor a path, or None when it is one of them."""
    target = target.strip()
    if target.startswith(("[", "(")) or "](" in target:
        return f"the target '{shorten(target)}' holds markdown, not a URL"
    if has_scheme(target) or target.startswith(("#", "/", ".")):
        return None
    if re.fullmatch(r"[\d\s.,:;-]+", target):
        return f"the target '{target}' is neither a URL nor a path"
    if _DOMAIN_LIKE.match(target):
        return (
            f"the target '{shorten(target)}' has no scheme, so GitHub treats it as a "
            f"relative path; add https://"
        )
    return None


# A second URL glued on: "….pdf%5Cnhttp://…", "…pdfhttps://…". A URL embedded after a
# separator ("/web/2020/https://…", "?url=https://…") is legitimate.
_GLUED = re.compile(r"(?<=.)(?<![/=?&:#(@])(?:https?://|https?%3A%2F%2F)", re.IGNORECASE)


def glued(target: str) -> bool:
    """Whether a URL has a second URL glued onto it."""
    return has_scheme(target) and bool(_GLUED.search(target.strip()))


def local_path(target: str) -> str | None:
    """The file path of a relative link or image (no scheme, not an anchor), decoded."""
    target = target.strip()
    if not target or target.startswith(("#", "//")) or has_scheme(target):
        return None
    if not_a_target(target) is not None:
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    return unquote(path)


_DOI = re.compile(r"^/(?:doi/(?:abs/|full/|pdf/|fullHtml/|epdf/)?)?(10\.\d{4,9}/[^?#\s]+)", re.I)
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org", "dl.acm.org"})


@cache
def doi_of(url: str) -> str | None:
    """The DOI a link names, case folded (DOIs ignore case): ``doi.org/10.…``,
    ``dx.doi.org/10.…``, ``dl.acm.org/doi/10.…`` (and its abs/pdf/full pages)."""
    parts = split_url(url.strip())
    if parts.host not in _DOI_HOSTS:
        return None
    path = unquote(parts.path)
    if parts.host == "dl.acm.org" and not path.lower().startswith("/doi/"):
        return None
    match = _DOI.match(path)
    if match is None:
        return None
    return match.group(1).rstrip("/.").lower()
