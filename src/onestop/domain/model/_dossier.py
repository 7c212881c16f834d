"""A dossier (hồ sơ): the history of its events, folded once into its state.

The events are the truth, and they are self-contained: the first event (submitted,
received or refused) records the dossier's :class:`~onestop.events.Intake`
— the receiving agency, the channel, the applicant and the procedure terms that
govern it — so a stored history alone rebuilds the dossier, with no catalog, and a
later catalog edit never changes it.

Each event is folded into a :class:`DossierState` as it is applied (status, receipt,
holder, pauses, apology, closing); :meth:`Dossier.apply` costs O(1) whatever the
history's length, and the deadline, timeliness, resolution and steps read the folded
state. :meth:`Dossier.apply` refuses an event the current status does not allow
(:class:`~onestop.exceptions.TransitionError`, naming both) and every impossible
history (:class:`~onestop.exceptions.DossierError`).

Who may apply which event is a rule, in ``onestop.rules._permissions``.

References:
    * Decree 61/2018/NĐ-CP Art. 16–20; Decree 118/2025/NĐ-CP; Circular 01/2018/TT-VPCP
      (dossier code).
    * Decision 766/QĐ-TTg (23/6/2022), indicator reading of timeliness (see
      :meth:`Dossier.indicator`).
"""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from onestop._shown import shown
from onestop.domain.model._chain import Chain
from onestop.domain.model._chain import items
from onestop.domain.model._events import EVENT_TYPES
from onestop.domain.model._events import Apologized
from onestop.domain.model._events import DossierEvent
from onestop.domain.model._events import HandedOver
from onestop.domain.model._events import Paid
from onestop.domain.model._events import PaymentRequested
from onestop.domain.model._events import Rated
from onestop.domain.model._events import Received
from onestop.domain.model._events import Refused
from onestop.domain.model._events import Rejected
from onestop.domain.model._events import Resolved
from onestop.domain.model._events import Returned
from onestop.domain.model._events import Stopped
from onestop.domain.model._events import Submitted
from onestop.domain.model._events import Supplemented
from onestop.domain.model._events import SupplementRequested
from onestop.domain.model._events import Transferred
from onestop.domain.model._events import Withdrawn
from onestop.domain.model._hand_over import DeadlineStart
from onestop.domain.model._intake import Intake
from onestop.domain.model._procedure import Channel
from onestop.domain.model._status import RETURN_TO_PREVIOUS
from onestop.domain.model._status import TRANSITIONS
from onestop.domain.model._status import ClockState
from onestop.domain.model._status import DossierStatus
from onestop.domain.model._timeliness import HandOverReport
from onestop.domain.model._timeliness import Outcome
from onestop.domain.model._timeliness import Resolution
from onestop.domain.model._timeliness import Standing
from onestop.domain.model._timeliness import StepReport
from onestop.domain.model._timeliness import Timeliness
from onestop.domain.time._calendar import Calendar
from onestop.domain.time._clock import Clock
from onestop.domain.time._clock import Pause
from onestop.domain.time._local_time import to_local
from onestop.exceptions import DossierError
from onestop.exceptions import TransitionError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from onestop.domain.model._actor import Actor
    from onestop.domain.model._applicant import Applicant
    from onestop.domain.model._dossier_code import DossierCode
    from onestop.domain.model._hand_over import HandOverRule
    from onestop.domain.model._procedure import Procedure
    from onestop.domain.model._procedure import Terms

__all__ = ["Dossier", "DossierState"]

_EVENT_CLASSES = tuple(EVENT_TYPES.values())
_EXACT_EVENT_CLASSES = frozenset(_EVENT_CLASSES)
_CLOSING = (Resolved, Rejected, Stopped, Withdrawn, Refused)
#: What ends processing for Decision 766: resolved (9), returned (10), stopped, refused.
_FINISHING = (Resolved, Rejected, Returned, Stopped, Refused)
_PAUSING = (SupplementRequested, PaymentRequested)
#: What only the competent agency does: a boundary-free dossier is handed over first.
_DECIDING = (Transferred, Resolved, Rejected)
_ONCE = (Apologized, Rated)
_RESUMING = (Supplemented, Paid)
_PAUSED = frozenset(status for status in DossierStatus if status.clock is ClockState.PAUSED)


