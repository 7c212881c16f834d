"""Portal sync against a real HTTP server on loopback that fails and recovers."""

import threading
import time
from collections import defaultdict
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import attrs
import httpx
import pytest

import onestop
from onestop.domain.time._local_time import now as vietnam_now
from onestop.exceptions import PortalError
from onestop.exceptions import SettingsError
from onestop.exceptions import UsageError
from onestop.plugins._manager import plugin_host
from onestop.portal._national_portal import NationalPortal
from onestop.portal._payloads import dossier_record
from onestop.portal._payloads import portal_request
from onestop.portal._payloads import portal_time
from onestop.portal._payloads import progress_record
from onestop.portal._sync import OutboxSync
from onestop.portal._sync import SyncReport
from onestop.settings import Settings
from onestop.storage import MemoryStore
from onestop.storage import SQLiteStore
from onestop.testing.conformance import sample_dossiers
from onestop.testing.portal import StandInPortal
from onestop.testing.strategies import RECEIVING_AGENCY
from onestop.testing.strategies import national_calendar

CAL = national_calendar()


@pytest.fixture
def portal():
    with StandInPortal(lifetime=120, max_requests=5_000) as running:
        yield running


def adapter_for(portal, **options):
    return NationalPortal(
        portal.url,
        user=portal.user,
        password=portal.password,
        agency=RECEIVING_AGENCY,
        calendar=CAL,
        timeout=5,
        **options,
    )


@pytest.fixture
def store(sqlite_store):
    """The shared SQLite store with 14 sample dossiers, appended an event at a time."""
    for dossier in sample_dossiers(14):
        stored = sqlite_store.append(None, 0, dossier.events[:1])
        for version, event in enumerate(dossier.events[1:], start=1):
            stored = sqlite_store.append(stored, version, [event])
    return sqlite_store


def assert_in_order_and_complete(portal, store):
    by_dossier = defaultdict(list)
    for delivery in portal.deliveries:
        by_dossier[delivery.dossier_id].append(delivery.version)
    expected = {m.dossier_id for m in store.outbox(include_delivered=True)}
    assert set(by_dossier) == expected
    for dossier_id, versions in by_dossier.items():
        assert versions == list(range(1, store.version(dossier_id) + 1)), dossier_id
    assert not store.outbox()


def test_portal_times_and_records():
    dossier = sample_dossiers(5)[4]  # received, supplement asked and answered, resolved, returned
    record = dossier_record(dossier, CAL)
    assert portal_time(datetime(2026, 3, 3, 10, 5, 9)) == "20260303100509"
    assert record["MaHoSo"] == str(dossier.code) == record["SoBienNhan"]
    assert record["TrangThaiHoSo"] == "10"
    assert record["NgayTiepNhan"] == portal_time(dossier.received_at)
    assert record["NgayHenTra"] == portal_time(dossier.appointment(CAL))
    assert record["NgayKetThucXuLy"] == portal_time(dossier.resolved_at)
    assert record["HinhThuc"] == "0"
    (round_,) = record["DanhSachHoSoBoSung"]
    assert round_["TrangThaiBoSung"] == "1"  # a code, as text, like every other code
    asked, answered = (e for e in dossier.events if e.kind.startswith("supplement"))
    before = onestop.Dossier(dossier.events[: dossier.events.index(asked)]).appointment(CAL)
    after = onestop.Dossier(dossier.events[: dossier.events.index(answered) + 1])
    assert round_["NgayHenTraTruoc"] == portal_time(before)
    assert round_["NgayHenTraMoi"] == portal_time(after.appointment(CAL))
    assert "KenhNop" not in record
    assert record["TenLinhVuc"] == dossier.terms.field
    assert record["ThongTinTra"] == "Trả trực tiếp tại Bộ phận Một cửa"
    assert [f["TenTepDinhKem"] for f in record["TaiLieuNop"]] == list(dossier.received.components)
    assert [r["TenGiayTo"] for r in record["DanhSachGiayToKetQua"]] == [
        e.result for e in dossier.events if e.kind == "resolved"
    ]
    for name in ("MaLinhVuc", "Email", "Fax", "ThongTinKhac", "GhiChu", "DanhSachLePhi"):
        assert name in record
    transfer = sample_dossiers(2)[1]
    service, fields = portal_request(transfer, transfer.events[-1], len(transfer), CAL)
    assert service == "CapNhatTienDoHoSoMC"
    assert fields["data"] == [progress_record(transfer, transfer.events[-1], CAL)]
    assert fields["data"][0]["PhongBanXuLy"] == transfer.holder
    first_service, first = portal_request(dossier, dossier.events[0], 1, CAL)
    assert (first_service, first["isUpdating"]) == ("DongBoHoSoMC", "False")


