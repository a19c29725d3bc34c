"""The gallery report: one self-contained HTML page with every entry's figure beside its
title and its findings.

Everything taken from a list is escaped; a list's URL becomes a link or an image only when
it is http(s) or a relative path, and a Content-Security-Policy lets only this page's own
inline style and script run (by hash), so no script or style written in a list can.
The page is built with f-strings: one fixed layout does not need a template engine.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote

from . import __version__
from .model import Diagnostic, Document, Entry, Severity
from .util import plural, shorten

# Pairs: the rules whose findings name another entry in `related`.
PAIR_CODES = frozenset({"AL001", "AL002", "AL202"})
# An embedded figure larger than this is left out: the report has to travel as an artifact.
EMBED_LIMIT = 2 * 1024 * 1024
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.NOTICE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# What the URL parser drops before reading a scheme: tabs and newlines anywhere, C0 controls
# and spaces at both ends ("java\tscript:" is still javascript:).
_URL_IGNORED = str.maketrans("", "", "\t\n\r")
_URL_TRIMMED = "".join(chr(c) for c in range(0x21))


def safe_url(target: str) -> str | None:
    """``target`` normalised when a browser would read it as an http(s) URL or a relative
    path; None for any other scheme (javascript:, data:, vbscript:, file:, ...), for a
    scheme-relative ``//host`` and for a root path."""
    url = target.translate(_URL_IGNORED).strip(_URL_TRIMMED)
    if not url:
        return None
    scheme = _SCHEME.match(url)
    if scheme:
        return url if scheme.group(1).lower() in ("http", "https") else None
    if url[0] in "/\\":  # //host, \\host, or a path from a root this page does not know
        return None
    return url


