"""Dossier codes, assigned once, at reception, in one of two forms.

* Circular 01/2018/TT-VPCP's: the receiving agency's QCVN 102:2016 identification
  code, the receipt date as YYMMDD and the day's running number, e.g.
  ``000.00.12.H38-240315-0001``;
* Circular 04/2025/TT-VPCP's, for services processed in a centralised national system
  (Circular 03/2025 Art. 13 cl. 3 as added by Circular 04/2025 Art. 23 cl. 2):
  ``MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX`` — the **resolving** agency's electronic ID code,
  the receipt date, two digits of the system owner's ID code and the day's running
  number of at least four digits, e.g. ``H38.012.05-260315-070001``.

The running number comes from the store (or a :class:`SequenceSource`); which form a
dossier gets, and whose code heads it, a :class:`DossierCoder` decides (the built-in
one is :class:`onestop.rules.DossierCoding`).

References:
    * Circular 01/2018/TT-VPCP (dossier code).
    * Circular 04/2025/TT-VPCP Art. 23 cl. 2 (adding Circular 03/2025 Art. 13 cl. 3).
      The character classes of ``MX1X2.Y1Y2Y3.Z1Z2`` are read from the template: a
      letter and two digits, three digits or capitals, two digits or capitals.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING
from typing import Protocol

import attrs

from onestop._shown import shown
from onestop.domain.model._agency import check_agency_code
from onestop.exceptions import DossierError

if TYPE_CHECKING:
    from onestop.domain.model._intake import Intake

__all__ = ["DossierCode", "DossierCoder", "SequenceSource", "check_identification_code"]

_CODE = re.compile(r"^(?P<agency>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?P<day>\d{6})-(?P<seq>\d{4,5})$")
_CENTRAL_CODE = re.compile(
    r"^(?P<agency>[A-Z]\d{2}\.[0-9A-Z]{3}\.[0-9A-Z]{2})-(?P<day>\d{6})-(?P<system>\d{2})(?P<seq>\d{4,5})$"
)
_IDENTIFICATION_CODE = re.compile(r"^[A-Z]\d{2}\.[0-9A-Z]{3}\.[0-9A-Z]{2}$")
_SYSTEM = re.compile(r"^\d{2}$")


def check_identification_code(code: object) -> str:
    """Return ``code`` if it has the form ``MX1X2.Y1Y2Y3.Z1Z2`` of Circular 04/2025, else raise.

    >>> check_identification_code("H38.012.05")
    'H38.012.05'

    :raises DossierError: naming the expected form.

    .. versionadded:: 0.5
    """
    if not isinstance(code, str) or not _IDENTIFICATION_CODE.match(code):
        raise DossierError(
            f"{shown(code)} is not an agency's electronic ID code; Circular 04/2025 codes "
            "look like 'H38.012.05' (MX1X2.Y1Y2Y3.Z1Z2)"
        )
    return code


@attrs.frozen
class DossierCode:
    """A dossier's code, e.g. ``000.00.12.H38-240315-0001`` or ``H38.012.05-260315-070001``.

    :param agency: Circular 01/2018's form: the receiving agency's QCVN 102:2016 code;
        Circular 04/2025's (``system`` given): the resolving agency's electronic ID code.
    :param day: the receipt date.
    :param sequence: the day's running number (from 1).
    :param system: two digits of the centralised system owner's ID code: given only
        for Circular 04/2025's form.

    .. versionchanged:: 0.5
       ``system``: Circular 04/2025's codes.
    """

    agency: str
    day: date
    sequence: int
    system: str | None = None

    @property
    def central(self) -> bool:
        """Whether the code has Circular 04/2025's form (a centrally processed service)."""
        return self.system is not None

    def __attrs_post_init__(self) -> None:
        """Check the parts."""
        if self.system is None:
            check_agency_code(self.agency)
        else:
            if not isinstance(self.system, str) or not _SYSTEM.match(self.system):
                raise DossierError(
                    "a dossier code's system is two digits of the system owner's ID code, "
                    f"got {shown(self.system)}"
                )
            check_identification_code(self.agency)
        if type(self.day) is not date:
            raise DossierError(f"a dossier code's day is a date, got {shown(self.day)}")
        if type(self.sequence) is not int or not 1 <= self.sequence <= 99_999:
            raise DossierError(f"a dossier code's sequence is 1..99999, got {shown(self.sequence)}")

    @classmethod
    def parse(cls, text: str) -> DossierCode:
        """Read a code such as ``000.00.12.H38-240315-0001`` or ``H38.012.05-260315-070001``.

        :raises DossierError: when ``text`` has neither form.
        """
        match = (_CODE.match(text) or _CENTRAL_CODE.match(text)) if isinstance(text, str) else None
        if match is None:
            raise DossierError(
                f"{shown(text)} is not a dossier code; codes look like "
                "'000.00.12.H38-240315-0001' or, centrally processed, 'H38.012.05-260315-070001'"
            )
        digits = match["day"]
        year = int(digits[:2])
        try:  # two-digit years as strptime's %y reads them: 69–99 → 19xx, 00–68 → 20xx
            day = date(year + (1900 if year >= 69 else 2000), int(digits[2:4]), int(digits[4:]))
        except ValueError:
            raise DossierError(f"{shown(text)} has no real date in its YYMMDD part") from None
        system = match.groupdict().get("system")
        return cls(match["agency"], day, int(match["seq"]), system)

    def __str__(self) -> str:
        """The code as printed on the receipt."""
        day = self.day  # formatted by hand: strftime costs more than the rest of an append
        system = "" if self.system is None else self.system
        return (
            f"{self.agency}-{day.year % 100:02d}{day.month:02d}{day.day:02d}-"
            f"{system}{self.sequence:04d}"
        )


class SequenceSource(Protocol):
    """Hands out each agency's running numbers, day by day, never the same one twice."""

    def next(self, agency: str, day: date) -> int:
        """The next running number for ``agency`` on ``day``, starting at 1."""
        ...


class DossierCoder(Protocol):
    """Decides a received dossier's code: its form, whose code heads it, whose counter numbers it.

    The built-in one is :class:`onestop.rules.DossierCoding`; a province plugin offers
    its own with the ``onestop_dossier_coder`` hook.

    .. versionadded:: 0.5
    """

    def series(self, intake: Intake) -> str:
        """The QCVN agency code whose daily running numbers number ``intake``'s dossier."""
        ...

    def code(self, intake: Intake, day: date, number: int) -> DossierCode:
        """The code of ``intake``'s dossier received on ``day`` with running ``number``."""
        ...