def test_the_applicants_kind_decides_citizen_or_organisation():
    dossier = sample_dossiers(1)[0]
    events = list(dossier.events)
    for applicant, kind in (
        (onestop.Applicant("Lê Thị Bình"), "1"),  # a person with no ID on file
        (onestop.Applicant("Công ty TNHH An Phú", kind=onestop.ApplicantKind.ORGANISATION), "2"),
    ):
        intake = attrs.evolve(events[0].intake, applicant=applicant)
        record = dossier_record(onestop.Dossier([attrs.evolve(events[0], intake=intake)]), CAL)
        assert record["LoaiDoiTuong"] == kind


def test_a_record_is_made_only_of_the_dossiers_own_event_in_its_place():
    one, other = sample_dossiers(3)[1:]
    with pytest.raises(UsageError, match="is not event 2 of dossier"):
        portal_request(one, other.events[1], 2, CAL)  # another dossier's hand-over
    with pytest.raises(UsageError, match="is not event 1 of dossier"):
        portal_request(one, one.events[1], 1, CAL)  # its own, out of place
    with pytest.raises(UsageError, match="not an event of dossier"):
        progress_record(one, other.events[1], CAL)
    assert portal_request(one, one.events[1], 2, CAL)[0] == "CapNhatTienDoHoSoMC"


def test_the_outbox_drains_in_order_with_one_delivery_per_event(portal, store):
    adapter = adapter_for(portal)
    report = OutboxSync(store, adapter, base_delay=timedelta(milliseconds=10)).drain(timeout=60)
    assert report.failed == 0
    assert (
        report.delivered
        == len(portal.deliveries)
        == sum(
            store.version(m.dossier_id)
            for m in store.outbox(include_delivered=True)
            if m.version == 1
        )
    )
    assert portal.duplicates == 0
    assert_in_order_and_complete(portal, store)


def test_a_portal_that_goes_down_and_recovers_loses_nothing(portal, store):
    adapter = adapter_for(portal)
    sync = OutboxSync(store, adapter, base_delay=timedelta(hours=1))
    portal.fail_next = 7
    first = sync.run_once(limit=5)
    assert first.failed == 5
    assert "HTTP 503" in first.errors[0]
    waiting = store.outbox()[0]
    assert waiting.attempts == 1
    assert waiting.not_before > vietnam_now() + timedelta(minutes=59)
    assert waiting.id not in {m.id for m in store.pending(vietnam_now())}  # held back
    later = vietnam_now() + timedelta(hours=2)
    sync = OutboxSync(
        store,
        adapter,
        now=lambda: later + (vietnam_now() - started),
        base_delay=timedelta(milliseconds=20),
    )
    started = vietnam_now()
    portal.down = True
    threading.Timer(0.3, lambda: setattr(portal, "down", False)).start()
    report = sync.drain(timeout=60, poll=0.02)
    assert report.failed >= 1  # it was down for a while during the run
    assert portal.duplicates == 0
    assert_in_order_and_complete(portal, store)


class CrashAfterDelivery:
    """Delivers, then dies before the store marks the message: the classic duplicate."""

    def __init__(self, inner, crash_after):
        self.inner = inner
        self.left = crash_after

    def deliver(self, message, dossier):
        self.inner.deliver(message, dossier)
        self.left -= 1
        if self.left == 0:
            raise SystemExit("killed between delivery and acknowledgement")


