"""The lint library's one entry point: ``run(CheckOptions) -> RunResult``.

A run reads the files with their configs, asks git for the changed lines, checks the web
(the network stage, alongside the parse), lints and filters (``engine.lint``, filters in
their documented order), and records a baseline or writes the fixes when asked. It never
prints, never exits and never writes a report: the front ends do (``cli.py``,
``action.py``, ``health.py``, with ``output.py`` for the reports). Bad input, config or
usage raises ``UsageError`` with one line naming the file, line or key.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import baseline, catalog
from .baseline import BaselineError
from .changes import BadRevision, BaseUnavailable, changed_lines, check_revision
from .config import Config, ConfigError, find_config, inert_options
from .config import load as load_config
from .engine import (
    LineFilters,
    RuleCrash,
    Selection,
    Target,
    enabled_codes,
    line_bound,
    line_context,
    lint,
    needs_of,
    title_searches,
)
from .model import Coverage, Diagnostic, Document, Severity
from .parser import parse
from .record import Record
from .rules import NETWORK_FACTS
from .sources import InputError, decode, default_readme, read_text
from .sources import expand as expand_paths
from .suggest import rule_hint
from .util import plural

if TYPE_CHECKING:
    from .changes import ChangedLines
    from .fix import FileFix
    from .network_stage import NetworkFacts, NetworkStage

# checked / total / failing links so far, for a progress display
Progress = Callable[[int, int, int], None]
FIX_MODES = ("apply", "plan")


class UsageError(Exception):
    """Bad input, config or usage: one line naming the file, line or config key.

    ``warnings`` are what the run had to say before it stopped."""

    def __init__(self, message: str, warnings: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.warnings = list(warnings)


@dataclass(frozen=True)
class CheckOptions:
    """What to lint and how: everything a run needs, and nothing about reports."""

    paths: tuple[Path, ...] = ()  # files and folders; none: the README here
    config_path: Path | None = None  # instead of the nearest .awesome-lint.yml
    isolated: bool = False  # no config file at all
    selection: Selection = field(default_factory=Selection)
    online: bool = False  # check links, arXiv titles and repositories on the network
    all_links: bool = False  # with changed_since: check the links of unchanged lines too
    no_cache: bool = False  # neither read nor write the network cache
    changed_since: str | None = None  # a git revision: report changed lines only
    filter_mode: str = "added"  # with changed_since: added, file or nofilter
    baseline_path: Path | None = None  # report only findings this baseline does not record
    fail_on: Severity | None = None  # the lowest severity that fails; None: the config's
    write_baseline: Path | None = None  # record the findings here instead
    fix: str | None = None  # "apply": write the fixes to the files; "plan": only plan them
    unsafe_fixes: bool = False  # fixes that are a guess too
    github_api_url: str | None = None  # trusted with the token (never from a config file)
    # the path "-": these bytes (standard input, read by the front end), linted as the file
    # stdin_filename names (its config, its folder's images), or as "-"
    stdin: bytes | None = None
    stdin_filename: Path | None = None


@dataclass(eq=False, repr=False, slots=True)
class FixOutcome(Record):
    """What ``--fix`` changed, would change, or refused to change."""

    planned: list[FileFix]  # per file: the new text and the diagnostics it fixes
    applied: list[Diagnostic]  # fixed in the files (fix="apply")
    refused: list[str]  # one line per file not fixed (changed since read, read-only, ...)
    unsafe_left: int = 0  # findings whose fix is unsafe, left out without --unsafe-fixes

    def sentence(self, verb: str, count: int) -> str:
        """``Fixed 3 problems.`` / ``Would fix 3 problems (2 unsafe fixes not applied: use
        --unsafe-fixes).``: what was (or would be) fixed, and what was left out."""
        line = f"{verb} {plural(count, 'problem')}"
        left = self.unsafe_left
        if left:
            fixes = plural(left, "unsafe fix", "unsafe fixes")
            line += f" ({fixes} not applied: use --unsafe-fixes)"
        return line + "."


@dataclass(frozen=True, slots=True)
class NetworkStats:
    """What the network stage checked, for the run's summary."""

    links: int  # URLs with a verdict
    arxiv_ids: int  # arXiv IDs with an answer
    repos: int  # repositories with a status
    reasons: tuple[str, ...]  # what could not be checked (AL901)
    links_wanted: int = 0  # URLs the run meant to check
    links_verified: int = 0  # of those, found working or dead (not "could not verify")


@dataclass(eq=False, repr=False, slots=True)
class RunResult(Record):
    """Everything one run found, for the reports."""

    diagnostics: list[Diagnostic]  # to report: filtered; after fix="apply", those left
    coverage: Coverage  # files and entries read
    documents: list[Document]  # the parsed files (the gallery report shows them)
    fixes: FixOutcome | None = None  # when fixes were asked for
    network: NetworkStats | None = None  # None: offline, or no enabled rule asked
    baseline_written: int | None = None  # findings recorded with write_baseline
    warnings: list[str] = field(default_factory=list)  # one line each, for the user
    fail_on: Severity = Severity.ERROR  # the options', else the config's, else error
    exit_zero: bool = False  # the config's exit-zero
    config: Config | None = None  # the run's config (run_config): its run-wide keys

    @property
    def failed(self) -> bool:
        """Whether a finding reaches the fail-on level (front ends exit 1 then)."""
        return not self.exit_zero and any(d.severity >= self.fail_on for d in self.diagnostics)


