"""Writing a run's reports: the report in its format (stdout or a file), and the SARIF
file, gallery page and job summary beside it. The front ends (cli, action, health) call
this; the library (``run.py``) never does. Failures raise ``run.UsageError``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .model import Coverage, Diagnostic, Document
from .run import RunResult, UsageError

FORMATS = ("text", "json", "github", "sarif", "html")


@dataclass(frozen=True)
class ReportOptions:
    """Where and how the findings are reported."""

    output_format: str = "text"  # one of FORMATS
    output: Path | None = None  # the report goes here (atomically) instead of stdout
    statistics: bool = False  # one line per rule instead of every finding
    sarif_file: Path | None = None  # SARIF too, in this file
    html_file: Path | None = None  # the gallery report too, in this file
    embed_images: bool = False  # figures as data URIs in the gallery report
    summary: bool = True  # append the job summary to $GITHUB_STEP_SUMMARY when it is set
    colour: bool = False  # text with colours (the front end knows the terminal)


def check(options: ReportOptions) -> None:
    """Refuse combinations that make no report, before anything runs."""
    html = options.output_format == "html" or options.html_file is not None
    if options.embed_images and not html:
        raise UsageError("--embed-images needs --format html or --html-file")
    if options.statistics and options.output_format == "html":
        raise UsageError("--statistics has no html format (use --html-file for the report)")
    if options.statistics and options.output_format not in ("text", "json"):
        raise UsageError(
            f"--statistics has no {options.output_format} format: use --format text or json"
        )


def write_reports(result: RunResult, options: ReportOptions) -> None:
    from . import report

    diagnostics, documents, coverage = result.diagnostics, result.documents, result.coverage
    if options.output_format == "html":  # --statistics with it is refused by check()
        rendered = _gallery(diagnostics, options, documents, options.output)
    elif options.statistics:
        rendered = (
            report.statistics_json(diagnostics, coverage)
            if options.output_format == "json"
            else report.statistics(diagnostics, coverage)
        )
    else:
        colour = options.colour and options.output is None and options.output_format == "text"
        rendered = render(diagnostics, options.output_format, colour, coverage)
    emit(rendered, options.output)
    if options.sarif_file is not None:
        emit(report.sarif(diagnostics, coverage), options.sarif_file)
    if options.html_file is not None:
        emit(_gallery(diagnostics, options, documents, options.html_file), options.html_file)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path and options.summary:
        append_summary(Path(summary_path), report.job_summary(diagnostics, coverage))


def _gallery(
    diagnostics: list[Diagnostic],
    options: ReportOptions,
    documents: list[Document],
    destination: Path | None,
) -> str:
    """The HTML report; relative figure paths are made relative to where it is written."""
    from . import report_html

    folder = destination.absolute().parent if destination is not None else Path.cwd()
    return report_html.gallery(
        documents, diagnostics, report_dir=folder, embed_images=options.embed_images
    )


def render(
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


def emit(rendered: str, output: Path | None) -> None:
    """``rendered`` on stdout, or written atomically to ``output``."""
    if output is None:
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    from .util import write_atomically

    try:
        write_atomically(output, rendered)
    except OSError as error:
        raise UsageError(f"{output}: cannot write the report: {error.strerror or error}") from None


def append_summary(path: Path, markdown: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(markdown)
    except OSError as error:
        raise UsageError(
            f"{path}: cannot write the job summary: {error.strerror or error}"
        ) from None