@attrs.frozen(kw_only=True)
class DossierState:
    """A dossier's history folded into the facts every question reads.

    :param intake: what the first event recorded.
    :param status: the current status.
    :param last_at: when the latest event happened.
    :param received: the reception event, once received.
    :param holder: the agency holding the dossier.
    :param apology: the apology, if one was given.
    :param closed: the event that stopped the clock for good, if any.
    :param finished: the event that ended processing for Decision 766, if any.
    :param before_request: the status to go back to when the applicant answers.
    :param supplement_requests: supplement requests made after receipt.
    :param payment_requests: payment requests made after receipt.
    :param paid_online: whether a payment went through the portal's payment platform.
    :param rating: the applicant's rating, once given.
    :param handed_over: a boundary-free dossier's hand-over to its competent agency.
    :param pauses: the clock's pauses since receipt, newest first (private chain).
    :param transfers: the transfers, newest first (private chain).

    .. versionadded:: 0.2
    """

    intake: Intake
    status: DossierStatus
    last_at: datetime
    received: Received | None = None
    holder: str
    apology: Apologized | None = None
    closed: DossierEvent | None = None
    finished: DossierEvent | None = None
    before_request: DossierStatus | None = None
    supplement_requests: int = 0
    payment_requests: int = 0
    paid_online: bool = False
    rating: Rated | None = None
    handed_over: HandedOver | None = None
    pauses: Chain[Pause] | None = attrs.field(default=None, eq=False, repr=False)
    transfers: Chain[Transferred] | None = attrs.field(default=None, eq=False, repr=False)


#: Each state field with a default, and the default: how a fold starts.
_DEFAULTS = tuple(
    (field.name, field.default)
    for field in attrs.fields(DossierState)
    if field.default is not attrs.NOTHING
)


def _where(status: DossierStatus | None) -> str:
    if status is None:
        return "a new dossier"
    return f"a dossier in status {status.value} ({status.name.lower()})"


