"""The office receives boundary-free dossiers: listed procedures only, handed over, on SQLite."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest

from onestop import Actor
from onestop import Applicant
from onestop import BoundaryFreeList
from onestop import Channel
from onestop import DeadlineStart
from onestop import HandOverRule
from onestop import Role
from onestop.catalogs import sample_catalog
from onestop.domain.model._status import DossierStatus
from onestop.exceptions import OfficeError
from onestop.exceptions import PermissionDeniedError
from onestop.exceptions import ReceiptRefusedError
from onestop.exceptions import TransitionError
from onestop.exceptions import UsageError
from onestop.national import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.office import open_office
from onestop.plugins import hookimpl
from onestop.plugins import plugin_host
from onestop.settings import Settings
from onestop.storage import DossierQuery
from onestop.storage import SQLiteStore

WARD = "000.00.21.H38"  # the ward's one-stop department where the dossier is lodged
DEPARTMENT = "000.00.13.H38"  # the competent department
OTHER_WARD = "000.00.22.H38"  # where the applicant collects the result
CLERK = Actor("Nguyễn Văn Tiếp", {Role.RECEPTION_CLERK}, WARD)
DEPT_CLERK = Actor("Lê Văn Xử", {Role.RECEPTION_CLERK, Role.SPECIALIST}, DEPARTMENT)
DEPT_LEADER = Actor("Hoàng Trưởng Phòng", {Role.LEADER}, DEPARTMENT)
RETURN_CLERK = Actor("Trần Thị Trả", {Role.RECEPTION_CLERK}, OTHER_WARD)
CITIZEN = Applicant("Lê Thị Bình", "001090012345", "0912345678", "12 Hàng Bạc, Hà Nội")
RESIDENCE = "1.004222"  # 7 working days
FORM = "Tờ khai thay đổi thông tin cư trú"
MONDAY = datetime(2026, 3, 2, 15, 30)  # after 15:00
LIST = BoundaryFreeList("Quyết định 2449/QĐ-UBND", {RESIDENCE}, valid_from=date(2025, 11, 20))
CATALOG = sample_catalog().with_boundary_free(LIST)


@pytest.fixture
def office(sqlite_store, national_calendar, signer):
    return OneStopOffice(
        sqlite_store,
        calendar=national_calendar,
        catalog=CATALOG,
        fee_book=VIETNAM_FEES,
        signer=signer,
    )


def receive(office, at=MONDAY, **places):
    return office.receive(
        RESIDENCE,
        CITIZEN,
        actor=CLERK,
        components=[FORM],
        at=at,
        competent_agency=places.pop("competent_agency", DEPARTMENT),
        **places,
    )


def test_a_listed_procedure_is_received_handed_over_decided_and_returned(office, national_calendar):
    received = receive(office, return_point=OTHER_WARD)
    dossier = received.dossier
    assert (dossier.reception_point, dossier.competent_agency, dossier.return_point) == (
        WARD,
        DEPARTMENT,
        OTHER_WARD,
    )
    assert str(dossier.code).startswith(f"{WARD}-260302-")  # the reception point's code
    assert received.signed is not None
    handed = office.hand_over(dossier.id, actor=CLERK, at=MONDAY + timedelta(hours=1))
    assert handed.dossier.holder == DEPARTMENT
    assert handed.dossier.status is DossierStatus.PROCESSING
    # paper, received Monday: due Tuesday 17:00 — handed over in time
    report = handed.dossier.hand_over(national_calendar)
    assert report.due == datetime(2026, 3, 3, 17)
    assert not report.late
    office.resolve(dossier.id, actor=DEPT_LEADER, result="Đã đăng ký", at=datetime(2026, 3, 4, 9))
    with pytest.raises(PermissionDeniedError, match="returning agency"):
        office.return_result(dossier.id, actor=CLERK, at=datetime(2026, 3, 4, 10))
    returned = office.return_result(dossier.id, actor=RETURN_CLERK, at=datetime(2026, 3, 4, 10))
    assert returned.dossier.status is DossierStatus.RETURNED
    stored = office.store.load(dossier.id)
    assert stored == returned.dossier
    assert stored.intake.hand_over == HandOverRule()  # the rule it was received under


def test_a_procedure_not_on_a_list_in_force_is_refused_at_a_point_that_may_not_take_it(office):
    with pytest.raises(ReceiptRefusedError) as refused:
        receive(office, at=datetime(2025, 11, 19, 9))  # the list starts on 20/11/2025
    assert "không thuộc danh mục" in refused.value.problems[0]
    assert "nộp hồ sơ tại cơ quan có thẩm quyền 000.00.13.H38" in refused.value.problems[0]
    with pytest.raises(ReceiptRefusedError, match="nhận kết quả tại nơi nộp hồ sơ"):
        office.receive(
            "1.001193",  # birth registration: not on the list
            CITIZEN,
            actor=CLERK,
            components=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
            at=MONDAY,
            return_point=OTHER_WARD,
        )
    assert office.store.count(DossierQuery()) == 0  # nothing stored, no code used


def test_the_desk_s_own_agency_named_as_competent_is_an_ordinary_dossier(office):
    ordinary = receive(office, competent_agency=WARD, return_point=WARD).dossier
    assert not ordinary.boundary_free
    assert ordinary.intake.hand_over is None
    with pytest.raises(OfficeError, match="only a boundary-free dossier is handed over"):
        office.hand_over(ordinary.id, actor=CLERK)
    with pytest.raises(UsageError, match="competent_agency is an agency code or None"):
        receive(office, competent_agency=3)


def test_only_the_reception_point_hands_over_and_the_competent_agency_decides_after(office):
    dossier = receive(office).dossier
    with pytest.raises(PermissionDeniedError, match=r"receiving agency 000\.00\.21\.H38"):
        office.hand_over(dossier.id, actor=DEPT_CLERK, at=MONDAY + timedelta(hours=1))
    with pytest.raises(PermissionDeniedError, match=r"holding agency 000\.00\.21\.H38"):
        office.resolve(dossier.id, actor=DEPT_LEADER, result="x", at=MONDAY + timedelta(hours=1))
    ward_leader = Actor("Phạm Lãnh Đạo", {Role.LEADER}, WARD)
    with pytest.raises(TransitionError, match="hand it over to the competent agency"):
        office.resolve(dossier.id, actor=ward_leader, result="x", at=MONDAY + timedelta(hours=1))
    office.hand_over(dossier.id, actor=CLERK, at=MONDAY + timedelta(hours=1))
    with pytest.raises(TransitionError, match=r"handed over once|cannot take 'handed_over'"):
        office.hand_over(dossier.id, actor=CLERK, at=MONDAY + timedelta(hours=2))
    stopped = office.stop(
        dossier.id, actor=CLERK, reason="theo đề nghị", at=MONDAY + timedelta(hours=3)
    )
    assert stopped.dossier.status is DossierStatus.STOPPED  # at the reception point


def test_a_submitted_boundary_free_dossier_keeps_its_places(office):
    applicant = Actor.applicant(CITIZEN.name, citizen_id=CITIZEN.citizen_id)
    submitted = office.submit(
        RESIDENCE, CITIZEN, agency=WARD, actor=applicant, at=MONDAY, competent_agency=DEPARTMENT
    )
    received = office.receive_submitted(
        submitted.dossier.id, actor=CLERK, components=[FORM], at=MONDAY + timedelta(minutes=5)
    )
    assert received.dossier.competent_agency == DEPARTMENT
    with pytest.raises(ReceiptRefusedError, match="không thuộc danh mục"):
        office.submit(
            "1.001193",
            CITIZEN,
            agency=WARD,
            actor=applicant,
            at=MONDAY,
            competent_agency=DEPARTMENT,
        )


def test_a_province_s_rule_and_lists_come_from_its_plugin(tmp_path, national_calendar):
    hcmc = HandOverRule(
        electronic_cutoff=time(16, 0),
        deadline_from=DeadlineStart.HAND_OVER,
        source="Quyết định 2449/QĐ-UBND",
    )

    class Province:
        @hookimpl
        def onestop_boundary_free(self):
            return [LIST]

        @hookimpl
        def onestop_hand_over_rule(self):
            return hcmc

    host = plugin_host(load_entry_points=False, plugins=[("province", Province())])
    settings = Settings(store=str(tmp_path / "office.sqlite3"))
    office = open_office(settings, plugins=host)
    try:
        assert office.catalog.boundary_free == (LIST,)
        dossier = receive(office, channel=Channel.ONLINE).dossier
        assert dossier.intake.hand_over == hcmc
        # online, after 16:00? no — 15:30 is before this province's cut-off: same day 17:00
        assert dossier.hand_over(national_calendar).due == datetime(2026, 3, 2, 17)
    finally:
        office.close()
    reopened = SQLiteStore(tmp_path / "office.sqlite3", calendar=national_calendar)
    try:
        assert reopened.load(dossier.id).intake.hand_over == hcmc  # on disk, with its rule
    finally:
        reopened.close()
