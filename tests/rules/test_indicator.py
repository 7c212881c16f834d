"""Decision 766/QĐ-TTg's timeliness indicator beside the legal classification."""

from datetime import date
from datetime import datetime

from onestop import Actor
from onestop import Applicant
from onestop import Channel
from onestop import Dossier
from onestop import DossierCode
from onestop import Outcome
from onestop import Role
from onestop.catalogs import sample_catalog
from onestop.events import Paid
from onestop.events import PaymentRequested
from onestop.events import Resolved
from onestop.events import Returned
from onestop.events import Supplemented
from onestop.events import SupplementRequested
from onestop.events import Withdrawn
from onestop.rules._indicators import indicator
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
PROCEDURE = sample_catalog().get("1.012787")  # 8 working days
DESK = "000.00.12.H38"
CLERK = Actor("Cán bộ", {Role.RECEPTION_CLERK, Role.SPECIALIST, Role.LEADER}, DESK)
APPLICANT = Actor.applicant("Lê Thị B")
START = datetime(2026, 3, 2, 9)  # Monday; due Thu 12/3 17:00


def received():
    return Dossier.receive(
        PROCEDURE,
        Applicant("Lê Thị B"),
        agency=DESK,
        at=START,
        actor=CLERK,
        code=DossierCode(DESK, date(2026, 3, 2), 1),
    )


def supplement(dossier, asked, answered):
    dossier = dossier.apply(SupplementRequested(at=asked, actor=CLERK, items=["bản sao"]))
    return dossier.apply(Supplemented(at=answered, actor=APPLICANT))


def test_processing_not_finished_has_no_indicator():
    assert indicator(received(), CAL) is None


def test_finished_by_the_appointment_is_on_time():
    dossier = received().apply(Resolved(at=datetime(2026, 3, 12, 16), actor=CLERK, result="GCN"))
    reading = indicator(dossier, CAL)
    assert reading.on_time
    assert reading.appointment == datetime(2026, 3, 12, 17)
    assert reading.finished_at == datetime(2026, 3, 12, 16)


def test_supplement_waiting_is_subtracted():
    # Waiting Wed 4/3 → Fri 6/3 adds two working days: due Mon 16/3.
    dossier = supplement(received(), datetime(2026, 3, 4, 10), datetime(2026, 3, 6, 10))
    dossier = dossier.apply(Resolved(at=datetime(2026, 3, 16, 16), actor=CLERK, result="GCN"))
    assert indicator(dossier, CAL).on_time
    assert indicator(dossier, CAL).appointment == datetime(2026, 3, 16, 17)
    assert dossier.resolution(CAL).outcome is Outcome.ON_TIME


def test_more_than_one_supplement_request_counts_as_late_whatever_the_dates():
    dossier = supplement(received(), datetime(2026, 3, 3, 10), datetime(2026, 3, 3, 11))
    dossier = supplement(dossier, datetime(2026, 3, 4, 10), datetime(2026, 3, 4, 11))
    dossier = dossier.apply(Resolved(at=datetime(2026, 3, 5, 9), actor=CLERK, result="GCN"))
    reading = indicator(dossier, CAL)
    assert not reading.on_time
    assert reading.supplement_requests == 2
    assert "more than once" in reading.reason
    assert dossier.resolution(CAL).outcome is Outcome.EARLY  # the legal reading differs


def test_payment_waiting_is_not_subtracted_by_the_indicator():
    dossier = received().apply(PaymentRequested(at=datetime(2026, 3, 4, 10), actor=CLERK, amount=1))
    dossier = dossier.apply(Paid(at=datetime(2026, 3, 9, 10), actor=APPLICANT, amount=1))
    dossier = dossier.apply(Resolved(at=datetime(2026, 3, 13, 16), actor=CLERK, result="GCN"))
    assert dossier.resolution(CAL).outcome is not Outcome.LATE  # the legal clock pauses
    assert not indicator(dossier, CAL).on_time


def test_processing_ends_at_the_first_finishing_event():
    dossier = received().apply(Resolved(at=datetime(2026, 3, 12, 16), actor=CLERK, result="GCN"))
    dossier = dossier.apply(
        Returned(at=datetime(2026, 3, 20, 9), actor=CLERK, channel=Channel.IN_PERSON)
    )
    assert indicator(dossier, CAL).finished_at == datetime(2026, 3, 12, 16)
    assert indicator(dossier, CAL).on_time


def test_withdrawn_has_no_indicator_and_refused_counts_on_time():
    withdrawn = received().apply(Withdrawn(at=datetime(2026, 3, 3, 9), actor=APPLICANT))
    assert indicator(withdrawn, CAL) is None
    refused = Dossier.refuse(
        PROCEDURE, Applicant("Lê Thị B"), agency=DESK, at=START, actor=CLERK, reason="thiếu"
    )
    assert indicator(refused, CAL).on_time
    assert indicator(refused, CAL).appointment is None
