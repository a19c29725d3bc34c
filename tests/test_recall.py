"""Issue 17: defects that slipped through, one regression, messages that say what is wrong.

Every list here is written for the test; none is a real list's text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import git, run_cli

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
