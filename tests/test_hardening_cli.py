"""The command line on bad usage and hostile file system states (issue 9): one line and
exit code 2 for every usage error, no predictable temporary names, only regular files
read, and within a size limit."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from awesome_lint import output

CLEAN = ROOT / "fixtures" / "clean" / "README.md"


# ------------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bogus"], "No such option"),
        (["--format", "xml", "README.md"], "Invalid value for '--format'"),
        (["explain"], "Missing argument 'RULE'"),
        (["--fix", "--diff", "README.md"], "--fix and --diff can't be used together"),
        (["--unsafe-fixes", "README.md"], "--unsafe-fixes needs --fix or --diff"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    shutil.copy(CLEAN, tmp_path / "README.md")
    before = (tmp_path / "README.md").read_bytes()
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("awesome-lint: error: "), result.stderr
    assert message in lines[0]
    assert (tmp_path / "README.md").read_bytes() == before


def test_help_and_version_still_work() -> None:
    assert run_cli("--help").returncode == 0
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("awesome-lint, version")


def test_write_baseline_into_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "dir" / "b.json"
    result = run_cli("--write-baseline", target, CLEAN)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"awesome-lint: error: {target}: cannot write the baseline: No such file or directory"
    ]


# ------------------------------------------------------------------ temporary files


def test_output_ignores_a_planted_link_at_the_old_predictable_name(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    report = tmp_path / "report.txt"
    planted = tmp_path / f".report.txt.{os.getpid()}.tmp"
    planted.symlink_to(victim)
    output.emit("the report\n", report)
    assert victim.read_text() == "precious\n"
    assert report.read_text() == "the report\n" and not report.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == [planted.name, "report.txt", "victim.txt"]


def test_baseline_ignores_a_planted_link_at_the_old_predictable_name(tmp_path: Path) -> None:
    from awesome_lint import baseline

    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    target = tmp_path / "b.json"
    (tmp_path / f".b.json.{os.getpid()}.tmp").symlink_to(victim)
    baseline.write(target, [], {})
    assert victim.read_text() == "precious\n"
    assert '"tool": "awesome-lint"' in target.read_text()


# ------------------------------------------------------------------ what is read


def test_a_symlink_to_dev_zero_in_a_folder_is_one_line_not_a_hang(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    shutil.copytree(CLEAN.parent, folder)
    (folder / "zero.md").symlink_to("/dev/zero")
    result = run_cli(folder, "--offline")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"awesome-lint: error: {folder}/zero.md: a symlink to /dev/zero, outside the "
        f"repository; not read (exclude it in the config)"
    ]
    named = run_cli("--offline", "zero.md", cwd=folder)  # named: no folder walk, still refused
    assert named.returncode == 2
    assert named.stderr.splitlines() == [
        "awesome-lint: error: zero.md: a symlink to /dev/zero, outside the repository; not read"
    ]
    (folder / ".awesome-lint.yml").write_text("exclude: [zero.md]\n")
    assert run_cli(folder, "--offline").returncode == 0  # the rest is linted


def test_a_symlink_out_of_the_repository_in_a_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "notes.md"
    secret.parent.mkdir()
    secret.write_text("# Secret\n\n- [x](https://arxiv.org/abs/2404.089588) SECRET-TEXT\n")
    repo = tmp_path / "repo"
    shutil.copytree(CLEAN.parent, repo)
    (repo / ".git").mkdir()  # the repository's top level
    (repo / "docs").mkdir()
    (repo / "docs" / "notes.md").symlink_to(secret)
    (repo / "docs" / "inside.md").symlink_to(repo / "README.md")  # inside: fine
    result = run_cli("--offline", "--format", "json", ".", cwd=repo)
    assert result.returncode == 2
    assert "SECRET" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"awesome-lint: error: docs/notes.md: a symlink to {secret}, outside the "
        f"repository; not read (exclude it in the config)"
    ]


def test_a_fifo_is_one_line_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "list.md"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "--offline", "list.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,  # it used to wait for a writer forever
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "awesome-lint: error: list.md: not a regular file (a FIFO); not read"
    ]


def test_a_socket_is_one_line(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "list.md"))
        result = run_cli("--offline", "list.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "awesome-lint: error: list.md: not a regular file (a socket); not read"
    ]


def test_a_file_over_the_size_limit_is_one_line(tmp_path: Path) -> None:
    big = tmp_path / "README.md"
    big.write_text("- item\n" * 200_000)  # 1.4 MB
    (tmp_path / ".awesome-lint.yml").write_text("max-file-size: 1MB\n")
    result = run_cli("--offline", "README.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "awesome-lint: error: README.md: larger than 1 MB (the max-file-size setting); not read"
    ]
    (tmp_path / ".awesome-lint.yml").write_text("max-file-size: 2MB\n")
    assert run_cli("--offline", "README.md", cwd=tmp_path).returncode == 0


def test_the_default_size_limit_is_20_mb(tmp_path: Path) -> None:
    big = tmp_path / "README.md"
    with big.open("wb") as stream:
        stream.truncate(20 * 1024 * 1024 + 1)  # sparse: costs no disk
    result = run_cli("--offline", "README.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "larger than 20 MB" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_bad_size_setting_names_the_key(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "README.md")
    (tmp_path / ".awesome-lint.yml").write_text("max-file-size: lots\n")
    result = run_cli("--offline", "README.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "max-file-size: 'lots' is not a size like 20MB" in result.stderr


@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_fifo_as_config_or_baseline_is_one_line(tmp_path: Path, option: str) -> None:
    shutil.copy(CLEAN, tmp_path / "README.md")
    os.mkfifo(tmp_path / "named.pipe")
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "--offline", option, "named.pipe", "README.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,  # it used to wait for a writer forever
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "awesome-lint: error: named.pipe: not a regular file; not read"
    ]
