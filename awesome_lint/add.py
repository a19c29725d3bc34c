"""``awesome-lint add``: the text of a list with one more paper, written the way the list's
section already writes its papers (pure: a parsed Document and a Paper in, a new text out).

How the form is found, without copying a neighbour's values (the defect the linter
reports):

1. Each entry of the section becomes a *template*: its source lines with the values the
   parser knows replaced by placeholders — the title, the arXiv ID, the repository, the
   figure, the date (with its format), years and the venue before a year.
2. The template most entries share is the base. Its tokens (markup, runs of text) are
   aligned with the other entries' templates; a run of text most of them share is the
   list's own wording (a label, a separator, ``arXiv``), any other run is a value of that
   one paper (an abstract, authors, a project page) and is left out.
3. The placeholders are filled with the new paper's values; a link whose target was left
   out is dropped unless ``--field LABEL=URL`` gives it, a table cell left empty is filled
   by ``--field HEADER=TEXT``, authors go where the base had authors.

Where it goes: under the year row of its year (a new year row, written like the others,
when the table has none for it), else by date (and arXiv ID) when the section is sorted,
else at the section's end.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .arxiv import badge_identifier, find_paper_id
from .model import Document, Entry
from .newpaper import Paper
from .parser.positions import line_starts
from .suggest import closest
from .titles import normalise
from .util import label_of

OPEN, CLOSE, DROP, AUTHORS = "\ue000", "\ue001", "\ue002", "\ue003"
GONE = "\ue004"  # where a link was left out: the spaces around it become one
POSITIONS = ("auto", "top", "bottom")
POOL_SIZE = 30  # templates the base is compared with
BASE_CANDIDATES = 12
NEIGHBOURS = 12  # the entries around the new one's place its base is chosen from


class AddProblem(Exception):
    """Why the paper can't be added: one line (exit code 2)."""


@dataclass
class Addition:
    before: str  # the file's text as on disk (BOM, line endings)
    after: str
    offset: int  # where the new text goes in ``before``
    inserted: str
    first_line: int  # the new entry's lines in ``after`` (1-based)
    last_line: int
    section: tuple[str, ...]
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- sections


def paper_sections(document: Document) -> dict[tuple[str, ...], list[Entry]]:
    """The sections holding papers, in document order, with their entries."""
    found: dict[tuple[str, ...], list[Entry]] = {}
    for entry in document.entries:
        if entry.title or entry.arxiv is not None:
            found.setdefault(entry.section, []).append(entry)
    return found


def label(path: Sequence[str]) -> str:
    return " > ".join(part.strip() for part in path)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", text.strip()))


def choose_section(document: Document, wanted: str | None, paper: Paper) -> tuple[str, ...]:
    sections = paper_sections(document)
    if not sections:
        raise AddProblem(f"{document.display_path}: no papers found, so no form to follow")
    if wanted is None:
        if len(sections) == 1:
            return next(iter(sections))
        ranked = sorted(sections, key=lambda path: -_closeness(paper.title, sections[path]))
        shown = "; ".join(f"'{label(path)}'" for path in ranked[:6])
        more = f" and {len(ranked) - 6} more" if len(ranked) > 6 else ""
        raise AddProblem(
            f"{document.display_path} has {len(ranked)} sections of papers; name one with "
            f"--section (closest first: {shown}{more})"
        )
    want = [_norm(part) for part in wanted.split(">") if part.strip()]
    if not want:
        raise AddProblem("--section is empty")

    def parts(path: tuple[str, ...]) -> list[str]:
        return [_norm(part) for part in path]

    exact = [path for path in sections if parts(path) == want]
    suffix = [path for path in sections if parts(path)[-len(want) :] == want]
    found = exact or suffix
    if not found:
        # "Analysis" for "Analysis > 2024": the year heading under it that fits the paper
        under = [
            path
            for path in sections
            if len(path) > len(want)
            and parts(path)[-len(want) - 1 : -1] == want
            and _is_year(path[-1])
        ]
        found = [path for path in under if int(path[-1].strip()) == paper.year]
        if under and not found:
            years = ", ".join(path[-1].strip() for path in under)
            raise AddProblem(
                f"section '{wanted}' has year headings ({years}) but none for {paper.year}; "
                f"add the heading first"
            )
    if len(found) == 1:
        return found[0]
    if found:
        shown = "; ".join(f"'{label(path)}'" for path in found[:6])
        raise AddProblem(f"--section '{wanted}' is ambiguous: {shown}")
    names = [label(path) for path in sections] + [path[-1].strip() for path in sections]
    match = closest(wanted.strip(), names)
    hint = f"; did you mean '{match}'?" if match else ""
    shown = "; ".join(f"'{label(path)}'" for path in list(sections)[:6])
    raise AddProblem(
        f"no section '{wanted}' with papers in {document.display_path}{hint} (sections: {shown})"
    )


def _words(text: str) -> set[str]:
    return {word for word in normalise(text).split() if len(word) > 2}


def _closeness(title: str, entries: list[Entry]) -> float:
    """How close the section's titles are to ``title``: the mean of its best three word
    overlaps (Jaccard)."""
    mine = _words(title)
    if not mine:
        return 0.0
    scores = []
    for entry in entries:
        theirs = _words(entry.title)
        if theirs:
            scores.append(len(mine & theirs) / len(mine | theirs))
    best = sorted(scores, reverse=True)[:3]
    return sum(best) / 3


# --------------------------------------------------------------------------- refusals


def check_duplicates(document: Document, paper: Paper, force: bool) -> None:
    """AddProblem when the ID is already linked (any version or link form), or, unless
    ``force``, when an entry has the same title."""
    for link in document.links:
        found = find_paper_id(link.target)
        ident = found.parsed.canonical if found is not None else badge_identifier(link.target)
        if (
            ident
            and ident.split("v")[0] == paper.arxiv_id.split("v")[0]
            and (found is None or ident == paper.arxiv_id)
        ):
            raise AddProblem(
                f"{document.display_path}:{link.span.line}: arXiv {paper.arxiv_id} is already "
                f"in the list"
            )
    if force:
        return
    key = normalise(paper.title, markup=True)
    for entry in document.entries:
        if entry.title and normalise(entry.title, markup=True) == key:
            raise AddProblem(
                f"{document.display_path}:{entry.line}: an entry already has the title "
                f"'{entry.title}' (--force adds it anyway)"
            )


