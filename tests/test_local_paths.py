"""Local-path checks stay inside the repository (issue 9): a link or image that leads out
of it is reported as such, whether or not something exists there, and the AL203 fix keeps
every written component."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_cli


def _repo(tmp_path: Path, readme: str, git: bool = True) -> Path:
    repo = tmp_path / "repo"
    (repo / "images").mkdir(parents=True)
    (repo / "images" / "fig.png").write_bytes(b"png")
    if git:
        (repo / ".git").mkdir()
    (repo / "docs").mkdir()
    (repo / "docs" / "README.md").write_text(readme, encoding="utf-8")
    return repo


def _findings(repo: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli("--offline", "--format", "json", *args, "docs/README.md", cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    return list(json.loads(result.stdout))


def test_paths_leaving_the_repository_are_reported_without_looking(tmp_path: Path) -> None:
    depth = "../" * 12
    readme = (
        "# Links\n\n"
        f"- [a]({depth}etc/passwd)\n"
        f"- [b]({depth}etc/no-such-file-here)\n"
        f"- ![c]({depth}ETC/PASSWD)\n"
        "- [d](/../../../etc/hostname)\n"
        "- [e](../images/fig.png)\n"
    )
    repo = _repo(tmp_path, readme)
    found = _findings(repo, "--select", "AL2,AL301")
    messages = {f["line"]: f["message"] for f in found}
    assert messages == {
        3: f"link '{depth}etc/passwd' leads outside the repository; GitHub can't show it "
        "(not checked)",
        4: f"link '{depth}etc/no-such-file-here' leads outside the repository; GitHub can't "
        "show it (not checked)",
        5: f"image '{depth}ETC/PASSWD' leads outside the repository; GitHub can't show it "
        "(not checked)",
        6: "link '/../../../etc/hostname' leads outside the repository; GitHub can't show it "
        "(not checked)",
    }
    assert {f["code"] for f in found} == {"AL301"}  # no AL201/AL203 oracle, no fix
    assert not [f for f in found if f["fixable"]]


def test_outside_git_the_lists_folder_is_the_boundary(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "# L\n\n- [e](../images/fig.png)\n- [f](./sub/x.md)\n", git=False)
    found = _findings(repo, "--select", "AL301")
    assert [(f["line"], "outside" in str(f["message"])) for f in found] == [(3, True), (4, False)]


def test_a_symlinked_folder_leading_out_is_outside(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("x")
    repo = _repo(tmp_path, "# L\n\n- [s](escape/secret.txt)\n- [t](escape/none.txt)\n")
    (repo / "docs" / "escape").symlink_to(elsewhere)
    (repo / "docs" / "link.png").symlink_to(elsewhere / "secret.txt")
    (repo / "docs" / "README.md").write_text(
        "# L\n\n- [s](escape/secret.txt)\n- [t](escape/none.txt)\n- ![u](link.png)\n"
    )
    found = _findings(repo, "--select", "AL2,AL301")
    assert [(f["line"], f["code"]) for f in found] == [(3, "AL301"), (4, "AL301"), (5, "AL301")]
    assert all("leads outside the repository" in str(f["message"]) for f in found)


def test_image_case_fix_keeps_parent_components(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "# L\n\n![f](../IMAGES/Fig.png)\n")
    result = run_cli("--offline", "--select", "AL203", "--fix", "docs/README.md", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (repo / "docs" / "README.md").read_text() == "# L\n\n![f](../images/fig.png)\n"


def test_image_case_fix_keeps_every_component_of_a_long_path(tmp_path: Path) -> None:
    """More written components than the absolute path has: the old fix dropped some."""
    detour = "x/../" * 20
    repo = _repo(tmp_path, f"# L\n\n![f]({detour}../IMAGES/Fig.png)\n")
    result = run_cli("--offline", "--select", "AL203", "--fix", "docs/README.md", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = (repo / "docs" / "README.md").read_text()
    assert fixed == f"# L\n\n![f]({detour}../images/fig.png)\n"
