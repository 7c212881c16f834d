"""The SLA clock: start, pause with a reason, resume; pause and restart procedures."""

from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop import Clock
from onestop import ClockRule
from onestop import DeadlinePolicy
from onestop import Duration
from onestop import DurationUnit
from onestop.exceptions import ClockError
from onestop.testing import strategies as ost
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
MONDAY_10 = datetime(2026, 11, 16, 10)
THREE_DAYS = Duration.working_days(3)


def test_a_running_clock():
    clock = Clock.start(CAL, MONDAY_10, THREE_DAYS)
    assert clock.deadline() == datetime(2026, 11, 19, 17)
    assert clock.elapsed(datetime(2026, 11, 16, 15)) == timedelta(hours=4)
    assert clock.remaining(datetime(2026, 11, 16, 15)) == timedelta(hours=2 + 3 * 8)
    assert clock.remaining(datetime(2026, 11, 20, 9)) == -timedelta(hours=1)
    assert not clock.is_paused


def test_an_office_time_pause_moves_the_deadline_by_the_paused_office_time():
    clock = Clock.start(CAL, MONDAY_10, THREE_DAYS, policy=DeadlinePolicy.OFFICE_TIME)
    assert clock.pause_unit is DurationUnit.WORKING_HOURS
    clock = clock.pause(datetime(2026, 11, 17, 10), "supplement requested")
    assert clock.is_paused
    # While paused, the deadline moves on and the remaining time stays frozen.
    assert clock.remaining(datetime(2026, 11, 17, 10)) == clock.remaining(
        datetime(2026, 11, 18, 16)
    )
    assert clock.deadline(datetime(2026, 11, 17, 12)) == datetime(2026, 11, 19, 12)
    resumed = clock.resume(datetime(2026, 11, 18, 10))  # paused 8 office hours
    assert resumed.deadline() == datetime(2026, 11, 20, 10)
    assert resumed.pauses[0].reason == "supplement requested"
    assert resumed.elapsed(datetime(2026, 11, 18, 11)) == timedelta(hours=6 + 2 + 1)


def test_an_end_of_day_pause_moves_the_deadline_by_whole_working_days():
    clock = Clock.start(CAL, MONDAY_10, THREE_DAYS)  # due Thursday 19/11 17:00
    assert clock.pause_unit is DurationUnit.WORKING_DAYS
    paused = clock.pause(datetime(2026, 11, 17, 10), "supplement requested")
    assert paused.deadline(datetime(2026, 11, 17, 16)) == datetime(2026, 11, 19, 17)  # same day
    assert paused.resume(datetime(2026, 11, 17, 16)).deadline() == datetime(2026, 11, 19, 17)
    # Resumed the next day: (17/11, 18/11] holds one working day.
    assert paused.resume(datetime(2026, 11, 18, 10)).deadline() == datetime(2026, 11, 20, 17)
    # Resumed Monday 23/11: 18, 19, 20, 23/11 → four days later, skipping 24/11.
    assert paused.resume(datetime(2026, 11, 23, 9)).deadline() == datetime(2026, 11, 26, 17)


def test_a_calendar_day_pause_moves_the_deadline_by_calendar_days():
    clock = Clock.start(CAL, MONDAY_10, Duration.calendar_days(10))  # due Thursday 26/11
    assert clock.pause_unit is DurationUnit.CALENDAR_DAYS
    assert clock.deadline() == datetime(2026, 11, 26, 17)
    clock = clock.pause(datetime(2026, 11, 17, 10), "x").resume(datetime(2026, 11, 19, 10))
    assert clock.deadline() == datetime(2026, 11, 30, 17)  # Saturday 28 → Monday 30


def test_a_pause_across_tet():
    clock = Clock.start(CAL, datetime(2026, 2, 11, 10), Duration.working_days(5))
    assert clock.deadline() == datetime(2026, 2, 25, 17)
    clock = clock.pause(datetime(2026, 2, 12, 10), "missing land-use map").resume(
        datetime(2026, 2, 24, 10)
    )
    # Paused 12/2 10:00 → 24/2 10:00: 6 + 8 + 8 + 2 office hours (Tết does not count).
    assert CAL.working_time_between(
        datetime(2026, 2, 12, 10), datetime(2026, 2, 24, 10)
    ) == timedelta(hours=24)
    assert clock.deadline() == datetime(2026, 3, 2, 17)


def test_restart_starts_the_full_period_again():
    clock = Clock.start(CAL, MONDAY_10, THREE_DAYS, rule=ClockRule.RESTART)
    clock = clock.pause(datetime(2026, 11, 17, 10), "incomplete").resume(datetime(2026, 11, 20, 9))
    assert clock.deadline() == datetime(2026, 11, 26, 17)  # 3 working days after Friday; 24/11 off
    assert clock.elapsed(datetime(2026, 11, 20, 11)) == timedelta(hours=2)


def test_events_at_the_instant_asked_about_have_happened():
    resumed_at = datetime(2026, 11, 20, 9)
    clock = Clock.start(CAL, MONDAY_10, THREE_DAYS, rule=ClockRule.RESTART)
    clock = clock.pause(datetime(2026, 11, 17, 10), "incomplete").resume(resumed_at)
    assert clock.elapsed(resumed_at) == timedelta()
    assert clock.deadline(resumed_at) == clock.deadline()
    # Just before, the clock was paused: it answers as if resumed then, the same day.
    assert clock.deadline(resumed_at - timedelta(microseconds=1)) == datetime(2026, 11, 26, 17)


def test_office_time_policy_clock():
    clock = Clock.start(CAL, MONDAY_10, THREE_DAYS, policy=DeadlinePolicy.OFFICE_TIME)
    assert clock.deadline() == datetime(2026, 11, 19, 10)