# --------------------------------------------------------------------------- templates

_MONTHS = "January February March April May June July August September October November December"
MONTH_NAMES = _MONTHS.split()
_DATE_FORMATS = (
    "{Y}-{m}",
    "{Y}.{m}",
    "{Y}/{m}",
    "{Y}-{m}-{d}",
    "{Y}.{m}.{d}",
    "{Y}/{m}/{d}",
    "{m}/{Y}",
    "{-m}/{Y}",
    "{m}/{d}/{Y}",
    "{d}/{m}/{Y}",
    "{-d} {b} {Y}",
    "{d} {b} {Y}",
    "{b} {Y}",
    "{B} {Y}",
    "{b} {-d}, {Y}",
    "{B} {-d}, {Y}",
    "{-d} {B} {Y}",
    "{Y}.{-m}",
    "{Y}-{-m}",
    "{Y}/{-m}",
    "{b}. {Y}",
    "{Y}{m}",
)


def render_date(fmt: str, date: tuple[int, ...]) -> str | None:
    """The date in one of ``_DATE_FORMATS``; None when the format needs a part it lacks."""
    needs_day = "d}" in fmt
    if (needs_day and len(date) < 3) or len(date) < 2:
        return None
    year, month = date[0], date[1]
    values = {
        "{Y}": f"{year:04d}",
        "{m}": f"{month:02d}",
        "{-m}": str(month),
        "{b}": MONTH_NAMES[month - 1][:3],
        "{B}": MONTH_NAMES[month - 1],
    }
    if needs_day:
        values |= {"{d}": f"{date[2]:02d}", "{-d}": str(date[2])}
    text = fmt
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def date_format(text: str, date: tuple[int, ...] | None) -> str | None:
    """The format ``text`` writes ``date`` in, if it is one of the known ones."""
    if not date:
        return None
    for fmt in _DATE_FORMATS:
        if render_date(fmt, date) == text:
            return fmt
    return None


_YEAR = re.compile(r"(?<![\w./#@=-])(?:19|20)\d\d(?![\w/-])")
_URL = re.compile(r"(?:https?://|www\.)[^\s)\"'<>\]]*|\]\([^)\s]*\)|(?:src|href)=[\"'][^\"']*")
_SHORT_YEAR = re.compile(r"\b([A-Za-z][A-Za-z&-]*)['’](\d\d)(?![\w'])")
_VENUE_WORD = re.compile(r"([A-Za-z][A-Za-z&-]*)['’]?\s*$")
_KNOWN_VENUES = re.compile(
    r"^(?:arxiv|preprint|corr|siggraph|neurips|nips|iclr|icml|cvpr|iccv|eccv|aaai|ijcai|acl|"
    r"emnlp|naacl|coling|corl|rss|icra|iros|wacv|bmvc|miccai|kdd|www|sigir|tpami|ijcv|tip|tmlr|"
    r"jmlr|icassp|interspeech|colm|icme|isbi|mm)$",
    re.I,
)


def _place(name: str) -> str:
    return f"{OPEN}{name}{CLOSE}"


@dataclass
class Template:
    entry: Entry
    text: str  # with placeholders
    venues: list[str]  # the texts the E placeholders stand for

    @property
    def has_repo(self) -> bool:
        return _place("R") in self.text

    @property
    def has_figure(self) -> bool:
        return _place("F") in self.text

    @property
    def has_date(self) -> bool:
        return f"{OPEN}D:" in self.text

    @property
    def has_paper(self) -> bool:
        return _place("I") in self.text or _place("V") in self.text


def template_of(document: Document, entry: Entry) -> Template:
    first = entry.span.line
    lines = document.lines[first - 1 : entry.span.end_line]
    text = "\n".join(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(line: int, column: int) -> int:
        index = min(max(line - first, 0), len(starts) - 1)
        return min(starts[index] + column - 1, len(text))

    wanted: list[tuple[int, int, str]] = []
    if entry.title and entry.title_span is not None:
        span = entry.title_span
        start, end = offset(span.line, span.column), offset(span.end_line, span.end_column)
        # a span that covers the title's link or markup: the title inside it
        words = [re.escape(word) for word in entry.title.split()]
        inside = re.search(r"\s+".join(words), text[start:end]) if words else None
        if inside is not None:
            start, end = start + inside.start(), start + inside.end()
        wanted.append((start, end, "T"))
    if entry.date_span is not None:
        span = entry.date_span
        start, end = offset(span.line, span.column), offset(span.end_line, span.end_column)
        fmt = date_format(text[start:end], entry.date)
        if fmt is not None:
            wanted.append((start, end, f"D:{fmt}"))
    for canon in {ref.canonical for ref in entry.arxiv_refs if ref.canonical}:
        for match in re.finditer(re.escape(canon) + r"(v\d+)?(?![\d])", text):
            wanted.append((match.start(), match.end(), "V" if match.group(1) else "I"))
    repos = {entry.repo} | ({entry.badge.full_name} if entry.badge is not None else set())
    for repo in filter(None, repos):
        if repo.endswith("/"):
            continue
        for match in re.finditer(re.escape(repo) + r"(?![\w-])", text, re.I):
            wanted.append((match.start(), match.end(), "R"))
    for image in entry.images:
        if image.target:
            for match in re.finditer(re.escape(image.target), text):
                wanted.append((match.start(), match.end(), "F"))
    for alias in entry.aliases:
        # the paper's own name ("**LR-Net**: ..."): a value, filled by --field name=
        found = re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text) if alias else None
        if found is not None:
            wanted.append((found.start(), found.end(), "N"))
            break
    if entry.title and len(entry.title) > 12:
        for match in re.finditer(re.escape(entry.title), text):
            wanted.append((match.start(), match.end(), "T"))
    if entry.table is not None and entry.row is not None:
        for role, cell in zip(entry.table.roles, entry.row.cells, strict=False):
            if role == "venue" and cell.text and "[" not in cell.text and len(cell.text) < 40:
                start = offset(cell.span.line, cell.span.column)
                core = re.match(
                    r"\s*(.*?)\s*(?:'?\d{2,4})?\s*$", text[start : start + len(cell.text)]
                )
                if core and core.group(1):
                    wanted.append((start + core.start(1), start + core.end(1), "E"))
    chosen = _disjoint(wanted)
    urls = [match.span() for match in _URL.finditer(text)]

    def in_url(position: int) -> bool:
        return any(start <= position < end for start, end in urls)

    extra: list[tuple[int, int, str]] = []
    for match in _YEAR.finditer(text):
        if in_url(match.start()) or any(s <= match.start() < e for s, e, _ in chosen):
            continue
        extra.append((match.start(), match.end(), "Y"))
        word = _VENUE_WORD.search(text[max(0, match.start() - 30) : match.start()])
        if word and not in_url(match.start() - 1):
            venue = word.group(1)
            if _KNOWN_VENUES.match(venue) or (venue.isupper() and len(venue) >= 2):
                end = match.start() - (len(word.group(0)) - len(venue))
                extra.append((end - len(venue), end, "E"))
    for match in _SHORT_YEAR.finditer(text):
        if in_url(match.start()) or any(s <= match.start() < e for s, e, _ in chosen):
            continue
        extra.append((match.start(1), match.end(1), "E"))
        extra.append((match.start(2), match.end(2), "Y2"))
    chosen = _disjoint(chosen + extra)
    venues = [text[start:end] for start, end, name in chosen if name == "E"]
    pieces = []
    position = 0
    for start, end, name in chosen:
        pieces.append(text[position:start])
        pieces.append(_place(name))
        position = end
    pieces.append(text[position:])
    return Template(entry, "".join(pieces), venues)


