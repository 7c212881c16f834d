"""A dossier's stored history alone rebuilds it: intake, identity, refusals at apply, time zones."""

import json
import os
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from onestop import Actor
from onestop import Applicant
from onestop import Channel
from onestop import Dossier
from onestop import DossierCode
from onestop import DossierStatus
from onestop import Role
from onestop.catalogs import sample_catalog
from onestop.domain.time._local_time import to_local
from onestop.events import EVENT_TYPES
from onestop.events import DossierEvent
from onestop.events import Intake
from onestop.events import Received
from onestop.events import Returned
from onestop.events import Submitted
from onestop.events import Supplemented
from onestop.events import SupplementRequested
from onestop.exceptions import DossierError
from onestop.national._decrees import DECREE_61_2018
from onestop.national._decrees import DECREE_118_2025
from onestop.national._decrees import RULE_SETS
from onestop.rules._rule_sets import dossier_rule_set
from onestop.serialization import canonical_json
from onestop.serialization import converter
from onestop.testing import strategies as ost
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
CATALOG = sample_catalog()
PROCEDURE = CATALOG.get("1.012787")  # 8 working days, in person
DESK = "000.00.12.H38"
CLERK = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK, Role.SPECIALIST}, DESK)
APPLICANT = Applicant("Lê Thị B", "001090012345")
GOLDEN = Path(__file__).parent / "golden" / "events"


def receive(at, *, procedure=PROCEDURE, code=None):
    code = code or DossierCode(DESK, to_local(at).date(), 1)
    return Dossier.receive(procedure, APPLICANT, agency=DESK, at=at, actor=CLERK, code=code)


def test_the_history_alone_rebuilds_the_dossier():
    dossier = receive(datetime(2026, 11, 16, 9))
    dossier = dossier.apply(
        SupplementRequested(at=datetime(2026, 11, 17, 9), actor=CLERK, items=["bản sao"])
    )
    rebuilt = Dossier(dossier.events)
    assert rebuilt == dossier
    assert rebuilt.state == dossier.state
    assert rebuilt.terms == PROCEDURE.terms(Channel.IN_PERSON)
    assert rebuilt.deadline(CAL) == dossier.deadline(CAL)


def test_a_later_catalog_edit_never_changes_a_stored_dossier():
    dossier = receive(datetime(2026, 11, 16, 9))
    before = dossier.deadline(CAL)
    edited = attrs.evolve(PROCEDURE, processing_time=PROCEDURE.processing_time.months(1))
    assert edited.terms(Channel.IN_PERSON) != dossier.terms
    assert Dossier(dossier.events).deadline(CAL) == before


def test_a_dossier_has_an_identity_from_its_first_event_and_a_code_from_receipt():
    online = Dossier.submit(
        attrs.evolve(PROCEDURE, channels=(Channel.IN_PERSON, Channel.ONLINE)),
        APPLICANT,
        agency=DESK,
        at=datetime(2026, 11, 16, 20),
        actor=Actor.applicant("Lê Thị B"),
        dossier_id="a" * 32,
    )
    assert online.id == "a" * 32
    assert online.code is None
    received = online.apply(
        Received(
            at=datetime(2026, 11, 17, 8), actor=CLERK, code=DossierCode(DESK, date(2026, 11, 17), 3)
        )
    )
    assert received.id == online.id
    assert str(received.code) == "000.00.12.H38-261117-0003"
    assert received.channel is Channel.ONLINE


