"""A dossier's SLA clock: started at receipt, paused for supplements, resumed.

A :class:`Clock` is an immutable value: :meth:`Clock.pause` and :meth:`Clock.resume`
return new clocks, and :meth:`Clock.deadline`, :meth:`Clock.remaining` and
:meth:`Clock.elapsed` answer for any instant. Procedures treat a supplement request
in one of two ways (:class:`ClockRule`):

* ``PAUSE`` — the clock stops while the applicant supplements; the deadline moves
  later by the time the clock was paused: whole working days for day-counted
  deadlines under the end-of-day policy (the resumption day is not counted), office
  time otherwise (see :attr:`Clock.pause_unit`).
* ``RESTART`` — when the complete dossier arrives, the full processing time starts
  again from that moment, as if it had just been received.

While the clock is paused, :meth:`Clock.deadline` answers as if it were resumed at
the instant asked about, so the deadline moves on as the pause goes on (and, for
office-time pauses, the remaining time stays frozen). A question about instant
``t`` counts every event recorded at ``t`` or before it.

References:
    * Decree 61/2018/NĐ-CP Art. 19; Decree 118/2025/NĐ-CP (supplement requests).
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from datetime import datetime
from datetime import timedelta

import attrs

from onestop._shown import shown
from onestop.domain._validators import typed
from onestop.domain.time._calendar import Calendar
from onestop.domain.time._duration import Duration
from onestop.domain.time._duration import DurationUnit
from onestop.domain.time._local_time import to_local
from onestop.domain.time._policy import ClockRule
from onestop.domain.time._policy import DeadlinePolicy
from onestop.exceptions import ClockError

__all__ = ["Clock", "Pause"]


@attrs.frozen
class Pause:
    """One interval during which the clock stood still.

    :param start: when the clock was paused.
    :param reason: why (e.g. ``"supplement requested: missing land-use map"``).
    :param end: when it resumed, or ``None`` while it is still paused.
    """

    start: datetime
    reason: str
    end: datetime | None = None


@attrs.frozen
class Clock:
    """The processing-time clock of one dossier.

    Build one with :meth:`start`. Aware and naive datetimes are accepted, but one
    clock uses one kind throughout.

    .. versionadded:: 0.1
    """

    calendar: Calendar = attrs.field(validator=typed(Calendar, ClockError))
    duration: Duration = attrs.field(validator=typed(Duration, ClockError))
    started_at: datetime = attrs.field(validator=typed(datetime, ClockError))
    policy: DeadlinePolicy = DeadlinePolicy.END_OF_DAY
    rule: ClockRule = ClockRule.PAUSE
    pauses: tuple[Pause, ...] = ()

    @classmethod
    def start(
        cls,
        calendar: Calendar,
        received_at: datetime,
        duration: Duration,
        *,
        policy: DeadlinePolicy = DeadlinePolicy.END_OF_DAY,
        rule: ClockRule = ClockRule.PAUSE,
    ) -> Clock:
        """A running clock for a dossier received at ``received_at``."""
        return cls(calendar, duration, received_at, policy, rule)

    # -- events -----------------------------------------------------------------

    @property
    def is_paused(self) -> bool:
        """Whether the clock is paused now (its last pause has not ended)."""
        return bool(self.pauses) and self.pauses[-1].end is None

    @property
    def last_event_at(self) -> datetime:
        """The instant of the latest start, pause or resumption."""
        if not self.pauses:
            return self.started_at
        last = self.pauses[-1]
        return last.start if last.end is None else last.end

    def _check_order(self, at: datetime, what: str) -> None:
        if not isinstance(at, datetime):
            raise ClockError(f"{what} needs a datetime, got {shown(at)}")
        if (at.tzinfo is None) != (self.started_at.tzinfo is None):
            raise ClockError(
                f"{what} at {at.isoformat()} mixes naive and aware datetimes; "
                f"this clock started at {self.started_at.isoformat()}"
            )
        if at < self.last_event_at:
            raise ClockError(
                f"cannot {what} at {at.isoformat()}: it is before the clock's last event "
                f"at {self.last_event_at.isoformat()}"
            )

    def pause(self, at: datetime, reason: str) -> Clock:
        """The clock paused at ``at`` for ``reason``.

        :raises ClockError: when already paused, or ``at`` precedes the last event.
        """
        if self.is_paused:
            raise ClockError(
                f"the clock is already paused since {self.pauses[-1].start.isoformat()}"
            )
        if not isinstance(reason, str) or not reason.strip():
            raise ClockError("a pause needs a reason, e.g. 'supplement requested'")
        self._check_order(at, "pause")
        return attrs.evolve(self, pauses=(*self.pauses, Pause(at, reason)))

    def resume(self, at: datetime) -> Clock:
        """The clock resumed at ``at``.

        :raises ClockError: when not paused, or ``at`` precedes the pause.
        """
        if not self.is_paused:
            raise ClockError("the clock is running; only a paused clock can resume")
        self._check_order(at, "resume")
        ended = attrs.evolve(self.pauses[-1], end=at)
        return attrs.evolve(self, pauses=(*self.pauses[:-1], ended))

    # -- questions --------------------------------------------------------------

    def _check_at(self, at: datetime) -> None:
        if not isinstance(at, datetime):
            raise ClockError(f"the clock is read at a datetime, got {shown(at)}")
        if (at.tzinfo is None) != (self.started_at.tzinfo is None):
            raise ClockError("read a clock with the same kind (naive or aware) it started with")

    @property
    def pause_unit(self) -> DurationUnit:
        """How a pause moves the deadline under ``PAUSE``.

        * ``WORKING_DAYS`` for whole working days or same-day processing under
          ``END_OF_DAY``: the deadline moves by the working days in
          ``(pause day, resumption day]`` — the resumption day is not counted, as the
          Civil Code counts days (Art. 147 cl. 1);
        * ``CALENDAR_DAYS`` for calendar-day and month durations: by the calendar
          days between the pause day and the resumption day, then to a working day;
        * ``WORKING_HOURS`` otherwise (office-time policy, hours, fractional days):
          by the office time paused.
        """
        if self.duration.unit.counts_every_day:
            return DurationUnit.CALENDAR_DAYS
        if self.policy is DeadlinePolicy.END_OF_DAY and not self.duration.is_office_time:
            return DurationUnit.WORKING_DAYS
        return DurationUnit.WORKING_HOURS

    def _since_start(self, at: datetime) -> tuple[datetime, list[tuple[datetime, datetime]]]:
        """The (re)start instant in force at ``at`` and the pauses since, cut at ``at``."""
        origin = self.started_at
        intervals: list[tuple[datetime, datetime]] = []
        for pause in self.pauses:
            if pause.start > at:  # events at `at` itself have happened
                break
            end = at if pause.end is None or pause.end > at else pause.end
            if self.rule is ClockRule.RESTART:
                origin, intervals = end, []
            else:
                intervals.append((pause.start, end))
        return origin, intervals

    def _paused_office_time(self, intervals: list[tuple[datetime, datetime]]) -> timedelta:
        return sum(
            (self.calendar.working_time_between(start, end) for start, end in intervals),
            timedelta(),
        )

    def _shift(self, start: datetime, end: datetime) -> timedelta | int:
        """How far one pause moves the deadline, in :attr:`pause_unit`.

        A supplement that arrives outside office hours counts from the next opening,
        like a receipt: for day-counted deadlines the pause lasts until then.
        """
        cal = self.calendar
        unit = self.pause_unit
        if unit is DurationUnit.WORKING_HOURS:
            return cal.working_time_between(start, end)
        first, last = to_local(start).date(), to_local(cal.receipt_moment(end)).date()
        if unit is DurationUnit.WORKING_DAYS:
            return cal.working_days_between(first, last)
        return (last - first).days

    @functools.cached_property
    def _pause_index(self) -> tuple[list[datetime], list[timedelta | int]]:
        """The pauses' starts, and the running total of the closed pauses' shifts.

        Built once per clock, so a question costs a bisection, not a walk over every
        pause.
        """
        starts = [pause.start for pause in self.pauses]
        totals: list[timedelta | int] = [
            timedelta() if self.pause_unit is DurationUnit.WORKING_HOURS else 0
        ]
        for pause in self.pauses[:-1]:
            assert pause.end is not None  # noqa: S101 - only the last pause may be open
            totals.append(totals[-1] + self._shift(pause.start, pause.end))  # type: ignore[operator]
        return starts, totals

    @functools.cached_property
    def _unpaused_due(self) -> datetime:
        """The deadline had the clock never paused, computed once per clock."""
        return self.calendar.deadline(self.started_at, self.duration, self.policy)

    def deadline(self, at: datetime | None = None) -> datetime:
        """The deadline as it stands at ``at`` (default: after every recorded event).

        Under ``PAUSE`` it is the original deadline moved by the pauses before ``at``
        (in the unit :attr:`pause_unit` says); under ``RESTART`` the full duration
        from the last resumption. A pause still open at ``at`` counts as if the clock
        resumed at ``at``. O(log p) in the number of pauses.
        """
        if at is None:
            at = self.last_event_at
        self._check_at(at)
        cal = self.calendar
        starts, totals = self._pause_index
        count = bisect_right(starts, at)  # the pauses begun by `at` (events at `at` count)
        if count == 0:
            return self._unpaused_due
        last = self.pauses[count - 1]
        end = at if last.end is None or last.end > at else last.end
        if self.rule is ClockRule.RESTART:
            return cal.deadline(end, self.duration, self.policy)
        due = self._unpaused_due
        shift = totals[count - 1] + self._shift(last.start, end)  # type: ignore[operator]
        if isinstance(shift, timedelta):
            return cal.add_working_hours(due, shift)
        day = to_local(due).date()
        if self.pause_unit is DurationUnit.WORKING_DAYS:
            day = cal.add_working_days(day, shift)
        else:
            day += timedelta(days=shift)
            if not cal.is_working_day(day):
                day = cal.add_working_days(day, 1)
        return cal.close_of_office(day, like=due)

    def elapsed(self, at: datetime) -> timedelta:
        """Office time the clock has run from its (re)start until ``at``, pauses excluded."""
        self._check_at(at)
        origin, intervals = self._since_start(at)
        receipt = self.calendar.receipt_moment(origin)
        if at <= receipt:
            return timedelta()
        return self.calendar.working_time_between(receipt, at) - self._paused_office_time(intervals)

    def remaining(self, at: datetime) -> timedelta:
        """Office time left until the deadline at ``at``; negative when overdue."""
        self._check_at(at)
        return self.calendar.working_time_between(at, self.deadline(at))
