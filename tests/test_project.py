"""Project hygiene: imports of an offline run, ruff, and the README's commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT


def _imported_modules(args: list[str], cwd: Path, cache: Path | None = None) -> set[str]:
    """Module names a real run imports, from `python -X importtime`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "awesome_lint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_offline_run_imports_neither_aiohttp_nor_jsonschema(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "fixtures" / "example" / "README.md", readme)
    modules = _imported_modules(["--offline", str(readme)], tmp_path)
    assert "awesome_lint.engine" in modules  # the measurement works
    assert not {m for m in modules if m.split(".")[0] in ("aiohttp", "jsonschema", "yaml")}


def test_a_config_file_brings_jsonschema_but_not_aiohttp(tmp_path: Path) -> None:
    project, cache = tmp_path / "project", tmp_path / "cache"
    project.mkdir()
    (project / "README.md").write_text("# x\n")
    (project / ".awesome-lint.yml").write_text("rules: {AL003: warning}\n")
    modules = _imported_modules(["--offline", "README.md"], project, cache)
    assert "jsonschema" in modules
    assert not {m for m in modules if m.split(".")[0] == "aiohttp"}
    # the same config text again: already validated, jsonschema stays unimported
    again = _imported_modules(["--offline", "README.md"], project, cache)
    assert "jsonschema" not in again and "yaml" in again
    (project / ".awesome-lint.yml").write_text("rules: {AL003: notice}\n")
    assert "jsonschema" in _imported_modules(["--offline", "README.md"], project, cache)


def test_ruff_check_and_format() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    check = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    fmt = subprocess.run([ruff, "format", "--check", "."], cwd=ROOT, capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_two_commands_and_ci_runs_the_second() -> None:
    commands = _quick_start()
    assert len(commands) == 2, commands
    lint_command, test_command = commands
    assert "fixtures/" in lint_command and "python3 -m venv .venv" in lint_command
    assert "pytest" in test_command and "python3 -m venv .venv" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_catalog_ships_in_the_wheel_config() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"rules" = "awesome_lint/_catalog"' in pyproject
