"""The command line: ``awesome-lint [check] PATHS``, ``rules``, ``explain CODE``.

Exit codes follow ruff: 0 no errors (warnings allowed), 1 errors found, 2 usage,
config or input problems.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, catalog
from . import output as output_module
from .changes import FILTER_MODES
from .config import FAIL_ON
from .engine import Selection
from .model import Severity
from .output import FORMATS, ReportOptions
from .printable import visible
from .run import CheckOptions, RunResult, UsageError, display_path
from .run import run as lint_run
from .sources import InputError, read_text
from .suggest import closest, did_you_mean, rule_hint
from .util import plural

T = TypeVar("T")
# ``add.POSITIONS``, spelled here: a lint, the common run, never imports the add command's
# modules (tests/test_speed_mechanisms.py holds the two equal)
ADD_POSITIONS = ("auto", "top", "bottom")


class Choice(click.Choice):
    """click's Choice, with a did-you-mean for a value close to an allowed one."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            choices = ", ".join(map(str, self.choices))
            hint = did_you_mean(str(value), [str(choice) for choice in self.choices])
            self.fail(f"{value!r} is not one of {choices}{hint}", param, ctx)


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
        args = self._hook_arguments(args)
        if args and args[0] not in self.commands:
            _not_a_command(args[0], list(self.commands))
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The group's help, then the options of ``check``, the default command: what most
        readers of ``awesome-lint --help`` are looking for."""
        super().format_help(ctx, formatter)
        check = self.commands["check"]
        with click.Context(check, info_name="check", parent=ctx) as check_ctx:
            records = [
                record
                for param in check.get_params(check_ctx)
                if isinstance(param, click.Option)
                and "--help" not in param.opts
                and (record := param.get_help_record(check_ctx)) is not None
            ]
        with formatter.section("Check options (awesome-lint [check] [OPTIONS] [PATHS]...)"):
            formatter.write_dl(records)

    def _hook_arguments(self, args: list[str]) -> list[str]:
        """``check --pre-commit -- ARGS FILES``: pre-commit appends the hook's ``args:`` and
        then the file names after the entry, which ends in ``--`` so that a file named like
        an option stays a file. Here the leading words that are options (and their values)
        move before the ``--``: a word is an option while it starts with "-" and no file of
        that name exists; the first existing file or other word starts the file names."""
        if HOOK_FLAG not in args or "--" not in args:
            return args
        separator = args.index("--")
        if args.index(HOOK_FLAG) > separator:
            return args
        before = [arg for arg in args[:separator] if arg != HOOK_FLAG]
        after = args[separator + 1 :]
        takes_value = _value_options(self.commands["check"])
        options: list[str] = []
        position = 0
        while position < len(after):
            word = after[position]
            if not word.startswith("-") or word == "-" or os.path.lexists(word):
                break
            options.append(word)
            position += 1
            if word in takes_value and position < len(after):
                options.append(after[position])  # the option's value, whatever it looks like
                position += 1
        return [*before, *options, "--", *after[position:]]


HOOK_FLAG = "--pre-commit"


def _value_options(command: click.Command) -> set[str]:
    """The option names of ``command`` that take a value (``--baseline FILE``)."""
    names: set[str] = set()
    for param in command.params:
        if isinstance(param, click.Option) and not param.is_flag and not param.count:
            names.update(param.opts)
    return names


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
    type=Choice(("changed", "all")),
    default="changed",
    show_default=True,
    help="With --changed-since: check the links of changed lines only, or all links.",
)
@click.option("--format", "output_format", type=Choice(FORMATS), default="text", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="Write the report to FILE.")
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option(
    "--fail-on",
    type=Choice(FAIL_ON),
    help="The lowest severity that fails the run (exit 1). Default: the config's fail-on, "
    "else error.",
)
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
    type=Choice(FILTER_MODES),
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
@click.option(
    "--stdin-filename",
    type=click.Path(path_type=Path),
    metavar="NAME",
    help="With the path '-' (standard input): the file name the text stands for (its "
    "config, its folder's images, the name in reports).",
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
    fail_on: str | None,
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
    stdin_filename: Path | None,
) -> None:
    """Lint markdown lists (default: README.md); '-' reads standard input."""
    if apply_fixes and show_diff:
        raise click.UsageError("--fix and --diff can't be used together (--diff writes nothing)")
    if unsafe_fixes and not (apply_fixes or show_diff):
        raise click.UsageError("--unsafe-fixes needs --fix or --diff")
    if stdin_filename is not None and Path("-") not in paths:
        raise click.UsageError("--stdin-filename needs the path '-' (standard input)")
    options = CheckOptions(
        paths=paths,
        config_path=config_path,
        isolated=isolated,
        selection=Selection(
            select=_split(select) if select else None,
            extend_select=_split(extend_select),
            ignore=_split(ignore),
        ),
        online=is_online(online),
        all_links=check_links == "all",
        no_cache=no_cache,
        changed_since=changed_since,
        filter_mode=filter_mode,
        baseline_path=baseline_path,
        fail_on=Severity.parse(fail_on) if fail_on else None,
        write_baseline=write_baseline,
        fix="plan" if show_diff else "apply" if apply_fixes else None,
        unsafe_fixes=unsafe_fixes,
        github_api_url=github_api_url,
        stdin=sys.stdin.buffer.read() if Path("-") in paths else None,
        stdin_filename=stdin_filename,
    )
    reports = ReportOptions(
        output_format=output_format,
        output=output,
        statistics=statistics,
        sarif_file=sarif_file,
        html_file=html_file,
        embed_images=embed_images,
        summary=not no_summary,
        colour=_colour_wanted(),
    )
    _guard(output_module.check, reports)
    result = run_with_progress(options)
    if result.baseline_written is not None:
        count = result.baseline_written
        click.echo(
            f"Recorded {plural(count, 'finding')} in {visible(str(options.write_baseline))}."
        )
        sys.exit(0)
    fixes = result.fixes
    if show_diff and fixes is not None:  # ruff's convention: 1 when there is something to fix
        from . import fix

        for file_fix in fixes.planned:
            sys.stdout.write(fix.diff(file_fix, file_fix.display))
        count = sum(len(file_fix.fixed) for file_fix in fixes.planned)
        click.echo(fixes.sentence("Would fix", count), err=True)
        if fixes.refused:
            raise FilesRefused(fixes.refused)
        sys.exit(1 if count else 0)
    if fixes is not None and (fixes.applied or fixes.unsafe_left):
        click.echo(fixes.sentence("Fixed", len(fixes.applied)), err=True)
    _guard(output_module.write_reports, result, reports)
    if fixes is not None and fixes.refused:  # after the report: what was not fixed is listed
        raise FilesRefused(fixes.refused)
    sys.exit(1 if result.failed and not exit_zero else 0)


def _guard(action: Callable[..., T], *arguments: Any) -> T:
    """``action``'s value; its UsageError as the command's (one line, exit code 2)."""
    try:
        return action(*arguments)
    except UsageError as error:
        raise UsageProblem(str(error)) from None


def run_with_progress(options: CheckOptions) -> RunResult:
    """Run the check with a progress bar on a terminal, cleared before anything else is
    written; the run's warnings on stderr."""
    bar = for_terminal() if options.online else None
    try:
        result = lint_run(options, bar)
    except UsageError as error:
        if bar is not None:
            bar.close()
        _warn(error.warnings)
        raise UsageProblem(str(error)) from None
    if bar is not None:
        bar.close()
    _warn(result.warnings)
    return result


