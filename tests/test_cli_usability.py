"""Issue 18's smaller items: the fix marks' legend, explain's examples, did-you-mean for
option values, --statistics formats, standard input, and the top-level help."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, run_cli

from awesome_lint import catalog

EXAMPLE = ROOT / "fixtures" / "example" / "README.md"


def test_rules_marks_mean_what_plain_fix_does_and_have_a_legend() -> None:
    result = run_cli("rules")
    lines = result.stdout.rstrip().splitlines()
    assert lines[-1].startswith("[*] a safe fix: --fix applies it, offline")
    assert "[-] fixes only with --unsafe-fixes or --online" in lines[-1]
    marks = {
        line[:5]: re.search(r"\[[* -]\]", line).group()
        for line in lines
        if re.match(r"AL\d{3} ", line)
    }
    assert marks["AL302"] == "[*]"  # a safe offline fix
    assert marks["AL002"] == "[-]"  # its only fix is online and unsafe
    assert marks["AL201"] == "[ ]"
    listed = {
        rule["code"]: rule for rule in json.loads(run_cli("rules", "--format", "json").stdout)
    }
    assert listed["AL002"]["fixable"] is False and listed["AL002"]["unsafe_fixable"] is True
    assert listed["AL302"]["fixable"] is True
    # the same meaning as --statistics: AL302's findings are fixed by a plain --fix there too
    statistics = run_cli("--offline", "--statistics", EXAMPLE).stdout
    assert "\tAL302\t[*]\t" in statistics
    for info in catalog.load().values():
        assert info.fix_mark == "[ ]" or info.fixable


def test_explain_shows_each_examples_name_text_and_fix() -> None:
    result = run_cli("explain", "AL002")
    assert result.returncode == 0
    text = result.stdout
    examples = catalog.load()["AL002"].examples["trigger"]
    for example in examples[:2]:
        assert example["name"] in text
    assert "after --fix --unsafe-fixes --online:" in text
    assert "https://arxiv.org/pdf/2309.12314" in text  # the fixed text
    assert "Fixable: only with --unsafe-fixes or --online" in text
    safe = run_cli("explain", "AL302").stdout
    assert "after --fix:" in safe and "Fixable: yes, with --fix" in safe


def test_option_values_get_a_did_you_mean() -> None:
    result = run_cli("--format", "jsn", EXAMPLE)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("did you mean 'json'?")
    assert result.stderr.count("\n") == 1


def test_statistics_in_a_format_it_cannot_honour_is_a_usage_error() -> None:
    for name in ("github", "sarif"):
        result = run_cli("--offline", "--statistics", "--format", name, EXAMPLE)
        assert result.returncode == 2 and result.stdout == ""
        assert f"--statistics has no {name} format" in result.stderr


def _stdin(args: list[str], text: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "awesome_lint", *args],
        input=text,
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )


def test_dash_reads_standard_input_as_the_named_file(tmp_path: Path) -> None:
    folder = tmp_path / "list"
    folder.mkdir()
    (folder / ".awesome-lint.yml").write_text("rules: {AL003: warning}\n")
    text = "# Notes\n\n- [x](https://arxiv.org/abs/2404.089588)\n"
    named = _stdin(["--offline", "-", "--stdin-filename", "list/README.md"], text, tmp_path)
    assert named.returncode == 0, named.stderr  # the config beside the name made it a warning
    assert named.stdout.startswith("list/README.md:3:") and "AL003 [warning]" in named.stdout
    plain = _stdin(["--offline", "-"], text, tmp_path)
    assert plain.returncode == 1 and plain.stdout.startswith("-:3:")
    refused = _stdin(["--offline", "--fix", "-"], text, tmp_path)
    assert refused.returncode == 2 and "standard input" in refused.stderr
    alone = _stdin(["--offline", "--stdin-filename", "x.md", str(EXAMPLE)], text, tmp_path)
    assert alone.returncode == 2 and "--stdin-filename needs the path '-'" in alone.stderr


def test_top_level_help_lists_the_check_options() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    help_text = result.stdout
    check = help_text.index("Check options")
    for option in ("--select", "--fix", "--baseline", "--fail-on", "--stdin-filename"):
        assert help_text.index(option, check) > check