class _Fold:
    """A state while events are folded into it: mutable for the length of one call.

    Rebuilding a history folds every event into one of these and freezes it once;
    :meth:`Dossier.apply` folds one. The checks are the same either way.
    """

    # The state's fields, once: the slots, resume and freeze follow DossierState; the
    # declarations below only tell the type checker what the slots hold.
    __slots__ = tuple(field.name for field in attrs.fields(DossierState))

    intake: Intake
    status: DossierStatus
    last_at: datetime
    received: Received | None
    holder: str
    apology: Apologized | None
    closed: DossierEvent | None
    finished: DossierEvent | None
    before_request: DossierStatus | None
    supplement_requests: int
    payment_requests: int
    paid_online: bool
    rating: Rated | None
    handed_over: HandedOver | None
    pauses: Chain[Pause] | None
    transfers: Chain[Transferred] | None

    def __init__(self, event: DossierEvent) -> None:
        """The fold of a dossier's first event."""
        if not isinstance(event, _EVENT_CLASSES):
            raise DossierError(f"a dossier's history holds events, got {shown(event)}")
        allowed = TRANSITIONS[None]
        if event.kind not in allowed:
            raise TransitionError(
                f"a new dossier cannot take {shown(event.kind)}; allowed: "
                f"{', '.join(sorted(allowed))}"
            )
        intake = getattr(event, "intake", None)
        if intake is None:
            raise DossierError(
                f"a dossier's first event ({shown(event.kind)}) records its intake: the receiving "
                "agency, channel, applicant and procedure terms (see Dossier.submit/receive/refuse)"
            )
        target = allowed[event.kind]
        assert isinstance(target, DossierStatus)  # noqa: S101 - the table's first row
        for name, default in _DEFAULTS:
            setattr(self, name, default)
        self.intake, self.status, self.holder = intake, target, intake.agency
        self._record(event)

    @classmethod
    def resume(cls, state: DossierState) -> _Fold:
        """A fold that continues from ``state``."""
        fold = cls.__new__(cls)
        for name in cls.__slots__:
            setattr(fold, name, getattr(state, name))
        return fold

    def take(self, event: DossierEvent) -> None:
        """Fold ``event`` in; raises on an event the state does not allow."""
        if type(event) not in _EXACT_EVENT_CLASSES and not isinstance(event, _EVENT_CLASSES):
            raise DossierError(f"a dossier's history holds events, got {shown(event)}")
        if event.at < self.last_at:
            raise DossierError(
                f"event {shown(event.kind)} at {event.at.isoformat()} is earlier than the previous "
                f"one at {self.last_at.isoformat()}; events are recorded in order"
            )
        allowed = TRANSITIONS[self.status]
        if event.kind not in allowed:
            choices = ", ".join(sorted(allowed)) or "none"
            raise TransitionError(
                f"{_where(self.status)} cannot take {shown(event.kind)}; allowed: {choices}"
            )
        if getattr(event, "intake", None) is not None:
            raise DossierError(
                f"only a dossier's first event records an intake; {shown(event.kind)} at "
                f"{event.at.isoformat()} carries one"
            )
        target = allowed[event.kind]
        if target == RETURN_TO_PREVIOUS:
            assert self.before_request is not None  # noqa: S101 - paused statuses have one
            self.status, self.before_request = self.before_request, None
        else:
            assert isinstance(target, DossierStatus)  # noqa: S101 - the table's values
            if target in _PAUSED:
                self.before_request = self.status
            self.status = target
        self._record(event)

    def _record(self, event: DossierEvent) -> None:
        """What ``event`` changes besides the status."""
        self.last_at = event.at
        if self.intake.competent_agency is not None:
            self._boundary_free(event)
        elif isinstance(event, HandedOver):
            raise TransitionError(
                f"dossier {self.intake.dossier_id} is decided where it was received "
                f"({self.intake.agency}); only a boundary-free dossier is handed over"
            )
        if isinstance(event, Received):
            _check_receipt(self.intake, event)
            self.received = event
        elif isinstance(event, _ONCE):
            self._once(event)
        elif isinstance(event, Transferred):
            self.holder = event.to_agency
            self.transfers = Chain(event, self.transfers)
        elif self.received is not None:
            self._clock(event)
        if self.closed is None and isinstance(event, _CLOSING):
            self.closed = event
        if self.finished is None and isinstance(event, _FINISHING):
            self.finished = event

    def _boundary_free(self, event: DossierEvent) -> None:
        """A boundary-free dossier goes to its competent agency once, before it is decided."""
        if isinstance(event, HandedOver):
            competent = self.intake.competent_agency
            if event.to_agency != competent:
                raise DossierError(
                    f"dossier {self.intake.dossier_id} is handed over to its competent agency "
                    f"{competent}, not {event.to_agency}"
                )
            if self.handed_over is not None:
                raise TransitionError("a boundary-free dossier is handed over once")
            self.handed_over = event
            self.holder = event.to_agency
        elif self.handed_over is None and isinstance(event, _DECIDING):
            raise TransitionError(
                f"dossier {self.intake.dossier_id} is boundary-free: hand it over to the "
                f"competent agency {self.intake.competent_agency} before {shown(event.kind)}"
            )

    def _once(self, event: Apologized | Rated) -> None:
        """An apology and a rating: each at most once per dossier."""
        if isinstance(event, Rated):
            if self.rating is not None:
                raise TransitionError("a dossier is rated once; it already has a rating")
            self.rating = event
            return
        if self.apology is not None:
            raise TransitionError("a dossier gets at most one apology with a new appointment")
        if not event.at <= event.original_due < event.new_appointment:
            raise TransitionError(
                "an apology is issued by the original due date and sets a later appointment"
            )
        self.apology = event

    def _clock(self, event: DossierEvent) -> None:
        """A request pauses the received dossier's clock; the answer resumes it."""
        if isinstance(event, _PAUSING):
            self.pauses = Chain(Pause(event.at, event.kind), self.pauses)
            if isinstance(event, SupplementRequested):
                self.supplement_requests += 1
            else:
                self.payment_requests += 1
        elif isinstance(event, _RESUMING) and self.pauses is not None:
            pause = self.pauses.item
            self.pauses = self.pauses.replace_last(Pause(pause.start, pause.reason, event.at))
            if isinstance(event, Paid) and event.online:
                self.paid_online = True

    def freeze(self) -> DossierState:
        """The folded state."""
        return DossierState(**{name: getattr(self, name) for name in self.__slots__})


