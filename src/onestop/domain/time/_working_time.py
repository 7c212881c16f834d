"""The precomputed index behind every calendar query.

A :class:`WorkingTimeIndex` is built once per calendar (lazily, on first use) and
answers each primitive in O(1) or O(log n) with plain lists:

* ``rank[i]`` — how many working days lie in the first ``i + 1`` days of the range,
  so counting working days between two dates is one subtraction;
* ``work_days[j]`` — the j-th working day, so the n-th working day after a date is one
  list lookup;
* ``cum[j]`` — office time (seconds) in the working days before the j-th, so office
  time between two instants is a subtraction and adding office time is one
  ``bisect`` over a small window plus a walk over that day's few intervals.

Office-hour bounds are whole seconds, so positions are whole seconds plus the
microseconds of the instant, carried separately: the arithmetic is exact to the
microsecond (the resolution of ``datetime``) while every integer stays small enough
for CPython's fast path. Nothing here loops over days at query time.
"""

from __future__ import annotations

from bisect import bisect_left
from bisect import bisect_right
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import TYPE_CHECKING

from onestop._shown import shown
from onestop.exceptions import CalendarRangeError

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Sequence

__all__ = [
    "US_PER_SECOND",
    "DaySchedule",
    "Position",
    "WorkingTimeIndex",
    "seconds_of",
]

US_PER_SECOND = 1_000_000

#: An office-time position: whole seconds since the range's first opening, and
#: the microseconds past that second.
Position = tuple[int, int]


def seconds_of(moment: time) -> int:
    """Whole seconds from midnight to the clock time ``moment``."""
    return (moment.hour * 60 + moment.minute) * 60 + moment.second


class DaySchedule:
    """One day's office intervals, in seconds from midnight."""

    __slots__ = ("bounds", "opening", "total")

    def __init__(self, intervals: Sequence[tuple[time, time]]) -> None:
        """Convert ``intervals`` (sorted, non-overlapping, whole seconds) to bounds."""
        self.bounds: tuple[tuple[int, int], ...] = tuple(
            (seconds_of(start), seconds_of(end)) for start, end in intervals
        )
        self.opening = self.bounds[0][0]
        self.total = sum(end - start for start, end in self.bounds)


