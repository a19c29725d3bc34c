"""markdown-it's rule chains dispatched by first character give the very tokens of the
chains as markdown-it runs them (parser/rule_dispatch.py): on every corpus list, every
fixture, every hostile input, a sample of every construct, and random markdown."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from helpers import CORPUS, ROOT, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from awesome_lint.parser.markdown import POSITION, configured_markdown

sys.path.insert(0, str(ROOT / "fixtures"))
from hostile import FAMILIES, RULE_CASES, hostile_list

DISPATCHED = configured_markdown()
AS_MARKDOWN_IT_RUNS_THEM = configured_markdown(dispatch=False)

EVERY_CONSTRUCT = """\
Setext heading
==============

Another one
---

# ATX heading #
  ## indented heading

> a quote with a list
> - item one
>   continued
> 1. ordered
>
> ```python
> fenced in a quote
> ```

- item
    - nested four spaces
\t- tab indented
+ plus item
* star item
2) ordered from two
3. ordered dot
   text under it
paragraph interrupted by
1. a list that starts at one
paragraph not interrupted by
2. a list from two
-\x20
***
___
- - -

    indented code
    more code

~~~
tilde fence
~~~

[ref]: https://example.org "Title"
[ref2]:
  <https://example.org/2>

<div>
html *block*
</div>

<!-- a comment -->
text after a comment

| a | b |
|---|:-:|
| [x](https://x.org) | `code` |
| \\| escaped | ![i](i.png) |

A paragraph with *emphasis*, __strong__, `code`, <span>html</span>, &amp; &#35; &copy;
and an autolink <https://auto.link> and <mail@example.org>, a [link](<a b> "t"), an
![image](x.png 'y'), a [reference][ref], [ref2] and [[Paper](https://arxiv.org/abs/2101.00001)]
with a hard break\x20\x20
and another\\
line, ~~strike~~, a * lone star, _under_score_, [unclosed, ![unclosed, <unclosed
https://bare.example.org/x and **bold [link](https://y.org)** end.

```
an unclosed fence
"""


def _tokens(md: MarkdownIt, source: str) -> list[Any]:
    return _flat(md.parse(source))


def _flat(tokens: list[Token]) -> list[Any]:
    flat: list[Any] = []
    for token in tokens:
        flat.append(
            (
                token.type,
                token.tag,
                token.nesting,
                token.map,
                token.content,
                token.markup,
                token.info,
                sorted(token.attrs.items()),
                token.level,
                token.block,
                token.hidden,
                token.meta.get(POSITION),
            )
        )
        flat.extend(_flat(token.children or []))
    return flat


def _agree(source: str) -> None:
    assert _tokens(DISPATCHED, source) == _tokens(AS_MARKDOWN_IT_RUNS_THEM, source)


def test_every_construct_parses_alike() -> None:
    _agree(EVERY_CONSTRUCT)
    # the sample reaches every rule
    kinds = {token[0] for token in _tokens(DISPATCHED, EVERY_CONSTRUCT)}
    for kind in (
        "heading_open", "blockquote_open", "bullet_list_open", "ordered_list_open", "hr",
        "code_block", "fence", "html_block", "table_open", "em_open", "strong_open",
        "code_inline", "html_inline", "link_open", "image", "hardbreak", "softbreak",
    ):  # fmt: skip
        assert kind in kinds, kind


def test_every_fixture_parses_alike() -> None:
    sources = sorted((ROOT / "fixtures").rglob("*.md"))
    assert len(sources) > 10
    for path in sources:
        _agree(path.read_text(encoding="utf-8", errors="replace"))


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not here")
def test_every_corpus_list_parses_alike() -> None:
    sources = [SHARED / "seed" / "README.md", *sorted(CORPUS.glob("*/README.md"))]
    for path in sources:
        _agree(path.read_text(encoding="utf-8"))


def test_every_hostile_input_parses_alike() -> None:
    for family in FAMILIES:
        _agree(hostile_list(family, 300))
    for _, build, _ in RULE_CASES.values():
        _agree(build(60))


# the characters block and inline rules look at first, and some they do not
_PIECES = st.sampled_from(
    [*"#>-*+_`~<[]!&\\|:=0123456789 \t\na(é", "\n\n", "    ", "1. ", "- ", "```", "<div>"]
)


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_random_markdown_parses_alike(source: str) -> None:
    _agree(source)
