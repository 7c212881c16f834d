"""Dossier codes: ``<agency code>-<YYMMDD>-<sequence>``, assigned once, at reception.

Circular 01/2018/TT-VPCP sets the structure: the receiving agency's identification
code, the receipt date as YYMMDD and the day's running number, e.g.
``000.00.12.H38-240315-0001``. The running number comes from a
:class:`SequenceSource`; storage plugins provide a persistent one, and
:class:`onestop.testing.InMemorySequence` serves tests.

References:
    * Circular 01/2018/TT-VPCP (dossier code); Circular 03/2025/TT-VPCP re-specifies
      coding (exact structure unconfirmed; the 2018 structure is the default).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol

import attrs

from onestop._shown import shown
from onestop.domain.model._agency import check_agency_code
from onestop.exceptions import DossierError

__all__ = ["DossierCode", "SequenceSource"]

_CODE = re.compile(r"^(?P<agency>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?P<day>\d{6})-(?P<seq>\d{4,5})$")


@attrs.frozen
class DossierCode:
    """A dossier's code, e.g. ``000.00.12.H38-240315-0001``.

    :param agency: the receiving agency's identification code.
    :param day: the receipt date.
    :param sequence: the day's running number at that agency (from 1).
    """

    agency: str
    day: date
    sequence: int

    def __attrs_post_init__(self) -> None:
        """Check the parts."""
        check_agency_code(self.agency)
        if type(self.day) is not date:
            raise DossierError(f"a dossier code's day is a date, got {shown(self.day)}")
        if type(self.sequence) is not int or not 1 <= self.sequence <= 99_999:
            raise DossierError(f"a dossier code's sequence is 1..99999, got {shown(self.sequence)}")

    @classmethod
    def parse(cls, text: str) -> DossierCode:
        """Read a code such as ``000.00.12.H38-240315-0001``.

        :raises DossierError: when ``text`` does not have that structure.
        """
        match = _CODE.match(text) if isinstance(text, str) else None
        if match is None:
            raise DossierError(
                f"{shown(text)} is not a dossier code; codes look like '000.00.12.H38-240315-0001'"
            )
        digits = match["day"]
        year = int(digits[:2])
        try:  # two-digit years as strptime's %y reads them: 69–99 → 19xx, 00–68 → 20xx
            day = date(year + (1900 if year >= 69 else 2000), int(digits[2:4]), int(digits[4:]))
        except ValueError:
            raise DossierError(f"{shown(text)} has no real date in its YYMMDD part") from None
        return cls(match["agency"], day, int(match["seq"]))

    def __str__(self) -> str:
        """The code as printed on the receipt."""
        day = self.day  # formatted by hand: strftime costs more than the rest of an append
        return f"{self.agency}-{day.year % 100:02d}{day.month:02d}{day.day:02d}-{self.sequence:04d}"


class SequenceSource(Protocol):
    """Hands out each agency's running numbers, day by day, never the same one twice."""

    def next(self, agency: str, day: date) -> int:
        """The next running number for ``agency`` on ``day``, starting at 1."""
        ...
