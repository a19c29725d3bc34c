"""Settings of the network stage: plain frozen dataclasses.

They are the one definition of the config sections ``links``, ``arxiv`` and ``github``: a
field that a config file may set says so with ``_configurable`` (the JSON Schema of the
value as written, and its key when that is not the field's name), and both the config
schema (``section_schema``) and the reading of a section (``from_section``) are built
from those fields. Fields without it (the token, internal limits) are not configurable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "DEFAULT_USER_AGENT",
    "DURATION_PATTERN",
    "ArxivSettings",
    "GithubSettings",
    "LinkSettings",
    "from_section",
    "parse_duration",
    "section_schema",
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

DURATION_PATTERN = r"^\s*\d+(\.\d+)?\s*[smhdwSMHDW]?\s*$"  # as a config schema checks it
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


def backtracking_hazard(pattern: str) -> str | None:
    """What in a regex can make Python's backtracking engine take exponential time, or
    None: a repeated group holding another unbounded quantifier (``(x+x+)+y``) or an
    alternation (``(a|ab)*c``). Possessive quantifiers and atomic groups don't backtrack
    into themselves and are fine. The pattern must compile.

    Config regexes are a repository's text run on a list's URLs: both come from a pull
    request. A length cap on the URLs would not help here (thirty characters are enough to
    stall ``(x+x+)+y`` for minutes), so such patterns are refused instead; what remains is
    at worst polynomial in a URL's length."""
    try:
        import re._parser as parser  # type: ignore[import-not-found]
    except ImportError:  # Python 3.10
        import sre_parse as parser

    def walk(items: Any, repeated: bool) -> str | None:
        for op, value in items:
            name = str(op)
            found: str | None = None
            if name in ("MAX_REPEAT", "MIN_REPEAT"):
                unbounded = value[1] > 1
                if unbounded and repeated:
                    return "a quantifier inside a repeated group"
                found = walk(value[2], repeated or unbounded)
            elif name == "SUBPATTERN":
                found = walk(value[-1], repeated)
            elif name == "BRANCH":
                if repeated:
                    return "an alternation inside a repeated group"
                for alternative in value[1]:
                    found = found or walk(alternative, repeated)
            elif name in ("ASSERT", "ASSERT_NOT"):
                found = walk(value[1], repeated)
            elif name == "GROUPREF_EXISTS":
                found = walk(value[1], repeated) or (value[2] and walk(value[2], repeated))
            if found:
                return found
        return None

    return walk(parser.parse(pattern), False)


CONFIG = "awesome_lint.config"  # the metadata key of a configurable field


@dataclass(frozen=True)
class ConfigKey:
    """How a settings field is written in a config file."""

    schema: Mapping[str, Any]  # JSON Schema of the value as written
    description: str
    key: str = ""  # the key in the section when it is not the field's name; "a.b": nested
    read: Callable[[Any], Any] | None = None  # the value as written -> the field's value


def _configurable(
    schema: Mapping[str, Any],
    description: str,
    key: str = "",
    read: Callable[[Any], Any] | None = None,
    **field_arguments: Any,
) -> Any:
    return field(metadata={CONFIG: ConfigKey(schema, description, key, read)}, **field_arguments)


_POSITIVE = {"type": "integer", "minimum": 1}
_SECONDS = {"type": "number", "exclusiveMinimum": 0}
_RETRIES = {"type": "integer", "minimum": 0, "maximum": 10}
_API_URL = {"type": "string", "pattern": "^https?://"}
_DURATION_TEXT = {"type": "string", "pattern": DURATION_PATTERN}


