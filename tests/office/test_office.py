"""OneStopOffice: every call through permission → domain → one atomic append → signer →
notifications, on a real SQLite file, with plugins."""

from datetime import datetime
from datetime import timedelta

import attrs
import pytest

from onestop import Actor
from onestop import Applicant
from onestop import Catalog
from onestop import Channel
from onestop import Level
from onestop import Role
from onestop import vietnam_calendar
from onestop.catalogs import sample_catalog
from onestop.domain.model._status import DossierStatus
from onestop.domain.time._policy import DeadlinePolicy
from onestop.exceptions import CalendarRangeError
from onestop.exceptions import ConcurrencyError
from onestop.exceptions import InvalidAgencyError
from onestop.exceptions import OfficeError
from onestop.exceptions import PermissionDeniedError
from onestop.exceptions import ReceiptRefusedError
from onestop.exceptions import TransitionError
from onestop.exceptions import UnknownDossierError
from onestop.exceptions import UsageError
from onestop.national._fee_schedules import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.office import open_office
from onestop.plugins import hookimpl
from onestop.plugins._manager import plugin_host
from onestop.settings import Settings
from onestop.signing._keys import KeySigner
from onestop.storage import DossierQuery
from onestop.storage import SQLiteStore
from onestop.testing.certificates import pkcs12_bytes
from onestop.testing.certificates import self_signed
from onestop.testing.portal import StandInPortal
from onestop.testing.strategies import national_calendar

DESK = "000.00.12.H38"
DEPT = "000.00.13.H38"
CLERK = Actor("Nguyễn Văn Tiếp", {Role.RECEPTION_CLERK}, DESK)
SPECIALIST = Actor("Trần Thị Thẩm", {Role.SPECIALIST}, DESK)
LEADER = Actor("Phạm Lãnh Đạo", {Role.LEADER}, DESK)
DEPT_LEADER = Actor("Hoàng Trưởng Phòng", {Role.LEADER, Role.SPECIALIST}, DEPT)
CITIZEN = Applicant("Lê Thị Bình", "001090012345", "0912345678", "12 Hàng Bạc, Hà Nội")
APPLICANT = Actor.applicant("Lê Thị Bình")
RESIDENCE = "1.004222"  # Đăng ký thường trú: 7 working days, 20,000 đ (10,000 đ online)
FORM = "Tờ khai thay đổi thông tin cư trú"
MONDAY = datetime(2026, 3, 2, 9)
RESULT = "Đã đăng ký thường trú"
CAL = national_calendar()


def receive(office, at=MONDAY, **options):
    return office.receive(RESIDENCE, CITIZEN, actor=CLERK, components=[FORM], at=at, **options)


def test_receipt_checks_components_assesses_fees_codes_and_signs(office, recorder):
    with pytest.raises(ReceiptRefusedError) as refused:
        office.receive(RESIDENCE, CITIZEN, actor=CLERK, components=["Ảnh 4x6"], at=MONDAY)
    assert refused.value.problems == (f"Thiếu thành phần hồ sơ: {FORM}",)
    assert office.store.count(DossierQuery()) == 0  # nothing stored, no code used

    first = receive(office)
    second = receive(office, at=MONDAY + timedelta(minutes=5))
    assert str(first.dossier.code) == f"{DESK}-260302-0001"
    assert str(second.dossier.code) == f"{DESK}-260302-0002"
    assert first.assessment.total == 20_000
    assert first.appointment == first.dossier.deadline(CAL)
    assert first.appointment == datetime(2026, 3, 11, 17)  # 7 working days, end of day
    receipt = first.document
    assert receipt["code"] == str(first.dossier.code)
    assert receipt["fees"]["total"] == 20_000
    assert receipt["appointment"] == "2026-03-11T17:00:00+07:00"
    assert receipt["rule_set"] == "decree-118-2025"
    assert "0912345678" not in str(receipt)
    assert "Hàng Bạc" not in str(receipt)
    assert first.signed.verify(office.signer).subject.endswith("CN=Bộ phận Một cửa")
    assert office.store.load(first.dossier.id) == first.dossier
    assert [m.kind for m in office.store.outbox()] == ["received", "received"]
    assert recorder.sent == [(first.dossier.id, "received"), (second.dossier.id, "received")]


