"""Duration.parse reads English and Vietnamese processing times and rejects the rest."""

import unicodedata
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop import Duration
from onestop import DurationUnit
from onestop import OneStopError
from onestop.exceptions import DurationError
from onestop.testing import strategies as ost

WD, WH, CD, SD = (
    DurationUnit.WORKING_DAYS,
    DurationUnit.WORKING_HOURS,
    DurationUnit.CALENDAR_DAYS,
    DurationUnit.SAME_DAY,
)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("3 working days", 3, WD),
        ("3 ngày làm việc", 3, WD),
        ("03 ngày làm việc", 3, WD),
        ("1 working day", 1, WD),
        ("4 giờ làm việc", 4, WH),
        ("4 giờ", 4, WH),
        ("8 working hours", 8, WH),
        ("15 ngày", 15, CD),
        ("15 calendar days", 15, CD),
        ("0,5 ngày làm việc", 0.5, WD),
        ("1.5 working days", 1.5, WD),
        ("trong ngày", 1, SD),
        ("Trong Ngày", 1, SD),
        ("same day", 1, SD),
        ("3d", 3, WD),
        ("4h", 4, WH),
        ("15cd", 15, CD),
        ("  5   NGÀY   LÀM   VIỆC ", 5, WD),
    ],
)
def test_parse_accepts(text, amount, unit):
    assert Duration.parse(text) == Duration(amount, unit)


def test_parse_accepts_decomposed_vietnamese():
    """Text pasted from some portals is in Unicode NFD; it reads the same."""
    assert Duration.parse(unicodedata.normalize("NFD", "3 ngày làm việc")) == Duration(3, WD)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "3",
        "ngày làm việc",
        "three working days",
        "3 weeks",
        "3 ngay lam viec",
        "-3 working days",
        "0 working days",
        "0,5 ngày",
        "1.5 calendar days",
        "3 working days please",
        "3,5,1 ngày",
        "trong tuần",
    ],
)
def test_parse_rejects_with_a_clear_message(text):
    with pytest.raises(DurationError) as info:
        Duration.parse(text)
    assert isinstance(info.value, OneStopError)
    assert isinstance(info.value, ValueError)
    assert repr(text) in str(info.value) or "positive" in str(info.value)


def test_parse_rejects_non_text():
    with pytest.raises(DurationError, match="parsed from text"):
        Duration.parse(3)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((0, WD), "positive"),
        ((-1, WH), "positive"),
        ((float("nan"), WD), "positive"),
        ((1.5, CD), "whole"),
        ((2, SD), "same-day"),
        (("3", WD), "number"),
        ((True, WD), "number"),
        ((3, "working_days"), "DurationUnit"),
    ],
)
def test_constructor_validates(args, match):
    with pytest.raises(DurationError, match=match):
        Duration(*args)


def test_integral_floats_print_as_integers():
    assert Duration(3.0, WD) == Duration(3, WD)
    assert str(Duration(3.0, WD)) == "3 working days"


@pytest.mark.parametrize(
    ("duration", "en", "vi"),
    [
        (Duration.working_days(1), "1 working day", "1 ngày làm việc"),
        (Duration.working_days(0.5), "0.5 working days", "0,5 ngày làm việc"),
        (Duration.working_hours(4), "4 working hours", "4 giờ làm việc"),
        (Duration.calendar_days(15), "15 calendar days", "15 ngày"),
        (Duration.same_day(), "same day", "trong ngày"),
    ],
)
def test_format_in_both_languages(duration, en, vi):
    assert duration.format("en") == en == str(duration)
    assert duration.format("vi") == vi


@given(ost.durations(), st.sampled_from(["en", "vi"]))
def test_format_then_parse_is_identity(duration, lang):
    assert Duration.parse(duration.format(lang)) == duration


def test_office_time():
    assert Duration.working_days(1.5).office_time == timedelta(hours=12)
    assert Duration.working_hours(4).office_time == timedelta(hours=4)
    assert Duration.working_days(0.5).is_office_time
    assert not Duration.working_days(3).is_office_time
    with pytest.raises(DurationError):
        _ = Duration.calendar_days(3).office_time
