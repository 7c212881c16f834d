"""Procedures and catalogs: validation, lookups by code, date, field and level, JSON files."""

import json
import os
from datetime import date

import attrs
import pytest
from hypothesis import given

from onestop import Catalog
from onestop import Channel
from onestop import Component
from onestop import Duration
from onestop import Level
from onestop import OnlineLevel
from onestop import Procedure
from onestop import Requirement
from onestop.catalogs import catalog_from_json
from onestop.catalogs import catalog_to_json
from onestop.catalogs import load_catalog
from onestop.catalogs import sample_catalog
from onestop.catalogs import save_catalog
from onestop.domain.model._procedure import AgencyShare
from onestop.domain.model._procedure import check_procedure_code
from onestop.exceptions import CatalogError
from onestop.exceptions import InvalidProcedureError
from onestop.exceptions import UnknownProcedureError
from onestop.testing import strategies as ost

SAMPLE = sample_catalog()


def make(**changes):
    fields = {
        "code": "1.001612",
        "name": "Đăng ký thành lập hộ kinh doanh",
        "field": "Hộ kinh doanh",
        "level": Level.COMMUNE,
        "agencies": ["Cơ quan đăng ký kinh doanh cấp xã"],
        "processing_time": Duration.working_days(3),
        "processing_time_text": "03 ngày",
        "result": "Giấy chứng nhận đăng ký hộ kinh doanh",
    }
    return Procedure(**(fields | changes))


@pytest.mark.parametrize("code", ["1.001612", "2.000815", "3.000001"])
def test_valid_procedure_codes(code):
    assert check_procedure_code(code) == code


@pytest.mark.parametrize(
    "code", ["1.01612", "1001612", "1.0016120", "a.001612", "1.001612.H38", None]
)
def test_invalid_procedure_codes(code):
    with pytest.raises(InvalidProcedureError, match=r"'1\.001612'"):
        make(code=code)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"name": " "}, "name must be non-empty"),
        ({"agencies": "UBND"}, "list of texts"),
        ({"channels": ()}, "no channel"),
        ({"online_level": OnlineLevel.FULL}, "no online channel"),
        ({"valid_from": date(2026, 1, 2), "valid_until": date(2026, 1, 1)}, "ends before"),
        ({"components": ["Tờ khai"]}, "expected Component"),
        ({"processing_time": "3 ngày"}, "must be of type Duration"),
        (
            {
                "shares": [
                    AgencyShare("A", "appraise", Duration.working_days(2)),
                    AgencyShare("B", "decide", Duration.working_hours(9)),
                ]
            },
            "more than the legal 3 working days",
        ),
        (
            {"shares": [AgencyShare("A", "x", Duration.calendar_days(1))]},
            "need working days or hours",
        ),
    ],
)
def test_inconsistent_procedures_are_refused(changes, match):
    with pytest.raises(InvalidProcedureError, match=match):
        make(**changes)


def test_components():
    with pytest.raises(InvalidProcedureError, match="needs a condition"):
        Component("Giấy tờ", requirement=Requirement.CONDITIONAL)
    with pytest.raises(InvalidProcedureError, match="copies must be a whole number >= 0"):
        Component("Giấy tờ", copies=-1)


def test_inter_agency_shares_that_fit():
    procedure = SAMPLE.get("1.001699")
    assert procedure.is_inter_agency
    assert [share.time for share in procedure.shares] == [
        Duration.working_days(20),
        Duration.working_days(5),
    ]
    assert not SAMPLE.get("1.001612").is_inter_agency


def test_the_sample_catalog():
    assert len(SAMPLE.codes) >= 15
    assert {
        "Hộ tịch",
        "Đất đai",
        "Chứng thực",
        "Xây dựng",
        "Thành lập và hoạt động của hộ kinh doanh",
    } <= set(SAMPLE.fields)
    birth = SAMPLE.get("1.001193")
    assert birth.processing_time == Duration.same_day()
    assert Channel.POSTAL in birth.channels
    copies = SAMPLE.get("2.000815")
    assert copies.fee_schedule == "2.000815"  # a key of the national fee book
    assert any("226/2016/TT-BTC" in note for note in copies.notes)
    assert all(p.notes for p in SAMPLE if "not gathered" in p.processing_time_text)


