"""--fix and --diff: edits applied to the file as it is on disk, atomically."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import ROOT, run_cli


def _example(tmp_path: Path) -> Path:
    folder = tmp_path / "list"
    shutil.copytree(ROOT / "fixtures" / "example", folder)
    return folder / "README.md"


def _codes(readme: Path) -> list[tuple[str, int]]:
    findings = json.loads(run_cli("--format", "json", readme).stdout)
    return [(f["code"], f["line"]) for f in findings]


def test_fix_applies_safe_fixes(tmp_path: Path) -> None:
    readme = _example(tmp_path)
    before = readme.read_text(encoding="utf-8")
    result = run_cli("--fix", readme)
    assert "Fixed 3 problems (1 unsafe fix not applied" in result.stderr, result.stderr
    after = readme.read_text(encoding="utf-8")
    assert "[[Paper](https://arxiv.org/abs/2303.15389)]" in after  # the stray ")" is gone
    assert "[[Paper](https://arxiv.org/abs/2207.09519)]" in after  # the padding is gone
    assert './images/maskclip.png"' in after  # the case now matches the file on disk
    assert "#few_shot--zero-shot" in after  # a guessed anchor needs --unsafe-fixes
    assert len(after.splitlines()) == len(before.splitlines())
    remaining = _codes(readme)
    assert ("AL203", 43) not in remaining and ("AL302", 35) not in remaining
    assert result.returncode == 1  # unfixable errors remain
    assert not list(readme.parent.glob(".README.md.*"))  # no temporary file left behind


def test_unsafe_fixes(tmp_path: Path) -> None:
    readme = _example(tmp_path)
    run_cli("--fix", "--unsafe-fixes", readme)
    assert "(#few-shot--zero-shot)" in readme.read_text(encoding="utf-8")
    assert not [c for c in _codes(readme) if c == ("AL103", 8)]


def test_diff_writes_nothing(tmp_path: Path) -> None:
    readme = _example(tmp_path)
    before = readme.read_bytes()
    result = run_cli("--diff", readme)
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/") and "+++ b/" in result.stdout
    assert "-| [![Star](https://img.shields.io/github/stars/baaivision/EVA.svg" in result.stdout
    assert readme.read_bytes() == before
    clean = ROOT / "fixtures" / "clean" / "README.md"
    assert run_cli("--diff", clean).returncode == 0


def test_fix_keeps_line_endings_and_bom(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(
        "\ufeff# T\r\n\r\n- [x]( https://arxiv.org/abs/1706.03762 )\r\n- [y](https://a.org))\r\n".encode()
    )
    run_cli("--fix", readme)
    assert (
        readme.read_bytes()
        == "\ufeff# T\r\n\r\n- [x](https://arxiv.org/abs/1706.03762)\r\n- [y](https://a.org)\r\n".encode()
    )
