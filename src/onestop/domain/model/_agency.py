"""Agencies: who receives and who decides, with their identification codes and history.

Local government had three levels (province, district, commune) until 30 June 2025
and two (province, commune) from 1 July 2025. Agencies carry validity dates and a
successor, so merged provinces and communes keep their history and old dossiers keep
the agency that received them.

References:
    * QCVN 102:2016/BTTTT (structure of e-government agency identification codes).
    * Law on Organisation of Local Government 2025 (two-tier local government from
      1/7/2025; law number unconfirmed).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._enumeration import Enumeration
from onestop.domain._validators import typed
from onestop.domain._validity import Validity
from onestop.exceptions import InvalidAgencyError

__all__ = ["TWO_TIER_REFORM", "Agency", "Level", "check_agency_code"]

#: The first day of two-tier local government; the district level ended the day before.
TWO_TIER_REFORM = date(2025, 7, 1)

# XXX.YY.ZZ.NNN from level 4 down to level 1; level 1 is a letter and two digits
# (H38 for a province, A/B/G.. for ministries), unused levels are zeros.
_AGENCY_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


class Level(Enumeration):
    """An administrative level, of an agency or of where a procedure is carried out."""

    CENTRAL = "central"  #: Cấp Bộ: a ministry or central agency
    PROVINCE = "province"  #: Cấp Tỉnh
    DISTRICT = "district"  #: Cấp Huyện (until 30/6/2025)
    COMMUNE = "commune"  #: Cấp Xã
    OTHER = "other"  #: Cơ quan khác (e.g. a notary organisation)


def check_agency_code(code: str) -> str:
    """Return ``code`` if it has the QCVN 102:2016 structure, else raise.

    >>> check_agency_code("000.00.12.H38")
    '000.00.12.H38'

    :raises InvalidAgencyError: naming the expected structure.
    """
    if not isinstance(code, str) or not _AGENCY_CODE.match(code):
        raise InvalidAgencyError(
            f"{shown(code)} is not an agency identification code; QCVN 102:2016 codes look "
            "like '000.00.12.H38' (levels 4 to 1, unused levels as zeros)"
        )
    return code


def _code(_: object, __: attrs.Attribute[Any], value: str) -> None:
    check_agency_code(value)


def _optional_code(_: object, __: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        check_agency_code(value)


def _optional_date(_: object, attribute: attrs.Attribute[Any], value: date | None) -> None:
    if value is not None and type(value) is not date:
        raise InvalidAgencyError(
            f"Agency.{attribute.name} must be a date or None, got {shown(value)}"
        )


@attrs.frozen
class Agency:
    """A state agency in the one-stop system.

    :param code: identification code (QCVN 102:2016), e.g. ``000.00.12.H38``.
    :param name: official name.
    :param level: administrative level.
    :param parent: code of the parent agency, if any.
    :param valid_from: first day the agency exists (``None``: unknown, long ago).
    :param valid_until: last day it exists (``None``: still exists).
    :param successor: code of the agency that took over its work, once it ended.

    .. versionadded:: 0.1
    """

    code: str = attrs.field(validator=_code)
    name: str = attrs.field(validator=typed(str, InvalidAgencyError))
    level: Level = attrs.field(validator=typed(Level, InvalidAgencyError))
    parent: str | None = attrs.field(default=None, validator=_optional_code)
    valid_from: date | None = attrs.field(default=None, validator=_optional_date)
    valid_until: date | None = attrs.field(default=None, validator=_optional_date)
    successor: str | None = attrs.field(default=None, validator=_optional_code)

    def __attrs_post_init__(self) -> None:
        """Check the fields against each other."""
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise InvalidAgencyError(
                f"agency {self.code} ends ({self.valid_until}) before it starts ({self.valid_from})"
            )
        if self.level is Level.DISTRICT and (
            self.valid_until is None or self.valid_until >= TWO_TIER_REFORM
        ):
            raise InvalidAgencyError(
                f"district agency {self.code} must end by 30/06/2025: the district level was "
                "abolished on 1/7/2025 (give valid_until and a successor)"
            )
        if self.successor is not None and self.valid_until is None:
            raise InvalidAgencyError(f"agency {self.code} has a successor but no valid_until")
        if self.code in (self.parent, self.successor):
            raise InvalidAgencyError(f"agency {self.code} cannot be its own parent or successor")

    @property
    def validity(self) -> Validity:
        """The days the agency exists is in force."""
        return Validity(self.valid_from, self.valid_until)
