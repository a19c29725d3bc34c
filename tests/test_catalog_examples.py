"""Every example in the rule catalog: `trigger` examples must produce the rule, `quiet`
examples must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint import catalog
from awesome_lint.config import Config, RuleSetting
from awesome_lint.engine import Selection, Target, lint
from awesome_lint.parser import parse


def _examples() -> list[object]:
    cases = []
    for code, info in catalog.load().items():
        for kind in ("trigger", "quiet"):
            for index, example in enumerate(info.examples.get(kind) or []):
                cases.append(pytest.param(code, kind, example, id=f"{code}-{kind}-{index}"))
    return cases


def _lint_example(tmp_path: Path, code: str, example: dict) -> list:
    for name in example.get("files") or []:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    source = tmp_path / "README.md"
    source.write_text(example["markdown"], encoding="utf-8")
    config = Config(root=tmp_path)
    if example.get("options"):
        config.rules[code] = RuleSetting(True, None, dict(example["options"]))
    document = parse(example["markdown"], source, "README.md")
    network = _network(example.get("network"))
    return lint([Target(document, config)], Selection(extend_select=(code,)), network)


def _network(spec: dict | None):
    """NetworkFacts from an example's `network:` (what the network stage would have found)."""
    if spec is None:
        return None
    from types import SimpleNamespace

    from awesome_lint.network_stage import NetworkFacts
    from awesome_lint.titles import normalise

    facts = NetworkFacts()
    for url, verdict in (spec.get("links") or {}).items():
        fields = {"status": None, "reason": "", "final_url": None, "permanent_redirect": False}
        facts.links[url] = SimpleNamespace(**{**fields, **verdict})
    for ident, title in (spec.get("arxiv") or {}).items():
        facts.arxiv[ident] = None if title is None else SimpleNamespace(id=ident, title=title)
    for title, found in (spec.get("arxiv_search") or {}).items():
        facts.arxiv_search[normalise(title, markup=True)] = [
            SimpleNamespace(id=i, title=t) for i, t in found
        ]
    for name, status in (spec.get("repos") or {}).items():
        fields = {"full_name": name, "new_name": None, "archived": False}
        facts.repos[name.lower()] = SimpleNamespace(**{**fields, **status})
    return facts


