"""Months (Civil Code Art. 147–148) and the processing times the national database writes."""

from datetime import date
from datetime import datetime

import pytest

from onestop import Clock
from onestop import Duration
from onestop import DurationUnit
from onestop.exceptions import DurationError
from onestop.testing.strategies import national_calendar

CAL = national_calendar()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 Ngày làm việc", Duration.working_days(5)),
        ("30 Ngày", Duration.calendar_days(30)),
        ("1 Giờ", Duration.working_hours(1)),
        ("6 Tháng", Duration.months(6)),
        ("1.5 Ngày làm việc", Duration.working_days(1.5)),
        ("Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", Duration.working_days(5)),
        (
            "Không quá 05 ngày làm việc kể từ ngày nhận đầy đủ hồ sơ theo quy định.",
            Duration.working_days(5),
        ),
        ("Trong thời hạn 10 ngày làm việc, kể từ ngày nhận được đơn", Duration.working_days(10)),
        ("trong thời hạn một (01) ngày làm việc", Duration.working_days(1)),
        (
            "Trong thời hạn bảy ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            Duration.working_days(7),
        ),
        ("Trong thời hạn không quá 02 ngày làm việc", Duration.working_days(2)),
        ("Trong thời hạn 11 ngày kể từ ngày nhận đủ hồ sơ", Duration.calendar_days(11)),
        ("trong ngày", Duration.same_day()),
        (
            (
                "trong ngày làm việc nhận được hồ sơ hợp lệ; nếu thời điểm nhận hồ sơ sau 15 giờ "
                "cùng ngày thì hoàn thành trong ngày làm việc tiếp theo"
            ),
            Duration.same_day(),
        ),
        ("3 months", Duration.months(3)),
    ],
)
def test_the_portal_forms_and_legal_phrasings_are_read(text, expected):
    assert Duration.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1", "has no unit"),
        ("0", "has no unit"),
        ("0 ngày làm việc", "must be positive"),
        ("Không có thông tin", "gives no processing time"),
        ("1.5 Tháng", "must be whole"),
        ("một (02) ngày làm việc", "the words say 1 but the digits say 2"),
        ("trong ngày; nếu nhận sau 16 giờ thì trả trong ngày làm việc tiếp theo", "16:00"),
        ("99999999999999 ngày", "more than"),
    ],
)
def test_cells_without_a_readable_time_raise_and_never_guess(text, message):
    with pytest.raises(DurationError, match=message):
        Duration.parse(text)


def test_months_print_and_parse_back():
    months = Duration.months(6)
    assert str(months) == "6 months"
    assert months.format("vi") == "6 tháng"
    assert Duration.parse(months.format("vi")) == months
    assert Duration.parse(str(Duration.months(1))) == Duration.months(1)
    assert months.unit is DurationUnit.MONTHS
    assert months.unit.counts_every_day


@pytest.mark.parametrize(
    ("received", "months", "due"),
    [
        # Same-numbered day of the last month, a working day: no roll.
        (datetime(2026, 3, 10, 9), 1, datetime(2026, 4, 10, 17)),
        # 31 January + 1 month: February has no 31st, so its last day (Saturday 28/2),
        # then the next working day (Art. 148 cl. 2).
        (datetime(2026, 1, 31, 9), 1, datetime(2026, 3, 2, 17)),
        # 31 July + 7 months ends on the last day of February 2027 (Sunday) → Monday 1/3.
        (datetime(2026, 7, 31, 9), 7, datetime(2027, 3, 1, 17)),
        # Received on Mon 31/8/2026, a swapped day off: counts from Thu 3/9 (2/9 and 1/9
        # are National Day), so 6 months end on 3/3/2027.
        (datetime(2026, 8, 31, 9), 6, datetime(2027, 3, 3, 17)),
        # Received on a day off: counts from the next opening (Monday 5/1), so 5/2.
        (datetime(2026, 1, 3, 9), 1, datetime(2026, 2, 5, 17)),
    ],
)
def test_months_follow_the_civil_code(received, months, due):
    assert CAL.deadline(received, Duration.months(months)) == due


def test_a_month_period_never_ends_on_a_day_off():
    for day in range(1, 29):
        due = CAL.deadline(datetime(2026, 1, day, 10), Duration.months(1))
        assert CAL.is_working_day(due.date())


@pytest.mark.parametrize(
    "resumed",
    [
        datetime(2026, 3, 6, 18),  # Friday evening, after closing
        datetime(2026, 3, 7, 10),  # Saturday
        datetime(2026, 3, 9, 8),  # Monday, the next opening
    ],
)
def test_a_supplement_outside_office_hours_counts_from_the_next_opening(resumed):
    # Brief example 19's dossier: received Mon 2/3/2026, 10 working days; paused at the
    # end of Thu 5/3. Arriving any time until Monday's opening, the supplement counts
    # from Monday 08:00: Fri 6/3 and Mon 9/3 are added, so the deadline is Wed 18/3.
    clock = Clock.start(CAL, datetime(2026, 3, 2, 9), Duration.parse("10 ngày làm việc"))
    clock = clock.pause(datetime(2026, 3, 5, 17), "supplement requested").resume(resumed)
    assert clock.deadline() == datetime(2026, 3, 18, 17)


def test_a_supplement_in_office_hours_counts_from_its_day():
    clock = Clock.start(CAL, datetime(2026, 3, 2, 9), Duration.parse("10 ngày làm việc"))
    clock = clock.pause(datetime(2026, 3, 5, 17), "supplement").resume(datetime(2026, 3, 6, 10))
    assert clock.deadline() == datetime(2026, 3, 17, 17)


def test_calendar_day_pauses_count_from_the_next_opening_too():
    clock = Clock.start(CAL, datetime(2026, 3, 2, 9), Duration.calendar_days(30))
    friday = clock.pause(datetime(2026, 3, 4, 10), "supplement").resume(datetime(2026, 3, 6, 18))
    monday = clock.pause(datetime(2026, 3, 4, 10), "supplement").resume(datetime(2026, 3, 9, 8))
    assert friday.deadline() == monday.deadline()
    assert monday.deadline().date() > date(2026, 4, 1)
