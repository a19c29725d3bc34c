"""What a rule may read besides the Document: its options and the facts gathered for it.

A rule module declares what it reads beyond the document and its options in ``NEEDS``;
the engine gathers only what some enabled rule needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..files import FileFacts
from ..model import Entry

if TYPE_CHECKING:
    from ..network_stage import NetworkFacts
    from ..suppress import Outcome

# What the network stage finds (``NetworkFacts``), for a rule to name in its NEEDS.
NETWORK_FACTS = frozenset({"links", "arxiv", "repos", "arxiv_search"})


@dataclass(frozen=True, slots=True)
class RuleContext:
    # the rule's options: the catalog's defaults with the config's values over them
    options: Mapping[str, Any] = field(default_factory=dict)
    files: FileFacts = field(default_factory=FileFacts)  # local files the documents name
    years_order: str = "infer"  # "ascending", "descending" or "infer" (per table)
    # NEEDS "links", "arxiv" or "repos": what the network said; None on an offline run
    network: NetworkFacts | None = None
    # NEEDS "reasons": checks of this run that could not run (the network, a git base)
    reasons: Sequence[str] = ()
    # NEEDS "suppressions": what the document's suppression comments did with the other
    # rules' findings (the engine runs such a rule after them)
    suppressions: Outcome | None = None


def titles_trusted(*entries: Entry) -> bool:
    """Whether a finding that rests on these entries' titles may be an error or a
    warning: every title was read where the reader is sure a title is (issue 16's
    ``title_confident``) and understood. Otherwise such a finding is a notice at most."""
    return all(entry.title_confident and entry.title_understood for entry in entries)
