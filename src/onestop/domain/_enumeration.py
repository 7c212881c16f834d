"""The base of onestop's enumerations: an unknown value raises onestop's own error."""

from __future__ import annotations

import enum

from onestop.exceptions import UsageError


class Enumeration(enum.Enum):
    """An :class:`enum.Enum` whose lookup of an unknown value names the accepted ones."""

    @classmethod
    def _missing_(cls, value: object) -> None:
        accepted = ", ".join(repr(member.value) for member in cls)
        raise UsageError(f"{value!r} is not a {cls.__name__}; accepted: {accepted}")
