"""Remove and re-add: entries cut out of real lists (their span from ``export``) come back
through ``awesome-lint add`` against a fake arXiv on 127.0.0.1 that serves each entry's
title and date, with ``--repo``/``--figure`` when the entry had them. The re-added entry
must export with the same title, arXiv ID, repository, section, year and date, at least
nine times in ten; and at the same index in its section wherever the section's order fixes
it (a section sorted by date and arXiv ID, newest or oldest first, without ties). Where the
order does not fix it (a section in the order papers were added), the index is reported,
not required: no rule can know it.

Data-driven: a list counts once the parser reads it in the form it is written (its share
of entries of ``form``); until then its trials are reported as not measurable. Run with
``-s`` to see the figures per list.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import CORPUS, SEED, needs_shared
from test_add import FakeArxiv, FakePaper, configure, start_fake_arxiv

from awesome_lint.cli import main


@dataclass(frozen=True)
class ListCase:
    name: str
    path: Path
    form: str  # how the list writes its papers (Entry.form of a reader that understands it)


CASES = (
    ListCase("seed", SEED, "table"),
    ListCase(
        "Tebmer", CORPUS / "Tebmer__Awesome-Knowledge-Distillation-of-LLMs/README.md", "table"
    ),
    ListCase("atfortes", CORPUS / "atfortes__Awesome-LLM-Reasoning/README.md", "item"),
    ListCase("showlab", CORPUS / "showlab__Awesome-Robotics-Diffusion/README.md", "item"),
    ListCase("hee9joon", CORPUS / "hee9joon__Awesome-Diffusion-Models/README.md", "block"),
    ListCase(
        "IDEA-Research",
        CORPUS / "IDEA-Research__awesome-detection-transformer/readme.md",
        "html-block",
    ),
    ListCase("gokayfem", CORPUS / "gokayfem__awesome-vlm-architectures/README.md", "heading"),
    ListCase(
        "BradyFU", CORPUS / "BradyFU__Awesome-Multimodal-Large-Language-Models/README.md", "table"
    ),
    ListCase("terryum", CORPUS / "terryum__awesome-deep-learning-papers/README.md", "item"),
)
TRIALS_PER_LIST = 6
TARGET = 0.9


@dataclass
class Outcome:
    trials: int = 0
    right: int = 0  # title, ID, repository, section, year and date
    placed: int = 0  # right, and at the same index in its section
    determined: int = 0  # trials whose section's order fixes the index
    placed_determined: int = 0
    identical: int = 0  # the file came back byte for byte
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        for name in ("trials", "right", "placed", "determined", "placed_determined", "identical"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def export(path: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["export", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def measurable(records: list[dict[str, Any]], form: str) -> bool:
    """The list is read in its own form: most entries with an arXiv ID are of that form."""
    papers = [r for r in records if r["arxiv_id"]]
    return bool(papers) and sum(r["form"] == form for r in papers) >= 0.6 * len(papers)


def trials(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries spread over the list that can be cut and re-added: an arXiv ID the list
    links once, a title, a section with other entries (the form comes from them)."""
    ids: dict[str, int] = {}
    for record in records:
        if record["arxiv_id"]:
            ids[record["arxiv_id"]] = ids.get(record["arxiv_id"], 0) + 1
    per_section: dict[tuple[str, ...], int] = {}
    for record in records:
        key = tuple(record["section"])
        per_section[key] = per_section.get(key, 0) + 1
    usable = [
        r
        for r in records
        if r["arxiv_id"]
        and ids[r["arxiv_id"]] == 1
        and r["title"]
        and per_section[tuple(r["section"])] >= 3
    ]
    step = max(len(usable) // TRIALS_PER_LIST, 1)
    return usable[step // 2 :: step][:TRIALS_PER_LIST]


def cut_lines(records: list[dict[str, Any]], record: dict[str, Any]) -> tuple[int, int]:
    """The lines to cut: the entry and what separates it from the next entry of its section
    (start_line..next start_line - 1), or, for a section's last entry, from the previous
    one."""
    section = [r for r in records if r["section"] == record["section"]]
    index = section.index(record)
    if index + 1 < len(section):
        return record["start_line"], section[index + 1]["start_line"] - 1
    return section[index - 1]["end_line"] + 1, record["end_line"]


def served(record: dict[str, Any]) -> FakePaper:
    """The fake arXiv's record: the entry's title, and its date (its year and the ID's
    month when the list gives only a year)."""
    ident = record["arxiv_id"]
    month = ident.split("/")[-1][2:4]
    date = record["date"] or f"{record['year'] or 2000 + int(ident.split('/')[-1][:2])}-{month}"
    if len(date) == 4:
        date += f"-{month}"
    if len(date) == 7:
        date += "-01"
    return FakePaper(record["title"], published=f"{date}T12:00:00Z", authors=())


def _order_key(record: dict[str, Any]) -> tuple[str, tuple[int, int]]:
    yymm, _, number = record["arxiv_id"].split("/")[-1].partition(".")
    return record["date"] or "", (int(yymm[:4]), int(number or yymm[4:] or 0))


def order_fixes_index(section: list[dict[str, Any]]) -> bool:
    """The section is strictly sorted by (date, arXiv ID), one way, every entry dated alike:
    then the one right place of an entry is known."""
    if len(section) < 3 or not all(r["arxiv_id"] for r in section):
        return False
    if len({len(r["date"] or "") for r in section}) != 1:
        return False
    keys = [_order_key(r) for r in section]
    pairs = list(itertools.pairwise(keys))
    return all(a < b for a, b in pairs) or all(a > b for a, b in pairs)


def same_place(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [
        f"{key}: {after[key]!r} != {before[key]!r}"
        for key in ("title", "arxiv_id", "repo", "section", "year", "date")
        if before[key] != after[key]
    ]


def run_case(case: ListCase, folder: Path, fake: FakeArxiv) -> Outcome | None:
    records = export(case.path)
    if not measurable(records, case.form):
        return None
    outcome = Outcome()
    original = case.path.read_bytes()
    readme = folder / case.path.name
    for record in trials(records):
        outcome.trials += 1
        first, last = cut_lines(records, record)
        lines = original.decode("utf-8").splitlines(keepends=True)
        readme.write_text("".join(lines[: first - 1] + lines[last:]), encoding="utf-8")
        fake.papers[record["arxiv_id"]] = served(record)
        args = ["add", record["arxiv_id"], "--file", str(readme), "--position", "auto"]
        args += ["--section", " > ".join(record["section"])]
        if record["repo"]:
            args += ["--repo", record["repo"]]
        if record["images"]:
            args += ["--figure", record["images"][0]]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        if result.exit_code == 2:
            outcome.wrong.append(f"{record['line']}: {result.stderr.strip()}")
            continue
        back = export(readme)
        found = [r for r in back if r["arxiv_id"] == record["arxiv_id"]]
        if not found:
            outcome.wrong.append(f"{record['line']}: not read back")
            continue
        problems = same_place(record, found[0])
        section = [r for r in records if r["section"] == record["section"]]
        section_after = [r for r in back if r["section"] == record["section"]]
        determined = order_fixes_index(section)
        outcome.determined += determined
        if not problems:
            outcome.right += 1
            if section.index(record) == section_after.index(found[0]):
                outcome.placed += 1
                outcome.placed_determined += determined
            else:
                problems.append(
                    f"index {section_after.index(found[0])} != {section.index(record)}"
                    + (" (the order fixes it)" if determined else "")
                )
        if problems:
            outcome.wrong.append(f"{record['line']}: {'; '.join(problems)}")
        outcome.identical += readme.read_bytes() == original
    return outcome


@pytest.fixture
def fake_arxiv(serve: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeArxiv]:
    state = FakeArxiv()
    server = start_fake_arxiv(serve, state)
    configure(tmp_path, server.url("/api/query"))
    monkeypatch.setenv("AWESOME_LINT_CACHE_DIR", str(tmp_path / "cache"))
    yield state


def test_remove_and_re_add_over_the_corpus_forms(fake_arxiv: FakeArxiv, tmp_path: Path) -> None:
    needs_shared(SEED)
    totals = Outcome()
    report = []
    for case in CASES:
        if not case.path.exists():
            continue
        folder = tmp_path / case.name
        shutil.copytree(case.path.parent, folder, ignore=shutil.ignore_patterns("*.md"))
        outcome = run_case(case, folder, fake_arxiv)
        if outcome is None:
            report.append(f"{case.name:14} not yet measurable (not read as {case.form} entries)")
            continue
        totals.add(outcome)
        report.append(f"{case.name:14} {_figures(outcome)}")
        report.extend(f"    {line}" for line in outcome.wrong)
    report.append(f"{'all':14} {_figures(totals)}")
    print("\n" + "\n".join(report))
    assert totals.trials >= 40
    assert totals.right >= TARGET * totals.trials, "\n".join(report)
    assert totals.determined > 0
    assert totals.placed_determined == totals.determined, "\n".join(report)


def _figures(outcome: Outcome) -> str:
    return (
        f"{outcome.right}/{outcome.trials} right, {outcome.placed} of them at the same "
        f"index ({outcome.placed_determined}/{outcome.determined} where the order fixes it), "
        f"{outcome.identical} byte-identical"
    )
