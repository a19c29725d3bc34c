"""``awesome-lint add`` against a fake arXiv API on 127.0.0.1: metadata (journal_ref,
comments, a GitHub URL in the abstract, versions), an unknown ID, a withdrawn paper, an
unreachable API, the refusals (a duplicate, a file changed while arXiv was asked), a
table that needs a new year row, sections, --diff, --offline, line endings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from click.testing import CliRunner

from awesome_lint.cli import main
from awesome_lint.network.arxiv_api import parse_feed
from awesome_lint.newpaper import from_record, venue_of


@dataclass
class FakePaper:
    title: str
    published: str = "2024-03-05T17:00:00Z"
    version: int = 1
    authors: tuple[str, ...] = ("Ada Lovelace", "Alan Turing")
    journal_ref: str = ""
    comment: str = ""
    summary: str = "We study things."


@dataclass
class FakeArxiv:
    """What the fake API knows, and a hook run while it answers (before the answer)."""

    papers: dict[str, FakePaper] = field(default_factory=dict)
    hook: Callable[[], None] | None = None
    asked: list[str] = field(default_factory=list)


def entry_xml(ident: str, paper: FakePaper) -> str:
    extra = ""
    if paper.journal_ref:
        extra += f"<arxiv:journal_ref>{escape(paper.journal_ref)}</arxiv:journal_ref>"
    if paper.comment:
        extra += f"<arxiv:comment>{escape(paper.comment)}</arxiv:comment>"
    authors = "".join(f"<author><name>{escape(name)}</name></author>" for name in paper.authors)
    return (
        f"<entry><id>http://arxiv.org/abs/{ident}v{paper.version}</id>"
        f"<updated>2024-06-01T00:00:00Z</updated><published>{paper.published}</published>"
        f"<title>{escape(paper.title)}</title><summary>{escape(paper.summary)}</summary>"
        f"{authors}{extra}</entry>"
    )


def feed(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"'
        ' xmlns:arxiv="http://arxiv.org/schemas/atom"><title>arXiv Query</title>'
        f"<id>http://arxiv.org/api/x</id>{body}</feed>"
    )


def start_fake_arxiv(serve: Any, state: FakeArxiv) -> Any:
    async def handler(request: web.Request) -> web.Response:
        ids = [i for i in request.query.get("id_list", "").split(",") if i]
        state.asked.extend(ids)
        if state.hook is not None:
            state.hook()
        body = "".join(entry_xml(i, state.papers[i]) for i in ids if i in state.papers)
        return web.Response(text=feed(body), content_type="application/atom+xml")

    return serve(handler)


def configure(folder: Path, api_url: str) -> None:
    (folder / ".awesome-lint.yml").write_text(
        json.dumps({"arxiv": {"api_url": api_url, "min_interval": 0, "retries": 0}}) + "\n"
    )


@pytest.fixture
def arxiv(serve: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeArxiv:
    state = FakeArxiv()
    server = start_fake_arxiv(serve, state)
    configure(tmp_path, server.url("/api/query"))
    monkeypatch.setenv("AWESOME_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return state


def add(*args: str) -> Any:
    return CliRunner().invoke(main, ["add", *args], catch_exceptions=False)


def export(path: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["export", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


BULLETS = """# Robot papers

## Policies

