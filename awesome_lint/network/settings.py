"""Settings of the network stage: plain frozen dataclasses, filled in by the config layer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_USER_AGENT",
    "ArxivSettings",
    "GithubSettings",
    "LinkSettings",
    "parse_duration",
]


def _version() -> str:
    try:
        from awesome_lint import __version__

        return str(__version__)
    except ImportError:
        pass
    from importlib import metadata

    try:
        return metadata.version("awesome-lint")
    except metadata.PackageNotFoundError:
        return "0"


DEFAULT_USER_AGENT = f"awesome-lint/{_version()} (+https://github.com/awesome-lint/awesome-lint)"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}


def parse_duration(text: str | float | int) -> float:
    """Seconds in a duration such as ``"1d"``, ``"1h"``, ``"30m"``, ``"45s"``, ``"2w"``.

    A bare number (``"90"``, ``90``) is seconds. Raises ``ValueError`` naming the bad value.
    """
    if isinstance(text, bool):
        raise ValueError(f"invalid duration {text!r}: expected e.g. '45s', '30m', '1h', '1d', '2w'")
    if isinstance(text, (int, float)):
        if text < 0:
            raise ValueError(f"invalid duration {text!r}: must not be negative")
        return float(text)
    match = _DURATION.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(
            f"invalid duration {text!r}: expected a number with an optional unit "
            "s, m, h, d or w (e.g. '45s', '30m', '1h', '1d', '2w')"
        )
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]


@dataclass(frozen=True)
class LinkSettings:
    """How links are checked (config section ``links``)."""

    concurrency: int = 32
    per_host: int = 4
    connect_timeout: float = 10.0
    timeout: float = 20.0
    retries: int = 2
    retry_after_max: float = 30.0
    """Longest Retry-After (429/503) honoured; a longer one gives up at once: unverifiable."""
    backoff_base: float = 0.5
    """First retry delay in seconds; doubles per retry, with jitter."""
    accept: frozenset[int] = field(default_factory=frozenset)
    """Extra status codes counted as ok (2xx always is)."""
    exclude: tuple[str, ...] = ()
    """Regexes (``re.search``) of URLs not to check: such URLs are left out of the result."""
    exclude_private: bool = True
    """Never request a link whose host is, or resolves to, a loopback, private, link-local,
    multicast, unspecified or reserved address (checked on the address of every
    connection, redirects included): such links are reported as not checked."""
    user_agent: str = DEFAULT_USER_AGENT
    probe_url: str = "https://www.example.com/"
    probe_timeout: float = 3.0
    max_redirects: int = 10
    cache_path: Path | None = None
    """Where the cache lives; ``None`` means the default in the user cache directory."""
    cache_ok_age: float = 86400.0
    cache_dead_age: float = 3600.0
    trust_env: bool = True
    """Honour ``HTTP(S)_PROXY`` / ``NO_PROXY`` from the environment."""

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("links.concurrency must be at least 1")
        if self.per_host < 1:
            raise ValueError("links.per_host must be at least 1")
        if self.retries < 0:
            raise ValueError("links.retries must not be negative")
        if self.max_redirects < 0:
            raise ValueError("links.max_redirects must not be negative")
        for name in ("connect_timeout", "timeout", "probe_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"links.{name} must be positive")
        for pattern in self.exclude:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"links.exclude: invalid regex {pattern!r}: {exc}") from None
        if not isinstance(self.accept, frozenset):
            object.__setattr__(self, "accept", frozenset(self.accept))
        if not isinstance(self.exclude, tuple):
            object.__setattr__(self, "exclude", tuple(self.exclude))


@dataclass(frozen=True)
class ArxivSettings:
    """arXiv API look-ups (config section ``arxiv``)."""

    api_url: str = "https://export.arxiv.org/api/query"
    batch_size: int = 100
    min_interval: float = 3.0
    """Seconds between the starts of two API requests (arXiv terms of use: 3)."""
    title_similarity: float = 0.9
    max_title_searches: int = 10
    """Title searches (one request each, paced) a run may make to suggest an arXiv ID for
    a row whose ID is wrong or malformed; 0: none. Cached searches don't count."""
    timeout: float = 30.0
    retries: int = 2
    user_agent: str = DEFAULT_USER_AGENT
    cache_age: float = 86400.0
    cache_missing_age: float = 3600.0
    """How long "no such ID" is remembered (new papers appear daily)."""
    trust_env: bool = True
    max_body: int = 16 * 1024 * 1024
    """Most bytes of one answer read, compressed or decoded (100 entries take ~300 KB)."""

    def __post_init__(self) -> None:
        if not 1 <= self.batch_size <= 100:
            raise ValueError("arxiv.batch_size must be between 1 and 100")
        if self.min_interval < 0:
            raise ValueError("arxiv.min_interval must not be negative")
        if self.max_title_searches < 0:
            raise ValueError("arxiv.max_title_searches must not be negative")
        if not 0.0 <= self.title_similarity <= 1.0:
            raise ValueError("arxiv.title_similarity must be between 0 and 1")


def token_transport_ok(url: str) -> bool:
    """Whether the GitHub token may travel to ``url``: over https, or over plain http to
    this machine's loopback address (a local fake in tests: nothing leaves the machine)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() == "https":
        return bool(host)
    if parts.scheme.lower() != "http":
        return False
    if host == "localhost":
        return True
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class GithubSettings:
    """GitHub REST API look-ups (config section ``github``)."""

    api_url: str = "https://api.github.com"
    token: str | None = field(default=None, repr=False)
    """Sent as ``Authorization: Bearer`` to ``token_api_url`` only, and only over https
    (plain http only to a loopback address, see ``token_transport_ok``)."""
    token_api_url: str = "https://api.github.com"
    """The one API the token may go to: GitHub's, or a GitHub Enterprise API given on the
    command line or as the Action's input, never one from a repository's config file
    (which may only move ``api_url``, and then the token stays home)."""
    concurrency: int = 4
    timeout: float = 20.0
    retries: int = 2
    user_agent: str = DEFAULT_USER_AGENT
    cache_age: float = 86400.0
    trust_env: bool = True
    max_body: int = 2 * 1024 * 1024
    """Most bytes of one answer read, compressed or decoded (a repository is ~6 KB)."""

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("github.concurrency must be at least 1")
        if not token_transport_ok(self.token_api_url):
            raise ValueError(
                f"the GitHub API URL the token goes to must be https, not {self.token_api_url!r}"
            )
