"""One bad argument in a good call: every argument of every caller-facing call is tried.

``test_hostile_input`` calls every public name with hostile arguments only, so a call
usually stops at its first argument. Real callers send good calls with one bad value
in them — a lone surrogate in a step name, an integer past 64 bits as a message id, a
naive end to an aware period, a NaN lease. Here each entry in :data:`CALLS` is a call
that succeeds (a test checks it); Hypothesis then replaces one of its arguments at a
time with a hostile value, and anything but a ``OneStopError`` fails the test.
"""

import math
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from onestop import VIETNAM_TZ
from onestop import Actor
from onestop import Applicant
from onestop import BoundaryFreeList
from onestop import FormKind
from onestop import Role
from onestop._shown import shown
from onestop.catalogs import catalog_from_json
from onestop.catalogs import load_catalog
from onestop.catalogs import load_process
from onestop.catalogs import load_records
from onestop.catalogs import process_from_json
from onestop.catalogs import sample_catalog
from onestop.catalogs import save_catalog
from onestop.events import Satisfaction
from onestop.exceptions import OneStopError
from onestop.exceptions import PluginError
from onestop.exceptions import SigningError
from onestop.exceptions import UnsignedEventError
from onestop.exceptions import UsageError
from onestop.fees import Facts
from onestop.national import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.plugins import hookimpl
from onestop.plugins import plugin_host
from onestop.portal import NationalPortal
from onestop.portal import OutboxSync
from onestop.serialization import parse_json
from onestop.signing import KeySigner
from onestop.signing import SignedDocument
from onestop.storage import DossierQuery
from onestop.storage import MemoryStore
from onestop.storage import SQLiteStore
from onestop.testing.certificates import pem_files
from onestop.testing.certificates import self_signed
from onestop.testing.conformance import sample_dossiers
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
DESK = "000.00.12.H38"
DEPT = "000.00.13.H38"
CLERK = Actor("Nguyễn Văn Tiếp", {Role.RECEPTION_CLERK, Role.SPECIALIST, Role.LEADER}, DESK)
CITIZEN = Applicant("Lê Thị Bình", "001090012345", "0912345678", "12 Hàng Bạc, Hà Nội")
RESIDENCE = "1.004222"
FORM = "Tờ khai thay đổi thông tin cư trú"
AT = datetime(2026, 3, 2, 9, tzinfo=VIETNAM_TZ)
FIRST = datetime(2026, 1, 1, tzinfo=VIETNAM_TZ)
LAST = datetime(2027, 1, 1, tzinfo=VIETNAM_TZ)
SIGNER = KeySigner(*self_signed())
FOLDER = Path(tempfile.mkdtemp(prefix="onestop-hostile-"))
STORE = SQLiteStore(FOLDER / "office.sqlite3", calendar=CAL)
PORTAL = NationalPortal("http://127.0.0.1:9", user="u", password="p", agency=DESK, calendar=CAL)
BOUNDARY_FREE = BoundaryFreeList(
    "Quyết định 2449/QĐ-UBND", {RESIDENCE}, valid_from=date(2025, 11, 20)
)
OFFICE = OneStopOffice(
    STORE,
    calendar=CAL,
    catalog=sample_catalog().with_boundary_free(BOUNDARY_FREE),
    fee_book=VIETNAM_FEES,
    signer=SIGNER,
)


def _raises_midway():
    yield "Đơn đề nghị"
    raise RuntimeError("a caller's generator failed midway")


class _Unprintable:
    def __repr__(self):
        raise RuntimeError("no repr")


PLUS_14 = timezone(timedelta(hours=14))
#: What real callers send by mistake, by class.
HOSTILE = st.sampled_from(
    [
        None,
        *("", "\ud800", "a\x00b", "x" * 20_000, "[" * 10_000),
        *(2**63, 2**64, -(2**63) - 1, 10**30, 10**5000, -1, 0, True),
        *(math.nan, math.inf, -math.inf, 1e300, 1e10, -0.5),
        datetime(2026, 3, 2, 9),  # naive, where the rest is aware
        datetime(2026, 3, 2, 2, tzinfo=UTC),
        datetime.max.replace(tzinfo=PLUS_14),
        datetime.min.replace(tzinfo=PLUS_14),
        datetime.max,
        datetime.min,
        timedelta.max,
        timedelta(days=-1),
        [],
        ["\ud800"],
        [3],
        {"page": 1},
        lambda: None,
        lambda: 3,
        _raises_midway,
        object(),
        _Unprintable(),
        b"\xff\xfe",
    ]
)


