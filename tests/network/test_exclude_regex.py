"""Config regexes can't backtrack exponentially (issue 21, item 6): ``links.exclude``
patterns with a quantifier or an alternation inside a repeated group are refused with
one line naming the key, exit 2, before any URL is matched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from awesome_lint.network import LinkSettings
from awesome_lint.network.settings import backtracking_hazard


@pytest.mark.parametrize(
    "pattern", ["(x+x+)+y", "(a|ab)*c", r"(\w+\s?)+$", "(a{2,})*", "((a+)?b)*", "(?=(a+)+)"]
)
def test_hazards_are_refused(pattern: str) -> None:
    assert backtracking_hazard(pattern) is not None
    with pytest.raises(ValueError, match=r"links\.exclude: regex .* exponential"):
        LinkSettings(exclude=(pattern,))


@pytest.mark.parametrize(
    "pattern",
    [
        r"^https://www\.linkedin\.com/",
        r"^https?://(www\.)?example\.(com|org)/",
        "(a|b)+",  # a character set to the engine
        "(ab)+c",
        "(?>a+)+b",  # atomic: no backtracking into it
        "(a++)+b",  # possessive
        ".*pdf$",
    ],
)
def test_ordinary_patterns_are_kept(pattern: str) -> None:
    assert backtracking_hazard(pattern) is None
    assert LinkSettings(exclude=(pattern,)).exclude == (pattern,)


def test_the_command_refuses_it_in_one_line(tmp_path: Path, closed_port: int) -> None:
    (tmp_path / "README.md").write_text(
        "# L\n\n- [a](http://127.0.0.1:9/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)\n"
    )
    links = {"exclude": ["(x+x+)+y"], "probe_url": f"http://127.0.0.1:{closed_port}/"}
    (tmp_path / ".awesome-lint.yml").write_text(json.dumps({"links": links}))
    result = run_cli("--online", "README.md", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "links.exclude" in lines[0] and "(x+x+)+y" in lines[0]