def test_a_restart_resumes_and_the_portal_drops_the_repeat(portal, store, tmp_path):
    crashing = CrashAfterDelivery(adapter_for(portal), crash_after=9)
    with pytest.raises(SystemExit):
        OutboxSync(store, crashing, worker="office-1").drain(timeout=30)
    delivered_before = len(store.outbox(include_delivered=True)) - len(store.outbox())
    assert delivered_before == 8
    restarted = SQLiteStore(store.path, calendar=CAL)  # a new process opens the file
    # under its old name it takes back at once what it held when it died
    report = OutboxSync(restarted, adapter_for(portal), worker="office-1").drain(timeout=60)
    assert portal.duplicates == 1  # the ninth was sent twice and dropped once
    assert report.delivered == len(restarted.outbox(include_delivered=True)) - delivered_before
    assert_in_order_and_complete(portal, restarted)
    restarted.close()


def test_another_worker_takes_a_dead_workers_messages_when_its_lease_runs_out(portal, store):
    crashing = CrashAfterDelivery(adapter_for(portal), crash_after=1)
    with pytest.raises(SystemExit):
        OutboxSync(store, crashing, worker="a", lease=timedelta(minutes=10)).run_once(limit=5)
    held = {m.id for m in store.outbox() if m.claimed_by == "a"}
    assert len(held) == 5
    assert not held & {m.id for m in store.pending(vietnam_now())}
    other = OutboxSync(store, adapter_for(portal), worker="b")
    other.run_once(limit=1_000)
    assert held <= {m.id for m in store.outbox()}  # still held: not delivered by b
    assert portal.duplicates == 0
    later = vietnam_now() + timedelta(minutes=11)
    other = OutboxSync(store, adapter_for(portal), worker="b", now=lambda: later)
    report = other.drain(timeout=60)
    assert report.pending == 0
    assert portal.duplicates == 1  # the message a delivered before dying, dropped by its key
    assert {m.claimed_by for m in store.outbox(include_delivered=True) if m.id in held} == {"b"}
    assert_in_order_and_complete(portal, store)


def test_an_expired_session_is_renewed(portal, store):
    adapter = adapter_for(portal)
    sync = OutboxSync(store, adapter)
    assert sync.run_once(limit=2).delivered == 2
    portal.expire_sessions()
    assert sync.run_once(limit=2).delivered == 2


def test_a_refused_login_and_refused_records_are_portal_errors(portal, store):
    wrong = NationalPortal(
        portal.url, user="x", password="y", agency=RECEIVING_AGENCY, calendar=CAL
    )
    report = OutboxSync(store, wrong).run_once(limit=1)
    assert report.failed == 1
    assert "refused the login" in report.errors[0]
    message = store.pending(vietnam_now() + timedelta(days=1))[0]
    dossier = store.load(message.dossier_id)
    adapter = adapter_for(portal)
    adapter.SERVICE_PATH = "/nowhere"
    with pytest.raises(PortalError, match="HTTP 404"):
        adapter.deliver(message, dossier)


@pytest.mark.parametrize(
    "url", ["http://[::1", "http://", "ftp://portal.gov.vn", "http://x:99999", "http://a\x00b"]
)
def test_a_portal_url_httpx_cannot_send_to_is_refused_at_once(url):
    with pytest.raises(UsageError, match="portal URL"):
        NationalPortal(url, user="u", password="p", agency=RECEIVING_AGENCY)


def test_an_unreachable_portal_is_a_portal_error(store):
    with StandInPortal() as gone:
        url = gone.url
    adapter = NationalPortal(
        url, user="u", password="p", agency=RECEIVING_AGENCY, calendar=CAL, timeout=1
    )
    message = store.pending(vietnam_now())[0]
    with pytest.raises(PortalError, match="cannot be reached"):
        adapter.deliver(message, store.load(message.dossier_id))


def test_backoff_doubles_to_its_cap(store):
    sync = OutboxSync(
        store,
        object.__new__(NationalPortal),
        base_delay=timedelta(seconds=2),
        max_delay=timedelta(minutes=1),
    )
    assert [sync.delay(n).total_seconds() for n in (1, 2, 3, 4, 5, 6, 99)] == [
        2,
        4,
        8,
        16,
        32,
        60,
        60,
    ]
    with pytest.raises(UsageError):
        OutboxSync(store, "adapter")
    with pytest.raises(UsageError):
        OutboxSync(store, sync.adapter, base_delay=timedelta(0))
    assert SyncReport(1, 0, 5, ("a",)) + SyncReport(2, 1, 3, ("a", "b")) == SyncReport(
        3, 1, 3, ("a", "b")
    )


