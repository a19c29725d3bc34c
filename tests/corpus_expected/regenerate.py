"""Write the corpus expectations: the error and warning findings of every list in
../shared/corpus, one per line (``line code severity``), sorted.

Run it after a deliberate change to a rule or reader, then read the diff of
``tests/corpus_expected/`` as each list's maintainer would before committing it:

    .venv/bin/python tests/corpus_expected/regenerate.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SKIPPED = ("SOURCE.md", "KNOWN-DEFECTS.md")


def corpus_lists() -> Iterator[Path]:
    """The markdown lists of the corpus, in a stable order."""
    for path in sorted(CORPUS.rglob("*.md")):
        if path.name not in SKIPPED and path.stat().st_size:
            yield path


def expectation_file(path: Path) -> Path:
    name = path.relative_to(CORPUS).as_posix().replace("/", "__")
    return HERE / f"{name}.txt"


def findings(path: Path) -> list[str]:
    """``line code severity`` for each error or warning finding, offline, no config."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "awesome_lint",
            "--offline",
            "--isolated",
            "--format",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"{path}: awesome-lint failed: {result.stderr}")
    rows = [
        (item["line"], item["code"], item["severity"])
        for item in json.loads(result.stdout)
        if item["severity"] in ("error", "warning")
    ]
    return [f"{line} {code} {severity}" for line, code, severity in sorted(rows)]


def main() -> int:
    if not CORPUS.exists():
        print(f"{CORPUS} not found", file=sys.stderr)
        return 1
    for old in HERE.glob("*.txt"):
        old.unlink()
    for path in corpus_lists():
        rows = findings(path)
        expectation_file(path).write_text("".join(f"{row}\n" for row in rows), encoding="utf-8")
        print(f"{len(rows):4d}  {path.relative_to(CORPUS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
