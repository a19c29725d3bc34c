"""AL006 copied-link: a row's code or project link is the repository or page of another
paper in the list — the row above's link pasted again, or a repository named after the
other paper."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .. import titles
from ..model import Document, Entry, Finding, Link, Related, Severity
from ..util import label_of
from .context import RuleContext, titles_trusted

CODE = "AL006"
SCOPE = "document"
NEEDS: frozenset[str] = frozenset()

PROJECT_LABELS = frozenset(
    {"project", "project page", "homepage", "home page", "website", "webpage", "page", "blog"}
)
# A link in this many rows belongs to a toolbox, a benchmark suite or an organisation
# (one codebase serving many papers), not to one paper.
SHARED_BY = 3
_NOT_ALNUM = re.compile(r"[\W_]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_WORD_BREAK = re.compile(r"[\s\-/]+")


def _url_key(url: str) -> str:
    """A link's identity: scheme, ``www.``, query, fragment, ``.git`` and a trailing slash
    folded away; letter case too (GitHub's names ignore it)."""
    url = url.strip().split("#", 1)[0].split("?", 1)[0].lower()
    url = _SCHEME.sub("", url)
    url = url.removeprefix("www.").rstrip("/")
    return url.removesuffix(".git")


def _own_links(entry: Entry) -> list[tuple[str, Link]]:
    """("code" or "project", link) for the row's code link and its project pages."""
    found = []
    if entry.repo_link is not None and entry.repo:
        found.append(("code", entry.repo_link))
    for link in entry.links:
        if link.is_image or link is entry.repo_link or link is entry.paper:
            continue
        if label_of(link.text) in PROJECT_LABELS and "://" in link.target:
            found.append(("project", link))
    return found


def _name_key(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def _names(entry: Entry) -> set[str]:
    """The short names the row gives its paper ("MeshWarp" of "MeshWarp: Surface …")."""
    keys = set()
    for title in (entry.title, *entry.aliases):
        name = titles.name(title)
        if name and len(_name_key(name)) >= 4:
            keys.add(_name_key(name))
    return keys


def _one_method(a: Entry, b: Entry, shared: str = "") -> bool:
    """Rows that plausibly share a codebase: one paper, one method's family (a name stem
    in common, a version), or titles that both name what the link names."""
    if (
        titles.same_paper_titles(a.title, b.title)
        or titles.near_equal(a.title, b.title)
        or titles.contains_title(a.title, b.title)
        or titles.typo_difference(a.title, b.title) is not None
        or titles.are_aliases(a.title, b.title)
    ):
        return True
    if len(shared) >= 4:
        folded = (_name_key(a.title), _name_key(b.title))
        if all(shared in title for title in folded):
            return True
    return False


def check(document: Document, context: RuleContext) -> Iterator[Finding]:
    holders: dict[str, list[Entry]] = {}
    by_name: dict[str, list[Entry]] = {}
    # each row's code and project links with their keys, read once
    owned: dict[int, list[tuple[str, Link, str]]] = {}
    for entry in document.entries:
        own = [(kind, link, _url_key(link.target)) for kind, link in _own_links(entry)]
        owned[id(entry)] = own
        for _, _, key in own:
            group = holders.setdefault(key, [])
            if not group or group[-1] is not entry:
                group.append(entry)
        for name in _names(entry):
            by_name.setdefault(name, []).append(entry)
    # links of a toolbox or an organisation; one paper listed twice counts once
    shared = {
        key
        for key, group in holders.items()
        if len(group) >= SHARED_BY
        and len({titles.normalise(entry.title) for entry in group}) >= SHARED_BY
    }
    previous: Entry | None = None
    for entry in document.entries:
        above = (
            previous if previous is not None and previous.section_key == entry.section_key else None
        )
        previous = entry
        above_keys = [key for _, _, key in owned[id(above)]] if above is not None else []
        for kind, link, key in owned[id(entry)]:
            if key in shared:
                continue  # a toolbox's or an organisation's page
            repo_name = (
                _name_key(entry.repo.split("/", 1)[1]) if kind == "code" and entry.repo else ""
            )
            finding = _pasted(document, entry, above, above_keys, kind, link, key, repo_name)
            if finding is None and kind == "code":
                finding = _named_after(document, entry, link, key, repo_name, by_name)
            if finding is not None:
                yield finding
                break  # one finding per row


def _pasted(
    document: Document,
    entry: Entry,
    above: Entry | None,
    above_keys: list[str],
    kind: str,
    link: Link,
    key: str,
    repo_name: str,
) -> Finding | None:
    """The row above's code or project link (``above_keys``: the keys of its own),
    pasted again under another paper."""
    if above is None or not entry.title or not above.title:
        return None
    if key not in above_keys:
        return None
    named = repo_name or _page_name(key)
    if _one_method(above, entry, named):
        return None
    # The link must be the row above's by its name and not this row's: a repository
    # named after neither (CoOp's serving CoCoOp too) may well serve both.
    if len(named) < 3 or not _names_itself(above, named) or _names_itself(entry, named):
        return None
    return Finding(
        span=link.target_span or link.span,
        message=(
            f"the {kind} link {link.target.strip()} is also the row above's, "
            f"'{above.title}' (line {above.line}): pasted again under '{entry.title}'?"
        ),
        severity=Severity.WARNING if _sure_pasted(entry, above, named) else Severity.NOTICE,
        related=(Related(document.display_path, above.line, "the row above"),),
        key=f"copied:{key}",
    )


def _named_after(
    document: Document,
    entry: Entry,
    link: Link,
    key: str,
    repo_name: str,
    by_name: dict[str, list[Entry]],
) -> Finding | None:
    """A repository named after another paper of the list, not after this row's
    (``key``: the link's ``_url_key``)."""
    if len(repo_name) < 4:
        return None
    # most repositories are named after their own row's paper, or after none: no other
    # row to compare with
    namesakes = by_name.get(repo_name, ())
    if all(other is entry for other in namesakes) or _names_itself(entry, repo_name):
        return None
    if entry.repo and key.count("/") > 2:
        return None  # a folder of a repository (`/tree/main/projects/x`): a monorepo
    others = [
        other
        for other in namesakes
        if other is not entry
        and len(other.title.split()) >= 4  # a paper, not a name
        # the other paper's repository bears the name too: a namesake without one
        # (DiffusER beside the Diffuser repository) is another paper's name only
        and other.repo is not None
        and _name_key(other.repo.split("/", 1)[1]) == repo_name
    ]
    if not others or any(_one_method(other, entry, repo_name) for other in others):
        return None  # no such paper, or this row is of its family
    other = others[0]
    return Finding(
        span=link.target_span or link.span,
        message=(
            f"the code link {link.target.strip()} is named after another paper of the list, "
            f"'{other.title}' (line {other.line}), not after '{entry.title}'"
        ),
        # a notice: a family shares repositories under other names (QVQ in Qwen2-VL's)
        severity=Severity.NOTICE,
        related=(Related(document.display_path, other.line, "the paper it is named after"),),
        key=f"copied:{key}",
    )


def _sure_pasted(entry: Entry, above: Entry, named: str) -> bool:
    """A warning only when both titles are sure and the link bears the name the row
    above's title gives itself ("FOSTER: …" and ``ECCV22-FOSTER``). A link named by an
    acronym or a tag of the row above (``l2p``, ``SAM4MIS``) often is a codebase or a
    survey's page that serves both papers: a notice."""
    head = titles.name(above.title) if ":" in above.title else None
    return (
        titles_trusted(entry, above)
        and head is not None
        and len(_name_key(head)) >= 3
        and _name_key(head) in named
    )


def _page_name(key: str) -> str:
    """What a page's address names: its last folder, or its site (``meshwarp.github.io``)."""
    host, _, path = key.partition("/")
    if path:
        return _name_key(path.rsplit("/", 1)[-1])
    return _name_key(host.split(".", 1)[0])


def _names_itself(entry: Entry, repo_name: str) -> bool:
    """Whether a repository's name plausibly is this row's: one of its names, or one
    begins with the other or shares its first three letters (``CogAgent`` in ``CogVLM``),
    or the name is made of the title's words' beginnings in order (``DiffFlow`` of
    "Diffusion Normalizing Flow", ``L2P`` of "Learning to Prompt")."""
    for name in _names(entry):
        if name in repo_name or repo_name in name or name[:3] == repo_name[:3]:
            return True
    if repo_name in _name_key(entry.title):
        return True
    words = [_name_key(word) for word in _WORD_BREAK.split(entry.title)]
    return _abbreviates(repo_name, [word for word in words if word])


# digits that stand for words in names: L2P "Learning to Prompt", SAM4X "SAM for X"
_DIGIT_WORDS = {"2": ("to", "two"), "4": ("for", "four")}


def _abbreviates(name: str, words: list[str]) -> bool:
    """``name`` is the beginnings of some of ``words`` in order: at least two of them and
    not too many single letters (a long title spells most short names by chance)."""
    most = max(4, len(name) // 2 + 2)

    @cache
    def walk(at: int, start: int, used: int) -> bool:
        if at == len(name):
            return used >= 2
        if used == most:
            return False
        for index in range(start, len(words)):
            word = words[index]
            if name[at] in _DIGIT_WORDS and word in _DIGIT_WORDS[name[at]]:
                if walk(at + 1, index + 1, used + 1):
                    return True
                continue
            length = 0
            while at + length < len(name) and length < len(word):
                if word[length] != name[at + length]:
                    break
                length += 1
                if walk(at + length, index + 1, used + 1):
                    return True
        return False

    return walk(0, 0, 0)
