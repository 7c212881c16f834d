"""Provinces extend the national calendar; every extension is a new immutable value."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import attrs
import pytest

from onestop import Calendar
from onestop import DayChange
from onestop import DayKind
from onestop import Duration
from onestop import OfficeHours
from onestop import SeasonalHours
from onestop.exceptions import CalendarConfigError
from onestop.exceptions import CalendarInputError
from onestop.exceptions import CalendarRangeError
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
SOURCE = "Decision 123/QĐ-UBND (test)"


def test_extensions_return_new_calendars_and_leave_the_original_alone():
    extended = CAL.with_days_off(
        [date(2026, 3, 3)], name="Liberation of the province", source=SOURCE
    )
    assert extended is not CAL
    assert CAL.is_working_day(date(2026, 3, 3))
    assert not extended.is_working_day(date(2026, 3, 3))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        CAL.first_year = 2000  # type: ignore[misc]
    assert extended == CAL.with_days_off(
        [date(2026, 3, 3)], name="Liberation of the province", source=SOURCE
    )


def test_local_day_off_shifts_deadlines():
    extended = CAL.with_days_off(
        [date(2026, 11, 17)], name="Local day off", name_vi="Nghỉ", source=SOURCE
    )
    received = datetime(2026, 11, 16, 10)
    assert CAL.deadline(received, Duration.working_days(1)) == datetime(2026, 11, 17, 17)
    assert extended.deadline(received, Duration.working_days(1)) == datetime(2026, 11, 18, 17)
    assert extended.change_on(date(2026, 11, 17)).label("vi") == "Nghỉ"


def test_closure_and_makeup_day():
    storm = CAL.with_closures([date(2026, 11, 18), date(2026, 11, 19)], name="Storm", source=SOURCE)
    assert storm.change_on(date(2026, 11, 18)).kind is DayKind.CLOSURE
    assert storm.add_working_days(date(2026, 11, 17), 1) == date(2026, 11, 20)
    saturday = CAL.with_makeup_days([date(2026, 11, 21)], source=SOURCE)
    assert saturday.is_working_day(date(2026, 11, 21))
    assert saturday.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 21)


def test_a_later_change_of_the_same_date_wins():
    cal = CAL.with_makeup_days([date(2026, 2, 21)], source=SOURCE)  # Saturday after Tết
    assert cal.is_working_day(date(2026, 2, 21))
    cal = cal.with_closures([date(2026, 2, 21)], name="Closed again", source=SOURCE)
    assert not cal.is_working_day(date(2026, 2, 21))


def test_a_make_up_working_day_is_a_weekend_day():
    with pytest.raises(CalendarConfigError, match="is a weekday"):
        CAL.with_makeup_days([date(2026, 2, 16)], source=SOURCE)


def test_office_hours_with_several_intervals():
    cal = CAL.with_office_hours("07:00-09:00, 10:00-12:00, 14:00-18:00")
    assert cal.office_hours.total == timedelta(hours=8)
    monday = datetime(2026, 11, 16, 8)
    assert cal.add_working_hours(monday, 2) == datetime(2026, 11, 16, 11)
    assert cal.add_working_hours(monday, 3) == datetime(2026, 11, 16, 12)
    assert cal.add_working_hours(monday, 3.5) == datetime(2026, 11, 16, 14, 30)
    assert cal.working_time_between(monday, datetime(2026, 11, 16, 15)) == timedelta(hours=4)
    assert cal.deadline(monday, Duration.working_days(1)) == datetime(2026, 11, 17, 18)


def test_seasonal_hours_change_at_the_boundaries():
    # Nghệ An summer: 16/4–15/10 07:00-11:30, 13:30-17:00.
    cal = CAL.with_season((4, 16), (10, 15), "07:00-11:30, 13:30-17:00", name="summer")
    assert cal.office_hours_on(date(2026, 4, 15)) == CAL.office_hours
    assert str(cal.office_hours_on(date(2026, 4, 16))) == "07:00-11:30, 13:30-17:00"
    assert str(cal.office_hours_on(date(2026, 10, 15))) == "07:00-11:30, 13:30-17:00"
    assert cal.office_hours_on(date(2026, 10, 16)) == CAL.office_hours
    # Wednesday 15/4 16:00 + 2 h: one hour on the winter day, one from 07:00 on the summer day.
    assert cal.add_working_hours(datetime(2026, 4, 15, 16), 2) == datetime(2026, 4, 16, 8)
    assert cal.deadline(datetime(2026, 4, 15, 9), Duration.working_days(1)) == datetime(
        2026, 4, 16, 17
    )


def test_a_winter_season_wraps_the_year_end():
    winter = SeasonalHours((11, 1), (3, 31), OfficeHours.parse("07:30-12:00, 13:00-16:30"))
    assert winter.covers(date(2026, 12, 31))
    assert winter.covers(date(2027, 1, 1))
    assert winter.covers(date(2027, 3, 31))
    assert not winter.covers(date(2027, 4, 1))
    assert not winter.covers(date(2026, 10, 31))


def test_overlapping_seasons_are_refused():
    cal = CAL.with_season((4, 16), (10, 15), "07:00-11:30, 13:30-17:00", name="summer")
    with pytest.raises(CalendarConfigError, match="overlap on 01/10"):
        cal.with_season((10, 1), (3, 31), "07:30-11:30, 13:00-17:00", name="winter")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "8-12",
        "08:00-12:00 13:00-17:00",
        "12:00-08:00",
        "08:00-12:00, 11:00-17:00",
        "25:00-26:00",
    ],
)
def test_bad_office_hours_are_refused(text):
    with pytest.raises(CalendarConfigError):
        OfficeHours.parse(text)


def test_bad_settings_are_refused():
    with pytest.raises(CalendarConfigError, match="month, day"):
        SeasonalHours((2, 30), (3, 1), OfficeHours.parse("08:00-12:00"))
    with pytest.raises(CalendarConfigError, match="first_year <= last_year"):
        Calendar(2030, 2020)
    with pytest.raises(CalendarConfigError, match=r"naive datetime\.time"):
        CAL.with_reception_cutoff("16:00")  # type: ignore[arg-type]
    with pytest.raises(CalendarConfigError, match="DayChange"):
        CAL.with_changes("2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(CalendarConfigError, match=r"datetime\.date"):
        DayChange(datetime(2026, 1, 1), DayKind.DAY_OFF, "x", "x", "y")
    with pytest.raises(CalendarConfigError, match="non-empty"):
        DayChange(date(2026, 1, 1), DayKind.DAY_OFF, "x", "x", " ")
    with pytest.raises(CalendarConfigError, match=r"DayChange\.kind must be of type DayKind"):
        DayChange(date(2026, 1, 1), "day_off", "x", "x", "y")
    with pytest.raises(CalendarConfigError, match=r"Calendar\.announced_until must be of type int"):
        Calendar(2026, 2026, announced_until=True)
    with pytest.raises(
        CalendarConfigError, match=r"SeasonalHours\.hours must be of type OfficeHours"
    ):
        SeasonalHours((1, 1), (2, 1), "08:00-12:00")
    with pytest.raises(CalendarRangeError, match="outside this calendar's years"):
        CAL.with_days_off([date(2040, 1, 1)], name="Too late", source=SOURCE)


def test_a_plain_calendar_without_national_data():
    cal = Calendar(2026, 2026)
    assert cal.is_working_day(date(2026, 2, 17))  # no holidays at all
    assert cal.add_working_days(date(2026, 12, 30), 1) == date(2026, 12, 31)
    with pytest.raises(CalendarRangeError):
        cal.add_working_days(date(2026, 12, 30), 2)
    with pytest.raises(CalendarRangeError):
        cal.add_working_hours(datetime(2026, 12, 31, 16), 2)
    assert cal.same_day_cutoff == time(15)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: CAL.is_working_day("2026-01-01"), "expected a date"),
        (lambda: CAL.add_working_days("2026-01-01", 1), "expected a date"),
        (lambda: CAL.add_working_days(date(2026, 1, 5), 1.5), "must be an int"),
        (lambda: CAL.add_working_days(date(2026, 1, 5), True), "must be an int"),  # noqa: FBT003
        (lambda: CAL.working_days_between(date(2026, 1, 5), None), "expected a date"),
        (lambda: CAL.add_working_hours(date(2026, 1, 5), 2), "expected a datetime"),
        (lambda: CAL.add_working_hours(datetime(2026, 1, 5, 9), "2"), "number of hours"),
        (lambda: CAL.add_working_hours(datetime(2026, 1, 5, 9), float("nan")), "number of hours"),
        (
            lambda: CAL.working_time_between(date(2026, 1, 5), datetime(2026, 1, 6)),
            "expected a datetime",
        ),
        (lambda: CAL.receipt_moment("now"), "expected a datetime"),
    ],
)
def test_wrong_types_raise_calendar_input_error(call, match):
    with pytest.raises(CalendarInputError, match=match) as info:
        call()
    assert isinstance(info.value, TypeError)