Source = tuple[Path, str, Config, str]  # path, display path, its config, text


def run(options: CheckOptions, progress: Progress | None = None) -> RunResult:
    """Lint what ``options`` name; ``progress`` is told how the link checks go."""
    warnings: list[str] = []
    try:
        return _run(options, progress, warnings)
    except (ConfigError, InputError, BaselineError) as error:
        raise UsageError(str(error), warnings) from None
    except RuleCrash as error:
        raise UsageError(f"internal error: {error}; please report it", warnings) from None
    except UsageError as error:
        raise UsageError(str(error), [*warnings, *error.warnings]) from None


def _run(options: CheckOptions, progress: Progress | None, warnings: list[str]) -> RunResult:
    _check(options)
    # Parsing allocates millions of small acyclic objects: cyclic garbage collection
    # passes over them would cost ~10% of a run and free nothing. A caller that turned
    # the collector off (the console script) keeps it off.
    collecting = gc.isenabled()
    gc.disable()
    stage: NetworkStage | None = None
    try:
        sources, excluded = read_sources(options)
        warnings.extend(_inert_options(sources, options.selection))
        reasons: list[str] = []
        changed = None
        if options.changed_since is not None and sources:
            try:
                changed = changed_lines(options.changed_since, [source[0] for source in sources])
            except BaseUnavailable as error:
                reasons.append(f"changed lines unknown: {error}; every line was checked")
            except BadRevision as error:
                raise UsageError(str(error)) from None
        stage = _start_network(options, sources, changed, progress, warnings)
        targets = [
            Target(parse(text, path, display, config.columns), config)
            for path, display, config, text in sources
        ]
        facts = None
        if stage is not None:
            facts = stage.finish(
                [t.document for t in targets],
                changed,
                options.all_links,
                lambda found: title_searches(targets, options.selection, found, changed),
            )
            stage = None
            reasons.extend(facts.reasons)
        documents = [t.document for t in targets]
        coverage = Coverage(
            tuple((document.display_path, len(document.entries)) for document in documents),
            excluded,
        )
        network = _stats(facts)
        if options.write_baseline is not None:
            found = line_bound(lint(targets, options.selection, facts, reasons))
            known = {
                d.display_path: [line_context(d, entry.line) for entry in d.entries]
                for d in documents
            }
            count = baseline.write(options.write_baseline, found, known)
            return RunResult([], coverage, documents, None, network, count, warnings)
        settings = run_config(options, sources)
        lines = LineFilters(
            changed, options.filter_mode, options.baseline_path or settings.baseline
        )
        diagnostics = lint(targets, options.selection, facts, reasons, lines)
    finally:
        if collecting:
            gc.enable()
        if stage is not None:  # an error before the network stage finished
            stage.close()
    result = RunResult(diagnostics, coverage, documents, None, network, None, warnings)
    result.fail_on = options.fail_on or settings.fail_on or Severity.ERROR
    result.exit_zero = settings.exit_zero
    result.config = settings
    if options.fix is not None:
        paths = {document.display_path: document.path for document in documents}
        result.fixes = _fix(diagnostics, paths, options)
        fixed = {id(d) for d in result.fixes.applied}
        result.diagnostics = [d for d in diagnostics if id(d) not in fixed]
    return result


def _check(options: CheckOptions) -> None:
    selection = options.selection
    for option, selectors in (
        ("--select", selection.select or ()),
        ("--extend-select", selection.extend_select),
        ("--ignore", selection.ignore),
    ):
        for selector in selectors:
            try:
                catalog.resolve(selector)
            except KeyError:
                raise UsageError(
                    f"{option}: unknown rule '{selector}'{rule_hint(selector)}"
                ) from None
    if options.fix is not None and options.fix not in FIX_MODES:
        raise UsageError(f"fix: {options.fix!r} is not one of {', '.join(FIX_MODES)}")
    if options.changed_since is not None:
        try:
            check_revision(options.changed_since)
        except BadRevision as error:
            raise UsageError(str(error)) from None


def _fix(
    diagnostics: list[Diagnostic], paths: dict[str, Path], options: CheckOptions
) -> FixOutcome:
    """Plan the fixes and, for fix="apply", write them; a file that can't be written is
    refused with one line saying why."""
    from . import fix

    planned = fix.plan(diagnostics, paths, options.unsafe_fixes)
    outcome = FixOutcome(planned.fixes, [], list(planned.refused), planned.unsafe_left)
    if options.fix != "apply":
        return outcome
    for file_fix in planned.fixes:
        try:
            fix.write(file_fix)
        except fix.FixRefused as refusal:
            outcome.refused.append(str(refusal))
            continue
        except OSError as error:
            outcome.refused.append(
                f"{file_fix.display}: cannot write the fixes: {error.strerror or error}"
            )
            continue
        outcome.applied.extend(file_fix.fixed)
    return outcome


