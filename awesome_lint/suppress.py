"""Inline suppression comments, modelled on markdownlint's:

``<!-- awesome-lint-disable[-line|-next-line|-file] [CODES] -->``,
``<!-- awesome-lint-enable [CODES] -->``, ``-capture`` / ``-restore``.
A range comment takes effect from its own line. No codes means every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .model import Diagnostic, Suppression
from .record import Record

RANGE_KINDS = ("disable", "enable", "capture", "restore")


@dataclass(eq=False, repr=False, slots=True)
class _State(Record):
    """The suppressions in force at a point of the file."""

    everything: Suppression | None = None  # a bare "disable" in force
    codes: dict[str, Suppression] = field(default_factory=dict)
    exempt: set[str] = field(default_factory=set)  # re-enabled under a bare "disable"

    def copy(self) -> _State:
        return _State(self.everything, dict(self.codes), set(self.exempt))

    def apply(self, comment: Suppression, codes: frozenset[str], stack: list[_State]) -> _State:
        if comment.kind == "capture":
            stack.append(self.copy())
        elif comment.kind == "restore":
            return stack.pop() if stack else _State()
        elif comment.kind == "disable":
            if not codes:
                return _State(everything=comment)
            for code in codes:
                self.codes[code] = comment
                self.exempt.discard(code)
        elif comment.kind == "enable":
            if not codes:
                return _State()
            for code in codes:
                self.codes.pop(code, None)
                if self.everything is not None:
                    self.exempt.add(code)
        return self

    def holder(self, code: str) -> Suppression | None:
        if code in self.codes:
            return self.codes[code]
        if self.everything is not None and code not in self.exempt:
            return self.everything
        return None


@dataclass(eq=False, repr=False, slots=True)
class Outcome(Record):
    """Diagnostics left after the suppressions, and the suppressions that did nothing."""

    kept: list[Diagnostic]
    unused: list[Suppression]
    unknown: list[tuple[Suppression, str]]


def apply(
    diagnostics: Iterable[Diagnostic],
    suppressions: list[Suppression],
    resolve: Callable[[str], list[str]],
) -> Outcome:
    """Drop suppressed diagnostics; report comments that hid nothing or name no rule.

    ``resolve`` maps a code, prefix or name to codes and raises KeyError when unknown.
    """
    unknown: list[tuple[Suppression, str]] = []
    codes_of: dict[int, frozenset[str]] = {}
    for comment in suppressions:
        resolved: set[str] = set()
        for token in comment.codes:
            try:
                resolved.update(resolve(token))
            except KeyError:
                unknown.append((comment, token))
        codes_of[id(comment)] = frozenset(resolved)

    def matches(comment: Suppression, code: str) -> bool:
        codes = codes_of[id(comment)]
        # a comment naming only unknown codes suppresses nothing
        return code in codes if comment.codes else True

    whole_file = [c for c in suppressions if c.kind == "disable-file"]
    by_line: dict[int, list[Suppression]] = {}
    for comment in suppressions:
        if comment.kind == "disable-line":
            by_line.setdefault(comment.line, []).append(comment)
        elif comment.kind == "disable-next-line":
            by_line.setdefault(comment.line + 1, []).append(comment)
    ranges = sorted((c for c in suppressions if c.kind in RANGE_KINDS), key=lambda c: c.line)
    used: set[int] = set()
    kept: list[Diagnostic] = []
    state, stack, next_range = _State(), [], 0
    for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
        line, code = diagnostic.span.line, diagnostic.code
        while next_range < len(ranges) and ranges[next_range].line <= line:
            comment = ranges[next_range]
            next_range += 1
            if comment.codes and not codes_of[id(comment)]:
                continue  # names only unknown rules: reported, otherwise ignored
            state = state.apply(comment, codes_of[id(comment)], stack)
        holder = next((c for c in whole_file if matches(c, code)), None)
        if holder is None:
            holder = next((c for c in by_line.get(line, ()) if matches(c, code)), None)
        if holder is None:
            holder = state.holder(code)
        if holder is None:
            kept.append(diagnostic)
        else:
            used.add(id(holder))
    unused = [
        comment
        for comment in suppressions
        if comment.kind not in ("enable", "capture", "restore")
        and id(comment) not in used
        and (not comment.codes or codes_of[id(comment)])
    ]
    return Outcome(kept, unused, unknown)
