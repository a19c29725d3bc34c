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
from .changes import FILTER_MODES, BadRevision, BaseUnavailable, changed_lines, check_revision
from .changes import keep as keep_changed
from .config import Config, ConfigError, find_config
from .config import load as load_config
from .engine import RuleCrash, Selection, Target, line_context, lint, not_checked_notices
from .model import Coverage, Diagnostic, Document, Severity

if TYPE_CHECKING:
    from .changes import ChangedLines
    from .network_stage import NetworkStage
from .parser import parse
from .printable import visible
from .sources import InputError, default_readme, read_text
from .sources import expand as expand_paths
from .suggest import closest, rule_hint

FORMATS = ("text", "json", "github", "sarif", "html")


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
        if args and args[0] not in self.commands:
            _not_a_command(args[0], list(self.commands))
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _not_a_command(word: str, commands: list[str]) -> None:
    """A first argument that is no file but close to a command name is a typo of it
    (`awesome-lint rule AL002`); anything else is left for ``check`` to read as a path."""
    if word.startswith("-") or "/" in word or os.sep in word or "." in word:
        return
    if os.path.lexists(word):
        return
    # what other linters call these; closeness to a name would mislead ("lint" -> "init")
    meant = {"lint": "check", "help": "--help", "fix": "--fix", "version": "--version"}
    match = meant.get(word.lower()) or closest(word, commands)
    if match is not None:
        raise UsageProblem(f"'{word}' is neither a command nor a file; did you mean '{match}'?")


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _check_selectors(option: str, selectors: Sequence[str]) -> None:
    for selector in selectors:
        try:
            catalog.resolve(selector)
        except KeyError:
            raise UsageProblem(
                f"{option}: unknown rule '{selector}'{rule_hint(selector)}"
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
    "--html-file",
    type=click.Path(path_type=Path),
    help="Also write the gallery report (HTML) to FILE.",
)
@click.option(
    "--embed-images",
    is_flag=True,
    help="In the HTML report, embed the figures (so that the file travels alone).",
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
    html_file: Path | None,
    embed_images: bool,
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
        html_file=html_file,
        embed_images=embed_images,
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
    html_file: Path | None = None  # the gallery report, in addition to the report
    embed_images: bool = False  # figures as data URIs in the HTML report
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
    _check_html_options(options)
    if options.changed_since is not None:
        try:
            check_revision(options.changed_since)
        except BadRevision as error:
            raise UsageProblem(str(error)) from None
    # Parsing allocates millions of small acyclic objects: cyclic garbage collection
    # passes over them would cost ~10% of a run and free nothing.
    gc.disable()
    stage = None
    try:
        sources, excluded = _read_sources(options)
        _warn_inert_options(sources, selection)
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
        coverage = Coverage(
            tuple((t.document.display_path, len(t.document.entries)) for t in targets), excluded
        )
        _report(diagnostics, options, [t.document for t in targets], coverage)
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
    from . import network_stage  # imports aiohttp: online runs only

    progress = for_terminal()
    try:
        stage = network_stage.NetworkStage(
            sources[0][2], not options.no_cache, progress, options.github_api_url
        )
    except ValueError as error:  # a setting the network stage refuses
        raise UsageProblem(f"network settings: {error}") from None
    texts = {path: text for path, _, _, text in sources}
    stage.start(network_stage.prescan(texts, changed, options.all_links))
    return stage


class ProgressBar:
    """``checked / total, failures`` on one line of a terminal's stderr; nothing elsewhere."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.shown = False

    def __call__(self, done: int, total: int, failures: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\rchecking links [{bar}] {done}/{total}, {failures} failing ")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()


def for_terminal() -> ProgressBar | None:
    """A progress bar when stderr is a terminal (never in CI logs)."""
    return ProgressBar() if sys.stderr.isatty() and not os.environ.get("CI") else None


Source = tuple[Path, str, Config, str]  # path, display path, its config, text


def _read_sources(options: CheckOptions) -> tuple[list[Source], int]:
    """The files to lint with their configs and texts, and how many were excluded."""
    explicit = load_config(options.config_path) if options.config_path is not None else None
    if options.isolated:
        explicit = Config()
    configs: dict[Path, Config] = {}

    def is_excluded(path: Path) -> bool:
        return (explicit or _nearest_config(path.parent, configs)).is_excluded(path)

    files = expand_paths(options.paths or (default_readme(Path(".")),), is_excluded)
    sources: list[Source] = []
    excluded = 0
    for path in files:
        config = explicit or _nearest_config(path.parent, configs)
        if config.is_excluded(path):
            excluded += 1
            continue  # also when named explicitly, as pre-commit names files
        display = _display(path)
        sources.append((path, display, config, read_text(path, display, config.max_file_size)))
    return sources, excluded


def _warn_inert_options(sources: list[Source], selection: Selection) -> None:
    """Options set for a rule that is off do nothing: say so once per config file."""
    from .config import inert_options

    turned_on = {
        code
        for item in (*(selection.select or ()), *selection.extend_select)
        for code in catalog.resolve(item)
    }
    configs = {id(config): config for _, _, config, _ in sources if config.path is not None}
    for config in configs.values():
        for warning in inert_options(config, turned_on):
            click.echo(f"awesome-lint: warning: {warning}", err=True)


def _report(
    diagnostics: list[Diagnostic],
    options: CheckOptions,
    documents: list[Document],
    coverage: Coverage,
) -> None:
    from . import report

    if options.output_format == "html":  # --statistics with it is refused earlier
        rendered = _gallery(diagnostics, options, documents, options.output)
    elif options.statistics:
        rendered = (
            report.statistics_json(diagnostics, coverage)
            if options.output_format == "json"
            else report.statistics(diagnostics, coverage)
        )
    else:
        colour = options.output is None and options.output_format == "text" and _colour_wanted()
        rendered = _render(diagnostics, options.output_format, colour, coverage)
    _emit(rendered, options.output)
    if options.sarif_file is not None:
        _emit(report.sarif(diagnostics, coverage), options.sarif_file)
    if options.html_file is not None:
        _emit(_gallery(diagnostics, options, documents, options.html_file), options.html_file)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path and options.summary:
        _append_summary(Path(summary_path), report.job_summary(diagnostics, coverage))


def _check_html_options(options: CheckOptions) -> None:
    html = options.output_format == "html" or options.html_file is not None
    if options.embed_images and not html:
        raise UsageProblem("--embed-images needs --format html or --html-file")
    if options.statistics and options.output_format == "html":
        raise UsageProblem("--statistics has no html format (use --html-file for the report)")


def _gallery(
    diagnostics: list[Diagnostic],
    options: CheckOptions,
    documents: list[Document],
    destination: Path | None,
) -> str:
    """The HTML report; relative figure paths are made relative to where it is written."""
    from . import report_html

    folder = destination.absolute().parent if destination is not None else Path.cwd()
    return report_html.gallery(
        documents, diagnostics, report_dir=folder, embed_images=options.embed_images
    )


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


def _render(
    diagnostics: list[Diagnostic], output_format: str, colour: bool, coverage: Coverage
) -> str:
    from . import report

    if output_format == "json":
        return report.json_report(diagnostics)
    if output_format == "github":
        return report.github(diagnostics, coverage)
    if output_format == "sarif":
        return report.sarif(diagnostics, coverage)
    return report.text(diagnostics, colour=colour, coverage=coverage)


def _emit(rendered: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    from .util import write_atomically

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
        sources, _ = _read_sources(CheckOptions(paths=paths, config_path=config_path))
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


@main.command("health")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--config", "config_path", type=click.Path(path_type=Path))
@click.option("--report", "report_path", type=click.Path(path_type=Path), help="Write the "
              "Markdown report to FILE.")  # fmt: skip
@click.option(
    "--issue/--no-issue",
    default=True,
    help="Keep one tracking issue up to date (needs GITHUB_TOKEN and the repository).",
)
@click.option("--repo", "repository", metavar="OWNER/NAME", help="Default: $GITHUB_REPOSITORY.")
@click.option("--issue-title", default="awesome-lint: list health", show_default=True)
@click.option("--issue-label", default="awesome-lint", show_default=True)
@click.option(
    "--github-api-url",
    metavar="URL",
    help="The GitHub API to write the issue with (GitHub Enterprise Server); default "
    "https://api.github.com. The token goes there only, over https.",
)
@click.option("--format", "output_format", type=click.Choice(("text", "github")), default="text")
@click.option("--no-cache", is_flag=True, help="Don't read or write the network cache.")
@click.option("--no-summary", is_flag=True, help="Don't append to $GITHUB_STEP_SUMMARY.")
def health_command(
    paths: tuple[Path, ...],
    config_path: Path | None,
    report_path: Path | None,
    issue: bool,
    repository: str | None,
    issue_title: str,
    issue_label: str,
    github_api_url: str | None,
    output_format: str,
    no_cache: bool,
    no_summary: bool,
) -> None:
    """Check every link of the list, write a Markdown report, keep a tracking issue."""
    from . import health

    try:
        tracking = None
        if issue:
            tracking = health.tracking_from(repository, issue_title, issue_label, github_api_url)
        options = health.HealthOptions(
            CheckOptions(
                paths=paths,
                config_path=config_path,
                online=True,
                all_links=True,
                output_format=output_format,
                no_cache=no_cache,
                summary=False,
            ),
            report_path,
            tracking,
            summary=not no_summary,
        )
        _, outcome = health.run(options)
    except health.HealthProblem as problem:
        raise UsageProblem(str(problem)) from None
    if outcome is not None:
        click.echo(outcome.line())


@main.command("init")
@click.argument("list_path", metavar="LIST", default="README.md", type=click.Path(path_type=Path))
def init_command(list_path: Path) -> None:
    """Write a starter .awesome-lint.yml for the list (default README.md) in this folder."""
    from . import starter

    display = _display(list_path)
    try:
        text, found = starter.starter(read_text(list_path, display), list_path, display)
        path = starter.write(Path.cwd(), text)
    except starter.AlreadyThere as error:
        raise UsageProblem(str(error)) from None
    except InputError as error:
        raise UsageProblem(f"{error} (name the list: awesome-lint init LIST.md)") from None
    except OSError as error:
        raise UsageProblem(
            f"cannot write {starter.CONFIG_NAME}: {error.strerror or error}"
        ) from None
    click.echo(
        f"Wrote {path.name}: the column roles of {found.paper_tables} paper "
        f"table{'' if found.paper_tables == 1 else 's'} of {display}, the year order, and "
        f"the rules that are off by default (commented out)."
    )


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of .awesome-lint.yml, for editors."""
    import json

    from .config import schema

    click.echo(json.dumps(schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain one rule (by code or name)."""
    try:
        codes = catalog.resolve(rule)
    except KeyError:
        raise UsageProblem(f"unknown rule '{rule}'{rule_hint(rule)}") from None
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
