"""Document -> rules -> Diagnostics -> filter: the offline lint pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from . import catalog, files, suppress
from .config import Config
from .model import Diagnostic, Document, Finding

if TYPE_CHECKING:
    from .network_stage import NetworkFacts
from .rules import MODULES, not_checked, unused_image, unused_suppression
from .rules.context import RuleContext

SUPPRESSION_CODE = unused_suppression.CODE
T = TypeVar("T")


class RuleCrash(Exception):
    """A rule raised: a bug in awesome-lint, reported without a traceback."""


@dataclass(frozen=True, slots=True)
class Selection:
    """Rule selection from the command line, applied over the config (ruff's semantics)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(slots=True)
class Target:
    document: Document
    config: Config = field(default_factory=Config)


def enabled_codes(config: Config, selection: Selection) -> set[str]:
    rules = catalog.load()
    codes = {code for code, info in rules.items() if info.enabled}
    for code, setting in config.rules.items():
        if setting.enabled is True:
            codes.add(code)
        elif setting.enabled is False:
            codes.discard(code)
    if selection.select is not None:
        codes = {code for item in selection.select for code in catalog.resolve(item)}
    codes.update(code for item in selection.extend_select for code in catalog.resolve(item))
    codes.difference_update(code for item in selection.ignore for code in catalog.resolve(item))
    return codes


def _context(
    code: str, config: Config, facts: files.FileFacts, network: NetworkFacts | None
) -> RuleContext:
    info = catalog.load()[code]
    options = info.defaults
    setting = config.rules.get(code)
    if setting is not None:
        options.update(setting.options)
    return RuleContext(
        options=options, files=facts, years_order=config.years_order, network=network
    )


def line_context(document: Document, line: int) -> str:
    """A short digest of a source line's text, to recognise a finding after lines move."""
    import zlib

    text = " ".join(document.lines[line - 1].split()) if 0 < line <= len(document.lines) else ""
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def _diagnostic(document: Document, code: str, config: Config, finding: Finding) -> Diagnostic:
    info = catalog.load()[code]
    setting = config.rules.get(code)
    if setting is not None and setting.severity is not None:
        severity = setting.severity  # a configured severity applies to every finding
    else:
        severity = finding.severity or info.severity
    return Diagnostic(
        path=document.display_path,
        span=finding.span,
        code=code,
        name=info.name,
        severity=severity,
        message=finding.message,
        related=finding.related,
        fix=finding.fix,
        key=finding.key,
        context=line_context(document, finding.span.line),
        mirror=_diagnostic(document, code, config, finding.mirror) if finding.mirror else None,
    )


def _run(code: str, where: str, findings: Iterable[T]) -> list[T]:
    """A rule's findings; a bug in the rule becomes a RuleCrash, not a traceback."""
    try:
        return list(findings)
    except Exception as error:
        raise RuleCrash(
            f"rule {code} crashed on {where}: {type(error).__name__}: {error}"
        ) from error


def lint(
    targets: Sequence[Target],
    selection: Selection = Selection(),
    network: NetworkFacts | None = None,
) -> list[Diagnostic]:
    """Run every enabled rule over the documents and filter the findings.

    ``network`` holds what the network stage found (None offline: network rules only do
    their offline part, if any).
    """
    rules = catalog.load()
    enabled = {
        id(t.document): enabled_codes(t.config, selection) - t.config.ignored_codes(t.document.path)
        for t in targets
    }
    listings = any(unused_image.CODE in codes for codes in enabled.values())
    facts = files.collect((target.document for target in targets), listings)
    found: dict[int, list[Diagnostic]] = {id(t.document): [] for t in targets}
    for target in targets:
        document, config = target.document, target.config
        codes = enabled[id(document)]
        for code in sorted(codes):
            module = MODULES.get(code)
            if module is None or rules[code].scope != "document":
                continue
            context = _context(code, config, facts, network)
            for finding in _run(code, document.display_path, module.check(document, context)):
                found[id(document)].append(_diagnostic(document, code, config, finding))
    for code, module in MODULES.items():
        if rules[code].scope != "documents":
            continue
        chosen = [t for t in targets if code in enabled[id(t.document)]]
        if not chosen:
            continue
        config_of = {id(t.document): t.config for t in chosen}
        context = _context(code, chosen[0].config, facts, network)
        documents = [t.document for t in chosen]
        results = _run(code, "the linted files", module.check_all(documents, context))
        for document, finding in results:
            config = config_of[id(document)]
            found[id(document)].append(_diagnostic(document, code, config, finding))
    diagnostics: list[Diagnostic] = []
    for target in targets:
        document = target.document
        outcome = suppress.apply(found[id(document)], document.suppressions, catalog.resolve)
        diagnostics.extend(outcome.kept)
        if SUPPRESSION_CODE in enabled[id(document)]:
            extra = unused_suppression.check(outcome.unused, outcome.unknown)
            diagnostics.extend(
                _diagnostic(document, SUPPRESSION_CODE, target.config, finding) for finding in extra
            )
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def not_checked_notices(
    targets: Sequence[Target], reasons: Sequence[str], selection: Selection = Selection()
) -> list[Diagnostic]:
    """One AL901 notice per reason, on the first linted file (when AL901 is enabled)."""
    if not targets or not reasons:
        return []
    target = targets[0]
    if not_checked.CODE not in enabled_codes(target.config, selection):
        return []
    return [
        _diagnostic(target.document, not_checked.CODE, target.config, finding)
        for finding in not_checked.check(reasons)
    ]
