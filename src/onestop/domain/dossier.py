"""A dossier (hồ sơ): a procedure version, an applicant, and the history of its events.

The events are the truth. The status, the code, the receipt time, the rule set, the
holding agency, the clock, the deadline and the appointment are all derived from
them, and :meth:`Dossier.apply` refuses an event the current status does not allow
(:class:`~onestop.exceptions.TransitionError`, naming both). A dossier keeps the
procedure version it was received under, so a later catalog change never alters its
deadline; and its rule set follows from its receipt date.

Who may apply which event is a rule, in :mod:`onestop.rules.permissions`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from onestop.domain._validators import typed
from onestop.domain.agency import check_agency_code
from onestop.domain.applicant import Applicant
from onestop.domain.clock import Clock
from onestop.domain.dossier_events import (
    EVENT_TYPES,
    Apologized,
    DossierEvent,
    Paid,
    PaymentRequested,
    Received,
    Refused,
    Rejected,
    Resolved,
    Stopped,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
    Withdrawn,
)
from onestop.domain.dossier_status import TRANSITIONS, ClockState, DossierStatus
from onestop.domain.procedure import Channel, Procedure
from onestop.domain.rule_set import RuleSet, rule_set_for
from onestop.domain.timeliness import Outcome, Resolution, Standing, StepReport, Timeliness
from onestop.exceptions import DossierError, TransitionError

if TYPE_CHECKING:
    from onestop.domain.actor import Actor
    from onestop.domain.calendar import Calendar
    from onestop.domain.dossier_code import DossierCode

__all__ = ["Dossier"]

_EVENT_CLASSES = tuple(EVENT_TYPES.values())


def _check_apology(event: Apologized, *, already: bool) -> None:
    if already:
        raise TransitionError("a dossier gets at most one apology with a new appointment")
    if not event.at <= event.original_due < event.new_appointment:
        raise TransitionError(
            "an apology is issued by the original due date and sets a later appointment"
        )


def _replay(events: tuple[DossierEvent, ...]) -> DossierStatus:
    """The status after ``events``, checking every step; raises on the first bad one."""
    status: DossierStatus | None = None
    before_request: list[DossierStatus] = []
    previous_at: datetime | None = None
    apologized = False
    for event in events:
        if not isinstance(event, _EVENT_CLASSES):
            raise DossierError(f"a dossier's history holds events, got {event!r}")
        if previous_at is not None and event.at < previous_at:
            raise DossierError(
                f"event {event.kind!r} at {event.at.isoformat()} is earlier than the previous "
                f"one at {previous_at.isoformat()}; events are recorded in order"
            )
        allowed = TRANSITIONS[status]
        if event.kind not in allowed:
            where = (
                "a new dossier"
                if status is None
                else (f"a dossier in status {status.value} ({status.name.lower()})")
            )
            choices = ", ".join(sorted(allowed)) or "none"
            raise TransitionError(f"{where} cannot take {event.kind!r}; allowed: {choices}")
        if isinstance(event, Apologized):
            _check_apology(event, already=apologized)
            apologized = True
        target = allowed[event.kind]
        if isinstance(target, DossierStatus):
            if status is not None and target.clock is ClockState.PAUSED:
                before_request.append(status)
            status = target
        else:  # RETURN_TO_PREVIOUS
            status = before_request.pop()
        previous_at = event.at
    if status is None:
        raise DossierError("a dossier starts with an event: submitted, received or refused")
    return status


def _events(value: Any) -> tuple[DossierEvent, ...]:  # noqa: ANN401 - converter input is open
    """Normalise to a tuple (trivial conversion)."""
    return tuple(value)


@attrs.frozen
class Dossier:
    """One dossier and its history.

    Start one with :meth:`submit` (online or by post), :meth:`receive` (in person,
    complete) or :meth:`refuse`; record what happens with :meth:`apply`.

    :param procedure: the procedure version in force at receipt.
    :param applicant: who applies.
    :param channel: how the dossier arrived.
    :param agency: the receiving agency's identification code.
    :param events: the history, oldest first.

    .. versionadded:: 0.1
    """

    procedure: Procedure = attrs.field(validator=typed(Procedure, DossierError))
    applicant: Applicant = attrs.field(validator=typed(Applicant, DossierError))
    channel: Channel = attrs.field(validator=typed(Channel, DossierError))
    agency: str = attrs.field(validator=lambda _, __, value: check_agency_code(value))
    events: tuple[DossierEvent, ...] = attrs.field(converter=_events)
    #: The current status, derived from the history when the dossier is built.
    status: DossierStatus = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Replay the history once: a dossier is never built from an impossible one."""
        object.__setattr__(self, "status", _replay(self.events))

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
    ) -> Dossier:
        """A dossier submitted online or by post, waiting to be checked (status 1)."""
        return cls(procedure, applicant, channel, agency, (Submitted(at=at, actor=actor),))

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
    ) -> Dossier:
        """A complete dossier received at the desk: code and appointment issued (status 2)."""
        received = Received(at=at, actor=actor, code=code, components=components)
        return cls(procedure, applicant, channel, agency, (received,))

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
    ) -> Dossier:
        """A dossier refused at the desk, with the reasons (status 3)."""
        return cls(
            procedure, applicant, channel, agency, (Refused(at=at, actor=actor, reason=reason),)
        )

    def apply(self, event: DossierEvent) -> Dossier:
        """This dossier with ``event`` appended to its history.

        :raises TransitionError: when the current status does not allow the event,
            or a second apology is given.
        :raises DossierError: when the event is earlier than the last one.
        """
        return attrs.evolve(self, events=(*self.events, event))

    # -- derived facts ----------------------------------------------------------

    @property
    def received(self) -> Received | None:
        """The reception event, once the dossier is received."""
        return next((e for e in self.events if isinstance(e, Received)), None)

    @property
    def code(self) -> DossierCode | None:
        """The dossier code, assigned at reception."""
        received = self.received
        return received.code if received else None

    @property
    def received_at(self) -> datetime | None:
        """When the dossier was received as complete and valid."""
        received = self.received
        return received.at if received else None

    @property
    def rule_set(self) -> RuleSet | None:
        """The rule set the dossier follows, fixed by its receipt date."""
        received_at = self.received_at
        return rule_set_for(received_at.date()) if received_at else None

    @property
    def holder(self) -> str:
        """The agency holding the dossier: the receiving one, or the last it was sent to."""
        transfers = [e for e in self.events if isinstance(e, Transferred)]
        return transfers[-1].to_agency if transfers else self.agency

    @property
    def apology(self) -> Apologized | None:
        """The apology, if one was given."""
        return next((e for e in self.events if isinstance(e, Apologized)), None)

    @property
    def resolved_at(self) -> datetime | None:
        """When the result (or the written rejection) was ready."""
        return next((e.at for e in self.events if isinstance(e, Resolved | Rejected)), None)

    @property
    def closed_at(self) -> datetime | None:
        """When the clock stopped for good: resolution, rejection, stop or withdrawal."""
        closing = (Resolved, Rejected, Stopped, Withdrawn, Refused)
        return next((e.at for e in self.events if isinstance(e, closing)), None)

    # -- time -------------------------------------------------------------------

    def clock(self, calendar: Calendar) -> Clock | None:
        """The processing clock: from receipt, paused while waiting for the applicant.

        ``None`` before the dossier is received.
        """
        received_at = self.received_at
        if received_at is None:
            return None
        procedure = self.procedure
        clock = Clock.start(
            calendar,
            received_at,
            procedure.processing_time,
            policy=procedure.deadline_policy,
            rule=procedure.clock_rule,
        )
        for event in self.events:
            if event.at < received_at:
                continue
            if isinstance(event, SupplementRequested | PaymentRequested):
                clock = clock.pause(event.at, event.kind)
            elif isinstance(event, Supplemented | Paid):
                clock = clock.resume(event.at)
        return clock

    def deadline(self, calendar: Calendar, at: datetime | None = None) -> datetime | None:
        """The legal deadline as it stands at ``at`` (default: after the last event).

        An apology does not change it (see :meth:`appointment`).
        """
        clock = self.clock(calendar)
        if clock is None:
            return None
        return clock.deadline(self.events[-1].at if at is None else at)

    def appointment(self, calendar: Calendar) -> datetime | None:
        """When the result is promised: the apology's new date, or the deadline."""
        apology = self.apology
        return apology.new_appointment if apology else self.deadline(calendar)

    def timeliness(
        self, calendar: Calendar, at: datetime, *, due_soon: timedelta = timedelta(hours=8)
    ) -> Timeliness | None:
        """The standing at ``at``: in time, due soon, or overdue; ``None`` before receipt.

        *Due soon* means less than ``due_soon`` office time left. Once the dossier is
        closed (resolved, rejected, stopped or withdrawn) the standing is frozen there.
        """
        clock = self.clock(calendar)
        if clock is None:
            return None
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
        resolved_at = self.resolved_at
        clock = self.clock(calendar)
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
        end_of_history = at or self.events[-1].at
        closing = self.resolved_at
        clock = self.clock(calendar)
        transfers = [e for e in self.events if isinstance(e, Transferred)]
        shares = {share.step: share.time.office_time for share in self.procedure.shares}
        reports = []
        for index, transfer in enumerate(transfers):
            following = transfers[index + 1].at if index + 1 < len(transfers) else closing
            until = following or end_of_history
            used = calendar.working_time_between(transfer.at, until)
            used -= self._paused_between(calendar, clock, transfer.at, until)
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

    @staticmethod
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

    @property
    def clock_state(self) -> ClockState:
        """What the clock does now (from the status)."""
        return self.status.clock
