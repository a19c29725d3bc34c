"""Column roles: what each table column holds, from its header name (configurable)."""

from __future__ import annotations

import re
from collections.abc import Mapping

ROLES = (
    "title",  # the paper's title (may also carry the star badge and the paper link)
    "paper",  # a link to the paper; its text is the title when no title column exists
    "name",  # a method's, model's or dataset's short name beside a title column: an alias
    "abstract",
    "image",
    "links",  # labelled links: [[Github](…)] [[Paper](…)]
    "code",
    "year",
    "date",
    "venue",
    "other",
)

# Header names (normalised: lower case, letters and digits only) mapped to roles.
DEFAULT_COLUMNS: dict[str, str] = {
    **dict.fromkeys(
        [
            "title",
            "papertitle",
            "papers",
            "name",
            "method",
            "methods",
            "model",
            "models",
            "dataset",
            "datasets",
            "benchmark",
            "benchmarks",
        ],
        "title",
    ),
    **dict.fromkeys(["paper", "arxiv", "pdf", "link", "paperlink"], "paper"),
    **dict.fromkeys(
        ["abstract", "description", "summary", "tldr", "note", "notes", "highlights"],
        "abstract",
    ),
    **dict.fromkeys(
        [
            "image",
            "images",
            "figure",
            "figures",
            "fig",
            "teaser",
            "overview",
            "framework",
            "pipeline",
            "illustration",
            "architecture",
        ],
        "image",
    ),
    **dict.fromkeys(["usefullinks", "links", "resources", "materials"], "links"),
    **dict.fromkeys(
        ["code", "github", "repo", "repository", "implementation", "codes", "sourcecode"], "code"
    ),
    **dict.fromkeys(["year"], "year"),
    **dict.fromkeys(
        [
            "date",
            "published",
            "time",
            "releasedate",
            "pubdate",
            "publicationdate",
            "publishdate",
            "publisheddate",
        ],
        "date",
    ),
    **dict.fromkeys(
        ["venue", "conference", "pub", "publication", "journal", "conf", "publisher"], "venue"
    ),
    # Chinese lists
    **dict.fromkeys(["标题", "题目", "论文标题", "名称"], "title"),
    **dict.fromkeys(["论文", "论文链接"], "paper"),
    **dict.fromkeys(["摘要", "简介", "介绍", "描述"], "abstract"),
    **dict.fromkeys(["图", "图片", "框架图"], "image"),
    **dict.fromkeys(["代码", "代码链接"], "code"),
    **dict.fromkeys(["链接", "相关链接"], "links"),
    **dict.fromkeys(["年份"], "year"),
    **dict.fromkeys(["日期", "时间"], "date"),
    **dict.fromkeys(["会议", "期刊"], "venue"),
}


# Words that give a role to a header not in the table above ("Title & Authors"); whole
# words only, so "ImageNet" is no image column.
KEYWORDS: dict[str, str] = {
    **dict.fromkeys(["title", "titles"], "title"),
    **dict.fromkeys(["abstract", "summary", "description", "tldr"], "abstract"),
    **dict.fromkeys(["figure", "figures", "image", "images", "teaser"], "image"),
    **dict.fromkeys(["github", "code", "codes", "repo", "repository"], "code"),
    **dict.fromkeys(["link", "links", "resources"], "links"),
    **dict.fromkeys(["date"], "date"),
    **dict.fromkeys(["year"], "year"),
    **dict.fromkeys(["venue", "conference", "publication"], "venue"),
}


# Headers that name the paper's title itself, and headers of a short name (a method, a
# model, a dataset) that is the title only when no column of the first kind exists.
TITLE_HEADERS = frozenset({"title", "titles", "papertitle", "papers", "标题", "题目", "论文标题"})
NAME_HEADERS = frozenset(
    "name method methods model models dataset datasets benchmark benchmarks 名称".split()
)


def names_title(header: str) -> bool:
    """Whether a column's header says it holds the paper's title (Title, Paper Title)."""
    key = normalise_header(_strip_markup(header))
    words = re.findall(r"[0-9a-z]+", _strip_markup(header).lower())
    return key in TITLE_HEADERS or "title" in words or "titles" in words


def normalise_header(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower())


def assign_roles(header: list[str], overrides: Mapping[str, str] | None = None) -> list[str]:
    """One role per column. A role is given to its first column only; later ones are 'other'.

    ``overrides`` maps header names (any case/spacing) to roles and wins over the defaults.
    """
    configured = {normalise_header(k): v for k, v in (overrides or {}).items()}
    table = {**DEFAULT_COLUMNS, **configured}
    roles: list[str] = []
    taken: set[str] = set()
    # a Title column beside a Model column: the title is the Title column's, the model's
    # name an alias (unless the config says otherwise)
    titled = any(names_title(name) for name in header)
    for name in header:
        key = normalise_header(_strip_markup(name))
        if titled and key in NAME_HEADERS and key not in configured:
            roles.append("name")
            continue
        words = re.findall(r"[0-9a-z]+", _strip_markup(name).lower())
        found = [KEYWORDS[w] for w in words if w in KEYWORDS]
        # "Publication Date", "Venue / Year": a date or a year says what the cells are
        dated = [r for r in found if r in ("date", "year")]
        role = table.get(key) or (dated or found or ["other"])[0]
        if role != "other" and role in taken and role not in ("links", "other"):
            role = "other"
        taken.add(role)
        roles.append(role)
    return roles


def _strip_markup(text: str) -> str:
    return re.sub(r"[*_`]|<[^<>]*>", "", text)  # [^<>]: linear on a run of "<"
