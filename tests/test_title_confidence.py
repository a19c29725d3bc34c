"""Titles the reader is sure of: where each title came from, what is not a title, the
per-section self-check, and the rules' severities on guessed titles (issue 16).

The fixtures are in ``fixtures/titles/``; the corpus check skips without ../shared.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import CORPUS, ROOT, SEED, needs_shared, run_cli

from awesome_lint.model import TITLE_SOURCES, Entry
from awesome_lint.parser import parse
from awesome_lint.parser.titlecheck import (
    Candidate,
    choose,
    drop_tags,
    is_short,
    trim,
    why_not_title,
)

FIXTURES = ROOT / "fixtures" / "titles"


def _entries(name: str) -> dict[int, Entry]:
    path = FIXTURES / name
    return {entry.line: entry for entry in parse(path.read_text("utf-8"), path).entries}


def _findings(name: str) -> list[dict]:
    result = run_cli("--offline", "--format", "json", FIXTURES / name)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


# ------------------------------------------------------------------ the classifier


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Smith, J., Chen, L., Kumar, R.", "author list"),
        ("J. Smith, L. Chen and R. Kumar", "author list"),
        ("Jane Doe, John Smith, and Wei Chen", "author list"),
        ("Learning to Count Objects in Video, Jane Doe et al", "byline"),
        ("Figure 2", "figure caption"),
        ("Fig. 3.", "figure caption"),
        ("Paper", "template placeholder"),
        ("Paper Title", "template placeholder"),
        ("URL", "template placeholder"),
        ("PyTorch", "link label"),
        ("Source paper", "link label"),
        ("[Code]", "link label"),
        ("CVPR 2023", "venue or date tag"),
        ("NeurIPS'22", "venue or date tag"),
        ("May 2024", "venue or date tag"),
        ("Point Cloud Registration Revisited. [reg", "markup remnant"),
        ("Title](https://arxiv.org", "markup remnant"),
        ("A Study of Things (CVPR", "tag remnant"),
        # what fresh lists took for titles
        ("Y. You", "author list"),  # one author the plain reading cut from a list
        ("Zhang, Y.", "author list"),
        ("PMLR 2020", "venue or date tag"),  # any one word with a year, known venue or not
        ("OpenReview 2021", "venue or date tag"),
        ("https://objectnet.dev/download.html", "link label"),
        ("Ian H. Witten, An Adaptive Controller for Markov Environments, IC, 1977", "byline"),
        # labels with an emoji and a qualifier, a labelled line of authors (a second batch)
        ("📄 Paper (Low Resolution)", "link label"),
        ("paper (Chinese)", "link label"),
        ("🎥 Short Presentation", "link label"),
        ("Authors: Jane Doe, Wei Chen", "author list"),
    ],
)
def test_what_is_not_a_title(text: str, reason: str) -> None:
    assert why_not_title(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "Attention Is All You Need",
        "Segment Anything",
        "Vision, Language, and Action: A Survey",
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
        "Deep Residual Learning for Image Recognition (ResNet)",
        "GPT-4 Technical Report",
        "XyNet",
        "Mask R-CNN",
        "Figures of Speech in Large Language Models",
        "Paper Cuts: Robustness of Document Parsers",
        "Deep Learning, A Survey",  # two capitalised words before a comma are no author
        "Segment Anything, SAM, and Beyond",
        "Reinforcement Learning and Optimal Control",
        "Watermark Anything with Localized Messages (WAM)",
    ],
)
def test_titles_pass(text: str) -> None:
    assert why_not_title(text) == ""


def test_a_byline_or_a_tag_tail_is_cut_off_and_the_title_is_then_a_guess() -> None:
    assert trim("Learning to Count Objects in Video, Jane Doe et al.") == (
        "Learning to Count Objects in Video"
    )
    assert trim("Point Cloud Registration Revisited. [reg") == "Point Cloud Registration Revisited"
    choice = choose([Candidate("Sparse Voxel Transformers, Wei Chen et al.", "emphasis", True)])
    assert choice is not None
    assert (choice.title, choice.confident, choice.understood) == (
        "Sparse Voxel Transformers",
        False,
        True,
    )


def test_choose_takes_the_first_candidate_that_is_a_title() -> None:
    choice = choose(
        [
            Candidate("Smith, J., Chen, L.", "plain", False),
            Candidate("Figure 3.", "emphasis", True),
            Candidate("Dense Counting with Point Supervision", "link-text", True),
        ]
    )
    assert choice is not None
    assert (choice.title, choice.source, choice.confident) == (
        "Dense Counting with Point Supervision",
        "link-text",
        True,
    )
    # a bare name is never sure, whatever its place says
    short = choose([Candidate("XyNet", "column", True)])
    assert short is not None and not short.confident
    # nothing is a title: the first, not understood
    none = choose([Candidate("Figure 1", "emphasis", True), Candidate("pdf", "link-text", True)])
    assert none is not None and (none.title, none.understood) == ("Figure 1", False)


# ------------------------------------------------------------------ readers on fixtures


def test_author_first_items_take_the_linked_title() -> None:
    entries = _entries("author-first.md")
    for line, title in [
        (5, "Learning to Count Objects in Video"),
        (6, "Dense Counting with Point Supervision"),
        (8, "Counting Everything in Aerial Images"),
    ]:
        entry = entries[line]
        assert (entry.title, entry.title_source, entry.title_confident) == (
            title,
            "link-text",
            True,
        )


def test_a_section_of_author_lists_is_not_understood_and_says_so_once() -> None:
    entries = _entries("author-first.md")
    unread = [entries[line] for line in (12, 13, 14, 15)]
    assert all(not e.title_understood and not e.title_confident for e in unread)
    assert [e.arxiv.canonical for e in unread if e.arxiv] == [
        "2105.00055",
        "2106.00066",
        "2107.00077",
        "2107.00077",
    ]
    findings = _findings("author-first.md")
    notices = [f for f in findings if "titles not understood" in f["message"]]
    assert len(notices) == 1
    assert notices[0]["code"] == "AL903" and notices[0]["severity"] == "notice"
    assert "'Citations with no title to be found': 4 entries" in notices[0]["message"]
    # the same authors on different papers are no duplicate; the shared ID is a notice
    assert not [f for f in findings if f["severity"] in ("error", "warning")]
    assert [(f["code"], f["line"]) for f in findings if f["code"] == "AL001"] == [("AL001", 15)]


def test_bylines_and_tag_tails_are_cut_from_plain_titles() -> None:
    entries = _entries("author-first.md")
    assert entries[19].title == "Learning to Track Objects in Video"
    assert entries[20].title == "Point Cloud Registration Revisited"
    assert entries[21].title == "Sparse Voxel Transformers for Scene Completion"
    assert not any(entries[line].title_confident for line in (19, 20, 21))


def test_tags_before_and_after_a_title_are_no_part_of_it() -> None:
    entries = _entries("author-first.md")
    # a bold title after a long venue tag is the title, and sure
    assert (entries[25].title, entries[25].title_source, entries[25].title_confident) == (
        "Explainable Traffic Flow Prediction with Large Language Models",
        "emphasis",
        True,
    )
    assert entries[26].title == "Trafformer: Unify Time and Space in Traffic Prediction"
    assert entries[27].title == (
        "Dynamic Edge-Conditioned Filters in Convolutional Neural Networks on Graphs"
    )
    assert entries[28].title == "Colored Point Cloud Registration Revisited"
    assert not any(entries[line].title_confident for line in (26, 27, 28))


def test_title_column_wins_over_model_column() -> None:
    entries = _entries("title-and-model.md")
    assert entries[5].title == "Cross-View Attention for Stereo Matching"
    assert entries[5].aliases == ["XyNet"]
    assert entries[6].title == "Extremely Yielding Networks for Image Restoration"
    assert entries[7].title == "A Study of Depth Priors in Monocular Reconstruction"
    assert all(e.title_source == "column" and e.title_confident for e in entries.values())
    findings = _findings("title-and-model.md")
    # XyNet and XYNet are two papers; the row whose Model cell is "-" has its title; the
    # paper listed twice under its full title is a real duplicate, an error
    assert [(f["code"], f["line"], f["severity"]) for f in findings] == [("AL001", 9, "error")]


def test_guessed_titles_under_one_id_are_a_duplicate_a_title_alone_a_notice() -> None:
    findings = _findings("plain-duplicates.md")
    # plain titles are guesses: the same guess under the same arXiv ID is the same paper
    # listed twice (an error); the same guess under two IDs is worth a look only
    assert [(f["code"], f["line"], f["severity"]) for f in findings] == [
        ("AL001", 5, "error"),
        ("AL001", 6, "notice"),
    ]


def test_nonsense_titles_fall_back_to_not_understood() -> None:
    entries = _entries("nonsense.md")
    assert entries[5].title_confident and entries[6].title_confident
    figures = [entries[line] for line in (10, 11, 12, 13)]
    assert all(not e.title_understood for e in figures)
    findings = _findings("nonsense.md")
    notices = [f for f in findings if f["code"] == "AL903"]
    assert [n["message"] for n in notices] == [
        "titles not understood in section 'Figures': 4 entries checked by ID and links only"
    ]
    # no title-based finding: 'Figure 1' twice is no duplicate, 'Figure 1'/'Figure 2'
    # under one ID no conflict; the shared ID is a notice that quotes no title
    assert not [f for f in findings if f["code"] in ("AL002", "AL004", "AL202")]
    duplicates = [f for f in findings if f["code"] == "AL001"]
    assert [(f["line"], f["severity"]) for f in duplicates] == [(12, "notice")]
    assert "Figure" not in duplicates[0]["message"]


def test_dataset_rows_sharing_a_method_id_are_notices_at_most() -> None:
    findings = _findings("datasets.md")
    by_line = {f["line"]: f for f in findings if f["code"] == "AL002"}
    # a dataset's name against the method's title; a row under a "Datasets" heading
    assert by_line[7]["severity"] == "notice"
    assert by_line[11]["severity"] == "notice"
    # a Dataset/Paper table: the row names the dataset, its paper's title an alias
    assert 17 not in by_line
    row = _entries("datasets.md")[17]
    assert (row.title, row.aliases, row.title_confident) == ("ABC-10K", ["ABCNet"], False)
    # two papers' full titles under one ID stay an error
    assert by_line[22]["severity"] == "error"


def test_a_figure_caption_is_never_a_title_the_heading_above_is() -> None:
    entries = _entries("figure-captions.md")
    titles = [(e.title, e.title_source) for e in entries.values()]
    assert titles == [
        ("MODUS: Decoder-Only Any-to-Any Multimodal Modeling", "heading"),
        ("Argus-Unified: Economical Understanding and Generation", "heading"),
    ]
    assert not any("Figure" in f["message"] for f in _findings("figure-captions.md"))


def test_every_entry_says_where_its_title_came_from() -> None:
    for path in sorted(FIXTURES.glob("*.md")):
        for entry in parse(path.read_text("utf-8"), path).entries:
            assert entry.title_source in TITLE_SOURCES, (path.name, entry.line)
            if entry.title_confident:
                assert entry.title_understood and not why_not_title(entry.title)


def test_export_carries_provenance_and_confidence() -> None:
    result = run_cli("export", "--format", "json", FIXTURES / "nonsense.md")
    assert result.returncode == 0, result.stderr
    exported = json.loads(result.stdout)
    rows = exported["entries"] if isinstance(exported, dict) else exported
    assert [(r["line"], r["title_source"], r["title_confident"]) for r in rows] == [
        (5, "link-text", True),
        (6, "link-text", True),
        (10, "emphasis", False),
        (11, "emphasis", False),
        (12, "emphasis", False),
        (13, "emphasis", False),
    ]


# ------------------------------------------------------------------ the corpus

# An independent count of titles that are no titles, written apart from the parser's
# classifier: author lists, bylines, captions, link labels, markup left in, brackets cut.
_NOT_A_TITLE = re.compile(
    r"^[A-Z][\w'\-]+(?: [A-Z][\w'\-]+)?, (?:[A-Z]\. ?){1,3}(?:,|$| and )"
    r"|^(?:[A-Z]\. ?){1,2}[A-Z][a-z]+, (?:[A-Z]\. ?){1,2}[A-Z][a-z]+"
    r"|\bet al\.?$"
    r"|^(?:fig|figure|table)\.? ?\d"
    r"|^\W*(?:paper|code|pdf|arxiv|github|project|project page|website|link|demo|video|blog"
    r"|source paper|pytorch|tensorflow|title|url)\W*$"
    r"|\]\(|<img|<a |\[!\[|\*\*",
    re.IGNORECASE,
)


def _bad_title(title: str) -> bool:
    title = title.strip()
    return not title or bool(_NOT_A_TITLE.search(title)) or title.count("[") != title.count("]")


def _lists() -> list[Path]:
    if not CORPUS.exists():
        return []
    paths = [
        p for p in sorted(CORPUS.glob("*/*.md")) if p.name not in ("SOURCE.md", "KNOWN-DEFECTS.md")
    ]
    return [*paths, SEED]


@pytest.mark.parametrize("path", _lists(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_title_sanity_on_the_corpus(path: Path) -> None:
    """At most 2 % of a list's entries (lists of ten or more) have a title that is none."""
    needs_shared(path)
    entries = parse(path.read_text("utf-8", "replace"), path).entries
    if len(entries) < 10:
        pytest.skip("fewer than ten entries")
    bad = [e for e in entries if _bad_title(e.title)]
    assert len(bad) <= 0.02 * len(entries), [(e.line, e.title) for e in bad[:10]]


