"""What a rule may read besides the Document: its options and pre-gathered facts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..files import FileFacts

if TYPE_CHECKING:
    from ..network_stage import NetworkFacts


@dataclass(frozen=True, slots=True)
class RuleContext:
    options: Mapping[str, Any] = field(default_factory=dict)
    files: FileFacts = field(default_factory=FileFacts)
    years_order: str = "infer"  # "ascending", "descending" or "infer" (per table)
    network: NetworkFacts | None = None  # None on an offline run
