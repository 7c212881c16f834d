"""Changes to the ordinary working week: days off, closures and make-up working days.

Without changes, Monday to Friday are working days and Saturday and Sunday are not.
Each :class:`DayChange` overrides one date and says why, in English and Vietnamese,
and on what authority — so a deadline can always explain the days it skipped.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import attrs

from onestop._shown import shown
from onestop.domain._enumeration import Enumeration
from onestop.domain._validators import optional
from onestop.domain._validators import typed
from onestop.exceptions import CalendarConfigError

__all__ = ["DayChange", "DayKind", "Language"]

#: The languages onestop prints names in.
Language = Literal["en", "vi"]


class DayKind(Enumeration):
    """What a change does to a date."""

    #: A public holiday (Labour Code 2019 Art. 112) or its substitute day off.
    HOLIDAY = "holiday"
    #: A weekday given off by decision: a swapped day, or a local day off.
    DAY_OFF = "day_off"
    #: The office is closed (storm, outage, relocation): no office time runs.
    CLOSURE = "closure"
    #: A weekend day that is a working day (ngày làm bù).
    MAKEUP_DAY = "makeup_day"

    @property
    def is_working(self) -> bool:
        """Whether a date with this change is a working day."""
        return self is DayKind.MAKEUP_DAY


def _non_empty(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise CalendarConfigError(f"DayChange.{attribute.name} must be a non-empty string")


def _plain_date(_: object, __: attrs.Attribute[date], value: date) -> None:
    if type(value) is not date:
        raise CalendarConfigError(f"DayChange.day must be a datetime.date, got {shown(value)}")


@attrs.frozen(order=False)
class DayChange:
    """One date whose working status differs from the ordinary week, and why.

    :param day: the date changed.
    :param kind: what the change does.
    :param name: the name in English (e.g. ``"Lunar New Year's Eve"``).
    :param name_vi: the name in Vietnamese (e.g. ``"Giao thừa Tết Nguyên Đán"``).
    :param source: the legal source or data source, e.g. ``"Official letter
        12729/VPCP-KGVX of 25/12/2025"``.
    :param source_vi: the source in Vietnamese (``None``: the same as ``source``).

    .. versionadded:: 0.1
    """

    day: date = attrs.field(validator=_plain_date)
    kind: DayKind = attrs.field(validator=typed(DayKind, CalendarConfigError))
    name: str = attrs.field(validator=_non_empty)
    name_vi: str = attrs.field(validator=_non_empty)
    source: str = attrs.field(validator=_non_empty)
    source_vi: str | None = attrs.field(default=None, validator=optional(_non_empty))

    def __attrs_post_init__(self) -> None:
        """A make-up working day is a weekend day: a weekday is a working day anyway."""
        if self.kind is DayKind.MAKEUP_DAY and self.day.weekday() < 5:
            raise CalendarConfigError(
                f"{self.day:%A %d/%m/%Y} is a weekday; a make-up working day is a Saturday "
                "or Sunday the government swapped in"
            )

    def label(self, lang: Language = "en") -> str:
        """The change's name in ``lang`` (``"en"`` or ``"vi"``)."""
        return self.name_vi if lang == "vi" else self.name

    def cited(self, lang: Language = "en") -> str:
        """The change's source in ``lang`` (``"en"`` or ``"vi"``)."""
        return self.source_vi if lang == "vi" and self.source_vi else self.source
