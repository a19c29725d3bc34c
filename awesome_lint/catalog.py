"""The rule catalog: one YAML file per rule in ``rules/`` (shipped in the wheel as _catalog)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .model import Severity
from .util import load_yaml

DOCS_URL = "https://github.com/awesome-lint/awesome-lint/blob/main/docs/rules/{code}.md"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule of the catalog in rules/: what it checks, and its defaults."""

    code: str
    name: str
    summary: str
    rationale: str
    severity: Severity  # the default, and the severity when turned on if off by default
    enabled: bool  # on by default
    options: Mapping[str, Any]  # JSON Schema of the options
    path: Path | None = None  # the catalog file, for the examples
    fixable: bool = False
    network: bool = False  # its checks need --online (what it reads: the module's NEEDS)

    @property
    def defaults(self) -> dict[str, Any]:
        properties = self.options.get("properties", {})
        return {key: spec["default"] for key, spec in properties.items() if "default" in spec}

    @property
    def examples(self) -> Mapping[str, Any]:
        """Examples that must / must not trigger the rule (read only when asked for)."""
        if self.path is None:
            return {}
        return _read(self.path).get("examples") or {}

    @property
    def fix_mark(self) -> str:
        """What `--fix` does for this rule, in the marks `--statistics` uses: ``[*]`` a safe
        fix that works offline (plain --fix), ``[-]`` fixes that are unsafe or need
        --online only, ``[ ]`` no fix. Read from the catalog's examples with ``fixed:``."""
        if not self.fixable:
            return "[ ]"
        for example in self.examples.get("trigger") or ():
            fixed = example.get("fixed")
            changed = fixed is not None and fixed != example.get("markdown")
            if changed and not example.get("unsafe") and not example.get("network"):
                return "[*]"
        return "[-]"

    @property
    def url(self) -> str:
        return DOCS_URL.format(code=self.code, name=self.name)

    @property
    def default_label(self) -> str:
        return self.severity.label if self.enabled else "off"


class CatalogError(Exception):
    pass


def catalog_dir() -> Path:
    """The catalog inside an installed wheel, else ``rules/`` of a source checkout."""
    package = Path(__file__).resolve().parent
    shipped = package / "_catalog"
    if shipped.is_dir():
        return shipped
    return package.parent / "rules"


INDEX_NAME = "index.json"


def _read(path: Path) -> dict[str, Any]:
    return load_yaml(path.read_text(encoding="utf-8"))


def _head(text: str) -> str:
    """A catalog file without its examples (they come last, and linting doesn't need them)."""
    return text.split("\nexamples:", 1)[0]


def build_index(folder: Path | None = None) -> dict[str, Any]:
    """The parsed heads of every catalog file, keyed by file name, with their source.

    Importing and running a YAML parser costs more than the rest of a small lint run, so
    ``load`` reads this JSON index and parses only the files whose head changed.
    """
    folder = folder or catalog_dir()
    index = {}
    for path in sorted(folder.glob("AL*.yml")):
        head = _head(path.read_text(encoding="utf-8"))
        data = load_yaml(head)
        index[path.name] = {"source": head, "head": data}
    return index


def _info(path: Path, data: dict[str, Any]) -> RuleInfo:
    try:
        # YAML 1.1 reads a bare `off` as false
        severity = "off" if data["severity"] is False else str(data["severity"])
        return RuleInfo(
            code=data["code"],
            name=data["name"],
            summary=data["summary"].strip(),
            rationale=data.get("rationale", "").strip(),
            severity=Severity.parse(data.get("severity_when_on", severity)),
            enabled=severity != "off",
            options=data.get("options") or {"type": "object", "properties": {}},
            path=path,
            fixable=bool(data.get("fixable", False)),
            network=bool(data.get("network", False)),
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise CatalogError(f"{path}: bad catalog entry ({error})") from error


@cache
def load() -> dict[str, RuleInfo]:
    """Every rule of the catalog by code, in code order."""
    import json

    folder = catalog_dir()
    try:
        index = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = {}
    rules: dict[str, RuleInfo] = {}
    for path in sorted(folder.glob("AL*.yml")):
        head = _head(path.read_text(encoding="utf-8"))
        known = index.get(path.name)
        if known is not None and known.get("source") == head:
            data = known["head"]
        else:  # edited since the index was written: parse it
            data = load_yaml(head)
        info = _info(path, data)
        rules[info.code] = info
    if not rules:
        raise CatalogError(f"no rule catalog found in {folder}")
    return rules


def write_index() -> Path:
    import json

    path = catalog_dir() / INDEX_NAME
    path.write_text(json.dumps(build_index(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


@cache
def by_name() -> dict[str, str]:
    """Rule name -> code."""
    return {info.name: code for code, info in load().items()}


def resolve(selector: str) -> list[str]:
    """Codes matched by a code, a code prefix (``AL0``), a rule name, or ``ALL``.

    Raises KeyError for a selector that matches nothing.
    """
    rules = load()
    token = selector.strip()
    if token.upper() == "ALL":
        return list(rules)
    if token in by_name():
        return [by_name()[token]]
    upper = token.upper()
    if upper in rules:
        return [upper]
    matched = [code for code in rules if code.startswith(upper)] if upper.startswith("AL") else []
    if not matched:
        raise KeyError(selector)
    return matched


if __name__ == "__main__":
    # python -m awesome_lint.catalog: rewrite rules/index.json after editing the catalog
    print(write_index())