def test_online_submission_then_receipt_costs_the_online_fee(office):
    submitted = office.submit(
        RESIDENCE, CITIZEN, agency=DESK, actor=APPLICANT, at=MONDAY - timedelta(days=3)
    )
    assert submitted.dossier.status is DossierStatus.SUBMITTED
    assert submitted.dossier.code is None
    received = office.receive_submitted(
        submitted.dossier.id, actor=CLERK, components=[FORM], at=MONDAY
    )
    assert received.dossier.status is DossierStatus.RECEIVED
    assert received.assessment.total == 10_000
    assert received.document["channel"] == "online"
    with pytest.raises(OfficeError, match="in person"):
        office.submit(RESIDENCE, CITIZEN, agency=DESK, actor=APPLICANT, channel=Channel.IN_PERSON)


def test_a_whole_life_and_what_the_citizen_sees(office):
    dossier_id = receive(office).dossier.id
    at = MONDAY
    steps = [
        lambda t: office.request_supplement(
            dossier_id, actor=SPECIALIST, items=["Sổ hộ khẩu"], at=t
        ),
        lambda t: office.record_supplement(dossier_id, actor=APPLICANT, at=t),
        lambda t: office.request_payment(dossier_id, actor=SPECIALIST, amount=20_000, at=t),
        lambda t: office.record_payment(dossier_id, actor=APPLICANT, amount=20_000, at=t),
        lambda t: office.transfer(
            dossier_id, actor=SPECIALIST, to_agency=DEPT, step="thẩm định", at=t
        ),
        lambda t: office.resolve(
            dossier_id, actor=DEPT_LEADER, result="Đã đăng ký thường trú", at=t
        ),
        lambda t: office.return_result(dossier_id, actor=CLERK, at=t),
    ]
    results = []
    for step in steps:
        at += timedelta(hours=3)
        results.append(step(at))
    resolved = results[5]
    assert resolved.signed.verify(office.signer)
    assert resolved.document["result"] == RESULT
    final = office.dossier(dossier_id)
    assert final.status is DossierStatus.RETURNED
    assert len(final) == 8
    status = office.lookup(str(final.code))
    assert status.status_code == 10
    assert status.status_vi == "Đã trả kết quả"
    assert [step.label_vi for step in status.steps][:2] == [
        "Tiếp nhận hồ sơ",
        "Yêu cầu bổ sung hồ sơ",
    ]
    assert status.steps[5].agency == DEPT
    shown = repr(status)
    for personal in ("Lê Thị Bình", "001090012345", "0912345678", "Hàng Bạc", "Nguyễn Văn Tiếp"):
        assert personal not in shown
    assert office.store.verify_all().ok
    with pytest.raises(UnknownDossierError):
        office.lookup("000.00.12.H38-260302-9999")


def test_the_permission_rule_comes_before_the_domain_step(office):
    # An outsider asking for what the dossier's state forbids as well is refused for
    # who they are, not for the state: the permission rule runs first.
    dossier_id = receive(office).dossier.id
    with pytest.raises(PermissionDeniedError, match="may not record 'returned'"):
        office.return_result(dossier_id, actor=SPECIALIST, at=MONDAY + timedelta(hours=1))
    with pytest.raises(TransitionError):
        office.return_result(dossier_id, actor=CLERK, at=MONDAY + timedelta(hours=1))
    assert office.store.version(dossier_id) == 1


def test_a_store_on_another_calendar_is_refused(tmp_path):
    province = CAL.with_days_off([datetime(2026, 3, 24).date()], name="Province Day", source="test")
    store = SQLiteStore(tmp_path / "national.sqlite3", calendar=CAL)
    try:
        with pytest.raises(UsageError, match="open the store with the office's calendar"):
            OneStopOffice(store, calendar=province, catalog=sample_catalog())
        with pytest.raises(UsageError, match="names no calendar"):
            OneStopOffice(
                object.__new__(_StoreWithoutCalendar), calendar=province, catalog=sample_catalog()
            )
        equal = vietnam_calendar(2015, 2035)  # an equal calendar is the same calendar
        assert OneStopOffice(store, calendar=equal, catalog=sample_catalog()).store is store
    finally:
        store.close()