@attrs.frozen
class Call:
    """A good call: ``prepare()`` gives the callable and its keyword arguments."""

    name: str
    prepare: Callable[[], tuple[Callable[..., Any], dict[str, Any]]]


def _received():
    result = OFFICE.receive(RESIDENCE, CITIZEN, actor=CLERK, components=[FORM], at=AT)
    return result.dossier


def _resolved():
    dossier = _received()
    OFFICE.resolve(dossier.id, actor=CLERK, result="Đã đăng ký", at=AT + timedelta(hours=1))
    return dossier


def _returned():
    dossier = _resolved()
    OFFICE.return_result(dossier.id, actor=CLERK, at=AT + timedelta(hours=2))
    return dossier


def _supplement_requested():
    dossier = _received()
    OFFICE.request_supplement(
        dossier.id, actor=CLERK, items=["Bản sao sổ hộ khẩu"], at=AT + timedelta(hours=1)
    )
    return dossier


def _payment_requested():
    dossier = _received()
    OFFICE.request_payment(dossier.id, actor=CLERK, amount=20_000, at=AT + timedelta(hours=1))
    return dossier


def _received_elsewhere():
    result = OFFICE.receive(
        RESIDENCE, CITIZEN, actor=CLERK, components=[FORM], at=AT, competent_agency=DEPT
    )
    return result.dossier


def _submitted():
    result = OFFICE.submit(
        RESIDENCE, CITIZEN, agency=DESK, actor=Actor.applicant("Lê Thị Bình"), at=AT
    )
    return result.dossier


def office_call(method, state, **kwargs):
    """A call of ``OneStopOffice.method`` on a dossier made fresh by ``state``."""

    def prepare():
        dossier = state()
        return getattr(OFFICE, method), {"dossier_id": dossier.id, **kwargs}

    return Call(f"OneStopOffice.{method}", prepare)


def plain(name, target, **kwargs):
    """A call of ``target`` with the keyword arguments ``kwargs`` (each one is replaced)."""
    return Call(name, lambda: (target, dict(kwargs)))


def _apologize():
    dossier = _received()
    due = dossier.deadline(CAL)
    call = {
        "dossier_id": dossier.id,
        "actor": CLERK,
        "reason": "chậm thẩm định",
        "new_appointment": due + timedelta(days=5),
        "at": due - timedelta(hours=1),
    }
    return OFFICE.apologize, call


def _outbox_message():
    _received()
    return STORE.outbox()[-1].id


