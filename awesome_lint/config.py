"""Configuration: ``.awesome-lint.yml`` found upward from a file, or ``--config``.

Validated with jsonschema against a schema built from the rule catalog; jsonschema is
imported only when there is a file to validate.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import catalog
from .columns import ROLES
from .model import Severity
from .record import Record
from .suggest import did_you_mean, rule_hint
from .userdirs import cache_dir
from .util import load_yaml

CONFIG_NAMES = (".awesome-lint.yml", ".awesome-lint.yaml")
SEVERITIES = ("error", "warning", "notice")
YEAR_ORDERS = ("infer", "ascending", "descending")
FAIL_ON = ("error", "warning", "notice")
# YAML 1.1 reads bare off/on (and no/yes) as booleans: accept them as off/on.
SWITCHES = ["off", "on", *SEVERITIES, False, True]


class ConfigError(Exception):
    """A config file that can't be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """What a config says of one rule."""

    enabled: bool | None = None  # None: keep the catalog's default
    severity: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)
    key: str = ""  # the code or name the config wrote, for messages


@dataclass(eq=False, repr=False, slots=True)
class Config(Record):
    """One awesome-lint config file, read and checked."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)  # relative globs are matched from here
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    years_order: str = "infer"
    links: dict[str, Any] = field(default_factory=dict)
    arxiv: dict[str, Any] = field(default_factory=dict)
    github: dict[str, Any] = field(default_factory=dict)
    max_file_size: int = 20 * 1024 * 1024  # bytes; a larger list is not read
    # how a run ends (the run's config: --config, else the first linted file's)
    baseline: Path | None = None  # report only findings not recorded here
    fail_on: Severity | None = None  # the lowest severity that fails the run (error)
    exit_zero: bool = False  # exit 0 whatever is found
    health: dict[str, Any] = field(default_factory=dict)  # the tracking issue's scope

    def relative(self, path: Path) -> str:
        """``path`` relative to the config root, with forward slashes, for glob matching."""
        try:
            return Path(os.path.relpath(path.absolute(), self.root.absolute())).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()

    def is_excluded(self, path: Path) -> bool:
        relative = self.relative(path)
        return any(glob_match(pattern, relative) for pattern in self.exclude)

    def ignored_codes(self, path: Path) -> set[str]:
        relative = self.relative(path)
        codes: set[str] = set()
        for pattern, selectors in self.per_file_ignores.items():
            if glob_match(pattern, relative):
                for selector in selectors:
                    codes.update(catalog.resolve(selector))
        return codes


@cache
def _glob_segments(pattern: str) -> tuple[str, ...]:
    """A glob as path segments; ``**`` alone in a segment stands for any number of them."""
    parts = [part for part in pattern.split("/") if part]
    # a trailing "**" means everything inside: at least one more segment
    if parts and parts[-1] == "**":
        parts[-1:] = ["*", "**"]
    collapsed: list[str] = []
    for part in parts:
        if not (part == "**" and collapsed and collapsed[-1] == "**"):
            collapsed.append(part)  # "**/**" is one "**"
    return tuple(collapsed)


def _segment_match(pattern: str, name: str) -> bool:
    """``*`` (any run of characters) and ``?`` (one character) within one path segment;
    a greedy two-pointer match, at most len(pattern) * len(name) steps, where a regex
    may backtrack exponentially."""
    p = n = 0
    star = -1
    resume = 0
    while n < len(name):
        if p < len(pattern) and pattern[p] == "*":
            star, resume = p, n
            p += 1
        elif p < len(pattern) and pattern[p] in ("?", name[n]):
            p += 1
            n += 1
        elif star >= 0:  # let the last "*" take one more character
            p = star + 1
            resume += 1
            n = resume
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def _segments_match(pattern: tuple[str, ...], parts: list[str]) -> bool:
    """Match path segments against glob segments, tracking every reachable position in the
    pattern at once: len(parts) * len(pattern) segment matches at most."""

    def closure(states: set[int]) -> set[int]:
        # "**" may match no segment at all: its successor is reachable too
        for index in sorted(states):
            while index < len(pattern) and pattern[index] == "**":
                index += 1
                states.add(index)
        return states

    states = closure({0})
    for part in parts:
        following: set[int] = set()
        for index in states:
            if index == len(pattern):
                continue
            if pattern[index] == "**":
                following.add(index)  # it takes this segment and may take more
            elif _segment_match(pattern[index], part):
                following.add(index + 1)
        if not following:
            return False
        states = closure(following)
    return len(pattern) in states


def expand_glob(pattern: str) -> str:
    """A gitignore-like pattern as the segments it matches: a pattern without an inner "/"
    matches at any depth (``**/`` in front), a leading "/" anchors it, a trailing "/"
    means everything in that folder (``/**`` after)."""
    pattern = pattern.removeprefix("./")
    anchored = pattern.startswith("/")
    pattern = pattern.lstrip("/")
    folder = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    if not anchored and "/" not in pattern:
        pattern = "**/" + pattern
    if folder:
        pattern += "/**"
    return pattern


def glob_match(pattern: str, relative: str) -> bool:
    """gitignore-like matching (``expand_glob``); ``*`` and ``?`` stay within a path
    segment, ``**`` as a whole segment spans any number of them."""
    return _segments_match(_glob_segments(expand_glob(pattern)), relative.split("/"))


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or a folder above it (``.yml`` wins)."""
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


# --------------------------------------------------------------------------- schema

_SIZE = r"^\s*[0-9]+\s*([kKmMgG]?[bB])?\s*$"
_SIZE_FACTORS = {"": 1, "b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3}


def parse_size(value: int | str) -> int:
    """Bytes in ``20MB``, ``512 KB``, ``1000`` (KB = 1024 bytes, as du and ls say)."""
    if isinstance(value, int):
        return value
    match = re.match(_SIZE, value)
    if match is None:
        raise ValueError(value)
    number = int(re.match(r"\s*([0-9]+)", value).group(1))  # type: ignore[union-attr]
    return number * _SIZE_FACTORS[(match.group(1) or "").lower()]


SCHEMA_URL = (
    "https://raw.githubusercontent.com/awesome-lint/awesome-lint/main/schema/"
    "awesome-lint.schema.json"
)
# Descriptions are for editors (completion and hover); the validator ignores them.
_SECTIONS = {
    "rules": "Rules by code or name: off, on, a severity, or a mapping of severity and options.",
    "exclude": "gitignore-like globs of files not to lint, relative to the config file.",
    "per-file-ignores": "Globs mapped to the rules (codes, prefixes or names) not reported there.",
    "columns": "Table header names mapped to column roles.",
    "years": "How year rows and Year/Date columns must be ordered.",
    "links": "Network checks of links, and the cache of their verdicts.",
    "arxiv": "arXiv API look-ups.",
    "github": "GitHub API look-ups.",
    "baseline": "A baseline file (awesome-lint --write-baseline FILE), relative to this "
    "config: only findings it does not record are reported. --baseline overrides it.",
    "fail-on": "The lowest severity that fails the run (exit 1): error (the default), "
    "warning or notice. --fail-on overrides it.",
    "exit-zero": "true: exit 0 even when findings would fail the run (as --exit-zero).",
    "health": "Scheduled health (awesome-lint health, the Action's mode: health): what the "
    "tracking issue lists.",
}


def schema() -> dict[str, Any]:
    """The JSON Schema of a config file, with every rule's options from the catalog.

    ``awesome-lint schema`` prints it; ``schema/awesome-lint.schema.json`` is a copy.
    """
    from .network.settings import ArxivSettings, GithubSettings, LinkSettings, section_schema

    rules = catalog.load()
    rule_properties: dict[str, Any] = {}
    for code, info in rules.items():
        options = dict(info.options.get("properties", {}))
        setting = {
            "description": f"{code} {info.name} (default: {info.default_label}): {info.summary}",
            "oneOf": [
                {"enum": SWITCHES},
                {
                    "type": "object",
                    "properties": {
                        "severity": {"enum": SWITCHES},
                        **options,
                    },
                    "additionalProperties": False,
                },
            ],
        }
        rule_properties[code] = setting
        rule_properties[info.name] = setting
    selector = {"type": "string", "pattern": r"^(ALL|AL\d{0,3}|[a-z][a-z0-9-]*)$"}
    document: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL,
        "title": "awesome-lint configuration",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "rules": {
                "type": "object",
                "properties": rule_properties,
                "additionalProperties": False,
            },
            "exclude": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "max-file-size": {
                "oneOf": [
                    {"type": "integer", "minimum": 1},
                    {"type": "string", "pattern": _SIZE},
                ]
            },
            "per-file-ignores": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": selector},
            },
            "columns": {
                "type": "object",
                "additionalProperties": {"enum": list(ROLES)},
            },
            "years": {
                "type": "object",
                "properties": {"order": {"enum": list(YEAR_ORDERS)}},
                "additionalProperties": False,
            },
            "links": section_schema(LinkSettings),
            "arxiv": section_schema(ArxivSettings),
            "github": section_schema(GithubSettings),
            "baseline": {"type": "string", "minLength": 1},
            "fail-on": {"enum": list(FAIL_ON)},
            "exit-zero": {"type": "boolean"},
            "health": {
                "type": "object",
                "properties": {
                    "link-rules": {
                        "type": "array",
                        "items": selector,
                        "description": "Rules listed first, as link and repository health "
                        "(default AL301, AL305, AL307, AL004).",
                    },
                    "issue-others": {
                        "enum": ["section", "report"],
                        "description": "Other findings: below, in a section of their own "
                        "(section, the default), or only in the report, not in the issue.",
                    },
                },
                "additionalProperties": False,
            },
        },
    }
    for key, description in _SECTIONS.items():
        document["properties"][key]["description"] = description
    return document


def _key_path(parts: list[Any]) -> str:
    return ".".join(str(part) for part in parts) or "(top level)"


def _describe(error: Any, where: str) -> str:
    """One line naming the key path and what is allowed."""
    from .network.settings import DURATION_PATTERN

    validator = error.validator
    path = list(error.absolute_path)
    value = error.instance
    if path == ["max-file-size"]:
        return f"{where}: max-file-size: {value!r} is not a size like 20MB, 512KB or 1000000"
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        key = extra[0] if extra else "?"
        if path and path[-1] == "rules" and len(path) == 1:
            return f"{where}: {_key_path([*path, key])}: unknown rule{rule_hint(str(key))}"
        guess = did_you_mean(str(key), allowed)
        hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
        return f"{where}: {_key_path([*path, key])}: unknown key{guess}{hint}"
    if validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value if not isinstance(v, bool))
        return f"{where}: {_key_path(path)}: {value!r} is not allowed; use one of: {allowed}"
    if validator == "oneOf":
        # a rule setting: name the best sub-error
        best = _best_leaf(error)
        if best is not None and best is not error:
            return _describe(best, where)
        return (
            f"{where}: {_key_path(path)}: expected off, on, a severity "
            f"({', '.join(SEVERITIES)}) or a mapping of severity and options"
        )
    if validator == "type":
        return f"{where}: {_key_path(path)}: {value!r} is not of type {error.validator_value}"
    if validator == "pattern" and error.schema.get("pattern") == DURATION_PATTERN:
        return f"{where}: {_key_path(path)}: {value!r} is not a duration like 30s, 1h or 1d"
    return f"{where}: {_key_path(path)}: {error.message}"


def _best_leaf(error: Any) -> Any:
    """For a oneOf error, the sub-error of the alternative of the value's own shape."""
    candidates = list(error.context or [])
    if not candidates:
        return None
    shaped = [
        e
        for e in candidates
        if not (e.validator == "type" and not e.relative_path)
        and not (e.validator == "enum" and isinstance(e.instance, dict))
    ]
    pool = shaped or candidates
    return max(pool, key=lambda e: len(list(e.absolute_path)))


def load(path: Path) -> Config:
    """Read, validate and interpret one config file."""
    import yaml

    where = str(path)
    if path.exists() and not path.is_file():  # a FIFO would block, a device never end
        raise ConfigError(f"{where}: not a regular file; not read")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{where}: cannot read config: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{where}: config is not valid UTF-8") from error
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{where}: {at}invalid YAML: {problem}") from error
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{where}: the config must be a mapping of keys, not {type(data).__name__}"
        )
    _validate(data, text, where)
    return interpret(data, path)