def _disjoint(wanted: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The replacements in order, the earlier-listed winning an overlap."""
    taken: list[tuple[int, int, str]] = []
    for start, end, name in wanted:
        if end <= start:
            continue
        if any(start < other_end and other_start < end for other_start, other_end, _ in taken):
            continue
        taken.append((start, end, name))
    return sorted(taken)


_LIST_MARKER = r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+"
_TOKEN = re.compile(
    rf"{OPEN}[^{CLOSE}]*{CLOSE}|^{_LIST_MARKER}|(?<={CLOSE})[^\s()<>\"'\[\]|{OPEN}]+|https?://[^\s()<>\"'\[\]|{OPEN}]+|\n|</?[A-Za-z][\w-]*|!\[|\*\*|[*`~|\[\]()\\<>=\"']"
    rf"|(?<![^\W_])__?|__?(?![^\W_])|[^{OPEN}\n*`~|\[\]()\\<>=\"'!_]+|[!_]",
    re.M,
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_text(token: str) -> bool:
    """A run of words (a value or the list's wording), not markup, a tag or a placeholder."""
    if token.startswith((OPEN, "<")) or re.fullmatch(_LIST_MARKER, token):
        return False
    return bool(re.search(r"\w", token))


# --------------------------------------------------------------------------- the new entry


@dataclass
class Form:
    """The section's way of writing an entry."""

    base: Template
    kept: list[str]  # the base's tokens, a left-out run as DROP (or AUTHORS)
    venue_default: str  # what the list writes for a preprint ("arXiv"), or ""
    trailing_spaces: bool = False  # most lines of the section end with spaces


def learn_form(
    document: Document, section: list[Entry], paper: Paper, near_line: int | None = None
) -> Form:
    """The section's form; of its entries' ways, the one of the entries around
    ``near_line`` (where the paper goes): a list that changed its form over the years (a
    release date line on the newer papers) writes a paper the way its neighbours are."""
    templates = [template_of(document, entry) for entry in section]
    with_paper = [t for t in templates if t.has_paper]
    if not with_paper:
        same_form = {entry.form for entry in section}
        others = [
            template_of(document, entry)
            for entry in document.entries
            if entry.form in same_form and entry.arxiv is not None
        ]
        with_paper = [t for t in others if t.has_paper]
    if not with_paper:
        raise AddProblem(
            f"{document.display_path}: no entry of section '{label(section[0].section)}' "
            f"links an arXiv paper, so there is no form to follow"
        )
    wants_repo, wants_figure = paper.repo is not None, paper.figure is not None
    if near_line is not None and len(with_paper) > NEIGHBOURS:
        # the neighbours' way: whether they write a date, and of those alike, the nearest
        by_distance = sorted(with_paper, key=lambda t: abs(t.entry.line - near_line))
        around = by_distance[:NEIGHBOURS]
        wants_date = sum(t.has_date for t in around) * 2 > len(around)
    else:
        by_distance = with_paper
        wants_date = sum(t.has_date for t in with_paper) * 2 > len(with_paper)

    def alike(t: Template, *what: str) -> bool:
        have = {"repo": t.has_repo, "figure": t.has_figure, "date": t.has_date}
        want = {"repo": wants_repo, "figure": wants_figure, "date": wants_date}
        return all(have[name] == want[name] for name in what)

    tiers = (
        ("repo", "figure", "date"),
        ("repo", "figure"),
        ("repo", "date"),
        ("repo",),
        ("figure", "date"),
        ("date",),
        (),
    )
    candidates = next(c for what in tiers if (c := [t for t in with_paper if alike(t, *what)]))
    pool = _pool(document, section, with_paper)
    base = _central(candidates, pool)
    # compared with entries that have what the base has (a repository, a figure), so that
    # the wording around those counts as the form
    alike = [
        t
        for t in pool
        if t is not base and t.has_repo == base.has_repo and t.has_figure == base.has_figure
    ]
    everyone = [t for t in pool if t is not base]
    kept = _consensus(base, [alike, everyone] if len(alike) >= 3 else [everyone])
    _paper_url_of_most(kept, [t for t in pool if t.entry.section == base.entry.section] or pool)
    venues = Counter(v for t in pool for v in t.venues if re.fullmatch(r"(?i)arxiv|preprint", v))
    spaced = sum(line != line.rstrip() for t in pool for line in t.text.split("\n"))
    lines = sum(t.text.count("\n") + 1 for t in pool)
    return Form(
        base,
        kept,
        venues.most_common(1)[0][0] if venues else "",
        trailing_spaces=spaced * 2 > lines,
    )


def _around_paper_id(parts: list[str]) -> tuple[int, str, str] | None:
    """Where the first arXiv ID placeholder is, the URL text before it
    (``https://arxiv.org/pdf/``) and after it (``.pdf``, or nothing)."""
    for index, token in enumerate(parts):
        if token in (_place("I"), _place("V")) and index:
            before = parts[index - 1]
            if "arxiv" not in before.lower() or re.search(r"\s", before):
                return None
            after = parts[index + 1] if index + 1 < len(parts) else ""
            suffix = after if re.fullmatch(r"\.pdf|/", after) else ""
            return index, before, suffix
    return None


def _paper_url_of_most(kept: list[str], pool: list[Template]) -> None:
    """The paper link as most of the section writes it (``abs`` or ``pdf``, ``.pdf``):
    one entry's way is no form."""
    mine = _around_paper_id(kept)
    if mine is None:
        return
    found = Counter(
        (around[1], around[2])
        for t in pool
        if (around := _around_paper_id(tokens(t.text))) is not None
    )
    if not found:
        return
    (prefix, suffix), _ = found.most_common(1)[0]
    index, _, old_suffix = mine
    kept[index - 1] = prefix
    if old_suffix:
        del kept[index + 1]
    if suffix:
        kept.insert(index + 1, suffix)


def _pool(document: Document, section: list[Entry], with_paper: list[Template]) -> list[Template]:
    """The templates the base is compared with: the section's, then (for a small section)
    entries of the same form elsewhere in the list."""
    pool = with_paper[:: max(len(with_paper) // POOL_SIZE, 1)][:POOL_SIZE]  # spread out
    if len(pool) >= 8:
        return pool
    forms = {t.entry.form for t in with_paper}
    headers = {tuple(t.entry.table.header) for t in with_paper if t.entry.table is not None}
    seen = {id(t.entry) for t in pool}
    near = sorted(
        (
            entry
            for entry in document.entries
            if id(entry) not in seen
            and entry.form in forms
            and entry.arxiv is not None
            and (entry.table is None or tuple(entry.table.header) in headers)
        ),
        key=lambda entry: abs(entry.line - section[0].line),
    )
    for entry in near[: POOL_SIZE - len(pool)]:
        pool.append(template_of(document, entry))
    return pool


def _central(candidates: list[Template], pool: list[Template]) -> Template:
    """The candidate most entries write alike: the most frequent template, else the one
    closest on average to the others."""
    distinct = list({t.text: t for t in candidates}.values())
    step = max(len(distinct) // BASE_CANDIDATES, 1)
    sample = distinct[::step][:BASE_CANDIDATES]
    if len(sample) == 1:
        return sample[0]
    from difflib import SequenceMatcher  # imported here: a lint run never needs it

    compared = pool[:20]
    best, best_score = sample[0], -1.0
    for candidate in sample:
        mine = tokens(candidate.text)
        score = 0.0
        for other in compared:
            if other is not candidate:
                score += SequenceMatcher(None, mine, tokens(other.text), autojunk=False).ratio()
        if score > best_score:
            best, best_score = candidate, score
    return best


def _consensus(base: Template, groups: list[list[Template]]) -> list[str]:
    """The base's tokens, each run of text that fewer than half of the others share (in
    any of the groups) replaced by DROP (AUTHORS when it reads like a list of names)."""
    from difflib import SequenceMatcher

    mine = tokens(base.text)
    shared = [False] * len(mine)
    for others in groups:
        matched = [0] * len(mine)
        present: Counter[str] = Counter()  # in how many others each token appears at all
        for other in others:
            theirs = tokens(other.text)
            present.update(set(theirs))
            matcher = SequenceMatcher(None, mine, theirs, autojunk=False)
            for block in matcher.get_matching_blocks():
                for index in range(block.a, block.a + block.size):
                    matched[index] += 1
        needed = max(len(others) / 2, 1)
        for index, token in enumerate(mine):
            # a constant URL (a badge's image) counts where the alignment missed it
            count = max(matched[index], present[token] if _URL_LIKE.fullmatch(token) else 0)
            shared[index] = shared[index] or (bool(others) and count >= needed)
    compared = any(groups)
    kept: list[str] = []
    authors_used = False
    for index, token in enumerate(mine):
        before = mine[index - 1] if index else ""
        after = mine[index + 1] if index + 1 < len(mine) else ""
        keep = token.startswith(OPEN) or not _is_text(token)
        if not keep and not re.search(r"\s", token):
            # a URL's start or end around a known value: https://github.com/, .svg?style
            keep = before.startswith(OPEN) or after.startswith(OPEN)
        if not keep and _labels_value(token, mine[index + 1 : index + 6]):
            keep = True
        if not keep and after == "]" and "(" in mine[index + 2 : index + 4]:
            # a link's label: [Github], [[pdf]](…)
            keep = len(token.split()) <= 3 and mine[index + 2 : index + 4] != ["(", ")"]
        if not keep and compared:
            keep = shared[index]
        if keep:
            kept.append(token)
            continue
        # a value of that paper: left out, the whitespace around it kept
        # (and the separators: ", J. Chung et al. " keeps its ", ")
        lead = re.match(r"\s*(?:[,;:]\s+)?", token).group(0)  # type: ignore[union-attr]
        trail = re.search(r"(?:[,;:](?=\s|$))?\s*$", token[len(lead) :]).group(0)  # type: ignore[union-attr]
        if not token.strip():
            lead, trail = token, ""
        marker = DROP
        if not authors_used and _names(token):
            marker, authors_used = AUTHORS, True
        if kept and kept[-1] == DROP and marker == DROP:
            if trail:
                kept.append(trail)
            continue
        kept.extend(part for part in (lead, marker, trail) if part)
    return kept


_URL_LIKE = re.compile(r"(?:https?://|\./|/)\S+")
_MARKUP_ONLY = re.compile(r"\s*(?:\*\*?|__?|`|</?[A-Za-z][\w-]*|>)?\s*")


def _labels_value(token: str, following: list[str]) -> bool:
    """A short label ending in a colon whose value is one the new paper has (``**Released:**
    2024-05-01``, ``Code: <repository>``): the list's wording, even where the lines around it
    differ from entry to entry."""
    if not re.fullmatch(r"\s*\w[\w .&/-]{0,30}:\s*", token) or len(token.split()) > 3:
        return False
    for part in following:
        if part.startswith(OPEN):
            return True
        if not _MARKUP_ONLY.fullmatch(part):
            return False
    return False


def _names(text: str) -> bool:
    """A run of text that reads like authors: capitalised words between commas."""
    core = text.strip().rstrip(".")
    if re.search(r"\d|://", core):
        return False
    if not ("," in core or " and " in core or "et al" in core):
        # one author: two to four capitalised words
        words = core.split()
        return 2 <= len(words) <= 4 and all(word[:1].isupper() for word in words)
    words = [word for word in re.split(r"[\s,]+", core) if word and word not in ("and", "et", "al")]
    if len(words) < 2:
        return False
    capital = sum(1 for word in words if word[:1].isupper())
    return capital >= 0.6 * len(words)


_MD_LINK = re.compile(
    rf"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\](?:\([^()\s]*\))?)*)\]\(\s*[^()\s{DROP}]*{DROP}[^()\s]*\s*\)"
)
_HTML_LINK = re.compile(
    rf"<a\b[^>\n]*?\bhref\s*=\s*([\"']?)[^\"'\s>{DROP}]*{DROP}[^\"'\s>]*\1[^>\n]*>([^\n]*?)</a\s*>",
    re.I,
)
_HTML_IMG = re.compile(rf"<img\b[^>\n]*?\bsrc\s*=\s*([\"']?)[^\"'\s>{DROP}]*{DROP}[^>\n]*>", re.I)
# brackets holding only spaces and left-out values (one class: no two runs compete)
_EMPTY_BRACKETS = re.compile(rf"\[[\s{GONE}{DROP}]*\](?!\()")
_ATTRIBUTE = re.compile(r"=([\"'])([^\"'\n]*)\1")
_BLANKISH = re.compile(r"[\s\\+*-]*(?:<br\s*/?>)?[\s\\]*")


def render(form: Form, paper: Paper, document: Document) -> list[str]:
    """The new entry's lines."""
    base = form.base
    table = base.entry.table
    in_table = table is not None
    venue = paper.venue or form.venue_default
    fields = dict(paper.fields)
    used: set[str] = set()
    values: dict[str, Callable[[str], str]] = {
        "T": lambda _: paper.title.replace("|", "\\|") if in_table else paper.title,
        "I": lambda _: paper.arxiv_id,
        "V": lambda _: f"{paper.arxiv_id}v{paper.version or 1}",
        "R": lambda _: paper.repo or DROP,
        "F": lambda _: paper.figure or DROP,
        "Y": lambda _: str(paper.year),
        "Y2": lambda _: f"{paper.year % 100:02d}",
        "E": lambda _: venue or ("" if in_table else DROP),
        "N": lambda _: _use(fields, used, "name") or DROP,
        "D": lambda spec: (
            render_date(spec, paper.date)
            or render_date(spec.replace("-{-d}", "").replace("-{d}", ""), paper.date)
            or DROP
        ),
    }
    out = []
    for token in form.kept:
        if token.startswith(OPEN):
            name, _, spec = token[1:-1].partition(":")
            out.append(values[name](spec))
        elif token == AUTHORS:
            out.append(", ".join(paper.authors) if paper.authors else DROP)
        else:
            out.append(token)
    # a link the list left without a target ([Coming soon]()) is no form to copy
    text = re.sub(r"(\]\()\s*(\))", rf"\1{DROP}\2", "".join(out))
    # emphasis or code around a value left out (*authors* without authors, **Name:**
    # without a name) goes with it, as does an image whose alt text was the value (a
    # per-paper tag badge) and an HTML comment that held only it
    text = re.sub(rf"(\*\*|\*|__|_|`) ?{DROP}+ ?[:.,;]? ?\1", GONE, text)
    text = re.sub(rf"!\[\s*{DROP}+\s*\]\([^()\s]*\)", GONE, text)
    text = re.sub(rf"<!-*\s*{DROP}+\s*-*>", GONE, text)
    text = re.sub(rf"<(\w+)\b[^<>\n]*>\s*[{DROP}{GONE}]+\s*</\1\s*>", GONE, text)

    # a value left out at the end of an attribute's value (alt="Title: DROP"): no space
    text = _ATTRIBUTE.sub(_without_trailing_value, text)
    text = _MD_LINK.sub(lambda m: _fill_link(m, fields, used), text)
    text = _HTML_LINK.sub(lambda m: _fill_html_link(m, fields, used), text)
    text = _HTML_IMG.sub(GONE, text)
    # brackets and an HTML attribute that held only a value left out go with it
    text = re.sub(rf"(?<!\])\( ?[{DROP}{GONE}]+ ?\)", GONE, text)
    text = re.sub(rf"\s[\w-]+=([\"']){DROP}+\1", GONE, text)
    # a badge's link whose image was left out
    text = re.sub(rf"\[\s*{GONE}\s*\]\([^()\s]*\)", GONE, text)
    text = _EMPTY_BRACKETS.sub(GONE, text)
    text = _without_separators(text, in_table)
    text = re.sub(rf"( ?)[{GONE}{DROP}]+( ?)", _one_space, text)
    text = re.sub(r"(<br\s*/?>[ \t]*){2,}", lambda m: m.group(1), text)
    text = re.sub(rf"([(\[]) +(?=[^\s{DROP}])", r"\1", text)  # "( 2024)" when the venue is unknown
    lines = text.split("\n")
    base_lines = base.text.split("\n")
    kept_lines = []
    marker = ""  # the list marker of a line left out: the next line's
    for index, line in enumerate(lines):
        was = base_lines[index] if index < len(base_lines) else "x"
        if DROP in line or AUTHORS in line:
            line = line.replace(DROP, "").replace(AUTHORS, "")
        # more than a <br> (an HTML comment's words count: a marker the list numbers)
        said = re.search(r"\w", re.sub(r"<(?!!--)[^<>]*>", "", was))
        # the line with the title is the paper's own, even when its words besides links
        # were only a value left out ("+ Name: [Title](…)" without a name)
        captioned = _own_words(was) and not _own_words(line) and _place("T") not in was
        if said and (_BLANKISH.fullmatch(line) or not re.search(r"\w", line) or captioned):
            # a line of the base that held only what this paper doesn't have
            found = re.match(_LIST_MARKER, line) if not kept_lines else None
            marker = marker or (found.group(0) if found else "")
            continue
        if marker:
            line, marker = marker + line.lstrip(), ""
        blank_again = not line.strip() and kept_lines and not kept_lines[-1].strip()
        if blank_again and index and base_lines[index - 1].strip():
            continue  # the line between two blank lines was left out: one blank line
        if kept_lines and _ONLY_BREAK.fullmatch(line) and _ONLY_BREAK.fullmatch(kept_lines[-1]):
            continue  # the line between two breaks was left out: one break is enough
        kept_lines.append(line if form.trailing_spaces else line.rstrip())
    if in_table and table is not None and kept_lines:
        kept_lines[0] = _fill_cells(kept_lines[0], table.header, fields, used)
    unused = [name for name in fields if name not in used]
    if unused:
        raise AddProblem(
            f"--field {unused[0]}: the section has no link label or column of that name "
            f"(links: {', '.join(_labels(base.text)) or 'none'})"
        )
    return kept_lines


_ONLY_BREAK = re.compile(r"\s*<br\s*/?>\s*")  # a line that is one <br>


def _without_trailing_value(match: re.Match[str]) -> str:
    """An attribute's value that ends in words left out after a space: without them (and
    the separator before them), when words of its own stay."""
    value = match.group(2)
    kept = value.rstrip(DROP)
    if kept == value or not kept[-1:].isspace():
        return match.group(0)  # no value left out, or one inside a word or URL
    kept = kept.rstrip().rstrip(":,;-").rstrip()
    if not kept:
        return match.group(0)
    return f"={match.group(1)}{kept}{match.group(1)}"


_LEFT_OUT = f"[{GONE}{DROP}](?:[ \t]*[{GONE}{DROP}])*"
_LINKED = re.compile(
    r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\([^()\s]*\)|<a\b.*?</a\s*>|<[^<>\n]*>", re.I
)


def _own_words(line: str) -> bool:
    """Whether a line says something besides its links and tags (a figure's caption, a
    description): one that said something of the paper and now holds only links (``Source
    paper``) read as a paper of its own."""
    return bool(re.search(r"\w", _LINKED.sub("", line)))


def _use(fields: dict[str, str], used: set[str], name: str) -> str:
    if name in fields:
        used.add(name)
        return fields[name]
    return ""


def _without_separators(text: str, in_table: bool) -> str:
    """The separators that stood next to a value left out go with it, so the line reads
    naturally: ``* **Name**: "Title"`` without a name starts with the title, ``(2016), J.
    Chung et al. [[pdf]]`` without authors is ``(2016) [[pdf]]``, ``a | [github](…) |``
    without a repository is ``a |`` (not in a table, where ``|`` makes the cells)."""
    # at an item's start: the separator after it
    text = re.sub(
        rf"(?m)^({_LIST_MARKER}|[ \t]*)((?:{_LEFT_OUT}\s*)+)[:;,|–—-](?=\s)", r"\1\2", text
    )
    # between two separators, or a separator and the end of a clause: the one before it
    text = re.sub(
        rf"[ \t]*[,;:]\s*{_LEFT_OUT}(?=[ \t]*(?:[,;.\[<)]|$))", lambda m: GONE, text, flags=re.M
    )
    if not in_table:
        text = re.sub(rf"\|[ \t]*{_LEFT_OUT}[ \t]*(?=\|)", "", text)
        text = re.sub(rf"[ \t]*\|[ \t]*{_LEFT_OUT}[ \t]*$", "", text, flags=re.M)
    return text


def _one_space(match: re.Match[str]) -> str:
    """What stands where a value or link was left out: one space if there was one around
    it, none before punctuation."""
    text = match.string
    following = text[match.end() : match.end() + 1]
    if not (match.group(1) or match.group(2)):
        return ""
    line_start = text.rfind("\n", 0, match.start()) + 1
    if re.fullmatch(r"\s*(?:[-*+]|\d+[.)])", text[line_start : match.start()]):
        return " "  # the space after a list marker makes the item
    before = text[line_start : match.start()]
    if not match.group(1) and (not before or re.search(r"(?:<[A-Za-z][^<>]*>|[(\[])$", before)):
        return ""  # "<font>2024." and "(2024)", not "<font> 2024."
    return "" if following in tuple(".,;:)]") else " "


def _fill_link(match: re.Match[str], fields: dict[str, str], used: set[str]) -> str:
    """A link whose target is unknown: ``--field LABEL=URL`` gives it, else it goes."""
    name = _label_text(match.group(2))
    if name in fields:
        used.add(name)
        return f"{match.group(1)}[{match.group(2)}]({fields[name]})"
    return GONE


def _fill_html_link(match: re.Match[str], fields: dict[str, str], used: set[str]) -> str:
    name = label_of(re.sub(r"<[^>]*>", "", match.group(2)))
    if name in fields:
        used.add(name)
        quote = match.group(1) or '"'
        return re.sub(
            rf"\bhref\s*=\s*([\"']?)[^\"'\s>{DROP}]*{DROP}[^\"'\s>]*\1",
            lambda _: f"href={quote}{fields[name]}{quote}",
            match.group(0),
            count=1,
        )
    return GONE


def _label_text(label: str) -> str:
    """A link's label as a field name: an image's alt text for a badge."""
    return label_of(re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", label))


def _labels(text: str) -> list[str]:
    found = re.finditer(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\(", text)
    names = {_label_text(m.group(1)) for m in found if OPEN not in m.group(1)}
    return sorted(names - {""})


def _fill_cells(line: str, header: list[str], fields: dict[str, str], used: set[str]) -> str:
    """``--field HEADER=TEXT`` in the row's cells."""
    parts = re.split(r"(?<!\\)\|", line)
    lead = 1 if parts and not parts[0].strip() else 0
    for index, name in enumerate(header):
        key = label_of(name)
        if key in fields and lead + index < len(parts):
            used.add(key)
            parts[lead + index] = f" {fields[key]} "
    return "|".join(parts)


# --------------------------------------------------------------------------- position


def _ident(arxiv_id: str | None) -> tuple[int, int] | None:
    if not arxiv_id:
        return None
    if "/" in arxiv_id:
        number = arxiv_id.split("/", 1)[1]
        return int(number[:4]), int(number[4:])
    yymm, _, number = arxiv_id.partition(".")
    return int(yymm), int(number)


def _key(entry: Entry) -> tuple[tuple[int, ...] | None, tuple[int, int] | None]:
    canon = entry.arxiv.canonical if entry.arxiv is not None else None
    return entry.date, _ident(canon)


Key = tuple[tuple[int, ...] | None, tuple[int, int] | None]


def _month_of(ident: tuple[int, int] | None) -> tuple[int, ...] | None:
    """The month an arXiv ID was submitted in (``2305.01234``: May 2023; ``9912``: 1999)."""
    if ident is None:
        return None
    years, month = divmod(ident[0], 100)
    return (1900 + years if years >= 91 else 2000 + years, month)


def compare(a: Key, b: Key, ties_by_id: bool = True) -> int:
    """Newer > 0: by date where both have one (to the coarser of the two), then by ID
    (unless ``ties_by_id`` is False: two papers the list gives one date are then neither
    older). Where one has no date, the ID is its date: compared with the other's ID, or
    as the month it was submitted in with the date of a paper that has no ID."""
    date_a, date_b = a[0], b[0]
    if bool(date_a) != bool(date_b) and not (a[1] and b[1]):
        date_a, date_b = date_a or _month_of(a[1]), date_b or _month_of(b[1])
    if date_a and date_b:
        width = min(len(date_a), len(date_b))
        if date_a[:width] != date_b[:width]:
            return 1 if date_a[:width] > date_b[:width] else -1
        if not ties_by_id and a[0] and b[0]:
            return 0
    if a[1] and b[1] and a[1] != b[1]:
        old_a, old_b = a[1][0] >= 9100, b[1][0] >= 9100  # 91xx..: the 1990s
        if old_a != old_b:
            return -1 if old_a else 1
        return 1 if a[1] > b[1] else -1
    return 0


def order_of(groups: Sequence[Sequence[Entry]]) -> str:
    """ "desc", "asc" or "" (unsorted): how most pairs of entries within each group are
    ordered (three in four pairs one way counts as sorted; a few misplaced entries don't
    make a sorted list unsorted)."""
    return _sorted_way(*_pair_counts(groups))


MIN_PAIRS = 6  # ordered pairs needed to tell a group's order on its own


def _sorted_way(newer: int, older: int) -> str:
    if newer >= 2 * older and newer:
        return "desc"
    if older >= 2 * newer and older:
        return "asc"
    return ""


def _pair_counts(groups: Sequence[Sequence[Entry]]) -> tuple[int, int]:
    """How many pairs of entries (the first above the second, in one group) are newer
    first, and how many older first."""
    newer = older = 0
    for group in groups:
        keys = [_key(entry) for entry in group]
        step = max(len(keys) // 150, 1)  # a long section: every n-th entry is enough
        sample = keys[::step]
        for index, first in enumerate(sample):
            for second in sample[index + 1 :]:
                found = compare(first, second)
                newer += found > 0
                older += found < 0
    return newer, older


def _index_in(
    group: Sequence[Entry], key: Key, order: str, position: str, ties_by_id: bool = True
) -> int:
    """Where the key goes: the place with the fewest entries on the wrong side of it (a
    sorted section with a few misplaced entries still has one best place); the first such
    place, as a list adding its newest papers writes them above the ones of the same date."""
    if position == "top":
        return 0
    if position == "bottom" or not order:
        return len(group)
    return _best_place(group, key, order, ties_by_id)[0]


def _best_place(
    group: Sequence[Entry], key: Key, order: str, ties_by_id: bool = True
) -> tuple[int, int]:
    """(index, how many entries are on the wrong side of it) of the best place."""
    sign = 1 if order == "desc" else -1
    found = [sign * compare(key, _key(entry), ties_by_id) for entry in group]
    # cost(i): entries before i that the new one should precede, and entries from i on
    # that should precede it
    cost = sum(1 for value in found if value < 0)
    best, best_cost = 0, cost
    for index, value in enumerate(found):
        cost += (value > 0) - (value < 0)
        if cost < best_cost:
            best, best_cost = index + 1, cost
    return best, best_cost


def _ties_follow_ids(groups: Sequence[Sequence[Entry]], order: str) -> bool:
    """Whether neighbours of the same date are in arXiv ID order too (the section's way,
    two in three): a list sorted by day often writes the papers of one day as they came."""
    along = against = 0
    for group in groups:
        for first, second in itertools.pairwise(group):
            if first.date is None or first.date != second.date:
                continue
            found = compare((None, _key(first)[1]), (None, _key(second)[1]))
            along += found == (1 if order == "desc" else -1)
            against += found == (-1 if order == "desc" else 1)
    return along >= 2 * against


def runs(document: Document, entries: Sequence[Entry]) -> list[list[Entry]]:
    """The section's entries in runs that stand together: a section met again further down
    (a heading the reader did not see, such as ``### <h3>…``, splits a list into parts
    that share a path) is sorted within each part, not across them."""
    if not entries:
        return []
    path = entries[0].section
    # entries of the section and of sections under it (a paper's own "More information"
    # subsection) stand together; an entry of any other section separates two parts
    inside = [
        len(entry.section) >= len(path) and entry.section[: len(path)] == path
        for entry in document.entries
    ]
    index = {id(entry): number for number, entry in enumerate(document.entries)}
    found: list[list[Entry]] = []
    for entry in entries:
        if found and all(inside[index[id(found[-1][-1])] + 1 : index[id(entry)]]):
            found[-1].append(entry)
        else:
            found.append([entry])
    return found


def _between(document: Document, entries: Sequence[Entry]) -> list[str]:
    """The lines that separate two entries (blank lines, a closing ``</p>``), as most
    neighbours in the section write them."""
    if entries and entries[0].form == "table":
        return []  # rows follow rows; what stands between two is a year row
    seen: Counter[tuple[str, ...]] = Counter()
    for first, second in itertools.pairwise(entries):
        gap = document.lines[first.end_line : second.span.line - 1]
        # a year row or heading between two entries separates groups, not entries
        if len(gap) <= 3 and all(len(line) < 20 and not _YEAR.search(line) for line in gap):
            seen[tuple(gap)] += 1
    if seen:
        return list(seen.most_common(1)[0][0])
    return [] if entries and entries[0].form == "table" else [""]


def plan(
    document: Document,
    before: str,
    paper: Paper,
    section: tuple[str, ...],
    position: str = "auto",
) -> Addition:
    """The file's new text with the paper added to ``section``."""
    entries = paper_sections(document)[section]
    between = _between(document, entries)
    closing = []
    for line in between:
        if not line.strip():
            break
        closing.append(line)
    key: Key = (paper.date, _ident(paper.arxiv_id))
    place = _where(document, entries, paper, key, position, [""], between, closing)[0]
    form = learn_form(document, entries, paper, near_line=place + 1)
    new_lines = render(form, paper, document)
    insert_at, lines, first = _where(
        document, entries, paper, key, position, new_lines, between, closing
    )
    return _apply(document, before, insert_at, lines, first, len(new_lines), section)


def _where(
    document: Document,
    entries: list[Entry],
    paper: Paper,
    key: Key,
    position: str,
    new_lines: list[str],
    between: list[str],
    closing: list[str],
) -> tuple[int, list[str], int]:
    """(0-based line to insert before, the lines, index of the entry's first line in them)."""
    tables = Counter(id(e.table) for e in entries if e.table is not None and e.table.year_rows)
    year_mode = (
        bool(tables) and sum(1 for e in entries if e.year_line is not None) > len(entries) / 2
    )
    if year_mode:
        table = next(e.table for e in entries if id(e.table) == tables.most_common(1)[0][0])
        assert table is not None
        groups = [(row, [e for e in entries if e.year_line == row.line]) for row in table.year_rows]
        # within year rows; when those are too short to tell, across them (year rows in
        # date order are evidence of the same order)
        within = _pair_counts([group for _, group in groups])
        order = _sorted_way(*within) if sum(within) >= MIN_PAIRS else order_of([entries])
        target = next(((row, group) for row, group in groups if row.year == paper.year), None)
        if target is not None:
            row, group = target
            if not group:
                return row.line, new_lines, 0
            return _in_group(group, key, order, position, new_lines, between, closing, True)
        years = [row.year for row, _ in groups]
        descending = len(years) > 1 and years[0] > years[-1]
        template_row = document.lines[groups[0][0].line - 1]
        year_line = _retitle_year(template_row, groups[0][0].year, paper.year)
        for row, _ in groups:
            if (descending and row.year < paper.year) or (not descending and row.year > paper.year):
                return row.line - 1, [year_line, *new_lines], 1
        last_line = max(
            [table.line, *(r.line for r in table.rows), *(y.line for y in table.year_rows)]
        )
        return last_line, [year_line, *new_lines], 1
    parts = runs(document, entries)
    own = _pair_counts(parts)
    order = _sorted_way(*own)
    if sum(own) < MIN_PAIRS:
        # too few entries to tell: the way the list's other sections are sorted
        order = _list_order(document) or order
    # same date: where the ID says nothing of the place, first of them
    ties_by_id = not order or _ties_follow_ids(parts, order)
    group: Sequence[Entry] = entries
    if position == "auto" and order and len(parts) > 1:
        # the part where it fits the order best; of equally good ones, the part whose
        # titles are closest to the paper's (the parts are topics under a heading not seen)
        group = min(
            parts,
            key=lambda part: (
                _best_place(part, key, order, ties_by_id)[1],
                -_closeness(paper.title, part),
            ),
        )
    return _in_group(group, key, order, position, new_lines, between, closing, ties_by_id)


def _list_order(document: Document) -> str:
    """How the list's sections are sorted, their pairs of entries taken together."""
    groups = [
        part for entries in paper_sections(document).values() for part in runs(document, entries)
    ]
    return _sorted_way(*_pair_counts(groups))


def _retitle_year(line: str, old: int, new: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), line, count=1)


def _in_group(
    group: Sequence[Entry],
    key: Key,
    order: str,
    position: str,
    new_lines: list[str],
    between: list[str],
    closing: list[str],
    ties_by_id: bool,
) -> tuple[int, list[str], int]:
    index = _index_in(group, key, order, position, ties_by_id)
    if index < len(group):
        return group[index].span.line - 1, [*new_lines, *between], 0
    last = group[-1]
    rest = between[len(closing) :]
    return last.end_line + len(closing), [*rest, *new_lines, *closing], len(rest)


def _apply(
    document: Document,
    before: str,
    insert_at: int,
    lines: list[str],
    first: int,
    count: int,
    section: tuple[str, ...],
) -> Addition:
    newline = "\r\n" if before.count("\r\n") > before.count("\n") / 2 else "\n"
    starts = line_starts(before)
    if insert_at < len(starts):
        offset = starts[insert_at]
        if insert_at == 0 and before.startswith("\ufeff"):
            offset += 1
        inserted = newline.join(lines) + newline
        if offset == len(before) and before and not before.endswith(("\n", "\r")):
            inserted = newline + newline.join(lines)
    else:
        offset = len(before)
        inserted = (
            ("" if before.endswith(("\n", "\r")) or not before else newline)
            + newline.join(lines)
            + newline
        )
    after = before[:offset] + inserted + before[offset:]
    first_line = insert_at + first + 1
    return Addition(before, after, offset, inserted, first_line, first_line + count - 1, section)
