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
``6 tháng``, ``6 months``            6 months (Civil Code Art. 147–148)
``trong ngày``, ``same day``          the same working day
=====================================  ===============================

The portal's capitalised forms ("5 Ngày làm việc", "6 Tháng", "1 Giờ", "1.5 Ngày làm
việc") and the common legal phrasings are read too: a leading "Không quá",
"Trong thời hạn", "Trong thời gian" or "Tối đa"; an amount in words with its digits
("một (01) ngày làm việc", "bảy ngày làm việc"); a trailing "kể từ ngày nhận đủ hồ sơ
hợp lệ" (any "kể từ …" clause: the count starts at receipt anyway); and the same-day
rule with its 15:00 cut-off ("trong ngày làm việc nhận được hồ sơ; nếu … sau 15 giờ
… ngày làm việc tiếp theo"). A cell with no unit ("1"), no information ("Không có
thông tin") or an amount of zero raises :class:`~onestop.exceptions.DurationError`:
onestop never guesses a processing time.

Months follow Civil Code Art. 147–148: the receipt day is not counted; the period
ends on the same-numbered day of the last month, or on that month's last day when it
has none (31 January + 1 month → 28 or 29 February), then moves to the next working
day when that day is not one.

References:
    * Civil Code 2015 Art. 144–148 (periods in hours and days).
    * Decree 23/2015/NĐ-CP Art. 7 (same-day processing and its 15:00 cut-off).
    * Civil Code 2015 Art. 147 cl. 2 and Art. 148 (months).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._enumeration import Enumeration
from onestop.exceptions import DurationError

if TYPE_CHECKING:
    from onestop.domain.time._day_change import Language

__all__ = ["HOURS_PER_WORKING_DAY", "Duration", "DurationUnit"]

#: Office hours in one working day for converting fractional days (Decision 188/1999/QĐ-TTg).
HOURS_PER_WORKING_DAY = 8

#: The largest amount a duration may have: a century of days, far beyond any legal
#: time limit, and small enough that no date arithmetic overflows.
_MAX_AMOUNT = 36_500


class DurationUnit(Enumeration):
    """The unit of a processing time."""

    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    SAME_DAY = "same_day"

    @property
    def counts_every_day(self) -> bool:
        """Whether weekends and holidays count (calendar days and months)."""
        return self in {DurationUnit.CALENDAR_DAYS, DurationUnit.MONTHS}


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
    "tháng": DurationUnit.MONTHS,
    "month": DurationUnit.MONTHS,
    "months": DurationUnit.MONTHS,
}
_SAME_DAY_WORDS = frozenset(
    {
        "trong ngày",
        "ngay trong ngày",
        "trong ngày làm việc",
        "same day",
        "same-day",
        "within the day",
    }
)
_NUMBER_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_LEAD = re.compile(r"^(?:(?:trong thời hạn|trong thời gian|không quá|tối đa)\s+)+")
_SINCE = re.compile(r",?\s*kể từ\b.*$")
_WORDED = re.compile(r"^(?P<word>[^\d\s()]+)(?:\s*\((?P<digits>\d+)\))?\s+(?P<unit>.+)$")
_AMOUNT_AND_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(.*)$")
# "trong ngày làm việc nhận được hồ sơ hợp lệ; nếu … sau 15 giờ … ngày làm việc tiếp theo"
_SAME_DAY_RULE = re.compile(
    r"^(?:ngay\s+)?trong ngày(?: làm việc)?\b(?P<rest>[^;]*)"
    r"(?:;.*\bsau (?P<hour>\d{1,2}) ?(?:giờ|h)\b.*\bngày làm việc tiếp theo.*)?$"
)
_NO_INFORMATION = frozenset({"không có thông tin", "không quy định", "-"})
_ACCEPTED = (
    "'3 ngày làm việc', '3 working days', '3d', '0,5 ngày làm việc', "
    "'4 giờ làm việc', '4 working hours', '4h', '15 ngày', '15 calendar days', "
    "'15cd', '6 tháng', '6 months', 'trong ngày' or 'same day', optionally as a legal "
    "phrase such as 'Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ'"
)
#: The same-day cut-off the law sets (Decree 23/2015/NĐ-CP Art. 7); a text naming
#: another hour is refused, because the cut-off is the calendar's setting.
_LEGAL_SAME_DAY_HOUR = 15


