"""Adopting the linter on a list with findings: hook arguments, run-wide config keys."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROOT, run_cli

EXAMPLE = ROOT / "fixtures" / "example"
NEW_DEFECT = "\n- [New](https://arxiv.org/abs/2404.089588)\n"


def _list_with_baseline(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "list")
    project = tmp_path / "list"
    recorded = run_cli("--write-baseline", "baseline.json", "README.md", cwd=project)
    assert recorded.returncode == 0 and "Recorded" in recorded.stdout, recorded.stderr
    return project


def test_hook_arguments_come_before_the_files_and_a_file_named_like_an_option_stays_one(
    tmp_path: Path,
) -> None:
    """How pre-commit calls the hook: entry, then args:, then the file names."""
    project = _list_with_baseline(tmp_path)
    readme = project / "README.md"
    before = readme.read_bytes()
    (project / "--output=README.md").write_text("# Notes\n" + NEW_DEFECT)
    entry = ["check", "--offline", "--pre-commit", "--"]
    hook_args = ["--baseline", "baseline.json", "--fail-on", "error"]
    result = run_cli(*entry, *hook_args, "--output=README.md", "README.md", cwd=project)
    assert readme.read_bytes() == before
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if ": AL" in line]
    assert lines == [line for line in lines if line.startswith("--output=README.md:3:")]
    assert len(lines) == 1 and "AL003 [error]" in lines[0]
    # without args: the old findings are all there
    plain = run_cli(*entry, "README.md", cwd=project)
    assert plain.returncode == 1 and plain.stdout.count("README.md:") > 5
    # an option's value is taken whatever it looks like; a typo is a usage error
    typo = run_cli(*entry, "--baselin", "baseline.json", "README.md", cwd=project)
    assert typo.returncode == 2 and "--baseline" in typo.stderr
    assert typo.stderr.count("\n") == 1


def test_without_the_hook_flag_everything_after_the_separator_is_a_file(tmp_path: Path) -> None:
    project = _list_with_baseline(tmp_path)
    result = run_cli("check", "--offline", "--", "--baseline", "README.md", cwd=project)
    assert result.returncode == 2 and "--baseline" in result.stderr  # a file that isn't there


def test_config_baseline_fail_on_and_exit_zero(tmp_path: Path) -> None:
    project = _list_with_baseline(tmp_path)
    config = project / ".awesome-lint.yml"
    config.write_text("baseline: baseline.json\n")
    assert run_cli("README.md", cwd=project).returncode == 0
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + NEW_DEFECT, encoding="utf-8")
    found = run_cli("README.md", cwd=project)
    assert found.returncode == 1
    assert [line for line in found.stdout.splitlines() if ": AL" in line] == [
        line for line in found.stdout.splitlines() if "2404.089588" in line
    ]
    # the command line's --baseline wins over the config's
    other = run_cli("--write-baseline", "all.json", "README.md", cwd=project)
    assert other.returncode == 0
    assert run_cli("--baseline", "all.json", "README.md", cwd=project).returncode == 0
    # a warning fails with fail-on: warning (config) and not with --fail-on error
    readme.write_text(
        readme.read_text(encoding="utf-8").replace(NEW_DEFECT, "\n- [A](#nowhere-at-all)\n")
    )
    config.write_text("baseline: baseline.json\nfail-on: warning\n")
    warned = run_cli("README.md", cwd=project)
    assert (
        warned.returncode == 1 and "[warning]" in warned.stdout and "[error]" not in warned.stdout
    )
    assert run_cli("--fail-on", "error", "README.md", cwd=project).returncode == 0
    config.write_text("baseline: baseline.json\nfail-on: warning\nexit-zero: true\n")
    assert run_cli("README.md", cwd=project).returncode == 0


def test_config_keys_are_validated(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    for text, fragment in (
        ("fail-on: sometimes\n", "fail-on"),
        ("exit-zero: 3\n", "exit-zero"),
        ("baseline: missing.json\n", "missing.json"),
    ):
        (tmp_path / ".awesome-lint.yml").write_text(text)
        result = run_cli("README.md", cwd=tmp_path)
        assert result.returncode == 2 and fragment in result.stderr, (text, result.stderr)
        assert result.stderr.count("\n") == 1
