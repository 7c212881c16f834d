"""The periodic statistics table of the one-stop reporting rules, per agency and field.

For a period from ``first`` to ``last`` (both instants included), each row counts, for
one receiving agency and one field (lĩnh vực):

* **carried over** — received before the period and not closed before it;
* **received** in the period, by channel (online, in person, postal);
* **resolved** in the period — early, on time or late (a written rejection is a
  result too: Decree 61/2018 counts it);
* **in progress** at the period's end — within time, or overdue (its deadline, as it
  stood after its last event, had passed; a dossier waiting for the applicant is not
  overdue);
* **withdrawn**, **refused** and **stopped** in the period;

and the on-time rate: resolved early or on time ÷ resolved.

:func:`statistics_of` computes the table from projection rows in Python: it is the
reference the stores' SQL is checked against (:mod:`onestop.testing.conformance`),
never what a report runs over millions of dossiers.

References:
    * Domain brief §8.1 (the standard counters of periodic reports); Circular 01/2018/TT-VPCP
      and Circular 01/2020/TT-VPCP (periodic reporting; form numbers unconfirmed).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from fractions import Fraction

import attrs

from onestop.domain.model.procedure import Channel
from onestop.domain.model.status import DossierStatus
from onestop.domain.model.timeliness import Outcome
from onestop.exceptions import UsageError
from onestop.storage.summary import DossierSummary

__all__ = ["COUNTERS", "StatisticsRow", "check_period", "statistics_of"]

#: The counters of a row, in the order the table prints them.
COUNTERS = (
    "carried_over",
    "received_online",
    "received_in_person",
    "received_postal",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "in_progress_in_time",
    "in_progress_overdue",
    "withdrawn",
    "refused",
    "stopped",
)


@attrs.frozen(kw_only=True)
class StatisticsRow:
    """The counters of one agency and field over one period (see the module documentation).

    .. versionadded:: 0.3
    """

    agency: str
    field: str | None
    carried_over: int = 0
    received_online: int = 0
    received_in_person: int = 0
    received_postal: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    in_progress_in_time: int = 0
    in_progress_overdue: int = 0
    withdrawn: int = 0
    refused: int = 0
    stopped: int = 0

    @property
    def received(self) -> int:
        """Received in the period, all channels."""
        return self.received_online + self.received_in_person + self.received_postal

    @property
    def resolved(self) -> int:
        """Resolved in the period."""
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def in_progress(self) -> int:
        """Still in progress at the period's end."""
        return self.in_progress_in_time + self.in_progress_overdue

    @property
    def on_time_rate(self) -> Fraction | None:
        """Resolved early or on time ÷ resolved (``None`` when nothing was resolved)."""
        if not self.resolved:
            return None
        return Fraction(self.resolved_early + self.resolved_on_time, self.resolved)


def check_period(first: object, last: object) -> tuple[datetime, datetime]:
    """``(first, last)`` if they are datetimes in order.

    :raises UsageError: otherwise.
    """
    if not (isinstance(first, datetime) and isinstance(last, datetime)) or last < first:
        raise UsageError(f"a period is two datetimes in order, got {first!r}, {last!r}")
    return first, last


_RECEIVED = {
    Channel.ONLINE: "received_online",
    Channel.IN_PERSON: "received_in_person",
    Channel.POSTAL: "received_postal",
}
_RESOLVED = {
    Outcome.EARLY: "resolved_early",
    Outcome.ON_TIME: "resolved_on_time",
    Outcome.LATE: "resolved_late",
}
_CLOSED = {
    DossierStatus.WITHDRAWN: "withdrawn",
    DossierStatus.REFUSED: "refused",
    DossierStatus.STOPPED: "stopped",
}


def _hits(s: DossierSummary, first: datetime, last: datetime) -> list[str]:
    """The counters one dossier adds to in the period."""
    hits = []
    received, closed = s.received_at, s.closed_at
    if received is not None and received < first and (closed is None or closed >= first):
        hits.append("carried_over")
    if received is not None and first <= received <= last:
        hits.append(_RECEIVED[s.channel])
    in_period = closed is not None and first <= closed <= last
    if in_period and s.outcome is not None:
        hits.append(_RESOLVED[s.outcome])
    if in_period and s.status in _CLOSED:
        hits.append(_CLOSED[s.status])
    if received is not None and received <= last and (closed is None or closed > last):
        overdue = s.due is not None and s.due < last and not s.paused
        hits.append("in_progress_overdue" if overdue else "in_progress_in_time")
    return hits


def statistics_of(
    summaries: Iterable[DossierSummary], first: datetime, last: datetime
) -> tuple[StatisticsRow, ...]:
    """The table over ``summaries``: a row per agency and field with anything to count.

    Rows are sorted by agency, then field (no field first).
    """
    first, last = check_period(first, last)
    if isinstance(summaries, str | bytes) or not isinstance(summaries, Iterable):
        raise UsageError(f"summaries is an iterable of DossierSummary, got {summaries!r}")
    counts: dict[tuple[str, str | None], dict[str, int]] = {}
    for summary in summaries:
        if not isinstance(summary, DossierSummary):
            raise UsageError(f"summaries holds DossierSummary values, got {summary!r}")
        hits = _hits(summary, first, last)
        if hits:
            key = (summary.agency, summary.field)
            row = counts.setdefault(key, dict.fromkeys(COUNTERS, 0))
            for hit in hits:
                row[hit] += 1
    return tuple(
        StatisticsRow(agency=agency, field=field, **row)
        for (agency, field), row in sorted(
            counts.items(), key=lambda item: (item[0][0], item[0][1] or "")
        )
    )