class _StoreWithoutCalendar:
    def append(self, *args):
        raise AssertionError

    def load(self, *args):
        raise AssertionError


def test_permissions_are_checked_before_anything_is_stored(office):
    dossier_id = receive(office).dossier.id
    with pytest.raises(PermissionDeniedError, match="may not record 'resolved'"):
        office.resolve(dossier_id, actor=SPECIALIST, result="x", at=MONDAY + timedelta(hours=1))
    outsider = Actor("Người ngoài", {Role.RECEPTION_CLERK}, DEPT)
    with pytest.raises(PermissionDeniedError, match="must be recorded by the holding agency"):
        office.request_supplement(
            dossier_id, actor=outsider, items=["x"], at=MONDAY + timedelta(hours=1)
        )
    assert office.store.version(dossier_id) == 1
    with pytest.raises(TransitionError):
        office.record_supplement(dossier_id, actor=APPLICANT, at=MONDAY + timedelta(hours=2))


def test_an_apology_only_when_late_or_due_soon_and_only_once(office):
    dossier_id = receive(office).dossier.id
    deadline = datetime(2026, 3, 11, 17)
    with pytest.raises(OfficeError, match="no apology is due"):
        office.apologize(
            dossier_id,
            actor=LEADER,
            reason="x",
            new_appointment=deadline + timedelta(days=3),
            at=MONDAY + timedelta(days=1),
        )
    with pytest.raises(OfficeError, match="not after"):
        office.apologize(
            dossier_id,
            actor=LEADER,
            reason="x",
            new_appointment=MONDAY,
            at=deadline - timedelta(hours=2),
        )
    with pytest.raises(CalendarRangeError, match="2036-01-02 is outside"):
        office.apologize(  # a promise on a day the calendar does not know
            dossier_id,
            actor=LEADER,
            reason="x",
            new_appointment=datetime(2036, 1, 2, 9),
            at=deadline - timedelta(hours=2),
        )
    apology = office.apologize(
        dossier_id,
        actor=LEADER,
        reason="Cần xác minh thêm",
        new_appointment=deadline + timedelta(days=3),
        at=deadline - timedelta(hours=2),
    )
    assert apology.event.original_due == deadline  # the real deadline, from the calendar
    assert apology.appointment == deadline + timedelta(days=3)
    assert office.lookup(str(apology.dossier.code)).appointment == deadline + timedelta(days=3)
    with pytest.raises(TransitionError):
        office.apologize(
            dossier_id,
            actor=LEADER,
            reason="lần hai",
            new_appointment=deadline + timedelta(days=9),
            at=deadline + timedelta(days=1),
        )


def test_a_log_book_or_indicators_of_no_agency_code_are_refused(office):
    receive(office)
    for call in (
        lambda: office.log_book("Bộ phận Một cửa", datetime(2026, 1, 1), datetime(2027, 1, 1)),
        lambda: office.quality(datetime(2026, 1, 1), datetime(2027, 1, 1), agency="H38"),
    ):
        with pytest.raises(InvalidAgencyError, match="QCVN 102:2016"):
            call()


def test_withdraw_stop_refuse_and_reject(office):
    ids = [receive(office, at=MONDAY + timedelta(minutes=i)).dossier.id for i in range(3)]
    later = MONDAY + timedelta(hours=2)
    assert (
        office.withdraw(ids[0], actor=APPLICANT, at=later).dossier.status is DossierStatus.WITHDRAWN
    )
    assert (
        office.stop(ids[1], actor=LEADER, reason="Theo đề nghị", at=later).dossier.status
        is DossierStatus.STOPPED
    )
    rejected = office.reject(ids[2], actor=LEADER, reason="Không đủ điều kiện", at=later)
    assert rejected.dossier.resolved_at == later
    refused = office.refuse(RESIDENCE, CITIZEN, actor=CLERK, reason="Ngoài thẩm quyền", at=later)
    assert refused.dossier.status is DossierStatus.REFUSED
    online = office.submit(RESIDENCE, CITIZEN, agency=DESK, actor=APPLICANT, at=later)
    assert (
        office.refuse_submitted(
            online.dossier.id, actor=CLERK, reason="Sai thủ tục", at=later
        ).dossier.status
        is DossierStatus.REFUSED
    )