@dataclass(frozen=True)
class LinkSettings:
    """How links are checked (config section ``links``)."""

    concurrency: int = _configurable(_POSITIVE, "Requests at once, at most.", default=32)
    per_host: int = _configurable(_POSITIVE, "Requests at once to one host, at most.", default=4)
    connect_timeout: float = _configurable(_SECONDS, "Seconds to connect.", default=10.0)
    timeout: float = _configurable(_SECONDS, "Seconds for a whole request.", default=20.0)
    retries: int = _configurable(_RETRIES, "Retries of a request that failed.", default=2)
    retry_after_max: float = _configurable(
        _SECONDS,
        "Longest Retry-After (429/503) honoured, in seconds; a longer one gives up at once.",
        default=30.0,
    )
    max_seconds: float = _configurable(
        _SECONDS,
        "Seconds all link checks of a run may take; links not checked by then are counted "
        "in one AL901 notice, never waited for.",
        default=600.0,
    )
    max_seconds_per_host: float = _configurable(
        _SECONDS,
        "Seconds the checks of one host may take from its first request; its links left "
        "then are counted in one AL901 notice (a host that accepts and never answers, or "
        "asks to retry later, can't hold up the run).",
        default=300.0,
    )
    backoff_base: float = 0.5
    """First retry delay in seconds; doubles per retry, with jitter."""
    accept: frozenset[int] = _configurable(
        {"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 999}},
        "Status codes counted as ok besides 2xx.",
        read=frozenset,
        default_factory=frozenset,
    )
    exclude: tuple[str, ...] = _configurable(
        {"type": "array", "items": {"type": "string", "format": "regex"}},
        "Regexes (searched) of URLs not to check.",
        read=tuple,
        default=(),
    )
    exclude_private: bool = _configurable(
        {"type": "boolean"},
        "Never request a link whose host is, or resolves to, a loopback, private or "
        "otherwise non-public address (reported as not checked).",
        default=True,
    )
    """Checked on the address of every connection, redirects included."""
    user_agent: str = _configurable(
        {"type": "string", "minLength": 1}, "The User-Agent header.", default=DEFAULT_USER_AGENT
    )
    probe_url: str = _configurable(
        {"type": "string", "pattern": "^https?://"},
        "The URL asked once whether the network is reachable.",
        default="https://www.example.com/",
    )
    probe_timeout: float = _configurable(
        _SECONDS, "Seconds the reachability probe may take.", default=3.0
    )
    max_redirects: int = _configurable(
        {"type": "integer", "minimum": 0, "maximum": 50}, "Redirects followed.", default=10
    )
    cache_path: Path | None = _configurable(  # noqa: RUF009 (a dataclasses.field)
        {"type": "string", "minLength": 1},
        "The cache file of verdicts (default: in the user's cache folder): inside the "
        "repository (relative to the config file's folder) or the user's cache folder, "
        "not a symlink, not an existing file that is not awesome-lint's cache.",
        key="cache",
        read=Path,
        default=None,
    )
    """``None`` means the default in the user cache directory. As written in a config
    file; ``network_stage.settings_from`` places it (``~``, relative paths) and holds it
    to the repository's bounds."""
    cache_ok_age: float = _configurable(
        _DURATION_TEXT,
        "How long an ok verdict is kept (e.g. 1d).",
        key="cache_age.ok",
        read=parse_duration,
        default=86400.0,
    )
    cache_dead_age: float = _configurable(
        _DURATION_TEXT,
        "How long a dead verdict is kept (e.g. 1h).",
        key="cache_age.dead",
        read=parse_duration,
        default=3600.0,
    )
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
        for name in (
            "connect_timeout",
            "timeout",
            "probe_timeout",
            "max_seconds",
            "max_seconds_per_host",
        ):
            if getattr(self, name) <= 0:
                raise ValueError(f"links.{name} must be positive")
        for pattern in self.exclude:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"links.exclude: invalid regex {pattern!r}: {exc}") from None
            slow = backtracking_hazard(pattern)
            if slow is not None:
                raise ValueError(
                    f"links.exclude: regex {pattern!r} has {slow}, which can take exponential "
                    "time on a URL that almost matches; rewrite it (a possessive quantifier "
                    "such as a++, or an atomic group (?>...), is fine)"
                )
        if not isinstance(self.accept, frozenset):
            object.__setattr__(self, "accept", frozenset(self.accept))
        if not isinstance(self.exclude, tuple):
            object.__setattr__(self, "exclude", tuple(self.exclude))