def test_the_first_event_must_carry_the_intake_and_only_the_first():
    with pytest.raises(DossierError, match="records its intake"):
        Dossier([Submitted(at=datetime(2026, 11, 16, 9), actor=CLERK)])
    dossier = Dossier.submit(
        PROCEDURE,
        APPLICANT,
        agency=DESK,
        at=datetime(2026, 11, 16, 9),
        actor=CLERK,
        channel=Channel.IN_PERSON,
    )
    second = Received(
        at=datetime(2026, 11, 16, 10),
        actor=CLERK,
        code=DossierCode(DESK, date(2026, 11, 16), 1),
        intake=dossier.intake,
    )
    with pytest.raises(DossierError, match="only a dossier's first event"):
        dossier.apply(second)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (DossierCode("000.00.99.H38", date(2026, 11, 16), 1), "receiving agency"),
        (DossierCode(DESK, date(2026, 11, 15), 1), "receipt date 261116"),
    ],
)
def test_a_receipt_code_names_the_receiving_agency_and_the_receipt_date(code, message):
    with pytest.raises(DossierError, match=message):
        receive(datetime(2026, 11, 16, 9), code=code)


def test_a_version_not_in_force_on_the_receipt_date_is_refused():
    later = attrs.evolve(PROCEDURE, valid_from=date(2027, 1, 1))
    with pytest.raises(DossierError, match="not on the receipt date 2026-11-16"):
        receive(datetime(2026, 11, 16, 9), procedure=later)


def test_a_receipt_date_is_the_vietnam_date():
    # 18:00 UTC on 30 June 2025 is 01:00 on 1 July in Việt Nam: Decree 118/2025 governs.
    procedure = CATALOG.get("1.005461", on=date(2025, 7, 1))
    at = datetime(2025, 6, 30, 18, tzinfo=UTC)
    dossier = Dossier.receive(
        procedure,
        APPLICANT,
        agency=DESK,
        at=at,
        actor=CLERK,
        code=DossierCode(DESK, date(2025, 7, 1), 1),
    )
    assert dossier.received_at == datetime(2025, 7, 1, 1)
    assert dossier_rule_set(dossier, RULE_SETS) is DECREE_118_2025
    with pytest.raises(DossierError, match="receipt date 250701"):
        Dossier.receive(
            procedure,
            APPLICANT,
            agency=DESK,
            at=at,
            actor=CLERK,
            code=DossierCode(DESK, date(2025, 6, 30), 1),
        )
    naive = receive(
        datetime(2025, 6, 30, 16), procedure=CATALOG.get("1.005461", on=date(2025, 6, 30))
    )
    assert dossier_rule_set(naive, RULE_SETS) is DECREE_61_2018


def test_naive_and_aware_instants_mix_in_one_history():
    dossier = receive(datetime(2026, 11, 16, 9))
    aware = datetime(2026, 11, 17, 2, tzinfo=UTC)  # 09:00 in Việt Nam
    dossier = dossier.apply(SupplementRequested(at=aware, actor=CLERK, items=["bản sao"]))
    dossier = dossier.apply(Supplemented(at=datetime(2026, 11, 18, 9), actor=CLERK))
    assert dossier.events[1].at == datetime(2026, 11, 17, 9)
    assert dossier.timeliness(CAL, datetime(2026, 11, 18, 3, tzinfo=UTC)) is not None


def test_events_refuse_what_they_cannot_hold():
    at = datetime(2026, 11, 16, 9)
    with pytest.raises(DossierError, match="never split into letters"):
        SupplementRequested(at=at, actor=CLERK, items="bản sao")
    with pytest.raises(DossierError, match=r"Returned\.channel"):
        Returned(at=at, actor=CLERK, channel=None)
    with pytest.raises(DossierError, match=r"DossierCode\.parse"):
        Received(at=at, actor=CLERK, code="000.00.12.H38-261116-0001")


def test_a_received_event_with_a_text_code_never_round_trips_unequal():
    data = converter().unstructure(receive(datetime(2026, 11, 16, 9)).events[0], DossierEvent)
    assert isinstance(data["code"], str)
    event = converter().structure(data, DossierEvent)
    assert isinstance(event.code, DossierCode)


