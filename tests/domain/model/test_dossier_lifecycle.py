"""Every transition of the dossier lifecycle, allowed and refused, and what the history derives."""

from datetime import date
from datetime import datetime
from datetime import timedelta

import attrs
import pytest

from onestop import Catalog
from onestop import Duration
from onestop.catalogs import sample_catalog
from onestop.domain.model._actor import Actor
from onestop.domain.model._actor import Role
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._events import Apologized
from onestop.domain.model._events import Received
from onestop.domain.model._events import Resolved
from onestop.domain.model._events import Submitted
from onestop.domain.model._intake import Intake
from onestop.domain.model._rule_set import FormKind
from onestop.domain.model._status import TRANSITIONS
from onestop.domain.model._status import ClockState
from onestop.domain.model._status import DossierStatus
from onestop.exceptions import DossierError
from onestop.exceptions import InvalidApplicantError
from onestop.exceptions import OneStopError
from onestop.exceptions import TransitionError
from onestop.national._decrees import DECREE_61_2018
from onestop.national._decrees import DECREE_118_2025
from onestop.national._decrees import RULE_SETS
from onestop.national._decrees import rule_set_for
from onestop.rules._rule_sets import dossier_rule_set
from onestop.testing import InMemorySequence
from onestop.testing.strategies import RECEIVING_AGENCY
from onestop.testing.strategies import event_for

CATALOG = sample_catalog()
PROCEDURE = CATALOG.get("1.012787")  # 8 working days
APPLICANT = Applicant("Lê Thị B", "001090012345", "0912345678", "12 Hàng Bạc, Hà Nội")
START = datetime(2026, 11, 16, 9)

# A path of event kinds that reaches each status.
PATHS = {
    DossierStatus.SUBMITTED: ["submitted"],
    DossierStatus.RECEIVED: ["received"],
    DossierStatus.REFUSED: ["refused"],
    DossierStatus.PROCESSING: ["received", "transferred"],
    DossierStatus.SUPPLEMENT_REQUESTED: ["received", "supplement_requested"],
    DossierStatus.AWAITING_PAYMENT: ["received", "payment_requested"],
    DossierStatus.WITHDRAWN: ["received", "withdrawn"],
    DossierStatus.STOPPED: ["received", "stopped"],
    DossierStatus.RESOLVED: ["received", "resolved"],
    DossierStatus.RETURNED: ["received", "resolved", "returned"],
}
KINDS = sorted({kind for moves in TRANSITIONS.values() for kind in moves})


def first(kind, at, procedure=PROCEDURE):
    """A first event of ``kind`` carrying the intake of a dossier of ``procedure``."""
    intake = Intake.of(procedure, APPLICANT, agency=RECEIVING_AGENCY, channel=procedure.channels[0])
    event = event_for(kind, at)
    return attrs.evolve(event, intake=intake) if hasattr(event, "intake") else event


def build(kinds, procedure=PROCEDURE):
    at = START
    dossier = Dossier([first(kinds[0], at, procedure)])
    for kind in kinds[1:]:
        at += timedelta(hours=2)
        dossier = dossier.apply(event_for(kind, at, dossier))
    return dossier


# The lifecycle as the domain brief (§3.1, §3.3) describes it, written out by hand so
# that a change to the transition table has to be made twice.
EXPECTED = {
    None: {"submitted", "received", "refused"},
    DossierStatus.SUBMITTED: {"received", "refused", "supplement_requested", "withdrawn"},
    DossierStatus.RECEIVED: {
        "handed_over",  # a boundary-free dossier, to its competent agency (Decree 118)
        "transferred",
        "supplement_requested",
        "payment_requested",
        "resolved",
        "rejected",
        "stopped",
        "withdrawn",
        "apologized",
    },
    DossierStatus.PROCESSING: {
        "transferred",
        "supplement_requested",
        "payment_requested",
        "resolved",
        "rejected",
        "stopped",
        "withdrawn",
        "apologized",
    },
    DossierStatus.SUPPLEMENT_REQUESTED: {"supplemented", "withdrawn", "stopped"},
    DossierStatus.AWAITING_PAYMENT: {"paid", "withdrawn", "stopped"},
    # Once closed, the applicant may rate the handling (domain brief §8.3), once.
    DossierStatus.RESOLVED: {"returned", "rated"},
    DossierStatus.REFUSED: {"rated"},
    DossierStatus.WITHDRAWN: {"rated"},
    DossierStatus.STOPPED: {"rated"},
    DossierStatus.RETURNED: {"rated"},
}


def test_the_transition_table_is_the_documented_lifecycle():
    assert {status: set(moves) for status, moves in TRANSITIONS.items()} == EXPECTED


def test_every_status_is_reached_and_maps_to_its_portal_code():
    assert [s.value for s in DossierStatus] == list(range(1, 11))
    for status, path in PATHS.items():
        assert build(path).status is status