def test_versions_are_looked_up_by_date():
    assert SAMPLE.get("1.005461", on=date(2025, 6, 30)).level is Level.DISTRICT
    assert SAMPLE.get("1.005461", on=date(2025, 7, 1)).level is Level.COMMUNE
    assert SAMPLE.get("1.005461").version == 2
    with pytest.raises(UnknownProcedureError, match="in force on 2024-01-01"):
        SAMPLE.get("1.013978", on=date(2024, 1, 1))
    with pytest.raises(UnknownProcedureError, match=r"no procedure '9\.999999'") as info:
        SAMPLE.get("9.999999")
    assert isinstance(info.value, LookupError)


def test_lookups_by_field_and_level():
    assert {p.code for p in SAMPLE.by_field("Chứng thực")} == {"2.000908", "2.000815", "2.000884"}
    assert all(p.level is Level.PROVINCE for p in SAMPLE.by_level(Level.PROVINCE))
    assert SAMPLE.by_level(Level.DISTRICT, on=date(2026, 1, 1)) == ()
    assert len(SAMPLE.by_level(Level.DISTRICT, on=date(2025, 1, 1))) == 1
    assert "1.001193" in SAMPLE
    assert "1.000000" not in SAMPLE


def test_versions_must_not_overlap():
    first = make(version=1, valid_until=date(2025, 6, 30))
    with pytest.raises(InvalidProcedureError, match="twice"):
        Catalog([first, make(version=1)])
    with pytest.raises(InvalidProcedureError, match="must start after"):
        Catalog([first, make(version=2, valid_from=date(2025, 6, 1))])
    catalog = Catalog([first]).with_procedures(make(version=2, valid_from=date(2025, 7, 1)))
    assert catalog.get("1.001612", on=date(2025, 7, 1)).version == 2


def test_json_round_trip_of_the_sample():
    assert catalog_from_json(catalog_to_json(SAMPLE)) == SAMPLE


@given(ost.procedures())
def test_json_round_trip_of_any_procedure(procedure):
    catalog = Catalog([procedure])
    assert catalog_from_json(catalog_to_json(catalog)) == catalog


def test_a_malformed_catalog_names_every_bad_field():
    data = json.loads(catalog_to_json(SAMPLE))
    data["procedures"][3]["processing_time"] = "3 tuần"
    data["procedures"][5]["code"] = "1.5461"
    data["procedures"][7]["colour"] = "blue"
    with pytest.raises(CatalogError) as info:
        catalog_from_json(json.dumps(data))
    message = str(info.value)
    assert "3 problem(s)" in message
    assert "cannot read '3 tuần' as a processing time" in message
    assert "@ $.procedures[3].processing_time" in message
    assert "'1.5461' is not a national procedure code" in message
    assert "@ $.procedures[5]" in message
    assert "extra fields found (colour) @ $.procedures[7]" in message


def test_not_json_at_all():
    with pytest.raises(CatalogError, match="is not JSON"):
        catalog_from_json("{procedures: [")


def test_save_and_load(tmp_path):
    path = tmp_path / "catalog.json"
    save_catalog(SAMPLE, path)
    assert load_catalog(path) == SAMPLE
    assert "Thủ tục đăng ký khai sinh" in path.read_text(encoding="utf-8")  # not escaped
    with pytest.raises(CatalogError, match="cannot read the catalog file"):
        load_catalog(tmp_path / "missing.json")


def test_a_failed_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "catalog.json"
    save_catalog(Catalog([make()]), path)
    before = path.read_bytes()

    def broken_fsync(_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(CatalogError, match=r"cannot write the catalog file .*disk full"):
        save_catalog(SAMPLE, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.json"]


def test_procedures_are_frozen():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        SAMPLE.get("1.001193").code = "1.000000"  # type: ignore[misc]
