"""The base of onestop's enumerations: an unknown value raises onestop's own error."""

from __future__ import annotations

import enum

from onestop.exceptions import UsageError

__all__ = [
    "Enumeration",
]


class Enumeration(enum.Enum):
    """An :class:`enum.Enum` whose lookup of an unknown value names the accepted ones.

    Members hash by identity, in C: a member equals only itself (``enum.Enum`` compares
    by identity), and the folding of histories looks statuses up in tables for every
    event, where ``enum.Enum``'s hash of the member's name, written in Python, showed.
    """

    __hash__ = object.__hash__

    @classmethod
    def _missing_(cls, value: object) -> None:
        accepted = ", ".join(repr(member.value) for member in cls)
        raise UsageError(f"{value!r} is not a {cls.__name__}; accepted: {accepted}")
