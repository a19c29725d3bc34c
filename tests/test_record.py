"""``Record`` gives dataclasses the ``==`` and ``repr`` that ``@dataclass`` would write."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from awesome_lint.model import Entry, Link, Span
from awesome_lint.record import Record


@dataclass
class Written:
    name: str
    count: int = 0
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@dataclass(eq=False, repr=False, slots=True)
class Shared(Record):
    name: str
    count: int = 0
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@dataclass(eq=False, repr=False)
class Other(Record):
    name: str
    count: int = 0
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("a", 1, ["x"], "n"), ("a", 1, ["x"], "m")),  # a field not compared differs
        (("a", 1, ["x"], ""), ("a", 2, ["x"], "")),
        (("a", 1, ["x"], ""), ("a", 1, ["y"], "")),
        (("a", 1, [], ""), ("b", 1, [], "")),
    ],
)
def test_equality_is_dataclass_equality(left: tuple, right: tuple) -> None:
    assert (Shared(*left) == Shared(*right)) == (Written(*left) == Written(*right))
    assert (Shared(*left) != Shared(*right)) == (Written(*left) != Written(*right))


def test_another_class_is_never_equal() -> None:
    assert Shared("a") != Other("a")
    assert Shared("a") != ("a", 0, [])
    assert Shared("a") == Shared("a")


def test_repr_is_dataclass_repr() -> None:
    shared, written = Shared("a", 2, ["t"], "hidden"), Written("a", 2, ["t"], "hidden")
    assert repr(shared) == repr(written).replace("Written(", "Shared(", 1)
    assert "hidden" not in repr(shared)


def test_a_record_is_unhashable_as_a_mutable_dataclass_is() -> None:
    with pytest.raises(TypeError):
        hash(Shared("a"))
    with pytest.raises(TypeError):
        hash(Written("a"))


def test_a_cycle_is_shown_once() -> None:
    holder = Other("a", tags=[])
    holder.tags.append(holder)  # type: ignore[arg-type]
    assert repr(holder) == "Other(name='a', count=0, tags=[...])"


def test_model_classes_compare_and_show_their_fields() -> None:
    span = Span(1, 1, 1, 5)
    one = Link(kind="link", text="Paper", target="https://arxiv.org/abs/2101.00001", span=span)
    two = Link(kind="link", text="Paper", target="https://arxiv.org/abs/2101.00001", span=span)
    assert one == two and one is not two
    two.text = "Code"
    assert one != two
    assert repr(one).startswith("Link(kind='link', text='Paper', target=")
    assert Entry.__eq__ is Record.__eq__
