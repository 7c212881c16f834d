"""Deadlines, standing, outcomes and inter-agency steps derived from a dossier's history."""

from datetime import datetime
from datetime import timedelta

import pytest

from onestop.catalogs import sample_catalog
from onestop.domain.model._actor import Actor
from onestop.domain.model._actor import Role
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._events import Apologized
from onestop.domain.model._events import Resolved
from onestop.domain.model._events import Supplemented
from onestop.domain.model._events import SupplementRequested
from onestop.domain.model._events import Transferred
from onestop.domain.model._timeliness import Outcome
from onestop.domain.model._timeliness import Standing
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
CATALOG = sample_catalog()
DESK = "000.00.12.H38"
COUNCIL = "000.00.20.H38"
CLERK = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK, Role.SPECIALIST}, DESK)
LEADER = Actor("Chủ tịch", {Role.LEADER}, DESK)
APPLICANT = Applicant("Lê Thị B", "001090012345")


def received(code="1.012787", at=datetime(2026, 11, 16, 9)):
    return Dossier.receive(
        CATALOG.get(code),
        APPLICANT,
        agency=DESK,
        at=at,
        actor=CLERK,
        code=DossierCode(DESK, at.date(), 1),
    )


def test_the_deadline_follows_the_procedure_and_the_calendar():
    dossier = received()  # 8 working days from Monday 16/11/2026; 24/11 is off
    assert dossier.deadline(CAL) == datetime(2026, 11, 27, 17)
    assert dossier.appointment(CAL) == datetime(2026, 11, 27, 17)


@pytest.mark.parametrize(
    ("at", "standing"),
    [
        (datetime(2026, 11, 20, 9), Standing.IN_TIME),
        (datetime(2026, 11, 27, 10), Standing.DUE_SOON),
        (datetime(2026, 11, 30, 9), Standing.OVERDUE),
    ],
)
def test_standing_while_open(at, standing):
    timeliness = received().timeliness(CAL, at)
    assert timeliness.standing is standing
    assert timeliness.deadline == datetime(2026, 11, 27, 17)
    assert (timeliness.remaining < timedelta()) == (standing is Standing.OVERDUE)


def test_a_supplement_pause_moves_the_deadline_and_is_not_held_against_anyone():
    dossier = received().apply(
        SupplementRequested(at=datetime(2026, 11, 18, 17), actor=CLERK, items=["bản vẽ"])
    )
    assert dossier.timeliness(CAL, datetime(2026, 12, 10, 9)).standing is not Standing.OVERDUE
    dossier = dossier.apply(
        Supplemented(at=datetime(2026, 11, 23, 10), actor=Actor.applicant("Lê Thị B"))
    )
    # Paused Wednesday evening, resumed Monday: 19, 20, 23/11 → three working days later.
    assert dossier.deadline(CAL) == datetime(2026, 12, 2, 17)


@pytest.mark.parametrize(
    ("resolved_at", "outcome"),
    [
        (datetime(2026, 11, 26, 16), Outcome.EARLY),
        (datetime(2026, 11, 27, 16), Outcome.ON_TIME),
        (datetime(2026, 11, 27, 17), Outcome.ON_TIME),
        (datetime(2026, 11, 30, 10), Outcome.LATE),
    ],
)
def test_outcome_on_resolution(resolved_at, outcome):
    dossier = received().apply(Resolved(at=resolved_at, actor=LEADER, result="Giấy chứng nhận"))
    resolution = dossier.resolution(CAL)
    assert resolution.outcome is outcome
    assert resolution.late_by == (timedelta(hours=2) if outcome is Outcome.LATE else timedelta())
    # Once resolved, the standing is frozen at the resolution.
    assert dossier.timeliness(CAL, datetime(2027, 1, 1)) == dossier.timeliness(CAL, resolved_at)


def test_late_even_with_an_apology():
    dossier = received().apply(
        Apologized(
            at=datetime(2026, 11, 26, 9),
            actor=LEADER,
            reason="cần xác minh",
            original_due=datetime(2026, 11, 27, 17),
            new_appointment=datetime(2026, 12, 4, 17),
        )
    )
    assert dossier.appointment(CAL) == datetime(2026, 12, 4, 17)
    assert dossier.deadline(CAL) == datetime(2026, 11, 27, 17)
    dossier = dossier.apply(
        Resolved(at=datetime(2026, 12, 3, 10), actor=LEADER, result="Giấy chứng nhận")
    )
    assert dossier.resolution(CAL).outcome is Outcome.LATE


def test_nothing_before_receipt():
    submitted = Dossier.submit(
        CATALOG.get("1.012787"),
        APPLICANT,
        agency=DESK,
        at=datetime(2026, 11, 16, 9),
        actor=Actor.applicant("Lê Thị B"),
    )
    assert submitted.clock(CAL) is None
    assert submitted.deadline(CAL) is None
    assert submitted.timeliness(CAL, datetime(2026, 11, 20)) is None
    assert submitted.resolution(CAL) is None


def test_inter_agency_steps_show_who_used_more_than_its_share():
    # 1.001699: 25 working days, 20 for the council's assessment and 5 for the commune.
    dossier = received("1.001699", at=datetime(2026, 3, 2, 8))
    council = Actor("Thư ký hội đồng", {Role.SPECIALIST}, COUNCIL)
    dossier = dossier.apply(
        Transferred(
            at=datetime(2026, 3, 2, 8), actor=CLERK, to_agency=COUNCIL, step="convene and assess"
        )
    )
    dossier = dossier.apply(
        SupplementRequested(at=datetime(2026, 3, 10, 8), actor=council, items=["hồ sơ bệnh án"])
    )
    dossier = dossier.apply(
        Supplemented(at=datetime(2026, 3, 12, 8), actor=Actor.applicant("Lê Thị B"))
    )
    dossier = dossier.apply(
        Transferred(
            at=datetime(2026, 4, 6, 8), actor=council, to_agency=DESK, step="issue the certificate"
        )
    )
    dossier = dossier.apply(
        Resolved(at=datetime(2026, 4, 10, 17), actor=LEADER, result="Giấy xác nhận khuyết tật")
    )
    assessment, issue = dossier.steps(CAL)
    # 2/3 → 6/4 is 25 working days; 2 of them (10–11/3) were spent waiting for the applicant.
    assert assessment.used == timedelta(hours=8 * 23)
    assert assessment.allotted == timedelta(hours=8 * 20)
    assert assessment.over_by == timedelta(hours=8 * 3)
    assert issue.agency == DESK
    assert issue.used == timedelta(hours=8 * 5)
    assert issue.over_by == timedelta()
    assert dossier.late_steps(CAL) == (assessment,)
    assert dossier.resolution(CAL).outcome is Outcome.LATE


def test_a_withdrawn_dossier_stops_its_clock():
    from onestop.domain.model._events import Withdrawn

    dossier = received().apply(
        Withdrawn(at=datetime(2026, 11, 18, 9), actor=Actor.applicant("Lê Thị B"))
    )
    assert dossier.closed_at == datetime(2026, 11, 18, 9)
    assert dossier.resolution(CAL) is None
    assert dossier.timeliness(CAL, datetime(2027, 1, 1)).standing is Standing.IN_TIME
