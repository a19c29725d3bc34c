"""The rule catalog: one YAML file per rule in ``rules/`` (shipped in the wheel as _catalog)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .model import Severity

DOCS_URL = "https://github.com/awesome-lint/awesome-lint/blob/main/rules/{code}-{name}.yml"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str
    name: str
    summary: str
    rationale: str
    severity: Severity  # the default, and the severity when turned on if off by default
    enabled: bool  # on by default
    options: Mapping[str, Any]  # JSON Schema of the options
    examples: Mapping[str, Any] = field(default_factory=dict)
    fixable: bool = False
    network: bool = False
    scope: str = "document"  # "documents" for cross-file rules

    @property
    def defaults(self) -> dict[str, Any]:
        properties = self.options.get("properties", {})
        return {key: spec["default"] for key, spec in properties.items() if "default" in spec}

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


@cache
def load() -> dict[str, RuleInfo]:
    """Every rule of the catalog by code, in code order."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    folder = catalog_dir()
    rules: dict[str, RuleInfo] = {}
    for path in sorted(folder.glob("AL*.yml")):
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=loader)
        try:
            # YAML 1.1 reads a bare `off` as false
            severity = "off" if data["severity"] is False else str(data["severity"])
            info = RuleInfo(
                code=data["code"],
                name=data["name"],
                summary=data["summary"].strip(),
                rationale=data.get("rationale", "").strip(),
                severity=Severity.parse(data.get("severity_when_on", severity)),
                enabled=severity != "off",
                options=data.get("options") or {"type": "object", "properties": {}},
                examples=data.get("examples") or {},
                fixable=bool(data.get("fixable", False)),
                network=bool(data.get("network", False)),
                scope=data.get("scope", "document"),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise CatalogError(f"{path}: bad catalog entry ({error})") from error
        rules[info.code] = info
    if not rules:
        raise CatalogError(f"no rule catalog found in {folder}")
    return rules


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
