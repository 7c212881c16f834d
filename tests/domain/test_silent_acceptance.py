"""What used to be accepted silently is refused, with a message naming the value."""

from datetime import date
from datetime import datetime
from decimal import Decimal

import pytest
from test_process import hanoi_copy_from_register

from onestop import Channel
from onestop import DurationUnit
from onestop import Level
from onestop.exceptions import CalendarRangeError
from onestop.exceptions import FeeError
from onestop.exceptions import InvalidProcessError
from onestop.exceptions import OneStopError
from onestop.exceptions import UsageError
from onestop.fees import Choice
from onestop.fees import Facts
from onestop.fees import Flat
from onestop.fees import Percentage
from onestop.fees import PerUnit
from onestop.fees import Sum
from onestop.testing.strategies import national_calendar

CAL = national_calendar()


def test_a_percentage_given_as_a_float_is_refused():
    with pytest.raises(FeeError, match="a float is inexact"):
        Percentage("value", 0.5)
    assert Percentage("value", "0.5").rate == Decimal("0.5")
    assert Percentage("value", 1).rate == Decimal(1)


def test_a_per_unit_cap_below_a_units_price_is_refused():
    with pytest.raises(FeeError, match="below one unit's price"):
        PerUnit("page", 1_000, first_units=2, first_price=2_000, cap=1_500)
    with pytest.raises(FeeError, match="needs first_units"):
        PerUnit("page", 1_000, first_price=2_000)


def test_negative_and_missing_facts_are_refused():
    with pytest.raises(FeeError, match="quantity 'page' must be a whole number >= 0"):
        Facts({"page": -1})
    with pytest.raises(FeeError, match="must be a whole number"):
        Facts({"page": 1.5})
    with pytest.raises(FeeError, match="needs the quantity 'page'"):
        PerUnit("page", 1_000).charge(Facts({"copy": 1}))
    with pytest.raises(FeeError, match="Channel"):
        Facts(channel="online")


def test_empty_sums_and_choices_are_refused():
    with pytest.raises(FeeError, match="at least one part"):
        Sum([])
    with pytest.raises(FeeError, match="at least one option"):
        Choice("applicant", [])
    with pytest.raises(FeeError, match="lists an option twice"):
        Choice("applicant", [("a", Flat(1)), ("a", Flat(2))])
    with pytest.raises(FeeError, match="pairs"):
        Choice("applicant", ["a"])


def test_a_process_needs_steps_and_dates_in_order():
    with pytest.raises(InvalidProcessError, match="at least one step"):
        hanoi_copy_from_register(steps=[])
    with pytest.raises(InvalidProcessError, match="before it is issued"):
        hanoi_copy_from_register(effective_date=date(2026, 5, 1))
    with pytest.raises(InvalidProcessError, match="before it takes effect"):
        hanoi_copy_from_register(valid_until=date(2026, 5, 19))


def test_timings_before_their_start_are_refused():
    process = hanoi_copy_from_register()
    start = datetime(2026, 6, 1, 8)
    with pytest.raises(InvalidProcessError, match="before it could start"):
        process.timings(CAL, start, [datetime(2026, 5, 29, 9)])
    with pytest.raises(InvalidProcessError, match="completed at a datetime"):
        process.timings(CAL, start, ["9:00"])


@pytest.mark.parametrize(
    "question",
    [
        lambda: CAL.office_hours_on(date(1900, 1, 1)),
        lambda: CAL.close_of_office(date(1900, 1, 1)),
        lambda: CAL.is_provisional(date(1900, 1, 1)),
        lambda: CAL.is_working_day(date(1900, 1, 1)),
    ],
)
def test_every_question_outside_the_years_raises_alike(question):
    with pytest.raises(CalendarRangeError, match="1900-01-01"):
        question()


@pytest.mark.parametrize(
    ("enum", "value"), [(Channel, "email"), (Level, 3), (DurationUnit, "weeks")]
)
def test_unknown_enum_values_name_what_is_accepted(enum, value):
    with pytest.raises(UsageError, match="accepted: ") as info:
        enum(value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, OneStopError)
