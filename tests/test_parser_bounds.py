"""Hostile markdown parses in linear time (issue 9, item 7): each input took 17-37 s (markdown-it-py alone: under 0.7 s)
before the parser's HTML, suppression and header scans were made linear, and takes well
under a second now. The timeout is a guard against a return to quadratic time, not a
speed target (those are in benchmarks/hostile_inputs.py)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))

from hostile import FAMILIES, RULE_CASES, hostile_list

# name -> markdown; sizes as in the issue's report
HOSTILE = {
    "unclosed-summaries": "<details>\n" + "<summary>x" * 20_000 + "\n",
    "summary-then-lt": "<details>\n<summary>" + "<" * 100_000 + "\n",
    "details-then-open-anchors": "<details>\n" + "<a " * 70_000 + "\n",
    "unclosed-suppressions": "x " + "<!-- awesome-lint-disable " * 8_000 + "\n",
    "header-cell-of-lt": "| " + "<" * 100_000 + " | b |\n|---|---|\n| x | y |\n",
    "img-with-many-src": "<img " + 'src="a.png" ' * 20_000 + ">\n",
    "inline-img-with-many-src": "a <img " + 'src="a.png" ' * 20_000 + "> b\n",
}
GUARD_SECONDS = 5  # each took 8-37 s before, under 1 s now


def _lint_within_guard(path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "--offline", "--isolated", str(path)],
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Checked 1 file" in result.stdout


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markdown_is_linted_in_bounded_time(tmp_path: Path, name: str) -> None:
    path = tmp_path / "README.md"
    path.write_text(HOSTILE[name], encoding="utf-8")
    _lint_within_guard(path)


# Two sizes four times apart: a quadratic reader or rule that passes the small one takes
# 16 times as long on the large one. The quote followed by spaces took over 30 s at 2,000
# spaces before the quoted-title pattern was made linear (issue 20).
GROWTH_SIZES = (2_000, 8_000)


def _lint_in_a_fork(path: Path) -> None:
    """A whole offline run of ``path`` in a forked child (no interpreter start-up per case),
    ended when it runs past the guard."""
    from awesome_lint.engine import Selection
    from awesome_lint.run import CheckOptions, run

    every_rule = Selection(select=("ALL",))  # the rules that are off by default too

    def child() -> None:
        try:
            result = run(CheckOptions(paths=(path,), isolated=True, selection=every_rule))
        except BaseException:  # any error: reported through the exit code
            os._exit(3)
        os._exit(0 if len(result.documents) == 1 else 4)

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(GUARD_SECONDS)
    if process.is_alive():
        process.kill()
        process.join()
        pytest.fail(f"{path.name}: still running after {GUARD_SECONDS} s")
    assert process.exitcode == 0, f"the run ended with {process.exitcode}"


@pytest.mark.parametrize("size", GROWTH_SIZES)
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_reader_and_rule_is_bounded_on_hostile_text(
    tmp_path: Path, family: str, size: int
) -> None:
    path = tmp_path / "README.md"
    path.write_text(hostile_list(family, size), encoding="utf-8")
    _lint_in_a_fork(path)


def test_only_the_first_src_of_an_img_counts() -> None:
    from awesome_lint.parser import parse

    document = parse(HOSTILE["img-with-many-src"], "README.md")
    assert [link.target for link in document.links] == ["a.png"]


# Issue 21's "linear time" table: each case at an eighth and a thirty-second of the size
# the issue timed (the eighth took 3-70 s before the rules were made linear).
@pytest.mark.parametrize("divisor", (32, 8))
@pytest.mark.parametrize("case", sorted(RULE_CASES))
def test_every_rule_is_bounded_on_many_rows_alike(tmp_path: Path, case: str, divisor: int) -> None:
    _, build, issue_size = RULE_CASES[case]
    path = tmp_path / "README.md"
    path.write_text(build(issue_size // divisor), encoding="utf-8")
    _lint_in_a_fork(path)
