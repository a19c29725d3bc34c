"""The corpus regression check (in the spirit of ruff's ecosystem checks): the error and
warning findings on every corpus list are the reviewed ones in tests/corpus_expected/.

A change shows as a diff. After a deliberate change, regenerate the files with
``tests/corpus_expected/regenerate.py`` and review the diff before committing it.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest
from helpers import CORPUS

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus_expected"))
from regenerate import corpus_lists, expectation_file, findings

LISTS = [path.relative_to(CORPUS).as_posix() for path in corpus_lists()] if CORPUS.exists() else []


@pytest.mark.parametrize("name", LISTS or ["(corpus absent)"])
def test_findings_are_the_reviewed_ones(corpus: Path, name: str) -> None:
    path = corpus / name
    expected_file = expectation_file(path)
    assert expected_file.exists(), f"no expectations for {name}: run regenerate.py"
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    actual = findings(path)
    if actual != expected:
        diff = "\n".join(
            difflib.unified_diff(
                expected, actual, f"expected/{name}", f"now/{name}", lineterm="", n=0
            )
        )
        pytest.fail(
            f"findings on {name} changed (line code severity):\n{diff}\n"
            f"If the change is deliberate, review it and run "
            f"tests/corpus_expected/regenerate.py",
            pytrace=False,
        )
