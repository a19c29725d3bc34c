"""SECURITY.md names, for each promise, the tests that hold it: every test file and test
it names exists (a renamed test must not leave a promise unheld)."""

from __future__ import annotations

import ast
import re

from helpers import ROOT

_NAMED = re.compile(r"`((?:network/)?test_\w+\.py)(?:::(test_\w+))?`")


def test_every_test_security_md_names_exists() -> None:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = _NAMED.findall(text)
    assert len(named) >= 10
    for file_name, test_name in named:
        path = ROOT / "tests" / file_name
        assert path.is_file(), file_name
        if test_name:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
            assert test_name in functions, f"{file_name}::{test_name}"
