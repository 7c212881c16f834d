"""Processing times as procedures state them: "3 ngày làm việc", "4 giờ", "trong ngày".

A :class:`Duration` is an amount and a unit. It is read from the English or
Vietnamese text a procedure catalogue publishes with :meth:`Duration.parse`, and
printed back in either language.

Accepted forms (case, spacing and Unicode normalisation do not matter; a decimal
comma or point is fine; leading zeros as in "03 ngày làm việc" are fine):

=====================================  ===============================
text                                   meaning
=====================================  ===============================
``3 ngày làm việc``, ``3 working      3 working days
days``, ``3 business days``, ``3d``,
``3wd``
``4 giờ làm việc``, ``4 giờ``,        4 working hours (office time)
``4 working hours``, ``4 hours``,
``4h``
``15 ngày``, ``15 days``, ``15        15 calendar days
calendar days``, ``15cd``
``trong ngày``, ``same day``          the same working day
=====================================  ===============================

References:
    * Civil Code 2015 Art. 144–148 (periods in hours and days).
    * Decree 23/2015/NĐ-CP Art. 7 (same-day processing and its 15:00 cut-off).
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import attrs

from onestop.exceptions import DurationError

if TYPE_CHECKING:
    from onestop.domain.day_change import Language

__all__ = ["HOURS_PER_WORKING_DAY", "Duration", "DurationUnit"]

#: Office hours in one working day for converting fractional days (Decision 188/1999/QĐ-TTg).
HOURS_PER_WORKING_DAY = 8


class DurationUnit(enum.Enum):
    """The unit of a processing time."""

    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    SAME_DAY = "same_day"


_UNIT_WORDS: dict[str, DurationUnit] = {
    "ngày làm việc": DurationUnit.WORKING_DAYS,
    "working day": DurationUnit.WORKING_DAYS,
    "working days": DurationUnit.WORKING_DAYS,
    "business day": DurationUnit.WORKING_DAYS,
    "business days": DurationUnit.WORKING_DAYS,
    "d": DurationUnit.WORKING_DAYS,
    "wd": DurationUnit.WORKING_DAYS,
    "giờ làm việc": DurationUnit.WORKING_HOURS,
    "giờ": DurationUnit.WORKING_HOURS,
    "working hour": DurationUnit.WORKING_HOURS,
    "working hours": DurationUnit.WORKING_HOURS,
    "hour": DurationUnit.WORKING_HOURS,
    "hours": DurationUnit.WORKING_HOURS,
    "h": DurationUnit.WORKING_HOURS,
    "ngày": DurationUnit.CALENDAR_DAYS,
    "day": DurationUnit.CALENDAR_DAYS,
    "days": DurationUnit.CALENDAR_DAYS,
    "calendar day": DurationUnit.CALENDAR_DAYS,
    "calendar days": DurationUnit.CALENDAR_DAYS,
    "cd": DurationUnit.CALENDAR_DAYS,
}
_SAME_DAY_WORDS = frozenset({"trong ngày", "same day", "same-day", "within the day"})
_AMOUNT_AND_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(.+)$")
_ACCEPTED = (
    "'3 ngày làm việc', '3 working days', '3d', '0,5 ngày làm việc', "
    "'4 giờ làm việc', '4 working hours', '4h', '15 ngày', '15 calendar days', "
    "'15cd', 'trong ngày' or 'same day'"
)


def _normalise_amount(value: Any) -> Any:  # noqa: ANN401 - converter input is open
    """Integral floats become ints, so ``Duration(3.0, ...)`` prints as 3."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _check_amount(_: Duration, __: attrs.Attribute[Any], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DurationError(f"a duration's amount must be a number, got {value!r}")
    if not math.isfinite(value) or value <= 0:
        raise DurationError(f"a duration's amount must be a positive number, got {value!r}")


def _check_unit(instance: Duration, _: attrs.Attribute[Any], unit: DurationUnit) -> None:
    if not isinstance(unit, DurationUnit):
        raise DurationError(f"a duration's unit must be a DurationUnit, got {unit!r}")
    if unit is DurationUnit.CALENDAR_DAYS and not isinstance(instance.amount, int):
        raise DurationError(
            f"calendar days must be a whole number, got {instance.amount!r}; "
            "use working days or working hours for fractions"
        )
    if unit is DurationUnit.SAME_DAY and instance.amount != 1:
        raise DurationError("a same-day duration has amount 1; use Duration.same_day()")


