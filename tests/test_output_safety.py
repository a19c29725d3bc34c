"""What awesome-lint prints can't be turned against its reader (issue 9): characters that
don't print are shown escaped in every report, strings from a config go through the same
escaping as everything else, a file name that is not UTF-8 is no crash, CSV cells are not
formulas, and only ASCII digits make an arXiv ID."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from helpers import run_cli

from awesome_lint.printable import json_safe, visible

RLO = "\u202e"  # right-to-left override
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", RLO, "\u2066", "\u2067", "\u2068", "\u2069"]
HIDDEN = [*BIDI, "\u200e", "\u200f", "\u200b", "\u2028", "\u2029", "\x1b", "\x00", "\ufeff"]

TABLE = (
    "| Title | Links |\n|---|---|\n"
    '| **=HYPERLINK("http://evil.test","click")** | [[Paper](https://arxiv.org/abs/2101.00001)] |\n'
    "| **+SUM(A1)** | [[Paper](https://arxiv.org/abs/２１０１.00002)] |\n"
    "| **@cmd** | [[Paper](https://arxiv.org/abs/٢١٠١.00003)] |\n"
    "| **-2+3** | [[Paper](https://arxiv.org/abs/2101.00004)] |\n"
    f"\n- [f](docs/{RLO}elif.md)\n"
)


def test_visible_escapes_every_character_that_does_not_print() -> None:
    for character in HIDDEN:
        shown = visible(f"a{character}b")
        assert character not in shown and shown.startswith("a\\") and shown.endswith("b")
    assert visible(f"x{RLO}y") == "x\\u202ey"
    assert visible("line\nbreak") == "line\\nbreak"
    assert visible("caf\udce9.md") == "caf\\xe9.md"  # os.fsdecode of a Latin-1 name
    assert visible("标题 Übersicht — ok") == "标题 Übersicht — ok"
    # every format and control character of the Basic Multilingual Plane
    for code in range(0x10000):
        character = chr(code)
        if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp"):
            assert character not in visible(character), hex(code)


def test_json_safe_keeps_the_data_and_hides_the_characters() -> None:
    value = {"m": f"a{RLO}b \U000e0041 \udce9 中"}
    rendered = json_safe(json.dumps(value, ensure_ascii=False))
    assert RLO not in rendered and "\\u202e" in rendered and "中" in rendered
    rendered.encode("utf-8")  # a lone surrogate no longer makes it unwritable
    assert json.loads(rendered) == value


def _write(folder: Path, name: str | bytes = "README.md", text: str = TABLE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (os.fsdecode(name) if isinstance(name, bytes) else name)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", ["text", "github", "json", "sarif"])
def test_no_report_prints_a_bidi_control(tmp_path: Path, output_format: str) -> None:
    _write(tmp_path)
    result = run_cli("--offline", "--format", output_format, "README.md", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "elif.md" in result.stdout  # the finding that quotes the link is there
    assert RLO not in result.stdout
    assert "\\u202e" in result.stdout
    if output_format in ("json", "sarif"):  # the data itself is unchanged
        assert f"docs/{RLO}elif.md" in json.dumps(json.loads(result.stdout), ensure_ascii=False)


def test_the_job_summary_prints_no_bidi_control(tmp_path: Path) -> None:
    _write(tmp_path)
    summary = tmp_path / "summary.md"
    run_cli("--offline", "README.md", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert "elif.md" in text and RLO not in text and "\\u202e" in text


def test_only_ascii_digits_make_an_arxiv_id(tmp_path: Path) -> None:
    _write(tmp_path)
    result = run_cli(
        "--offline", "--format", "json", "--select", "AL003", "README.md", cwd=tmp_path
    )
    lines = sorted(f["line"] for f in json.loads(result.stdout))
    assert lines == [4, 5]  # the full-width and the Arabic-Indic digits
    exported = json.loads(run_cli("export", "README.md", cwd=tmp_path).stdout)
    assert [e["arxiv_id"] for e in exported] == ["2101.00001", None, None, "2101.00004"]


def test_csv_cells_are_not_formulas(tmp_path: Path) -> None:
    _write(tmp_path)
    result = run_cli("export", "--format", "csv", "README.md", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["title"] for row in rows] == [
        '\'=HYPERLINK("http://evil.test","click")',
        "'+SUM(A1)",
        "'@cmd",
        "'-2+3",
    ]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
               for row in rows for cell in row.values())  # fmt: skip


# ------------------------------------------------------------------ file names not in UTF-8

LATIN1_NAME = b"caf\xe9.md"


def test_a_file_name_that_is_not_utf8_breaks_no_report(tmp_path: Path) -> None:
    folder = tmp_path / "list"
    _write(folder, LATIN1_NAME)
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary), "LC_ALL": "C.UTF-8"}
    for output_format in ("text", "github", "json", "sarif"):
        result = run_cli("--offline", "--format", output_format, ".", cwd=folder, env=env)
        assert result.returncode == 1, result.stderr
        assert "internal error" not in result.stderr
        assert "caf\\xe9.md" in result.stdout or "caf\\udce9.md" in result.stdout
        result.stdout.encode("utf-8")
    sarif = json.loads(run_cli("--offline", "--format", "sarif", ".", cwd=folder).stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {"caf%E9.md"}  # the name's bytes, percent-encoded
    assert "caf\\xe9.md" in summary.read_text(encoding="utf-8")


def test_a_baseline_of_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    _write(tmp_path, LATIN1_NAME)
    baseline = tmp_path / "baseline.json"
    written = run_cli("--offline", "--write-baseline", baseline, ".", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    again = run_cli("--offline", "--baseline", baseline, ".", cwd=tmp_path)
    assert again.returncode == 0 and "All checks passed!" in again.stdout, again.stdout


def _action(tmp_path: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """The Action's lint step as its last step runs it, in ``tmp_path / "list"``: inputs
    in the environment, the summary and outputs next to it."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "PRE_COMMIT"))
    }
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(tmp_path / "list"),
        GITHUB_EVENT_NAME="push",
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
        GITHUB_OUTPUT=str(tmp_path / "output.txt"),
        NO_COLOR="1",
    )
    env.update({f"INPUT_{key.upper()}": value for key, value in inputs.items()})
    return subprocess.run(
        [sys.executable, "-m", "awesome_lint.action"],
        cwd=tmp_path / "list",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_action_with_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    _write(tmp_path / "list", LATIN1_NAME)
    result = _action(tmp_path, paths=".", check_links="none")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stdout
    assert "::error file=caf\\xe9.md," in result.stdout
    assert "caf\\xe9.md" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_config_strings_cannot_start_a_workflow_command(tmp_path: Path) -> None:
    _write(tmp_path / "list", text="# List\n\n- [x](https://example.org/)\n")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    config = {
        "links": {
            # README.md is a file: the cache can't be opened, and its path is printed
            "cache": "README.md/x\n::error title=INJECTED::cache",
            "probe_url": f"http://127.0.0.1:{closed}/\n::error title=INJECTED::probe",
        }
    }
    (tmp_path / "list" / ".awesome-lint.yml").write_text(json.dumps(config))
    result = _action(tmp_path, paths="README.md", check_links="all")
    output = result.stdout + result.stderr
    assert "INJECTED" in output  # the values are shown...
    for line in output.splitlines():  # ...but never as a command of their own
        assert not line.lstrip().startswith("::error title=INJECTED"), line
    assert "Traceback" not in output
