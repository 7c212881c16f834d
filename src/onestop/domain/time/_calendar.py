"""The working calendar: which days are working days, and when office time runs.

A :class:`Calendar` is an immutable value built from day changes handed in: the
national civil-service calendar is :func:`onestop.vietnam_calendar` (the national data
builds it; the domain knows no national data). The ``with_*``
methods return extended copies for a province's own days off, closures, make-up days,
office hours, seasonal schedules and reception cut-off. Every query is answered from
a precomputed index in O(1) or O(log n) (see ``onestop.domain.time._working_time``).

Semantics (the documentation's "Time semantics" page):

* ``add_working_days(d, n)`` — the n-th working day strictly after ``d`` (``n > 0``),
  strictly before it (``n < 0``), ``d`` itself for ``n == 0``.
* ``working_days_between(a, b)`` — working days in ``(a, b]``; minus those in
  ``(b, a]`` when ``b < a``.
* ``add_working_hours(t, h)`` — the earliest instant at which ``h`` of office time
  has elapsed from ``t``; a result on a closing time stays there. For ``h <= 0`` the
  latest such instant, so ``h == 0`` moves an instant outside office time to the next
  opening.
* ``working_time_between(t1, t2)`` — office time in ``[t1, t2)``; negative when
  ``t2 < t1``.

Dates and instants outside the calendar's years raise :class:`CalendarRangeError`.
"""

from __future__ import annotations

import functools
import math
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from numbers import Real
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._validators import to_tuple
from onestop.domain._validators import typed
from onestop.domain.time._day_change import DayChange
from onestop.domain.time._day_change import DayKind
from onestop.domain.time._duration import Duration
from onestop.domain.time._duration import DurationUnit
from onestop.domain.time._local_time import from_local
from onestop.domain.time._local_time import to_local
from onestop.domain.time._local_time import to_local_date
from onestop.domain.time._office_hours import DEFAULT_OFFICE_HOURS
from onestop.domain.time._office_hours import OfficeHours
from onestop.domain.time._office_hours import SeasonalHours
from onestop.domain.time._policy import DeadlinePolicy
from onestop.domain.time._working_time import DaySchedule
from onestop.domain.time._working_time import WorkingTimeIndex
from onestop.domain.time._working_time import seconds_of
from onestop.exceptions import CalendarConfigError
from onestop.exceptions import CalendarInputError
from onestop.exceptions import CalendarRangeError
from onestop.exceptions import DeadlineError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Calendar"]

_WEEKEND = frozenset({5, 6})
#: More office hours than any calendar of 9,998 years holds: a float beyond is refused
#: before it is converted to microseconds.
_MAX_HOURS = 10**8


def _sorted_changes(value: Iterable[DayChange]) -> tuple[DayChange, ...]:
    """Order changes by date, keeping their order within a date (the last one wins)."""
    changes = to_tuple(value, CalendarConfigError)
    for change in changes:
        if not isinstance(change, DayChange):
            raise CalendarConfigError(
                f"calendar changes must be DayChange values, got {shown(change)}"
            )
    return tuple(sorted(changes, key=lambda change: change.day))


def _as_seasons(value: Iterable[SeasonalHours]) -> tuple[SeasonalHours, ...]:
    """Normalise seasons to a tuple (trivial conversion)."""
    return to_tuple(value, CalendarConfigError)


def _check_years(instance: Calendar, _: attrs.Attribute[Any], last_year: int) -> None:
    first_year = instance.first_year
    if not isinstance(first_year, int) or not isinstance(last_year, int):
        raise CalendarConfigError("first_year and last_year must be integers")
    if not 1 <= first_year <= last_year <= 9998:
        raise CalendarConfigError(
            f"a calendar covers first_year..last_year with first_year <= last_year, "
            f"got {shown(first_year)}..{shown(last_year)}"
        )


def _check_changes(
    instance: Calendar, _: attrs.Attribute[Any], value: tuple[DayChange, ...]
) -> None:
    for change in value:
        if not instance.first_year <= change.day.year <= instance.last_year:
            raise CalendarRangeError(
                f"{change.day.isoformat()} ({change.name}) is outside this calendar's years "
                f"{instance.first_year}-{instance.last_year}"
            )


def _check_seasons(_: object, __: attrs.Attribute[Any], value: tuple[SeasonalHours, ...]) -> None:
    seen: dict[tuple[int, int], SeasonalHours] = {}
    for season in value:
        if not isinstance(season, SeasonalHours):
            raise CalendarConfigError(f"seasons must be SeasonalHours values, got {shown(season)}")
        for ordinal in range(date(2000, 1, 1).toordinal(), date(2000, 12, 31).toordinal() + 1):
            day = date.fromordinal(ordinal)
            if season.covers(day):
                key = (day.month, day.day)
                if key in seen:
                    raise CalendarConfigError(
                        f"seasons {seen[key].name or seen[key].first} and "
                        f"{season.name or season.first} overlap on {day:%d/%m}"
                    )
                seen[key] = season


