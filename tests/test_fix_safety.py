"""--fix writes only what was linted, where it was linted, the way it found it (issue 9):
a file changed since it was read is refused, a symlink's target is fixed and the link
kept, hard links stay linked, the mode is kept, read-only files are refused, and many
fixes cost linear time."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, git, run_cli

from awesome_lint import fix, sources
from awesome_lint.model import Diagnostic, Edit, Fix, Severity, Span

STYLE_CONFIG = "rules:\n  AL306: {form: abs}\n"
PDF_LINE = "- [Paper {n}](https://arxiv.org/pdf/2101.{n:05d})\n"


def _pdf_list(folder: Path, count: int, name: str = "README.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".awesome-lint.yml").write_text(STYLE_CONFIG)
    path = folder / name
    path.write_text(
        "# Papers\n\n" + "".join(PDF_LINE.format(n=n) for n in range(1, count + 1)),
        encoding="utf-8",
    )
    return path


def _fixed(count: int) -> str:
    return "# Papers\n\n" + "".join(
        PDF_LINE.format(n=n).replace("/pdf/", "/abs/") for n in range(1, count + 1)
    )


def _diagnostic(display: str, line: int, column: int, end: int, replacement: str) -> Diagnostic:
    edit = Edit(Span(line, column, line, end), replacement)
    return Diagnostic(
        path=display,
        span=Span(line, column, line, end),
        code="AL306",
        name="arxiv-link-style",
        severity=Severity.WARNING,
        message="a /pdf/ link",
        fix=Fix("use /abs/", (edit,)),
    )


# ------------------------------------------------------------------ changed since read


def test_a_file_changed_after_the_plan_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("- [a](https://arxiv.org/pdf/2101.00001)\n", encoding="utf-8")
    sources.read_text(path, "README.md")
    column = path.read_text().index("pdf") + 1
    plan = fix.plan([_diagnostic("README.md", 1, column, column + 3, "abs")], {"README.md": path})
    assert [f.after for f in plan.fixes] == ["- [a](https://arxiv.org/abs/2101.00001)\n"]
    changed = "new first line\n- [a](https://arxiv.org/pdf/2101.00001)\n"
    path.write_text(changed, encoding="utf-8")  # someone edits the file meanwhile
    with pytest.raises(fix.FixRefused, match=r"README\.md: not fixed: the file changed"):
        fix.write(plan.fixes[0])
    assert path.read_text(encoding="utf-8") == changed
    assert os.listdir(tmp_path) == ["README.md"]  # no temporary file left


def test_a_file_changed_before_the_plan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("- [a](https://arxiv.org/pdf/2101.00001)\n", encoding="utf-8")
    sources.read_text(path, "README.md")
    column = path.read_text().index("pdf") + 1
    path.write_text("x\n- [a](https://arxiv.org/pdf/2101.00001)\n", encoding="utf-8")
    plan = fix.plan([_diagnostic("README.md", 1, column, column + 3, "abs")], {"README.md": path})
    assert plan.fixes == []
    assert plan.refused == [
        "README.md: not fixed: the file changed since it was read (run awesome-lint again)"
    ]


def test_a_file_read_by_nobody_is_not_fixed(tmp_path: Path) -> None:
    path = tmp_path / "unread.md"
    path.write_text("- [a](https://arxiv.org/pdf/2101.00001)\n", encoding="utf-8")
    plan = fix.plan([_diagnostic("unread.md", 1, 20, 23, "abs")], {"unread.md": path})
    assert plan.fixes == [] and "not read by this run" in plan.refused[0]


# ------------------------------------------------------------------ links, modes, permissions


def test_fix_through_a_symlink_fixes_the_real_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = _pdf_list(tmp_path / "docs", 3, "papers.md")
    (tmp_path / ".awesome-lint.yml").write_text(STYLE_CONFIG)
    link = tmp_path / "README.md"
    link.symlink_to(Path("docs") / "papers.md")
    result = run_cli("--select", "AL306", "--fix", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == os.path.join("docs", "papers.md")
    assert real.read_text(encoding="utf-8") == _fixed(3)
    assert sorted(os.listdir(real.parent)) == [".awesome-lint.yml", "papers.md"]


def test_fix_keeps_hard_links_linked(tmp_path: Path) -> None:
    readme = _pdf_list(tmp_path, 3)
    other = tmp_path / "copy-elsewhere.txt"
    os.link(readme, other)
    inode = readme.stat().st_ino
    result = run_cli("--select", "AL306", "--fix", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert readme.stat().st_ino == inode and readme.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == _fixed(3)


def test_fix_keeps_the_mode(tmp_path: Path) -> None:
    readme = _pdf_list(tmp_path, 3)
    readme.chmod(0o640)
    assert run_cli("--select", "AL306", "--fix", "README.md", cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(readme.stat().st_mode) == 0o640
    assert readme.read_text(encoding="utf-8") == _fixed(3)


def test_a_read_only_file_is_refused_with_one_line(tmp_path: Path) -> None:
    readme = _pdf_list(tmp_path, 3)
    fixable = _pdf_list(tmp_path, 2, "other.md")
    before = readme.read_bytes()
    readme.chmod(0o444)
    result = run_cli("--select", "AL306", "--fix", "README.md", "other.md", cwd=tmp_path)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == ["awesome-lint: error: README.md: not fixed: the file is read-only"]
    assert readme.read_bytes() == before and stat.S_IMODE(readme.stat().st_mode) == 0o444
    assert fixable.read_text(encoding="utf-8") == _fixed(2)  # the other file is fixed
    assert "README.md:3:" in result.stdout  # what was not fixed is still reported


# ------------------------------------------------------------------ linear time


def test_many_fixes_and_their_diff_take_linear_time(tmp_path: Path) -> None:
    """100,000 single-line fixes planned, applied and shown as a diff, in a fresh process
    under a generous time guard (the quadratic fixer needed hours for this)."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_fix_safety import _diagnostic\n"
        "from awesome_lint import fix, sources\n"
        "path = Path(sys.argv[1])\n"
        "count = 100_000\n"
        "path.write_text(''.join(f'- [p](https://arxiv.org/pdf/2101.{n:05d})\\n'"
        " for n in range(count)), encoding='utf-8')\n"
        "sources.read_text(path, 'list.md')\n"
        "found = [_diagnostic('list.md', n + 1, 25, 28, 'abs') for n in range(count)]\n"
        "plan = fix.plan(found, {'list.md': path})\n"
        "patch = fix.diff(plan.fixes[0], 'list.md')\n"
        "fix.write(plan.fixes[0])\n"
        "print(len(plan.fixes[0].fixed), patch.count('\\n+- [p]'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "list.md"), str(ROOT / "tests")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["100000", "100000"]
    text = (tmp_path / "list.md").read_text(encoding="utf-8")
    assert "/pdf/" not in text and text.count("/abs/") == 100_000


def test_a_large_fix_and_its_diff_agree_and_the_diff_applies(tmp_path: Path) -> None:
    readme = _pdf_list(tmp_path / "a", 3000)
    diff = run_cli("--select", "AL306", "--diff", "README.md", cwd=readme.parent)
    assert diff.returncode == 1 and "Would fix 3000 problems." in diff.stderr
    result = run_cli("--select", "AL306", "--fix", "README.md", cwd=readme.parent)
    assert result.returncode == 0 and "Fixed 3000 problems." in result.stderr
    assert readme.read_text(encoding="utf-8") == _fixed(3000)
    # the diff is a patch git accepts, and it makes the same file
    check = tmp_path / "check"
    _pdf_list(check, 3000)
    git("init", "-q", cwd=check)
    (check / "fix.patch").write_text(diff.stdout, encoding="utf-8")
    git("apply", "fix.patch", cwd=check)
    assert (check / "README.md").read_text(encoding="utf-8") == _fixed(3000)