LATER = AT + timedelta(hours=1)
CALLS = [
    plain(
        "OneStopOffice.receive",
        OFFICE.receive,
        procedure=RESIDENCE,
        applicant=CITIZEN,
        actor=CLERK,
        components=[FORM],
        facts=Facts(),
        at=AT,
        digitised=False,
    ),
    plain(
        "OneStopOffice.receive",
        OFFICE.receive,
        procedure=RESIDENCE,
        applicant=CITIZEN,
        actor=CLERK,
        components=[FORM],
        at=AT,
        competent_agency=DEPT,
        return_point=DESK,
    ),
    plain(
        "OneStopOffice.refuse",
        OFFICE.refuse,
        procedure=RESIDENCE,
        applicant=CITIZEN,
        actor=CLERK,
        reason="thiếu giấy tờ",
        at=AT,
    ),
    plain(
        "OneStopOffice.submit",
        OFFICE.submit,
        procedure=RESIDENCE,
        applicant=CITIZEN,
        agency=DESK,
        actor=Actor.applicant("Lê Thị Bình"),
        at=AT,
    ),
    office_call("receive_submitted", _submitted, actor=CLERK, components=[FORM], at=LATER),
    office_call("refuse_submitted", _submitted, actor=CLERK, reason="thiếu", at=LATER),
    office_call("hand_over", _received_elsewhere, actor=CLERK, at=LATER),
    office_call("transfer", _received, actor=CLERK, to_agency=DEPT, step="thẩm định", at=LATER),
    office_call(
        "request_supplement", _received, actor=CLERK, items=["Bản sao sổ hộ khẩu"], at=LATER
    ),
    office_call("record_supplement", _supplement_requested, actor=CLERK, at=LATER),
    office_call("request_payment", _received, actor=CLERK, amount=20_000, at=LATER),
    office_call(
        "record_payment", _payment_requested, actor=CLERK, amount=20_000, online=True, at=LATER
    ),
    office_call("resolve", _received, actor=CLERK, result="Đã đăng ký", at=LATER),
    office_call("reject", _received, actor=CLERK, reason="không đủ điều kiện", at=LATER),
    office_call("withdraw", _received, actor=CLERK, reason="theo đơn", at=LATER),
    office_call("stop", _received, actor=CLERK, reason="tạm dừng", at=LATER),
    office_call("return_result", _resolved, actor=CLERK, at=AT + timedelta(hours=2)),
    office_call(
        "rate",
        _returned,
        actor=CLERK,
        level=Satisfaction.SATISFIED,
        comment="tốt",
        at=AT + timedelta(hours=3),
    ),
    Call("OneStopOffice.apologize", _apologize),
    office_call("dossier", _received),
    office_call("form", _received, kind=FormKind.RECEIPT, names={DESK: "Bộ phận Một cửa"}),
    Call(
        "OneStopOffice.lookup",
        lambda: (OFFICE.lookup, {"code": str(_received().code)}),
    ),
    plain("OneStopOffice.late", OFFICE.late, first=FIRST, last=LAST),
    plain("OneStopOffice.statistics", OFFICE.statistics, first=FIRST, last=LAST),
    plain("OneStopOffice.quality", OFFICE.quality, first=FIRST, last=LAST, agency=DESK),
    plain(
        "OneStopOffice.log_book",
        OFFICE.log_book,
        agency=DESK,
        first=FIRST,
        last=LAST,
        names={DESK: "Bộ phận Một cửa"},
    ),
    plain(
        "OneStopOffice.outbox_sync",
        OFFICE.outbox_sync,
        adapter=PORTAL,
        worker="w1",
        lease=timedelta(minutes=5),
    ),
    plain(
        "OneStopOffice()",
        OneStopOffice,
        store=MemoryStore(CAL),
        calendar=CAL,
        catalog=sample_catalog(),
        fee_book=VIETNAM_FEES,
        signer=SIGNER,
        now=lambda: AT,
    ),
    # the store, on a file on disk
    office_call("dossier", _received),
    Call("SQLiteStore.load", lambda: (STORE.load, {"dossier_id": _received().id})),
    Call("SQLiteStore.summary", lambda: (STORE.summary, {"dossier_id": _received().id})),
    Call("SQLiteStore.version", lambda: (STORE.version, {"dossier_id": _received().id})),
    Call("SQLiteStore.verify", lambda: (STORE.verify, {"dossier_id": _received().id})),
    Call("SQLiteStore.find", lambda: (STORE.find, {"code": str(_received().code)})),
    plain("SQLiteStore.next_sequence", STORE.next_sequence, agency=DESK, day=AT),
    plain("SQLiteStore.statistics", STORE.statistics, first=FIRST, last=LAST),
    plain("SQLiteStore.quality", STORE.quality, first=FIRST, last=LAST),
    plain("SQLiteStore.pending", STORE.pending, now=AT, limit=10),
    plain(
        "SQLiteStore.claim", STORE.claim, now=AT, worker="w1", lease=timedelta(minutes=1), limit=5
    ),
    Call(
        "SQLiteStore.delivered",
        lambda: (STORE.delivered, {"message_id": _outbox_message(), "at": LATER}),
    ),
    Call(
        "SQLiteStore.failed",
        lambda: (
            STORE.failed,
            {"message_id": _outbox_message(), "error": "503", "retry_at": LATER},
        ),
    ),
    plain("SQLiteStore.wait", STORE.wait, timeout=0.0),
    plain("SQLiteStore.checkpoint", STORE.checkpoint, at=LATER, signer=SIGNER),
    plain(
        "SQLiteStore.query",
        lambda **kwargs: STORE.query(DossierQuery(**kwargs)),
        agency=DESK,
        received=(FIRST, LAST),
        due=(FIRST, LAST),
        after=1,
        limit=10,
    ),
    plain(
        "SQLiteStore.count",
        lambda **kwargs: STORE.count(DossierQuery(**kwargs)),
        procedure=RESIDENCE,
        closed=(FIRST, LAST),
    ),
    plain("SQLiteStore()", SQLiteStore, path=FOLDER / "other.sqlite3", calendar=CAL, timeout=5.0),
    # the portal
    plain(
        "NationalPortal()",
        NationalPortal,
        url="http://127.0.0.1:9",
        user="u",
        password="p",
        agency=DESK,
        calendar=CAL,
        timeout=5.0,
    ),
    plain(
        "OutboxSync()",
        OutboxSync,
        store=STORE,
        adapter=PORTAL,
        now=lambda: AT,
        base_delay=timedelta(seconds=2),
        max_delay=timedelta(hours=1),
        worker="w1",
        lease=timedelta(minutes=5),
    ),
]
KEY_PEM, CERTIFICATE_PEM = pem_files(*self_signed(), password="mật khẩu")
(FOLDER / "key.pem").write_bytes(KEY_PEM)
(FOLDER / "certificate.pem").write_bytes(CERTIFICATE_PEM)
save_catalog(sample_catalog(), FOLDER / "catalog.json")
CALLS += [
    # files named by callers
    plain("load_catalog", load_catalog, path=FOLDER / "catalog.json"),
    plain("save_catalog", save_catalog, catalog=sample_catalog(), path=FOLDER / "saved.json"),
    plain(
        "KeySigner.from_file",
        KeySigner.from_file,
        path=FOLDER / "key.pem",
        password="mật khẩu",
        certificate=FOLDER / "certificate.pem",
    ),
    plain(
        "KeySigner.from_pem",
        KeySigner.from_pem,
        key=KEY_PEM,
        certificate=CERTIFICATE_PEM,
        password="mật khẩu",
    ),
]
#: Calls whose arguments may be a long wait: only hostile values that cannot block.
BLOCKING = {"SQLiteStore.wait": "timeout"}