@pytest.mark.parametrize("status", list(DossierStatus), ids=lambda s: s.name)
@pytest.mark.parametrize("kind", KINDS)
def test_each_event_in_each_status(status, kind):
    dossier = build(PATHS[status])
    event = event_for(kind, dossier.events[-1].at + timedelta(hours=1), dossier)
    allowed = TRANSITIONS[status]
    if kind == "handed_over" and kind in allowed:  # the status allows it; this dossier not
        with pytest.raises(TransitionError, match="only a boundary-free dossier"):
            dossier.apply(event)
        return
    if kind in allowed:
        after = dossier.apply(event)
        expected = allowed[kind]
        if expected == "previous":
            expected = build(PATHS[status][:-1]).status
        assert after.status is expected
        assert after.events[-1] == event
    else:
        with pytest.raises(TransitionError) as info:
            dossier.apply(event)
        assert f"status {status.value} ({status.name.lower()})" in str(info.value)
        assert repr(kind) in str(info.value)


def test_a_new_dossier_starts_with_submission_reception_or_refusal():
    for kind in ("supplemented", "resolved", "returned"):
        with pytest.raises(TransitionError, match="a new dossier cannot take"):
            Dossier([first(kind, START)])
    with pytest.raises(DossierError, match="starts with an event"):
        Dossier([])


def test_events_are_recorded_in_order():
    dossier = build(["received"])
    with pytest.raises(DossierError, match="earlier than the previous one"):
        dossier.apply(event_for("transferred", START - timedelta(minutes=1), dossier))


def test_terminal_statuses_take_nothing():
    for status in (
        DossierStatus.REFUSED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.RETURNED,
    ):
        assert status.is_terminal
        assert status.clock is ClockState.STOPPED
    assert DossierStatus.SUPPLEMENT_REQUESTED.clock is ClockState.PAUSED
    assert DossierStatus.AWAITING_PAYMENT.clock is ClockState.PAUSED
    assert DossierStatus.SUBMITTED.clock is ClockState.NOT_STARTED
    assert DossierStatus.PROCESSING.label_vi == "Đang xử lý"


def test_a_supplement_returns_to_the_status_before_the_request():
    dossier = build(["received", "transferred", "supplement_requested"])
    assert dossier.clock_state is ClockState.PAUSED
    assert (
        dossier.apply(event_for("supplemented", START + timedelta(days=1), dossier)).status
        is DossierStatus.PROCESSING
    )
    submitted = build(["submitted", "supplement_requested", "supplemented"])
    assert submitted.status is DossierStatus.SUBMITTED


def test_one_apology_only_and_only_before_the_due_date():
    dossier = build(["received"])
    leader = Actor("Lãnh đạo", {Role.LEADER}, RECEIVING_AGENCY)
    apology = Apologized(
        at=datetime(2026, 11, 20, 9),
        actor=leader,
        reason="cần xác minh thực địa",
        original_due=datetime(2026, 11, 27, 17),
        new_appointment=datetime(2026, 12, 4, 17),
    )
    once = dossier.apply(apology)
    assert once.apology == apology
    with pytest.raises(TransitionError, match="at most one apology"):
        once.apply(
            Apologized(
                at=datetime(2026, 11, 21, 9),
                actor=leader,
                reason="again",
                original_due=datetime(2026, 12, 4, 17),
                new_appointment=datetime(2026, 12, 11, 17),
            )
        )
    with pytest.raises(TransitionError, match="by the original due date"):
        dossier.apply(
            Apologized(
                at=datetime(2026, 11, 28, 9),
                actor=leader,
                reason="late",
                original_due=datetime(2026, 11, 27, 17),
                new_appointment=datetime(2026, 12, 4, 17),
            )
        )


def test_derived_code_dates_and_holder():
    code = DossierCode.parse("000.00.12.H38-261116-0007")
    clerk = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK}, RECEIVING_AGENCY)
    dossier = Dossier.submit(
        PROCEDURE,
        APPLICANT,
        agency=RECEIVING_AGENCY,
        at=START - timedelta(hours=20),
        actor=Actor.applicant("Lê Thị B"),
    )
    assert dossier.code is None
    assert dossier.received_at is None
    assert dossier_rule_set(dossier, RULE_SETS) is None
    dossier = dossier.apply(Received(at=START, actor=clerk, code=code))
    assert dossier.code == code
    assert dossier.received_at == START
    assert dossier.holder == RECEIVING_AGENCY
    dossier = dossier.apply(event_for("transferred", START + timedelta(hours=1), dossier))
    assert dossier.holder == "000.00.13.H38"