def _stats(facts: NetworkFacts | None) -> NetworkStats | None:
    if facts is None:
        return None
    verified = sum(1 for verdict in facts.links.values() if verdict.state in ("ok", "dead"))
    return NetworkStats(
        len(facts.links),
        len(facts.arxiv),
        len(facts.repos),
        tuple(facts.reasons),
        facts.links_wanted,
        verified,
    )


def _start_network(
    options: CheckOptions,
    sources: list[Source],
    changed: ChangedLines | None,
    progress: Progress | None,
    warnings: list[str],
) -> NetworkStage | None:
    """Start checking links while the files are parsed: online runs only, and only for
    what the enabled rules read (their NEEDS)."""
    if not sources or not options.online:
        return None
    configs = {id(config): config for _, _, config, _ in sources}.values()
    codes = {code for config in configs for code in enabled_codes(config, options.selection)}
    wanted = needs_of(codes) & NETWORK_FACTS
    if not wanted:
        return None
    from . import network_stage  # imports aiohttp: online runs only

    try:
        stage = network_stage.NetworkStage(
            sources[0][2],
            not options.no_cache,
            progress,
            options.github_api_url,
            wanted=wanted,
            warn=warnings.append,
        )
    except ValueError as error:  # a setting the network stage refuses
        raise UsageError(f"network settings: {error}") from None
    texts = {path: text for path, _, _, text in sources}
    stage.start(network_stage.prescan(texts, changed, options.all_links))
    return stage


def run_config(options: CheckOptions, sources: list[Source]) -> Config:
    """The config whose run-wide keys (baseline, fail-on, exit-zero) apply: --config, else
    the first linted file's (as for the network settings)."""
    if options.isolated:
        return Config()
    if options.config_path is not None:
        return sources[0][2] if sources else load_config(options.config_path)
    return sources[0][2] if sources else Config()


def read_sources(options: CheckOptions) -> tuple[list[Source], int]:
    """The files to lint with their configs and texts, and how many were excluded.

    Raises ConfigError or InputError."""
    explicit = load_config(options.config_path) if options.config_path is not None else None
    if options.isolated:
        explicit = Config()
    configs: dict[Path, Config] = {}

    def is_excluded(path: Path) -> bool:
        return (explicit or _nearest_config(path.parent, configs)).is_excluded(path)

    if STDIN in options.paths:
        return _read_stdin(options, explicit, configs)
    files = expand_paths(options.paths or (default_readme(Path(".")),), is_excluded)
    sources: list[Source] = []
    excluded = 0
    for path in files:
        config = explicit or _nearest_config(path.parent, configs)
        if config.is_excluded(path):
            excluded += 1
            continue  # also when named explicitly, as pre-commit names files
        display = display_path(path)
        text = read_text(path, display, config.max_file_size, remember=options.fix is not None)
        sources.append((path, display, config, text))
    return sources, excluded


STDIN = Path("-")


def _read_stdin(
    options: CheckOptions, explicit: Config | None, configs: dict[Path, Config]
) -> tuple[list[Source], int]:
    """The one source of ``-``: standard input, as the file ``stdin_filename`` names."""
    if len(options.paths) > 1:
        raise UsageError("'-' (standard input) can't be linted with other paths")
    if options.fix is not None:
        raise UsageError("--fix and --diff need files; standard input ('-') has none to write")
    path = options.stdin_filename or STDIN
    display = display_path(path) if options.stdin_filename is not None else "-"
    config = explicit or _nearest_config(path.absolute().parent, configs)
    if options.stdin_filename is not None and config.is_excluded(path):
        return [], 1
    data = options.stdin or b""
    if len(data) > config.max_file_size:
        raise InputError(f"{display}: larger than the max-file-size setting; not read")
    return [(path, display, config, decode(data, display))], 0


def _inert_options(sources: list[Source], selection: Selection) -> list[str]:
    """Options set for a rule that is off do nothing: say so once per config file."""
    turned_on = {
        code
        for item in (*(selection.select or ()), *selection.extend_select)
        for code in catalog.resolve(item)
    }
    configs = {id(config): config for _, _, config, _ in sources if config.path is not None}
    return [warning for config in configs.values() for warning in inert_options(config, turned_on)]


def _nearest_config(folder: Path, cache: dict[Path, Config]) -> Config:
    if folder not in cache:
        found = find_config(folder)
        cache[folder] = load_config(found) if found is not None else Config()
    return cache[folder]


def display_path(path: Path) -> str:
    """The path as the user wrote it, or relative to the working directory when inside it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)
    return Path(os.path.normpath(path)).as_posix()