def _check_receipt(intake: Intake, event: Received) -> None:
    """A receipt's code names the receipt's Vietnam date and, in Circular 01/2018's form, the receiving agency.

    A code of Circular 04/2025's form names the resolving agency by its electronic ID
    code, which the intake does not hold: its coder vouches for it.
    """  # noqa: E501
    day = event.at.date()
    code = event.code
    if code.day != day or (code.system is None and code.agency != intake.agency):
        whose = "" if code.system is not None else f"the receiving agency {intake.agency} and "
        raise DossierError(
            f"dossier code {code} must name {whose}the receipt date {day:%y%m%d} "
            f"({day.isoformat()})"
        )
    terms = intake.terms
    if not terms.validity.covers(day):
        raise DossierError(
            f"procedure {terms.code} version {terms.version} is in force {terms.validity}, "
            f"not on the receipt date {day.isoformat()}; receive it under the version in force"
        )


class Dossier:
    """One dossier: its history and the state folded from it.

    Start one with :meth:`submit` (online or by post), :meth:`receive` (in person,
    complete) or :meth:`refuse`; record what happens with :meth:`apply`; rebuild a
    stored one with ``Dossier(events)``. A dossier is immutable: :meth:`apply`
    returns a new one, sharing the older history.

    Instants are Vietnam local time (naive): aware datetimes given to events or
    questions are converted.

    :param events: the history, oldest first.
    :raises DossierError: for an empty or impossible history.
    :raises TransitionError: for an event its status does not allow.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       Built from its events alone; the first event records the intake.
    """

    __slots__ = ("_clocks", "_event", "_events", "_previous", "_state")

    _previous: Dossier | None
    _event: DossierEvent
    _state: DossierState
    _events: tuple[DossierEvent, ...] | None
    _clocks: dict[int, tuple[Calendar, Clock]]

    def __init__(self, events: Iterable[DossierEvent]) -> None:
        """Rebuild a dossier from its history (see the class documentation)."""
        if isinstance(events, str | bytes | dict) or not hasattr(events, "__iter__"):
            raise DossierError(f"a dossier is built from a list of events, got {shown(events)}")
        history = tuple(events)
        if not history:
            raise DossierError("a dossier starts with an event: submitted, received or refused")
        # The whole history is folded into one node: no intermediate versions are kept.
        fold = _Fold(history[0])
        for event in history[1:]:
            fold.take(event)
        self._previous = None
        self._event = history[-1]
        self._state = fold.freeze()
        self._events = history
        self._clocks = {}

    @classmethod
    def _link(cls, previous: Dossier | None, event: DossierEvent) -> Dossier:
        if previous is None:
            state = _Fold(event).freeze()
        else:
            fold = _Fold.resume(previous._state)
            fold.take(event)
            state = fold.freeze()
        node = cls.__new__(cls)
        node._previous = previous
        node._event = event
        node._state = state
        node._events = None
        # A clock depends only on the receipt and the pauses: while an event leaves both
        # as they were (a transfer, a payment, a result), the versions share one cache.
        shared = (
            previous is not None
            and state.pauses is previous._state.pauses
            and state.received is previous._state.received
            and state.handed_over is previous._state.handed_over
        )
        node._clocks = previous._clocks if shared else {}  # type: ignore[union-attr]
        return node

    # -- starting -------------------------------------------------------------

    @classmethod
    def submit(
        cls,
        procedure: Procedure,
        applicant: Applicant,
        *,
        agency: str,
        at: datetime,
        actor: Actor,
        channel: Channel = Channel.ONLINE,
        dossier_id: str | None = None,
        competent_agency: str | None = None,
        return_point: str | None = None,
        hand_over: HandOverRule | None = None,
    ) -> Dossier:
        """A dossier submitted online (default) or by post, waiting to be checked (status 1).

        ``competent_agency``, ``return_point`` and ``hand_over``, here and in
        :meth:`receive` and :meth:`refuse`, are the intake's (a boundary-free dossier).
        """
        intake = Intake.of(
            procedure,
            applicant,
            agency=agency,
            channel=channel,
            dossier_id=dossier_id,
            competent_agency=competent_agency,
            return_point=return_point,
            hand_over=hand_over,
        )
        return cls._link(None, Submitted(at=at, actor=actor, intake=intake))

    @classmethod
    def receive(
        cls,
        procedure: Procedure,
        applicant: Applicant,
        *,
        agency: str,
        at: datetime,
        actor: Actor,
        code: DossierCode,
        channel: Channel = Channel.IN_PERSON,
        components: tuple[str, ...] = (),
        dossier_id: str | None = None,
        digitised: bool = False,
        competent_agency: str | None = None,
        return_point: str | None = None,
        hand_over: HandOverRule | None = None,
    ) -> Dossier:
        """A complete dossier received at the desk (default in person): code issued (status 2)."""
        intake = Intake.of(
            procedure,
            applicant,
            agency=agency,
            channel=channel,
            dossier_id=dossier_id,
            competent_agency=competent_agency,
            return_point=return_point,
            hand_over=hand_over,
        )
        event = Received(
            at=at,
            actor=actor,
            code=code,
            components=components,
            intake=intake,
            digitised=digitised,
        )
        return cls._link(None, event)

    @classmethod
    def refuse(
        cls,
        procedure: Procedure,
        applicant: Applicant,
        *,
        agency: str,
        at: datetime,
        actor: Actor,
        reason: str,
        channel: Channel = Channel.IN_PERSON,
        dossier_id: str | None = None,
        competent_agency: str | None = None,
        return_point: str | None = None,
        hand_over: HandOverRule | None = None,
    ) -> Dossier:
        """A dossier refused at the desk (default in person), with the reasons (status 3)."""
        intake = Intake.of(
            procedure,
            applicant,
            agency=agency,
            channel=channel,
            dossier_id=dossier_id,
            competent_agency=competent_agency,
            return_point=return_point,
            hand_over=hand_over,
        )
        return cls._link(None, Refused(at=at, actor=actor, reason=reason, intake=intake))

    def apply(self, event: DossierEvent) -> Dossier:
        """This dossier with ``event`` appended to its history, in O(1).

        :raises TransitionError: when the current status does not allow the event,
            or a second apology is given.
        :raises DossierError: when the event is earlier than the last one, is not an
            event, or breaks a rule of the history (a receipt code naming another
            agency or day, a procedure version not in force on the receipt date).
        """
        return Dossier._link(self, event)

    # -- the history ----------------------------------------------------------

    @property
    def events(self) -> tuple[DossierEvent, ...]:
        """The history, oldest first."""
        if self._events is None:
            chain: list[DossierEvent] = []
            node: Dossier | None = self
            while node is not None:
                if node._events is not None:
                    chain.extend(reversed(node._events))
                    break
                chain.append(node._event)
                node = node._previous
            chain.reverse()
            self._events = tuple(chain)
        return self._events

    @property
    def state(self) -> DossierState:
        """The history folded into its state."""
        return self._state

    def __len__(self) -> int:
        """How many events the history holds."""
        return len(self.events)

    def __eq__(self, other: object) -> bool:
        """Dossiers are equal when their histories are."""
        if not isinstance(other, Dossier):
            return NotImplemented
        return self is other or self.events == other.events

    def __hash__(self) -> int:
        """The hash of the history."""
        return hash(self.events)

    def __repr__(self) -> str:
        """The dossier's identity, status and history length."""
        status = self.status
        return (
            f"<Dossier {self.id} {self.code or 'not received'} status {status.value} "
            f"({status.name.lower()}), last event {shown(self._event.kind)}>"
        )

    # -- facts ----------------------------------------------------------------

    @property
    def intake(self) -> Intake:
        """What the first event recorded."""
        return self._state.intake

    @property
    def id(self) -> str:
        """The dossier's identity, from its first event on."""
        return self._state.intake.dossier_id

    @property
    def agency(self) -> str:
        """The receiving agency's identification code: the reception point."""
        return self._state.intake.agency

    @property
    def reception_point(self) -> str:
        """Where the dossier was lodged (the same as :attr:`agency`).

        .. versionadded:: 0.5
        """
        return self._state.intake.agency

    @property
    def competent_agency(self) -> str:
        """The agency that decides: the intake's, or the reception point.

        .. versionadded:: 0.5
        """
        return self._state.intake.decided_by

    @property
    def return_point(self) -> str:
        """Where the result is handed over: the intake's, or the reception point.

        .. versionadded:: 0.5
        """
        return self._state.intake.returned_at

    @property
    def boundary_free(self) -> bool:
        """Whether a competent agency other than the reception point decides it.

        .. versionadded:: 0.5
        """
        return self._state.intake.competent_agency is not None

    @property
    def handed_over(self) -> HandedOver | None:
        """A boundary-free dossier's hand-over to the competent agency, once made.

        .. versionadded:: 0.5
        """
        return self._state.handed_over

    @property
    def channel(self) -> Channel:
        """How the dossier arrived."""
        return self._state.intake.channel

    @property
    def applicant(self) -> Applicant:
        """Who applies."""
        return self._state.intake.applicant

    @property
    def terms(self) -> Terms:
        """The procedure terms that govern the dossier."""
        return self._state.intake.terms

    @property
    def status(self) -> DossierStatus:
        """The current status."""
        return self._state.status

    @property
    def clock_state(self) -> ClockState:
        """What the clock does now (from the status)."""
        return self._state.status.clock

    @property
    def received(self) -> Received | None:
        """The reception event, once the dossier is received."""
        return self._state.received

    @property
    def code(self) -> DossierCode | None:
        """The dossier code, assigned at reception."""
        received = self._state.received
        return received.code if received else None

    @property
    def received_at(self) -> datetime | None:
        """When the dossier was received as complete and valid (Vietnam time)."""
        received = self._state.received
        return received.at if received else None

    @property
    def holder(self) -> str:
        """The agency holding the dossier: the receiving one, or the last it was sent to."""
        return self._state.holder

    @property
    def step(self) -> str | None:
        """The step of the latest transfer (``None`` before any)."""
        transfers = self._state.transfers
        return transfers.item.step if transfers is not None else None

    @property
    def apology(self) -> Apologized | None:
        """The apology, if one was given."""
        return self._state.apology

    @property
    def rating(self) -> Rated | None:
        """The applicant's rating, once given (after the dossier closed)."""
        return self._state.rating

    @property
    def resolved_at(self) -> datetime | None:
        """When the result (or the written rejection) was ready."""
        closed = self._state.closed
        return closed.at if isinstance(closed, Resolved | Rejected) else None

    @property
    def closed_at(self) -> datetime | None:
        """When the clock stopped for good: resolution, rejection, stop, withdrawal, refusal."""
        closed = self._state.closed
        return closed.at if closed else None

    # -- time -------------------------------------------------------------------

    def clock(self, calendar: Calendar) -> Clock | None:
        """The processing clock: from receipt, paused while waiting for the applicant.

        ``None`` before the dossier is received. Built once per calendar.

        :raises DossierError: when ``calendar`` is not a Calendar.
        """
        if not isinstance(calendar, Calendar):
            raise DossierError(f"a dossier's clock runs on a Calendar, got {shown(calendar)}")
        received = self._state.received
        if received is None:
            return None
        cached = self._clocks.get(id(calendar))
        if cached is not None and cached[0] is calendar:
            return cached[1]
        terms = self.terms
        start = self._clock_start(calendar, received)
        clock = Clock(
            calendar,
            terms.processing_time,
            start,
            terms.deadline_policy,
            terms.clock_rule,
            _pauses_from(start, items(self._state.pauses)),
        )
        self._clocks[id(calendar)] = (calendar, clock)
        return clock

    def _clock_start(self, calendar: Calendar, received: Received) -> datetime:
        """Valid receipt; or, where the hand-over rule counts from it, the hand-over.

        Before a hand-over that the deadline counts from, the deadline runs from the
        hand-over's due instant: what the applicant is promised cannot depend on how
        late the reception point is.
        """
        rule = self._state.intake.hand_over
        if rule is None or rule.deadline_from is DeadlineStart.RECEPTION:
            return received.at
        handed_over = self._state.handed_over
        if handed_over is not None:
            return handed_over.at
        return self._hand_over_due(calendar, received)

    def _hand_over_due(self, calendar: Calendar, received: Received) -> datetime:
        rule = self._state.intake.hand_over
        assert rule is not None  # noqa: S101 - asked of boundary-free dossiers only
        electronic = self.channel is Channel.ONLINE or received.digitised
        return rule.due(received.at, electronic=electronic, calendar=calendar)

    def hand_over(self, calendar: Calendar, at: datetime | None = None) -> HandOverReport | None:
        """A boundary-free dossier's hand-over: due when, made when, how late.

        ``None`` for an ordinary dossier and before receipt. While the dossier has not
        been handed over, its lateness runs to ``at`` (default: after the last event);
        a late hand-over is the reception point's.

        :raises DossierError: when ``calendar`` is not a Calendar.

        .. versionadded:: 0.5
        """
        if not isinstance(calendar, Calendar):
            raise DossierError(f"a hand-over is timed on a Calendar, got {shown(calendar)}")
        intake = self._state.intake
        received = self._state.received
        if intake.competent_agency is None or received is None:
            return None
        due = self._hand_over_due(calendar, received)
        handed_over = self._state.handed_over
        until = handed_over.at if handed_over is not None else self._instant(at)
        if handed_over is None and self._state.closed is not None:
            until = min(until, self._state.closed.at)  # nothing to hand over once closed
        late_by = calendar.working_time_between(due, until) if until > due else timedelta()
        return HandOverReport(
            reception_point=intake.agency,
            competent_agency=intake.competent_agency,
            due=due,
            handed_over_at=handed_over.at if handed_over is not None else None,
            late_by=late_by,
        )

    def _instant(self, at: datetime | None) -> datetime:
        if at is None:
            return self._state.last_at
        if not isinstance(at, datetime):
            raise DossierError(f"a dossier is asked about a datetime, got {shown(at)}")
        return to_local(at)

    def deadline(self, calendar: Calendar, at: datetime | None = None) -> datetime | None:
        """The legal deadline as it stands at ``at`` (default: after the last event).

        An apology does not change it (see :meth:`appointment`).
        """
        clock = self.clock(calendar)
        return None if clock is None else clock.deadline(self._instant(at))

    def appointment(self, calendar: Calendar) -> datetime | None:
        """When the result is promised: the apology's new date, or the deadline."""
        apology = self._state.apology
        return apology.new_appointment if apology else self.deadline(calendar)

    def timeliness(
        self, calendar: Calendar, at: datetime, *, due_soon: timedelta = timedelta(hours=8)
    ) -> Timeliness | None:
        """The standing at ``at``: in time, due soon, or overdue; ``None`` before receipt.

        *Due soon* means less than ``due_soon`` office time left. Once the dossier is
        closed (resolved, rejected, stopped or withdrawn) the standing is frozen there.
        """
        if not isinstance(due_soon, timedelta):
            raise DossierError(f"due_soon is office time as a timedelta, got {shown(due_soon)}")
        clock = self.clock(calendar)
        if clock is None:
            return None
        at = self._instant(at)
        closed_at = self.closed_at
        until = min(at, closed_at) if closed_at else at
        deadline = clock.deadline(until)
        remaining = calendar.working_time_between(until, deadline)
        if until > deadline:
            standing = Standing.OVERDUE
        elif remaining < due_soon:
            standing = Standing.DUE_SOON
        else:
            standing = Standing.IN_TIME
        return Timeliness(standing, deadline, remaining)

    def resolution(self, calendar: Calendar) -> Resolution | None:
        """Early, on time or late, once resolved (rejections count too); else ``None``."""
        clock = self.clock(calendar)
        resolved_at = self.resolved_at
        if resolved_at is None or clock is None:
            return None
        deadline = clock.deadline(resolved_at)
        if resolved_at > deadline:
            late_by = calendar.working_time_between(deadline, resolved_at)
            return Resolution(Outcome.LATE, deadline, resolved_at, late_by)
        same_day = resolved_at.date() == deadline.date()
        outcome = Outcome.ON_TIME if same_day else Outcome.EARLY
        return Resolution(outcome, deadline, resolved_at, timedelta())

    def steps(self, calendar: Calendar, at: datetime | None = None) -> tuple[StepReport, ...]:
        """Each transfer's step: who held the dossier, how long, against its share.

        A transfer's step is matched to the procedure's share of the same step name.
        Time waiting for the applicant does not count against an agency.
        """
        clock = self.clock(calendar)
        end_of_history = self._instant(at)
        closing = self.resolved_at
        transfers = items(self._state.transfers)
        shares = {share.step: share.time.office_time for share in self.terms.shares}
        reports = []
        for index, transfer in enumerate(transfers):
            following = transfers[index + 1].at if index + 1 < len(transfers) else closing
            until = following or end_of_history
            used = calendar.working_time_between(transfer.at, until)
            used -= _paused_between(calendar, clock, transfer.at, until)
            reports.append(
                StepReport(
                    agency=transfer.to_agency,
                    step=transfer.step,
                    started=transfer.at,
                    ended=following,
                    allotted=shares.get(transfer.step),
                    used=used,
                )
            )
        return tuple(reports)

    def late_steps(self, calendar: Calendar, at: datetime | None = None) -> tuple[StepReport, ...]:
        """The steps whose agency held the dossier longer than its share: the lateness's cause."""
        return tuple(step for step in self.steps(calendar, at) if step.over_by)


def _paused_between(
    calendar: Calendar, clock: Clock | None, start: datetime, end: datetime
) -> timedelta:
    """Office time in ``[start, end)`` the clock stood paused (waiting for the applicant)."""
    paused = timedelta()
    for pause in clock.pauses if clock else ():
        low, high = max(pause.start, start), min(pause.end or end, end)
        if low < high:
            paused += calendar.working_time_between(low, high)
    return paused


def _pauses_from(start: datetime, pauses: tuple[Pause, ...]) -> tuple[Pause, ...]:
    """The pauses as the clock started at ``start`` sees them.

    A clock counted from a boundary-free dossier's hand-over starts after receipt: a
    pause over before then did not stop it, and one still running at the start stops
    it from the start.
    """
    if not pauses or pauses[0].start >= start:
        return pauses
    return tuple(
        pause if pause.start >= start else Pause(start, pause.reason, pause.end)
        for pause in pauses
        if pause.end is None or pause.end > start
    )
