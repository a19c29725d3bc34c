"""Repository hygiene: no committed merge-conflict markers, the contributors' pre-commit config."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

# A line that starts a conflict marker, as git writes them (also diff3's `|||||||`). A
# markdown setext underline of exactly seven `=` alone on its line reads as a marker too
# (pre-commit's check-merge-conflict treats it the same way): underline with another length.
CONFLICT_MARKER = re.compile(r"^(?:<{7}(?: |$)|>{7}(?: |$)|\|{7}(?: |$)|={7}$)", re.MULTILINE)


def _tracked_text_files() -> list[Path]:
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository")
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    files = []
    for name in listing.decode("utf-8", "surrogateescape").split("\0"):
        path = ROOT / name
        if name and path.is_file() and b"\0" not in path.read_bytes()[:8192]:
            files.append(path)
    return files


def conflict_markers(text: str) -> list[int]:
    """Line numbers (1-based) of the lines that start a conflict marker."""
    return [text.count("\n", 0, m.start()) + 1 for m in CONFLICT_MARKER.finditer(text)]


def test_the_marker_pattern_finds_markers_and_only_markers() -> None:
    merged = "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> topic\nd\n|||||||\n"
    assert conflict_markers(merged) == [2, 4, 6, 8]
    legit = "Title\n======\n\nTitle\n========\n\n<<<<<<<<\na ======= b\n>>>>>>>>\n"
    assert conflict_markers(legit) == []


def test_no_tracked_text_file_holds_a_conflict_marker() -> None:
    files = _tracked_text_files()
    assert any(path.name == "README.md" for path in files)  # the listing works
    found = []
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        found += [f"{path.relative_to(ROOT)}:{line}" for line in conflict_markers(text)]
    assert found == [], "conflict markers committed: " + ", ".join(found)


def test_contributors_pre_commit_config_runs_the_standard_checks() -> None:
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "https://github.com/pre-commit/pre-commit-hooks" in config
    assert re.search(r"^\s+rev: v\d+\.\d+\.\d+$", config, re.MULTILINE)  # pinned
    for hook in ("check-merge-conflict", "end-of-file-fixer"):
        assert re.search(rf"- id: {hook}$", config, re.MULTILINE), hook
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (it is in the test extras)")
    result = subprocess.run(
        [pre_commit, "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
