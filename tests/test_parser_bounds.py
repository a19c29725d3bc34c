"""Hostile markdown parses in linear time (issue 9, item 7): each input took 17-37 s (markdown-it-py alone: under 0.7 s)
before the parser's HTML, suppression and header scans were made linear, and takes well
under a second now. The timeout is a guard against a return to quadratic time, not a
speed target (those are in benchmarks/hostile_inputs.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# name -> markdown; sizes as in the report
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


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markdown_is_linted_in_bounded_time(tmp_path: Path, name: str) -> None:
    path = tmp_path / "README.md"
    path.write_text(HOSTILE[name], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "--offline", "--isolated", str(path)],
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Checked 1 file" in result.stdout


def test_only_the_first_src_of_an_img_counts() -> None:
    from awesome_lint.parser import parse

    document = parse(HOSTILE["img-with-many-src"], "README.md")
    assert [link.target for link in document.links] == ["a.png"]