def _normalise_amount(value: Any) -> Any:  # noqa: ANN401 - converter input is open
    """Integral floats become ints, so ``Duration(3.0, ...)`` prints as 3."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _check_amount(_: Duration, __: attrs.Attribute[Any], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DurationError(f"a duration's amount must be a number, got {shown(value)}")
    if not 0 < value <= _MAX_AMOUNT or not math.isfinite(value):  # a huge int is no float
        raise DurationError(
            f"a duration's amount must be a positive number up to {_MAX_AMOUNT:,}, got "
            f"{shown(value)}"
        )


def _check_unit(instance: Duration, _: attrs.Attribute[Any], unit: DurationUnit) -> None:
    if not isinstance(unit, DurationUnit):
        raise DurationError(f"a duration's unit must be a DurationUnit, got {shown(unit)}")
    if unit.counts_every_day and not isinstance(instance.amount, int):
        raise DurationError(
            f"{unit.value.replace('_', ' ')} must be a whole number, got {shown(instance.amount)}; "
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
    def months(cls, amount: int) -> Duration:
        """``amount`` months (Civil Code Art. 147–148; see the module documentation)."""
        return cls(amount, DurationUnit.MONTHS)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read a processing time written in English or Vietnamese.

        :raises DurationError: when ``text`` is not one of the accepted forms
            (listed in this module's documentation and in the message), has no unit,
            says there is no information, or names an amount of zero.
        """
        if not isinstance(text, str):
            raise DurationError(f"a duration is parsed from text, got {shown(text)}")
        clean = " ".join(unicodedata.normalize("NFC", text).lower().split()).rstrip(".;")
        if clean in _NO_INFORMATION:
            raise DurationError(
                f"{shown(text)} gives no processing time; onestop never guesses one: "
                "state it explicitly, e.g. '5 ngày làm việc'"
            )
        clean = _LEAD.sub("", clean)
        same_day = _SAME_DAY_RULE.match(clean)
        if clean in _SAME_DAY_WORDS or same_day:
            hour = same_day["hour"] if same_day else None
            if hour is not None and int(hour) != _LEGAL_SAME_DAY_HOUR:
                raise DurationError(
                    f"{shown(text)} sets a same-day cut-off at {hour}:00; the cut-off is the "
                    "calendar's setting (Calendar.with_same_day_cutoff), 15:00 by law"
                )
            return cls.same_day()
        clean = _SINCE.sub("", clean)
        return cls(*_amount_and_unit(text, clean))

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

    def calendar_end(self, receipt_day: date) -> date:
        """The last day of a calendar-day or month period counted from ``receipt_day``.

        The receipt day itself is not counted (Civil Code Art. 147 cl. 2); a month
        period ends on the same-numbered day, or on the month's last day when it has
        none (Art. 148). The day-off rule is the calendar's, not applied here.

        :raises DurationError: for units that do not count every day.
        """
        if self.unit is DurationUnit.CALENDAR_DAYS:
            return receipt_day + timedelta(days=int(self.amount))
        if self.unit is DurationUnit.MONTHS:
            # dateutil's month arithmetic ends on the month's last day when the day
            # number does not exist, as Art. 148 has it; imported when first needed.
            from dateutil.relativedelta import relativedelta  # noqa: PLC0415

            return receipt_day + relativedelta(months=int(self.amount))
        raise DurationError(f"{self} does not count calendar days")

    def format(self, lang: Language = "en") -> str:
        """The duration in words, in English (``"en"``) or Vietnamese (``"vi"``)."""
        amount = f"{self.amount:g}"
        if lang == "vi":
            amount = amount.replace(".", ",")
            words = {
                DurationUnit.WORKING_DAYS: "ngày làm việc",
                DurationUnit.WORKING_HOURS: "giờ làm việc",
                DurationUnit.CALENDAR_DAYS: "ngày",
                DurationUnit.MONTHS: "tháng",
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
            DurationUnit.MONTHS: "month" if singular else "months",
        }
        return f"{amount} {words[self.unit]}"

    def __str__(self) -> str:
        """The duration in English words."""
        return self.format("en")


def _amount_and_unit(text: str, clean: str) -> tuple[float, DurationUnit]:
    """The amount and unit of ``clean`` (``text`` normalised, legal framing removed)."""
    match = _AMOUNT_AND_UNIT.match(clean)
    if match is not None:
        digits, unit_text = match.group(1), match.group(2)
    else:
        worded = _WORDED.match(clean)
        number = _NUMBER_WORDS.get(worded["word"]) if worded else None
        if worded is None or number is None:
            raise DurationError(
                f"cannot read {shown(text)} as a processing time; write {_ACCEPTED}"
            )
        if worded["digits"] is not None and int(worded["digits"]) != number:
            raise DurationError(
                f"cannot read {shown(text)}: the words say {number} but the digits say "
                f"{int(worded['digits'])}"
            )
        digits, unit_text = str(number), worded["unit"]
    if not unit_text:
        raise DurationError(
            f"{shown(text)} has no unit; onestop never guesses whether it means working days, "
            "calendar days or hours: write e.g. '1 ngày làm việc'"
        )
    unit = _UNIT_WORDS.get(unit_text)
    if unit is None:
        raise DurationError(f"cannot read {shown(text)} as a processing time; write {_ACCEPTED}")
    amount = float(digits.replace(",", "."))
    if unit.counts_every_day and not amount.is_integer():
        raise DurationError(
            f"cannot read {shown(text)}: {unit.value.replace('_', ' ')} must be whole; "
            "write fractions in working days, e.g. '0,5 ngày làm việc'"
        )
    if amount <= 0:
        raise DurationError(f"cannot read {shown(text)}: the amount must be positive")
    if amount > _MAX_AMOUNT:
        raise DurationError(f"cannot read {shown(text)}: {digits} is more than {_MAX_AMOUNT:,}")
    return amount, unit