def _blocks(name, argument, value):
    return (
        BLOCKING.get(name) == argument
        and isinstance(value, int | float)
        and 1 < value <= 30 * 86_400  # accepted, and waited for
    )


@pytest.mark.parametrize("call", CALLS, ids=lambda call: call.name)
def test_each_good_call_succeeds(call):
    target, kwargs = call.prepare()
    target(**kwargs)


@pytest.mark.parametrize("call", CALLS, ids=lambda call: call.name)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_one_bad_argument_raises_only_onestop_errors(call, data):
    target, kwargs = call.prepare()
    argument = data.draw(st.sampled_from(sorted(kwargs)), label="argument")
    value = data.draw(HOSTILE, label="value")
    if _blocks(call.name, argument, value):
        return
    try:
        target(**{**kwargs, argument: value})
    except OneStopError as error:
        message = str(error)
    except Exception as error:  # noqa: BLE001 - the point of the test
        pytest.fail(
            f"{call.name}({argument}={shown(value)}) raised {type(error).__name__}: {error}"
        )
    else:
        return
    assert message, f"{call.name} raised an error with no message"


def test_every_office_and_store_call_is_in_the_book():
    named = {call.name for call in CALLS}
    for cls in (OneStopOffice, SQLiteStore):
        public = {
            f"{cls.__name__}.{name}"
            for name in dir(cls)
            if not name.startswith("_") and callable(getattr(cls, name))
        }
        missing = (
            public
            - named
            - {
                "OneStopOffice.close",
                "OneStopOffice.sync",  # delivers over the network: outbox_sync is in the book
                "SQLiteStore.close",
                "SQLiteStore.checkpoints",  # take no argument
                "SQLiteStore.outbox",
                "SQLiteStore.verify_all",
                "SQLiteStore.append",  # take events the office builds: fuzzed in test_storage
                "SQLiteStore.append_numbered",
                "SQLiteStore.import_histories",
            }
        )
        assert not missing, f"calls of {sorted(missing)} are not in the book"


class _MidwayPlugin:
    """A province plugin whose generators fail after their first item."""

    @hookimpl
    def onestop_check_receipt(self, procedure, applicant, components, channel):
        yield "thiếu bản sao"
        raise RuntimeError("the plugin's database went away")

    @hookimpl
    def onestop_procedures(self):
        yield from sample_catalog().procedures[:1]
        raise RuntimeError("the plugin's catalog file is cut short")


class _FailingSigner:
    """A hardware token pulled out mid-session."""

    def sign(self, payload):
        raise RuntimeError("token removed")

    def verify(self, payload, signature):
        raise RuntimeError("token removed")


class _FailingSequence:
    def next(self, agency, day):
        raise RuntimeError("the province's numbering service timed out")


