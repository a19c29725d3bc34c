"""The speed-ups of issue 16 keep behaviour: markdown-it's destination scan and ours agree
on every input, a lint imports none of the add command's modules, and the console
script's fast exit keeps the exit code and every line of output."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.helpers import parseLinkDestination

from awesome_lint import add, cli
from awesome_lint.parser.markdown import link_destination, markdown

# the characters the destination scan treats apart, and some it does not
_ALPHABET = st.sampled_from(list("ab( )\\\x00\x01\x7f\n\t<>é)x:/.&;#"))


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join), st.data())
def test_destination_scan_agrees_with_markdown_it(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    theirs, ours = parseLinkDestination(text, start, end), link_destination(text, start, end)
    assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str)


def test_destination_scan_keeps_the_nesting_limit() -> None:
    for depth in (31, 32, 33, 40):
        text = "(" * depth + "x" + ")" * depth
        theirs, ours = (
            parseLinkDestination(text, 0, len(text)),
            link_destination(text, 0, len(text)),
        )
        assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str)


def test_links_parse_as_markdown_it_alone_parses_them() -> None:
    from markdown_it import MarkdownIt

    source = (
        "- [A](https://arxiv.org/abs/2401.00001) [B](<url with space>) "
        '[C](https://x.org/a_(b)_c) ![i](img.png "t") <https://auto.link> '
        "[D](https://x.org/\\(e\\)) [E](a\\ b) [F](javascript:alert(1)) [G]( https://p.org )\n"
    )
    plain = MarkdownIt("commonmark", {"html": True}).enable("table")
    plain.normalizeLink = lambda url: url  # type: ignore[method-assign]

    def links(md: MarkdownIt) -> list[tuple[str, object]]:
        return [
            (child.type, child.attrs.get("href") or child.attrs.get("src"))
            for token in md.parse(source)
            if token.type == "inline"
            for child in token.children or ()
            if child.type in ("link_open", "image")
        ]

    assert links(markdown()) == links(plain)
    assert len(links(plain)) == 7  # "a\\ b" and javascript: are no links


def test_the_add_positions_the_command_line_offers_are_add_s() -> None:
    assert cli.ADD_POSITIONS == add.POSITIONS


def test_a_lint_imports_no_module_of_the_add_command(tmp_path) -> None:
    listing = tmp_path / "README.md"
    listing.write_text("# Papers\n\n- [A paper title here](https://arxiv.org/abs/2401.00001)\n")
    code = (
        "import sys\n"
        "from awesome_lint import cli\n"
        f"sys.argv = ['awesome-lint', '--offline', {str(listing)!r}]\n"
        "cli._exit_now = lambda code: None\n"
        "try:\n"
        "    cli.run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m in ('awesome_lint.add', 'awesome_lint.newpaper')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


def test_the_fast_exit_keeps_exit_code_and_output(tmp_path) -> None:
    listing = tmp_path / "README.md"
    entries = "".join(
        f"- [A paper about topic number {n}](https://arxiv.org/abs/2401.{n:05d})\n"
        for n in range(1, 400)
    )
    twice = "- [A paper about topic number 1](https://arxiv.org/abs/2401.00001)\n"
    listing.write_text(f"# Papers\n\n{entries}{twice}")
    result = run_cli("--offline", "--format", "json", listing)
    assert result.returncode == 1  # the duplicate is an error
    assert result.stdout.rstrip().endswith(("]", "}"))  # the whole report, flushed
    assert "listed twice" in result.stdout
    clean = run_cli("--offline", tmp_path / "missing.md")
    assert clean.returncode == 2 and "awesome-lint: error" in clean.stderr
