"""The command line: ``awesome-lint [check] PATHS``, ``rules``, ``explain CODE``.

Exit codes follow ruff: 0 no errors (warnings allowed), 1 errors found, 2 usage,
config or input problems.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__, baseline, catalog
from .baseline import BaselineError
from .changes import FILTER_MODES, BaseUnavailable, changed_lines
from .changes import keep as keep_changed
from .config import Config, ConfigError, find_config
from .config import load as load_config
from .engine import RuleCrash, Selection, Target, line_context, lint, not_checked_notices
from .model import Diagnostic, Severity

if TYPE_CHECKING:
    from .changes import ChangedLines
    from .netfacts import NetworkStage
from .parser import parse
from .printable import visible
from .sources import InputError, read_text
from .sources import expand as expand_paths

FORMATS = ("text", "json", "github", "sarif")


class UsageProblem(click.ClickException):
    """Bad input, config or usage: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"awesome-lint: error: {visible(self.format_message())}", err=True)


class FilesRefused(UsageProblem):
    """Files --fix would not write: one line each, exit code 2."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines

    def show(self, file: Any = None) -> None:
        for line in self.lines:
            click.echo(f"awesome-lint: error: {visible(line)}", err=True)


class DefaultGroup(click.Group):
    """``awesome-lint README.md`` means ``awesome-lint check README.md``; a usage error is
    one line, ``awesome-lint: error: ...``, with exit code 2 (click prints four)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False  # click's handlers print usage and hint lines
        try:
            return super().main(*args, **kwargs)
        except click.UsageError as error:
            click.echo(f"awesome-lint: error: {visible(error.format_message())}", err=True)
            sys.exit(2)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _check_selectors(option: str, selectors: Sequence[str]) -> None:
    for selector in selectors:
        try:
            catalog.resolve(selector)
        except KeyError:
            raise UsageProblem(
                f"{option}: unknown rule '{selector}' (see `awesome-lint rules`)"
            ) from None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="awesome-lint")
