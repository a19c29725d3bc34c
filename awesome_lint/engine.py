"""Document -> rules -> Diagnostics -> filters: the lint pipeline after the parse.

The filters, in their one fixed order (all of them here):

1. enabled rules and severities: the catalog's defaults, then the config's ``rules:``,
   then the command line's selection (ruff's semantics); a rule that is off is not run,
   and a severity set in the config applies to every finding of its rule;
2. per-file-ignores: a rule the config ignores for a file is not run on it;
3. inline suppressions: the file's comments drop the findings they cover (a rule that
   reads what they did, AL902, runs after this step);
4. changed lines: with ``--changed-since``, only the findings on changed lines (or in
   changed files, by the filter mode);
5. baseline: only the findings the baseline does not record.

Findings of a rule declared ``LINE_FILTERS = False`` (AL901: about the run, not a line)
skip steps 3 to 5 and come first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import catalog, files, suppress
from .config import Config
from .model import Diagnostic, Document, Finding
from .record import Record
from .rules import RULES, Rule
from .rules.context import RuleContext

if TYPE_CHECKING:
    from .changes import ChangedLines
    from .network_stage import NetworkFacts

T = TypeVar("T")


class RuleCrash(Exception):
    """A rule raised: a bug in awesome-lint, reported without a traceback."""


@dataclass(frozen=True, slots=True)
class Selection:
    """Rule selection from the command line, applied over the config (ruff's semantics)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(eq=False, repr=False, slots=True)
class Target(Record):
    """A parsed document and the config that applies to it."""

    document: Document
    config: Config = field(default_factory=Config)


@dataclass(frozen=True, slots=True)
class LineFilters:
    """Steps 4 and 5: the changed lines (None: every line counts) and the baseline file."""

    changed: ChangedLines | None = None
    mode: str = "added"  # reviewdog's filter modes: added, file, nofilter
    baseline: Path | None = None


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


def needs_of(codes: Iterable[str]) -> frozenset[str]:
    """What the rules of ``codes`` read besides the documents (their ``NEEDS``)."""
    return frozenset(fact for code in codes if code in RULES for fact in RULES[code].needs)


def _context(
    code: str,
    config: Config,
    facts: files.FileFacts,
    network: NetworkFacts | None,
    reasons: Sequence[str],
    suppressions: suppress.Outcome | None = None,
) -> RuleContext:
    info = catalog.load()[code]
    options = info.defaults
    setting = config.rules.get(code)
    if setting is not None:
        options.update(setting.options)
    return RuleContext(
        options=options,
        files=facts,
        years_order=config.years_order,
        network=network,
        reasons=reasons,
        suppressions=suppressions,
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
    reasons: Sequence[str] = (),
    lines: LineFilters = LineFilters(),
) -> list[Diagnostic]:
    """Run every enabled rule over the documents and apply the filters in their order.

    ``network`` holds what the network stage found (None offline: network rules only do
    their offline part, if any); ``reasons`` says what could not be checked (AL901).
    """
    # steps 1 and 2: the rules to run on each document
    enabled = {
        id(t.document): enabled_codes(t.config, selection) - t.config.ignored_codes(t.document.path)
        for t in targets
    }
    needs = needs_of(code for codes in enabled.values() for code in codes)
    facts = files.collect((t.document for t in targets), "image_folders" in needs)
    run = _Run(targets, enabled, facts, network, reasons)
    run.rules(lambda rule: "suppressions" not in rule.needs)
    # step 3, then the rules that read what the suppression comments did
    outcomes: dict[int, suppress.Outcome] = {}
    kept: list[Diagnostic] = []
    for target in targets:
        document = target.document
        outcome = suppress.apply(run.found[id(document)], document.suppressions, catalog.resolve)
        outcomes[id(document)] = outcome
        kept.extend(outcome.kept)
    run.found = {id(t.document): [] for t in targets}
    run.rules(lambda rule: "suppressions" in rule.needs, outcomes)
    kept.extend(d for found in run.found.values() for d in found)
    # steps 4 and 5
    if lines.changed is not None:
        from .changes import keep

        paths = {t.document.display_path: t.document.path for t in targets}
        kept = keep(kept, paths, lines.changed, lines.mode)
    if lines.baseline is not None:
        from .baseline import new_only

        kept = new_only(lines.baseline, kept)
    kept.sort(key=Diagnostic.sort_key)
    return run.about_the_run + kept


def title_searches(
    targets: Sequence[Target],
    selection: Selection,
    network: NetworkFacts,
    changed: ChangedLines | None = None,
) -> list[str]:
    """The titles to search arXiv for: the entries the enabled rules that read
    ``arxiv_search`` would suggest an ID for (their ``title_searches(document, context)``),
    on changed lines only in changed-lines mode; each title once."""
    from .arxiv_suggest import search_title

    wanted: dict[str, None] = {}
    for target in targets:
        document = target.document
        codes = enabled_codes(target.config, selection) - target.config.ignored_codes(document.path)
        for code in sorted(codes):
            rule = RULES.get(code)
            if rule is None or "arxiv_search" not in rule.needs:
                continue
            context = _context(code, target.config, files.FileFacts(), network, ())
            for entry in _run(
                code, document.display_path, rule.module.title_searches(document, context)
            ):
                if changed is not None and not changed.changed(document.path, entry.line):
                    continue
                title = search_title(entry)
                if title is not None:
                    wanted.setdefault(title)
    return list(wanted)


def line_bound(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings the line filters apply to (a baseline records only these)."""
    return [d for d in diagnostics if d.code not in RULES or RULES[d.code].line_filters]


class _Run:
    """The rules' findings of one lint, by document (those about the run aside)."""

    def __init__(
        self,
        targets: Sequence[Target],
        enabled: dict[int, set[str]],
        facts: files.FileFacts,
        network: NetworkFacts | None,
        reasons: Sequence[str],
    ) -> None:
        self.targets, self.enabled = targets, enabled
        self.facts, self.network, self.reasons = facts, network, reasons
        self.found: dict[int, list[Diagnostic]] = {id(t.document): [] for t in targets}
        self.about_the_run: list[Diagnostic] = []

    def _add(self, rule: Rule, target: Target, finding: Finding) -> None:
        diagnostic = _diagnostic(target.document, rule.code, target.config, finding)
        if rule.line_filters:
            self.found[id(target.document)].append(diagnostic)
        else:
            self.about_the_run.append(diagnostic)

    def rules(
        self, chosen: Callable[[Rule], bool], outcomes: dict[int, suppress.Outcome] | None = None
    ) -> None:
        """Run the enabled rules that ``chosen`` picks."""
        for target in self.targets:
            document = target.document
            for code in sorted(self.enabled[id(document)]):
                rule = RULES.get(code)
                if rule is None or rule.scope != "document" or not chosen(rule):
                    continue
                outcome = outcomes.get(id(document)) if outcomes is not None else None
                context = _context(
                    code, target.config, self.facts, self.network, self.reasons, outcome
                )
                for finding in _run(
                    code, document.display_path, rule.module.check(document, context)
                ):
                    self._add(rule, target, finding)
        for code, rule in RULES.items():
            if rule.scope != "documents" or not chosen(rule):
                continue
            picked = [t for t in self.targets if code in self.enabled[id(t.document)]]
            if not picked:
                continue
            target_of = {id(t.document): t for t in picked}
            context = _context(code, picked[0].config, self.facts, self.network, self.reasons)
            documents = [t.document for t in picked]
            for document, finding in _run(
                code, "the linted files", rule.module.check_all(documents, context)
            ):
                self._add(rule, target_of[id(document)], finding)
