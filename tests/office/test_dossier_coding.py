"""Dossier codes: Circular 01/2018's by default, Circular 04/2025's for central services."""

from datetime import date
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop import Actor
from onestop import Applicant
from onestop import BoundaryFreeList
from onestop import DossierCode
from onestop import Role
from onestop.catalogs import sample_catalog
from onestop.exceptions import DossierError
from onestop.exceptions import PluginError
from onestop.exceptions import UsageError
from onestop.national import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.office import open_office
from onestop.plugins import hookimpl
from onestop.plugins import plugin_host
from onestop.rules import DossierCoding
from onestop.settings import Settings
from onestop.storage import DossierQuery
from onestop.storage import SQLiteStore

WARD = "000.00.21.H38"
DEPARTMENT = "000.00.13.H38"
CLERK = Actor("Nguyễn Văn Tiếp", {Role.RECEPTION_CLERK}, WARD)
DEPT_CLERK = Actor("Lê Văn Xử", {Role.RECEPTION_CLERK}, DEPARTMENT)
CITIZEN = Applicant("Lê Thị Bình", "001090012345", "0912345678", "12 Hàng Bạc, Hà Nội")
RESIDENCE = "1.004222"
FORM = "Tờ khai thay đổi thông tin cư trú"
MONDAY = datetime(2026, 3, 2, 9, 30)
CATALOG = sample_catalog().with_boundary_free(
    BoundaryFreeList("Quyết định 2449/QĐ-UBND", {RESIDENCE}, valid_from=date(2025, 11, 20))
)
CENTRAL = DossierCoding(
    centralised={RESIDENCE: "07"},
    identification={DEPARTMENT: "H38.013.01", WARD: "H38.021.01"},
    source="Quyết định 12/QĐ-UBND (stand-in)",
)


def make_office(store, calendar, coder=None):
    return OneStopOffice(
        store, calendar=calendar, catalog=CATALOG, fee_book=VIETNAM_FEES, coder=coder
    )


def receive(office, actor=CLERK, **places):
    return office.receive(RESIDENCE, CITIZEN, actor=actor, components=[FORM], at=MONDAY, **places)


def test_by_default_the_reception_point_heads_the_2018_code(sqlite_store, national_calendar):
    office = make_office(sqlite_store, national_calendar)
    first = receive(office, competent_agency=DEPARTMENT).dossier
    assert str(first.code) == "000.00.21.H38-260302-0001"
    assert not first.code.central


def test_a_centralised_service_gets_circular_04_s_code_of_its_resolving_agency(
    sqlite_store, national_calendar
):
    office = make_office(sqlite_store, national_calendar, CENTRAL)
    lodged_elsewhere = receive(office, competent_agency=DEPARTMENT).dossier
    at_home = receive(office, actor=DEPT_CLERK).dossier
    # the resolving agency's ID code heads both; its one daily counter numbers both
    assert str(lodged_elsewhere.code) == "H38.013.01-260302-070001"
    assert str(at_home.code) == "H38.013.01-260302-070002"
    assert lodged_elsewhere.code.central
    # other procedures keep the 2018 code, numbered by the reception point's counter
    other = office.receive(
        "1.001612", CITIZEN, actor=CLERK, components=_components(office, "1.001612"), at=MONDAY
    ).dossier
    assert str(other.code) == "000.00.21.H38-260302-0001"
    assert office.lookup(str(lodged_elsewhere.code)).code == str(lodged_elsewhere.code)
    assert sqlite_store.find(str(at_home.code)).id == at_home.id


def test_the_code_is_stored_and_read_back(tmp_path, national_calendar):
    path = tmp_path / "office.sqlite3"
    with SQLiteStore(path, calendar=national_calendar) as store:
        dossier = receive(make_office(store, national_calendar, CENTRAL)).dossier
    with SQLiteStore(path, calendar=national_calendar) as store:
        again = store.load(dossier.id)
        assert again.code == dossier.code == DossierCode("H38.021.01", date(2026, 3, 2), 1, "07")
        assert store.verify_all().ok