class WorkingTimeIndex:
    """Working days and cumulative office time over a calendar's whole range."""

    __slots__ = (
        "base",
        "cum",
        "day_bounds",
        "day_cum",
        "first_day",
        "last_day",
        "midnights",
        "n_days",
        "offsets",
        "rank",
        "schedules",
        "shortest_day",
        "work_bounds",
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
        # Per day of the range.
        self.rank: list[int] = []
        self.working: list[bool] = []
        self.day_cum: list[int] = []  # office time before the day
        self.day_bounds: list[tuple[tuple[int, int], ...]] = []  # empty on days off
        # Per working day.
        self.work_days: list[date] = []
        self.midnights: list[datetime] = []
        self.offsets: dict[int, timedelta] = {}
        self.schedules: list[DaySchedule] = []
        self.work_bounds: list[tuple[tuple[int, int], ...]] = []
        self.cum: list[int] = [0]
        count = 0
        for ordinal in range(self.base, last_day.toordinal() + 1):
            day = date.fromordinal(ordinal)
            works = is_working(day)
            self.working.append(works)
            self.day_cum.append(self.cum[-1])
            if works:
                count += 1
                schedule = schedule_for(day)
                self.work_days.append(day)
                self.midnights.append(datetime(day.year, day.month, day.day))
                self.schedules.append(schedule)
                self.work_bounds.append(schedule.bounds)
                self.cum.append(self.cum[-1] + schedule.total)
                self.day_bounds.append(schedule.bounds)
            else:
                self.day_bounds.append(())
            self.rank.append(count)
        self.n_days = len(self.rank)
        self.shortest_day = min((schedule.total for schedule in self.schedules), default=1)

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
        if i < 0 or i >= self.n_days:
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
            raise self.out_of_range(f"working day {shown(n)} from {day.isoformat()}")
        return self.work_days[j]

    def days_between(self, a: date, b: date) -> int:
        """Working days in ``(a, b]``; negative when ``b < a``."""
        return self.rank[self.day_index(b)] - self.rank[self.day_index(a)]

    def opening_after(self, i: int) -> datetime:
        """The opening of the first working day after the day at offset ``i``."""
        j = self.rank[i]
        if j >= len(self.work_days):
            raise self.out_of_range(f"the working day after {self.work_days[-1].isoformat()}")
        return self._at(j, self.schedules[j].opening, 0)

    # -- office time ----------------------------------------------------------

    def position(self, local: datetime) -> Position:
        """Office time from the start of the range until ``local``."""
        i = local.toordinal() - self.base
        if i < 0 or i >= self.n_days:
            raise self.out_of_range(local.isoformat())
        acc = self.day_cum[i]
        tod = (local.hour * 60 + local.minute) * 60 + local.second
        for start, end in self.day_bounds[i]:
            if tod < start:
                break
            if tod < end:
                return acc + tod - start, local.microsecond
            acc += end - start
        return acc, 0

    def shift(self, local: datetime, delta_s: int, micro: int) -> datetime:  # noqa: C901, PLR0912 - one frame on purpose
        """The instant whose position is ``position(local)`` plus an office time.

        The office time is ``delta_s`` seconds plus ``micro`` microseconds
        (``0 <= micro < 10**6``). Positions are flat outside office time, so several
        instants share one: for a positive office time this is the earliest (a
        closing time stays a closing time), otherwise the latest (the next opening).
        This is the hot path of ``add_working_hours``, so ``position`` is written out
        in the same frame.
        """
        i = local.toordinal() - self.base
        if i < 0 or i >= self.n_days:
            raise self.out_of_range(local.isoformat())
        latest = delta_s < 0 or (delta_s == 0 and micro == 0)
        target = self.day_cum[i] + delta_s
        tod = (local.hour * 60 + local.minute) * 60 + local.second
        for start, end in self.day_bounds[i]:
            if tod < start:
                break
            if tod < end:
                target += tod - start
                micro += local.microsecond
                if micro >= US_PER_SECOND:
                    target += 1
                    micro -= US_PER_SECOND
                break
            target += end - start
        # The position sought is target seconds and micro microseconds.
        cum = self.cum
        if target < 0 or target > cum[-1] or (target == cum[-1] and micro):
            raise self.out_of_range("the requested office time")
        # The answer lies within |delta_s| / (shortest day) working days of day i, so
        # the bisection searches only that window.
        # (Conditional expressions, not min/max: this is the hot path.)
        k = self.rank[i]
        if latest:
            lo = k - (-delta_s) // self.shortest_day - 3
            j = bisect_right(cum, target, lo if lo > 0 else 0, k + 1) - 1  # noqa: FURB136
            if j >= len(self.work_days):
                raise self.out_of_range("the requested office time")
            offset = target - cum[j]
            for start, end in self.work_bounds[j]:
                if offset < end - start:
                    tod = start + offset
                    break
                offset -= end - start
        else:
            hi = k + delta_s // self.shortest_day + 3
            n_cum = len(cum)
            j = bisect_left(cum, target + (micro > 0), k or 1, hi if hi < n_cum else n_cum) - 1  # noqa: FURB136
            offset = target - cum[j]
            for start, end in self.work_bounds[j]:
                if offset < end - start or (offset == end - start and not micro):
                    tod = start + offset
                    break
                offset -= end - start
        return self._at(j, tod, micro)

    def _at(self, j: int, tod: int, micro: int) -> datetime:
        """Working day ``j`` at ``tod`` seconds and ``micro`` microseconds past midnight."""
        # Adding a shared timedelta is several times cheaper than building a datetime
        # from its fields; at most 86,400 of them exist, one per second of the day.
        offset = self.offsets.get(tod)
        if offset is None:
            offset = self.offsets[tod] = timedelta(seconds=tod)
        if micro:
            return self.midnights[j] + offset + timedelta(microseconds=micro)
        return self.midnights[j] + offset
