"""Property test of ``add``: on generated lists (tables with and without year rows and
figures, bullets with badge lines, numbered items, blocks, and noise between sections),
adding a paper never makes the file lint with more errors than before, apart from the new
entry's own (findings on its lines)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint import add
from awesome_lint.config import Config
from awesome_lint.engine import Selection, Target, lint
from awesome_lint.model import Severity
from awesome_lint.newpaper import Paper
from awesome_lint.parser import parse

WORDS = """learning vision language model diffusion policy robot graph sparse dense prompt
tuning scaling transformer contrastive alignment retrieval reasoning chain thought agent
benchmark efficient video image detection segmentation""".split()
NOISE = [
    "", "Some text.\n", "<!-- note -->\n", "> quote\n", "| a | b |\n|---|---|\n| x | y |\n",
    "- [Other](#anchor)\n", "```\ncode\n```\n", "<details><summary>More</summary>\n\n</details>\n",
    "![logo](./logo.png)\n", "|2021|\n",
]  # fmt: skip


@st.composite
def papers(draw: st.DrawFn, taken: set[str]) -> dict[str, object]:
    number = draw(st.integers(1, 9999).filter(lambda n: f"{n:05d}" not in taken))
    taken.add(f"{number:05d}")
    year = draw(st.integers(2019, 2025))
    month = draw(st.integers(1, 12))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))
    name = "".join(chr(ord("a") + int(digit)) for digit in str(number)).capitalize()
    return {
        "id": f"{year % 100:02d}{month:02d}.{number:05d}",
        "title": f"{name}Net: {' '.join(words).title()}",
        "year": year,
        "month": month,
        "repo": draw(st.none() | st.just(f"lab{number}/code{number}")),
        "venue": draw(st.sampled_from(["arXiv", "CVPR", "NeurIPS", "ICLR"])),
    }


def entry_text(form: str, paper: dict[str, object]) -> str:
    ident, title, repo = paper["id"], paper["title"], paper["repo"]
    year, month, venue = paper["year"], paper["month"], paper["venue"]
    if form == "table":
        badge = (
            f"[![Star](https://img.shields.io/github/stars/{repo}.svg?style=social&label=Star)]"
            f"(https://github.com/{repo}) <br> "
            if repo
            else ""
        )
        code = f"[[Github](https://github.com/{repo})] <br> " if repo else ""
        return (
            f'| {badge}**{title}** <br>| A summary. | <img src="./images/{ident}.png" '
            f'width="200"/> | {code}[[Paper](https://arxiv.org/abs/{ident})] |'
        )
    if form == "dated":
        return f"| [**{title}**](https://arxiv.org/abs/{ident}) | {venue} | {year}-{month:02d} |"
    if form == "bullet":
        lines = [f"+ [{title}](https://arxiv.org/abs/{ident}) ({venue} {year})"]
        if repo:
            lines.append(
                f"  [![Star](https://img.shields.io/github/stars/{repo}.svg?style=social&label"
                f"=Star)](https://github.com/{repo})"
            )
        return "\n".join(lines) + "\n"
    if form == "numbered":
        code = f" [[code](https://github.com/{repo})]" if repo else ""
        return f"1. **[{title}.](https://arxiv.org/abs/{ident})**{code}\n"
    return (
        f"**{title}** \\\n*Ada Lovelace, Alan Turing* \\\n{venue} {year}. "
        f"[[Paper](https://arxiv.org/abs/{ident})] \\\n{month}/{year}\n"
    )


@st.composite
def lists(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    taken: set[str] = set()
    parts = ["# Papers\n"]
    for index in range(draw(st.integers(1, 3))):
        form = draw(st.sampled_from(["table", "dated", "bullet", "numbered", "block"]))
        entries = draw(st.lists(papers(taken), min_size=1, max_size=5))
        parts.append(f"\n## Section {index}\n\n")
        if form == "table":
            parts.append("| Title | Abstract | Figure | Links |\n|:---|:---:|:---:|:---:|\n")
            year_rows = draw(st.booleans())
            shown = None
            for paper in sorted(entries, key=lambda p: p["year"]) if year_rows else entries:
                if year_rows and paper["year"] != shown:
                    parts.append(f"|{paper['year']}|\n")
                    shown = paper["year"]
                parts.append(entry_text(form, paper) + "\n")
        elif form == "dated":
            parts.append("| Title | Venue | Date |\n|:---|:---:|:---:|\n")
            parts.extend(entry_text(form, paper) + "\n" for paper in entries)
        else:
            parts.append("\n".join(entry_text(form, paper) for paper in entries))
        parts.append("\n" + draw(st.sampled_from(NOISE)))
    return "".join(parts), draw(papers(taken))


def errors(tmp_path: Path, text: str, skip: range = range(0)) -> int:
    document = parse(text, tmp_path / "README.md", "README.md")
    found = lint([Target(document, Config(root=tmp_path))], Selection())
    return sum(1 for d in found if d.severity is Severity.ERROR and d.span.line not in skip)


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples on every run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=lists(), position=st.sampled_from(add.POSITIONS), figure=st.booleans())
def test_add_brings_no_new_errors_but_its_own(
    tmp_path: Path, case: tuple[str, dict[str, object]], position: str, figure: bool
) -> None:
    text, new = case
    document = parse(text, tmp_path / "README.md", "README.md")
    sections = add.paper_sections(document)
    if not sections:
        return
    paper = Paper(
        arxiv_id=str(new["id"]),
        title=str(new["title"]),
        date=(int(str(new["year"])), int(str(new["month"])), 15),
        repo=new["repo"] if isinstance(new["repo"], str) else None,
        figure=f"./images/{new['id']}.png" if figure else None,
    )
    section = next(iter(sections))
    try:
        add.check_duplicates(document, paper, force=False)
        addition = add.plan(document, text, paper, section, position)
    except add.AddProblem:
        return  # a refusal (no form to follow) writes nothing
    new_lines = range(addition.first_line, addition.last_line + 1)
    assert addition.after.count("\n") - text.count("\n") >= len(new_lines)
    assert errors(tmp_path, addition.after, new_lines) <= errors(tmp_path, text)
    after = parse(addition.after, tmp_path / "README.md", "README.md")
    assert any(
        entry.arxiv is not None and entry.arxiv.canonical == paper.arxiv_id
        for entry in after.entries
    )
