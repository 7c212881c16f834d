"""What used to be accepted silently is refused, with a message naming the value."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from decimal import Decimal

import pytest
from test_process import hanoi_copy_from_register

from onestop import Actor
from onestop import Channel
from onestop import DurationUnit
from onestop import Level
from onestop import Role
from onestop.events import Paid
from onestop.events import PaymentRequested
from onestop.exceptions import CalendarRangeError
from onestop.exceptions import DossierError
from onestop.exceptions import FeeError
from onestop.exceptions import InvalidProcessError
from onestop.exceptions import OneStopError
from onestop.exceptions import UsageError
from onestop.fees import Choice
from onestop.fees import Facts
from onestop.fees import FeeBook
from onestop.fees import FeeLine
from onestop.fees import FeeSchedule
from onestop.fees import Flat
from onestop.fees import LegalBasis
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


@pytest.mark.parametrize("amount", [0, -1, 10**30, True, 1.0])
def test_a_payment_of_nothing_or_past_any_fee_is_refused(amount):
    actor = Actor("Cán bộ", {Role.RECEPTION_CLERK}, "000.00.12.H38")
    for kind in (PaymentRequested, Paid):
        with pytest.raises(DossierError, match=r"money in whole đồng from 1 to 1\.000"):
            kind(at=datetime(2026, 3, 2, 9), actor=actor, amount=amount)


def test_a_fee_past_the_largest_amount_is_refused_in_rules_and_assessments():
    with pytest.raises(FeeError, match=r"from 0 to 1\.000\.000\.000\.000\.000"):
        Flat(10**20)
    rule = PerUnit("page", 10**12)
    assert rule.charge(Facts({"page": 1000})) == 10**15  # the largest amount is accepted
    line = FeeLine("Phí", rule, LegalBasis("Thông tư 1/2026/TT-BTC"))
    book = FeeBook([FeeSchedule("1.000001", [line], date(2026, 1, 1))])
    assert book.assess("1.000001", Facts({"page": 1000}), date(2026, 3, 2)).total == 10**15
    with pytest.raises(FeeError, match="past"):
        book.assess("1.000001", Facts({"page": 1001}), date(2026, 3, 2))


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


def test_more_finished_steps_than_the_path_has_are_refused():
    process = hanoi_copy_from_register()
    start = datetime(2026, 6, 1, 8)
    steps = len(process.schedule(CAL, start))
    finished = [start + timedelta(hours=1 + i) for i in range(steps + 1)]
    assert len(process.timings(CAL, start, finished[:steps])) == steps
    with pytest.raises(InvalidProcessError, match=f"{steps + 1} finished steps given"):
        process.timings(CAL, start, finished)


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