@attrs.frozen
class Duration:
    """A processing time: an amount and a unit.

    >>> Duration.parse("0,5 ngày làm việc")
    Duration(amount=0.5, unit=<DurationUnit.WORKING_DAYS: 'working_days'>)
    >>> str(Duration.parse("03 ngày làm việc"))
    '3 working days'

    .. versionadded:: 0.1
    """

    amount: int | float = attrs.field(converter=_normalise_amount, validator=_check_amount)
    unit: DurationUnit = attrs.field(validator=_check_unit)

    # -- named constructors ---------------------------------------------------

    @classmethod
    def working_days(cls, amount: float) -> Duration:
        """``amount`` working days (fractions run as 8 office hours a day)."""
        return cls(amount, DurationUnit.WORKING_DAYS)

    @classmethod
    def working_hours(cls, amount: float) -> Duration:
        """``amount`` hours of office time."""
        return cls(amount, DurationUnit.WORKING_HOURS)

    @classmethod
    def calendar_days(cls, amount: int) -> Duration:
        """``amount`` calendar days (weekends and holidays count)."""
        return cls(amount, DurationUnit.CALENDAR_DAYS)

    @classmethod
    def same_day(cls) -> Duration:
        """Processing within the day of receipt ("trong ngày")."""
        return cls(1, DurationUnit.SAME_DAY)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read a processing time written in English or Vietnamese.

        :raises DurationError: when ``text`` is not one of the accepted forms
            (listed in this module's documentation and in the message).
        """
        if not isinstance(text, str):
            raise DurationError(f"a duration is parsed from text, got {text!r}")
        clean = " ".join(unicodedata.normalize("NFC", text).lower().split())
        if clean in _SAME_DAY_WORDS:
            return cls.same_day()
        match = _AMOUNT_AND_UNIT.match(clean)
        unit = _UNIT_WORDS.get(match.group(2)) if match else None
        if match is None or unit is None:
            raise DurationError(f"cannot read {text!r} as a processing time; write {_ACCEPTED}")
        amount = float(match.group(1).replace(",", "."))
        if unit is DurationUnit.CALENDAR_DAYS and not amount.is_integer():
            raise DurationError(
                f"cannot read {text!r}: calendar days must be whole; "
                "write fractions in working days, e.g. '0,5 ngày làm việc'"
            )
        if amount <= 0:
            raise DurationError(f"cannot read {text!r}: the amount must be positive")
        return cls(amount, unit)

    # -- views ----------------------------------------------------------------

    @property
    def is_office_time(self) -> bool:
        """Whether the duration runs as office time from the receipt moment.

        True for working hours and for fractional working days, whatever the deadline
        policy (Civil Code Art. 147 cl. 1).
        """
        return self.unit is DurationUnit.WORKING_HOURS or (
            self.unit is DurationUnit.WORKING_DAYS and not isinstance(self.amount, int)
        )

    @property
    def office_time(self) -> timedelta:
        """The office time this duration stands for (8 hours per working day).

        :raises DurationError: for calendar days and same-day durations, which are
            not an amount of office time.
        """
        if self.unit is DurationUnit.WORKING_HOURS:
            return timedelta(hours=self.amount)
        if self.unit is DurationUnit.WORKING_DAYS:
            return timedelta(hours=self.amount * HOURS_PER_WORKING_DAY)
        raise DurationError(f"{self} is not an amount of office time")

    def format(self, lang: Language = "en") -> str:
        """The duration in words, in English (``"en"``) or Vietnamese (``"vi"``)."""
        amount = f"{self.amount:g}"
        if lang == "vi":
            amount = amount.replace(".", ",")
            words = {
                DurationUnit.WORKING_DAYS: "ngày làm việc",
                DurationUnit.WORKING_HOURS: "giờ làm việc",
                DurationUnit.CALENDAR_DAYS: "ngày",
            }
            return (
                "trong ngày"
                if self.unit is DurationUnit.SAME_DAY
                else f"{amount} {words[self.unit]}"
            )
        if self.unit is DurationUnit.SAME_DAY:
            return "same day"
        singular = self.amount == 1
        words = {
            DurationUnit.WORKING_DAYS: "working day" if singular else "working days",
            DurationUnit.WORKING_HOURS: "working hour" if singular else "working hours",
            DurationUnit.CALENDAR_DAYS: "calendar day" if singular else "calendar days",
        }
        return f"{amount} {words[self.unit]}"

    def __str__(self) -> str:
        """The duration in English words."""
        return self.format("en")
