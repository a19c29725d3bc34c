"""The config's globs (exclude, per-file-ignores) match in linear time (issue 9, item 7)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.config import expand_glob, glob_match

HOSTILE = "**/" * 11 + "*.txt"  # took 69 s against the path below with the regex matcher
DEEP = "a/" * 26 + "README.md"


def _reference(pattern: str, relative: str) -> bool:
    """The straightforward regex reading of the same segments, for small inputs (the
    linear matcher is what is under test, not the pattern's expansion)."""
    pattern = expand_glob(pattern)
    regex = ""
    for index, part in enumerate(pattern.split("/")):
        last = index == len(pattern.split("/")) - 1
        if part == "**":
            regex += ".+" if last else "(?:[^/]+/)*"
            continue
        regex += "".join(
            "[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c) for c in part
        )
        regex += "" if last else "/"
    return re.fullmatch(regex, relative) is not None


segment = st.text(alphabet="ab.", min_size=1, max_size=3)
glob_segment = st.one_of(
    st.text(alphabet="ab*?", min_size=1, max_size=4).filter(lambda s: "**" not in s),
    st.just("**"),
)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(
    parts=st.lists(glob_segment, min_size=1, max_size=4),
    leading=st.sampled_from(["", "/", "./"]),
    trailing=st.sampled_from(["", "/"]),
    path=st.lists(segment, min_size=1, max_size=5),
)
def test_glob_match_agrees_with_the_regex_reading(
    parts: list[str], leading: str, trailing: str, path: list[str]
) -> None:
    pattern = leading + "/".join(parts) + trailing
    if pattern.strip("/.") == "":
        return
    relative = "/".join(path)
    assert glob_match(pattern, relative) is _reference(pattern, relative), (pattern, relative)


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("a/**/b.md", "a/b.md", True),
        ("a/**/b.md", "a/x/y/b.md", True),
        ("a/**", "a", False),
        ("a/**", "a/b", True),
        ("**/x/**/*.md", "p/x/q/r.md", True),
        ("*a*a*a*a*a*a*b", "a" * 200, False),  # many stars in one segment: no backtracking
        (HOSTILE, DEEP, False),
        (HOSTILE, "a/" * 26 + "x.txt", True),
    ],
)
def test_glob_cases(pattern: str, path: str, matches: bool) -> None:
    assert glob_match(pattern, path) is matches


def test_a_hostile_exclude_glob_against_a_deep_path_is_fast(tmp_path: Path) -> None:
    folder = tmp_path / DEEP.rsplit("/", 1)[0]
    shutil.copytree(ROOT / "fixtures" / "clean", folder)
    (tmp_path / ".awesome-lint.yml").write_text(
        f'exclude: ["{HOSTILE}"]\nper-file-ignores:\n  "{HOSTILE}": [AL001]\n'
    )
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "--offline", DEEP],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,  # generous: the regex matcher took over a minute, this takes well under 1 s
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed!" in result.stdout
