"""The base of onestop's enumerations: an unknown value raises onestop's own error."""

from __future__ import annotations

import enum
from typing import Any

from onestop._shown import shown
from onestop.exceptions import UsageError

__all__ = [
    "Enumeration",
]


class _Lookup(enum.EnumType):
    """Looks a value up before :mod:`enum` does, which names it with ``%r`` when unknown.

    ``enum`` builds its :class:`ValueError` (``"<value>" is not a valid ...``) even when
    ``_missing_`` raises another error, and ``repr`` of a value nested past the recursion
    limit, or of an integer past the int-to-text limit, fails there. A lookup by value
    (``Channel("online")``) is answered here; anything else goes to ``enum`` as usual.
    """

    def __call__(cls, value: object, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        """The member whose value is ``value``; an unknown value raises UsageError."""
        if args or kwargs or not cls._member_map_:  # the functional API, or no members
            return super().__call__(value, *args, **kwargs)
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):  # unknown, or unhashable
            pass
        found = cls._missing_(value)  # type: ignore[attr-defined]
        if isinstance(found, cls):
            return found
        raise UsageError(f"{shown(value)} is not a {cls.__name__}")  # pragma: no cover


class Enumeration(enum.Enum, metaclass=_Lookup):
    """An :class:`enum.Enum` whose lookup of an unknown value names the accepted ones.

    Members hash by identity, in C: a member equals only itself (``enum.Enum`` compares
    by identity), and the folding of histories looks statuses up in tables for every
    event, where ``enum.Enum``'s hash of the member's name, written in Python, showed.
    """

    __hash__ = object.__hash__

    @classmethod
    def _missing_(cls, value: object) -> None:
        accepted = ", ".join(repr(member.value) for member in cls)
        raise UsageError(f"{shown(value)} is not a {cls.__name__}; accepted: {accepted}")
