"""Config files: discovery, validation with messages naming the key, and their effects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from awesome_lint.config import ConfigError, find_config, glob_match, load

BAD = "- [x](https://arxiv.org/abs/2404.089588)\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_found_upward_and_yml_wins(tmp_path: Path) -> None:
    _write(tmp_path, ".awesome-lint.yaml", "rules: {AL003: warning}\n")
    _write(tmp_path, ".awesome-lint.yml", "rules: {AL003: notice}\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / ".awesome-lint.yml"
    readme = _write(deep, "README.md", BAD)
    findings = json.loads(run_cli("--format", "json", readme, cwd=tmp_path).stdout)
    assert [(f["code"], f["severity"]) for f in findings] == [("AL003", "notice")]


def test_config_option_and_isolated(tmp_path: Path) -> None:
    _write(tmp_path, "cfg.yml", "rules:\n  arxiv-id-malformed: off\n")
    readme = _write(tmp_path, "README.md", BAD)
    assert run_cli("--config", tmp_path / "cfg.yml", readme).returncode == 0
    _write(tmp_path, ".awesome-lint.yml", "rules:\n  AL003: off\n")
    assert run_cli(readme).returncode == 0
    assert run_cli("--isolated", readme).returncode == 1


def test_unquoted_off_and_on_are_accepted(tmp_path: Path) -> None:
    config = _write(tmp_path, ".awesome-lint.yml", "rules:\n  AL003: off\n  AL204: on\n")
    loaded = load(config)
    assert loaded.rules["AL003"].enabled is False
    assert loaded.rules["AL204"].enabled is True


def test_cli_selection_beats_config(tmp_path: Path) -> None:
    _write(tmp_path, ".awesome-lint.yml", "rules:\n  AL003: off\n")
    readme = _write(tmp_path, "README.md", BAD)
    assert run_cli("--extend-select", "AL003", readme).returncode == 1


def test_exclude_is_honoured_for_named_files(tmp_path: Path) -> None:
    _write(tmp_path, ".awesome-lint.yml", "exclude: ['drafts/**', 'CHANGELOG.md']\n")
    draft = _write(tmp_path, "drafts/new.md", BAD)
    log = _write(tmp_path, "docs/CHANGELOG.md", BAD)
    kept = _write(tmp_path, "README.md", BAD)
    result = run_cli("--format", "json", draft, log, kept, cwd=tmp_path)
    assert {f["path"] for f in json.loads(result.stdout)} == {"README.md"}
    assert run_cli(draft, cwd=tmp_path).returncode == 0


def test_per_file_ignores(tmp_path: Path) -> None:
    _write(tmp_path, ".awesome-lint.yml", "per-file-ignores:\n  'archive/*.md': [AL003]\n")
    old = _write(tmp_path, "archive/2020.md", BAD)
    new = _write(tmp_path, "README.md", BAD)
    result = run_cli("--format", "json", old, new, cwd=tmp_path)
    assert {f["path"] for f in json.loads(result.stdout)} == {"README.md"}


def test_columns_map_a_header_to_a_role(tmp_path: Path) -> None:
    table = (
        "| Acronym | Where |\n|---|---|\n"
        "| CLIP | [x](https://arxiv.org/abs/2103.00020) |\n"
        "| CLIP | [x](https://arxiv.org/abs/2103.00020) |\n"
    )
    readme = _write(tmp_path, "README.md", table)
    before = json.loads(run_cli("--format", "json", readme).stdout)
    assert [f["code"] for f in before] == ["AL903"]
    _write(tmp_path, ".awesome-lint.yml", "columns:\n  Acronym: title\n  Where: paper\n")
    after = json.loads(run_cli("--format", "json", readme).stdout)
    assert [(f["code"], f["line"]) for f in after] == [("AL001", 4)]


def test_years_order(tmp_path: Path) -> None:
    table = "| Title | Links |\n|---|---|\n|2024|\n| **A** | x |\n|2023|\n| **B** | y |\n"
    readme = _write(tmp_path, "README.md", table)
    assert run_cli(readme).returncode == 0  # inferred: descending
    _write(tmp_path, ".awesome-lint.yml", "years:\n  order: ascending\n")
    assert run_cli(readme).returncode == 1


def test_rule_options_reach_the_rule(tmp_path: Path) -> None:
    table = (
        "| Title | Links |\n|---|---|\n|2024|\n| **A** | [p](https://arxiv.org/abs/1706.03762) |\n"
    )
    readme = _write(tmp_path, "README.md", table)
    assert "AL005" not in run_cli(readme).stdout
    _write(tmp_path, ".awesome-lint.yml", "rules:\n  AL005: {max_years_before: 3}\n")
    assert "AL005" in run_cli(readme).stdout


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("rules: {AL001: [1]}\n", ["rules.AL001"]),
        ("rules: {AL555: off}\n", ["rules.AL555", "unknown rule"]),
        ("exclude: README.md\n", ["exclude", "not of type"]),
        ("columns: {Title: heading}\n", ["columns.Title", "heading", "title"]),
        ("years: {order: random}\n", ["years.order", "ascending"]),
        ("links: {cache_age: {ok: soon}}\n", ["links.cache_age.ok", "duration"]),
        ("links: {concurrency: 0}\n", ["links.concurrency"]),
        ("per-file-ignores: {'*.md': [nonsense-rule]}\n", ["per-file-ignores", "nonsense-rule"]),
        ("- just\n- a list\n", ["mapping"]),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, text: str, fragments: list[str]) -> None:
    config = _write(tmp_path, ".awesome-lint.yml", text)
    with pytest.raises(ConfigError) as error:
        load(config)
    message = str(error.value)
    assert message.startswith(str(config))
    for fragment in fragments:
        assert fragment in message, message


def test_empty_config_is_fine(tmp_path: Path) -> None:
    assert load(_write(tmp_path, ".awesome-lint.yml", "")).rules == {}


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.md", "docs/a.md", True),
        ("docs/*.md", "docs/a.md", True),
        ("docs/*.md", "docs/x/a.md", False),
        ("docs/**", "docs/x/a.md", True),
        ("**/CHANGELOG.md", "CHANGELOG.md", True),
        ("drafts/", "drafts/a.md", True),
        ("README.md", "sub/README.md", True),
        ("/README.md", "sub/README.md", False),
    ],
)
def test_glob_match(pattern: str, path: str, matches: bool) -> None:
    assert glob_match(pattern, path) is matches