+ [Diffusion Policy: Visuomotor Policy Learning via Action Diffusion](https://arxiv.org/abs/2303.04137) (RSS 2023)
  [![Star](https://img.shields.io/github/stars/real-stanford/diffusion_policy.svg?style=social&label=Star)](https://github.com/real-stanford/diffusion_policy)
  [![Website](https://img.shields.io/badge/Website-9cf)](https://diffusion-policy.cs.columbia.edu/)

+ [3D Diffusion Policy: Generalizable Visuomotor Policy Learning via Simple 3D Representations](https://arxiv.org/abs/2403.03954) (RSS 2024)
  [![Star](https://img.shields.io/github/stars/YanjieZe/3D-Diffusion-Policy.svg?style=social&label=Star)](https://github.com/YanjieZe/3D-Diffusion-Policy)
  [![Website](https://img.shields.io/badge/Website-9cf)](https://3d-diffusion-policy.github.io/)

+ [Consistency Policy: Accelerated Visuomotor Policies via Consistency Distillation](https://arxiv.org/abs/2405.07503) (RSS 2024)
  [![Star](https://img.shields.io/github/stars/Aaditya-Prasad/Consistency-Policy.svg?style=social&label=Star)](https://github.com/Aaditya-Prasad/Consistency-Policy)
  [![Website](https://img.shields.io/badge/Website-9cf)](https://consistency-policy.github.io/)
"""

TABLE = """# CLIP papers

## Improvement

| Title | Abstract | Intro | Useful Links |
|:----| :---:| :----: | :---:|
|2022|
| [![Star](https://img.shields.io/github/stars/a/one.svg?style=social&label=Star)](https://github.com/a/one) <br> **One Model to Align Them** <br>| Aligns things. | <img src="./images/one.png"  width="1280px"/> | [[Github](https://github.com/a/one)] <br> [[Paper](https://arxiv.org/pdf/2203.01234)] |
|2023|
| [![Star](https://img.shields.io/github/stars/b/two.svg?style=social&label=Star)](https://github.com/b/two) <br> **Two Towers Are Better** <br>| Two towers. | <img src="./images/two.png"  width="1280px"/> | [[Github](https://github.com/b/two)] <br> [[Paper](https://arxiv.org/pdf/2301.04321)] |
| [![Star](https://img.shields.io/github/stars/c/three.svg?style=social&label=Star)](https://github.com/c/three) <br> **Three Ways to Prompt** <br>| Prompts. | <img src="./images/three.png"  width="1280px"/> | [[Github](https://github.com/c/three)] <br> [[Paper](https://arxiv.org/pdf/2305.05555)] |
"""


def test_journal_ref_comments_and_a_repository_in_the_abstract(
    arxiv: FakeArxiv, tmp_path: Path
) -> None:
    arxiv.papers["2406.01234"] = FakePaper(
        "Flow   Policy:\n  Fast Visuomotor Learning",
        published="2024-06-03T10:00:00Z",
        comment="Accepted at CoRL 2024. 12 pages",
        summary="We present Flow Policy. Code: https://github.com/flow-lab/flow-policy.",
    )
    (tmp_path / "README.md").write_text(BULLETS)
    result = add("2406.01234")
    assert result.exit_code == 0, result.output
    assert "Repository flow-lab/flow-policy: named in the abstract" in result.stderr
    text = (tmp_path / "README.md").read_text()
    assert text.endswith(
        "/Consistency-Policy)\n  [![Website](https://img.shields.io/badge/Website-9cf)]"
        "(https://consistency-policy.github.io/)\n\n"
        "+ [Flow Policy: Fast Visuomotor Learning](https://arxiv.org/abs/2406.01234) (CoRL 2024)\n"
        "  [![Star](https://img.shields.io/github/stars/flow-lab/flow-policy.svg?style=social&label=Star)]"
        "(https://github.com/flow-lab/flow-policy)\n"
    )
    # the neighbours' project pages are theirs: no Website line without --field
    assert text.count("Website-9cf") == 3
    record = next(r for r in export(tmp_path / "README.md") if r["arxiv_id"] == "2406.01234")
    assert (record["title"], record["repo"], record["section"][-1]) == (
        "Flow Policy: Fast Visuomotor Learning",
        "flow-lab/flow-policy",
        "Policies",
    )
    # the section is sorted oldest first: the new paper goes last
    assert [r["arxiv_id"] for r in export(tmp_path / "README.md")][-1] == "2406.01234"


def test_a_journal_reference_wins_and_field_fills_a_link(arxiv: FakeArxiv, tmp_path: Path) -> None:
    arxiv.papers["2401.00777"] = FakePaper(
        "Tiny Policies",
        published="2024-01-02T00:00:00Z",
        journal_ref="ICRA 2024, pp. 1-8",
        comment="Accepted at CVPR 2025",
    )
    (tmp_path / "README.md").write_text(BULLETS)
    result = add("arXiv:2401.00777", "--field", "Website=https://tiny.example/", "--repo", "t/tiny")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "README.md").read_text()
    assert "(https://arxiv.org/abs/2401.00777) (ICRA 2024)\n" in text
    assert "[![Website](https://img.shields.io/badge/Website-9cf)](https://tiny.example/)" in text
    # oldest first by arXiv ID: between 2303.04137 and 2403.03954
    ids = [r["arxiv_id"] for r in export(tmp_path / "README.md")]
    assert ids == ["2303.04137", "2401.00777", "2403.03954", "2405.07503"]


def test_metadata_parsing_of_the_feed() -> None:
    body = feed(
        entry_xml(
            "2402.00001",
            FakePaper(
                "A  Title",
                published="2024-02-01T09:00:00Z",
                version=3,
                comment="Accepted at CVPR 2024 (highlight); code at https://github.com/o/n",
            ),
        )
    )
    records, errors = parse_feed(body)
    record = records["2402.00001"]
    assert (record.version, record.authors, errors) == (3, ("Ada Lovelace", "Alan Turing"), [])
    paper = from_record(record)
    assert (paper.title, paper.date, paper.venue, paper.venue_year) == (
        "A Title",
        (2024, 2, 1),
        "CVPR",
        2024,
    )
    assert (paper.repo, paper.repo_from, paper.year) == ("o/n", "the comments", 2024)
    assert venue_of("", "12 pages, 5 figures") == ("", None)
    assert venue_of("", "Under review at NeurIPS 2024") == ("", None)
    assert venue_of("Proceedings of ICML'23", "") == ("ICML", 2023)


def test_versions_and_link_forms_of_the_reference(arxiv: FakeArxiv, tmp_path: Path) -> None:
    arxiv.papers["2402.05555"] = FakePaper("Versioned Paper", version=3)
    (tmp_path / "README.md").write_text(BULLETS)
    result = add("2402.05555v4")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "awesome-lint: error: arXiv 2402.05555 has no version 4 (latest: v3)"
    )
    for reference in ("https://arxiv.org/pdf/2402.05555v2.pdf", "huggingface.co/papers/2402.05555"):
        (tmp_path / "README.md").write_text(BULLETS)
        result = add(reference, "--diff")
        assert result.exit_code == 0, result.output
        assert "+ [Versioned Paper](https://arxiv.org/abs/2402.05555) (2024)" in result.stdout
    assert arxiv.asked == ["2402.05555"]  # the others came from the cache
    # a list that links versions gets the latest
    (tmp_path / "README.md").write_text(BULLETS.replace("2303.04137)", "2303.04137v2)"))
    text = BULLETS.replace("abs/2303.04137", "abs/2303.04137v2").replace(
        "abs/2403.03954", "abs/2403.03954v1"
    )
    (tmp_path / "README.md").write_text(text.replace("abs/2405.07503", "abs/2405.07503v3"))
    result = add("2402.05555", "--diff")
    assert "(https://arxiv.org/abs/2402.05555v3)" in result.stdout


def test_unknown_withdrawn_and_unreachable(arxiv: FakeArxiv, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(BULLETS)
    result = add("2409.99999")
    assert (result.exit_code, result.stderr) == (
        2,
        "awesome-lint: error: arXiv has no paper 2409.99999\n",
    )
    arxiv.papers["2409.11111"] = FakePaper(
        "Gone", comment="This paper has been withdrawn by the author due to an error"
    )
    result = add("2409.11111")
    assert result.exit_code == 2
    assert result.stderr.startswith("awesome-lint: error: arXiv 2409.11111 has been withdrawn")
    assert len(result.stderr.splitlines()) == 1
    result = add("not-an-id")
    assert result.exit_code == 2 and "is not an arXiv identifier" in result.stderr
    configure(tmp_path, "http://127.0.0.1:9/api/query")  # nothing listens on port 9
    result = add("2409.22222")
    assert result.exit_code == 2
    assert result.stderr.startswith("awesome-lint: error: could not ask arXiv about 2409.22222")
    assert len(result.stderr.splitlines()) == 1
    assert (tmp_path / "README.md").read_text() == BULLETS


def test_duplicates_are_refused(arxiv: FakeArxiv, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(BULLETS.replace("abs/2403.03954", "pdf/2403.03954v2.pdf"))
    arxiv.papers["2403.03954"] = FakePaper("Anything")
    result = add("https://arxiv.org/abs/2403.03954v1")
    assert (result.exit_code, result.stderr) == (
        2,
        "awesome-lint: error: README.md:9: arXiv 2403.03954 is already in the list\n",
    )
    arxiv.papers["2410.10101"] = FakePaper(
        "Consistency policy: accelerated visuomotor policies via consistency distillation."
    )
    result = add("2410.10101")
    assert result.exit_code == 2
    assert "README.md:13: an entry already has the title" in result.stderr
    assert "--force" in result.stderr
    result = add("2410.10101", "--force")
    assert result.exit_code == 1  # added, and the linter reports the duplicate title
    assert "error AL001" in result.stdout
    assert "2410.10101" in (tmp_path / "README.md").read_text()


def test_a_file_changed_while_arxiv_was_asked_is_refused(arxiv: FakeArxiv, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(BULLETS)
    edited = BULLETS + "\nEdited meanwhile.\n"
    arxiv.papers["2406.04444"] = FakePaper("Raced Paper")
    arxiv.hook = lambda: readme.write_text(edited)
    result = add("2406.04444")
    assert result.exit_code == 2
    assert result.stderr == (
        "awesome-lint: error: README.md: the file changed while it was read; run again\n"
    )
    assert readme.read_text() == edited
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_table_that_needs_a_new_year_row(arxiv: FakeArxiv, tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    for name in ("one", "two", "three", "four"):
        (tmp_path / "images" / f"{name}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    readme = tmp_path / "README.md"
    readme.write_text(TABLE)
    arxiv.papers["2402.04444"] = FakePaper("Four Is More", published="2024-02-07T00:00:00Z")
    result = add(
        "2402.04444", "--repo", "https://github.com/d/four", "--figure", "./images/four.png"
    )
    assert result.exit_code == 0, result.output
    lines = readme.read_text().splitlines()
    assert lines[-2:] == [
        "|2024|",
        "| [![Star](https://img.shields.io/github/stars/d/four.svg?style=social&label=Star)]"
        "(https://github.com/d/four) <br> **Four Is More** <br>| | "
        '<img src="./images/four.png"  width="1280px"/> | [[Github](https://github.com/d/four)]'
        " <br> [[Paper](https://arxiv.org/pdf/2402.04444)] |",
    ]
    record = export(readme)[-1]
    assert (record["year"], record["title"], record["images"]) == (
        2024,
        "Four Is More",
        ["./images/four.png"],
    )
    assert result.stdout.startswith("Added 'Four Is More' (arXiv 2402.04444) to 'CLIP papers >")
    # a 2022 paper goes under the existing 2022 row; without a figure the cell stays empty
    arxiv.papers["2208.08888"] = FakePaper("Eight Bits", published="2022-08-20T00:00:00Z")
    result = add("2208.08888", "--repo", "e/eight")
    assert result.exit_code == 0, result.output
    lines = readme.read_text().splitlines()
    assert lines[lines.index("|2022|") + 2].startswith(
        "| [![Star](https://img.shields.io/github/stars/e/eight.svg?style=social&label=Star)]"
    )
    assert (
        "**Eight Bits** <br>| | | [[Github](https://github.com/e/eight)]"
        in lines[lines.index("|2022|") + 2]
    )


def test_new_lines_are_linted(arxiv: FakeArxiv, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(TABLE)
    arxiv.papers["2303.03333"] = FakePaper("Missing Figure Paper", published="2023-03-01T00:00:00Z")
    result = add("2303.03333", "--repo", "m/f", "--figure", "./images/nowhere.png")
    assert result.exit_code == 1  # the figure does not exist: an error on the new line
    assert "error AL201" in result.stdout
    assert "README.md:11:154: error AL201 image './images/nowhere.png' does not exist" in (
        result.stdout
    )


def test_sections(arxiv: FakeArxiv, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        BULLETS
        + "\n## Planning\n\n"
        + BULLETS.split("## Policies\n\n")[1]
        .replace("2303.04137", "2210.02438")
        .replace("2403.03954", "2211.00001")
        .replace("2405.07503", "2212.00002")
        .replace("Diffusion Policy", "Planner")
    )
    arxiv.papers["2407.07777"] = FakePaper("Diffusion Policy Policies for Policy Learning")
    result = add("2407.07777")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "awesome-lint: error: README.md has 2 sections of papers; name one with --section "
        "(closest first: 'Robot papers > Policies'; 'Robot papers > Planning')"
    )
    result = add("2407.07777", "--section", "Polices")
    assert result.exit_code == 2
    assert "did you mean 'Policies'?" in result.stderr
    result = add("2407.07777", "--section", "  robot PAPERS >  policies ")
    assert result.exit_code == 0, result.output
    assert export(readme)[3]["arxiv_id"] == "2407.07777"


def test_offline_needs_no_network_and_keeps_bom_and_crlf(arxiv: FakeArxiv, tmp_path: Path) -> None:
    configure(tmp_path, "http://127.0.0.1:9/api/query")
    readme = tmp_path / "ReadMe.md"  # any letter case
    original = ("\ufeff" + BULLETS).replace("\n", "\r\n").encode("utf-8")
    readme.write_bytes(original)
    result = add("2408.08888", "--offline", "--title", "Offline Paper")
    assert (result.exit_code, result.stderr) == (
        2,
        "awesome-lint: error: --offline needs --date\n",
    )
    result = add(
        "2408.08888", "--offline", "--title", "Offline Paper", "--date", "2024-08-14",
        "--venue", "CoRL 2024", "--position", "top",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = readme.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Robot papers\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert (
        b"## Policies\r\n\r\n+ [Offline Paper](https://arxiv.org/abs/2408.08888) (CoRL 2024)\r\n\r\n+ "
        in data
    )
    assert arxiv.asked == []
    # --diff writes nothing
    before = readme.read_bytes()
    result = add("2408.09999", "--offline", "--title", "Diffed", "--date", "2024-08-20", "--diff")
    assert result.exit_code == 0 and readme.read_bytes() == before
    assert result.stdout.startswith("--- a/ReadMe.md\n+++ b/ReadMe.md\n")
    # (click's runner shows \r\n as \n)
    assert "\n++ [Diffed](https://arxiv.org/abs/2408.09999) (2024)\n" in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_progress_line_at_a_terminal_only(arxiv: FakeArxiv, tmp_path: Path) -> None:
    arxiv.papers["2406.06666"] = FakePaper("Slow Answer")
    arxiv.hook = lambda: time.sleep(0.3)
    (tmp_path / "README.md").write_text(BULLETS)
    master, slave = os.openpty()
    environment = {**os.environ, "NO_COLOR": "1"}
    for name in ("CI", "PRE_COMMIT", "GITHUB_ACTIONS"):
        environment.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "awesome_lint", "add", "2406.06666"],
        cwd=tmp_path,
        env=environment,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    try:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the command exited
                break
            if not data:
                break
            chunks.append(data)
        assert process.wait(timeout=120) == 0
    finally:
        os.close(master)
    output = b"".join(chunks).decode("utf-8")
    waiting = output.index("about 2406.06666…")
    assert output.startswith("asking arXiv (http://127.0.0.1:")
    cleared = output.index("\r" + " " * 20, waiting)
    assert waiting < cleared < output.index("Added 'Slow Answer'")
    # in a pipe (the runner above): no progress line
    (tmp_path / "README.md").write_text(BULLETS)
    result = add("2406.06666", "--diff")
    assert result.exit_code == 0 and "asking" not in result.stderr
