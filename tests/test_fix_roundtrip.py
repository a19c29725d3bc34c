"""--fix over every real list (issue 12): after it, no safe fix is left; a second --fix
changes nothing; the file differs from the original exactly by the fixes' edits; CRLF and
BOM copies of the seed come out byte for byte as the LF copy does, with their line breaks
and mark kept. All the lists go through one process per step (the corpus is ~2 MB)."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, SEED, needs_shared, run_cli

LINE_BREAK = re.compile(r"\r\n?|\n")


def _lists(top: Path) -> list[Path]:
    skip = {"SOURCE.md", "KNOWN-DEFECTS.md"}
    return sorted(
        path for path in top.rglob("*.md") if path.name not in skip and path.stat().st_size
    )


def _lint(paths: list[Path], cwd: Path) -> list[dict]:
    result = run_cli("--offline", "--isolated", "--format", "json", *paths, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _offset(text: str, line: int, column: int) -> int:
    """Where a finding's line and column (code points, a leading BOM not counted) is."""
    starts = [0] + [match.end() for match in LINE_BREAK.finditer(text)]
    bom = 1 if line == 1 and text.startswith("\ufeff") else 0
    return starts[line - 1] + bom + column - 1


def _expected(text: str, fixes: list[dict]) -> str:
    """The text with the edits applied, computed here independently of the fixer."""
    edits = sorted(
        (
            _offset(text, e["line"], e["column"]),
            _offset(text, e["end_line"], e["end_column"]),
            e["replacement"],
        )
        for fix in fixes
        for e in fix["edits"]
    )
    for (_, end, _), (start, _, _) in itertools.pairwise(edits):
        assert end <= start, "two safe fixes overlap: the fixer would leave one for a re-run"
    pieces, position = [], 0
    for start, end, replacement in edits:
        pieces += [text[position:start], replacement]
        position = end
    return "".join(pieces) + text[position:]


def _variants(top: Path) -> list[Path]:
    """CRLF, BOM and CRLF+BOM copies of the seed, beside it (its figures are found)."""
    seed = (top / "seed" / "README.md").read_text(encoding="utf-8")
    made = []
    for name, text in (
        ("CRLF.md", seed.replace("\n", "\r\n")),
        ("BOM.md", "\ufeff" + seed),
        ("CRLF-BOM.md", "\ufeff" + seed.replace("\n", "\r\n")),
    ):
        path = top / "seed" / name
        path.write_bytes(text.encode("utf-8"))
        made.append(path)
    return made


@pytest.fixture(scope="module")
def fixed_lists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    needs_shared(SEED)
    needs_shared(CORPUS)
    top = tmp_path_factory.mktemp("lists")
    shutil.copytree(SEED.parent, top / "seed")
    shutil.copytree(CORPUS, top / "corpus")
    for path in top.rglob("*"):  # the shared copies are read-only
        path.chmod(0o755 if path.is_dir() else 0o644)
    variants = _variants(top)
    paths = [path.relative_to(top) for path in _lists(top)]
    before = {path: (top / path).read_bytes() for path in paths}
    findings = _lint(paths, top)
    first = run_cli("--offline", "--isolated", "--fix", *paths, cwd=top)
    after = {path: (top / path).read_bytes() for path in paths}
    second = run_cli("--offline", "--isolated", "--fix", *paths, cwd=top)
    return {
        "top": top,
        "paths": paths,
        "variants": [path.relative_to(top) for path in variants],
        "before": before,
        "findings": findings,
        "first": first,
        "after": after,
        "second": second,
        "again": {path: (top / path).read_bytes() for path in paths},
        "relint": _lint(paths, top),
    }


def test_the_lists_were_read(fixed_lists: dict) -> None:
    paths = fixed_lists["paths"]
    assert len(paths) >= 20  # the seed, its three variants and the corpus lists
    safe = [f for f in fixed_lists["findings"] if f["fix"] and f["fix"]["applicability"] == "safe"]
    assert len({f["path"] for f in safe}) >= 5  # fixes in several lists: the test bites
    assert "Fixed" in fixed_lists["first"].stderr


def test_no_safe_fix_is_left_after_fix(fixed_lists: dict) -> None:
    left = [
        (f["path"], f["line"], f["code"])
        for f in fixed_lists["relint"]
        if f["fix"] is not None and f["fix"]["applicability"] == "safe"
    ]
    assert left == []
    summary = fixed_lists["second"].stdout.splitlines()[-1]
    assert not re.search(r"\. [1-9]\d* fixable with --fix", summary), summary


def test_a_second_fix_changes_nothing(fixed_lists: dict) -> None:
    assert fixed_lists["again"] == fixed_lists["after"]
    assert "Fixed 0 problems" in fixed_lists["second"].stderr or not fixed_lists["second"].stderr


def test_the_file_differs_only_by_the_edits(fixed_lists: dict) -> None:
    by_path: dict[str, list[dict]] = {}
    for finding in fixed_lists["findings"]:
        if finding["fix"] is not None and finding["fix"]["applicability"] == "safe":
            by_path.setdefault(finding["path"], []).append(finding["fix"])
    for path in fixed_lists["paths"]:
        text = fixed_lists["before"][path].decode("utf-8")
        expected = _expected(text, by_path.get(path.as_posix(), []))
        assert fixed_lists["after"][path].decode("utf-8") == expected, path


def test_crlf_and_bom_round_trip_byte_for_byte(fixed_lists: dict) -> None:
    after = fixed_lists["after"]
    lf = after[Path("seed/README.md")].decode("utf-8")
    assert lf != fixed_lists["before"][Path("seed/README.md")].decode("utf-8")  # fixed
    crlf, bom, both = (after[path].decode("utf-8") for path in fixed_lists["variants"])
    assert crlf == lf.replace("\n", "\r\n")
    assert bom == "\ufeff" + lf
    assert both == "\ufeff" + lf.replace("\n", "\r\n")