def test_aware_clocks():
    start = datetime(2026, 11, 16, 3, tzinfo=UTC)
    clock = Clock.start(CAL, start, THREE_DAYS)
    assert clock.deadline() == datetime(2026, 11, 19, 10, tzinfo=UTC)
    with pytest.raises(ClockError, match="naive and aware"):
        clock.pause(datetime(2026, 11, 17, 10), "x")


@pytest.mark.parametrize(
    ("action", "match"),
    [
        (lambda c: c.resume(datetime(2026, 11, 17)), "only a paused clock"),
        (lambda c: c.pause(datetime(2026, 11, 16, 9), "early"), "before the clock's last event"),
        (lambda c: c.pause(datetime(2026, 11, 17), " "), "needs a reason"),
        (
            lambda c: c.pause(datetime(2026, 11, 17), "x").pause(datetime(2026, 11, 18), "y"),
            "already paused",
        ),
        (
            lambda c: c.pause(datetime(2026, 11, 17), "x").resume(datetime(2026, 11, 16, 11)),
            "before",
        ),
        (lambda c: c.pause("2026-11-17", "x"), "needs a datetime"),
        (lambda c: c.remaining("now"), "read at a datetime"),
    ],
)
def test_illegal_clock_operations(action, match):
    with pytest.raises(ClockError, match=match):
        action(Clock.start(CAL, MONDAY_10, THREE_DAYS))


def test_clock_fields_are_checked():
    with pytest.raises(ClockError, match=r"Clock\.duration must be of type Duration"):
        Clock.start(CAL, MONDAY_10, "3 ngày làm việc")


@st.composite
def paused_clocks(draw):
    received = draw(
        ost.local_datetimes(min_value=datetime(2016, 1, 1), max_value=datetime(2033, 1, 1))
    )
    rule = draw(st.sampled_from(list(ClockRule)))
    clock = Clock.start(
        CAL,
        received,
        draw(ost.durations(max_value=20)),
        rule=rule,
        policy=draw(st.sampled_from(list(DeadlinePolicy))),
    )
    moment = received
    for _ in range(draw(st.integers(0, 3))):
        moment += draw(st.timedeltas(timedelta(0), timedelta(days=20)))
        clock = clock.pause(moment, "supplement")
        moment += draw(st.timedeltas(timedelta(0), timedelta(days=20)))
        clock = clock.resume(moment)
    return clock


@given(paused_clocks(), st.timedeltas(timedelta(0), timedelta(days=30)))
def test_the_deadline_never_moves_earlier_while_paused(clock, after):
    paused = clock.pause(clock.last_event_at, "again")
    assert paused.deadline(paused.last_event_at + after) >= paused.deadline(paused.last_event_at)


@given(paused_clocks())
def test_a_pause_never_shortens_a_deadline(clock):
    unpaused = Clock.start(clock.calendar, clock.started_at, clock.duration, policy=clock.policy)
    assert clock.deadline() >= unpaused.deadline()


@given(paused_clocks(), st.timedeltas(timedelta(0), timedelta(days=30)))
def test_paused_time_never_counts_as_elapsed(clock, after):
    at = clock.last_event_at + after
    paused = clock.pause(clock.last_event_at, "again")
    assert paused.elapsed(at) == paused.elapsed(paused.last_event_at)
    # A restart clock owes the full period from any resumption; a day-counted pause
    # moves the deadline by whole days, so only office-time pauses freeze the rest.
    if clock.rule is ClockRule.PAUSE and clock.pause_unit is DurationUnit.WORKING_HOURS:
        assert paused.remaining(at) == paused.remaining(paused.last_event_at)


def walked_deadline(clock, at):
    """A slow reference: walk every pause begun by ``at`` and add up its effect."""
    cal = clock.calendar
    origin, shifts = clock.started_at, []
    for pause in clock.pauses:
        if pause.start > at:
            break
        end = at if pause.end is None or pause.end > at else pause.end
        if clock.rule is ClockRule.RESTART:
            origin, shifts = end, []
        else:
            shifts.append((pause.start, end))
    due = cal.deadline(origin, clock.duration, clock.policy)
    if not shifts:
        return due
    unit = clock.pause_unit
    if unit is DurationUnit.WORKING_HOURS:
        paused = sum((cal.working_time_between(s, e) for s, e in shifts), timedelta())
        return cal.add_working_hours(due, paused)
    day = due.date()
    for start, end in shifts:
        resumed = cal.receipt_moment(end).date()
        if unit is DurationUnit.WORKING_DAYS:
            day = cal.add_working_days(day, cal.working_days_between(start.date(), resumed))
        else:
            day += timedelta(days=(resumed - start.date()).days)
    if not cal.is_working_day(day):
        day = cal.add_working_days(day, 1)
    return cal.close_of_office(day)


@given(
    paused_clocks(),
    st.lists(
        st.tuples(
            st.timedeltas(timedelta(minutes=1), timedelta(days=4)),
            st.timedeltas(timedelta(0), timedelta(days=4)),
        ),
        max_size=6,
    ),
    st.timedeltas(timedelta(0), timedelta(days=40)),
    st.sampled_from(list(ClockRule)),
)
def test_the_indexed_deadline_agrees_with_walking_every_pause(clock, gaps, asked, rule):
    clock = Clock.start(
        clock.calendar, clock.started_at, clock.duration, policy=clock.policy, rule=rule
    )
    at = clock.started_at
    for gap, length in gaps:
        at += gap
        clock = clock.pause(at, "supplement")
        at += length
        clock = clock.resume(at)
    moment = clock.started_at + asked
    assert clock.deadline(moment) == walked_deadline(clock, moment)