class RacingStore:
    """Lets another office act on the dossier between this office's load and its append."""

    def __init__(self, inner, race):
        self.inner = inner
        self.race = race

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def load(self, dossier_id):
        dossier = self.inner.load(dossier_id)
        race, self.race = self.race, None
        if race is not None:
            race(dossier_id)
        return dossier


def test_two_offices_on_one_dossier_one_wins_the_other_retries(office, tmp_path):
    dossier_id = receive(office).dossier.id
    other = OneStopOffice(
        SQLiteStore(office.store.path, calendar=CAL), calendar=CAL, catalog=office.catalog
    )
    at = MONDAY + timedelta(hours=1)
    racing = OneStopOffice(
        RacingStore(
            office.store,
            lambda i: other.transfer(i, actor=SPECIALIST, to_agency=DEPT, step="thẩm định", at=at),
        ),
        calendar=CAL,
        catalog=office.catalog,
    )
    with pytest.raises(ConcurrencyError, match="reload it and retry"):
        racing.request_supplement(dossier_id, actor=SPECIALIST, items=["Ảnh"], at=at)
    assert office.dossier(dossier_id).status is DossierStatus.PROCESSING  # the winner's change
    retried = racing.request_supplement(dossier_id, actor=DEPT_LEADER, items=["Ảnh"], at=at)
    assert len(retried.dossier) == 3
    other.store.close()


class Failing:
    @hookimpl
    def onestop_dossier_event(self, event):
        raise RuntimeError("Zalo gateway down")


class LocalRules:
    @hookimpl
    def onestop_check_receipt(self, procedure, applicant):
        if applicant.citizen_id is None:
            return ["Thiếu số định danh cá nhân"]
        return []

    @hookimpl
    def onestop_deadline_policy(self, procedure):
        return DeadlinePolicy.OFFICE_TIME if procedure.code == RESIDENCE else None


def test_plugins_check_receipts_pick_policies_and_fail_notifications_harmlessly(tmp_path):
    host = plugin_host(
        load_entry_points=False, plugins=[("zalo", Failing()), ("local-rules", LocalRules())]
    )
    office = open_office(Settings(store=str(tmp_path / "o.sqlite3")), plugins=host)
    with pytest.raises(ReceiptRefusedError, match="Thiếu số định danh"):
        office.receive(RESIDENCE, Applicant("Không Số"), actor=CLERK, components=[FORM], at=MONDAY)
    result = receive(office)
    assert result.dossier.terms.deadline_policy is DeadlinePolicy.OFFICE_TIME
    assert [f.plugin for f in result.notification_failures] == ["zalo"]
    assert "Zalo gateway down" in str(result.notification_failures[0])
    assert office.store.version(result.dossier.id) == 1  # stored all the same
    assert office.signer is None
    assert result.signed is None
    assert result.document is not None


def test_open_office_reads_the_settings_and_syncs_with_the_portal(tmp_path):
    key, certificate = self_signed()
    (tmp_path / "office.p12").write_bytes(pkcs12_bytes(key, certificate, password="pw"))
    with StandInPortal(lifetime=60) as portal:
        settings = Settings(
            store=f"sqlite:///{tmp_path / 'office.sqlite3'}",
            signing_key=str(tmp_path / "office.p12"),
            signing_password="pw",
            portal_url=portal.url,
            portal_user=portal.user,
            portal_password=portal.password,
            portal_agency=DESK,
        )
        office = open_office(settings, plugins=plugin_host(load_entry_points=False))
        result = receive(office)
        assert result.signed.verify(office.signer)
        report = office.sync(timeout=30)
    assert report.delivered == 1
    assert portal.deliveries[0].record["MaHoSo"] == str(result.dossier.code)


def test_bad_arguments_raise_onestop_errors(office):
    with pytest.raises(UsageError):
        office.receive(RESIDENCE, "Lê Thị Bình", actor=CLERK, components=[FORM])
    with pytest.raises(UsageError):
        office.receive(RESIDENCE, CITIZEN, actor=CLERK, components=FORM)
    with pytest.raises(UsageError):
        office.receive(RESIDENCE, CITIZEN, actor="clerk", components=[FORM])
    with pytest.raises(OfficeError):
        office.receive(RESIDENCE, CITIZEN, actor=APPLICANT, components=[FORM])
    with pytest.raises(UsageError):
        office.transfer("x", actor=CLERK, to_agency=DEPT, step="s", at="today")
    with pytest.raises(UsageError):
        OneStopOffice(office.store, calendar="calendar", catalog=office.catalog)
    with pytest.raises(OfficeError, match="no portal"):
        office.sync()


