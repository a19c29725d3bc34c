"""Report formats: GitHub workflow commands (escaping, caps, columns) and text output."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import run_cli

from awesome_lint import report
from awesome_lint.model import Diagnostic, Severity, Span


def _diagnostic(severity: Severity, line: int = 3, message: str = "m", span: Span | None = None):
    return Diagnostic(
        path="README.md",
        span=span or Span(line, 5, line, 40),
        code="AL003",
        name="arxiv-id-malformed",
        severity=severity,
        message=message,
    )


def test_annotation_syntax() -> None:
    line = report.annotation(_diagnostic(Severity.ERROR, message="Malformed arXiv id 1501.0001"))
    assert line == (
        "::error file=README.md,line=3,col=5,endColumn=40,"
        "title=AL003 arxiv-id-malformed::Malformed arXiv id 1501.0001"
    )


def test_columns_only_on_single_line_spans() -> None:
    line = report.annotation(_diagnostic(Severity.WARNING, span=Span(3, 5, 4, 2)))
    assert line.startswith("::warning file=README.md,line=3,endLine=4,title=")
    assert "col=" not in line and "endColumn" not in line


def test_escaping() -> None:
    d = _diagnostic(Severity.NOTICE, message="50% done\r\n::error::evil")
    d.path = "a,b:c.md"
    line = report.annotation(d)
    assert line == (
        "::notice file=a%2Cb%3Ac.md,line=3,col=5,endColumn=40,"
        "title=AL003 arxiv-id-malformed::50%25 done%0D%0A::error::evil"
    )
    assert "\n" not in line and "\r" not in line


def test_caps_and_overflow_notice() -> None:
    diagnostics = (
        [_diagnostic(Severity.ERROR, i) for i in range(1, 13)]
        + [_diagnostic(Severity.WARNING, i) for i in range(1, 4)]
        + [_diagnostic(Severity.NOTICE, i) for i in range(1, 12)]
    )
    lines = report.github(diagnostics).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert sum(line.startswith("::error ") for line in commands) == 10
    assert sum(line.startswith("::warning ") for line in commands) == 3
    notices = [line for line in commands if line.startswith("::notice")]
    assert len(notices) == 10  # 9 findings + the overflow notice
    assert notices[-1] == "::notice::4 more findings not shown; see job summary"
    assert commands[0].startswith("::error ")  # errors first


def test_no_overflow_when_everything_fits() -> None:
    diagnostics = [_diagnostic(Severity.NOTICE, i) for i in range(1, 11)]
    commands = [line for line in report.github(diagnostics).splitlines() if line.startswith("::")]
    assert len(commands) == 10 and "more finding" not in commands[-1]


def test_hostile_titles_cannot_inject_workflow_commands(tmp_path: Path) -> None:
    """Titles quoted in messages must not produce any workflow command of their own."""
    hostile = [
        "100% %0A::error::x",
        "Carriage\rReturn ::warning::y",
        "Line\n::error file=README.md::injected",
        "::add-mask::secret",
        "::stop-commands::token",
    ]
    rows = []
    for number, title in enumerate(hostile, start=1):
        rows.append(f"| **{title}** | [[Paper](https://arxiv.org/abs/2301.0000{number})] |")
        rows.append(f"| **{title}** | [[Paper](https://arxiv.org/abs/2301.0000{number})] |")
    text = "| Title | Links |\n|---|---|\n" + "\n".join(rows) + "\n"
    path = tmp_path / "README.md"
    path.write_bytes(text.encode())
    result = run_cli("--format", "github", "--select", "ALL", path, cwd=tmp_path)
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert commands, result.stdout
    pattern = re.compile(
        r"^::(error|warning|notice) file=[^:]*,line=\d+[^:]*::[^\r\n]*$|^::notice::\d+ more"
    )
    for line in commands:
        assert pattern.match(line), line
        assert "::add-mask::" not in line.split("::", 2)[1]
    # nothing but our own commands starts a line
    for line in result.stdout.splitlines():
        assert not line.startswith("::") or line in commands


def test_text_summary_pluralisation() -> None:
    one = report.text([_diagnostic(Severity.WARNING)])
    assert one.splitlines()[-1] == "Found 1 problem (1 warning)."
    assert report.text([]).strip() == "All checks passed!"
