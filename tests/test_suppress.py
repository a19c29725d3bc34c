"""Inline suppression comments (markdownlint's syntax) and AL902 for unused ones."""

from __future__ import annotations

from pathlib import Path

from awesome_lint.config import Config
from awesome_lint.engine import Selection, Target, lint
from awesome_lint.parser import parse

BAD = "- [x](https://arxiv.org/abs/2404.089588)"  # AL003 on its line
# two BAD items are one paper listed twice (AL001), and a section of papers all titled
# "x" is one whose titles are not understood (AL903): these tests are about AL003 alone
NOT_DUPLICATES = Selection(ignore=("AL001", "AL903"))


def _codes(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    path = tmp_path / "README.md"
    path.write_text(text)
    document = parse(text, path, "README.md")
    return [
        (d.code, d.span.line)
        for d in lint([Target(document, Config(root=tmp_path))], NOT_DUPLICATES)
    ]


def test_disable_line(tmp_path: Path) -> None:
    assert _codes(tmp_path, f"{BAD} <!-- awesome-lint-disable-line AL003 -->\n") == []


def test_disable_line_by_name_and_for_all(tmp_path: Path) -> None:
    text = f"{BAD} <!-- awesome-lint-disable-line arxiv-id-malformed -->\n{BAD} <!-- awesome-lint-disable-line -->\n"
    assert _codes(tmp_path, text) == []


def test_disable_line_for_another_rule_does_not_hide(tmp_path: Path) -> None:
    found = _codes(tmp_path, f"{BAD} <!-- awesome-lint-disable-line AL001 -->\n")
    assert ("AL003", 1) in found
    assert ("AL902", 1) in found  # and the comment itself is unused


def test_disable_next_line(tmp_path: Path) -> None:
    text = f"<!-- awesome-lint-disable-next-line AL003 -->\n{BAD}\n{BAD}\n"
    assert _codes(tmp_path, text) == [("AL003", 3)]


def test_disable_enable_range(tmp_path: Path) -> None:
    text = f"{BAD}\n\n<!-- awesome-lint-disable AL003 -->\n\n{BAD}\n\n<!-- awesome-lint-enable AL003 -->\n\n{BAD}\n"
    assert _codes(tmp_path, text) == [("AL003", 1), ("AL003", 9)]


def test_enable_one_rule_inside_a_disable_all(tmp_path: Path) -> None:
    text = f"<!-- awesome-lint-disable -->\n\n<!-- awesome-lint-enable AL003 -->\n\n{BAD}\n"
    # the bare disable hid nothing, so it is reported as unused
    assert _codes(tmp_path, text) == [("AL902", 1), ("AL003", 5)]


def test_disable_file(tmp_path: Path) -> None:
    text = f"{BAD}\n\n{BAD}\n\n<!-- awesome-lint-disable-file AL003 -->\n"
    assert _codes(tmp_path, text) == []


def test_capture_restore(tmp_path: Path) -> None:
    text = (
        "<!-- awesome-lint-disable AL003 -->\n\n<!-- awesome-lint-capture -->\n\n"
        "<!-- awesome-lint-enable AL003 -->\n\n"
        f"{BAD}\n\n<!-- awesome-lint-restore -->\n\n{BAD}\n"
    )
    assert _codes(tmp_path, text) == [("AL003", 7)]


def test_comment_inside_a_table_cell(tmp_path: Path) -> None:
    """A comment line between rows would end the table: suppress inside a cell instead."""
    text = (
        "| Title | Links |\n|---|---|\n"
        "| **A** <!-- awesome-lint-disable-line AL003 --> | [[Paper](https://arxiv.org/abs/2404.089588)] |\n"
        "| **B** | [[Paper](https://arxiv.org/abs/2404.089589)] |\n"
    )
    assert _codes(tmp_path, text) == [("AL003", 4)]


def test_unknown_rule_in_comment_is_reported_and_hides_nothing(tmp_path: Path) -> None:
    found = _codes(tmp_path, f"{BAD} <!-- awesome-lint-disable-line AL999 -->\n")
    assert ("AL003", 1) in found
    assert ("AL902", 1) in found


def test_comments_in_code_blocks_are_ignored(tmp_path: Path) -> None:
    text = f"```\n<!-- awesome-lint-disable-file -->\n```\n\n{BAD}\n"
    assert _codes(tmp_path, text) == [("AL003", 5)]


def test_unused_suppressions_can_be_turned_off(tmp_path: Path) -> None:
    from awesome_lint.config import RuleSetting

    path = tmp_path / "README.md"
    text = "Fine. <!-- awesome-lint-disable-line AL003 -->\n"
    path.write_text(text)
    config = Config(root=tmp_path)
    config.rules["AL902"] = RuleSetting(False)
    assert lint([Target(parse(text, path, "README.md"), config)]) == []