class CountingSigner:
    """Counts signatures; fails when told to (a token pulled out mid-shift)."""

    def __init__(self):
        self.inner = KeySigner(*self_signed())
        self.signed = 0
        self.broken = False

    def sign(self, payload):
        if self.broken:
            from onestop.exceptions import SigningError

            raise SigningError("the USB token was removed")
        self.signed += 1
        return self.inner.sign(payload)

    def verify(self, payload, signature):
        return self.inner.verify(payload, signature)


def test_signing_comes_after_permission_and_the_append(tmp_path):
    from onestop.exceptions import SigningError

    signer = CountingSigner()
    store = SQLiteStore(tmp_path / "o.sqlite3", calendar=CAL)
    office = OneStopOffice(
        store, calendar=CAL, catalog=sample_catalog(), fee_book=VIETNAM_FEES, signer=signer
    )
    with pytest.raises(PermissionDeniedError):
        office.receive(RESIDENCE, CITIZEN, actor=SPECIALIST, components=[FORM], at=MONDAY)
    assert signer.signed == 0  # nothing is signed for a refused call
    first = receive(office)
    assert first.dossier.code.sequence == 1  # and no running number was used for it
    dossier_id = first.dossier.id
    assert signer.signed == 1
    signer.broken = True
    with pytest.raises(SigningError, match="'resolved' event is stored"):
        office.resolve(dossier_id, actor=LEADER, result="xong", at=MONDAY + timedelta(hours=4))
    assert office.dossier(dossier_id).status is DossierStatus.RESOLVED
    store.close()


def test_a_receipt_takes_its_number_with_its_append(office):
    # The running number is written in the append's transaction: a receipt the store
    # refuses (here: a second receipt of a dossier already received) uses no number.
    first = receive(office)
    with pytest.raises(TransitionError):
        office.receive_submitted(
            first.dossier.id, actor=CLERK, components=[FORM], at=MONDAY + timedelta(minutes=1)
        )
    second = receive(office, at=MONDAY + timedelta(minutes=2))
    assert [str(r.dossier.code)[-4:] for r in (first, second)] == ["0001", "0002"]
    assert second.signed is not None
    assert second.document["code"] == str(second.dossier.code)
    assert office.store.load(second.dossier.id) == second.dossier


def test_instants_are_written_one_way_vietnam_time_with_its_offset(office):
    import json

    received = receive(office)
    lookup = json.loads(office.lookup(str(received.dossier.code)).to_json())
    written = [lookup["received_at"], lookup["appointment"], *(s["at"] for s in lookup["steps"])]
    written += [received.document["received_at"], received.document["appointment"]]
    year = (datetime(2026, 1, 1), datetime(2026, 12, 31, 23, 59))
    score = json.loads(office.quality(*year).to_json())
    table = json.loads(office.statistics(*year).to_json())
    written += [score["first"], score["last"], table["first"], table["last"]]
    assert all(text.endswith("+07:00") for text in written), written


def test_a_district_level_procedure_is_not_received_after_the_two_tier_reform(sqlite_store):
    # A catalog that still holds only the district version (its commune version missing)
    old = next(
        p for p in sample_catalog().procedures if p.code == "1.005461" and p.level is Level.DISTRICT
    )
    catalog = Catalog([attrs.evolve(old, valid_until=None)])
    office = OneStopOffice(sqlite_store, calendar=CAL, catalog=catalog)
    components = [c.name for c in old.components]
    before = office.receive(
        old.code, CITIZEN, actor=CLERK, components=components, at=datetime(2025, 6, 30, 9)
    )
    with pytest.raises(ReceiptRefusedError, match="thủ tục cấp huyện") as refused:
        office.receive(
            old.code, CITIZEN, actor=CLERK, components=components, at=datetime(2025, 7, 1, 9)
        )
    assert "01/7/2025" in refused.value.problems[0]
    assert [s.dossier_id for s in office.store.query(DossierQuery()).items] == [before.dossier.id]
