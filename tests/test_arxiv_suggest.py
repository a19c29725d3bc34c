"""Choosing a suggested arXiv ID from title searches, and the unsafe fix that writes it
(issue 12). The network's answers are given as NetworkFacts, as the network stage makes
them; the command against a fake arXiv API is in tests/network/test_arxiv_suggest_online.py."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from awesome_lint.engine import Selection, Target, lint, title_searches
from awesome_lint.model import Diagnostic
from awesome_lint.network_stage import NetworkFacts
from awesome_lint.parser import parse
from awesome_lint.parser.positions import line_starts, offset_of
from awesome_lint.titles import normalise

TINY = "TinyCLIP: CLIP Distillation via Affinity Mimicking and Weight Inheritance"
CHINESE = "Chinese CLIP: Contrastive Vision-Language Pretraining in Chinese"
AMU = "AMU-Tuning: Effective Logit Bias for CLIP-based Few-shot Learning"
HEADER = "| Title | Links |\n|---|---|\n"


def _facts(registered: dict[str, str], searched: dict[str, list[tuple[str, str]]]) -> NetworkFacts:
    facts = NetworkFacts()
    for ident, title in registered.items():
        facts.arxiv[ident] = SimpleNamespace(id=ident, title=title)
    for title, found in searched.items():
        facts.arxiv_search[normalise(title, markup=True)] = [
            SimpleNamespace(id=i, title=t) for i, t in found
        ]
    return facts


def _lint(markdown: str, facts: NetworkFacts | None, *codes: str) -> list[Diagnostic]:
    document = parse(markdown, Path("README.md"), "README.md")
    return lint([Target(document)], Selection(select=codes or ("AL002", "AL003", "AL004")), facts)


def _apply(markdown: str, diagnostic: Diagnostic) -> str:
    assert diagnostic.fix is not None
    starts = line_starts(markdown)
    edits = sorted(
        (offset_of(starts, markdown, e.span.line, e.span.column),
         offset_of(starts, markdown, e.span.end_line, e.span.end_column), e.replacement)
        for e in diagnostic.fix.edits
    )  # fmt: skip
    for start, end, replacement in reversed(edits):
        markdown = markdown[:start] + replacement + markdown[end:]
    return markdown


def test_every_link_and_badge_showing_the_wrong_id_gets_the_new_one() -> None:
    row = (
        f"| **{TINY}** [![arXiv](https://img.shields.io/badge/arXiv-2211.01335-b31b1b.svg)]"
        "(https://arxiv.org/abs/2211.01335v2) | [[Paper](https://arxiv.org/pdf/2211.01335v1.pdf)] "
        "[[PDF](http://arxiv.org/pdf/2211.01335)] [[Later work](https://arxiv.org/abs/2401.00001)] |"
    )
    markdown = HEADER + row + "\n"
    facts = _facts({"2211.01335": CHINESE}, {TINY: [("2211.01335", CHINESE), ("2309.12314", TINY)]})
    (finding,) = _lint(markdown, facts, "AL004")
    assert finding.message.endswith(f"; TinyCLIP is arXiv 2309.12314 '{TINY}'")
    assert finding.fix is not None and not finding.fix.safe
    assert finding.fix.applicability == "unsafe"
    assert finding.fix.description == "use arXiv 2309.12314 for TinyCLIP"
    fixed = _apply(markdown, finding).splitlines()[2]
    assert fixed == (
        f"| **{TINY}** [![arXiv](https://img.shields.io/badge/arXiv-2309.12314-b31b1b.svg)]"
        "(https://arxiv.org/abs/2309.12314) | [[Paper](https://arxiv.org/pdf/2309.12314.pdf)] "
        "[[PDF](http://arxiv.org/pdf/2309.12314)] [[Later work](https://arxiv.org/abs/2401.00001)] |"
    )  # versions were the other paper's; ".pdf" stays; the other paper's link is kept


def test_a_malformed_id_in_a_bulleted_item() -> None:
    markdown = f"- [{AMU}](https://arxiv.org/pdf/2404.089588) - CVPR 2024\n"
    facts = _facts({}, {AMU: [("2404.08958", AMU)]})
    (finding,) = _lint(markdown, facts)
    assert finding.code == "AL003"
    assert finding.message == (
        "malformed arXiv identifier '2404.089588': 6 digits after the dot; identifiers from "
        f"2015 on have 5; AMU-Tuning is arXiv 2404.08958 '{AMU}'"
    )
    assert _apply(markdown, finding) == markdown.replace("2404.089588", "2404.08958")


def test_a_conflict_suggests_for_the_row_arxiv_does_not_confirm() -> None:
    markdown = (
        HEADER
        + f"| **{CHINESE}** | [[Paper](https://arxiv.org/pdf/2211.01335)] |\n"
        + f"| **{TINY}** | [[Paper](https://arxiv.org/pdf/2211.01335)] |\n"
    )
    searched = {TINY: [("2309.12314", TINY)], CHINESE: [("2211.01335", CHINESE)]}
    document = parse(markdown, Path("README.md"), "README.md")
    # arXiv's title for the ID confirms Chinese CLIP's row: only TinyCLIP's is searched
    assert title_searches([Target(document)], Selection(), _facts({"2211.01335": CHINESE}, {})) == [
        TINY
    ]
    # with arXiv's title unknown, both are searched; Chinese CLIP's search finds its own ID
    assert title_searches([Target(document)], Selection(), _facts({}, {})) == [CHINESE, TINY]
    (finding,) = _lint(markdown, _facts({}, searched), "AL002")
    assert finding.message.endswith(f"; TinyCLIP is arXiv 2309.12314 '{TINY}'")
    assert finding.mirror is not None and finding.mirror.fix == finding.fix
    assert _apply(markdown, finding).splitlines()[3].count("2309.12314") == 1
    assert _apply(markdown, finding).splitlines()[2] == markdown.splitlines()[2]


def test_no_confident_match_no_suggestion() -> None:
    markdown = HEADER + f"| **{TINY}** | [[Paper](https://arxiv.org/pdf/2211.01335)] |\n"
    registered = {"2211.01335": CHINESE}
    plain = _lint(markdown, _facts(registered, {}))
    assert [d.code for d in plain] == ["AL004"] and plain[0].fix is None
    for found in (
        [],  # nothing found
        [("2301.00001", "CLIP Distillation for Mobile Devices")],  # not the title
        [("2211.01335", CHINESE)],  # only the ID the row has
        [("2309.12314", TINY), ("2309.99999", TINY)],  # two papers, one title: no guess
    ):
        again = _lint(markdown, _facts(registered, {TINY: found}))
        assert [(d.message, d.fix) for d in again] == [(plain[0].message, None)], found


def test_close_titles_pass_the_threshold_and_exact_ones_win() -> None:
    markdown = HEADER + f"| **{TINY}** | [[Paper](https://arxiv.org/pdf/2211.01335)] |\n"
    respelt = TINY.replace("Mimicking", "Mimicing")  # one letter: similarity ~0.99
    found = [("2309.00001", respelt)]
    (close,) = _lint(markdown, _facts({"2211.01335": CHINESE}, {TINY: found}))
    assert "is arXiv 2309.00001" in close.message
    both = [("2309.00001", respelt), ("2309.12314", TINY)]
    (exact,) = _lint(markdown, _facts({"2211.01335": CHINESE}, {TINY: both}))
    assert "is arXiv 2309.12314" in exact.message
    strict = _facts({"2211.01335": CHINESE}, {TINY: found})
    strict.title_similarity = 1.0
    (none,) = _lint(markdown, strict)
    assert " is arXiv 2309" not in none.message


def test_offline_the_findings_are_as_before() -> None:
    markdown = (
        HEADER
        + f"| **{CHINESE}** | [[Paper](https://arxiv.org/pdf/2211.01335)] |\n"
        + f"| **{TINY}** | [[Paper](https://arxiv.org/pdf/2211.01335)] |\n"
        + f"| **{AMU}** | [[Paper](https://arxiv.org/pdf/2404.089588)] |\n"
    )
    found = _lint(markdown, None)
    assert [(d.code, d.fix) for d in found] == [("AL002", None), ("AL003", None)]
    assert " is arXiv " not in " ".join(d.message for d in found)
