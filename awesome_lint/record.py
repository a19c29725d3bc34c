"""Field-wise ``==`` and ``repr`` for dataclasses, written once for all of them.

``@dataclass`` writes an ``__eq__`` and a ``__repr__`` for each class as the class is
created, compiling their source every time the program starts: for the ~60 classes a
lint imports, that is a tenth of a small file's whole run. A class declared
``@dataclass(eq=False, repr=False)`` that derives from ``Record`` gets the same two
methods from here instead, reading the fields when called. Only for classes that are
not frozen: a frozen dataclass's hash comes from the ``__eq__`` dataclass writes.
"""

from __future__ import annotations

import reprlib
from dataclasses import fields
from typing import Any

# class -> the names of its fields that ``==`` compares, in declaration order
_COMPARED: dict[type, tuple[str, ...]] = {}


def _compared_names(cls: type) -> tuple[str, ...]:
    names = _COMPARED.get(cls)
    if names is None:
        names = _COMPARED[cls] = tuple(f.name for f in fields(cls) if f.compare)
    return names


class Record:
    """What ``@dataclass`` (``eq=True, repr=True``) would write, shared by every class."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        # as dataclass's: equal when of the very same class and the compared fields agree
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _compared(self) == _compared(other)  # tuples, as dataclass compares

    # an __eq__ without a __hash__: unhashable, as a mutable dataclass with eq=True is
    __hash__ = None  # type: ignore[assignment]

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{self.__class__.__qualname__}({shown})"


def _compared(instance: Any) -> tuple[Any, ...]:
    return tuple(getattr(instance, name) for name in _compared_names(instance.__class__))