def test_long_histories_build_without_recursion():
    dossier = receive(datetime(2026, 1, 5, 9))
    at = datetime(2026, 1, 5, 9)
    for _ in range(2_500):
        at += timedelta(minutes=5)
        dossier = dossier.apply(SupplementRequested(at=at, actor=CLERK, items=["x"]))
        at += timedelta(minutes=5)
        dossier = dossier.apply(Supplemented(at=at, actor=CLERK))
    assert len(dossier.events) == 5_001
    assert Dossier(dossier.events) == dossier
    assert dossier.state.supplement_requests == 2_500
    assert dossier.status is DossierStatus.RECEIVED


@given(ost.dossiers(max_events=10))
def test_every_dossier_round_trips_and_rebuilds_from_its_history(dossier):
    text = json.dumps(converter().unstructure(dossier), ensure_ascii=False)
    again = converter().structure(json.loads(text), Dossier)
    assert again == dossier
    assert again.state == dossier.state
    for event in dossier.events:
        assert (
            converter().structure(converter().unstructure(event, DossierEvent), DossierEvent)
            == event
        )


def _golden_events():
    """One event of each kind, the first ones with an intake, at fixed instants."""
    intake = Intake.of(
        PROCEDURE, APPLICANT, agency=DESK, channel=Channel.IN_PERSON, dossier_id="0" * 32
    )
    at = datetime(2026, 2, 13, 10)
    return {
        kind: ost.event_for(
            kind, at, intake=intake if kind in {"submitted", "received", "refused"} else None
        )
        for kind in EVENT_TYPES
    }


@pytest.mark.parametrize("kind", sorted(EVENT_TYPES))
def test_canonical_json_is_fixed_by_golden_files(kind):
    event = _golden_events()[kind]
    data = canonical_json(event, DossierEvent)
    path = GOLDEN / f"{kind}.json"
    if os.environ.get("ONESTOP_REGENERATE_GOLDEN"):
        path.write_bytes(data + b"\n")
    assert data + b"\n" == path.read_bytes()
    assert converter().structure(json.loads(data), DossierEvent) == event
    assert list(json.loads(data)) == sorted(json.loads(data))  # keys in canonical order


# -- canonical JSON: the standard library's fast form agrees with rfc8785 -------------

import rfc8785  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from onestop.serialization import canonical_json as _canonical  # noqa: E402
from onestop.testing import strategies as _ost  # noqa: E402

_PLAIN = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(st.characters(max_codepoint=127), max_size=6), inner, max_size=4)
    ),
    max_leaves=16,
)


@given(_ost.dossiers(max_events=6))
def test_canonical_events_are_exactly_rfc8785(dossier):
    from onestop.events import DossierEvent
    from onestop.serialization import converter

    for event in dossier.events:
        data = converter().unstructure(event, DossierEvent)
        assert _canonical(event, DossierEvent) == rfc8785.dumps(data)


@given(_PLAIN)
def test_canonical_plain_json_is_exactly_rfc8785(data):
    assert _canonical(data, type(data)) == rfc8785.dumps(data)


@given(st.dictionaries(st.text(max_size=4), st.integers() | st.text(max_size=4), max_size=4))
def test_outside_the_plain_domain_rfc8785_decides(data):
    from onestop.exceptions import SerializationError

    try:
        expected = rfc8785.dumps(data)
    except Exception:  # noqa: BLE001 - whatever rfc8785 refuses, onestop refuses its own way
        with pytest.raises(SerializationError):
            _canonical(data, dict)
        return
    assert _canonical(data, dict) == expected


def test_an_intake_written_before_the_field_was_recorded_keeps_its_canonical_form():
    from onestop.events import DossierEvent
    from onestop.serialization import converter

    golden = (GOLDEN / "received.json").read_text(encoding="utf-8").strip()
    older = golden.replace('"field":"Đất đai",', "")
    assert older != golden
    event = converter().structure(json.loads(older), DossierEvent)
    assert event.intake.terms.field is None
    assert _canonical(event, DossierEvent).decode() == older  # old hashes stay valid