# Figure types a browser shows and that carry no script, by their leading bytes.
def _sniff(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


@dataclass
class Figure:
    src: str | None  # what goes into <img src>; None when it is not shown
    note: str = ""  # why it is not shown
    link: str | None = None  # a remote figure not shown (--embed-images): linked instead
    missing: bool = False  # a local file the linter found missing (the page says "not found")


class FigureSource:
    """Turns a list's figure targets into ``src`` values: relative to the report's folder,
    or (``embed``) data URIs of regular image files inside the list's folder tree."""

    def __init__(self, report_dir: Path, embed: bool, limit: int = EMBED_LIMIT) -> None:
        self.report_dir = report_dir.absolute()
        self.embed = embed
        self.limit = limit
        self._embedded: dict[tuple[Path, Path], Figure] = {}  # (list folder, file)
        self.remote = 0  # remote figures the page loads from their hosts

    def figure(self, document: Document, target: str) -> Figure:
        url = safe_url(target)
        if url is None:
            return Figure(None, "not shown: neither an http(s) URL nor a relative path")
        if _SCHEME.match(url):
            if self.embed:  # the page makes no request: the figure is a link
                return Figure(None, "remote figure, not loaded (--embed-images)", link=url)
            self.remote += 1
            return Figure(url)
        list_dir = document.path.parent.absolute()
        if self.embed:
            return self._data_uri(list_dir, url)
        prefix = Path(os.path.relpath(list_dir, self.report_dir)).as_posix()
        relative = url[2:] if url.startswith("./") else url
        return Figure(f"{quote(prefix)}/{relative}", missing=not _exists(list_dir, url))

    def _data_uri(self, list_dir: Path, url: str) -> Figure:
        written = re.split(r"[?#]", url, maxsplit=1)[0]
        for candidate in dict.fromkeys((written, unquote(written))):
            try:
                path = (list_dir / candidate).resolve(strict=True)
            except (OSError, RuntimeError):
                continue
            key = (list_dir, path)
            if key not in self._embedded:
                self._embedded[key] = self._read(list_dir, path)
            return self._embedded[key]
        return Figure(None, "not embedded: no such file")

    def _read(self, list_dir: Path, path: Path) -> Figure:
        if not path.is_relative_to(list_dir.resolve()):
            return Figure(None, "not embedded: outside the list's folder")
        too_large = Figure(None, f"not embedded: larger than {self.limit // 1024} KiB")
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                return Figure(None, "not embedded: not a regular file")
            if info.st_size > self.limit:
                return too_large
            with path.open("rb") as stream:  # no more than the limit, even if it grew since
                data = stream.read(self.limit + 1)
        except OSError as error:
            return Figure(None, f"not embedded: {error.strerror or error}")
        if len(data) > self.limit:
            return too_large
        media_type = _sniff(data)
        if media_type is None:
            return Figure(None, "not embedded: not a PNG, JPEG, GIF or WebP image")
        return Figure(f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}")


def _exists(list_dir: Path, url: str) -> bool:
    """Whether a relative figure names a file, as written or percent-decoded."""
    written = re.split(r"[?#]", url, maxsplit=1)[0]
    return any((list_dir / name).exists() for name in dict.fromkeys((written, unquote(written))))


def _github_blob_base() -> str | None:
    """In a GitHub workflow, the web address of the checked-out commit's files."""
    server = os.environ.get("GITHUB_SERVER_URL")
    repository = os.environ.get("GITHUB_REPOSITORY")
    sha = os.environ.get("GITHUB_SHA")
    if server and repository and sha and safe_url(server):
        return f"{server}/{repository}/blob/{sha}/"
    return None


@dataclass
class Card:
    entry: Entry
    anchor: str
    findings: list[Diagnostic] = field(default_factory=list)
    # findings on other cards that name this one as their partner
    named_by: list[tuple[Diagnostic, Card]] = field(default_factory=list)


class _Locator:
    """Finds the card whose entry's span holds a line of a document."""

    def __init__(self, cards: list[Card]) -> None:
        self.cards = sorted(cards, key=lambda card: card.entry.span.line)
        self.starts = [card.entry.span.line for card in self.cards]
        # the furthest line any entry up to each index reaches, so that the search back
        # stops at once even if some list's entries overlapped
        self.reach: list[int] = []
        for card in self.cards:
            self.reach.append(max(card.entry.span.end_line, self.reach[-1] if self.reach else 0))

    def at(self, line: int) -> Card | None:
        index = bisect.bisect_right(self.starts, line) - 1
        while index >= 0 and self.reach[index] >= line:
            span = self.cards[index].entry.span
            if span.line <= line <= span.end_line:
                return self.cards[index]
            index -= 1
        return None


def attach(
    documents: Sequence[Document], diagnostics: Iterable[Diagnostic]
) -> tuple[list[list[Card]], list[Diagnostic], dict[int, Card]]:
    """Cards per document, the findings on no entry, and each pair finding's partner card
    (keyed by the finding's id)."""
    cards = [
        [Card(entry, f"e{number}-{entry.line}") for entry in document.entries]
        for number, document in enumerate(documents)
    ]
    locators = {
        document.display_path: _Locator(doc_cards)
        for document, doc_cards in zip(documents, cards, strict=True)
    }
    loose: list[Diagnostic] = []
    partners: dict[int, Card] = {}
    for diagnostic in diagnostics:
        locator = locators.get(diagnostic.path)
        card = locator.at(diagnostic.span.line) if locator else None
        if card is None:
            loose.append(diagnostic)
            continue
        card.findings.append(diagnostic)
        if diagnostic.code not in PAIR_CODES:
            continue
        for related in diagnostic.related:
            other_locator = locators.get(related.path)
            partner = other_locator.at(related.line) if other_locator else None
            if partner is not None and partner is not card:
                partners[id(diagnostic)] = partner
                partner.named_by.append((diagnostic, card))
                break
    return cards, loose, partners


def gallery(
    documents: Sequence[Document],
    diagnostics: Sequence[Diagnostic],
    *,
    report_dir: Path | None = None,
    embed_images: bool = False,
) -> str:
    """The whole page. ``report_dir`` is the folder the page will be written to: relative
    figures and source links are made relative to it (default: the working directory)."""
    return _Page(documents, diagnostics, report_dir or Path.cwd(), embed_images).render()


class _Page:
    def __init__(
        self,
        documents: Sequence[Document],
        diagnostics: Sequence[Diagnostic],
        report_dir: Path,
        embed_images: bool,
    ) -> None:
        self.documents = documents
        self.diagnostics = diagnostics
        self.report_dir = report_dir.absolute()
        self.figures = FigureSource(report_dir, embed_images)
        self.cards, self.loose, self.partners = attach(documents, diagnostics)
        self.by_display = {document.display_path: document for document in documents}
        self.blob_base = _github_blob_base()
        self.workspace = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).absolute()
        self._figure_lists: dict[int, bool] = {}  # id(document) -> has figures

    # ------------------------------------------------------------------ small pieces

    def source_href(self, display_path: str, line: int) -> str | None:
        """A link to a line of a list: on GitHub in a workflow, else the file itself."""
        document = self.by_display.get(display_path)
        if document is None:
            return None
        path = document.path.absolute()
        if self.blob_base and path.is_relative_to(self.workspace):
            return f"{self.blob_base}{quote(path.relative_to(self.workspace).as_posix())}#L{line}"
        return f"{quote(Path(os.path.relpath(path, self.report_dir)).as_posix())}#L{line}"

    def link_href(self, document: Document, target: str) -> str | None:
        url = safe_url(target)
        if url is None or _SCHEME.match(url):
            return url
        prefix = Path(os.path.relpath(document.path.parent.absolute(), self.report_dir))
        return f"{quote(prefix.as_posix())}/{url[2:] if url.startswith('./') else url}"

    @staticmethod
    def anchor(href: str | None, text: str, css: str = "") -> str:
        """A link that leaves the page, or the plain text when the URL is not safe."""
        cls = f' class="{css}"' if css else ""
        if href is None:
            return f"<span{cls}>{escape(text)}</span>"
        return f'<a{cls} href="{escape(href)}" rel="noopener noreferrer">{escape(text)}</a>'

    def where(self, diagnostic: Diagnostic) -> str:
        text = f"{diagnostic.path}:{diagnostic.span.line}"
        return self.anchor(self.source_href(diagnostic.path, diagnostic.span.line), text, "loc")

    def finding(self, diagnostic: Diagnostic) -> str:
        severity = diagnostic.severity.label
        partner = self.partners.get(id(diagnostic))
        pair = ""
        if partner is not None:
            title = escape(shorten(partner.entry.title or "(no title)"))
            pair = (
                f' <a class="partner" href="#{partner.anchor}" data-partner="{partner.anchor}">'
                f"↔ {title} (line {partner.entry.line})</a>"
            )
        return (
            f'<li class="f {severity}" data-sev="{severity}" data-rule="{diagnostic.code}">'
            f'<span class="code" title="{escape(diagnostic.name)}">{diagnostic.code}</span> '
            f"{escape(diagnostic.message)}{pair}</li>"
        )

    def back_reference(self, diagnostic: Diagnostic, other: Card) -> str:
        severity = diagnostic.severity.label
        title = escape(shorten(other.entry.title or "(no title)"))
        return (
            f'<li class="f back {severity}" data-sev="{severity}" data-rule="{diagnostic.code}">'
            f'<span class="code">{diagnostic.code}</span> named by '
            f'<a class="partner" href="#{other.anchor}" data-partner="{other.anchor}">'
            f"↔ {title} (line {other.entry.line})</a></li>"
        )

    # ------------------------------------------------------------------ the parts

    def _has_figures(self, document: Document) -> bool:
        """Whether the list shows figures at all: a list without any gets no empty boxes."""
        known = self._figure_lists.get(id(document))
        if known is None:
            known = self._figure_lists[id(document)] = any(e.images for e in document.entries)
        return known

    def card(self, document: Document, card: Card) -> str:
        entry = card.entry
        title = entry.title or "(no title)"
        figures = []
        for image in entry.images:
            figure = self.figures.figure(document, image.target)
            if figure.src is None:
                name = escape(image.target)
                if figure.link is not None:
                    name = self.anchor(figure.link, image.target)
                full = escape(f"{image.target} — {figure.note}")
                figures.append(
                    f'<div class="nofig" title="{full}">{name}<br>{escape(figure.note)}</div>'
                )
            else:
                # lazy: a long list's figures load as they scroll into view, not all at once
                missing = ' data-missing=""' if figure.missing else ""
                figures.append(
                    f'<img src="{escape(figure.src)}" alt="{escape(image.text or title)}" '
                    f'loading="lazy" decoding="async" data-target="{escape(image.target)}"'
                    f"{missing}>"
                )
        if not figures and self._has_figures(document):
            figures.append('<div class="nofig">no figure</div>')
        href = self.link_href(document, entry.paper.target) if entry.paper else None
        meta = []
        if entry.year is not None:
            meta.append(f'<span class="year">{entry.year}</span>')
        if entry.arxiv is not None:
            if entry.arxiv.canonical is not None:
                meta.append(
                    self.anchor(
                        f"https://arxiv.org/abs/{quote(entry.arxiv.canonical)}",
                        f"arXiv {entry.arxiv.canonical}",
                        "arxiv",
                    )
                )
            else:
                meta.append(f'<span class="arxiv bad">arXiv {escape(entry.arxiv.raw)}</span>')
        if entry.repo:
            link = entry.repo_link
            repo_href = self.link_href(document, link.target) if link is not None else None
            meta.append(self.anchor(repo_href, entry.repo, "repo"))
        meta.append(
            self.anchor(
                self.source_href(document.display_path, entry.line), f"line {entry.line}", "loc"
            )
        )
        items = [self.finding(d) for d in card.findings]
        items += [self.back_reference(d, other) for d, other in card.named_by]
        findings = f'<ul class="findings">{"".join(items)}</ul>' if items else ""
        worst = max((d.severity for d in card.findings), default=None)
        return (
            f'<article class="card" id="{card.anchor}" data-worst="{worst.label if worst else ""}">'
            + (f'<div class="figs">{"".join(figures)}</div>' if figures else "")
            + '<div class="body">'
            f'<h4 class="title">{self.anchor(href, title)}</h4>'
            f'<p class="meta">{" · ".join(meta)}</p>{findings}</div></article>'
        )

    def document(self, number: int, document: Document) -> str:
        sections: dict[tuple[str, ...], list[Card]] = {}
        for card in self.cards[number]:
            sections.setdefault(card.entry.section, []).append(card)
        parts = [
            f'<section class="doc"><h2>{escape(document.display_path)} '
            f"<small>{plural(len(document.entries), 'entry', 'entries')}</small></h2>"
        ]
        for section, cards in sections.items():
            heading = " › ".join(section) or "(no section)"
            parts.append(
                f'<section class="sec"><h3>{escape(heading)}</h3><div class="grid">'
                + "".join(self.card(document, card) for card in cards)
                + "</div></section>"
            )
        parts.append("</section>")
        return "".join(parts)

    def loose_findings(self) -> str:
        if not self.loose:
            return ""
        rows = "".join(
            f'<tr class="f {d.severity.label}" data-sev="{d.severity.label}" '
            f'data-rule="{d.code}"><td>{self.where(d)}</td>'
            f'<td><span class="code" title="{escape(d.name)}">{d.code}</span></td>'
            f"<td>{d.severity.label}</td><td>{escape(d.message)}</td></tr>"
            for d in sorted(self.loose, key=Diagnostic.sort_key)
        )
        return (
            f'<section id="loose"><h2>Findings outside entries <small>{len(self.loose)}</small>'
            f"</h2><p>Tables of contents, table shapes, headings and content that is not an "
            f"entry.</p><table><thead><tr><th>where</th><th>rule</th><th>severity</th>"
            f"<th>message</th></tr></thead><tbody>{rows}</tbody></table></section>"
        )

    def header(self) -> str:
        severities = Counter(d.severity for d in self.diagnostics)
        rules = Counter(d.code for d in self.diagnostics)
        entries = sum(len(document.entries) for document in self.documents)
        files = "".join(f"<li>{escape(d.display_path)}</li>" for d in self.documents)
        severity_boxes = "".join(
            f'<label class="chip {s.label}"><input type="checkbox" data-filter="sev" '
            f'value="{s.label}" checked> {plural(severities[s], s.label)}</label>'
            for s in _SEVERITIES
        )
        names = {d.code: d.name for d in self.diagnostics}
        rule_boxes = "".join(
            f'<label class="chip" title="{escape(names[code])}">'
            f'<input type="checkbox" data-filter="rule" value="{escape(code)}" checked> '
            f"{escape(code)} <small>{count}</small></label>"
            for code, count in sorted(rules.items())
        )
        loose = f' · <a href="#loose">{len(self.loose)} not on an entry</a>' if self.loose else ""
        remote = self.figures.remote
        where = (
            f'<p class="note">Remote figures ({remote} on this page) load from their hosts '
            f"when the page is opened; --embed-images makes a page that requests nothing.</p>"
            if remote
            else ""
        )
        return (
            f"<header><h1>awesome-lint report</h1>"
            f'<p class="stats">{plural(len(self.documents), "file")} · '
            f"{plural(entries, 'entry', 'entries')} · "
            f"{plural(len(self.diagnostics), 'finding')}{loose}</p>"
            f'<ul class="files">{files}</ul>{where}</header>'
            f'<form id="filters"><span class="label">Show</span>{severity_boxes}'
            f'<span class="sep"></span>{rule_boxes}<span class="sep"></span>'
            f'<label class="chip"><input type="checkbox" id="only-findings"> '
            f"only entries with findings</label></form>"
        )

    def render(self) -> str:
        documents = "".join(self.document(n, d) for n, d in enumerate(self.documents))
        body = (
            self.header()  # after the cards: it counts their remote figures
            + "<main>"
            + self.loose_findings()
            + documents
            + f"</main><footer>awesome-lint {escape(__version__)}</footer>"
        )
        # embedded: figures are data URIs and the page requests nothing at all
        images = "data:" if self.figures.embed else "'self' file: data: http: https:"
        policy = (
            f"default-src 'none'; img-src {images}; "
            f"style-src '{_digest(_STYLE)}'; script-src '{_digest(_SCRIPT)}'; "
            "base-uri 'none'; form-action 'none'"
        )
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            '<meta name="referrer" content="no-referrer">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>awesome-lint report</title><style>{_STYLE}</style></head>"
            f"<body>{body}<script>{_SCRIPT}</script></body></html>\n"
        )


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