def test_rule_sets_are_fixed_by_the_receipt_date():
    assert rule_set_for(date(2025, 6, 30)) is DECREE_61_2018
    assert rule_set_for(date(2025, 7, 1)) is DECREE_118_2025
    assert DECREE_61_2018.form_number(FormKind.CONTROL_SLIP) == "Mẫu 05"
    assert DECREE_118_2025.form_number(FormKind.CONTROL_SLIP) == "Mẫu 06"
    assert DECREE_118_2025.form_number(FormKind.STOP_NOTICE) == "Mẫu 05"
    assert DECREE_61_2018.form_number(FormKind.STOP_NOTICE) is None
    assert DECREE_61_2018.form_number(FormKind.LOG_BOOK) == "Mẫu 06"
    with pytest.raises(OneStopError, match="from 21/6/2018"):
        rule_set_for(date(2018, 6, 20))
    old = Dossier.receive(
        CATALOG.get("1.005461", on=date(2025, 6, 30)),
        APPLICANT,
        agency=RECEIVING_AGENCY,
        at=datetime(2025, 6, 30, 16),
        actor=Actor("A", {Role.RECEPTION_CLERK}, RECEIVING_AGENCY),
        code=DossierCode(RECEIVING_AGENCY, date(2025, 6, 30), 1),
    )
    assert dossier_rule_set(old, RULE_SETS) is DECREE_61_2018
    resolved = old.apply(event_for("resolved", datetime(2025, 7, 3, 9), old))
    assert dossier_rule_set(resolved, RULE_SETS) is DECREE_61_2018


def test_a_catalog_change_never_alters_a_received_dossiers_deadline():
    from onestop.testing.strategies import national_calendar

    cal = national_calendar()
    v1 = PROCEDURE
    dossier = build(["received"], procedure=v1)
    before = dossier.deadline(cal)
    v2 = attrs.evolve(
        v1, version=2, processing_time=Duration.working_days(3), processing_time_text="3 ngày"
    )
    catalog = Catalog(
        [
            attrs.evolve(v1, valid_until=date(2026, 11, 30)),
            attrs.evolve(v2, valid_from=date(2026, 12, 1)),
        ]
    )
    assert catalog.get(v1.code).processing_time == Duration.working_days(3)
    assert dossier.deadline(cal) == before == datetime(2026, 11, 27, 17)  # 24/11 is off


def test_dossier_codes():
    code = DossierCode.parse("000.00.12.H38-240315-0001")
    assert (code.agency, code.day, code.sequence) == ("000.00.12.H38", date(2024, 3, 15), 1)
    assert str(code) == "000.00.12.H38-240315-0001"
    assert (
        str(DossierCode("000.00.12.H38", date(2026, 1, 5), 12345)) == "000.00.12.H38-260105-12345"
    )
    for bad in ("000.00.12.H38-240315", "000.00.12.H38-241315-0001", "H38-240315-0001", 7):
        with pytest.raises(DossierError):
            DossierCode.parse(bad)
    with pytest.raises(DossierError, match=r"1\.\.99999"):
        DossierCode("000.00.12.H38", date(2026, 1, 5), 0)
    sequence = InMemorySequence()
    day = date(2026, 1, 5)
    assert [sequence.next(RECEIVING_AGENCY, day) for _ in range(3)] == [1, 2, 3]
    assert sequence.next(RECEIVING_AGENCY, date(2026, 1, 6)) == 1
    assert sequence.next("000.00.13.H38", day) == 1


def test_applicants():
    masked = APPLICANT.masked()
    assert (masked.citizen_id, masked.phone, masked.address) == (
        "001*******45",
        "091*****78",
        "Hà Nội",
    )
    assert masked.is_masked
    assert masked.masked() is masked
    for kwargs, match in [
        ({"citizen_id": "12345678901"}, "12 digits"),
        ({"citizen_id": "00109001234a"}, "12 digits"),
        ({"phone": "912345678"}, "phone"),
        ({"name": " "}, "needs a name"),
    ]:
        with pytest.raises(InvalidApplicantError, match=match):
            Applicant(**({"name": "Lê Thị B"} | kwargs))


def test_submission_by_the_named_constructors():
    applicant = Actor.applicant("Lê Thị B")
    dossier = Dossier.submit(
        PROCEDURE, APPLICANT, agency=RECEIVING_AGENCY, at=START, actor=applicant
    )
    assert isinstance(dossier.events[0], Submitted)
    refused = Dossier.refuse(
        PROCEDURE,
        APPLICANT,
        agency=RECEIVING_AGENCY,
        at=START,
        actor=Actor("A", {Role.RECEPTION_CLERK}, RECEIVING_AGENCY),
        reason="ngoài thẩm quyền",
    )
    assert refused.status is DossierStatus.REFUSED
    with pytest.raises(TransitionError):
        refused.apply(Resolved(at=START, actor=applicant, result="x"))
