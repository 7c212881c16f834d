"""Numbers as Vietnamese writes them: a dot between thousands, a decimal comma."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop._vietnamese_numbers import vi_count
from onestop._vietnamese_numbers import vi_decimal
from onestop._vietnamese_numbers import vi_percent
from onestop.exceptions import UsageError


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_a_count_reads_back_and_groups_by_three(number):
    text = vi_count(number)
    assert int(text.replace(".", "")) == number
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_a_decimal_reads_back(value):
    text = vi_decimal(value)
    assert Decimal(text.replace(".", "").replace(",", ".")) == value


def test_the_examples_of_the_reports():
    assert vi_count(1500) == "1.500"
    assert vi_percent("92.06") == "92,06 %"
    assert vi_percent(None) == "—"
    assert vi_decimal("37.50") == "37,50"


@pytest.mark.parametrize("bad", ["x", "nan", "inf", True, [], None])
def test_what_is_no_number_is_refused(bad):
    with pytest.raises(UsageError):
        vi_decimal(bad)
    if bad is not None:
        with pytest.raises(UsageError):
            vi_count(bad)
