"""The projection a store keeps beside each history: one row per dossier, for queries.

A :class:`DossierSummary` is computed from the dossier after every append, in the same
transaction as the events, so that queries (by status, agency, procedure, channel,
receipt or due range, overdue now) and reports never replay histories.
"""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from onestop.domain.model._events import Resolved
from onestop.domain.model._procedure import Channel
from onestop.domain.model._satisfaction import Satisfaction
from onestop.domain.model._status import ClockState
from onestop.domain.model._status import DossierStatus
from onestop.domain.model._timeliness import Outcome
from onestop.rules._indicators import indicator

if TYPE_CHECKING:
    from onestop.domain.model._dossier import Dossier
    from onestop.domain.time._calendar import Calendar

__all__ = ["DossierSummary", "summarize"]


@attrs.frozen(kw_only=True)
class DossierSummary:
    """One dossier as the store's projection holds it (no personal data).

    :param dossier_id: the dossier's identity.
    :param version: how many events its history holds.
    :param code: the dossier code, once received.
    :param status: the current status.
    :param agency: the receiving agency.
    :param holder: the agency holding it now.
    :param step: the step of its latest transfer, if any.
    :param procedure: the procedure code.
    :param field: the procedure's field (lĩnh vực), when its terms record it.
    :param channel: how it arrived.
    :param received_at: when it was received, if it was.
    :param due: the legal deadline as it stood after the last event (``None`` before
        receipt, or while the clock is paused, when it moves every day).
    :param paused: whether the clock is paused (waiting for the applicant).
    :param closed_at: when the clock stopped for good, if it did.
    :param outcome: early, on time or late, once resolved or rejected.
    :param late_by: office time past the deadline, when resolved late.
    :param apologized: whether the agency at fault apologised.
    :param updated_at: when the last event happened.
    :param digitised: whether its paper components were digitised at reception.
    :param result_digitised: whether its result exists as a signed electronic document.
    :param payment_requests: how many times a payment was asked for.
    :param paid_online: whether a payment went through the portal's payment platform.
    :param rating: the applicant's rating, once given.
    :param finished_at: when processing ended for Decision 766 (resolved, returned,
        stopped or refused), if it did.
    :param indicator_on_time: Decision 766's reading of timeliness once finished
        (:meth:`Dossier.indicator <onestop.Dossier.indicator>`).

    .. versionadded:: 0.3
    """

    dossier_id: str
    version: int
    code: str | None
    status: DossierStatus
    agency: str
    holder: str
    step: str | None
    procedure: str
    field: str | None
    channel: Channel
    received_at: datetime | None
    due: datetime | None
    paused: bool
    closed_at: datetime | None
    outcome: Outcome | None
    late_by: timedelta | None
    apologized: bool
    updated_at: datetime
    digitised: bool = False
    result_digitised: bool = False
    payment_requests: int = 0
    paid_online: bool = False
    rating: Satisfaction | None = None
    finished_at: datetime | None = None
    indicator_on_time: bool | None = None

    def is_overdue(self, now: datetime) -> bool:
        """Whether, at ``now``, the dossier is open, running and past its deadline."""
        return (
            self.due is not None and self.closed_at is None and not self.paused and self.due < now
        )


def summarize(dossier: Dossier, version: int, calendar: Calendar) -> DossierSummary:
    """The projection row of ``dossier`` at ``version`` events, with deadlines on ``calendar``."""
    state = dossier.state
    paused = dossier.status.clock is ClockState.PAUSED
    resolution = dossier.resolution(calendar)
    on_time = indicator(dossier, calendar)
    code = dossier.code
    return DossierSummary(
        dossier_id=dossier.id,
        version=version,
        code=str(code) if code is not None else None,
        status=dossier.status,
        agency=dossier.agency,
        holder=dossier.holder,
        step=dossier.step,
        procedure=dossier.terms.code,
        field=dossier.terms.field,
        channel=dossier.channel,
        received_at=dossier.received_at,
        due=None if paused else dossier.deadline(calendar),
        paused=paused,
        closed_at=dossier.closed_at,
        outcome=resolution.outcome if resolution is not None else None,
        late_by=resolution.late_by if resolution and resolution.outcome is Outcome.LATE else None,
        apologized=dossier.apology is not None,
        updated_at=state.last_at,
        digitised=state.received is not None and state.received.digitised,
        result_digitised=isinstance(state.closed, Resolved) and state.closed.digitised,
        payment_requests=state.payment_requests,
        paid_online=state.paid_online,
        rating=state.rating.level if state.rating is not None else None,
        finished_at=state.finished.at if state.finished is not None else None,
        indicator_on_time=on_time.on_time if on_time is not None else None,
    )
