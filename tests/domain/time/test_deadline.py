"""Deadlines under each policy and unit, on the examples DESIGN.md and the domain brief give."""

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import timezone

import pytest

from onestop import VIETNAM_TZ
from onestop import DeadlinePolicy
from onestop import Duration
from onestop.exceptions import DeadlineError
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
EOD, OFFICE = DeadlinePolicy.END_OF_DAY, DeadlinePolicy.OFFICE_TIME
MONDAY_10 = datetime(2026, 11, 16, 10)  # an ordinary week


@pytest.mark.parametrize(
    ("received", "text", "policy", "due"),
    [
        # DESIGN.md: Monday 10:00 + 3 working days.
        (MONDAY_10, "3 ngày làm việc", EOD, datetime(2026, 11, 19, 17)),
        (MONDAY_10, "3 ngày làm việc", OFFICE, datetime(2026, 11, 19, 10)),
        # Domain brief §5.2: Monday with 1 working day is due by the end of Tuesday.
        (datetime(2026, 11, 16, 9, 30), "1 working day", EOD, datetime(2026, 11, 17, 17)),
        (datetime(2026, 11, 16, 9, 30), "1 working day", OFFICE, datetime(2026, 11, 17, 9, 30)),
        # Across Tết 2026 (16–20 February off).
        (datetime(2026, 2, 13, 10), "3 ngày làm việc", EOD, datetime(2026, 2, 25, 17)),
        # Across the 2 January 2026 swap: Friday off, Saturday 10 January worked.
        (datetime(2025, 12, 31, 10), "2 working days", EOD, datetime(2026, 1, 6, 17)),
        (datetime(2026, 1, 8, 10), "2 working days", EOD, datetime(2026, 1, 10, 17)),
        # Across the make-up Saturday 26 April 2025 and 30/4–2/5 off.
        (datetime(2025, 4, 25, 10), "1 working day", EOD, datetime(2025, 4, 26, 17)),
        (datetime(2025, 4, 29, 10), "1 working day", EOD, datetime(2025, 5, 5, 17)),
        # Across Vietnam Culture Day (Tuesday 24 November 2026).
        (datetime(2026, 11, 23, 10), "1 working day", EOD, datetime(2026, 11, 25, 17)),
        # Received after closing: counts from the next opening.
        (datetime(2026, 11, 16, 18), "1 working day", EOD, datetime(2026, 11, 18, 17)),
        (datetime(2026, 11, 16, 18), "4 giờ làm việc", EOD, datetime(2026, 11, 17, 12)),
        # Received on a Saturday online: counts from Monday 08:00; 8 office hours
        # later is Monday 17:00, while end-of-day skips the receipt day itself.
        (datetime(2026, 11, 14, 21), "1 working day", OFFICE, datetime(2026, 11, 16, 17)),
        (datetime(2026, 11, 14, 21), "1 working day", EOD, datetime(2026, 11, 17, 17)),
        # Fractions and hours run in office time whatever the policy.
        (MONDAY_10, "0,5 ngày làm việc", EOD, datetime(2026, 11, 16, 15)),
        (MONDAY_10, "1.5 working days", EOD, datetime(2026, 11, 17, 15)),
        (MONDAY_10, "4h", EOD, datetime(2026, 11, 16, 15)),
        (MONDAY_10, "2h", OFFICE, datetime(2026, 11, 16, 12)),  # ends at 12:00, not 13:00
        (datetime(2026, 11, 16, 9), "8 giờ", EOD, datetime(2026, 11, 17, 9)),
        # Calendar days: first day not counted; a last day off moves to the next working day.
        (MONDAY_10, "15 ngày", EOD, datetime(2026, 12, 1, 17)),
        (MONDAY_10, "12 ngày", EOD, datetime(2026, 11, 30, 17)),  # Saturday 28 → Monday 30
        (datetime(2026, 2, 10, 10), "7 ngày", OFFICE, datetime(2026, 2, 23, 17)),  # Tết
        # Same day, with the 15:00 cut-off of Decree 23/2015 Art. 7.
        (MONDAY_10, "trong ngày", EOD, datetime(2026, 11, 16, 17)),
        (datetime(2026, 11, 16, 15), "trong ngày", EOD, datetime(2026, 11, 16, 17)),
        (datetime(2026, 11, 16, 15, 1), "trong ngày", EOD, datetime(2026, 11, 17, 17)),
        (datetime(2026, 11, 20, 16), "same day", EOD, datetime(2026, 11, 23, 17)),
        (datetime(2026, 11, 23, 16), "same day", EOD, datetime(2026, 11, 25, 17)),
    ],
)
def test_deadline(received, text, policy, due):
    assert CAL.deadline(received, Duration.parse(text), policy) == due


def test_end_of_day_is_the_default_policy():
    assert CAL.deadline(MONDAY_10, Duration.working_days(3)) == datetime(2026, 11, 19, 17)


def test_aware_in_aware_out():
    received = datetime(2026, 11, 16, 3, tzinfo=UTC)  # 10:00 in Hà Nội
    due = CAL.deadline(received, Duration.working_days(3))
    assert due.tzinfo is UTC
    assert due == datetime(2026, 11, 19, 17, tzinfo=VIETNAM_TZ)
    other = timezone(timedelta(hours=-5))
    due = CAL.deadline(received.astimezone(other), Duration.working_hours(2))
    assert due.tzinfo is other
    assert due == datetime(2026, 11, 16, 12, tzinfo=VIETNAM_TZ)


def test_receipt_moment():
    assert CAL.receipt_moment(datetime(2026, 11, 16, 12, 30)) == datetime(2026, 11, 16, 13)
    assert CAL.receipt_moment(datetime(2026, 11, 16, 7)) == datetime(2026, 11, 16, 8)
    assert CAL.receipt_moment(datetime(2026, 11, 16, 17)) == datetime(2026, 11, 17, 8)
    assert CAL.receipt_moment(datetime(2026, 2, 13, 17, 30)) == datetime(2026, 2, 23, 8)
    late = CAL.with_reception_cutoff(time(16))
    assert late.receipt_moment(datetime(2026, 11, 16, 16)) == datetime(2026, 11, 16, 16)
    assert late.receipt_moment(datetime(2026, 11, 16, 16, 0, 1)) == datetime(2026, 11, 17, 8)
    assert late.deadline(datetime(2026, 11, 16, 16, 30), Duration.working_days(1)) == datetime(
        2026, 11, 18, 17
    )


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((date(2026, 11, 16), Duration.working_days(1)), "must be a datetime"),
        ((MONDAY_10, "3 ngày làm việc"), "must be a Duration"),
        ((MONDAY_10, Duration.working_days(1), "end_of_day"), "DeadlinePolicy"),
    ],
)
def test_bad_arguments_raise_deadline_error(args, match):
    with pytest.raises(DeadlineError, match=match):
        CAL.deadline(*args)