def main() -> None:
    """Lint awesome lists of research papers."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Config file to use instead of the nearest .awesome-lint.yml.",
)
@click.option("--isolated", is_flag=True, help="Ignore config files.")
@click.option(
    "--select",
    multiple=True,
    help="Rules to check (codes, prefixes, names or ALL); replaces the enabled set.",
)
@click.option("--extend-select", multiple=True, help="Rules to check in addition.")
@click.option("--ignore", multiple=True, help="Rules not to check.")
@click.option(
    "--online/--offline",
    default=None,
    help="Check links, arXiv titles and repositories on the network. Default: online when "
    "run at a terminal, offline in pipes, CI and pre-commit.",
)
@click.option(
    "--check-links",
    type=click.Choice(("changed", "all")),
    default="changed",
    show_default=True,
    help="With --changed-since: check the links of changed lines only, or all links.",
)
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True
)
@click.option("--output", type=click.Path(path_type=Path), help="Write the report to FILE.")
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option("--no-cache", is_flag=True, help="Don't read or write the network cache.")
@click.option(
    "--changed-since",
    metavar="REF",
    help="Report only findings on lines added or changed since REF (a commit, a branch, or "
    "'auto': the pull request's base).",
)
@click.option(
    "--filter-mode",
    type=click.Choice(FILTER_MODES),
    default="added",
    show_default=True,
    help="With --changed-since: findings on changed lines, in changed files, or all.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path),
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path),
    help="Record the current findings in FILE and exit 0.",
)
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply the fixes of fixable findings.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff: also apply fixes that are a guess (a nearby anchor).",
)
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a diff; write nothing.")
@click.option(
    "--sarif-file",
    type=click.Path(path_type=Path),
    help="Also write the findings as SARIF to FILE.",
)
@click.option(
    "--no-summary", is_flag=True, help="Don't append a job summary to $GITHUB_STEP_SUMMARY."
)
@click.option(
    "--github-api-url",
    metavar="URL",
    help="A GitHub Enterprise API (https) to ask about repositories, with $GITHUB_TOKEN. "
    "Default: https://api.github.com. A config file can't send the token elsewhere.",
)
def check(
    paths: tuple[Path, ...],
    config_path: Path | None,
    isolated: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    online: bool | None,
    check_links: str,
    output_format: str,
    output: Path | None,
    statistics: bool,
    exit_zero: bool,
    no_cache: bool,
    changed_since: str | None,
    filter_mode: str,
    baseline_path: Path | None,
    write_baseline: Path | None,
    apply_fixes: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    sarif_file: Path | None,
    no_summary: bool,
    github_api_url: str | None,
) -> None:
    """Lint markdown lists (default: README.md)."""
    if apply_fixes and show_diff:
        raise click.UsageError("--fix and --diff can't be used together (--diff writes nothing)")
    if unsafe_fixes and not (apply_fixes or show_diff):
        raise click.UsageError("--unsafe-fixes needs --fix or --diff")
    options = CheckOptions(
        paths=paths,
        config_path=config_path,
        isolated=isolated,
        selection=Selection(
            select=_split(select) if select else None,
            extend_select=_split(extend_select),
            ignore=_split(ignore),
        ),
        online=online,
        all_links=check_links == "all",
        output_format=output_format,
        output=output,
        statistics=statistics,
        no_cache=no_cache,
        changed_since=changed_since,
        filter_mode=filter_mode,
        baseline_path=baseline_path,
        write_baseline=write_baseline,
        sarif_file=sarif_file,
        summary=not no_summary,
        fix="diff" if show_diff else "apply" if apply_fixes else None,
        unsafe_fixes=unsafe_fixes,
        github_api_url=github_api_url,
    )
    diagnostics = run_check(options)
    if show_diff:  # ruff's convention: 1 when there is something to fix
        sys.exit(1 if diagnostics else 0)
    failed = any(d.severity is Severity.ERROR for d in diagnostics)
    sys.exit(1 if failed and not exit_zero else 0)


@dataclass(frozen=True)
class CheckOptions:
    """Everything a check run needs; the GitHub Action builds one too."""

    paths: tuple[Path, ...] = ()
    config_path: Path | None = None
    isolated: bool = False
    selection: Selection = field(default_factory=Selection)
    online: bool | None = None
    all_links: bool = False
    output_format: str = "text"
    output: Path | None = None
    statistics: bool = False
    no_cache: bool = False
    changed_since: str | None = None
    filter_mode: str = "added"
    baseline_path: Path | None = None
    write_baseline: Path | None = None
    sarif_file: Path | None = None
    summary: bool = True
    fix: str | None = None  # "apply" or "diff"
    unsafe_fixes: bool = False
    github_api_url: str | None = None  # trusted with the token (never from a config file)


def run_check(options: CheckOptions) -> list[Diagnostic]:
    """Read, lint, filter and report; returns the reported diagnostics.

    Raises UsageProblem (exit code 2) for bad input, config or usage.
    """
    selection = options.selection
    _check_selectors("--select", selection.select or ())
    _check_selectors("--extend-select", selection.extend_select)
    _check_selectors("--ignore", selection.ignore)
    # Parsing allocates millions of small acyclic objects: cyclic garbage collection
    # passes over them would cost ~10% of a run and free nothing.
    gc.disable()
    stage = None
    try:
        sources = _read_sources(options)
        reasons: list[str] = []
        changed = None
        if options.changed_since is not None and sources:
            try:
                changed = changed_lines(options.changed_since, [source[0] for source in sources])
            except BaseUnavailable as error:
                reasons.append(f"changed lines unknown ({error}): every line was checked")
        stage = _start_network(options, sources, changed)
        targets = [
            Target(parse(text, path, display, config.columns), config)
            for path, display, config, text in sources
        ]
        network = None
        if stage is not None:
            network = stage.finish([t.document for t in targets], changed, options.all_links)
            stage = None
            reasons.extend(network.reasons)
        diagnostics = lint(targets, selection, network)
        if options.write_baseline is not None:
            known = {
                t.document.display_path: [
                    line_context(t.document, e.line) for e in t.document.entries
                ]
                for t in targets
            }
            count = baseline.write(options.write_baseline, diagnostics, known)
            click.echo(
                f"Recorded {count} finding{'' if count == 1 else 's'} in "
                f"{visible(str(options.write_baseline))}."
            )
            return []
        if changed is not None:
            paths = {t.document.display_path: t.document.path for t in targets}
            diagnostics = keep_changed(diagnostics, paths, changed, options.filter_mode)
        if options.baseline_path is not None:
            diagnostics = baseline.new_only(options.baseline_path, diagnostics)
        diagnostics = not_checked_notices(targets, reasons, selection) + diagnostics
    except (ConfigError, InputError, BaselineError) as error:
        raise UsageProblem(str(error)) from None
    except RuleCrash as error:
        raise UsageProblem(f"internal error: {error}; please report it") from None
    finally:
        gc.enable()
        if stage is not None:  # an error before the network stage finished
            stage.close()
    refused: list[str] = []
    if options.fix is not None:
        paths = {t.document.display_path: t.document.path for t in targets}
        diagnostics, refused = _fix(diagnostics, paths, options)
    if options.fix != "diff":
        _report(diagnostics, options)
    if refused:  # after the report: what was not fixed is still listed
        raise FilesRefused(refused)
    return diagnostics


def _fix(
    diagnostics: list[Diagnostic], paths: dict[str, Path], options: CheckOptions
) -> tuple[list[Diagnostic], list[str]]:
    """Apply (or, for --diff, print) the fixes; the diagnostics left to report, and one
    line for each file that was refused (changed since it was read, read-only, ...).

    With --diff, the fixable diagnostics are returned (nothing is written).
    """
    from . import fix

    planned = fix.plan(diagnostics, paths, options.unsafe_fixes)
    refused = list(planned.refused)
    if options.fix == "diff":
        for file_fix in planned.fixes:
            sys.stdout.write(fix.diff(file_fix, file_fix.display))
        fixable = [d for file_fix in planned.fixes for d in file_fix.fixed]
        count = len(fixable)
        click.echo(f"Would fix {count} problem{'' if count == 1 else 's'}.", err=True)
        return fixable, refused
    fixed: set[int] = set()
    for file_fix in planned.fixes:
        try:
            fix.write(file_fix)
        except fix.FixRefused as refusal:
            refused.append(str(refusal))
            continue
        except OSError as error:
            refused.append(f"{file_fix.display}: cannot write the fixes: {error.strerror or error}")
            continue
        fixed.update(id(d) for d in file_fix.fixed)
    if fixed:
        count = len(fixed)
        click.echo(f"Fixed {count} problem{'' if count == 1 else 's'}.", err=True)
    return [d for d in diagnostics if id(d) not in fixed], refused


def is_online(flag: bool | None) -> bool:
    """Online when asked, else when a person runs it at a terminal; never by default in
    pipes, CI or pre-commit (PRE_COMMIT=1)."""
    if flag is not None:
        return flag
    if os.environ.get("PRE_COMMIT") == "1":
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def _start_network(
    options: CheckOptions, sources: list[Source], changed: ChangedLines | None
) -> NetworkStage | None:
    """Start checking links while the files are parsed (online runs only)."""
    if not sources or not is_online(options.online):
        return None
    from . import netfacts  # imports aiohttp: online runs only

    progress = netfacts.for_terminal()
    try:
        stage = netfacts.NetworkStage(
            sources[0][2], not options.no_cache, progress, options.github_api_url
        )
    except ValueError as error:  # a setting the network stage refuses
        raise UsageProblem(f"network settings: {error}") from None
    texts = {path: text for path, _, _, text in sources}
    stage.start(netfacts.prescan(texts, changed, options.all_links))
    return stage


Source = tuple[Path, str, Config, str]  # path, display path, its config, text


def _read_sources(options: CheckOptions) -> list[Source]:
    explicit = load_config(options.config_path) if options.config_path is not None else None
    if options.isolated:
        explicit = Config()
    configs: dict[Path, Config] = {}

    def excluded(path: Path) -> bool:
        return (explicit or _nearest_config(path.parent, configs)).is_excluded(path)

    files = expand_paths(options.paths or (Path("README.md"),), excluded)
    sources: list[Source] = []
    for path in files:
        config = explicit or _nearest_config(path.parent, configs)
        if config.is_excluded(path):
            continue  # also when named explicitly, as pre-commit names files
        display = _display(path)
        sources.append((path, display, config, read_text(path, display, config.max_file_size)))
    return sources


def _report(diagnostics: list[Diagnostic], options: CheckOptions) -> None:
    from . import report

    if options.statistics:
        rendered = (
            report.statistics_json(diagnostics)
            if options.output_format == "json"
            else report.statistics(diagnostics)
        )
    else:
        colour = options.output is None and options.output_format == "text" and _colour_wanted()
        rendered = _render(diagnostics, options.output_format, colour)
    _emit(rendered, options.output)
    if options.sarif_file is not None:
        _emit(report.sarif(diagnostics), options.sarif_file)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path and options.summary:
        _append_summary(Path(summary_path), report.job_summary(diagnostics))


def _nearest_config(folder: Path, cache: dict[Path, Config]) -> Config:
    if folder not in cache:
        found = find_config(folder)
        cache[folder] = load_config(found) if found is not None else Config()
    return cache[folder]


def _display(path: Path) -> str:
    """The path as the user wrote it, or relative to the working directory when inside it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)
    return Path(os.path.normpath(path)).as_posix()


