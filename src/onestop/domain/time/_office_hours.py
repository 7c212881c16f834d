"""Office hours: the intervals of a working day in which office time runs.

Provincial People's Committees set their own hours; the common default is
08:00–12:00 and 13:00–17:00 (8 hours; Decision 188/1999/QĐ-TTg sets the 40-hour
week). Many northern and central provinces switch between summer and winter hours
each year, which :class:`SeasonalHours` expresses as a recurring month-day window.

References:
    * Decision 188/1999/QĐ-TTg of 17/9/1999 on the 40-hour working week.
    * Provincial People's Committees' decisions on summer and winter office hours
      (e.g. Nghệ An, Hải Dương).
"""

from __future__ import annotations

import re
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._validators import to_tuple
from onestop.domain._validators import typed
from onestop.exceptions import CalendarConfigError

__all__ = ["DEFAULT_OFFICE_HOURS", "OfficeHours", "SeasonalHours"]

_INTERVAL = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


def _as_intervals(value: Any) -> tuple[tuple[time, time], ...]:  # noqa: ANN401 - converter input is open
    """Normalise a sequence of pairs to a tuple of tuples; anything else is refused."""
    pairs = to_tuple(value, CalendarConfigError)
    for pair in pairs:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise CalendarConfigError(
                f"office hours are (start, end) pairs of datetime.time, got {shown(pair)}"
            )
    return tuple((start, end) for start, end in pairs)


def _check_intervals(
    _: object, __: attrs.Attribute[Any], value: tuple[tuple[time, time], ...]
) -> None:
    if not value:
        raise CalendarConfigError("office hours need at least one interval, e.g. 08:00-12:00")
    previous_end: time | None = None
    for start, end in value:
        if not isinstance(start, time) or not isinstance(end, time):
            raise CalendarConfigError(
                f"office-hour bounds must be datetime.time values, got {shown(start)} and "
                f"{shown(end)}"
            )
        if start.microsecond or end.microsecond:
            raise CalendarConfigError("office-hour bounds are whole seconds, e.g. time(7, 30)")
        if start.tzinfo is not None or end.tzinfo is not None:
            raise CalendarConfigError("office-hour bounds are local times and take no tzinfo")
        if start >= end:
            raise CalendarConfigError(
                f"office-hour interval {start:%H:%M}-{end:%H:%M} must end after it starts"
            )
        if previous_end is not None and start < previous_end:
            raise CalendarConfigError(
                f"office-hour interval starting {start:%H:%M} overlaps or precedes the one "
                f"ending {previous_end:%H:%M}; give intervals in order without overlap"
            )
        previous_end = end


@attrs.frozen
class OfficeHours:
    """The office intervals of one working day, in local time, in order.

    >>> OfficeHours.parse("07:30-11:30, 13:30-17:00").total
    datetime.timedelta(seconds=27000)

    .. versionadded:: 0.1
    """

    intervals: tuple[tuple[time, time], ...] = attrs.field(
        converter=_as_intervals, validator=_check_intervals
    )

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """Read hours written as ``"08:00-12:00, 13:00-17:00"``.

        :raises CalendarConfigError: when an interval is not ``HH:MM-HH:MM``.
        """
        if not isinstance(text, str):
            raise CalendarConfigError(f"office hours are parsed from text, got {shown(text)}")
        intervals = []
        for part in text.split(","):
            match = _INTERVAL.match(part)
            if match is None:
                raise CalendarConfigError(
                    f"cannot read office hours {shown(text)}: write intervals as "
                    "'HH:MM-HH:MM' separated by commas, e.g. '08:00-12:00, 13:00-17:00'"
                )
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            try:
                intervals.append((time(h1, m1), time(h2, m2)))
            except ValueError as exc:
                raise CalendarConfigError(
                    f"cannot read office hours {shown(text)}: {exc}"
                ) from None
        return cls(intervals)

    @property
    def opening(self) -> time:
        """When the office opens."""
        return self.intervals[0][0]

    @property
    def closing(self) -> time:
        """When the office closes: the end of the last interval ("close of office")."""
        return self.intervals[-1][1]

    @property
    def total(self) -> timedelta:
        """Office time in one day."""
        return sum(
            (
                datetime.combine(date.min, end) - datetime.combine(date.min, start)
                for start, end in self.intervals
            ),
            timedelta(),
        )

    def __str__(self) -> str:
        """Format as ``08:00-12:00, 13:00-17:00``."""
        return ", ".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in self.intervals)


#: 08:00–12:00 and 13:00–17:00, the common provincial default (8 hours).
DEFAULT_OFFICE_HOURS = OfficeHours(((time(8), time(12)), (time(13), time(17))))


def _as_month_day(value: Any) -> tuple[int, int]:  # noqa: ANN401 - converter input is open
    """Normalise a (month, day) sequence to a tuple (trivial conversion)."""
    return to_tuple(value, CalendarConfigError)


def _check_month_day(_: object, attribute: attrs.Attribute[Any], value: tuple[int, int]) -> None:
    try:
        month, day = value
        date(2000, month, day)  # a leap year admits 29 February
    except (TypeError, ValueError, OverflowError):
        raise CalendarConfigError(
            f"{attribute.name} must be a (month, day) pair of a real day, got {shown(value)}"
        ) from None


@attrs.frozen
class SeasonalHours:
    """Office hours that apply every year between two month-days, both included.

    The window may wrap the year end: ``SeasonalHours((11, 1), (3, 31), hours)`` is a
    winter schedule from 1 November to 31 March.

    .. versionadded:: 0.1
    """

    first: tuple[int, int] = attrs.field(converter=_as_month_day, validator=_check_month_day)
    last: tuple[int, int] = attrs.field(converter=_as_month_day, validator=_check_month_day)
    hours: OfficeHours = attrs.field(validator=typed(OfficeHours, CalendarConfigError))
    name: str = attrs.field(default="", validator=typed(str, CalendarConfigError))

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls in this season."""
        key = (day.month, day.day)
        if self.first <= self.last:
            return self.first <= key <= self.last
        return key >= self.first or key <= self.last
