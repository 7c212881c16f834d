"""Boundary-free dossiers: three places, the hand-over and its limit, where the deadline starts.

The hand-over limits are derived by hand from the brief's provincial practice (law-2025
§2.3) on the national calendar: office hours 08:00–12:00 and 13:00–17:00, Tết 2026 off
from Saturday 14 to Sunday 22 February.
"""

import json
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest
from hypothesis import given

from onestop import Catalog
from onestop.catalogs import sample_catalog
from onestop.domain.model._actor import Actor
from onestop.domain.model._actor import Role
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._boundary_free import BoundaryFreeList
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._events import HandedOver
from onestop.domain.model._events import Resolved
from onestop.domain.model._events import Returned
from onestop.domain.model._events import Stopped
from onestop.domain.model._events import Transferred
from onestop.domain.model._hand_over import PROVINCIAL_PRACTICE
from onestop.domain.model._hand_over import DeadlineStart
from onestop.domain.model._hand_over import HandOverRule
from onestop.domain.model._intake import Intake
from onestop.domain.model._procedure import Channel
from onestop.domain.model._status import DossierStatus
from onestop.exceptions import DossierError
from onestop.exceptions import InvalidProcedureError
from onestop.exceptions import PermissionDeniedError
from onestop.exceptions import TransitionError
from onestop.rules._permissions import authorize
from onestop.serialization import converter
from onestop.testing import strategies as ost

CALENDAR = ost.national_calendar()
PROCEDURE = sample_catalog().get("1.012787")  # 8 working days
RECEPTION, COMPETENT, RETURN = ost.RECEIVING_AGENCY, ost.COMPETENT_AGENCY, ost.RETURN_POINT
DESK = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK}, RECEPTION)
COMPETENT_LEADER = Actor("Lãnh đạo", {Role.LEADER}, COMPETENT)
RECEPTION_LEADER = Actor("Lãnh đạo", {Role.LEADER}, RECEPTION)


def received(at, *, channel=Channel.IN_PERSON, digitised=False, rule=PROVINCIAL_PRACTICE, **places):
    return Dossier.receive(
        PROCEDURE,
        Applicant("Lê Thị B"),
        agency=RECEPTION,
        at=at,
        actor=DESK,
        code=DossierCode(RECEPTION, at.date(), 1),
        channel=channel,
        digitised=digitised,
        competent_agency=places.get("competent", COMPETENT),
        return_point=places.get("returned"),
        hand_over=rule,
    )


def handed(dossier, at):
    return dossier.apply(HandedOver(at=at, actor=DESK, to_agency=COMPETENT))


# -- the published lists ------------------------------------------------------------------


def test_a_list_is_dated_and_the_latest_decision_answers():
    first = BoundaryFreeList(
        "Quyết định 2022/QĐ-UBND", {"1.012787"}, valid_from=date(2025, 7, 1),
        valid_until=date(2025, 11, 19),
    )  # fmt: skip
    later = BoundaryFreeList(
        "Quyết định 2449/QĐ-UBND", {"1.012787", "1.001193"}, valid_from=date(2025, 11, 20)
    )
    catalog = Catalog((PROCEDURE,), boundary_free=(later, first))
    assert catalog.boundary_free == (first, later)  # ordered by first day
    assert catalog.boundary_free_list("1.012787", date(2025, 8, 1)) is first
    assert catalog.boundary_free_list("1.012787", date(2026, 1, 5)) is later
    assert catalog.boundary_free_list("1.001193", date(2025, 8, 1)) is None
    assert catalog.boundary_free_list("1.012787", date(2025, 6, 30)) is None
    again = converter().structure(converter().unstructure(catalog), Catalog)
    assert again == catalog


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("Quyết định 1", "1.012787"), "single text"),
        (("Quyết định 1", {"1-012787"}), "not a national procedure code"),
        (("", {"1.012787"}), "non-empty text"),
    ],
)
def test_a_list_refuses_what_is_not_one(arguments, message):
    with pytest.raises(InvalidProcedureError, match=message):
        BoundaryFreeList(*arguments)
    with pytest.raises(InvalidProcedureError, match="ends"):
        BoundaryFreeList(
            "Quyết định 1", {"1.012787"}, valid_from=date(2026, 1, 2), valid_until=date(2026, 1, 1)
        )