def _warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        click.echo(f"awesome-lint: warning: {visible(warning)}", err=True)


def is_online(flag: bool | None) -> bool:
    """Online when asked, else when a person runs it at a terminal; never by default in
    pipes, CI or pre-commit (PRE_COMMIT=1)."""
    if flag is not None:
        return flag
    if os.environ.get("PRE_COMMIT") == "1":
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


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
        """Clear the bar's line (once), so that what is written next starts on a clean one."""
        if self.shown:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()
            self.shown = False


def for_terminal() -> ProgressBar | None:
    """A progress bar when stderr is a terminal (never in CI logs)."""
    return ProgressBar() if sys.stderr.isatty() and not os.environ.get("CI") else None


def _colour_wanted() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


@main.command("export")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=Choice(("json", "jsonl", "csv")),
    default="json",
    show_default=True,
    help="A JSON array, JSON Lines (one record per line) or CSV.",
)
@click.option("--output", type=click.Path(path_type=Path), help="Write to FILE.")
@click.option("--config", "config_path", type=click.Path(path_type=Path))
@click.option(
    "--schema", "print_schema", is_flag=True, help="Print the JSON Schema of a record list."
)
def export_command(
    paths: tuple[Path, ...],
    output_format: str,
    output: Path | None,
    config_path: Path | None,
    print_schema: bool,
) -> None:
    """Write the papers of the lists as data: one record per entry, with its findings."""
    from . import export

    if print_schema:
        import json

        if paths:
            raise UsageProblem("export --schema takes no paths")
        _guard(output_module.emit, json.dumps(export.schema(), indent=2) + "\n", output)
        return
    # the offline lint gives each record its findings' codes
    result = _guard(lint_run, CheckOptions(paths=paths, config_path=config_path, online=False))
    _warn(result.warnings)
    documents, diagnostics = result.documents, result.diagnostics
    if output_format == "json":
        rendered = export.as_json(documents, diagnostics)
    elif output_format == "csv":
        rendered = export.as_csv(documents, diagnostics)
    elif output is None:  # JSON Lines to stdout: streamed
        for line in export.as_jsonl(documents, diagnostics):
            sys.stdout.write(line)
        sys.stdout.flush()
        return
    else:
        rendered = "".join(export.as_jsonl(documents, diagnostics))
    _guard(output_module.emit, rendered, output)