# ------------------------------------------------------------------ shapes of fresh lists


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Graph2vec (MLGWorkshop 2017)", "Graph2vec"),
        (
            "A Baseline for Graphs (Relational Representation Learning, NIPS 2018)",
            "A Baseline for Graphs",
        ),
        ("[AAAI 2021] Data Augmentation for Graphs", "Data Augmentation for Graphs"),
        ("[arXiv] Feature Propagation on Graphs", "Feature Propagation on Graphs"),
        ("2309.00267 RLAIF: Scaling Feedback", "RLAIF: Scaling Feedback"),
        ("Deep Residual Learning (ResNet)", "Deep Residual Learning (ResNet)"),  # no year: an alias
        ("(2018)", "(2018)"),  # nothing would be left
        # a list's mark and a year after the title
        ("Segmenting Sensor Streams without Labels 🌟", "Segmenting Sensor Streams without Labels"),
        ("A survey of noise suppression, 2020", "A survey of noise suppression"),
        ("Robust Recognition: An Overview, Jane Roe, 2017", "Robust Recognition: An Overview"),
        ("Sparse, Dense, and Hybrid Retrieval, 2021", "Sparse, Dense, and Hybrid Retrieval"),
        (
            "Hana Kim, Learning to Rank, Bioinformatics, 2018",
            "Hana Kim, Learning to Rank, Bioinformatics, 2018",
        ),
    ],
)
def test_venue_tags_and_ids_around_a_title_are_dropped(text: str, title: str) -> None:
    assert drop_tags(text) == title


