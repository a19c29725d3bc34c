"""Issue 17: defects that slipped through, one regression, messages that say what is wrong.

Every list here is written for the test; none is a real list's text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import git, run_cli

from awesome_lint.config import Config
from awesome_lint.engine import Selection, Target, lint
from awesome_lint.model import Diagnostic, Document, Entry
from awesome_lint.parser import parse
from awesome_lint.rules.context import titles_trusted

# --------------------------------------------------------------- 1. repository-root links

ROOT_LINKS = """\
# Awesome Widgets

- [Overview](./#overview)
- [Home](./)
- [Top](/)
- [Overview again](README.md#overview)
- [Overview from the top](/#overview)
- [Missing](./#no-such-part)
- [Missing too](README.md#also-missing)
- [Missing from the top](/#missing-at-the-top)

## Overview

Some widgets.
"""


def _cli_findings(folder: Path, *args: str, path: str = "README.md") -> list[dict[str, object]]:
    result = run_cli("--offline", "--format", "json", *args, path, cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return list(json.loads(result.stdout))


@pytest.mark.parametrize("with_git", [True, False], ids=["git", "no-git"])
def test_root_links_stay_inside_and_their_anchors_are_checked(
    tmp_path: Path, with_git: bool
) -> None:
    (tmp_path / "README.md").write_text(ROOT_LINKS, encoding="utf-8")
    if with_git:
        git("init", "-q", ".", cwd=tmp_path)
    found = _cli_findings(tmp_path, "--select", "AL103,AL301")
    assert not [f for f in found if "outside" in str(f["message"])], found
    assert sorted((f["line"], f["code"]) for f in found) == [
        (8, "AL103"),
        (9, "AL103"),
        (10, "AL103"),
    ]
    assert "'#missing-at-the-top'" in str(next(f for f in found if f["line"] == 10)["message"])


def test_a_sub_list_linking_the_repository_root_is_inside(tmp_path: Path) -> None:
    """`../` and `/` from a list in a folder reach the repository's root: inside it."""
    git("init", "-q", ".", cwd=tmp_path)
    (tmp_path / "README.md").write_text("# Top\n", encoding="utf-8")
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "README.md").write_text(
        "# Topic\n\n- [Back](../)\n- [Home](/)\n- [Up](../README.md#top)\n", encoding="utf-8"
    )
    found = _cli_findings(tmp_path, "--select", "AL103,AL301", path="topics/README.md")
    assert found == []


# --------------------------------------------------------------- in-process lint helper


def _lint(
    tmp_path: Path, markdown: str, codes: tuple[str, ...], network: object = None
) -> tuple[list[Diagnostic], Document]:
    """The list written to disk, parsed and linted with the given rules selected."""
    source = tmp_path / "README.md"
    source.write_text(markdown, encoding="utf-8")
    document = parse(markdown, source, "README.md")
    found = lint([Target(document, Config(root=tmp_path))], Selection(extend_select=codes), network)
    return [d for d in found if d.code in codes], document


def _entry_at(document: Document, line: int) -> Entry:
    return next(e for e in document.entries if e.line == line)


def _expected_severity(document: Document, *lines: int) -> str:
    """Findings that rest on titles are errors only when both titles are confidently read
    (issue 16 sets ``title_confident``); until then they are notices."""
    entries = [_entry_at(document, line) for line in lines]
    return "error" if titles_trusted(*entries) else "notice"


# ------------------------------------------- 2, 3. two wordings of one title, two identities

TWO_WORDINGS = """\
# Awesome Shape Matching

## Registration

| Title | Venue | Links |
|---|---|---|
| **MeshWarp: Surface Alignment with Learned Features** | CVPR 2021 | [[Paper](https://arxiv.org/abs/2101.04321)] [[Code](https://github.com/lab-a/meshwarp)] |
| **Fast Sparse Matching for Large Scenes** | ICCV 2021 | [[Paper](https://arxiv.org/abs/2103.04567)] |
| **MeshWarp: Robust and Efficient Surface Alignment with Learned Features** | CVPR 2021 | [[Paper](https://arxiv.org/abs/2101.04321)] |
| **MeshWarp++: Surface Alignment with Learned Features** | TPAMI 2023 | [[Paper](https://arxiv.org/abs/2301.04321)] [[Code](https://github.com/lab-a/meshwarp)] |
| **MeshWarp v2: Surface Alignment with Learned Features** | TPAMI 2024 | [[Code](https://github.com/lab-a/meshwarp)] |

## Segmentation

| Title | Venue | Links |
|---|---|---|
| **Voxel Graph Transformers for Outdoor Segmentation** | CVPR 2022 | [[Paper](https://arxiv.org/abs/2205.01111)] [[Code](https://github.com/lab-b/voxel-graph)] |
| **Learning to Prompt Point Encoders** | CVPR 2022 | [[Code](https://github.com/lab-b/toolbox)] |
| **Conditional Prompt Learning for Point Encoders** | CVPR 2022 | [[Code](https://github.com/lab-b/toolbox)] |

## Driving

| Title | Venue | Links |
|---|---|---|
| **Voxel Graph Transformers for Outdoor Scene Segmentation** | CVPR 2022 | [[Paper](https://openaccess.thecvf.com/content/CVPR2022/html/Voxel_Graph.html)] [[Code](https://github.com/lab-b/voxel-graph)] |
"""


def test_two_wordings_of_one_title_are_one_paper(tmp_path: Path) -> None:
    found, document = _lint(tmp_path, TWO_WORDINGS, ("AL001", "AL002"))
    by_line = {d.span.line: d for d in found}
    # the reworded subtitle under one ID: AL001 within the section, and not AL002
    assert by_line[9].code == "AL001"
    assert "two wordings of one title, with the same arXiv ID 2101.04321 as line 7" in (
        by_line[9].message
    )
    assert "'MeshWarp: Surface Alignment with Learned Features'" in by_line[9].message
    assert by_line[9].severity.label == _expected_severity(document, 7, 9)
    # the venue page and the arXiv page of one paper, sharing its repository: a notice
    # across sections
    assert by_line[25].code == "AL001"
    assert by_line[25].severity.label == "notice"
    assert (
        "one row links arXiv 2205.01111, the other a venue page on openaccess.thecvf.com"
        in by_line[25].message
    )
    # ++ is the extension (a notice of its own), v2 another version: no "two wordings";
    # the toolbox's two papers with reordered words are two papers
    assert "two wordings" not in getattr(by_line.get(10), "message", "")
    assert 11 not in by_line and 18 not in by_line and 19 not in by_line
    assert not [d for d in found if d.code == "AL002"]


# --------------------------------------------------------------- 4. messages


SAME_TITLE_TWO_IDS = """\
# Awesome Diffusion

## Surveys

| Title | Links |
|---|---|
| **Diffusion Models for Tabular Data: A Survey** | [[Paper](https://arxiv.org/abs/2401.11111)] |
| **Diffusion Models for Tabular Data: A Survey** | [[Paper](https://arxiv.org/abs/2402.22222)] |

## Audio

| Title | Links |
|---|---|
| **Spectral Diffusion for Speech Enhancement in Noisy Rooms** | [[Paper](https://arxiv.org/abs/2403.33333)] |
| **Score Matching Vocoders with Learned Noise Schedules** | [[Paper](https://arxiv.org/abs/2403.33333)] |
"""


def test_one_title_under_two_ids_names_both(tmp_path: Path) -> None:
    found, _ = _lint(tmp_path, SAME_TITLE_TWO_IDS, ("AL001",))
    assert [d.span.line for d in found] == [8]
    assert "the rows link different arXiv IDs (2402.22222 here, 2401.11111 there)" in (
        found[0].message
    )
    assert "one of them is wrong" in found[0].message


def test_id_conflict_quotes_both_titles_whole_and_allows_a_rename(tmp_path: Path) -> None:
    long_title = (
        "Score Matching Vocoders with Learned Noise Schedules for Expressive Multi-Speaker "
        "Text-to-Speech Synthesis in Low-Resource Languages"
    )
    markdown = SAME_TITLE_TWO_IDS.replace(
        "Score Matching Vocoders with Learned Noise Schedules", long_title
    )
    found, _ = _lint(tmp_path, markdown, ("AL002",))
    assert [d.span.line for d in found] == [15]
    message = found[0].message
    assert f"titled '{long_title}' here" in message  # whole, never cut short
    assert "'Spectral Diffusion for Speech Enhancement in Noisy Rooms' (line 14)" in message
    assert message.endswith("one of the two rows links the wrong paper, or the paper was renamed")


def test_id_conflict_online_names_the_row_arxiv_confirms(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from awesome_lint.network_stage import NetworkFacts

    facts = NetworkFacts()
    facts.arxiv["2403.33333"] = SimpleNamespace(
        id="2403.33333", title="Spectral Diffusion for Speech Enhancement in Noisy Rooms"
    )
    found, _ = _lint(tmp_path, SAME_TITLE_TWO_IDS, ("AL002",), facts)
    assert len(found) == 1
    assert found[0].message.endswith(
        "arXiv's title is 'Spectral Diffusion for Speech Enhancement in Noisy Rooms', "
        "which matches line 14, not line 15"
    ), found[0].message


# --------------------------------------------------------------- 5. AL006 copied links

COPIED_LINKS = """\
# Awesome Scene Flow

## Flow

- **MeshWarp: Surface Alignment with Learned Features** [[Paper](https://arxiv.org/abs/2101.04321)] [[Code](https://github.com/lab-a/MeshWarp)]
- **Sparse Keypoint Voting for Large Scenes** [[Paper](https://arxiv.org/abs/2103.04567)] [[Code](https://github.com/lab-a/MeshWarp)]
- **Rain-Robust Lidar Odometry with Learned Priors** [[Paper](https://arxiv.org/abs/2105.01234)] [[Project](https://lab-c.example.org/rain-odometry/)]
- **Night-Time Lidar Odometry under Heavy Fog** [[Paper](https://arxiv.org/abs/2105.05678)] [[Project](https://lab-c.example.org/rain-odometry)]

## Scenes

- **FlowPoints: Scene Flow from Sparse Keypoints** [[Paper](https://arxiv.org/abs/2104.07654)] [[Code](https://github.com/lab-d/meshwarp)]
- **Diffusion Normalizing Flow for Point Clouds** [[Paper](https://arxiv.org/abs/2106.00021)] [[Code](https://github.com/lab-e/DiffFlow)]
- **DiffFlow: Differentiable Flow Fields for Rigid Scenes** [[Paper](https://arxiv.org/abs/2106.00022)] [[Code](https://github.com/lab-f/DiffFlow)]
- **Learning to Prompt Point Encoders** [[Paper](https://arxiv.org/abs/2106.00023)] [[Code](https://github.com/lab-g/l2p)]
- **PromptPoint: Prompting Point Encoders at Test Time** [[Paper](https://arxiv.org/abs/2106.00024)] [[Code](https://github.com/lab-g/l2p)]
- **Tuning PointKit for Indoor Scenes** [[Paper](https://arxiv.org/abs/2106.00025)] [[Code](https://github.com/lab-h/pointkit)]
- **Scaling PointKit to City-Scale Maps** [[Paper](https://arxiv.org/abs/2106.00026)] [[Code](https://github.com/lab-h/pointkit)]
- **Registration with the Point Toolbox** [[Paper](https://arxiv.org/abs/2106.00027)] [[Code](https://github.com/lab-i/toolbox)]
- **Odometry with the Point Toolbox Revisited** [[Paper](https://arxiv.org/abs/2106.00028)] [[Code](https://github.com/lab-i/toolbox)]
- **Segmentation with the Point Toolbox Again** [[Paper](https://arxiv.org/abs/2106.00029)] [[Code](https://github.com/lab-i/toolbox)]
"""


def test_copied_links_are_reported_and_shared_codebases_are_not(tmp_path: Path) -> None:
    found, document = _lint(tmp_path, COPIED_LINKS, ("AL006",))
    by_line = {d.span.line: d for d in found}
    # the row above's repository and project page pasted again (L2P abbreviates the row
    # above's "Learning to Prompt", not PromptPoint); a repository named after another
    # paper of the list (MeshWarp) under FlowPoints
    assert sorted(by_line) == [6, 8, 12, 16], [(d.span.line, d.message) for d in found]
    assert "also the row above's, 'MeshWarp: Surface Alignment with Learned Features'" in (
        by_line[6].message
    )
    assert by_line[8].message.startswith("the project link https://lab-c.example.org/rain")
    assert "named after another paper of the list, 'MeshWarp:" in by_line[12].message
    assert by_line[6].severity.label == (
        "warning" if _expected_severity(document, 5, 6) == "error" else "notice"
    )
    # quiet: DiffFlow abbreviating "Diffusion Normalizing Flow" (its own, though another
    # paper is called DiffFlow), titles both naming PointKit, a toolbox in three rows


# --------------------------------------------------------------- 6. markup shown as text

MARKUP_AS_TEXT = """\
# Awesome Widgets

- [Safety & Ethics](#safety & ethics)
- [Models](#models "The models")

## Models

- **Alpha Beta Widget Networks** [[Paper](https://arxiv.org/abs/2101.00001)] [[code]]([https://github.com/lab/alpha](https://github.com/lab/alpha))
- **Epsilon Zeta Widget Learners** [[Paper](https://arxiv.org/abs/2101.00002)] [[Blog]] (https://example.org/blog)
- **Iota Kappa Widget Models** [Paper] (https://arxiv.org/abs/2101.00003)
- **Nu Xi Widget Models** [[Paper](https://arxiv.org/abs/2101.00004)]] [[Code](https://github.com/lab/nu)]
- **Rho Sigma Widget Models** [[Paper](https://arxiv.org/abs/2101.00005) [[Code](https://github.com/lab/rho)]
- **Phi Chi Widget Models** [[Paper](https://arxiv.org/abs/2101.00006https://arxiv.org/abs/2101.00007)]
- **Fine Widget Models** [ICCV 2021] [[Paper](https://arxiv.org/abs/2101.00008), [Code](https://github.com/lab/fine)] `x[1]]`

## Safety & Ethics

Notes.
"""


def test_markup_that_renders_as_text_is_reported(tmp_path: Path) -> None:
    found, _ = _lint(tmp_path, MARKUP_AS_TEXT, ("AL302", "AL003"))
    lines = MARKUP_AS_TEXT.splitlines()

    def column(line: int, text: str, offset: int = 0) -> int:
        return lines[line - 1].index(text) + 1 + offset

    got = sorted((d.span.line, d.span.column, d.code) for d in found)
    assert got == [
        (3, 3, "AL302"),  # the target holds spaces
        (8, column(8, "[[code]]"), "AL302"),  # a markdown link as the target
        (9, column(9, "[[Blog]] ("), "AL302"),  # [[Blog]] (url)
        (10, column(10, "[Paper] ("), "AL302"),  # [Paper] (url)
        (11, column(11, ")]]", 2), "AL302"),  # the stray ']' (the second of "]]")
        (12, column(12, "[[Paper]"), "AL302"),  # the '[' nothing closes
        (13, column(13, "[Paper]"), "AL302"),  # glued URLs: the markup
        (13, column(13, "2101.00006"), "AL003"),  # glued URLs: the ID the reader gets
    ], [(d.span.line, d.span.column, d.code, d.message) for d in found]
    messages = {d.span.line: d.message for d in found if d.code == "AL302"}
    assert "holds spaces" in messages[3]
    assert "holds markdown" in messages[8]
    assert messages[9].startswith("'[Blog](…)' is shown as text")
    assert messages[11] == "stray ']' after the link 'Paper': it shows as text"
    assert messages[12] == "'[' before the link 'Paper' has no ']': it shows as text"
    glued_id = next(d.message for d in found if d.code == "AL003")
    assert glued_id.startswith("malformed arXiv identifier '2101.00006http…'")


# --------------------------------------------------------------- 7. anchors defined twice

ANCHORS_TWICE = """\
# Awesome Widgets

- [Vision](#vision)
- [Speech](#speech)
- [Tools](#tools)

<a name="vision"></a>
## Vision widgets

<a name="vision"></a>
## Speech widgets

<p id="tools">Tools</p> <a name="tools" id="tools"></a>
"""


def test_an_anchor_defined_twice_is_reported_on_the_second(tmp_path: Path) -> None:
    found, _ = _lint(tmp_path, ANCHORS_TWICE, ("AL103",))
    twice = [d for d in found if "defined again" in d.message]
    assert [(d.span.line, d.span.column) for d in twice] == [(10, 1), (13, 25)]
    assert twice[0].message == (
        "anchor '#vision' is defined again (first on line 7): links reach only the first one"
    )
    # the contents link the second was meant to define has no target
    assert any(d.span.line == 4 and "'#speech'" in d.message for d in found)


# --------------------------------------------------------------- 8. badges of bulleted items

BADGED_ITEMS = """\
# Awesome Robot Widgets

## Manipulation

+ [Grasping Widgets with Learned Affordances](https://arxiv.org/abs/2301.01111) (CoRL 2023)
  [![Star](https://img.shields.io/github/stars/lab-a/grasp-widgets.svg?style=social&label=Star)](https://github.com/lab-a/grasp-widgets)
  [![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](https://arxiv.org/abs/2301.01111)

+ [Pouring Widgets from Human Videos](https://arxiv.org/abs/2301.01111) (CoRL 2023)
  [![Star](https://img.shields.io/github/stars/lab-a/grasp-widgets.svg?style=social&label=Star)](https://github.com/lab-a/grasp-widgets)
  [![arXiv](https://img.shields.io/badge/arXiv-2302.02222-b31b1b.svg)](https://arxiv.org/abs/2302.02222)
  [[Code](https://github.com/lab-b/pour-widgets)]

+ [Stacking Widgets under Occlusion](https://lab-c.example.org/stacking) (ICRA 2024)
  [![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](https://arxiv.org/abs/2303.03333)
"""


def test_badges_on_an_items_indented_lines_belong_to_it(tmp_path: Path) -> None:
    found, _ = _lint(tmp_path, BADGED_ITEMS, ("AL303", "AL308", "AL002"))
    got = sorted((d.span.line, d.code) for d in found)
    # the title link borrowed the item above's ID (AL002), which the item's own badge
    # contradicts (AL308); its star badge counts another repository than its code (AL303)
    assert got == [(9, "AL002"), (10, "AL303"), (11, "AL308")], [
        (d.span.line, d.code, d.message) for d in found
    ]
    badge = next(d for d in found if d.code == "AL308")
    assert (
        badge.message == "arXiv badge shows 2302.02222 but the item's title links arXiv 2301.01111"
    )


# --------------------------------------------------------------- 9. dates the order rule missed


def _date_table(header: str, dates: list[str]) -> str:
    rows = [f"| Title | {header} |", "|---|---|"]
    rows += [
        f"| [Widget Study {index}: Sorting Things](https://arxiv.org/abs/2401.{index:05d}) | {date} |"
        for index, date in enumerate(dates, 1)
    ]
    return "# Awesome Widgets\n\n## Papers\n\n" + "\n".join(rows) + "\n"


def test_newest_first_table_with_a_run_going_upward(tmp_path: Path) -> None:
    """Many rows share a month, so adjacent pairs tie between up and down; the fewest
    rows out of place say newest-first, and the run going upward is reported."""
    dates = ["2024-12"] * 8 + ["2024-11"] * 8 + ["2024-10"] * 8 + ["2024-01", "2024-02"]
    dates += ["2024-03", "2024-04"]
    found, _ = _lint(tmp_path, _date_table("Date", dates), ("AL101",))
    # three of the four rows must move; the first of the run stays
    assert [d.span.line for d in found] == [32, 33, 34]
    assert all("sorted descending" in d.message for d in found)


def test_a_mostly_unordered_table_says_nothing(tmp_path: Path) -> None:
    dates = ["2024-03", "2023-01", "2024-09", "2022-04", "2024-01", "2021-02", "2023-08"]
    found, _ = _lint(tmp_path, _date_table("Date", dates), ("AL101",))
    assert found == []


def test_publication_date_column_in_words(tmp_path: Path) -> None:
    dates = ["2 June 2025", "16 May 2025", "June 20, 2025", "May 3, 2025", "April 30, 2025"]
    markdown = _date_table("Publication Date", dates)
    found, document = _lint(tmp_path, markdown, ("AL101",))
    assert document.tables[0].roles == ["title", "date"]
    assert [(d.span.line, d.message) for d in found] == [
        (
            9,
            "date 2025-06-20 is out of order in a table sorted descending: it belongs "
            "before line 7 (2025-06-02)",
        )
    ]
    # `awesome-lint init` reads the column as dates, and their order
    sorted_dates = ["20 June 2025", "June 2, 2025", "16 May 2025", "May 3, 2025", "2 Apr 2025"]
    (tmp_path / "README.md").write_text(_date_table("Publication Date", sorted_dates))
    result = run_cli("init", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = (tmp_path / ".awesome-lint.yml").read_text(encoding="utf-8")
    assert '"Publication Date": date' in config
    assert "years are descending in 1 of the paper tables" in config


def test_dated_tags_inside_items(tmp_path: Path) -> None:
    markdown = (
        "# Awesome Widgets\n\n## Widgets\n\n"
        "- [Arxiv, 2024.06] **Widget Nets for Sparse Scenes** [[Paper](https://arxiv.org/abs/2406.00011)]\n"
        "- [Arxiv, 2024.05] **Widget Nets for Dense Scenes** [[Paper](https://arxiv.org/abs/2405.00012)]\n"
        "- [Arxiv, 2024.07] **Widget Nets for Moving Scenes** [[Paper](https://arxiv.org/abs/2407.00013)]\n"
        "- (CVPR 2024.04) **Widget Nets for Still Scenes** [[Paper](https://arxiv.org/abs/2404.00014)]\n"
        "- [Arxiv, 2024.03] **Widget Nets for Wide Scenes** [[Paper](https://arxiv.org/abs/2403.00015)]\n"
        "- [Arxiv, 2024.02] **Widget Nets for Tall Scenes** [[Paper](https://arxiv.org/abs/2402.00016)]\n"
    )
    found, document = _lint(tmp_path, markdown, ("AL101",))
    assert [e.date for e in document.entries] == [
        (2024, 6),
        (2024, 5),
        (2024, 7),
        (2024, 4),
        (2024, 3),
        (2024, 2),
    ]
    assert [(d.span.line, d.span.column) for d in found] == [(7, 3)]
    assert found[0].message.startswith(
        "date 2024-07 is out of order in a section sorted descending"
    )


# ------------------------------------------------- 7. contents written in HTML, in <details>

HTML_CONTENTS = """\
# Awesome Widgets

<details>
  <summary>Contents</summary>
  <ul>
    <li><a href="#vision">Vision</a></li>
    <li><a href="#robots">Robots</a></li>
    <li><a href="#speech">Speech</a></li>
  </ul>
</details>

## Vision

Papers.

## Speech

Papers.

<details>
<summary>Older</summary>

## Text

Papers.

</details>

## Robots

Papers.

## Contributing

Pull requests welcome.
"""


def test_html_contents_are_checked_like_markdown_ones(tmp_path: Path) -> None:
    found, document = _lint(tmp_path, HTML_CONTENTS, ("AL103",))
    assert [(toc.line, toc.end_line, toc.html) for toc in document.tocs] == [(6, 8, True)]
    got = sorted((d.span.line, d.message.split(" ", 3)[1]) for d in found)
    # 'Speech' listed after 'Robots'; 'Text' (inside a details group) missing; back
    # matter not expected
    assert [line for line, _ in got] == [8, 23], [(d.span.line, d.message) for d in found]
    assert "'Text' is missing from the table of contents (line 6)" in next(
        d.message for d in found if d.span.line == 23
    )
