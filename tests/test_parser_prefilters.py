"""The parser's speed-ups of issue 16 (third round) keep behaviour: a pattern given a
lookahead on its first character finds what it found without one, and the title checks
that skip a pattern where its first or last character cannot be answer as the patterns
asked unconditionally would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint import dates
from awesome_lint.parser import fields, titlecheck
from awesome_lint.parser.fields import clean

# pieces of dates, titles, tags, author lists and marks, and characters the prefilters
# test for (brackets, " :", ", 19", a leading digit or "a", an emoji, a dotless ſ)
_PIECES = st.sampled_from(
    [
        *"aAeEtT lxz09,.;:()[]【】（）\"'*_`-–—|\n\t\u00a0🌟\u200d\ufe0fſ",
        *("et al", ", 2020", ", 19", "arXiv ", "2309.00267 ", "Smith, J.", "J. Smith"),
        *("Jane Doe", "(CVPR 2021)", "[2023.05]", " :fire:", "Paper", "Fig. 3", "Sept"),
        *("25 Aug 2022", "2024-05"),
    ]
)
_TEXT = st.lists(_PIECES, max_size=14).map("".join)


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``(?=[…])(?:body)`` -> ``body``, compiled with the same flags."""
    source = pattern.pattern
    assert source.startswith("(?=[") and source.endswith(")")
    body = source[source.index("])") + 2 :]
    assert body.startswith("(?:")
    return re.compile(body[3:-1], pattern.flags)


_PLAIN_DATE = _without_lookahead(dates._DATE)
_PLAIN_BREAK = _without_lookahead(fields._SENTENCE_BREAK)


def _matches(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(match.span(), match.groupdict()) for match in pattern.finditer(text)]


def _drop_tags_unfiltered(text: str) -> str:
    """``titlecheck.drop_tags`` as it was, every pattern asked of every text."""
    cut = titlecheck._CLOSED_TAG_HEAD.sub("", titlecheck._ID_HEAD.sub("", text, count=1), count=1)
    cut = titlecheck._MARK_TAIL.sub("", titlecheck._without_tag_tail(cut)).strip()
    year_tail = titlecheck._YEAR_TAIL.search(cut)
    if year_tail is not None and not titlecheck.authors_in_front(cut):
        cut = cut[: year_tail.start()].strip()
    if cut == text or len(re.findall(r"[^\W\d_]", cut)) < 2:
        return text
    return cut


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(_TEXT)
def test_lookaheads_change_no_match(text: str) -> None:
    assert _matches(dates._DATE, text) == _matches(_PLAIN_DATE, text)
    assert bool(dates._DATE.fullmatch(text)) == bool(_PLAIN_DATE.fullmatch(text))
    assert fields._SENTENCE_BREAK.split(text, maxsplit=1) == _PLAIN_BREAK.split(text, maxsplit=1)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(_TEXT)
def test_title_checks_skip_only_what_cannot_match(text: str) -> None:
    cleaned = clean(text)
    assert titlecheck._has_tag_tail(cleaned) == bool(titlecheck._TAG_TAIL.search(cleaned))
    for written in (text, cleaned):
        assert titlecheck.drop_tags(written) == _drop_tags_unfiltered(written)


def test_the_prefilters_still_find_their_cases() -> None:
    assert titlecheck.drop_tags("[CVPR 2021] Deep Residual Learning 🌟") == "Deep Residual Learning"
    assert titlecheck.drop_tags("2309.00267 RLAIF: Scaling Feedback") == "RLAIF: Scaling Feedback"
    assert titlecheck.drop_tags("Title of the Work, TETCI, 2018") == "Title of the Work"
    assert titlecheck.why_not_title("Graph Learning Revisited (reg") == "tag remnant"
    assert titlecheck.why_not_title("Graphs for Everyone :star:") == "tag remnant"
    assert titlecheck.why_not_title("A Study of Things, Jane Doe et al") == "byline"
    assert titlecheck.why_not_title("Paper (Low Resolution)") == "link label"
    assert [found.key for found in dates.find_dates("] 25 Aug 2022, ſep 2020")] == [
        (2022, 8, 25),
        (2020, 9),
    ]
