"""The precomputed index behind every calendar query.

A :class:`WorkingTimeIndex` is built once per calendar (lazily, on first use) and
answers each primitive in O(1) or O(log n) with plain lists:

* ``rank[i]`` — how many working days lie in the first ``i + 1`` days of the range,
  so counting working days between two dates is one subtraction;
* ``work_days[j]`` — the j-th working day, so the n-th working day after a date is one
  list lookup;
* ``cum[j]`` — office time (microseconds) in the working days before the j-th, so
  office time between two instants is a subtraction and adding office time is one
  ``bisect`` plus a walk over that day's few intervals.

Office time is counted in integer microseconds, the resolution of ``datetime``, so the
arithmetic is exact. Nothing here loops over days at query time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from onestop.exceptions import CalendarRangeError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

US_PER_SECOND = 1_000_000
US_PER_HOUR = 3600 * US_PER_SECOND


def time_to_us(moment: time) -> int:
    """Microseconds from midnight to the clock time ``moment``."""
    return (
        (moment.hour * 60 + moment.minute) * 60 + moment.second
    ) * US_PER_SECOND + moment.microsecond


class DaySchedule:
    """One day's office intervals, in microseconds from midnight."""

    __slots__ = ("bounds", "closing", "opening", "total")

    def __init__(self, intervals: Sequence[tuple[time, time]]) -> None:
        """Convert ``intervals`` (sorted, non-overlapping) to microsecond bounds."""
        self.bounds: tuple[tuple[int, int], ...] = tuple(
            (time_to_us(start), time_to_us(end)) for start, end in intervals
        )
        self.opening = self.bounds[0][0]
        self.closing = self.bounds[-1][1]
        self.total = sum(end - start for start, end in self.bounds)

    def elapsed(self, tod: int) -> int:
        """Office time from midnight until the time of day ``tod``."""
        acc = 0
        for start, end in self.bounds:
            if tod <= start:
                return acc
            if tod < end:
                return acc + tod - start
            acc += end - start
        return acc

    def earliest(self, offset: int) -> int:
        """The earliest time of day by which ``offset`` office time has elapsed."""
        acc = 0
        for start, end in self.bounds:
            span = end - start
            if offset <= acc + span:
                return start + offset - acc
            acc += span
        return self.closing

    def latest(self, offset: int) -> int:
        """The latest time of day at which exactly ``offset`` office time has elapsed."""
        acc = 0
        for start, end in self.bounds:
            span = end - start
            if offset < acc + span:
                return start + offset - acc
            acc += span
        return self.closing


class WorkingTimeIndex:
    """Working days and cumulative office time over a calendar's whole range."""

    __slots__ = (
        "base",
        "cum",
        "first_day",
        "last_day",
        "midnights",
        "rank",
        "schedules",
        "work_days",
        "working",
    )

    def __init__(
        self,
        first_day: date,
        last_day: date,
        is_working: Callable[[date], bool],
        schedule_for: Callable[[date], DaySchedule],
    ) -> None:
        """Classify every day of ``[first_day, last_day]`` once."""
        self.first_day = first_day
        self.last_day = last_day
        self.base = first_day.toordinal()
        self.rank: list[int] = []
        self.working: list[bool] = []
        self.work_days: list[date] = []
        self.midnights: list[datetime] = []
        self.schedules: list[DaySchedule] = []
        self.cum: list[int] = [0]
        count = 0
        for ordinal in range(self.base, last_day.toordinal() + 1):
            day = date.fromordinal(ordinal)
            works = is_working(day)
            self.working.append(works)
            if works:
                count += 1
                schedule = schedule_for(day)
                self.work_days.append(day)
                self.midnights.append(datetime(day.year, day.month, day.day))
                self.schedules.append(schedule)
                self.cum.append(self.cum[-1] + schedule.total)
            self.rank.append(count)

    # -- errors ---------------------------------------------------------------

    def out_of_range(self, what: object) -> CalendarRangeError:
        """The error for a date or instant the index does not cover."""
        return CalendarRangeError(
            f"{what} is outside this calendar's range "
            f"{self.first_day.isoformat()} to {self.last_day.isoformat()}; "
            "build a calendar covering more years"
        )

    def day_index(self, day: date) -> int:
        """Offset of ``day`` in the range, checked."""
        i = day.toordinal() - self.base
        if i < 0 or i >= len(self.rank):
            raise self.out_of_range(day.isoformat())
        return i

    # -- working days ---------------------------------------------------------

    def add_days(self, day: date, n: int) -> date:
        """The n-th working day strictly after (n > 0) or before (n < 0) ``day``."""
        i = self.day_index(day)
        if n > 0:
            j = self.rank[i] + n - 1
        elif n < 0:
            j = self.rank[i] - self.working[i] + n
        else:
            return day
        if j < 0 or j >= len(self.work_days):
            raise self.out_of_range(f"the {n:+d}th working day from {day.isoformat()}")
        return self.work_days[j]

    def days_between(self, a: date, b: date) -> int:
        """Working days in ``(a, b]``; negative when ``b < a``."""
        return self.rank[self.day_index(b)] - self.rank[self.day_index(a)]

    def opening_after(self, i: int) -> datetime:
        """The opening of the first working day after the day at offset ``i``."""
        j = self.rank[i]
        if j >= len(self.work_days):
            raise self.out_of_range(f"the working day after {self.work_days[-1].isoformat()}")
        return self.midnights[j] + timedelta(microseconds=self.schedules[j].opening)

    # -- office time ----------------------------------------------------------

    def position(self, local: datetime) -> int:
        """Office time elapsed from the start of the range until ``local``."""
        i = local.toordinal() - self.base
        if i < 0 or i >= len(self.rank):
            raise self.out_of_range(local.isoformat())
        k = self.rank[i]
        if not self.working[i]:
            return self.cum[k]
        tod = (
            (local.hour * 60 + local.minute) * 60 + local.second
        ) * US_PER_SECOND + local.microsecond
        return self.cum[k - 1] + self.schedules[k - 1].elapsed(tod)

    def instant(self, target: int, *, latest: bool) -> datetime:
        """The earliest (or latest) local instant whose position is ``target``."""
        cum = self.cum
        if target < 0 or target > cum[-1]:
            raise self.out_of_range("the requested office time")
        if latest:
            j = bisect_right(cum, target) - 1
            if j >= len(self.work_days):
                raise self.out_of_range("the requested office time")
            tod = self.schedules[j].latest(target - cum[j])
        else:
            j = max(bisect_left(cum, target, 1) - 1, 0)
            tod = self.schedules[j].earliest(target - cum[j])
        return self.midnights[j] + timedelta(microseconds=tod)
