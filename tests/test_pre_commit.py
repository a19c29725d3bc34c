"""A real `pre-commit run` with this repository's hook, installed by pre-commit itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, git

CLEAN = ROOT / "fixtures" / "clean"
EXAMPLE = ROOT / "fixtures" / "example"


def _pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("pre-commit is not installed (it is in the test extras)")
    return found


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hook's environment is built once."""
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository")
    return tmp_path_factory.mktemp("pre-commit-home")


def _project(
    tmp_path: Path, extra_config: str = "", hook_args: str = "", source: Path = CLEAN
) -> Path:
    project = tmp_path / "list"
    shutil.copytree(source, project)
    rev = git("rev-parse", "HEAD", cwd=ROOT)
    args = f"        args: {hook_args}\n" if hook_args else ""
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: awesome-lint\n{args}"
    )
    if extra_config:
        (project / ".awesome-lint.yml").write_text(extra_config)
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-qm", "list", cwd=project)
    return project


def _run(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "VIRTUAL_ENV"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [_pre_commit(), "run", "--all-files", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_passes_on_a_clean_list(tmp_path: Path, hook_home: Path) -> None:
    result = _run(_project(tmp_path), hook_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "awesome-lint" in result.stdout and "Passed" in result.stdout


def test_hook_fails_and_prints_the_findings(tmp_path: Path, hook_home: Path) -> None:
    project = _project(tmp_path)
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace("2303.15389", "2303.153890"), encoding="utf-8")
    (project / "drafts").mkdir()
    (project / "drafts" / "wip.md").write_text("- [x](https://arxiv.org/abs/2404.089588)\n")
    git("add", "-A", cwd=project)
    result = _run(project, hook_home)
    assert result.returncode == 1, result.stdout
    assert "Failed" in result.stdout
    assert "README.md:" in result.stdout and "AL003 [error]" in result.stdout
    assert "2303.153890" in result.stdout
    assert "wip.md" in result.stdout


def test_hook_honours_config_excludes(tmp_path: Path, hook_home: Path) -> None:
    project = _project(tmp_path, extra_config="exclude: [drafts/]\n")
    (project / "drafts").mkdir()
    (project / "drafts" / "wip.md").write_text("- [x](https://arxiv.org/abs/2404.089588)\n")
    git("add", "-A", cwd=project)
    result = _run(project, hook_home)
    assert result.returncode == 0, result.stdout


def test_a_file_named_like_an_option_is_a_file(tmp_path: Path, hook_home: Path) -> None:
    """pre-commit appends file names to the hook's entry: they come after "--"."""
    project = _project(tmp_path)
    readme = project / "README.md"
    before = readme.read_bytes()
    (project / "--output=README.md").write_text(
        "# Notes\n\n- [x](https://arxiv.org/abs/2404.089588)\n"
    )
    git("add", "-A", cwd=project)
    result = _run(project, hook_home)
    assert readme.read_bytes() == before  # not overwritten by a report
    assert result.returncode == 1, result.stdout
    assert "--output=README.md:3:" in result.stdout and "AL003 [error]" in result.stdout


def test_adopting_the_hook_on_a_list_with_findings(tmp_path: Path, hook_home: Path) -> None:
    """The README's recipe: record a baseline, commit it, pass it in the hook's args:; the
    hook then fails on one new defect only, and a file named like an option is a file."""
    project = _project(
        tmp_path, hook_args="[--baseline, .awesome-lint-baseline.json]", source=EXAMPLE
    )
    readme = project / "README.md"
    recorded = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "--write-baseline",
         ".awesome-lint-baseline.json", "README.md"],
        cwd=project, capture_output=True, text=True,
    )  # fmt: skip
    assert recorded.returncode == 0 and "Recorded" in recorded.stdout, recorded.stderr
    git("add", "-A", cwd=project)
    passed = _run(project, hook_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    text = readme.read_text(encoding="utf-8")
    readme.write_text(text + "\n- [New](https://arxiv.org/abs/2404.089588)\n", encoding="utf-8")
    (project / "--output=README.md").write_text("# Notes\n")
    git("add", "-A", cwd=project)
    before = readme.read_bytes()
    failed = _run(project, hook_home)
    assert readme.read_bytes() == before
    assert failed.returncode == 1, failed.stdout
    findings = [line for line in failed.stdout.splitlines() if ": AL" in line]
    assert len(findings) == 1 and "2404.089588" in findings[0], failed.stdout