def _office(**parts):
    parts = {"fee_book": VIETNAM_FEES, **parts}
    return OneStopOffice(MemoryStore(CAL), calendar=CAL, catalog=sample_catalog(), **parts)


def _receive(office):
    return office.receive(RESIDENCE, CITIZEN, actor=CLERK, components=[FORM], at=AT)


def test_a_plugin_failing_midway_is_a_plugin_error_naming_it():
    host = plugin_host(load_entry_points=False, plugins=[("tỉnh", _MidwayPlugin())])
    with pytest.raises(PluginError, match=r"tỉnh.*listing its procedures.*cut short"):
        host.catalog()
    office = _office(plugins=host)
    with pytest.raises(PluginError, match=r"onestop_check_receipt.*went away"):
        _receive(office)
    assert not office.store.query(DossierQuery()).items  # nothing was stored


def test_a_failing_signer_says_the_event_is_stored_and_unsigned():
    office = _office(signer=_FailingSigner())
    with pytest.raises(UnsignedEventError, match=r"is stored .*token removed") as raised:
        _receive(office)
    stored = office.store.load(raised.value.dossier_id)
    assert (len(stored), stored.events[-1].kind) == (raised.value.version, raised.value.kind)
    assert isinstance(raised.value, SigningError)


def test_a_failing_sequence_or_clock_is_named():
    with pytest.raises(PluginError, match=r"_FailingSequence.*timed out"):
        _receive(_office(sequence=_FailingSequence()))
    office = _office(now=lambda: None)
    with pytest.raises(UsageError, match="clock returned None"):
        office.receive(RESIDENCE, CITIZEN, actor=CLERK, components=[FORM])


@pytest.mark.parametrize("part", ["sequence", "plugins", "signer", "portal", "fee_book"])
def test_office_parts_of_the_wrong_kind_are_refused(part):
    with pytest.raises(UsageError, match=part):
        _office(**{part: 3})


#: JSON texts from outside that no reader may choke on: nested past the parser's depth,
#: an integer past Python's int-from-text limit, and not UTF-8.
BAD_JSON = {
    "nested arrays": "[" * 100_000 + "]" * 100_000,
    "nested objects": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "a 5,000-digit integer": '{"records": [' + "1" * 5000 + "]}",
    "not UTF-8": b'{"a": "\xff\xfe"}',
}


def _stored_row(tmp_path, text):
    path = tmp_path / "edited.sqlite3"
    dossier = sample_dossiers(1)[0]
    with SQLiteStore(path, calendar=CAL) as store:
        store.append(None, 0, dossier.events)
    db = sqlite3.connect(path)
    db.execute("UPDATE events SET body = ? WHERE version = 1", (_bytes(text),))
    db.commit()
    db.close()
    with SQLiteStore(path, calendar=CAL) as store:
        store.load(dossier.id)


def _portal_answer(_, text):
    def answer(request):
        return httpx.Response(200, content=_bytes(text))

    client = httpx.Client(transport=httpx.MockTransport(answer))
    portal = NationalPortal(
        "http://portal.test", user="u", password="p", agency=DESK, client=client
    )
    store = MemoryStore(CAL)
    dossier = sample_dossiers(1)[0]
    store.append(None, 0, dossier.events)
    portal.deliver(store.outbox()[0], dossier)


def _file(loader):
    def read(tmp_path, text):
        path = tmp_path / "data.json"
        path.write_bytes(_bytes(text))
        loader(path)

    return read


def _bytes(text):
    return text if isinstance(text, bytes) else text.encode()


JSON_DOORS = {
    "parse_json": lambda _, text: parse_json(text, "a test's text"),
    "catalog_from_json": lambda _, text: catalog_from_json(text),
    "process_from_json": lambda _, text: process_from_json(text),
    "SignedDocument.from_json": lambda _, text: SignedDocument.from_json(text),
    "SignedDocument.data": lambda _, text: SignedDocument(_bytes(text), "e30..e30").data,
    "load_records": _file(load_records),
    "load_catalog": _file(load_catalog),
    "load_process": _file(load_process),
    "a stored event row": _stored_row,
    "the portal's answer": _portal_answer,
}


@pytest.mark.parametrize("door", sorted(JSON_DOORS))
@pytest.mark.parametrize("text", sorted(BAD_JSON))
def test_every_json_door_refuses_what_the_parser_cannot_read(tmp_path, door, text):
    with pytest.raises(OneStopError):
        JSON_DOORS[door](tmp_path, BAD_JSON[text])