@main.command("add")
@click.argument("reference", metavar="ARXIV")
@click.option("--section", help="The section: a heading's text or a path ('Papers > Survey').")
@click.option("--repo", help="The paper's GitHub repository (URL or OWNER/NAME).")
@click.option("--figure", help="The figure's path, as the list writes paths.")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=VALUE",
    help="A link (by its label: Website=URL) or a column (by its header) the list has; "
    "also title, date, authors, venue.",
)
@click.option(
    "--file", "file_path", type=click.Path(path_type=Path), help="The list (default README.md)."
)
@click.option("--diff", "show_diff", is_flag=True, help="Show the change as a diff; write nothing.")
@click.option(
    "--position",
    type=click.Choice(ADD_POSITIONS),
    default="auto",
    show_default=True,
    help="auto: where the section's order puts it; top or bottom of the section (or year row).",
)
@click.option("--force", is_flag=True, help="Add it even if an entry has the same title.")
@click.option("--offline", is_flag=True, help="Don't ask arXiv: --title and --date give it.")
@click.option("--title", help="The title (instead of arXiv's).")
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="The first version's date.")
@click.option("--authors", help="The authors, separated by commas.")
@click.option("--venue", help="Where it appeared, e.g. 'CVPR 2024'.")
@click.option("--config", "config_path", type=click.Path(path_type=Path))
@click.option("--no-cache", is_flag=True, help="Don't read or write the network cache.")
def add_command(
    reference: str,
    section: str | None,
    repo: str | None,
    figure: str | None,
    fields: tuple[str, ...],
    file_path: Path | None,
    show_diff: bool,
    position: str,
    force: bool,
    offline: bool,
    title: str | None,
    date_text: str | None,
    authors: str | None,
    venue: str | None,
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Add a paper (an arXiv ID or URL) to the list, written the way its section writes
    papers."""
    from . import add as adding
    from . import fix
    from .newpaper import PaperProblem, parse_reference, repo_of

    path = file_path if file_path is not None else _readme_here()
    display = display_path(path)
    try:
        arxiv_id, version = parse_reference(reference)
        named = _named_fields(fields)
        for key, value in (("title", title), ("date", date_text), ("authors", authors)):
            if value is not None:
                named[key] = value
        if venue is not None:
            named["venue"] = venue
        linted = _guard(
            lint_run,
            CheckOptions(paths=(path,), config_path=config_path, online=False, fix="plan"),
        )
        if not linted.documents:
            raise UsageProblem(f"{display}: excluded by the config; nothing to add to")
        document = linted.documents[0]
        paper = _paper(arxiv_id, version, named, offline, path, config_path, no_cache)
        if repo is not None:
            paper.repo, paper.repo_from = repo_of(repo), "--repo"
        paper.figure = figure
        chosen = adding.choose_section(document, section, paper)
        adding.check_duplicates(document, paper, force)
        before = _unchanged_text(path, document.display_path)
        addition = adding.plan(document, before, paper, chosen, position)
    except (PaperProblem, adding.AddProblem) as problem:
        raise UsageProblem(str(problem)) from None
    digest = fix.digest(before.encode("utf-8"))
    change = fix.FileFix(
        path,
        display,
        before,
        addition.after,
        [],
        digest,
        [(addition.offset, addition.offset, addition.inserted)],
    )
    if paper.repo and paper.repo_from not in ("", "--repo"):
        click.echo(f"Repository {paper.repo}: named in {paper.repo_from}.", err=True)
    if show_diff:
        sys.stdout.write(fix.diff(change, display))
        return
    try:
        fix.write(change)
    except fix.FixRefused as refusal:
        raise UsageProblem(str(refusal)) from None
    except OSError as error:
        raise UsageProblem(f"{display}: not written: {error.strerror or error}") from None
    where = f"{display}:{addition.first_line}"
    click.echo(
        f"Added '{paper.title}' (arXiv {paper.arxiv_id}) to '{adding.label(chosen)}' at {where}."
    )
    after = _guard(lint_run, CheckOptions(paths=(path,), config_path=config_path, online=False))
    found = [
        d for d in after.diagnostics if addition.first_line <= d.span.line <= addition.last_line
    ]
    for diagnostic in found:
        click.echo(
            f"{visible(diagnostic.path)}:{diagnostic.span.line}:{diagnostic.span.column}: "
            f"{diagnostic.severity.label} {diagnostic.code} {visible(diagnostic.message)}"
        )
    sys.exit(1 if any(d.severity is Severity.ERROR for d in found) else 0)


def _readme_here() -> Path:
    """README.md in this folder, in any letter case."""
    for candidate in sorted(Path.cwd().iterdir()):
        if candidate.name.lower() == "readme.md" and candidate.is_file():
            return Path(candidate.name)
    raise UsageProblem("no README.md here; name the list with --file")


def _named_fields(values: Sequence[str]) -> dict[str, str]:
    from .util import label_of

    named: dict[str, str] = {}
    for value in values:
        name, equals, text = value.partition("=")
        if not equals or not label_of(name):
            raise UsageProblem(f"--field '{value}': give NAME=VALUE")
        named[label_of(name)] = text.strip()
    return named


def _unchanged_text(path: Path, display: str) -> str:
    """The file's text, refused when it is no longer what was linted."""
    from . import fix
    from .sources import digest_when_read

    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageProblem(f"{display}: cannot read it: {error.strerror}") from None
    if fix.digest(data) != digest_when_read(path):
        raise UsageProblem(f"{display}: the file changed while it was read; run again")
    return data.decode("utf-8")


def _paper(
    arxiv_id: str,
    version: int | None,
    named: dict[str, str],
    offline: bool,
    path: Path,
    config_path: Path | None,
    no_cache: bool,
) -> Any:
    """The paper: arXiv's record (unless offline) with what the command line says on top."""
    from .newpaper import Paper, PaperProblem, from_record, parse_day, venue_of

    title, date_text = named.pop("title", None), named.pop("date", None)
    authors, venue = named.pop("authors", None), named.pop("venue", None)
    if offline:
        missing = [
            option for option, value in (("--title", title), ("--date", date_text)) if not value
        ]
        if missing:
            raise UsageProblem(f"--offline needs {' and '.join(missing)}")
        assert title is not None and date_text is not None
        paper = Paper(arxiv_id, " ".join(title.split()), parse_day(date_text), version)
    else:
        paper = from_record(_ask_arxiv(arxiv_id, path, config_path, no_cache))
        if title:
            paper.title = " ".join(title.split())
        if date_text:
            paper.date = parse_day(date_text)
    if version is not None and paper.version is not None and version > paper.version:
        raise PaperProblem(f"arXiv {arxiv_id} has no version {version} (latest: v{paper.version})")
    if authors is not None:
        paper.authors = tuple(name.strip() for name in authors.split(",") if name.strip())
    if venue is not None:
        paper.venue, paper.venue_year = venue_of(venue, "accepted " + venue)
        if not paper.venue:
            paper.venue = venue.strip()
    paper.fields = named
    return paper


def _ask_arxiv(arxiv_id: str, path: Path, config_path: Path | None, no_cache: bool) -> Any:
    """arXiv's record of the paper (the configured API, cache and pacing); one line and
    exit code 2 when arXiv doesn't know it or can't be asked."""
    import asyncio

    from . import network
    from .config import ConfigError, find_config
    from .config import load as load_config
    from .network_stage import settings_from

    try:
        found = config_path if config_path is not None else find_config(path.absolute().parent)
        config = load_config(found) if found is not None else None
    except ConfigError as error:
        raise UsageProblem(str(error)) from None
    from .config import Config

    links, settings, _ = settings_from(config or Config())
    cache = None if no_cache else network.Cache(links.cache_path, warn=lambda _: None)
    line = _Waiting(f"asking arXiv ({settings.api_url}) about {arxiv_id}")
    try:
        records = asyncio.run(network.fetch_arxiv([arxiv_id], settings, cache))
        record = records.get(arxiv_id, False)
        if record is not None and record is not False and not record.detailed:
            records = asyncio.run(network.fetch_arxiv([arxiv_id], settings, None))
            record = records.get(arxiv_id, False)
    finally:
        line.close()
        if cache is not None:
            cache.close()
    if record is False:
        raise UsageProblem(
            f"could not ask arXiv about {arxiv_id} ({settings.api_url} gave no usable "
            f"answer); try again later, or give --offline --title --date"
        )
    if record is None:
        raise UsageProblem(f"arXiv has no paper {arxiv_id}")
    return record


class _Waiting:
    """One line on a terminal's stderr while arXiv is asked, cleared afterwards."""

    def __init__(self, text: str) -> None:
        self.shown = sys.stderr.isatty() and not os.environ.get("CI")
        self.width = len(text) + 1
        if self.shown:
            sys.stderr.write(f"{text}…")
            sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()
            self.shown = False


@main.command("rules")
@click.option("--format", "output_format", type=Choice(("text", "json")), default="text")
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
                "fixable": info.fix_mark == "[*]",
                "unsafe_fixable": info.fix_mark == "[-]",
                "summary": info.summary,
                "url": info.url,
            }
            for info in rules.values()
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from .report import FIX_LEGEND

    width = max(len(info.name) for info in rules.values())
    for info in rules.values():
        click.echo(
            f"{info.code}  {info.name:<{width}}  {info.default_label:<7}  {info.fix_mark}  "
            f"{info.summary}"
        )
    click.echo(f"\n{FIX_LEGEND}")


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
@click.option("--format", "output_format", type=Choice(("text", "github")), default="text")
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
                paths=paths, config_path=config_path, online=True, all_links=True, no_cache=no_cache
            ),
            ReportOptions(output_format=output_format, summary=False),
            report_path,
            tracking,
            summary=not no_summary,
        )
        result = run_with_progress(options.check)
        outcome = _guard(health.publish, result, options)
    except health.HealthProblem as problem:
        raise UsageProblem(str(problem)) from None
    if outcome is not None:
        click.echo(outcome.line())
    coverage = health.LinkCoverage.of(result.network)
    if coverage.none_checked:  # a scheduled job shows red: its point could not be done
        raise UsageProblem(f"no link could be checked ({coverage.why or 'no verdicts'})")