def test_a_tag_dropped_keeps_the_title_sure_and_authors_cut_off_leave_a_guess() -> None:
    tagged = choose([Candidate("Anonymous Walk Embeddings (ICML 2018)", "emphasis", True)])
    assert tagged is not None
    assert (tagged.title, tagged.confident) == ("Anonymous Walk Embeddings", True)
    cited = choose(
        [
            Candidate(
                "S. S. Keerthi and B. Ravindran, A Tutorial Survey, Sadhana, 1994", "plain", False
            )
        ]
    )
    assert cited is not None
    assert (cited.title, cited.confident, cited.understood) == ("A Tutorial Survey", False, True)
    # two capitalised words after the authors are the title, not one more author
    assert trim("Dimitri P. Bertsekas and John N. Tsitsiklis, Neuro-Dynamic Programming") == (
        "Neuro-Dynamic Programming"
    )
    # the last of authors cited without initials is one more author
    assert why_not_title("Jiuyi Zhang, Jiaqi Ji, Sijia Feng, Huiying Ru") == "author list"
    # a whole author list stays one: no title follows it
    assert why_not_title("J. Smith, L. Chen and R. Kumar") == "author list"


def test_fresh_citation_shapes_read_their_titles() -> None:
    entries = _entries("fresh-citations.md")
    expected = {
        # "- Name: Title." above "- Y. Ito, K. Park … *NeurIPS 2020*. [[pdf]]": the item above
        6: ("StereoNet: Learning Stereo Matching Without Ground Truth", "heading", False),
        8: ("DepthMix: Mixing Depth Maps for Self-Supervised Learning", "heading", False),
        10: ("FlowReg: Regularised Optical Flow on Sparse Graphs", "heading", False),
        # authors, title, venue, year in plain text
        14: ("Counting Cells with Weak Supervision", "plain", False),
        15: ("Sparse Attention for Long Videos", "plain", False),
        16: ("Learning to Rank Proteins by Shape", "plain", False),
        # a venue tag in the bold title, an arXiv ID in the link's text
        20: ("Graph Kernels for Molecule Retrieval", "emphasis", True),
        23: ("Scalable Node Embeddings", "emphasis", True),
        26: ("Reward Models Without Labels", "link-text", True),
    }
    for line, (title, source, confident) in expected.items():
        entry = entries[line]
        assert (entry.title, entry.title_source, entry.title_confident) == (
            title,
            source,
            confident,
        ), line
        assert entry.arxiv is not None and entry.title_understood


