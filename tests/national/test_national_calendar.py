"""The national calendar matches the official 2024–2026 schedules (domain brief §5.4)."""

from datetime import date

import holidays
import pytest

from onestop import DayKind
from onestop import vietnam_calendar
from onestop.exceptions import CalendarRangeError
from onestop.national import _civil_service_calendar as vietnam
from onestop.testing.strategies import national_calendar

CAL = national_calendar()

# Weekdays off and make-up Saturdays, as the domain brief's table lists them.
OFFICIAL_DAYS_OFF = [
    "2024-01-01",
    "2024-02-08",
    "2024-02-09",
    "2024-02-12",
    "2024-02-13",
    "2024-02-14",
    "2024-04-18",
    "2024-04-29",
    "2024-04-30",
    "2024-05-01",
    "2024-09-02",
    "2024-09-03",
    "2025-01-01",
    "2025-01-27",
    "2025-01-28",
    "2025-01-29",
    "2025-01-30",
    "2025-01-31",
    "2025-04-07",
    "2025-04-30",
    "2025-05-01",
    "2025-05-02",
    "2025-09-01",
    "2025-09-02",
    "2026-01-01",
    "2026-01-02",
    "2026-02-16",
    "2026-02-17",
    "2026-02-18",
    "2026-02-19",
    "2026-02-20",
    "2026-04-27",
    "2026-04-30",
    "2026-05-01",
    "2026-08-31",
    "2026-09-01",
    "2026-09-02",
    "2026-11-24",
]
OFFICIAL_MAKEUP_DAYS = ["2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22"]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_weekdays_off_are_exactly_the_official_ones(year):
    days = [
        date.fromordinal(o)
        for o in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1)
    ]
    off = {d.isoformat() for d in days if d.weekday() < 5 and not CAL.is_working_day(d)}
    assert off == {d for d in OFFICIAL_DAYS_OFF if d.startswith(str(year))}


@pytest.mark.parametrize("iso", OFFICIAL_MAKEUP_DAYS)
def test_makeup_saturdays_are_working_days(iso):
    day = date.fromisoformat(iso)
    assert day.weekday() == 5
    assert CAL.is_working_day(day)
    assert CAL.change_on(day).kind is DayKind.MAKEUP_DAY


def test_only_the_official_saturdays_are_working_in_2024_to_2026():
    for year in (2024, 2025, 2026):
        for ordinal in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1):
            day = date.fromordinal(ordinal)
            if day.weekday() >= 5 and CAL.is_working_day(day):
                assert day.isoformat() in OFFICIAL_MAKEUP_DAYS


@pytest.mark.parametrize("amendment", vietnam.AMENDMENTS, ids=lambda a: a.day.isoformat())
def test_holidays_still_lacks_each_amendment(amendment):
    """Fails when ``holidays`` carries an amendment itself: then drop it from AMENDMENTS."""
    raw = holidays.country_holidays("VN", years=amendment.day.year)
    if amendment.kind is DayKind.MAKEUP_DAY:
        already_there = amendment.day in raw.weekend_workdays
    else:
        already_there = amendment.day in raw
    assert not already_there, (
        f"holidays now has {amendment.day} itself; "
        "remove it from onestop.national._civil_service_calendar.AMENDMENTS"
    )


def test_amendments_cite_their_legal_source():
    for amendment in vietnam.AMENDMENTS:
        assert "12729/VPCP-KGVX" in amendment.source


def test_the_new_year_2026_swap_is_applied():
    assert not CAL.is_working_day(date(2026, 1, 2))
    assert CAL.is_working_day(date(2026, 1, 10))
    assert CAL.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
    assert CAL.working_days_between(date(2026, 1, 4), date(2026, 1, 11)) == 6


def test_culture_day_can_be_turned_off():
    without = vietnam_calendar(2026, 2027, culture_day=False)
    assert CAL.is_working_day(date(2026, 11, 24)) is False
    assert without.is_working_day(date(2026, 11, 24)) is True
    assert without.is_working_day(date(2027, 11, 24)) is True


def test_years_after_the_announced_schedule_are_provisional():
    assert vietnam.ANNOUNCED_UNTIL == 2026
    assert not CAL.is_provisional(date(2026, 12, 31))
    assert CAL.is_provisional(date(2027, 1, 1))


def test_names_in_both_languages():
    change = CAL.change_on(date(2026, 2, 16))
    assert change.label("en") == "Lunar New Year's Eve"
    assert change.label("vi") == "Giao thừa Tết Nguyên Đán"
    assert CAL.change_on(date(2026, 3, 3)) is None


@pytest.mark.parametrize(("first", "last"), [(2014, 2030), (2020, 2101), (2030, 2020)])
def test_unsupported_years_raise(first, last):
    with pytest.raises(CalendarRangeError, match="2015-2100"):
        vietnam_calendar(first, last)


@pytest.mark.parametrize("day", [date(2014, 12, 31), date(2036, 1, 1)])
def test_dates_outside_the_range_raise(day):
    with pytest.raises(CalendarRangeError, match="outside this calendar's range"):
        CAL.is_working_day(day)
    with pytest.raises(CalendarRangeError):
        CAL.add_working_days(day, 1)


def test_results_outside_the_range_raise():
    with pytest.raises(CalendarRangeError):
        CAL.add_working_days(date(2035, 12, 20), 30)
    with pytest.raises(CalendarRangeError):
        CAL.add_working_days(date(2015, 1, 5), -10)