@main.command("init")
@click.argument("list_path", metavar="LIST", default="README.md", type=click.Path(path_type=Path))
def init_command(list_path: Path) -> None:
    """Write a starter .awesome-lint.yml for the list (default README.md) in this folder."""
    from . import starter

    display = display_path(list_path)
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


_FIXABLE = {
    "[*]": "yes, with --fix (a safe fix, offline)",
    "[-]": "only with --unsafe-fixes or --online",
    "[ ]": "no",
}


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
        f"Fixable: {_FIXABLE[info.fix_mark]}",
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
                lines += ["", f"  {_example_name(example)}:", ""]
                lines += _indented(example["markdown"])
                fixed = example.get("fixed")
                if fixed is not None and fixed != example["markdown"]:
                    how = "--fix --unsafe-fixes" if example.get("unsafe") else "--fix"
                    if example.get("network"):
                        how += " --online"
                    lines += ["", f"  after {how}:", ""]
                    lines += _indented(fixed)
    lines += ["", f"More: {info.url}"]
    click.echo("\n".join(lines))


def _indented(text: str) -> list[str]:
    return [("    " + line).rstrip() for line in text.rstrip().splitlines()]


def _example_name(example: dict[str, Any]) -> str:
    """An example's name, with what it needs beyond the text (the network's answers)."""
    name = str(example.get("name") or "example")
    online = example.get("network") and "online" not in name
    return f"{name} (online)" if online else name


def run() -> None:
    """The console script: ``main`` with a last guard, so that even a bug in awesome-lint
    ends in one line and exit code 2 rather than a traceback.

    The cyclic garbage collector stays off: a run of the command builds millions of
    small objects that live until it ends, and collector passes over them would free
    nothing (the process ends soon after).
    """
    gc.disable()
    try:
        main(prog_name="awesome-lint")
    except SystemExit as done:
        _exit_now(done.code)
        raise
    except Exception as error:
        if os.environ.get("AWESOME_LINT_DEBUG"):
            raise
        click.echo(
            f"awesome-lint: internal error: {type(error).__name__}: {visible(str(error))} "
            f"(please report it; AWESOME_LINT_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(2)


def _exit_now(code: object) -> None:
    """End the process with ``code`` at once, once its output is flushed.

    A normal exit frees the parsed list's objects one by one, a tenth of an offline run
    on a large list; by now every file is closed and the network stage has stopped, so
    nothing is lost. An exit with a message, or output that cannot be flushed (a closed
    pipe), takes the normal way, which reports it as before.
    """
    if code is not None and not isinstance(code, int):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(int(code or 0))