def _run_example(tmp_path: Path, code: str, example: dict) -> list:
    """Examples with `args` need the whole command (a flag, a stage before the rules)."""
    if "args" not in example:
        return _lint_example(tmp_path, code, example)
    import json

    from helpers import run_cli

    (tmp_path / "README.md").write_text(example["markdown"], encoding="utf-8")
    result = run_cli(*example["args"], "--format", "json", "README.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr

    class Found:
        def __init__(self, row: dict) -> None:
            self.code, self.message = row["code"], row["message"]
            self.span = type("Span", (), {"line": row["line"]})
            self.severity = type("Severity", (), {"label": row["severity"]})

    return [Found(row) for row in json.loads(result.stdout)]


@pytest.mark.parametrize(("code", "kind", "example"), _examples())
def test_catalog_example(tmp_path: Path, code: str, kind: str, example: dict) -> None:
    found = [d for d in _run_example(tmp_path, code, example) if d.code == code]
    if kind == "quiet":
        assert found == [], f"{example['name']}: {[d.message for d in found]}"
        return
    assert found, f"{example['name']}: expected {code}"
    if "lines" in example:
        assert sorted({d.span.line for d in found}) == sorted(example["lines"]), [
            (d.span.line, d.message) for d in found
        ]
    if "severity" in example:  # a rule whose sub-cases differ in severity
        assert {d.severity.label for d in found} == {example["severity"]}, [
            (d.span.line, d.severity.label, d.message) for d in found
        ]


def test_every_rule_has_both_kinds_of_example() -> None:
    for code, info in catalog.load().items():
        assert info.examples.get("trigger"), f"{code} has no trigger example"
        assert info.examples.get("quiet"), f"{code} has no quiet example"


def test_every_rule_has_a_module() -> None:
    from awesome_lint.rules import RULES

    assert set(RULES) == set(catalog.load())
    for code, info in catalog.load().items():
        if info.network and code != "AL301":
            assert all("network" in e for e in info.examples["trigger"]), code


def test_every_rule_module_declares_what_it_reads() -> None:
    """CODE, SCOPE and NEEDS in the module itself; a rule whose checks need --online
    (the catalog's `network`) names the network facts it reads."""
    from awesome_lint.rules import NETWORK_FACTS, RULES

    for code, rule in RULES.items():
        declared = vars(rule.module)
        assert {"CODE", "SCOPE", "NEEDS"} <= set(declared), code
        assert declared["CODE"] == code
        if catalog.load()[code].network:
            assert rule.needs & NETWORK_FACTS, code


def test_every_option_has_a_default_the_rule_reads() -> None:
    """Rules read options with context.options["x"]: the catalog's defaults are merged
    in, so every option needs one."""
    for code, info in catalog.load().items():
        for key, spec in info.options.get("properties", {}).items():
            assert "default" in spec, f"{code}: option {key} has no default"
            assert key in info.defaults


def test_examples_are_the_last_key_of_every_catalog_file() -> None:
    """The linter reads only the part before `examples:`; nothing may follow them."""
    import yaml

    for info in catalog.load().values():
        assert info.path is not None
        data = yaml.safe_load(info.path.read_text(encoding="utf-8"))
        assert list(data)[-1] == "examples", info.path


def test_the_catalog_index_is_up_to_date() -> None:
    """rules/index.json spares every run a YAML parse; regenerate it with
    `python -m awesome_lint.catalog` after editing a rule's YAML."""
    import json

    path = catalog.catalog_dir() / catalog.INDEX_NAME
    assert json.loads(path.read_text(encoding="utf-8")) == catalog.build_index()


# --------------------------------------------------------------------------- fixed text


def _fixed_text(tmp_path: Path, code: str, example: dict) -> str:
    """The example's markdown after `--fix` (`--unsafe-fixes` when the example says
    `unsafe: true`): linted as the examples are, then fixed by the real fixer in a file."""
    from awesome_lint import fix, sources

    for name in example.get("files") or []:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    source = tmp_path / "README.md"
    source.write_text(example["markdown"], encoding="utf-8")
    text = sources.read_text(source, "README.md")  # the fixer writes only what was read
    config = Config(root=tmp_path)
    if example.get("options"):
        config.rules[code] = RuleSetting(True, None, dict(example["options"]))
    document = parse(text, source, "README.md")
    found = lint(
        [Target(document, config)],
        Selection(extend_select=(code,)),
        _network(example.get("network")),
    )
    planned = fix.plan(
        [d for d in found if d.code == code], {"README.md": source}, example.get("unsafe", False)
    )
    assert planned.refused == []
    for file_fix in planned.fixes:
        fix.write(file_fix)
    return source.read_text(encoding="utf-8")


def _all_examples() -> list[object]:
    return [
        pytest.param(code, kind, example, id=f"{code}-{kind}-{index}")
        for code, info in catalog.load().items()
        for kind in ("trigger", "quiet")
        for index, example in enumerate(info.examples.get(kind) or [])
        if "args" not in example  # a whole command: not a rule's own fix
    ]


@pytest.mark.parametrize(("code", "kind", "example"), _all_examples())
def test_catalog_example_fixed_text(tmp_path: Path, code: str, kind: str, example: dict) -> None:
    """sqlfluff's fix_str: every trigger example of a fixable rule states the markdown
    after `--fix` under `fixed:`, and the fixer produces exactly that; quiet examples and
    the examples of rules that are not fixable come out unchanged."""
    fixable = catalog.load()[code].fixable
    after = _fixed_text(tmp_path, code, example)
    if kind == "trigger" and fixable:
        assert "fixed" in example, f"{example['name']}: a fixable rule's example states `fixed:`"
        assert after == example["fixed"], example["name"]
    else:
        assert "fixed" not in example, f"{example['name']}: `fixed:` on an example with no fix"
        assert after == example["markdown"], f"{example['name']}: fixed, but not fixable"


def test_every_fixable_rule_has_an_example_that_its_fix_changes() -> None:
    for code, info in catalog.load().items():
        if info.fixable:
            triggers = info.examples.get("trigger") or []
            assert any(e.get("fixed", e["markdown"]) != e["markdown"] for e in triggers), code
