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

Each counter is defined once, in :data:`STATISTICS_COUNTERS`, as SQL (what a SQL store
sums over its projection) beside the same condition in Python: :func:`statistics_of`
counts with the Python side, the reference every store's SQL is checked against
(:mod:`onestop.testing.conformance`), never what a report runs over millions of
dossiers.

References:
    * The standard counters of periodic reports: Circular 01/2018/TT-VPCP
      and Circular 01/2020/TT-VPCP (periodic reporting; form numbers unconfirmed).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from fractions import Fraction

import attrs

from onestop._shown import shown
from onestop.domain.model._procedure import Channel
from onestop.domain.model._status import DossierStatus
from onestop.domain.model._timeliness import Outcome
from onestop.domain.time._local_time import to_local
from onestop.exceptions import UsageError
from onestop.rules._counter import CLOSED_IN
from onestop.rules._counter import RECEIVED_IN
from onestop.rules._counter import Counter
from onestop.rules._counter import Row
from onestop.rules._counter import sql_sums
from onestop.rules._counter import within

__all__ = [
    "COUNTERS",
    "STATISTICS_COUNTERS",
    "STATISTICS_SQL",
    "StatisticsRow",
    "check_period",
    "statistics_of",
]

_OPEN_AT_END = "received_at <= :last AND (closed_at IS NULL OR closed_at > :last)"
_OVERDUE_AT_END = "due IS NOT NULL AND due < :last AND paused = 0"


def _open_at_end(r: Row, last: datetime) -> bool:
    return (
        r.received_at is not None
        and r.received_at <= last
        and (r.closed_at is None or r.closed_at > last)
    )


def _overdue_at_end(r: Row, last: datetime) -> bool:
    return r.due is not None and r.due < last and not r.paused


def _received(channel: Channel) -> Counter:
    return Counter(
        f"received_{channel.value}",
        f"{RECEIVED_IN} AND channel = '{channel.value}'",
        lambda r, first, last, _: within(r.received_at, first, last) and r.channel is channel,
    )


def _resolved(outcome: Outcome) -> Counter:
    return Counter(
        f"resolved_{outcome.value}",
        f"{CLOSED_IN} AND outcome = '{outcome.value}'",
        lambda r, first, last, _: within(r.closed_at, first, last) and r.outcome is outcome,
    )


def _closed(status: DossierStatus) -> Counter:
    return Counter(
        status.name.lower(),
        f"{CLOSED_IN} AND status = {status.value}",
        lambda r, first, last, _: within(r.closed_at, first, last) and r.status is status,
    )


#: Each counter of the table, in the order it prints them: its SQL condition over the
#: projection beside the same condition in Python.
STATISTICS_COUNTERS: tuple[Counter, ...] = (
    Counter(
        "carried_over",
        "received_at < :first AND (closed_at IS NULL OR closed_at >= :first)",
        lambda r, first, _, __: (
            r.received_at is not None
            and r.received_at < first
            and (r.closed_at is None or r.closed_at >= first)
        ),
    ),
    _received(Channel.ONLINE),
    _received(Channel.IN_PERSON),
    _received(Channel.POSTAL),
    _resolved(Outcome.EARLY),
    _resolved(Outcome.ON_TIME),
    _resolved(Outcome.LATE),
    Counter(
        "in_progress_in_time",
        f"{_OPEN_AT_END} AND NOT ({_OVERDUE_AT_END})",
        lambda r, _, last, __: _open_at_end(r, last) and not _overdue_at_end(r, last),
    ),
    Counter(
        "in_progress_overdue",
        f"{_OPEN_AT_END} AND {_OVERDUE_AT_END}",
        lambda r, _, last, __: _open_at_end(r, last) and _overdue_at_end(r, last),
    ),
    _closed(DossierStatus.WITHDRAWN),
    _closed(DossierStatus.REFUSED),
    _closed(DossierStatus.STOPPED),
)
#: The counters of a row, in the order the table prints them.
COUNTERS = tuple(counter.name for counter in STATISTICS_COUNTERS)
_READ = ("agency", "field", "status", "channel", "received_at", "due", "paused", "closed_at",
         "outcome")  # fmt: skip

#: The table in SQL over the ``dossiers`` projection, one row per agency and field,
#: built from :data:`STATISTICS_COUNTERS` (``:first`` and ``:last`` parameters).
STATISTICS_SQL = f"""
SELECT agency, field,
    {sql_sums(STATISTICS_COUNTERS)}
FROM dossiers
WHERE (received_at <= :last AND (closed_at IS NULL OR closed_at >= :first)) OR {CLOSED_IN}
GROUP BY agency, field
ORDER BY agency, coalesce(field, '')
"""  # noqa: S608 - built from constants only


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
    """``(first, last)`` in Vietnam time (naive) if they are datetimes in order.

    Aware ends are converted to Vietnam time, so a naive and an aware end compare as
    the instants they are.

    :raises UsageError: otherwise.
    """
    if not (isinstance(first, datetime) and isinstance(last, datetime)):
        raise UsageError(f"a period is two datetimes in order, got {shown(first)}, {shown(last)}")
    try:
        first, last = to_local(first), to_local(last)
    except OverflowError:
        raise UsageError(
            f"a period's ends lie outside the calendar: {shown(first)}, {shown(last)}"
        ) from None
    if last < first:
        raise UsageError(f"a period is two datetimes in order, got {shown(first)}, {shown(last)}")
    return first, last


def statistics_of(
    summaries: Iterable[Row], first: datetime, last: datetime
) -> tuple[StatisticsRow, ...]:
    """The table over ``summaries``: a row per agency and field with anything to count.

    Rows are sorted by agency, then field (no field first).
    """
    first, last = check_period(first, last)
    if isinstance(summaries, str | bytes) or not isinstance(summaries, Iterable):
        raise UsageError(f"summaries is an iterable of summaries, got {shown(summaries)}")
    counts: dict[tuple[str, str | None], dict[str, int]] = {}
    for summary in summaries:
        if not all(hasattr(summary, name) for name in _READ):
            raise UsageError(f"summaries holds projection rows (summaries), got {shown(summary)}")
        hits = [c.name for c in STATISTICS_COUNTERS if c.counts(summary, first, last, True)]  # noqa: FBT003
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
