"""Getting a list set up: `init`, `schema`, and suggestions for typos (real processes)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import CORPUS, ROOT, SEED, needs_shared, run_cli

from awesome_lint import config

EXAMPLE = ROOT / "fixtures" / "example"
SCHEMA_FILE = ROOT / "schema" / "awesome-lint.schema.json"


def _one_line_error(result, *fragments: str) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


# --------------------------------------------------------------------------- schema


def test_schema_command_prints_the_committed_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0, result.stderr
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert result.stdout == committed, (
        "schema/awesome-lint.schema.json is stale: "
        "awesome-lint schema > schema/awesome-lint.schema.json"
    )
    document = json.loads(committed)
    assert document == config.schema()  # the very schema the validator uses
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$id"] == config.SCHEMA_URL
    assert config.SCHEMA_URL.endswith("/main/" + SCHEMA_FILE.relative_to(ROOT).as_posix())


def _readme_config() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1]
    blocks = [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:]]
    return next(block for block in blocks if block.startswith("rules:"))


def test_the_schema_file_judges_configs_as_the_command_does(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))
    (tmp_path / "README.md").write_text("# x\n")
    configs = [
        _readme_config(),
        "rules: {AL306: {form: pdf, version: forbid}}\n",
        "rules: {AL306: {form: html}}\n",
        "rules: {arxiv-id-conflit: off}\n",
        "links: {concurrency: 0}\n",
        "links: {cache_age: {ok: soon}}\n",
        "columns: {Acronym: title, Where: place}\n",
        "years: {order: infer}\n",
    ]
    for text in configs:
        (tmp_path / ".awesome-lint.yml").write_text(text)
        ran = run_cli("--offline", "README.md", cwd=tmp_path)
        valid = validator.is_valid(yaml.safe_load(text))
        assert valid == (ran.returncode != 2), (text, ran.stderr)
    assert validator.is_valid(yaml.safe_load(_readme_config()))


def test_readme_shows_the_editor_line() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"# yaml-language-server: $schema={config.SCHEMA_URL}" in readme


# --------------------------------------------------------------------------- did you mean


def test_a_typo_of_a_command_gets_a_suggestion(tmp_path: Path) -> None:
    _one_line_error(run_cli("rule", "AL002", cwd=tmp_path), "'rule'", "did you mean 'rules'?")
    _one_line_error(run_cli("chek", "README.md", cwd=tmp_path), "did you mean 'check'?")
    _one_line_error(run_cli("explian", "AL001", cwd=tmp_path), "did you mean 'explain'?")
    # other tools' words: what they mean here, not the nearest spelling ("lint" ~ "init")
    _one_line_error(run_cli("lint", "README.md", cwd=tmp_path), "did you mean 'check'?")
    _one_line_error(run_cli("help", cwd=tmp_path), "did you mean '--help'?")
    # a word close to no command is a path, as before
    _one_line_error(run_cli("zzz", cwd=tmp_path), "zzz", "no such file")
    # a file of that name is linted, not corrected
    (tmp_path / "rule").write_text("- [x](https://arxiv.org/abs/2404.089588)\n")
    linted = run_cli("--format", "json", "rule", cwd=tmp_path)
    assert linted.returncode == 1, linted.stderr
    assert [f["code"] for f in json.loads(linted.stdout)] == ["AL003"]


def test_an_unknown_rule_gets_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    _one_line_error(run_cli("explain", "arxiv-id-conflit"), "did you mean 'arxiv-id-conflict'?")
    _one_line_error(run_cli("explain", "AL3O1"), "did you mean 'AL301'?")
    _one_line_error(
        run_cli("--select", "dead-links", "README.md", cwd=tmp_path),
        "--select",
        "did you mean 'dead-link'?",
    )
    _one_line_error(
        run_cli("--ignore", "tabel-shape", "README.md", cwd=tmp_path), "--ignore", "'table-shape'?"
    )
    # nothing close: the usual pointer, and no guess
    line = _one_line_error(run_cli("explain", "AL999"), "awesome-lint rules")
    assert "did you mean" not in line
    (tmp_path / ".awesome-lint.yml").write_text("per-file-ignores:\n  '*.md': [tabel-shape]\n")
    _one_line_error(
        run_cli("README.md", cwd=tmp_path), "per-file-ignores", "did you mean 'table-shape'?"
    )


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("rulez: {}\n", ["rulez: unknown key", "did you mean 'rules'?"]),
        ("rules: {arxiv-id-conflit: off}\n", ["rules.arxiv-id-conflit", "'arxiv-id-conflict'?"]),
        ("links: {concurrence: 4}\n", ["links.concurrence", "did you mean 'concurrency'?"]),
        ("rules: {AL306: {fomr: abs}}\n", ["rules.AL306.fomr", "did you mean 'form'?"]),
        ("years: {oder: infer}\n", ["years.oder", "did you mean 'order'?"]),
    ],
)
def test_an_unknown_config_key_gets_a_suggestion(
    tmp_path: Path, text: str, fragments: list[str]
) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    (tmp_path / ".awesome-lint.yml").write_text(text)
    _one_line_error(run_cli("README.md", cwd=tmp_path), ".awesome-lint.yml", *fragments)


def test_options_for_a_rule_that_is_off_get_one_warning(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("- [A](https://arxiv.org/pdf/2401.00001)\n")
    (tmp_path / ".awesome-lint.yml").write_text(
        "rules:\n"
        "  arxiv-link-style: {form: abs}\n"  # off by default
        "  AL005: {severity: off, max_years_before: 2}\n"  # turned off here
        "  AL304: {labels: {Demo: [example.org]}}\n"  # on by default: fine
    )
    result = run_cli("--format", "json", "README.md", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == []
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 2, result.stderr
    style, year = warnings
    assert style.startswith("awesome-lint: warning: ") and ".awesome-lint.yml" in style
    assert "rules.arxiv-link-style" in style and "off by default" in style
    assert "severity: on" in style and "--extend-select AL306" in style
    assert "rules.AL005" in year and "turned off here" in year
    # turned on from the command line: the options work, nothing to warn about
    enabled = run_cli("--format", "json", "--extend-select", "AL306", "README.md", cwd=tmp_path)
    assert [f["code"] for f in json.loads(enabled.stdout)] == ["AL306"]
    assert "AL306" not in enabled.stderr
    # turned on in the config, as the warning says
    (tmp_path / ".awesome-lint.yml").write_text(
        "rules:\n  arxiv-link-style: {severity: on, form: abs}\n"
    )
    fixed = run_cli("--format", "json", "README.md", cwd=tmp_path)
    assert fixed.stderr == "" and [f["code"] for f in json.loads(fixed.stdout)] == ["AL306"]


# --------------------------------------------------------------------------- init


def _findings(folder: Path, *args: str) -> list[dict]:
    result = run_cli("--offline", "--format", "json", *args, cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _init_keeps_the_findings(folder: Path, name: str = "README.md") -> str:
    """Run init in ``folder``; the config it writes is valid and changes no finding."""
    for old in (".awesome-lint.yml", ".awesome-lint.yaml"):
        (folder / old).unlink(missing_ok=True)
    before = _findings(folder, name)
    result = run_cli("init", *([] if name == "README.md" else [name]), cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote .awesome-lint.yml")
    text = (folder / ".awesome-lint.yml").read_text(encoding="utf-8")
    assert config.load(folder / ".awesome-lint.yml") is not None  # valid
    assert _findings(folder, name) == before
    return text


def test_init_writes_what_it_detected(tmp_path: Path) -> None:
    folder = tmp_path / "list"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("EXPECTED.json"))
    text = _init_keeps_the_findings(folder)
    assert text.startswith(f"# yaml-language-server: $schema={config.SCHEMA_URL}\n")
    data = yaml.safe_load(text)
    # the example's tables: Title | Abstract | Intro (figures) | Useful Links
    assert data["columns"] == {
        "Title": "title",
        "Abstract": "abstract",
        "Intro": "image",
        "Useful Links": "links",
    }
    assert '"Intro": image  # the figure' in text
    assert data["years"] == {"order": "infer"}
    assert "years are ascending in" in text
    # off-by-default rules, commented out, each ready to uncomment
    off = [line for line in text.splitlines() if line.startswith("#   AL")]
    assert [line.split(":")[0] for line in off] == ["#   AL204", "#   AL306"]
    assert "rules" not in data
    # uncommenting `rules:` and a rule's line turns the rule on
    enabled = text.replace("# rules:", "rules:").replace(off[1], off[1].replace("#", " ", 1))
    (folder / ".awesome-lint.yml").write_text(enabled)
    assert "AL306" in {f["code"] for f in _findings(folder, "README.md")}


def test_init_detects_descending_years(tmp_path: Path) -> None:
    rows = "\n".join(f"|{year}|\n| **Paper of {year}** | x |" for year in (2024, 2023, 2021))
    (tmp_path / "list.md").write_text(f"# L\n\n| Method | Notes |\n|---|---|\n{rows}\n")
    text = _init_keeps_the_findings(tmp_path, "list.md")
    assert "years are descending in 1 of the paper tables" in text
    assert "set descending to hold new tables to it too" in text
    assert yaml.safe_load(text)["columns"] == {"Method": "title", "Notes": "abstract"}


def test_init_never_overwrites(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE / "README.md", tmp_path / "README.md")
    for name in (".awesome-lint.yml", ".awesome-lint.yaml"):
        existing = tmp_path / name
        existing.write_text("rules: {AL001: off}\n")
        _one_line_error(run_cli("init", cwd=tmp_path), name, "already exists")
        assert existing.read_text() == "rules: {AL001: off}\n"
        existing.unlink()
    _one_line_error(run_cli("init", "nope.md", cwd=tmp_path), "nope.md", "awesome-lint init")
    empty = tmp_path / "empty"
    empty.mkdir()
    _one_line_error(run_cli("init", cwd=empty), "README.md")
    assert not (empty / ".awesome-lint.yml").exists()


def test_init_on_real_lists(tmp_path: Path) -> None:
    needs_shared(SEED)
    lists = [SEED.parent, *sorted(p for p in CORPUS.iterdir() if (p / "README.md").is_file())[:4]]
    for source in lists:
        folder = tmp_path / source.name
        shutil.copytree(source, folder)
        text = _init_keeps_the_findings(folder)
        assert "columns:" in text and "years:" in text