def _validate(data: Any, text: str, where: str) -> None:
    """Check ``data`` against the schema, unless this very text passed before.

    Importing jsonschema costs more than a whole small lint run, and a config rarely
    changes: a validated text is remembered by a digest of the schema and the text.
    """
    import hashlib
    import json

    rules = schema()
    digest = hashlib.blake2b(
        json.dumps(rules, sort_keys=True).encode() + b"\0" + text.encode(), digest_size=16
    ).hexdigest()
    marker = cache_dir() / "validated-configs" / digest
    if marker.exists():
        return
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        rules, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ConfigError(_describe(errors[0], where))
    try:  # remember it; a read-only home only means validating again next time
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass


def interpret(data: dict[str, Any], path: Path | None) -> Config:
    config = Config(path=path, root=path.parent if path else Path.cwd())
    for key, value in (data.get("rules") or {}).items():
        code = catalog.resolve(key)[0]
        if not isinstance(value, dict):
            config.rules[code] = _setting(value, {}, key)
        else:
            options = {k: v for k, v in value.items() if k != "severity"}
            config.rules[code] = _setting(value.get("severity"), options, key)
    config.exclude = list(data.get("exclude") or [])
    config.per_file_ignores = dict(data.get("per-file-ignores") or {})
    for pattern, selectors in config.per_file_ignores.items():
        for selector in selectors:
            try:
                catalog.resolve(selector)
            except KeyError:
                raise ConfigError(
                    f"{path}: per-file-ignores.{pattern}: unknown rule {selector!r}"
                    f"{rule_hint(selector)}"
                ) from None
    config.columns = dict(data.get("columns") or {})
    config.years_order = (data.get("years") or {}).get("order", "infer")
    config.links = dict(data.get("links") or {})
    config.arxiv = dict(data.get("arxiv") or {})
    config.github = dict(data.get("github") or {})
    if "max-file-size" in data:
        config.max_file_size = parse_size(data["max-file-size"])
    if data.get("baseline"):
        config.baseline = config.root / data["baseline"]
    if data.get("fail-on"):
        config.fail_on = Severity.parse(data["fail-on"])
    config.exit_zero = data.get("exit-zero") is True
    config.health = dict(data.get("health") or {})
    for selector in config.health.get("link-rules") or ():
        try:
            catalog.resolve(selector)
        except KeyError:
            raise ConfigError(
                f"{path}: health.link-rules: unknown rule {selector!r}{rule_hint(selector)}"
            ) from None
    return config


def _setting(value: str | bool | None, options: dict[str, Any], key: str = "") -> RuleSetting:
    if value is None:
        return RuleSetting(None, None, options, key)
    if value == "off" or value is False:
        return RuleSetting(False, None, options, key)
    if value == "on" or value is True:
        return RuleSetting(True, None, options, key)
    return RuleSetting(True, Severity.parse(value), options, key)


def inert_options(config: Config, enabled_elsewhere: set[str]) -> list[str]:
    """One warning per rule whose options the config sets while the rule stays off (by
    default or in this config) and is not turned on from ``enabled_elsewhere`` (the
    command line's selection): such options do nothing."""
    warnings = []
    rules = catalog.load()
    for code, setting in config.rules.items():
        if not setting.options or code in enabled_elsewhere:
            continue
        info = rules[code]
        if setting.enabled is True or (setting.enabled is None and info.enabled):
            continue
        why = "is turned off here" if setting.enabled is False else "is off by default"
        warnings.append(
            f"{config.path}: rules.{setting.key or code}: the options set for {code} "
            f"({info.name}) do "
            f"nothing: the rule {why}; turn it on with `severity: on` beside them (or "
            f"--extend-select {code})"
        )
    return warnings
