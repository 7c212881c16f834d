"""The agency directory keeps history across the 2025 mergers."""

from datetime import date

import pytest

from onestop import Agency
from onestop import Level
from onestop.domain.model._agency_directory import AgencyDirectory
from onestop.exceptions import InvalidAgencyError
from onestop.exceptions import UnknownAgencyError
from onestop.serialization import make_converter

OLD_PROVINCE = Agency(
    "000.00.00.H30",
    "UBND tỉnh Hải Dương",
    Level.PROVINCE,
    valid_until=date(2025, 6, 30),
    successor="000.00.00.H31",
)
NEW_PROVINCE = Agency("000.00.00.H31", "UBND thành phố Hải Phòng", Level.PROVINCE)
DISTRICT = Agency(
    "001.00.10.H30",
    "UBND huyện Kim Thành",
    Level.DISTRICT,
    parent="000.00.00.H30",
    valid_until=date(2025, 6, 30),
    successor="000.00.21.H31",
)
COMMUNE = Agency(
    "000.00.21.H31",
    "UBND xã Kim Thành",
    Level.COMMUNE,
    parent="000.00.00.H31",
    valid_from=date(2025, 7, 1),
)
DIRECTORY = AgencyDirectory([NEW_PROVINCE, OLD_PROVINCE, DISTRICT, COMMUNE])


def test_who_carries_an_old_agencys_work():
    assert DIRECTORY.in_charge("000.00.00.H30", date(2025, 6, 30)) == OLD_PROVINCE
    assert DIRECTORY.in_charge("000.00.00.H30", date(2025, 7, 1)) == NEW_PROVINCE
    assert DIRECTORY.in_charge("001.00.10.H30", date(2026, 1, 1)) == COMMUNE
    assert DIRECTORY.children("000.00.00.H30") == (DISTRICT,)
    assert DIRECTORY.children("000.00.00.H31", on=date(2025, 1, 1)) == ()


def test_unknown_and_dead_ends():
    with pytest.raises(UnknownAgencyError, match="no agency"):
        DIRECTORY.get("000.00.99.H99")
    ended = Agency("000.00.40.H30", "Sở cũ", Level.PROVINCE, valid_until=date(2025, 6, 30))
    with pytest.raises(UnknownAgencyError, match="names no successor"):
        AgencyDirectory([ended]).in_charge(ended.code, date(2026, 1, 1))
    a = Agency(
        "000.00.41.H30",
        "A",
        Level.PROVINCE,
        valid_until=date(2020, 1, 1),
        successor="000.00.42.H30",
    )
    b = Agency(
        "000.00.42.H30",
        "B",
        Level.PROVINCE,
        valid_until=date(2020, 1, 1),
        successor="000.00.41.H30",
    )
    with pytest.raises(UnknownAgencyError, match="loop"):
        AgencyDirectory([a, b]).in_charge(a.code, date(2026, 1, 1))
    with pytest.raises(InvalidAgencyError, match="appear twice"):
        AgencyDirectory([NEW_PROVINCE, NEW_PROVINCE])


def test_round_trip():
    converter = make_converter()
    assert converter.structure(converter.unstructure(DIRECTORY), AgencyDirectory) == DIRECTORY
