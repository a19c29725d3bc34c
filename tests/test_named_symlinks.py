"""A list named on the command line, or by the Action's ``paths`` (``README.md`` by
default), is held to the folder walk's boundary (issue 21, item 4): a symlink, of the file
or of a folder on its way, that leads out of the repository is not read, quoted or fixed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli

SECRET = "# Secret\n\n- [x](https://arxiv.org/abs/2404.089588) SECRET-TEXT\n\n[t]: #nowhere\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "notes.md").write_text(SECRET)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)  # the repository's top level
    (repo / "README.md").symlink_to(outside / "notes.md")
    (repo / "docs").symlink_to(outside)  # a folder on the way
    (repo / "inside.md").symlink_to(repo / "list.md")  # inside: fine
    (repo / "list.md").write_text("# Papers\n\n- [Paper](https://arxiv.org/abs/2404.08958)\n")
    return repo


@pytest.mark.parametrize("name", ["README.md", "docs/notes.md"])
def test_a_named_symlink_out_of_the_repository_is_not_read_or_fixed(repo: Path, name: str) -> None:
    real = repo.parent / "elsewhere" / "notes.md"
    for args in (("--offline", name), ("--offline", "--fix", name), ("--offline",)):
        if name != "README.md" and args == ("--offline",):
            continue  # the default list is README.md
        result = run_cli(*args, cwd=repo)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "SECRET" not in result.stdout + result.stderr
        shown = args[-1] if args[-1] != "--offline" else "README.md"
        assert result.stderr.splitlines() == [
            f"awesome-lint: error: {shown}: a symlink to {real}, outside the repository; not read"
        ]
    assert real.read_text() == SECRET  # never fixed


def test_a_named_symlink_inside_the_repository_is_read(repo: Path) -> None:
    result = run_cli("--offline", "inside.md", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_actions_default_paths_is_held_to_the_boundary(repo: Path, tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    environment |= {
        "GITHUB_WORKSPACE": str(repo),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "INPUT_CHECK_LINKS": "none",
    }
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint.action"],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "SECRET" not in result.stdout + result.stderr
    assert "outside the repository; not read" in result.stdout + result.stderr
