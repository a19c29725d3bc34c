"""Shared test helpers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "README.md"
CORPUS = SHARED / "corpus"


def needs_shared(path: Path) -> None:
    """Tests that read ../shared skip cleanly when it is absent."""
    if not path.exists():
        pytest.skip(f"{path} is not available")


def run_cli(
    *args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command in a fresh process, as a user would."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("PRE_COMMIT", None)
    return subprocess.run(
        [sys.executable, "-m", "awesome_lint", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def git(*args: str, cwd: Path) -> str:
    """Run git in a test repository, with a fixed identity."""
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout.strip()