def test_a_resolving_agency_without_an_id_code_is_refused_and_takes_no_number(
    sqlite_store, national_calendar
):
    coding = DossierCoding(centralised={RESIDENCE: "07"}, identification={WARD: "H38.021.01"})
    office = make_office(sqlite_store, national_calendar, coding)
    with pytest.raises(DossierError, match=r"000\.00\.13\.H38 has no electronic ID code"):
        receive(office, competent_agency=DEPARTMENT)
    assert sqlite_store.next_sequence(DEPARTMENT, MONDAY) == 1  # the failed one took none
    assert len(sqlite_store.query(DossierQuery()).items) == 0


def test_a_province_s_coder_comes_from_its_plugin_and_its_failures_name_it(
    tmp_path, national_calendar
):
    class Province:
        @hookimpl
        def onestop_dossier_coder(self):
            return CENTRAL

    host = plugin_host(load_entry_points=False, plugins=[("province", Province())])
    office = open_office(Settings(store=str(tmp_path / "o.sqlite3")), plugins=host)
    try:
        assert office.coder is CENTRAL
    finally:
        office.close()

    class Broken:
        def series(self, intake):
            return intake.agency

        def code(self, intake, day, number):
            raise RuntimeError("the numbering service is down")

    class Wrong(Broken):
        def code(self, intake, day, number):
            return f"{intake.agency}-{number}"

    class NoAgency(Broken):
        def series(self, intake):
            return "H38"

    for coder, message in (
        (Broken(), "RuntimeError: the numbering service is down"),
        (Wrong(), "not a DossierCode"),
        (NoAgency(), "not an agency code"),
    ):
        office = make_office(SQLiteStore(":memory:", calendar=national_calendar), national_calendar)
        office.coder = coder
        with pytest.raises(PluginError, match=message) as error:
            receive(office)
        assert error.value.hook.startswith("DossierCoder.")
        assert len(office.store.query(DossierQuery()).items) == 0
    with pytest.raises(UsageError, match="coder is a DossierCoder or None"):
        make_office(SQLiteStore(":memory:", calendar=national_calendar), national_calendar, 3)


def test_the_coding_checks_what_it_is_given():
    with pytest.raises(UsageError, match="two digits"):
        DossierCoding(centralised={RESIDENCE: "7"})
    with pytest.raises(UsageError, match="maps procedure codes"):
        DossierCoding(centralised=[RESIDENCE])
    with pytest.raises(DossierError, match="electronic ID code"):
        DossierCoding(identification={WARD: "000.00.21.H38"})
    assert DossierCoding(centralised={RESIDENCE: "07"}) == DossierCoding(
        centralised={RESIDENCE: "07"}
    )
    assert DossierCoding(centralised={RESIDENCE: "07"}) != DossierCoding()


def test_central_codes_parse_and_refuse_what_is_not_one():
    code = DossierCode.parse("H38.012.05-260315-070001")
    assert (code.agency, code.day, code.sequence, code.system) == (
        "H38.012.05",
        date(2026, 3, 15),
        1,
        "07",
    )
    for bad in ("H38.012.05-260315-0001", "H38.12.05-260315-070001", "h38.012.05-260315-070001"):
        with pytest.raises(DossierError):
            DossierCode.parse(bad)
    with pytest.raises(DossierError, match="two digits"):
        DossierCode("H38.012.05", date(2026, 3, 15), 1, "7")
    with pytest.raises(DossierError, match="electronic ID code"):
        DossierCode("000.00.12.H38", date(2026, 3, 15), 1, "07")


@given(
    central=st.booleans(),
    day=st.dates(date(2000, 1, 1), date(2068, 12, 31)),
    sequence=st.integers(1, 99_999),
    system=st.from_regex(r"\A\d{2}\Z"),
)
def test_every_code_reads_back_from_its_text(central, day, sequence, system):
    code = (
        DossierCode("H38.0A2.05", day, sequence, system)
        if central
        else DossierCode("000.00.12.H38", day, sequence)
    )
    assert DossierCode.parse(str(code)) == code


def _components(office, code):
    procedure = office.catalog.get(code)
    return [component.name for component in procedure.components]
