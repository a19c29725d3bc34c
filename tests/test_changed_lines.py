"""Changed-lines mode against real git repositories, shallow clones included."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from helpers import ROOT, git, make_pull_request, run_cli

from awesome_lint.changes import BadRevision, changed_lines

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


# --------------------------------------------------------------------------- the user's git config
#
# A user's (or a runner's) git settings must not change what changed-lines mode parses.
# Each case sets them in a global config file (GIT_CONFIG_GLOBAL) given to the command only.

EXPECTED = {("AL003", 18), ("AL202", 18)}


def _user_config(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "user.gitconfig"
    path.write_text(text, encoding="utf-8")
    return {"GIT_CONFIG_GLOBAL": str(path), "GIT_CONFIG_NOSYSTEM": "1"}


def _script(path: Path, body: str) -> str:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def _changed_row(tmp_path: Path, folder: str = "", name: str = "README.md") -> tuple[Path, str]:
    """The example list at ``folder/name`` in a repository, a row inserted at line 18."""
    repo = tmp_path / "repo"
    target = repo / folder if folder else repo
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("EXPECTED.json"))
    if name != "README.md":
        (target / "README.md").rename(target / name)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "base", cwd=repo)
    _insert(target / name, 18, NEW_ROW)
    return repo, (Path(folder) / name).as_posix() if folder else name


def test_mnemonic_prefix(tmp_path: Path) -> None:
    """git writes c/ and w/ instead of a/ and b/ (the issue's reproduction)."""
    repo, name = _changed_row(tmp_path)
    env = _user_config(tmp_path, "[diff]\n\tmnemonicPrefix = true\n")
    found = _findings("--changed-since", "HEAD", name, cwd=repo, env=env)
    assert {(f["code"], f["line"]) for f in found} == EXPECTED


def test_no_prefix_on_a_list_in_a_folder_named_b(tmp_path: Path) -> None:
    """Without prefixes, b/README.md is written as b/README.md: nothing may be stripped."""
    repo, name = _changed_row(tmp_path, folder="b")
    env = _user_config(tmp_path, "[diff]\n\tnoprefix = true\n")
    found = _findings("--changed-since", "HEAD", name, cwd=repo, env=env)
    assert {(f["code"], f["line"]) for f in found} == EXPECTED


def test_external_diff_tools_and_textconv(tmp_path: Path) -> None:
    """An external diff program and a textconv filter (set for *.md through the user's
    attributes file) that would claim other lines changed."""
    repo, name = _changed_row(tmp_path)
    liar = _script(
        tmp_path / "liar.sh",
        'printf "diff --git a/README.md b/README.md\\n+++ b/README.md\\n@@ -1 +1,400 @@\\n"\n',
    )
    # prepends a line: every line number of the converted text is one off
    shifted = _script(tmp_path / "shift.sh", 'echo "converted"\ncat "$1"\n')
    attributes = tmp_path / "attributes"
    attributes.write_text("*.md diff=shout\n")
    env = _user_config(
        tmp_path,
        f"[diff]\n\texternal = {liar}\n"
        f"[core]\n\tattributesFile = {attributes}\n"
        f'[diff "shout"]\n\ttextconv = {shifted}\n',
    )
    found = _findings("--changed-since", "HEAD", name, cwd=repo, env=env)
    assert {(f["code"], f["line"]) for f in found} == EXPECTED
    env = {**env, "GIT_EXTERNAL_DIFF": liar}
    found = _findings("--changed-since", "HEAD", name, cwd=repo, env=env)
    assert {(f["code"], f["line"]) for f in found} == EXPECTED


def test_colour_always(tmp_path: Path) -> None:
    repo, name = _changed_row(tmp_path)
    env = _user_config(
        tmp_path,
        "[color]\n\tui = always\n\tdiff = always\n"
        '[color "diff"]\n\tnew = green bold reverse\n\tmeta = blue\n'
        "[diff]\n\tcolorMoved = zebra\n\twsErrorHighlight = all\n",
    )
    found = _findings("--changed-since", "HEAD", name, cwd=repo, env=env)
    assert {(f["code"], f["line"]) for f in found} == EXPECTED


def test_non_ascii_file_name_with_a_space(tmp_path: Path) -> None:
    """git quotes such names (core.quotePath) and ends a name holding a space with a TAB."""
    repo, name = _changed_row(tmp_path, name="论文 列表.md")
    for setting in ("true", "false"):
        env = _user_config(tmp_path, f"[core]\n\tquotePath = {setting}\n")
        found = _findings("--changed-since", "HEAD", name, cwd=repo, env=env)
        assert {(f["code"], f["line"]) for f in found} == EXPECTED, setting
        assert {f["path"] for f in found} == {name}


def test_inter_hunk_context_fuses_no_unchanged_lines(tmp_path: Path) -> None:
    """diff.interHunkContext fuses nearby hunks, context lines and all."""
    repo = tmp_path / "repo"
    repo.mkdir()
    # titles, not the bare label "Paper": a list of "[Paper N]" links is not read as papers
    lines = [f"- [A Study of Topic {n}](https://arxiv.org/abs/2401.0000{n})" for n in range(1, 6)]
    lines[2] = "- [A Study of Topic 3](https://arxiv.org/abs/2401.000033)"  # malformed, unchanged
    (repo / "list.md").write_text("\n".join(lines) + "\n")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "base", cwd=repo)
    assert [f["line"] for f in _findings("list.md", cwd=repo)] == [3]
    lines[0] = "- [A Study of Topic One](https://arxiv.org/abs/2401.00001)"
    lines[4] = "- [A Study of Topic Five](https://arxiv.org/abs/2401.00005)"
    (repo / "list.md").write_text("\n".join(lines) + "\n")
    env = _user_config(tmp_path, "[diff]\n\tinterHunkContext = 10\n\tcontext = 8\n")
    assert _findings("--changed-since", "HEAD", "list.md", cwd=repo, env=env) == []


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that keeps any bytes")
def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """Names are bytes to git; they come back as the same Python path (surrogates)."""
    repo, _ = _changed_row(tmp_path)
    path = repo / os.fsdecode(b"caf\xe9.md")
    (repo / "README.md").rename(path)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "renamed", cwd=repo)
    _insert(path, 3, "A new line.")
    changed = changed_lines("HEAD", [path])
    assert changed.lines == {str(path): {3}} and not changed.whole_files


