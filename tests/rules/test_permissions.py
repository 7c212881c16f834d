"""Who may record which event: roles, and the agency they must act for."""

from datetime import datetime
from datetime import timedelta

import pytest

from onestop.catalogs import sample_catalog
from onestop.domain.model._actor import Actor
from onestop.domain.model._actor import Role
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._events import Received
from onestop.domain.model._events import Resolved
from onestop.domain.model._events import Returned
from onestop.domain.model._events import Submitted
from onestop.domain.model._events import Transferred
from onestop.domain.model._procedure import Channel
from onestop.exceptions import DossierError
from onestop.exceptions import PermissionDeniedError
from onestop.rules._permissions import PERMISSIONS
from onestop.rules._permissions import authorize
from onestop.testing.strategies import OTHER_AGENCY
from onestop.testing.strategies import RECEIVING_AGENCY

PROCEDURE = sample_catalog().get("1.012787")
AT = datetime(2026, 11, 16, 9)
CODE = DossierCode.parse("000.00.12.H38-261116-0001")
CLERK = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK}, RECEIVING_AGENCY)
LEADER = Actor("Lãnh đạo", {Role.LEADER}, RECEIVING_AGENCY)
OTHER_LEADER = Actor("Lãnh đạo sở khác", {Role.LEADER}, OTHER_AGENCY)
CITIZEN = Actor.applicant("Lê Thị B")


def dossier():
    return Dossier.receive(
        PROCEDURE, Applicant("Lê Thị B"), agency=RECEIVING_AGENCY, at=AT, actor=CLERK, code=CODE
    )


def test_every_event_kind_has_a_rule():
    from onestop.domain.model._events import EVENT_TYPES

    assert set(PERMISSIONS) == set(EVENT_TYPES)


def test_allowed():
    d = dossier()
    authorize(d, Resolved(at=AT, actor=LEADER, result="x"))
    authorize(d, Transferred(at=AT, actor=CLERK, to_agency=OTHER_AGENCY, step="appraisal"))
    authorize(d, Submitted(at=AT, actor=CITIZEN))


def test_a_role_that_may_not():
    with pytest.raises(
        PermissionDeniedError, match="may not record 'resolved'; allowed roles: leader"
    ) as info:
        authorize(dossier(), Resolved(at=AT, actor=CLERK, result="x"))
    assert not isinstance(info.value, OSError)  # the office's rule, not the system's
    with pytest.raises(PermissionDeniedError, match="may not record 'received'"):
        authorize(dossier(), Received(at=AT, actor=CITIZEN, code=CODE))


def test_an_official_of_another_agency_than_the_holder_is_refused():
    d = dossier()
    with pytest.raises(
        PermissionDeniedError, match=r"must be recorded by the holding agency 000\.00\.12\.H38"
    ):
        authorize(d, Resolved(at=AT, actor=OTHER_LEADER, result="x"))
    moved = d.apply(
        Transferred(
            at=AT + timedelta(hours=1), actor=CLERK, to_agency=OTHER_AGENCY, step="appraisal"
        )
    )
    authorize(moved, Resolved(at=AT + timedelta(hours=2), actor=OTHER_LEADER, result="x"))
    with pytest.raises(PermissionDeniedError, match=r"holding agency 000\.00\.13\.H38"):
        authorize(moved, Resolved(at=AT + timedelta(hours=2), actor=LEADER, result="x"))


def test_results_are_returned_by_the_receiving_desk():
    d = dossier().apply(Resolved(at=AT + timedelta(hours=1), actor=LEADER, result="x"))
    authorize(d, Returned(at=AT + timedelta(hours=2), actor=CLERK, channel=Channel.IN_PERSON))
    outsider = Actor("Cán bộ nơi khác", {Role.RECEPTION_CLERK}, OTHER_AGENCY)
    with pytest.raises(PermissionDeniedError, match="receiving agency"):
        authorize(
            d, Returned(at=AT + timedelta(hours=2), actor=outsider, channel=Channel.IN_PERSON)
        )


def test_actors_are_checked():
    with pytest.raises(DossierError, match="needs one or more Role"):
        Actor("Ai đó", set())
