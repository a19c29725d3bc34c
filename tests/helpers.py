"""Shared test helpers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
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


@dataclass
class PullRequest:
    origin: Path  # the "GitHub" side: main, the pull request's branch, refs/pull/N/merge
    checkout: Path  # what actions/checkout makes: the test merge commit at depth 1
    base: str
    head: str
    event: dict[str, object]  # a pull_request event payload


def make_pull_request(top: Path, new_line: str, at_line: int, number: int = 1) -> PullRequest:
    """A pull request adding ``new_line`` as line ``at_line`` of the example list, and the
    depth-1 checkout of its test merge commit, fetched from a local origin."""
    origin = top / "origin"
    shutil.copytree(
        ROOT / "fixtures" / "example", origin, ignore=shutil.ignore_patterns("EXPECTED.json")
    )
    git("init", "-q", cwd=origin)
    git("config", "uploadpack.allowAnySHA1InWant", "true", cwd=origin)  # GitHub serves SHAs
    git("add", "-A", cwd=origin)
    git("commit", "-qm", "the list", cwd=origin)
    base = git("rev-parse", "HEAD", cwd=origin)
    git("checkout", "-qb", "add-paper", cwd=origin)
    readme = origin / "README.md"
    lines = readme.read_text(encoding="utf-8").split("\n")
    lines.insert(at_line - 1, new_line)
    readme.write_text("\n".join(lines), encoding="utf-8")
    git("commit", "-qam", "add a paper", cwd=origin)
    head = git("rev-parse", "HEAD", cwd=origin)
    git("checkout", "-q", "--detach", base, cwd=origin)
    git("merge", "-q", "--no-ff", "-m", f"Merge {head} into {base}", head, cwd=origin)
    ref = f"refs/pull/{number}/merge"
    git("update-ref", ref, "HEAD", cwd=origin)
    git("checkout", "-q", "main", cwd=origin)
    checkout = top / "workspace"
    git("init", "-q", str(checkout), cwd=top)
    git("remote", "add", "origin", origin.as_uri(), cwd=checkout)
    local = f"refs/remotes/pull/{number}/merge"
    git("fetch", "-q", "--no-tags", "--depth=1", "origin", f"+{ref}:{local}", cwd=checkout)
    git("checkout", "-q", "--detach", local, cwd=checkout)
    assert git("rev-parse", "--is-shallow-repository", cwd=checkout) == "true"
    event: dict[str, object] = {
        "action": "synchronize",
        "number": number,
        "pull_request": {
            "number": number,
            "base": {"ref": "main", "sha": base},
            "head": {"ref": "add-paper", "sha": head},
        },
    }
    return PullRequest(origin, checkout, base, head, event)
