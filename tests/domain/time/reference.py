"""A slow, obviously-correct reference for every calendar primitive.

It walks day by day and interval by interval, straight from the definitions in
DESIGN.md, using only the calendar's public fields (its changes, office hours,
seasons and cut-offs) and none of its index. The property tests compare the fast
calendar with it.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from onestop import Calendar
from onestop import DayKind
from onestop import DeadlinePolicy
from onestop import Duration
from onestop import DurationUnit
from onestop.exceptions import CalendarRangeError

ONE_DAY = timedelta(days=1)


class ReferenceCalendar:
    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.status: dict[date, bool] = {}
        for change in calendar.changes:  # in order: the last change of a date wins
            self.status[change.day] = change.kind is DayKind.MAKEUP_DAY

    def check(self, day: date) -> None:
        if not self.calendar.first_day <= day <= self.calendar.last_day:
            raise CalendarRangeError(day)

    def is_working_day(self, day: date) -> bool:
        self.check(day)
        return self.status.get(day, day.weekday() < 5)

    def intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        hours = self.calendar.office_hours
        for season in self.calendar.seasons:
            if season.covers(day):
                hours = season.hours
                break
        return [
            (datetime.combine(day, start), datetime.combine(day, end))
            for start, end in hours.intervals
        ]

    def add_working_days(self, day: date, n: int) -> date:
        self.check(day)
        step = ONE_DAY if n > 0 else -ONE_DAY
        left = abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, a: date, b: date) -> int:
        self.check(a)
        self.check(b)
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a
        while day < b:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        self.check(start.date())
        self.check(end.date())
        if end < start:
            return -self.working_time_between(end, start)
        total = timedelta()
        day = start.date()
        while day <= end.date():
            for s, e in self.intervals(day):
                low, high = max(s, start), min(e, end)
                if low < high:
                    total += high - low
            day += ONE_DAY
        return total

    def add_working_hours(self, moment: datetime, hours: timedelta) -> datetime:
        if hours > timedelta():
            left = hours
            day = moment.date()
            while True:
                for s, e in self.intervals(day):
                    s = max(s, moment)  # noqa: PLW2901
                    if s >= e:
                        continue
                    if left <= e - s:
                        return s + left
                    left -= e - s
                day += ONE_DAY
        if hours == timedelta():
            return self.next_opening(moment)
        left = -hours
        day = moment.date()
        while True:
            for s, e in reversed(self.intervals(day)):
                e = min(e, moment)  # noqa: PLW2901
                if e <= s:
                    continue
                if left <= e - s:
                    return e - left
                left -= e - s
            day -= ONE_DAY

    def next_opening(self, moment: datetime) -> datetime:
        """``moment`` itself inside office time, else the next opening."""
        day = moment.date()
        while True:
            for s, e in self.intervals(day):
                if moment < e:
                    return max(s, moment)
            day += ONE_DAY

    def receipt_moment(self, moment: datetime) -> datetime:
        cutoff = self.calendar.reception_cutoff
        if cutoff is not None and moment.time() > cutoff:
            return self.next_opening(datetime.combine(moment.date() + ONE_DAY, time(0)))
        return self.next_opening(moment)

    def close_of_office(self, day: date) -> datetime:
        return self.intervals(day)[-1][1]

    def deadline(
        self, received_at: datetime, duration: Duration, policy: DeadlinePolicy
    ) -> datetime:
        receipt = self.receipt_moment(received_at)
        unit, amount = duration.unit, duration.amount
        if unit is DurationUnit.WORKING_HOURS:
            return self.add_working_hours(receipt, timedelta(hours=amount))
        if unit is DurationUnit.WORKING_DAYS:
            if amount != int(amount) or policy is DeadlinePolicy.OFFICE_TIME:
                return self.add_working_hours(receipt, timedelta(hours=8 * amount))
            return self.close_of_office(self.add_working_days(receipt.date(), int(amount)))
        if unit in (DurationUnit.CALENDAR_DAYS, DurationUnit.MONTHS):
            day = receipt.date() + timedelta(days=amount)
            if unit is DurationUnit.MONTHS:  # same-numbered day, or the month's last day
                months = receipt.date().year * 12 + receipt.date().month - 1 + amount
                year, month = divmod(months, 12)
                last = stdlib_calendar.monthrange(year, month + 1)[1]
                day = date(year, month + 1, min(receipt.date().day, last))
            while not self.is_working_day(day):
                day += ONE_DAY
            return self.close_of_office(day)
        day = receipt.date()
        if receipt.time() > self.calendar.same_day_cutoff:
            day = self.add_working_days(day, 1)
        return self.close_of_office(day)