# -- the hand-over's limit ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received_at", "electronic", "due"),
    [
        # electronic, by 15:00 on a working day: the same day, by the close of office
        (datetime(2026, 11, 16, 10), True, datetime(2026, 11, 16, 17)),
        (datetime(2026, 11, 16, 15), True, datetime(2026, 11, 16, 17)),  # 15:00 is "by 15:00"
        # electronic, after 15:00: the next working day's opening
        (datetime(2026, 11, 16, 15, 1), True, datetime(2026, 11, 17, 8)),
        (datetime(2026, 11, 20, 16), True, datetime(2026, 11, 23, 8)),  # Friday → Monday
        (datetime(2026, 11, 21, 10), True, datetime(2026, 11, 23, 8)),  # online on a Saturday
        (datetime(2026, 2, 13, 15, 30), True, datetime(2026, 2, 23, 8)),  # across Tết 2026
        # paper: within 1 working day, the receipt day excluded
        (datetime(2026, 11, 16, 10), False, datetime(2026, 11, 17, 17)),
        (datetime(2026, 11, 20, 16), False, datetime(2026, 11, 23, 17)),
        (datetime(2026, 2, 13, 9), False, datetime(2026, 2, 23, 17)),  # across Tết 2026
    ],
)
def test_the_hand_over_limit_of_provincial_practice(received_at, electronic, due):
    assert PROVINCIAL_PRACTICE.due(received_at, electronic=electronic, calendar=CALENDAR) == due


def test_a_province_sets_its_own_limit():
    rule = HandOverRule(electronic_cutoff=time(11, 0), paper_working_days=2, source="QĐ 1")
    monday = datetime(2026, 11, 16, 12)
    assert rule.due(monday, electronic=True, calendar=CALENDAR) == datetime(2026, 11, 17, 8)
    assert rule.due(monday, electronic=False, calendar=CALENDAR) == datetime(2026, 11, 18, 17)
    with pytest.raises(DossierError, match="local time of day"):
        HandOverRule(electronic_cutoff="15:00")
    with pytest.raises(DossierError, match="paper_working_days"):
        HandOverRule(paper_working_days=-1)


# -- the dossier -------------------------------------------------------------------------------


def test_a_boundary_free_dossier_names_its_three_places():
    dossier = received(datetime(2026, 11, 16, 9), returned=RETURN)
    assert (dossier.reception_point, dossier.competent_agency, dossier.return_point) == (
        RECEPTION,
        COMPETENT,
        RETURN,
    )
    assert dossier.boundary_free
    assert dossier.holder == RECEPTION
    after = handed(dossier, datetime(2026, 11, 16, 10))
    assert after.holder == COMPETENT
    assert after.status is DossierStatus.PROCESSING
    assert after.handed_over.at == datetime(2026, 11, 16, 10)


def test_an_ordinary_dossier_has_one_place():
    dossier = Dossier.receive(
        PROCEDURE,
        Applicant("Lê Thị B"),
        agency=RECEPTION,
        at=datetime(2026, 11, 16, 9),
        actor=DESK,
        code=DossierCode(RECEPTION, date(2026, 11, 16), 1),
    )
    assert {dossier.reception_point, dossier.competent_agency, dossier.return_point} == {RECEPTION}
    assert not dossier.boundary_free
    assert dossier.hand_over(CALENDAR) is None
    with pytest.raises(TransitionError, match="only a boundary-free dossier is handed over"):
        handed(dossier, datetime(2026, 11, 16, 10))


def test_the_intake_refuses_places_that_are_not_apart():
    with pytest.raises(DossierError, match="competent_agency is named only"):
        received(datetime(2026, 11, 16, 9), competent=RECEPTION)
    with pytest.raises(DossierError, match="return_point is named only"):
        received(datetime(2026, 11, 16, 9), returned=RECEPTION)
    with pytest.raises(DossierError, match="both or neither"):
        received(datetime(2026, 11, 16, 9), rule=None)


def test_it_is_handed_over_once_to_its_competent_agency_before_it_is_decided():
    dossier = received(datetime(2026, 11, 16, 9))
    later = datetime(2026, 11, 16, 11)
    with pytest.raises(TransitionError, match="hand it over to the competent agency"):
        dossier.apply(Resolved(at=later, actor=RECEPTION_LEADER, result="x"))
    with pytest.raises(TransitionError, match="before 'transferred'"):
        dossier.apply(Transferred(at=later, actor=DESK, to_agency=COMPETENT, step="appraisal"))
    with pytest.raises(DossierError, match=r"to its competent agency 000\.00\.14\.H38, not"):
        dossier.apply(HandedOver(at=later, actor=DESK, to_agency=ost.OTHER_AGENCY))
    after = handed(dossier, later).apply(
        Resolved(at=later + timedelta(days=1), actor=COMPETENT_LEADER, result="x")
    )
    assert after.status is DossierStatus.RESOLVED