def test_a_code_link_to_an_archive_doi_is_no_paper() -> None:
    findings = _findings("fresh-citations.md")
    assert not [f for f in findings if f["code"] == "AL304"]


def test_a_name_column_beside_a_paper_column_gives_the_paper_title() -> None:
    entries = _entries("name-and-paper.md")
    for line, title, name in [
        (5, "Graph Augmentation for Node Classification", "GAUG"),
        (6, "Topology Optimisation for Graph Convolution", "TO-GNN"),
        (7, "Meta Propagation for Few-Shot Graph Learning", "Meta-PN"),
    ]:
        entry = entries[line]
        assert (entry.title, entry.title_confident, entry.aliases) == (title, True, [name])
    # two datasets one paper introduced, each named in its row: the same title twice is
    # worth a look, not an error
    twice = [f for f in _findings("name-and-paper.md") if f["code"] == "AL001"]
    assert [(f["line"], f["severity"]) for f in twice] == [(14, "notice")]


def test_a_group_label_in_an_html_row_is_no_title_and_a_method_name_is_unsure() -> None:
    entries = _entries("html-groups.md")
    # "<th rowspan=2><strong>Gradient-based</strong></th>" labels the rows; the paper
    # link's text, without its "(Author et al., 2021)", is the method's name: not sure
    for line, title, confident in [
        (14, "MX-FGSM", False),
        (19, "L2X", False),
        (25, "Random Crops Transfer Better Than Scaling", True),
    ]:
        entry = entries[line]
        assert (entry.title, entry.title_source, entry.title_confident) == (
            title,
            "link-text",
            confident,
        )


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("VMI-FGSM", True),
        ("Pro-GNN", True),
        ("GPT-4", True),
        ("Semantic-Segment-Anything", False),
        ("Graph2vec", False),
        ("Mask R-CNN", False),
    ],
)
def test_an_acronym_of_parts_is_a_bare_name(name: str, short: bool) -> None:
    assert is_short(name) is short