_STYLE = """
:root{--bg:#f6f7f9;--card:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;
--error:#cf222e;--warning:#9a6700;--notice:#0969da;--pair:#8250df}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--fg:#e6edf3;
--muted:#9198a1;--line:#3d444d;--error:#ff7b72;--warning:#d29922;--notice:#4493f8;
--pair:#ab7df8}}
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;
background:var(--bg);color:var(--fg)}
a{color:var(--notice)}header{padding:16px 24px 4px}h1{margin:0 0 4px;font-size:22px}
.stats{margin:0;color:var(--muted)}.files{margin:4px 0 0;padding-left:18px;color:var(--muted)}
#filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:6px;
align-items:center;padding:8px 24px;background:var(--bg);border-bottom:1px solid var(--line)}
#filters .label{font-weight:600}.sep{width:12px}
.chip{border:1px solid var(--line);border-radius:12px;padding:1px 8px;background:var(--card);
cursor:pointer;white-space:nowrap}.chip small{color:var(--muted)}
.chip.error{border-color:var(--error)}.chip.warning{border-color:var(--warning)}
.chip.notice{border-color:var(--notice)}
main{padding:0 24px 24px}h2{font-size:18px;margin:20px 0 4px}h2 small{color:var(--muted);
font-weight:400}h3{font-size:15px;margin:18px 0 8px;color:var(--muted)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:12px}
.sec{content-visibility:auto;contain-intrinsic-size:auto 600px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden;
display:flex;flex-direction:column;scroll-margin-top:120px}
.card[data-worst=error]{border-left:4px solid var(--error)}
.card[data-worst=warning]{border-left:4px solid var(--warning)}
.card[data-worst=notice]{border-left:4px solid var(--notice)}
.card:target,.card.hl{outline:3px solid var(--pair);outline-offset:2px}
.card:target{animation:flash 1.2s ease-out}
@keyframes flash{from{box-shadow:0 0 0 12px var(--pair)}to{box-shadow:0 0 0 0 transparent}}
.figs{display:flex;gap:4px;height:170px;background:#fff;border-bottom:1px solid var(--line);
overflow:hidden}
.figs img{flex:1;min-width:0;height:100%;object-fit:contain}
.nofig{flex:1;min-width:0;display:flex;flex-direction:column;align-items:center;
justify-content:center;text-align:center;color:var(--muted);font-style:italic;padding:6px;
overflow:hidden;overflow-wrap:anywhere;font-size:12px;background:var(--bg)}
.note{margin:4px 0 0;color:var(--muted)}
.body{padding:8px 10px}.title{margin:0 0 4px;font-size:14px;overflow-wrap:anywhere}
.title a{color:var(--fg)}.meta{margin:0;color:var(--muted);font-size:12px}
.meta a{color:var(--muted)}.bad{color:var(--error)}
.findings{list-style:none;margin:6px 0 0;padding:0}
.f{border-left:3px solid;padding:2px 6px;margin-top:4px;font-size:12.5px;overflow-wrap:anywhere}
li.error{border-color:var(--error)}li.warning{border-color:var(--warning)}
li.notice{border-color:var(--notice)}li.back{border-left-style:dashed}
.code{font-weight:700;font-family:ui-monospace,monospace;white-space:nowrap}
.error .code{color:var(--error)}.warning .code{color:var(--warning)}
.notice .code{color:var(--notice)}.partner{color:var(--pair);font-weight:600}
#loose table{border-collapse:collapse;width:100%;background:var(--card)}
#loose td,#loose th{border:1px solid var(--line);padding:3px 6px;text-align:left;
vertical-align:top}#loose tr.f{border-left:0}
footer{padding:12px 24px;color:var(--muted);font-size:12px}
"""

