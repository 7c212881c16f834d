"""A directory of agencies that keeps history: who handles an old agency's work now.

Provinces and communes merged on 1 July 2025 and district agencies ended; an old
dossier keeps the agency that received it, and the directory answers which agency
carries its work on any later date by following ``successor`` links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._validators import to_tuple
from onestop.domain.model._agency import Agency
from onestop.exceptions import InvalidAgencyError
from onestop.exceptions import UnknownAgencyError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

__all__ = ["AgencyDirectory"]


def _agencies(value: Iterable[Agency]) -> tuple[Agency, ...]:
    """Normalise to a tuple ordered by code (trivial conversion)."""
    items = to_tuple(value, InvalidAgencyError)
    for item in items:
        if not isinstance(item, Agency):
            raise InvalidAgencyError(f"a directory holds Agency values, got {shown(item)}")
    return tuple(sorted(items, key=lambda agency: agency.code))


def _unique(_: object, __: attrs.Attribute[Any], value: tuple[Agency, ...]) -> None:
    codes = [agency.code for agency in value]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise InvalidAgencyError(f"agency codes appear twice: {', '.join(duplicates)}")


@attrs.frozen
class AgencyDirectory:
    """Agencies by code, with their history.

    .. versionadded:: 0.1
    """

    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=_agencies, validator=_unique)

    def get(self, code: str) -> Agency:
        """The agency with ``code``, whether or not it still exists.

        :raises UnknownAgencyError: when the directory has no such code.
        """
        for agency in self.agencies:
            if agency.code == code:
                return agency
        raise UnknownAgencyError(f"no agency {shown(code)} in this directory")

    def in_charge(self, code: str, on: date) -> Agency:
        """The agency carrying ``code``'s work on ``on``: itself, or its successor's chain.

        :raises UnknownAgencyError: when the chain ends before ``on`` or loops.
        """
        agency = self.get(code)
        seen = {agency.code}
        while not agency.validity.covers(on):
            if agency.successor is None:
                raise UnknownAgencyError(
                    f"agency {agency.code} ({agency.name}) does not exist on {on} and names "
                    "no successor"
                )
            agency = self.get(agency.successor)
            if agency.code in seen:
                raise UnknownAgencyError(f"the successors of {code} form a loop")
            seen.add(agency.code)
        return agency

    def children(self, code: str, on: date | None = None) -> tuple[Agency, ...]:
        """The agencies whose parent is ``code`` (existing on ``on``, if given)."""
        return tuple(
            a for a in self.agencies if a.parent == code and (on is None or a.validity.covers(on))
        )
