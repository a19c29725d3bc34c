"""The rule registry: every rule module, by code.

A rule is a small pure module that declares

- ``CODE``: its code in the catalog (``rules/ALxxx-name.yml``);
- ``SCOPE``: ``"document"``, checked with ``check(document, context)``, or
  ``"documents"``, checked once with ``check_all(documents, context)`` yielding
  ``(document, finding)`` pairs;
- ``NEEDS``: what it reads besides the document and its options, out of ``FACTS``: the
  network's answers (``links``, ``arxiv``, ``repos``: looked up only when an enabled rule
  needs them), the image folders' listings (``image_folders``), the reasons some checks
  could not run (``reasons``), what the suppression comments did (``suppressions``: such
  a rule runs after the others' findings went through them);
- optionally ``LINE_FILTERS = False``: its findings are about the run, not a line of a
  list, so suppression comments, changed lines and the baseline leave them alone.

The engine treats every rule alike from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from . import (
    arxiv_badge_mismatch,
    arxiv_id_conflict,
    arxiv_id_malformed,
    arxiv_link_style,
    arxiv_title_mismatch,
    arxiv_year_mismatch,
    badge_repo_mismatch,
    code_block_content,
    copied_link,
    dead_link,
    duplicate_entry,
    duplicate_image,
    image_path_case,
    link_label_mismatch,
    malformed_link,
    missing_image,
    not_checked,
    redirected_link,
    repo_status,
    table_shape,
    toc_mismatch,
    unparsed_content,
    unused_image,
    unused_suppression,
    year_order,
)
from .context import NETWORK_FACTS

FACTS = NETWORK_FACTS | {"image_folders", "reasons", "suppressions"}
SCOPES = ("document", "documents")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    module: ModuleType
    scope: str
    needs: frozenset[str]
    line_filters: bool = True  # False: findings about the run, not a line

    @property
    def network_facts(self) -> frozenset[str]:
        return self.needs & NETWORK_FACTS


def _registered(module: ModuleType) -> Rule:
    """The module's declarations, checked: a rule that declares nonsense fails at import."""
    rule = Rule(
        code=module.CODE,
        module=module,
        scope=module.SCOPE,
        needs=frozenset(module.NEEDS),
        line_filters=getattr(module, "LINE_FILTERS", True),
    )
    where = module.__name__
    if rule.scope not in SCOPES:
        raise ValueError(f"{where}: SCOPE {rule.scope!r} is not one of {SCOPES}")
    entry = "check" if rule.scope == "document" else "check_all"
    if not callable(getattr(module, entry, None)):
        raise ValueError(f"{where}: a {rule.scope!r} rule defines {entry}()")
    if rule.needs - FACTS:
        raise ValueError(f"{where}: NEEDS {sorted(rule.needs - FACTS)} are not facts {FACTS}")
    if "suppressions" in rule.needs and rule.scope != "document":
        raise ValueError(f"{where}: only a 'document' rule can read its suppressions")
    return rule


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in sorted(
        map(
            _registered,
            (
                duplicate_entry,
                arxiv_id_conflict,
                arxiv_id_malformed,
                arxiv_title_mismatch,
                arxiv_year_mismatch,
                copied_link,
                year_order,
                table_shape,
                toc_mismatch,
                code_block_content,
                missing_image,
                duplicate_image,
                image_path_case,
                unused_image,
                dead_link,
                malformed_link,
                badge_repo_mismatch,
                link_label_mismatch,
                redirected_link,
                repo_status,
                arxiv_link_style,
                arxiv_badge_mismatch,
                not_checked,
                unused_suppression,
                unparsed_content,
            ),
        ),
        key=lambda rule: rule.code,
    )
}
