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
from onestop.events import Satisfaction
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
    with pytest.raises(PermissionDeniedError, match=r"returning agency 000\.00\.12\.H38"):
        authorize(
            d, Returned(at=AT + timedelta(hours=2), actor=outsider, channel=Channel.IN_PERSON)
        )


def test_actors_are_checked():
    with pytest.raises(DossierError, match="needs one or more Role"):
        Actor("Ai đó", set())


# -- the office: every command, every outsider, nothing stored -------------------------

STRANGER_CLERK = Actor("Cán bộ nơi khác", {Role.RECEPTION_CLERK, Role.SPECIALIST}, "000.00.99.H38")
STRANGER_LEADER = Actor("Lãnh đạo nơi khác", {Role.LEADER}, "000.00.99.H38")
OTHER_CITIZEN = Actor.applicant("Trần Văn C")
SAME_NAME_OTHER_ID = Actor.applicant("Lê Thị B", citizen_id="001090099999")


def _office():
    from onestop.national import VIETNAM_FEES
    from onestop.office import OneStopOffice
    from onestop.storage import MemoryStore
    from onestop.testing.strategies import national_calendar

    return OneStopOffice(
        MemoryStore(national_calendar()),
        calendar=national_calendar(),
        catalog=sample_catalog(),
        fee_book=VIETNAM_FEES,
    )


def _received(office):
    applicant = Applicant("Lê Thị B", "001090012345")
    components = [c.name for c in PROCEDURE.components]
    return office.receive(
        PROCEDURE.code, applicant, actor=CLERK, components=components, at=AT
    ).dossier


def _then(*steps):
    def make(office):
        dossier = _received(office)
        for step in steps:
            step(office, dossier.id)
        return dossier.id

    return make


def _resolve(office, dossier_id):
    office.resolve(dossier_id, actor=LEADER, result="x", at=AT + timedelta(hours=1))


def _return(office, dossier_id):
    office.return_result(dossier_id, actor=CLERK, at=AT + timedelta(hours=2))


def _ask_supplement(office, dossier_id):
    office.request_supplement(
        dossier_id, actor=CLERK, items=["Bản sao"], at=AT + timedelta(hours=1)
    )


def _ask_payment(office, dossier_id):
    office.request_payment(dossier_id, actor=CLERK, amount=10_000, at=AT + timedelta(hours=1))


LATER = AT + timedelta(hours=3)
#: Each office command on a dossier in a state that allows it: the call by an actor.
COMMANDS = {
    "withdraw": (_then(), lambda o, i, a: o.withdraw(i, actor=a, at=LATER)),
    "record_supplement": (
        _then(_ask_supplement),
        lambda o, i, a: o.record_supplement(i, actor=a, at=LATER),
    ),
    "record_payment": (
        _then(_ask_payment),
        lambda o, i, a: o.record_payment(i, actor=a, amount=10_000, at=LATER),
    ),
    "rate": (
        _then(_resolve, _return),
        lambda o, i, a: o.rate(i, actor=a, level=Satisfaction.SATISFIED, at=LATER),
    ),
    "transfer": (
        _then(),
        lambda o, i, a: o.transfer(i, actor=a, to_agency=OTHER_AGENCY, step="x", at=LATER),
    ),
    "request_supplement": (
        _then(),
        lambda o, i, a: o.request_supplement(i, actor=a, items=["Bản sao"], at=LATER),
    ),
    "request_payment": (
        _then(),
        lambda o, i, a: o.request_payment(i, actor=a, amount=1_000, at=LATER),
    ),
    "resolve": (_then(), lambda o, i, a: o.resolve(i, actor=a, result="x", at=LATER)),
    "reject": (_then(), lambda o, i, a: o.reject(i, actor=a, reason="x", at=LATER)),
    "stop": (_then(), lambda o, i, a: o.stop(i, actor=a, reason="x", at=LATER)),
    "return_result": (_then(_resolve), lambda o, i, a: o.return_result(i, actor=a, at=LATER)),
}
#: Who may not: officials of an unrelated agency, and applicants who are someone else.
OUTSIDERS = {
    "a clerk of another agency": STRANGER_CLERK,
    "a leader of another agency": STRANGER_LEADER,
    "another citizen": OTHER_CITIZEN,
    "the same name with another citizen ID": SAME_NAME_OTHER_ID,
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("outsider", sorted(OUTSIDERS))
def test_an_outsider_is_refused_and_nothing_is_stored(command, outsider):
    office = _office()
    prepare, call = COMMANDS[command]
    dossier_id = prepare(office)
    before = office.store.load(dossier_id)
    outbox = len(office.store.outbox())
    with pytest.raises(PermissionDeniedError):
        call(office, dossier_id, OUTSIDERS[outsider])
    assert office.store.load(dossier_id) == before
    assert len(office.store.outbox()) == outbox


@pytest.mark.parametrize(
    ("command", "actor"),
    [
        ("withdraw", Actor.applicant("lê  thị b")),  # the applicant, written loosely
        ("withdraw", Actor.applicant("Lê Thị B", citizen_id="001090012345")),
        ("record_supplement", Actor.applicant("Lê Thị B")),
        ("record_payment", Actor.applicant("Lê Thị B")),
        ("rate", Actor.applicant("Lê Thị B")),
        ("withdraw", CLERK),
        ("record_payment", CLERK),
    ],
)
def test_the_applicant_and_the_desk_may(command, actor):
    office = _office()
    prepare, call = COMMANDS[command]
    dossier_id = prepare(office)
    call(office, dossier_id, actor)
    assert len(office.store.load(dossier_id)) > 1