def test_a_late_hand_over_is_the_reception_point_s():
    paper = received(datetime(2026, 11, 16, 10))  # paper: due Tuesday 17:00
    in_time = handed(paper, datetime(2026, 11, 17, 16)).hand_over(CALENDAR)
    assert not in_time.late
    assert in_time.due == datetime(2026, 11, 17, 17)
    late = handed(paper, datetime(2026, 11, 18, 9)).hand_over(CALENDAR)
    assert late.late
    assert late.late_by == timedelta(hours=1)
    assert late.reception_point == RECEPTION
    assert late.competent_agency == COMPETENT
    waiting = paper.hand_over(CALENDAR, at=datetime(2026, 11, 18, 10, 30))
    assert waiting.handed_over_at is None
    assert waiting.late_by == timedelta(hours=2, minutes=30)
    scanned = received(datetime(2026, 11, 16, 10), digitised=True)  # electronic: due Monday 17:00
    assert scanned.hand_over(CALENDAR).due == datetime(2026, 11, 16, 17)


def test_the_deadline_counts_from_reception_or_from_the_hand_over():
    at = datetime(2026, 11, 16, 15, 30)  # paper, after 15:00: due Tuesday 17:00
    from_reception = received(at)
    hcmc = HandOverRule(deadline_from=DeadlineStart.HAND_OVER, source="Quyết định 2449/QĐ-UBND")
    from_hand_over = received(at, rule=hcmc)
    # 8 working days after Monday, Tuesday 24 November (Ngày Văn hóa Việt Nam) off:
    # Friday 27 November, close of office
    assert from_reception.deadline(CALENDAR) == datetime(2026, 11, 27, 17)
    # before the hand-over, from its due instant, Tuesday 17:00 — which, as any receipt
    # at the close of office, counts from Wednesday's opening: Tuesday 1 December
    assert from_hand_over.deadline(CALENDAR) == datetime(2026, 12, 1, 17)
    # handed over late, on Thursday: from then, Wednesday 2 December
    later = handed(from_hand_over, datetime(2026, 11, 19, 9))
    assert later.deadline(CALENDAR) == datetime(2026, 12, 2, 17)
    assert handed(from_reception, datetime(2026, 11, 18, 9)).deadline(CALENDAR) == datetime(
        2026, 11, 27, 17
    )


def test_stops_go_to_the_reception_point_and_results_to_the_return_point():
    dossier = handed(
        received(datetime(2026, 11, 16, 9), returned=RETURN), datetime(2026, 11, 16, 10)
    )
    at = datetime(2026, 11, 17, 9)
    authorize(dossier, Stopped(at=at, actor=DESK, reason="theo đề nghị"))  # Circular 03/2025 Art. 7
    authorize(dossier, Stopped(at=at, actor=COMPETENT_LEADER, reason="theo đề nghị"))
    done = dossier.apply(Resolved(at=at, actor=COMPETENT_LEADER, result="x"))
    return_desk = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK}, RETURN)
    authorize(done, Returned(at=at, actor=return_desk, channel=Channel.IN_PERSON))
    with pytest.raises(PermissionDeniedError, match=r"returning agency 000\.00\.15\.H38"):
        authorize(done, Returned(at=at, actor=DESK, channel=Channel.IN_PERSON))
    stranger = Actor("Cán bộ nơi khác", {Role.RECEPTION_CLERK}, ost.OTHER_AGENCY)
    fresh = received(datetime(2026, 11, 16, 9))
    with pytest.raises(PermissionDeniedError, match=r"receiving agency 000\.00\.12\.H38"):
        authorize(fresh, HandedOver(at=at, actor=stranger, to_agency=COMPETENT))


def test_an_ordinary_intake_is_written_as_before():
    intake = Intake.of(
        PROCEDURE, Applicant("Lê Thị B"), agency=RECEPTION, channel=Channel.IN_PERSON
    )
    written = converter().unstructure(intake)
    assert not {"competent_agency", "return_point", "hand_over"} & set(written)


@given(ost.dossiers(max_events=10))
def test_generated_dossiers_keep_the_hand_over_rules(dossier):
    again = converter().structure(json.loads(json.dumps(converter().unstructure(dossier))), Dossier)
    assert again == dossier
    assert again.state == dossier.state
    if dossier.boundary_free and dossier.received is not None:
        report = dossier.hand_over(CALENDAR)
        assert report.due >= dossier.received_at  # never due before it arrived
        if dossier.status in {DossierStatus.RESOLVED, DossierStatus.RETURNED}:
            assert dossier.handed_over is not None  # decided only after the hand-over
    else:
        assert dossier.handed_over is None
