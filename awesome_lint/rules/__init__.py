"""The rule modules, by code. A rule is a small pure module: ``check(document, context)``
yields Findings (``check_all(documents, context)`` for cross-file rules)."""

from __future__ import annotations

from types import ModuleType

from . import (
    arxiv_badge_mismatch,
    arxiv_id_conflict,
    arxiv_id_malformed,
    arxiv_link_style,
    arxiv_title_mismatch,
    arxiv_year_mismatch,
    badge_repo_mismatch,
    dead_link,
    duplicate_entry,
    duplicate_image,
    image_path_case,
    link_label_mismatch,
    malformed_link,
    missing_image,
    redirected_link,
    repo_status,
    table_shape,
    toc_mismatch,
    unparsed_content,
    unused_image,
    year_order,
)

# Rules that take one Document, or (scope: documents) all of them.
MODULES: dict[str, ModuleType] = {
    module.CODE: module
    for module in (
        duplicate_entry,
        arxiv_id_conflict,
        arxiv_id_malformed,
        arxiv_title_mismatch,
        arxiv_year_mismatch,
        year_order,
        table_shape,
        toc_mismatch,
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
        unparsed_content,
    )
}