def test_numbered_headings_over_labelled_links_are_papers_named_by_their_headings() -> None:
    entries = _entries("numbered-headings.md")
    headed = [(e.title, e.title_source) for e in entries.values() if e.title_source == "heading"]
    assert headed == [
        # one line of labelled links (a PDF, a video) under a heading: the heading names it
        ("Splat Fields for Real-Time View Synthesis of Large Scenes", "heading"),
        # the heading's number orders the papers; an "**Authors**:" line over the links
        # is no paper of its own
        ("Clothed Avatars from Monocular Video with Splat Fields", "heading"),
        ("Head Avatars in Real Time with Morphable Splats", "heading"),
        ("Drivable Splat Avatars for Telepresence", "heading"),
        ("Street Splats for Dynamic Urban Scenes", "heading"),
    ]
    titles = [e.title for e in entries.values() if e.title_source != "heading"]
    assert titles == [
        "Segmenting Sensor Streams without Labels",
        "Regime Discovery in Long Time Series",
        "A survey of single channel noise suppression",
        "Robust Speech Recognition in Noise: An Overview of Recent Work",
        "Sparse, Dense, and Hybrid Retrieval of Spoken Documents",
    ]
    assert not any(why_not_title(title) for title in titles)


def test_contents_name_group_labels_and_leave_years_inside_a_topic() -> None:
    # "- **🧭 Background**" names its section; "## 2024:" under a topic is no section the
    # contents would list when they list no year
    assert not [f for f in _findings("numbered-headings.md") if f["code"] == "AL103"]
    # contents that list years still miss one
    missing = [f for f in _findings("toc-years.md") if f["code"] == "AL103"]
    assert [(f["line"], f["severity"]) for f in missing] == [(19, "warning")]
