"""An in-memory source of dossier running numbers, for tests and single-process tools."""

from __future__ import annotations

from datetime import date

import attrs

from onestop._shown import shown
from onestop.domain.model._agency import check_agency_code
from onestop.exceptions import DossierError

__all__ = ["InMemorySequence"]


@attrs.define
class InMemorySequence:
    """A :class:`~onestop.SequenceSource` held in memory; storage plugins persist theirs.

    .. versionchanged:: 0.2
       Moved here from the domain: it is a test double, not part of the model.
    """

    counters: dict[tuple[str, date], int] = attrs.field(factory=dict)

    def next(self, agency: str, day: date) -> int:
        """The next running number for ``agency`` on ``day``, starting at 1.

        :raises InvalidAgencyError: when ``agency`` is not an agency code.
        :raises DossierError: when ``day`` is not a date.
        """
        check_agency_code(agency)
        if type(day) is not date:
            raise DossierError(f"running numbers are counted per date, got {shown(day)}")
        number = self.counters.get((agency, day), 0) + 1
        self.counters[(agency, day)] = number
        return number
