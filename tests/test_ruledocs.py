"""The per-rule pages in docs/rules are generated from the catalog and up to date, and
reports link to them."""

from __future__ import annotations

from pathlib import Path

from helpers import ROOT

from awesome_lint import catalog, ruledocs


def test_rule_pages_are_up_to_date() -> None:
    folder = ROOT / "docs" / "rules"
    expected = ruledocs.pages()
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.md")}
    stale = sorted(name for name in expected if on_disk.get(name) != expected[name])
    extra = sorted(set(on_disk) - set(expected))
    assert not stale and not extra, (
        f"docs/rules is out of date (stale: {stale}, extra: {extra}); "
        f"run: python -m awesome_lint.ruledocs"
    )


def test_every_rule_has_a_page_and_reports_link_to_it() -> None:
    for code, info in catalog.load().items():
        assert info.url.endswith(f"/docs/rules/{code}.md")
        page = ROOT / "docs" / "rules" / f"{code}.md"
        text = page.read_text(encoding="utf-8")
        assert text.startswith(f"# {code} {info.name}\n")
        assert info.summary in text


def test_write_replaces_the_folder(tmp_path: Path) -> None:
    (tmp_path / "AL999.md").write_text("a page for a rule that is gone")
    written = ruledocs.write(tmp_path)
    assert len(written) == len(catalog.load()) + 1
    assert not (tmp_path / "AL999.md").exists()
