"""`awesome-lint export` as data (issue 12): a JSON Schema for the records, records that
validate against it for every real list, valid and raw arXiv IDs apart, ISO dates, the
entry's findings, JSON Lines and documented CSV columns."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from helpers import ROOT, run_cli
from jsonschema import Draft202012Validator

from awesome_lint import export


def _schema() -> dict:
    result = run_cli("export", "--schema")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _validator() -> Draft202012Validator:
    schema = _schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(validator: Draft202012Validator, records: object) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(records)
    ][:5]


def test_the_schema_is_draft_2020_12_and_the_shipped_copy_is_current() -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    shipped = json.loads((ROOT / "schema" / "export.schema.json").read_text(encoding="utf-8"))
    assert shipped == schema, "stale: awesome-lint export --schema > schema/export.schema.json"
    assert run_cli("export", "--schema", "README.md").returncode == 2


def test_seed_records(seed: Path) -> None:
    result = run_cli("export", seed.name, cwd=seed.parent)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert _errors(_validator(), records) == []
    assert len(records) == 36
    assert len([r for r in records if r["arxiv_id"] is not None]) == 34
    amu = next(r for r in records if r["title"].startswith("AMU-Tuning"))
    assert amu["arxiv_id_raw"] == "2404.089588" and amu["arxiv_id"] is None
    assert amu["arxiv_version"] is None and amu["findings"] == ["AL003"]
    tiny = next(r for r in records if r["title"].startswith("TinyCLIP"))
    assert (tiny["line"], tiny["arxiv_id"], tiny["findings"]) == (69, "2211.01335", ["AL002"])
    assert tiny["form"] == "table" and tiny["badge_repo"] == "microsoft/Cream"
    versioned = [r for r in records if r["arxiv_version"] is not None]
    assert all(r["arxiv_id_raw"] == f"{r['arxiv_id']}v{r['arxiv_version']}" for r in versioned)
    # an entry without findings says so with an empty list
    assert sum(1 for r in records if r["findings"] == []) >= 25


def test_every_corpus_list_validates(corpus: Path) -> None:
    lists = sorted(
        path.relative_to(corpus)
        for path in corpus.rglob("*.md")
        if path.name not in ("SOURCE.md", "KNOWN-DEFECTS.md") and path.stat().st_size
    )
    result = run_cli("export", *lists, cwd=corpus)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert _errors(_validator(), records) == []
    exported = {r["path"] for r in records}
    assert len(exported) >= 12  # the paper lists all gave records
    forms = {r["form"] for r in records}
    assert {"table", "item", "block"} <= forms
    raw_only = [r for r in records if r["arxiv_id_raw"] and r["arxiv_id"] is None]
    assert raw_only  # the corpus has malformed IDs (KNOWN-DEFECTS.md): kept as written
    assert all("AL003" in r["findings"] or r["arxiv_id_raw"] for r in raw_only)
    dated = [r for r in records if r["date"] is not None]
    assert dated and all(re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", r["date"]) for r in dated)


LIST = """# Papers

## 2024

- [Alpha: A Paper About Things](https://arxiv.org/abs/2405.00001v2) - Venue (2024.05)
- [Beta: Another Paper About Things](https://arxiv.org/pdf/2405.000012) (2024.05)

**Gamma: A Block Paper About Things** \\
A. Author \\
[[Paper]](https://arxiv.org/abs/2208.00003) 25 Aug 2022
"""


def test_dates_ids_jsonl_and_csv(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    records = json.loads(run_cli("export", "README.md", cwd=tmp_path).stdout)
    by_title = {r["title"].split(":")[0]: r for r in records}
    alpha, beta, gamma = by_title["Alpha"], by_title["Beta"], by_title["Gamma"]
    assert (alpha["arxiv_id"], alpha["arxiv_id_raw"], alpha["arxiv_version"]) == (
        "2405.00001",
        "2405.00001v2",
        2,
    )
    assert (alpha["form"], alpha["date"]) == ("item", "2024-05")
    assert (beta["arxiv_id"], beta["arxiv_id_raw"], beta["findings"]) == (
        None,
        "2405.000012",
        ["AL003"],
    )
    assert (gamma["form"], gamma["date"], gamma["arxiv_id"]) == (
        "block",
        "2022-08-25",
        "2208.00003",
    )

    lines = run_cli("export", "--format", "jsonl", "README.md", cwd=tmp_path).stdout.splitlines()
    assert [json.loads(line) for line in lines] == records
    schema = _schema()
    record_validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/record"})
    assert all(_errors(record_validator, json.loads(line)) == [] for line in lines)

    rows = list(
        csv.DictReader(
            io.StringIO(run_cli("export", "--format", "csv", "README.md", cwd=tmp_path).stdout)
        )
    )
    assert tuple(rows[0]) == export.CSV_COLUMNS
    assert rows[1]["arxiv_id"] == "" and rows[1]["arxiv_id_raw"] == "2405.000012"
    assert rows[1]["findings"] == "AL003" and rows[0]["date"] == "2024-05"


def test_the_readme_documents_the_csv_columns() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `(\w+)` \|", readme.split("### Export", 1)[1], re.MULTILINE)
    assert tuple(documented[: len(export.CSV_COLUMNS)]) == export.CSV_COLUMNS


CUTTABLE = """# Papers

## Robots

+ [First Robot Paper](https://arxiv.org/abs/2401.00001) (RSS 2024)
  [![Star](https://img.shields.io/github/stars/a/first.svg?style=social&label=Star)](https://github.com/a/first)
  [![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](https://arxiv.org/abs/2401.00001)
+ [Second Robot Paper](https://arxiv.org/abs/2402.00002) (CoRL 2024)
  [![Star](https://img.shields.io/github/stars/b/second.svg?style=social&label=Star)](https://github.com/b/second)
+ [Third Robot Paper](https://arxiv.org/abs/2403.00003)

## Diffusion

**Fast Sampling of Diffusion Models** \\
*Ada Lovelace, Alan Turing* \\
arXiv 2023. [[Paper](https://arxiv.org/abs/2305.00005)] \\
25 May 2023

**Slow Sampling of Diffusion Models** \\
*Grace Hopper* \\
arXiv 2023. [[Paper](https://arxiv.org/abs/2306.00006)] \\
2 Jun 2023
"""


def test_end_line_cuts_exactly_one_entry(tmp_path: Path) -> None:
    """line..end_line is the whole item (with its badge lines) or block: cutting it leaves
    the other entries as they were."""
    path = tmp_path / "README.md"
    path.write_text(CUTTABLE)
    result = run_cli("export", path)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(r["line"], r["end_line"]) for r in records] == [
        (5, 7),
        (8, 9),
        (10, 10),
        (14, 17),
        (19, 22),
    ]
    lines = CUTTABLE.splitlines(keepends=True)
    for cut in records:
        path.write_text("".join(lines[: cut["line"] - 1] + lines[cut["end_line"] :]))
        rest = json.loads(run_cli("export", path).stdout)
        kept = [(r["title"], r["arxiv_id"], r["repo"]) for r in rest]
        assert kept == [(r["title"], r["arxiv_id"], r["repo"]) for r in records if r is not cut]
