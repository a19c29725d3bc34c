"""One documentation page per rule, written from the catalog (``docs/rules/ALxxx.md``).

The catalog in ``rules/`` is the source; the pages are generated so they can't drift from
it (a test checks they are up to date). Reports and SARIF link to them. Regenerate after
editing a rule:

    python -m awesome_lint.ruledocs
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import catalog
from .catalog import RuleInfo
from .rules import RULES

DOCS_FOLDER = Path(__file__).resolve().parent.parent / "docs" / "rules"


def page(info: RuleInfo) -> str:
    """The Markdown page of one rule."""
    scope = RULES[info.code].scope
    lines = [
        f"# {info.code} {info.name}",
        "",
        info.summary,
        "",
        f"- Default: **{info.default_label}**"
        + ("" if info.enabled else f" (when turned on: {info.severity.label})"),
        f"- Fixable: {'yes (`--fix`)' if info.fixable else 'no'}",
        f"- Needs the network: {'yes (`--online`)' if info.network else 'no'}",
        f"- Scope: {'all linted files together' if scope == 'documents' else 'one file'}",
        "",
        "## Why",
        "",
        info.rationale or info.summary,
    ]
    properties = info.options.get("properties", {})
    if properties:
        lines += ["", "## Options", "", "| option | default | meaning |", "|---|---|---|"]
        for key, spec in properties.items():
            default = json.dumps(spec.get("default"), ensure_ascii=False)
            meaning = " ".join(str(spec.get("description", "")).split())
            lines.append(f"| `{key}` | `{default}` | {meaning} |")
        lines += [
            "",
            "Set them in `.awesome-lint.yml`:",
            "",
            "```yaml",
            "rules:",
            f"  {info.code}:",
            *(
                f"    {key}: {json.dumps(spec.get('default'), ensure_ascii=False)}"
                for key, spec in properties.items()
            ),
            "```",
        ]
    for kind, title in (("trigger", "Reported"), ("quiet", "Not reported")):
        examples = info.examples.get(kind) or []
        if not examples:
            continue
        lines += ["", f"## {title}"]
        for example in examples:
            where = ""
            if kind == "trigger" and example.get("lines"):
                shown = ", ".join(str(line) for line in example["lines"])
                severity = f", {example['severity']}" if example.get("severity") else ""
                where = f" (line {shown}{severity})"
            lines += ["", f"{example['name'][:1].upper()}{example['name'][1:]}{where}:", ""]
            lines += ["````markdown", example["markdown"].rstrip("\n"), "````"]
            fixed = example.get("fixed")
            if fixed is not None and fixed != example["markdown"]:
                flags = "--fix --unsafe-fixes" if example.get("unsafe") else "--fix"
                lines += ["", f"After `{flags}`:", "", "````markdown"]
                lines += [fixed.rstrip("\n"), "````"]
            elif fixed is not None:
                lines += ["", "`--fix` leaves it as it is: the fix needs a person."]
    lines += [
        "",
        "## Turning it off",
        "",
        f"In `.awesome-lint.yml`: `rules: {{{info.code}: off}}`; on the command line "
        f"`--ignore {info.code}`; on one line `<!-- awesome-lint-disable-line {info.code} -->`.",
    ]
    return "\n".join(lines) + "\n"


def index_page(rules: dict[str, RuleInfo]) -> str:
    lines = [
        "# Rules",
        "",
        "Generated from the catalog in `rules/` by `python -m awesome_lint.ruledocs`.",
        "",
        "| code | name | default | fixable | summary |",
        "|---|---|---|---|---|",
    ]
    for info in rules.values():
        fixable = "yes" if info.fixable else ""
        lines.append(
            f"| [{info.code}]({info.code}.md) | {info.name} | {info.default_label} | {fixable} "
            f"| {info.summary} |"
        )
    return "\n".join(lines) + "\n"


def pages() -> dict[str, str]:
    """File name -> content, for every page."""
    rules = catalog.load()
    written = {f"{code}.md": page(info) for code, info in rules.items()}
    written["README.md"] = index_page(rules)
    return written


def write(folder: Path = DOCS_FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.md"):
        stale.unlink()
    paths = []
    for name, content in pages().items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    print(f"wrote {len(write())} pages to {DOCS_FOLDER}", file=sys.stderr)
