"""A Hypothesis state machine drives random legal and illegal event sequences on one dossier.

After every step: the derived status matches a fresh replay of the history; time
spent waiting for the applicant never counts; the deadline is never earlier than the
un-paused one; and the JSON round trip is the identity.
"""

import json
from datetime import datetime
from datetime import timedelta

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine
from hypothesis.stateful import initialize
from hypothesis.stateful import invariant
from hypothesis.stateful import rule

from onestop.domain.model._applicant import Applicant
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._intake import Intake
from onestop.domain.model._status import TRANSITIONS
from onestop.domain.model._status import ClockState
from onestop.domain.time._clock import Clock
from onestop.exceptions import TransitionError
from onestop.serialization import make_converter
from onestop.testing import strategies as ost
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
CONVERTER = make_converter()
KINDS = sorted({kind for moves in TRANSITIONS.values() for kind in moves})


class DossierLife(RuleBasedStateMachine):
    dossier: Dossier
    at: datetime

    @initialize(
        procedure=ost.procedures(),
        start=st.sampled_from(["submitted", "received", "refused"]),
        at=st.datetimes(datetime(2019, 1, 1), datetime(2033, 1, 1)),
        hand_over=st.none() | ost.hand_over_rules(),
    )
    def start(self, procedure, start, at, hand_over):
        self.at = at
        intake = Intake.of(
            attrs.evolve(procedure, valid_from=None),
            Applicant("Lê Thị B"),
            agency=ost.RECEIVING_AGENCY,
            channel=procedure.channels[0],
            competent_agency=None if hand_over is None else ost.COMPETENT_AGENCY,
            hand_over=hand_over,
        )
        self.dossier = Dossier([attrs.evolve(ost.event_for(start, at), intake=intake)])

    @rule(kind=st.sampled_from(KINDS), delay=st.timedeltas(timedelta(0), timedelta(days=9)))
    def record(self, kind, delay):
        self.at += delay
        event = ost.event_for(kind, self.at, self.dossier)
        allowed = TRANSITIONS[self.dossier.status]
        legal = (
            kind in allowed
            and not (kind == "apologized" and self.dossier.apology)
            and not (kind == "rated" and self.dossier.rating)
            and self._in_its_place(kind)
        )
        if legal:
            before = self.dossier.status
            self.dossier = self.dossier.apply(event)
            target = allowed[kind]
            if target != "previous":
                assert self.dossier.status is target
            else:
                assert self.dossier.status is not before
        else:
            try:
                self.dossier.apply(event)
            except TransitionError:
                pass
            else:
                raise AssertionError(f"{kind} was accepted in {self.dossier.status}")

    def _in_its_place(self, kind):
        """A boundary-free dossier is handed over once, before it is decided; no other is."""
        dossier = self.dossier
        if kind == "handed_over":
            return dossier.boundary_free and dossier.handed_over is None
        if kind in {"transferred", "resolved", "rejected"}:
            return not dossier.boundary_free or dossier.handed_over is not None
        return True

    @invariant()
    def status_matches_a_replay(self):
        replayed = Dossier(self.dossier.events)
        assert replayed.state == self.dossier.state

    @invariant()
    def json_round_trip_is_identity(self):
        text = json.dumps(CONVERTER.unstructure(self.dossier), ensure_ascii=False)
        assert CONVERTER.structure(json.loads(text), Dossier) == self.dossier

    @invariant()
    def paused_time_never_counts(self):
        clock = self.dossier.clock(CAL)
        if clock is None or self.dossier.status.clock is not ClockState.PAUSED:
            return
        last = self.dossier.events[-1].at
        assert clock.elapsed(last + timedelta(days=3)) == clock.elapsed(last)

    @invariant()
    def deadline_never_earlier_than_unpaused(self):
        clock = self.dossier.clock(CAL)
        if clock is None:
            return
        unpaused = Clock.start(CAL, clock.started_at, clock.duration, policy=clock.policy)
        assert self.dossier.deadline(CAL) >= unpaused.deadline()


TestDossierLife = DossierLife.TestCase
TestDossierLife.settings = settings(settings.default, stateful_step_count=20)
