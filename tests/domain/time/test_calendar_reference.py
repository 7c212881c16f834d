"""The fast calendar agrees with the slow reference on every primitive.

Each property draws dates and instants over 2015–2035, often on office-hour
boundaries, from the national calendar and from province-style extensions of it.
"""

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from hypothesis import example
from hypothesis import given
from hypothesis import strategies as st
from reference import ReferenceCalendar

from onestop import Calendar
from onestop import DeadlinePolicy
from onestop.exceptions import CalendarRangeError
from onestop.testing import strategies as ost
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
REFERENCE = ReferenceCalendar(CAL)
STEPS = st.integers(-400, 400)
HOURS = st.one_of(
    st.integers(-300, 300).map(lambda h: timedelta(hours=h)),
    st.integers(-300 * 60, 300 * 60).map(lambda m: timedelta(minutes=m)),
    st.integers(-(10**6), 10**6).map(lambda s: timedelta(seconds=s)),
    st.integers(-(10**12), 10**12).map(lambda us: timedelta(microseconds=us)),
)


def as_hours(delta: timedelta) -> float:
    """The same office time as a float number of hours, when that is exact."""
    return delta / timedelta(hours=1)


def agree(fast, slow, *args):
    """Both raise CalendarRangeError, or both give the same answer."""
    try:
        expected = slow(*args)
    except CalendarRangeError:
        with pytest.raises(CalendarRangeError):
            fast(*args)
        return
    assert fast(*args) == expected


# Tết 2026, the 26/4/2025 make-up Saturday, the 22/8/2026 make-up Saturday,
# Vietnam Culture Day 24/11/2026 and the 2/1 ↔ 10/1/2026 swap.
KEY_DATES = [
    date(2026, 2, 13),
    date(2025, 4, 25),
    date(2026, 8, 21),
    date(2026, 11, 23),
    date(2025, 12, 31),
    date(2026, 1, 9),
]


@given(ost.dates())
@example(date(2026, 1, 10))
@example(date(2026, 1, 2))
@example(date(2025, 4, 26))
@example(date(2026, 8, 22))
@example(date(2026, 11, 24))
def test_is_working_day_matches_reference(day):
    assert CAL.is_working_day(day) == REFERENCE.is_working_day(day)


@given(ost.dates(), STEPS)
def test_add_working_days_matches_reference(day, n):
    agree(CAL.add_working_days, REFERENCE.add_working_days, day, n)


@pytest.mark.parametrize("day", KEY_DATES)
@pytest.mark.parametrize("n", [-6, -1, 0, 1, 2, 3, 5, 8])
def test_add_working_days_around_key_dates(day, n):
    assert CAL.add_working_days(day, n) == REFERENCE.add_working_days(day, n)


@given(ost.dates(), ost.dates())
def test_working_days_between_matches_reference(a, b):
    assert CAL.working_days_between(a, b) == REFERENCE.working_days_between(a, b)


@given(ost.local_datetimes(), ost.local_datetimes(max_value=datetime(2035, 12, 31)))
def test_working_time_between_matches_reference(t1, t2):
    if abs(t2 - t1) > timedelta(days=800):  # keep the slow walk short
        t2 = t1 + (t2 - t1) % timedelta(days=800)
    agree(CAL.working_time_between, REFERENCE.working_time_between, t1, t2)


@given(ost.local_datetimes(), HOURS)
@example(datetime(2026, 2, 13, 16), timedelta(hours=2))
@example(datetime(2026, 11, 23, 17), timedelta(hours=0))
@example(datetime(2026, 11, 25, 8), timedelta(hours=-8))
def test_add_working_hours_matches_reference(moment, hours):
    agree(CAL.add_working_hours, REFERENCE.add_working_hours, moment, hours)
    if hours % timedelta(minutes=15) == timedelta():  # exact in binary floating point
        agree(
            lambda m, _: CAL.add_working_hours(m, as_hours(hours)),
            REFERENCE.add_working_hours,
            moment,
            hours,
        )


@given(ost.local_datetimes(), st.sampled_from(list(DeadlinePolicy)), ost.durations(max_value=40))
def test_deadline_matches_reference(received_at, policy, duration):
    agree(
        CAL.deadline,
        REFERENCE.deadline,
        received_at,
        duration,
        policy,
    )


# -- province-style calendars: extra days off, make-up days, hours, seasons, cut-offs


@given(ost.calendars(), st.data())
def test_extended_calendars_match_reference(calendar: Calendar, data):
    reference = ReferenceCalendar(calendar)
    day = data.draw(ost.dates(calendar))
    assert calendar.is_working_day(day) == reference.is_working_day(day)
    n = data.draw(STEPS)
    agree(calendar.add_working_days, reference.add_working_days, day, n)
    other = data.draw(ost.dates(calendar))
    assert calendar.working_days_between(day, other) == reference.working_days_between(day, other)
    moment = data.draw(ost.local_datetimes(calendar))
    agree(calendar.add_working_hours, reference.add_working_hours, moment, data.draw(HOURS))
    later = moment + data.draw(st.timedeltas(timedelta(days=-40), timedelta(days=40)))
    agree(calendar.working_time_between, reference.working_time_between, moment, later)
    agree(calendar.receipt_moment, reference.receipt_moment, moment)
    duration = data.draw(ost.durations(max_value=30))
    policy = data.draw(st.sampled_from(list(DeadlinePolicy)))
    agree(calendar.deadline, reference.deadline, moment, duration, policy)
