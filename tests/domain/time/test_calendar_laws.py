"""Named laws of working-time arithmetic, checked over 2015–2035 (STYLE.md §16)."""

import contextlib
from datetime import date
from datetime import datetime
from datetime import timedelta

from hypothesis import assume
from hypothesis import given
from hypothesis import strategies as st

from onestop import DeadlinePolicy
from onestop.exceptions import CalendarRangeError
from onestop.testing import strategies as ost
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
STEPS = st.integers(-200, 200)
INNER_DATES = ost.dates(min_value=date(2016, 1, 1), max_value=date(2034, 12, 31))
INNER_MOMENTS = ost.local_datetimes(
    min_value=datetime(2016, 1, 1), max_value=datetime(2034, 12, 31)
)
OFFICE_TIME = st.integers(0, 400 * 60).map(lambda minutes: timedelta(minutes=minutes))


@given(INNER_DATES, STEPS.filter(bool))
def test_the_result_is_always_a_working_day(day, n):
    assert CAL.is_working_day(CAL.add_working_days(day, n))


@given(INNER_DATES, STEPS, STEPS)
def test_add_working_days_is_strictly_increasing_in_n(day, m, n):
    assume(m != n)
    low, high = sorted((m, n))
    assert CAL.add_working_days(day, low) < CAL.add_working_days(day, high)


@given(INNER_DATES, st.integers(1, 200))
def test_counting_back_gives_n(day, n):
    assert CAL.working_days_between(day, CAL.add_working_days(day, n)) == n
    if CAL.is_working_day(day):
        assert CAL.working_days_between(day, CAL.add_working_days(day, -n)) == -n


@given(INNER_DATES, INNER_DATES)
def test_adding_the_count_never_passes_the_target(day, target):
    assume(day <= target)
    landed = CAL.add_working_days(day, CAL.working_days_between(day, target))
    assert landed <= target
    if CAL.is_working_day(day):  # DESIGN.md: then it is the last working day <= target
        assert CAL.is_working_day(landed)
        assert all(
            not CAL.is_working_day(landed + timedelta(days=i))
            for i in range(1, (target - landed).days + 1)
        )


@given(INNER_DATES, INNER_DATES)
def test_working_days_between_is_antisymmetric(a, b):
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)


@given(INNER_MOMENTS, OFFICE_TIME)
def test_office_time_round_trip(moment, office_time):
    later = CAL.add_working_hours(moment, office_time)
    assert later >= moment
    assert CAL.working_time_between(moment, later) == office_time


@given(INNER_MOMENTS, INNER_MOMENTS)
def test_adding_the_office_time_between_reaches_the_same_position(t1, t2):
    assume(t1 <= t2)
    landed = CAL.add_working_hours(t1, CAL.working_time_between(t1, t2))
    assert landed <= max(t2, CAL.receipt_moment(t1))
    assert CAL.working_time_between(landed, t2) == timedelta()


@given(INNER_MOMENTS, OFFICE_TIME, OFFICE_TIME)
def test_add_working_hours_is_monotonic(moment, h1, h2):
    low, high = sorted((h1, h2))
    assert CAL.add_working_hours(moment, low) <= CAL.add_working_hours(moment, high)


@given(INNER_MOMENTS, INNER_MOMENTS, INNER_MOMENTS)
def test_office_time_adds_up(t1, t2, t3):
    total = CAL.working_time_between(t1, t2) + CAL.working_time_between(t2, t3)
    assert total == CAL.working_time_between(t1, t3)


def test_a_makeup_saturday_counts_as_a_working_day():
    for saturday in (date(2024, 5, 4), date(2025, 4, 26), date(2026, 1, 10), date(2026, 8, 22)):
        friday = saturday - timedelta(days=1)
        assert CAL.working_days_between(friday, saturday) == 1
        assert CAL.working_time_between(
            datetime.combine(saturday, datetime.min.time()),
            datetime.combine(saturday, datetime.max.time()),
        ) == timedelta(hours=8)


@given(INNER_MOMENTS, ost.durations(max_value=30), st.sampled_from(list(DeadlinePolicy)))
def test_a_deadline_falls_on_a_working_day_at_or_after_receipt(received, duration, policy):
    due = CAL.deadline(received, duration, policy)
    assert due >= CAL.receipt_moment(received)
    assert CAL.is_working_day(due.date())


@given(
    INNER_MOMENTS,
    ost.durations(max_value=30),
    st.sampled_from(list(DeadlinePolicy)),
    st.lists(ost.day_changes(CAL).filter(lambda c: not c.kind.is_working), max_size=10),
)
def test_a_province_day_off_never_moves_a_deadline_earlier(received, duration, policy, days_off):
    extended = CAL.with_changes(*days_off)
    # The extended deadline may leave the calendar: then there is nothing to compare.
    with contextlib.suppress(CalendarRangeError):
        later = extended.deadline(received, duration, policy)
        assert later >= CAL.deadline(received, duration, policy)


@given(ost.seasonal_hours(), INNER_DATES)
def test_each_day_gets_its_seasons_office_time(season, day):
    cal = CAL.with_season(season.first, season.last, season.hours)
    assume(cal.is_working_day(day))
    start = datetime.combine(day, datetime.min.time())
    expected = season.hours.total if season.covers(day) else CAL.office_hours.total
    assert cal.working_time_between(start, start + timedelta(days=1)) == expected