_SCRIPT = """
(function () {
  "use strict";
  var rank = {notice: 1, warning: 2, error: 3};
  var form = document.getElementById("filters");
  var only = document.getElementById("only-findings");
  // found once: the findings with their cards, every card, the sections; a filter change
  // then touches only what changes (a 5,000-entry page stays quick to filter)
  var items = Array.prototype.map.call(document.querySelectorAll(".f[data-sev]"),
    function (item) { return {item: item, card: item.closest(".card")}; });
  var cards = document.querySelectorAll(".card");
  var flagged = Array.from(new Set(items.map(function (found) { return found.card; })
    .filter(function (card) { return card; })));
  function show(element, visible) {
    if (element.hidden === visible) element.hidden = !visible;
  }
  function apply() {
    var off = {};
    form.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (!box.checked) off[box.getAttribute("data-filter") + ":" + box.value] = true;
    });
    var worst = new Map(), shown = new Set();
    items.forEach(function (found) {
      var item = found.item;
      var visible = !(off["sev:" + item.getAttribute("data-sev")] ||
        off["rule:" + item.getAttribute("data-rule")]);
      show(item, visible);
      if (!visible || !found.card) return;
      shown.add(found.card);
      if (!item.classList.contains("back")) {
        var level = rank[item.getAttribute("data-sev")] || 0;
        worst.set(found.card, Math.max(worst.get(found.card) || 0, level));
      }
    });
    flagged.forEach(function (card) {
      var label = ["", "notice", "warning", "error"][worst.get(card) || 0];
      if (card.getAttribute("data-worst") !== label) card.setAttribute("data-worst", label);
    });
    cards.forEach(function (card) { show(card, !only.checked || shown.has(card)); });
    document.querySelectorAll("section.sec").forEach(function (section) {
      show(section, !only.checked || !!section.querySelector(".card:not([hidden])"));
    });
    var loose = document.getElementById("loose");
    if (loose) show(loose, !!loose.querySelector("tr.f:not([hidden])"));
  }
  form.addEventListener("change", apply);
  // what the page was rendered with needs no pass over every card (a browser restoring the
  // boxes' state on "back" gets one)
  function changed() {
    if (only.checked) return true;
    return Array.prototype.some.call(form.querySelectorAll("input[data-filter]"),
      function (box) { return !box.checked; });
  }
  // a figure that does not load says so in words: "not found" when the linter found no
  // such file, else "not loaded" (the browser could not load it: offline, blocked, moved)
  function broken(img) {
    if (img.hidden) return;
    var note = document.createElement("div");
    note.className = "nofig";
    note.textContent = img.getAttribute("data-target") +
      (img.hasAttribute("data-missing") ? " — not found" : " — not loaded");
    note.title = note.textContent;
    img.hidden = true;
    img.parentNode.insertBefore(note, img);
  }
  document.querySelectorAll(".figs img").forEach(function (img) {
    if (img.complete && !img.naturalWidth) broken(img);
    else img.addEventListener("error", function () { broken(img); });
  });
  document.querySelectorAll("a.partner").forEach(function (link) {
    var target = document.getElementById(link.getAttribute("data-partner"));
    if (!target) return;
    link.addEventListener("mouseenter", function () { target.classList.add("hl"); });
    link.addEventListener("mouseleave", function () { target.classList.remove("hl"); });
  });
  if (changed()) apply();
})();
"""