# --------------------------------------------------------------------------- no option injection


def test_a_revision_that_looks_like_an_option_runs_nothing(tmp_path: Path) -> None:
    """Issue 9: `--changed-since='--upload-pack=touch PWNED; git-upload-pack'` ran the
    command through `git fetch`."""
    origin = _repo(tmp_path)
    clone = tmp_path / "clone"
    git("clone", "-q", "--no-local", str(origin), str(clone), cwd=tmp_path)
    _insert(clone / "README.md", 18, NEW_ROW)
    for ref in ("--upload-pack=touch PWNED; git-upload-pack", "-oops"):
        result = run_cli(f"--changed-since={ref}", "README.md", cwd=clone)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "--changed-since" in lines[0] and "'-'" in lines[0], lines
    assert not list(tmp_path.rglob("PWNED"))
    # and in the library itself, whoever calls it
    with pytest.raises(BadRevision):
        changed_lines("--upload-pack=touch PWNED; git-upload-pack", [clone / "README.md"])
    assert not list(tmp_path.rglob("PWNED"))


def test_a_revision_the_clone_lacks_is_a_usage_error_naming_what_to_do(tmp_path: Path) -> None:
    """Issue 18: `--changed-since main` in a clone whose branch is `master` linted the whole
    file after a garbled notice; a typo must not widen the run."""
    origin = _repo(tmp_path)
    git("branch", "-m", "master", cwd=origin)
    clone = tmp_path / "clone"
    git("clone", "-q", "--no-local", str(origin), str(clone), cwd=tmp_path)
    for ref, advice in (
        ("no-such-ref", "git fetch origin no-such-ref"),
        ("main", "--changed-since origin/main"),
        ("master~5", "git fetch origin master~5"),
    ):
        result = run_cli("--changed-since", ref, "README.md", cwd=clone)
        assert result.returncode == 2, result.stdout
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"'{ref}'" in lines[0] and advice in lines[0], lines
        assert result.stdout == ""
    # a branch that exists only as origin's: the advice names it
    result = run_cli("--changed-since", "master", "README.md", cwd=clone)
    assert result.returncode in (0, 1)  # the clone has master itself
    git("checkout", "-q", "-b", "topic", cwd=clone)
    git("branch", "-q", "-D", "master", cwd=clone)
    result = run_cli("--changed-since", "master", "README.md", cwd=clone)
    assert result.returncode == 2 and "did you mean --changed-since origin/master?" in result.stderr


def test_a_base_commit_that_cannot_be_fetched_says_so_cleanly(tmp_path: Path) -> None:
    clone, _, base = _pull_request(tmp_path, reachable=False)
    found = _findings("--changed-since", base, "README.md", cwd=clone)
    (notice,) = [f["message"] for f in found if f["code"] == "AL901"]
    assert notice.startswith(f"changed lines unknown: the base commit {base[:12]} is not in ")
    assert "fetching it from origin failed: " in notice and "(" not in notice
    assert notice.endswith("; every line was checked")


HTML_LIST = """# Papers

<table>
<tr><td>Deep Residual Learning for Images</td><td><a href="https://arxiv.org/abs/1512.03385">Paper</a></td></tr>
<tr><td>Attention Is All You Need Today</td><td><a href="https://arxiv.org/abs/1706.03762">Paper</a></td></tr>
</table>

<p><b>Masked Autoencoders Are Scalable Learners</b><br>
<a href="https://arxiv.org/abs/2111.06377">Paper</a></p>
"""


@pytest.mark.parametrize(
    ("at_line", "row"),
    [
        (6, HTML_LIST.splitlines()[3]),  # a copy of the first HTML table row, as row 3
        (10, "<p><b>Masked Autoencoders Are Scalable Learners</b><br>"),  # a second <p><b>
    ],
    ids=["html-row", "p-b"],
)
def test_a_duplicate_html_row_or_paragraph_added_is_reported_on_its_own_line(
    tmp_path: Path, at_line: int, row: str
) -> None:
    # issue 21 item 10: the title was looked for from the block's start, so the copy got
    # the first row's line and changed-lines mode let it pass
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text(HTML_LIST, encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "base", cwd=repo)
    lines = HTML_LIST.split("\n")
    added = [row] if at_line == 6 else [row, lines[8]]
    lines[at_line - 1 : at_line - 1] = added
    (repo / "README.md").write_text("\n".join(lines), encoding="utf-8")
    found = _findings("--changed-since", "HEAD", "README.md", cwd=repo)
    assert [(f["code"], f["line"]) for f in found] == [("AL001", at_line)]