@dataclass(frozen=True)
class ArxivSettings:
    """arXiv API look-ups (config section ``arxiv``)."""

    api_url: str = _configurable(
        _API_URL, "The arXiv API's query URL.", default="https://export.arxiv.org/api/query"
    )
    batch_size: int = _configurable(
        {"type": "integer", "minimum": 1, "maximum": 100}, "IDs per request.", default=100
    )
    min_interval: float = _configurable(
        {"type": "number", "minimum": 0},
        "Seconds between the starts of two requests (arXiv's terms of use: 3).",
        default=3.0,
    )
    title_similarity: float = _configurable(
        {"type": "number", "minimum": 0, "maximum": 1},
        "How similar a listed title must be to arXiv's (0 to 1).",
        default=0.9,
    )
    max_title_searches: int = _configurable(
        {"type": "integer", "minimum": 0, "maximum": 1000},
        "Title searches a run may make to suggest an arXiv ID for a row whose ID is wrong or "
        "malformed (one paced request each; cached searches don't count); 0: none.",
        default=10,
    )
    timeout: float = _configurable(_SECONDS, "Seconds for a request.", default=30.0)
    retries: int = _configurable(_RETRIES, "Retries of a request that failed.", default=2)
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

    api_url: str = _configurable(
        _API_URL,
        "The GitHub API asked about repositories (the token goes there only when it is "
        "GitHub's own, or the one given on the command line or as the Action's input).",
        default="https://api.github.com",
    )
    token: str | None = field(default=None, repr=False)
    """Sent as ``Authorization: Bearer`` to ``token_api_url`` only, and only over https
    (plain http only to a loopback address, see ``token_transport_ok``)."""
    token_api_url: str = "https://api.github.com"
    """The one API the token may go to: GitHub's, or a GitHub Enterprise API given on the
    command line or as the Action's input, never one from a repository's config file
    (which may only move ``api_url``, and then the token stays home)."""
    concurrency: int = 4
    timeout: float = _configurable(_SECONDS, "Seconds for a request.", default=20.0)
    retries: int = _configurable(_RETRIES, "Retries of a request that failed.", default=2)
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


# --------------------------------------------------------------------------- config sections

Settings = TypeVar("Settings", LinkSettings, ArxivSettings, GithubSettings)


def _config_fields(cls: type[Any]) -> list[tuple[str, ConfigKey]]:
    """(field name, how it is written) of every configurable field, in field order."""
    return [(f.name, f.metadata[CONFIG]) for f in fields(cls) if CONFIG in f.metadata]


def section_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema of a config section: one property per configurable field (a dotted
    key is a nested mapping), nothing else allowed."""
    root: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": {}}
    for name, config in _config_fields(cls):
        *outer, last = (config.key or name).split(".")
        section = root
        for part in outer:
            section = section["properties"].setdefault(
                part, {"type": "object", "additionalProperties": False, "properties": {}}
            )
        section["properties"][last] = {**config.schema, "description": config.description}
    return root


def from_section(cls: type[Settings], section: Mapping[str, Any], **given: Any) -> Settings:
    """Settings from a config section as validated against ``section_schema``, with
    ``given`` values (from the environment or the command line) over it.

    Raises ValueError for a value the settings refuse (naming the key).
    """
    values: dict[str, Any] = {}
    for name, config in _config_fields(cls):
        value: Any = section
        for part in (config.key or name).split("."):
            value = value.get(part, MISSING) if isinstance(value, Mapping) else MISSING
        if value is MISSING or value is None:
            continue
        values[name] = config.read(value) if config.read is not None else value
    return cls(**{**values, **given})
