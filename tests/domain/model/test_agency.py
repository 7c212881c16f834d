"""Agencies: QCVN 102:2016 codes, levels and history across the 2025 reform."""

from datetime import date

import pytest

from onestop import Agency
from onestop import Level
from onestop.domain.model._agency import check_agency_code
from onestop.exceptions import InvalidAgencyError


@pytest.mark.parametrize(
    "code", ["000.00.12.H38", "000.00.00.H38", "001.02.03.G12", "123.45.67.A01"]
)
def test_valid_codes(code):
    assert check_agency_code(code) == code


@pytest.mark.parametrize(
    "code",
    [
        "",
        "H38",
        "000.00.12.h38",
        "00.00.12.H38",
        "000.00.12.H3",
        "000-00-12-H38",
        "000.00.12.H38 ",
        38,
    ],
)
def test_invalid_codes(code):
    with pytest.raises(InvalidAgencyError, match="QCVN 102:2016"):
        check_agency_code(code)


def test_a_province_department():
    department = Agency("000.00.12.H38", "Sở Tư pháp", Level.PROVINCE, parent="000.00.00.H38")
    assert department.validity.covers(date(2026, 1, 1))


def test_district_agencies_belong_to_history():
    with pytest.raises(InvalidAgencyError, match="abolished on 1/7/2025"):
        Agency("001.00.10.H38", "UBND huyện X", Level.DISTRICT)
    with pytest.raises(InvalidAgencyError, match="abolished"):
        Agency("001.00.10.H38", "UBND huyện X", Level.DISTRICT, valid_until=date(2025, 7, 1))
    district = Agency(
        "001.00.10.H38",
        "UBND huyện X",
        Level.DISTRICT,
        valid_until=date(2025, 6, 30),
        successor="000.00.00.H38",
    )
    assert district.validity.covers(date(2025, 6, 30))
    assert not district.validity.covers(date(2025, 7, 1))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"valid_from": date(2026, 1, 2), "valid_until": date(2026, 1, 1)}, "ends"),
        ({"successor": "000.00.00.H38"}, "successor but no valid_until"),
        ({"parent": "000.00.12.H38"}, "its own parent"),
        ({"level": "province"}, "must be of type Level"),
        ({"valid_from": "2026-01-01"}, "must be a date"),
    ],
)
def test_inconsistent_agencies_are_refused(kwargs, match):
    fields = {"code": "000.00.12.H38", "name": "Sở Tư pháp", "level": Level.PROVINCE} | kwargs
    with pytest.raises(InvalidAgencyError, match=match):
        Agency(**fields)
