"""The worked examples of the domain brief (§12), each with the deadline it expects."""

from datetime import datetime

import pytest

from onestop import Clock
from onestop import Duration
from onestop import vietnam_calendar
from onestop.testing.strategies import national_calendar

CAL = national_calendar()


def end_of(year, month, day):
    return datetime(year, month, day, 17)


@pytest.mark.parametrize(
    ("number", "received", "duration", "due"),
    [
        (1, datetime(2025, 3, 10, 9), "5 ngày làm việc", end_of(2025, 3, 17)),
        (2, datetime(2025, 4, 24, 10), "2 ngày làm việc", end_of(2025, 4, 26)),
        (3, datetime(2025, 4, 25, 10), "3 ngày làm việc", end_of(2025, 4, 29)),
        (4, datetime(2025, 4, 29, 14), "2 ngày làm việc", end_of(2025, 5, 6)),
        (5, datetime(2025, 8, 29, 11), "1 ngày làm việc", end_of(2025, 9, 3)),
        (6, datetime(2025, 12, 31, 15), "2 ngày làm việc", end_of(2026, 1, 6)),
        (7, datetime(2026, 1, 9, 10), "1 ngày làm việc", end_of(2026, 1, 10)),
        (8, datetime(2026, 2, 12, 9), "3 ngày làm việc", end_of(2026, 2, 24)),
        (9, datetime(2026, 2, 9, 8, 30), "15 ngày làm việc", end_of(2026, 3, 9)),
        (10, datetime(2026, 2, 13, 15, 30), "trong ngày", end_of(2026, 2, 23)),
        (11, datetime(2026, 2, 13, 14), "8 giờ làm việc", datetime(2026, 2, 23, 14)),
        (12, datetime(2026, 2, 14, 21), "1 ngày làm việc", end_of(2026, 2, 24)),
        (13, datetime(2026, 2, 2, 10), "30 ngày", end_of(2026, 3, 4)),
        (14, datetime(2026, 2, 7, 10), "10 ngày", end_of(2026, 2, 23)),
        (15, datetime(2026, 4, 24, 10), "1 ngày làm việc", end_of(2026, 4, 28)),
        (16, datetime(2026, 8, 21, 9), "1 ngày làm việc", end_of(2026, 8, 22)),
        (17, datetime(2026, 8, 28, 9), "2 ngày làm việc", end_of(2026, 9, 4)),
        (18, datetime(2026, 11, 23, 10), "1 ngày làm việc", end_of(2026, 11, 25)),
    ],
)
def test_worked_example(number, received, duration, due):
    assert CAL.deadline(received, Duration.parse(duration)) == due, f"example {number}"


def test_example_1_under_the_same_time_of_day_convention():
    from onestop import DeadlinePolicy

    due = CAL.deadline(
        datetime(2025, 3, 10, 9), Duration.parse("5 ngày làm việc"), DeadlinePolicy.OFFICE_TIME
    )
    assert due == datetime(2025, 3, 17, 9)


def test_example_18_without_culture_day():
    without = vietnam_calendar(2026, 2026, culture_day=False)
    assert without.deadline(
        datetime(2026, 11, 23, 10), Duration.parse("1 ngày làm việc")
    ) == end_of(2026, 11, 24)


def test_example_19_supplement_during_processing_pauses_the_clock():
    """3 working days used; notice at the end of Thu 5/3; supplemented Mon 9/3 (not counted)."""
    clock = Clock.start(CAL, datetime(2026, 3, 2, 9), Duration.parse("10 ngày làm việc"))
    assert clock.deadline() == end_of(2026, 3, 16)
    clock = clock.pause(datetime(2026, 3, 5, 17), "supplement requested").resume(
        datetime(2026, 3, 9, 10)
    )
    assert clock.deadline() == end_of(2026, 3, 18)


def test_example_19_under_the_restart_model():
    from onestop import ClockRule

    clock = Clock.start(
        CAL, datetime(2026, 3, 2, 9), Duration.parse("10 ngày làm việc"), rule=ClockRule.RESTART
    )
    clock = clock.pause(datetime(2026, 3, 5, 17), "supplement requested").resume(
        datetime(2026, 3, 9, 10)
    )
    assert clock.deadline() == end_of(2026, 3, 23)