def _check_time(_: object, attribute: attrs.Attribute[Any], value: time | None) -> None:
    if value is None and attribute.name == "reception_cutoff":
        return
    if not isinstance(value, time) or value.tzinfo is not None:
        raise CalendarConfigError(
            f"{attribute.name} must be a naive datetime.time, got {shown(value)}"
        )


@attrs.frozen
class Calendar:
    """A working calendar over an explicit range of years.

    Build the national one with :meth:`vietnam`; extend it with the ``with_*``
    methods. Fields are public and immutable; equal fields mean equal calendars.

    :param first_year: the first year covered.
    :param last_year: the last year covered (inclusive).
    :param changes: days off, closures and make-up days; for one date the last
        change listed wins.
    :param announced_until: the last year whose schedule is officially announced;
        later dates are computed by rule and reported as provisional.
    :param office_hours: office intervals of a working day outside any season.
    :param seasons: seasonal office hours (recurring month-day windows, no overlap).
    :param reception_cutoff: dossiers received after this time of day count as
        received at the next opening (``None``: only closing time counts).
    :param same_day_cutoff: for same-day processing, receipt after this time moves
        the deadline to the next working day (15:00, Decree 23/2015/NĐ-CP Art. 7).
    :param name: a label for people, e.g. ``"Việt Nam"`` or a province's name.

    .. versionadded:: 0.1
    """

    first_year: int
    last_year: int = attrs.field(validator=_check_years)
    changes: tuple[DayChange, ...] = attrs.field(
        default=(),
        converter=_sorted_changes,
        validator=_check_changes,
        repr=lambda changes: f"<{len(changes)} day changes>",
    )
    announced_until: int = attrs.field(default=0, validator=typed(int, CalendarConfigError))
    office_hours: OfficeHours = attrs.field(
        default=DEFAULT_OFFICE_HOURS, validator=typed(OfficeHours, CalendarConfigError)
    )
    seasons: tuple[SeasonalHours, ...] = attrs.field(
        default=(), converter=_as_seasons, validator=_check_seasons
    )
    reception_cutoff: time | None = attrs.field(default=None, validator=_check_time)
    same_day_cutoff: time = attrs.field(default=time(15), validator=_check_time)
    name: str = attrs.field(default="", validator=typed(str, CalendarConfigError))

    def _repr_pretty_(self, printer: Any, _cycle: bool) -> None:  # noqa: ANN401
        """Print the short repr in Hypothesis and IPython reports, not every day change."""
        printer.text(repr(self))

    # -- construction ---------------------------------------------------------

    def with_changes(self, *changes: DayChange) -> Calendar:
        """A copy with ``changes`` applied after the existing ones."""
        return attrs.evolve(self, changes=(*self.changes, *changes))

    def with_days_off(
        self,
        days: Iterable[date],
        *,
        name: str,
        source: str,
        name_vi: str | None = None,
        source_vi: str | None = None,
    ) -> Calendar:
        """A copy where ``days`` are days off (e.g. a province's own holiday)."""
        return self._with_kind(days, DayKind.DAY_OFF, name, name_vi, source, source_vi)

    def with_closures(
        self,
        days: Iterable[date],
        *,
        name: str,
        source: str,
        name_vi: str | None = None,
        source_vi: str | None = None,
    ) -> Calendar:
        """A copy where the office is closed on ``days`` (storm, outage, relocation)."""
        return self._with_kind(days, DayKind.CLOSURE, name, name_vi, source, source_vi)

    def with_makeup_days(
        self,
        days: Iterable[date],
        *,
        source: str,
        name: str = "Make-up working day",
        name_vi: str = "Ngày làm bù",
        source_vi: str | None = None,
    ) -> Calendar:
        """A copy where ``days`` (Saturdays or Sundays swapped in) are working days."""
        return self._with_kind(days, DayKind.MAKEUP_DAY, name, name_vi, source, source_vi)

    def _with_kind(  # noqa: PLR0917 - a private helper of the three with_* methods
        self,
        days: Iterable[date],
        kind: DayKind,
        name: str,
        name_vi: str | None,
        source: str,
        source_vi: str | None,
    ) -> Calendar:
        days = to_tuple(days, CalendarConfigError)
        return self.with_changes(
            *(DayChange(day, kind, name, name_vi or name, source, source_vi) for day in days)
        )

    def with_office_hours(self, hours: OfficeHours | str) -> Calendar:
        """A copy with other office hours, e.g. ``"07:30-11:30, 13:30-17:00"``."""
        if isinstance(hours, str):
            hours = OfficeHours.parse(hours)
        return attrs.evolve(self, office_hours=hours)

    def with_season(
        self,
        first: tuple[int, int],
        last: tuple[int, int],
        hours: OfficeHours | str,
        *,
        name: str = "",
    ) -> Calendar:
        """A copy with seasonal office hours from month-day ``first`` to ``last``."""
        if isinstance(hours, str):
            hours = OfficeHours.parse(hours)
        season = SeasonalHours(first, last, hours, name)
        return attrs.evolve(self, seasons=(*self.seasons, season))

    def with_reception_cutoff(self, cutoff: time | None) -> Calendar:
        """A copy where receipt after ``cutoff`` counts from the next opening."""
        return attrs.evolve(self, reception_cutoff=cutoff)

    def with_same_day_cutoff(self, cutoff: time) -> Calendar:
        """A copy with another cut-off for same-day processing."""
        return attrs.evolve(self, same_day_cutoff=cutoff)

    # -- the index --------------------------------------------------------------

    @functools.cached_property
    def _index(self) -> WorkingTimeIndex:
        overrides = self._overrides
        schedules: dict[OfficeHours, DaySchedule] = {}

        def is_working(day: date) -> bool:
            change = overrides.get(day)
            if change is not None:
                return change.kind.is_working
            return day.weekday() not in _WEEKEND

        def schedule_for(day: date) -> DaySchedule:
            hours = self.office_hours_on(day)
            if hours not in schedules:
                schedules[hours] = DaySchedule(hours.intervals)
            return schedules[hours]

        return WorkingTimeIndex(self.first_day, self.last_day, is_working, schedule_for)

    # -- days -------------------------------------------------------------------

    @property
    def first_day(self) -> date:
        """1 January of :attr:`first_year`."""
        return date(self.first_year, 1, 1)

    @property
    def last_day(self) -> date:
        """31 December of :attr:`last_year`."""
        return date(self.last_year, 12, 31)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day.

        :raises CalendarRangeError: outside the calendar's years.
        """
        index = self._index
        return index.working[index.day_index(to_local_date(day))]

    def change_on(self, day: date) -> DayChange | None:
        """The change that decides ``day``'s status, or ``None`` for an ordinary day."""
        day = to_local_date(day)
        self._index.day_index(day)
        return self._overrides.get(day)

    @functools.cached_property
    def _overrides(self) -> dict[date, DayChange]:
        return {change.day: change for change in self.changes}

    def _in_range(self, day: date) -> date:
        """``day`` as a plain date, or :class:`CalendarRangeError` outside the years."""
        day = to_local_date(day)
        if not self.first_year <= day.year <= self.last_year:
            raise CalendarRangeError(
                f"{day.isoformat()} is outside this calendar's years "
                f"{self.first_year}-{self.last_year}"
            )
        return day

    def is_provisional(self, day: date) -> bool:
        """Whether ``day``'s status is computed by rule, not officially announced.

        :raises CalendarRangeError: outside the calendar's years.
        """
        return self._in_range(day).year > self.announced_until

    def office_hours_on(self, day: date) -> OfficeHours:
        """The office hours in force on ``day`` (its season's, or the default).

        :raises CalendarRangeError: outside the calendar's years.
        """
        day = self._in_range(day)
        for season in self.seasons:
            if season.covers(day):
                return season.hours
        return self.office_hours

    def close_of_office(self, day: date, *, like: datetime | None = None) -> datetime:
        """The end of ``day``'s last office interval ("close of office").

        Returned naive, or in ``like``'s time zone when ``like`` is aware.

        :raises CalendarRangeError: outside the calendar's years.
        """
        if like is not None and not isinstance(like, datetime):
            raise CalendarInputError(f"like is a datetime, got {shown(like)}")
        day = self._in_range(day)
        closing = self.office_hours_on(day).closing
        local = datetime.combine(day, closing)
        return local if like is None else from_local(local, like)

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day strictly after ``day`` (before it for ``n < 0``).

        :raises CalendarRangeError: when ``day`` or the result is outside the calendar.
        """
        if type(day) is not date:
            day = to_local_date(day)
        if type(n) is not int:
            raise CalendarInputError(f"the number of working days must be an int, got {shown(n)}")
        return self._index.add_days(day, n)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in ``(a, b]``; negative when ``b < a``.

        :raises CalendarRangeError: when ``a`` or ``b`` is outside the calendar.
        """
        if type(a) is not date:
            a = to_local_date(a)
        if type(b) is not date:
            b = to_local_date(b)
        return self._index.days_between(a, b)

    # -- office time ------------------------------------------------------------

    def add_working_hours(self, moment: datetime, hours: float | timedelta) -> datetime:
        """The instant when ``hours`` of office time have elapsed from ``moment``.

        ``hours`` is a number of hours or a ``timedelta``. The result has the same
        kind (naive or aware) as ``moment``.

        :raises CalendarRangeError: when ``moment`` or the result is outside the calendar.
        """
        # Office time as whole seconds plus microseconds in [0, 10**6).
        if type(hours) is int:
            seconds, micro = hours * 3600, 0
        elif isinstance(hours, timedelta):
            seconds, micro = hours.days * 86_400 + hours.seconds, hours.microseconds
        elif (
            isinstance(hours, Real)
            and not isinstance(hours, bool)
            and math.isfinite(hours)
            and abs(hours) < _MAX_HOURS
        ):
            seconds, micro = divmod(round(hours * 3_600_000_000), 1_000_000)
        else:
            raise CalendarInputError(
                f"office time must be a number of hours (finite, under {_MAX_HOURS:,}) or a "
                f"timedelta, got {shown(hours)}"
            )
        if type(moment) is datetime and moment.tzinfo is None:
            return self._index.shift(moment, seconds, micro)
        return from_local(self._index.shift(to_local(moment), seconds, micro), moment)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time in ``[start, end)``; negative when ``end < start``.

        :raises CalendarRangeError: when either instant is outside the calendar.
        """
        index = self._index
        if type(start) is not datetime or start.tzinfo is not None:
            start = to_local(start)
        if type(end) is not datetime or end.tzinfo is not None:
            end = to_local(end)
        end_s, end_us = index.position(end)
        start_s, start_us = index.position(start)
        return timedelta(0, end_s - start_s, end_us - start_us)

    def receipt_moment(self, received_at: datetime) -> datetime:
        """When a dossier received at ``received_at`` counts as received.

        Inside office hours and before the reception cut-off that is ``received_at``
        itself; otherwise the next opening of the office.
        """
        local = to_local(received_at)
        index = self._index
        i = index.day_index(local.date())
        cutoff = self.reception_cutoff
        if index.working[i] and (cutoff is None or local.time() <= cutoff):
            tod = seconds_of(local.time())
            for start, end in index.day_bounds[i]:
                if tod < end:
                    moment = local if tod >= start else _at(local, start)
                    return from_local(moment, received_at)
        return from_local(index.opening_after(i), received_at)

    def deadline(
        self,
        received_at: datetime,
        duration: Duration,
        policy: DeadlinePolicy = DeadlinePolicy.END_OF_DAY,
    ) -> datetime:
        """The instant a dossier received at ``received_at`` is due.

        Returns the same kind of datetime (naive or aware) as ``received_at``. The
        rules of each policy and unit are in ``onestop.domain.time._policy`` and
        the time-semantics page: office time runs from the receipt moment; whole
        working days, calendar days and months skip the receipt day and end at the
        close of office of their last day (moved to the next working day when it is
        not one); same-day processing ends at the close of the receipt day, or of the
        next working day after the same-day cut-off.

        :raises DeadlineError: when an argument has the wrong type.
        :raises CalendarRangeError: when the receipt or the deadline falls outside the
            calendar's years.
        """
        if not isinstance(received_at, datetime):
            raise DeadlineError(f"received_at must be a datetime, got {shown(received_at)}")
        if not isinstance(duration, Duration):
            raise DeadlineError(
                "duration must be a Duration (try Duration.parse('3 ngày làm việc')), "
                f"got {shown(duration)}"
            )
        if not isinstance(policy, DeadlinePolicy):
            raise DeadlineError(f"policy must be a DeadlinePolicy, got {shown(policy)}")
        receipt = self.receipt_moment(received_at)
        unit = duration.unit
        if duration.is_office_time or (
            unit is DurationUnit.WORKING_DAYS and policy is DeadlinePolicy.OFFICE_TIME
        ):
            return self.add_working_hours(receipt, duration.office_time)
        local = to_local(receipt)
        receipt_day = local.date()
        if unit is DurationUnit.WORKING_DAYS:
            last_day = self.add_working_days(receipt_day, int(duration.amount))
        elif unit is DurationUnit.SAME_DAY:
            last_day = receipt_day
            if local.time() > self.same_day_cutoff:
                last_day = self.add_working_days(receipt_day, 1)
        else:  # calendar days and months: every day counts, then Art. 148 cl. 2
            last_day = duration.calendar_end(receipt_day)
            self._index.day_index(last_day)
            if not self.is_working_day(last_day):
                last_day = self.add_working_days(last_day, 1)
        return self.close_of_office(last_day, like=received_at)


def _at(local: datetime, tod: int) -> datetime:
    """``local``'s day at ``tod`` seconds past midnight."""
    midnight = datetime(local.year, local.month, local.day)
    return midnight + timedelta(seconds=tod)
