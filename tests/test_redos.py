"""No regular expression of the package backtracks catastrophically (issue 20).

``regexploit`` reads each pattern and reports those where one character can be taken by
several adjacent repeated parts (cubic or worse: a quote followed by 4,000 spaces held a
run for over a minute). It sees the literal patterns in the source; the patterns built at
run time (f-strings, joined alternatives, the defaults of a config's regexes) are taken
from the imported modules and settings themselves, as the code builds them.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import warnings
from pathlib import Path

import awesome_lint

with warnings.catch_warnings():  # regexploit reads patterns with the deprecated sre_parse
    warnings.simplefilter("ignore", DeprecationWarning)
    from regexploit.ast.sre import SreOpParser
    from regexploit.languages.python_node_visitor import PythonNodeVisitor
    from regexploit.redos import find

PACKAGE = Path(awesome_lint.__file__).parent
# regexploit's own threshold: 2 is the quadratic time of any search over a run of
# candidates, 3 and more is backtracking within one attempt
WORST_ALLOWED = 2


def _literal_patterns() -> list[tuple[str, str, int]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        visitor = PythonNodeVisitor()
        visitor.visit(ast.parse(path.read_bytes()))
        where = str(path.relative_to(PACKAGE.parent))
        found.extend((where, regex.pattern, regex.flags) for regex in visitor.patterns)
    return found


def _compiled_in(value: object, depth: int = 0) -> list[re.Pattern]:
    if isinstance(value, re.Pattern):
        return [value]
    if depth < 2 and isinstance(value, (list, tuple, frozenset, set)):
        return [p for item in value for p in _compiled_in(item, depth + 1)]
    if depth < 2 and isinstance(value, dict):
        return [p for item in value.values() for p in _compiled_in(item, depth + 1)]
    return []


def _built_patterns() -> list[tuple[str, str, int]]:
    """Every compiled pattern a module of the package holds, however it was built."""
    found = []
    for info in pkgutil.walk_packages([str(PACKAGE)], "awesome_lint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            holders = [value]
            if isinstance(value, type) and value.__module__ == module.__name__:
                holders = list(vars(value).values())
            for holder in holders:
                for pattern in _compiled_in(holder):
                    if isinstance(pattern.pattern, str):
                        found.append((f"{info.name}.{name}", pattern.pattern, pattern.flags))
    return found


def _config_patterns() -> list[tuple[str, str, int]]:
    """The regexes a config may hold, as the defaults and the shipped examples set them."""
    import yaml

    from awesome_lint.network.settings import LinkSettings

    found = [("links.exclude default", p, 0) for p in LinkSettings().exclude]
    root = PACKAGE.parent
    for config in sorted(root.glob("fixtures/**/.awesome-lint.yml")):
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
        for pattern in (data.get("links") or {}).get("exclude") or []:
            found.append((str(config.relative_to(root)), pattern, 0))
    return found


def _catastrophic(patterns: list[tuple[str, str, int]]) -> list[str]:
    flagged = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for where, pattern, flags in patterns:
            try:
                parsed = SreOpParser().parse_sre(pattern, flags)
            except re.error:
                continue  # a string that is no regex
            except AttributeError as exc:
                # regexploit models no possessive quantifier or atomic group; neither
                # backtracks (a message that names them is read as a pattern too)
                if "POSSESSIVE" in str(exc) or "ATOMIC" in str(exc):
                    continue
                raise
            for redos in find(parsed):
                if redos.starriness > WORST_ALLOWED:
                    flagged.append(f"{where}: {pattern!r} (starriness {redos.starriness}, "
                                   f"example {redos.example()})")  # fmt: skip
    return flagged


def test_no_literal_pattern_backtracks_catastrophically() -> None:
    patterns = _literal_patterns()
    assert len(patterns) > 50  # the visitor did find the package's patterns
    assert _catastrophic(patterns) == []


def test_no_pattern_built_at_run_time_backtracks_catastrophically() -> None:
    patterns = _built_patterns() + _config_patterns()
    assert any("dates._DATE" in where for where, _, _ in patterns)  # an f-string pattern
    assert _catastrophic(patterns) == []


def test_the_check_flags_the_quoted_title_pattern_it_replaced() -> None:
    old = r"[\"“”]\s*([^\"“”\n]{8,}?)\s*[\"“”]"  # issue 20: cubic on '"' + 4,000 spaces
    assert _catastrophic([("old quoted title", old, 0)])