def test_the_portal_plugin_reads_the_settings(portal):
    host = plugin_host(load_entry_points=False)
    assert host.portal(Settings(store="memory:")) is None
    settings = Settings(
        store="memory:",
        portal_url=portal.url,
        portal_user=portal.user,
        portal_password=portal.password,
        portal_agency=RECEIVING_AGENCY,
    )
    adapter = host.portal(settings)
    assert isinstance(adapter, NationalPortal)
    assert "stand-in" not in repr(adapter)
    from onestop.exceptions import PluginError

    with pytest.raises(PluginError, match="portal_password"):
        host.portal(Settings(store="memory:", portal_url=portal.url))
    with pytest.raises(SettingsError):
        NationalPortal.from_settings(Settings(store="memory:", portal_url=portal.url))


def test_the_adapter_uses_the_given_client(portal, store):
    calls = []

    def record(request):
        calls.append(request.headers.get("Idempotency-Key"))

    client = httpx.Client(event_hooks={"request": [record]})
    adapter = adapter_for(portal, client=client)
    OutboxSync(store, adapter).run_once(limit=1)
    assert calls[0] is None  # the login
    assert calls[1].endswith(":1")
    adapter.close()


def test_the_national_adapter_keeps_the_portal_contract():
    from onestop.testing.conformance import PORTAL_CHECKS
    from onestop.testing.conformance import check_portal

    report = check_portal(lambda stand_in: adapter_for(stand_in))
    assert report.ok, str(report)
    assert len(report.passed) == len(PORTAL_CHECKS)


class SwallowsFailures(NationalPortal):
    """The bug one province shipped: a failed delivery is logged and called a success."""

    def deliver(self, message, dossier):
        try:
            super().deliver(message, dossier)
        except PortalError:
            return


def test_the_portal_kit_catches_a_broken_adapter():
    from onestop.testing.conformance import check_portal

    def broken(stand_in):
        return SwallowsFailures(
            stand_in.url,
            user=stand_in.user,
            password=stand_in.password,
            agency=RECEIVING_AGENCY,
            calendar=CAL,
        )

    report = check_portal(broken)
    assert not report.ok
    assert [name for name, _ in report.failures] == ["check_down_portal_is_a_portal_error"]


def test_serve_delivers_until_stopped(portal, store):
    stop = threading.Event()
    sync = OutboxSync(store, adapter_for(portal), worker="desk")
    reports = []
    worker = threading.Thread(target=lambda: reports.append(sync.serve(stop, idle=0.05)))
    worker.start()
    for _ in range(600):  # until the outbox is empty, 60 s at most
        if not store.outbox():
            break
        time.sleep(0.1)
    stop.set()
    worker.join(60)
    assert not worker.is_alive()
    assert reports[0].delivered == len(portal.deliveries) > 0
    assert reports[0].pending == 0
    assert_in_order_and_complete(portal, store)


def test_workers_refuse_what_is_not_a_store_a_clock_or_a_stop(portal, store):
    adapter = adapter_for(portal)
    with pytest.raises(UsageError, match="DossierStore"):
        OutboxSync(object(), adapter)
    with pytest.raises(UsageError, match="clock"):
        OutboxSync(store, adapter, now="now")
    with pytest.raises(UsageError, match="worker"):
        OutboxSync(store, adapter, worker="")
    with pytest.raises(UsageError, match=r"threading\.Event"):
        OutboxSync(store, adapter).serve("stop")


def test_the_workers_clock_is_vietnam_time_whatever_the_machines_zone(monkeypatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")  # 14 or 15 hours behind Vietnam
    time.tzset()
    try:
        sync = OutboxSync(MemoryStore(CAL), _NoPortal())
        utc = datetime.now(UTC).replace(tzinfo=None)
        assert abs(sync.now() - (utc + timedelta(hours=7))) < timedelta(minutes=1)
    finally:
        monkeypatch.undo()
        time.tzset()


class _NoPortal:
    def deliver(self, message, dossier):
        raise AssertionError("nothing is delivered here")
