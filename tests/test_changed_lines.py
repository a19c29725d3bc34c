"""Changed-lines mode against real git repositories, shallow clones included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import ROOT, git, make_pull_request, run_cli

EXAMPLE = ROOT / "fixtures" / "example"
NEW_ROW = (
    "| **A Paper Added In This Change** <br>| new | "
    '<img src="./images/CLIP.png"  width="640px"/> | '
    "[[Paper](https://arxiv.org/abs/2501.000123)] |"
)


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo, ignore=shutil.ignore_patterns("EXPECTED.json"))
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "base", cwd=repo)
    return repo


def _insert(path: Path, number: int, line: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(number - 1, line)
    path.write_text("\n".join(lines), encoding="utf-8")


def _findings(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> list[dict]:
    result = run_cli("--format", "json", *args, cwd=cwd, env=env)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_only_findings_on_changed_lines(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert _findings("--changed-since", "HEAD", "README.md", cwd=repo) == []
    _insert(repo / "README.md", 18, NEW_ROW)  # in the Train table, after its first row
    found = _findings("--changed-since", "HEAD", "README.md", cwd=repo)
    assert {(f["code"], f["line"]) for f in found} == {("AL003", 18), ("AL202", 18)}
    everything = _findings("README.md", cwd=repo)
    assert len(everything) > len(found)


def test_cross_entry_finding_moves_to_the_changed_entry(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    copied = (
        "| **Copied Row With Another ID** <br>| x | "
        '<img src="./images/FLIP.png"  width="640px"/> | '
        "[[Paper](https://arxiv.org/abs/2103.00020)] |"
    )
    _insert(repo / "README.md", 18, copied)  # above CLIP's row, with CLIP's arXiv ID
    found = _findings("--changed-since", "HEAD", "README.md", cwd=repo)
    conflict = [f for f in found if f["code"] == "AL002"]
    # arXiv 2103.00020 now first appears on the new line 18; the finding belongs to the
    # CLIP row (now line 19) by rule, but only line 18 changed, so it is reported there
    assert [(f["line"], f["related"][0]["line"]) for f in conflict] == [(18, 19)]
    image = [f for f in found if f["code"] == "AL202"]
    assert [(f["line"], f["related"][0]["line"]) for f in image] == [(18, 24)]


def test_filter_modes(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "other.md").write_text("- [x](https://arxiv.org/abs/2404.089588)\n")
    git("add", "other.md", cwd=repo)
    git("commit", "-qm", "other", cwd=repo)
    _insert(repo / "README.md", 18, NEW_ROW)
    args = ("--changed-since", "HEAD", "README.md", "other.md")
    added = _findings(*args, cwd=repo)
    whole = _findings(*args, "--filter-mode", "file", cwd=repo)
    everything = _findings(*args, "--filter-mode", "nofilter", cwd=repo)
    assert {f["path"] for f in added} == {"README.md"}
    assert {f["path"] for f in whole} == {"README.md"} and len(whole) > len(added)
    assert {f["path"] for f in everything} == {"README.md", "other.md"}


def test_untracked_file_is_new_in_every_line(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "new.md").write_text("- [x](https://arxiv.org/abs/2404.089588)\n")
    found = _findings("--changed-since", "HEAD", "new.md", cwd=repo)
    assert [f["code"] for f in found] == ["AL003"]


def _pull_request(tmp_path: Path, reachable: bool = True) -> tuple[Path, Path, str]:
    pull = make_pull_request(tmp_path, NEW_ROW, 18)
    if not reachable:  # the network (or origin) is gone
        git("remote", "set-url", "origin", (tmp_path / "gone").as_uri(), cwd=pull.checkout)
    event = tmp_path / "event.json"
    event.write_text(json.dumps(pull.event))
    return pull.checkout, event, pull.base


def test_shallow_checkout_fetches_the_base(tmp_path: Path) -> None:
    clone, event, base = _pull_request(tmp_path)
    env = {"GITHUB_EVENT_PATH": str(event)}
    for ref in (base, "auto"):
        found = _findings("--changed-since", ref, "README.md", cwd=clone, env=env)
        assert {(f["code"], f["line"]) for f in found} == {("AL003", 18), ("AL202", 18)}


def test_missing_base_lints_everything_and_says_so(tmp_path: Path) -> None:
    clone, _, base = _pull_request(tmp_path, reachable=False)
    found = _findings("--changed-since", base, "README.md", cwd=clone)
    notices = [f for f in found if f["code"] == "AL901"]
    assert len(notices) == 1 and "every line was checked" in notices[0]["message"]
    assert notices[0]["severity"] == "notice"
    assert len(found) > 10  # everything else, unfiltered