def _colour_wanted() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _render(diagnostics: list[Diagnostic], output_format: str, colour: bool) -> str:
    from . import report

    if output_format == "json":
        return report.json_report(diagnostics)
    if output_format == "github":
        return report.github(diagnostics)
    if output_format == "sarif":
        return report.sarif(diagnostics)
    return report.text(diagnostics, colour=colour)


def _emit(rendered: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    from .writes import write_atomically

    try:
        write_atomically(output, rendered)
    except OSError as error:
        raise UsageProblem(
            f"{output}: cannot write the report: {error.strerror or error}"
        ) from None


def _append_summary(path: Path, markdown: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(markdown)
    except OSError as error:
        raise UsageProblem(
            f"{path}: cannot write the job summary: {error.strerror or error}"
        ) from None


@main.command("export")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(("json", "csv")), default="json")
@click.option("--output", type=click.Path(path_type=Path), help="Write to FILE.")
@click.option("--config", "config_path", type=click.Path(path_type=Path))
def export_command(
    paths: tuple[Path, ...], output_format: str, output: Path | None, config_path: Path | None
) -> None:
    """Write the papers of the lists as data: one record per entry."""
    from . import export

    try:
        sources = _read_sources(CheckOptions(paths=paths, config_path=config_path))
    except (ConfigError, InputError) as error:
        raise UsageProblem(str(error)) from None
    documents = [parse(text, path, display, c.columns) for path, display, c, text in sources]
    _emit(
        export.as_json(documents) if output_format == "json" else export.as_csv(documents), output
    )


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
def rules_command(output_format: str) -> None:
    """List every rule with its code, name and default severity."""
    rules = catalog.load()
    if output_format == "json":
        import json

        data = [
            {
                "code": info.code,
                "name": info.name,
                "default": info.default_label,
                "fixable": info.fixable,
                "summary": info.summary,
                "url": info.url,
            }
            for info in rules.values()
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max(len(info.name) for info in rules.values())
    for info in rules.values():
        fix = "[*]" if info.fixable else "   "
        click.echo(
            f"{info.code}  {info.name:<{width}}  {info.default_label:<7}  {fix}  {info.summary}"
        )


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain one rule (by code or name)."""
    try:
        codes = catalog.resolve(rule)
    except KeyError:
        raise UsageProblem(f"unknown rule '{rule}' (see `awesome-lint rules`)") from None
    if len(codes) != 1:
        raise UsageProblem(f"'{rule}' matches several rules: {', '.join(codes)}")
    info = catalog.load()[codes[0]]
    lines = [
        f"{info.code} {info.name}",
        "",
        info.summary,
        "",
        info.rationale,
        "",
        f"Default: {info.default_label}"
        + ("" if info.enabled else f" (when on: {info.severity.label})"),
        f"Fixable: {'yes' if info.fixable else 'no'}",
    ]
    properties = info.options.get("properties", {})
    if properties:
        import json

        lines += ["", "Options:"]
        for key, spec in properties.items():
            default = json.dumps(spec.get("default"))
            lines.append(f"  {key} (default {default}): {spec.get('description', '')}")
    for kind, title in (("trigger", "Reported"), ("quiet", "Not reported")):
        examples = info.examples.get(kind) or []
        if examples:
            lines += ["", f"{title}:"]
            for example in examples[:2]:
                lines.append("")
                lines.extend("    " + line for line in example["markdown"].rstrip().splitlines())
    lines += ["", f"More: {info.url}"]
    click.echo("\n".join(lines))


def run() -> None:
    """The console script: ``main`` with a last guard, so that even a bug in awesome-lint
    ends in one line and exit code 2 rather than a traceback."""
    try:
        main(prog_name="awesome-lint")
    except Exception as error:
        if os.environ.get("AWESOME_LINT_DEBUG"):
            raise
        click.echo(
            f"awesome-lint: internal error: {type(error).__name__}: {visible(str(error))} "
            f"(please report it; AWESOME_LINT_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(2)
