"""The dossier projection in SQL, written once for every SQL store.

A SQL store keeps one projection row per dossier beside its events (see
:mod:`onestop.storage.summary`). This module holds what does not depend on the
database: the row's columns, a row read back as a
:class:`~onestop.storage.summary.DossierSummary` and a summary written as a row, the
filter of a :class:`~onestop.storage.records.DossierQuery`, and the two report
aggregates — the periodic statistics table and the Decision 766 counts — as SQL with
``:first`` and ``:last`` parameters. Instants are ISO text in Vietnam time, which sorts
as time does, so the same comparisons run everywhere.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from onestop.domain.model.procedure import Channel
from onestop.domain.model.satisfaction import Satisfaction
from onestop.domain.model.status import DossierStatus
from onestop.domain.model.timeliness import Outcome
from onestop.exceptions import OneStopError, StorageError, UsageError
from onestop.storage.arguments import check_instant
from onestop.storage.records import DossierQuery
from onestop.storage.summary import DossierSummary

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "PROJECTION",
    "QUALITY",
    "STATISTICS",
    "SUMMARY_COLUMNS",
    "moment_from_text",
    "query_filter",
    "summary_from_row",
    "summary_values",
]

#: The projection's columns an append writes, in the order of :func:`summary_values`.
PROJECTION = (
    "version",
    "head",
    "code",
    "status",
    "agency",
    "holder",
    "procedure",
    "channel",
    "received_at",
    "due",
    "paused",
    "closed_at",
    "outcome",
    "updated_at",
    "field",
    "step",
    "late_seconds",
    "apologized",
    "digitised",
    "result_digitised",
    "payment_requests",
    "paid_online",
    "rating",
    "finished_at",
    "indicator_on_time",
)
#: The columns a summary is read from, in the order :func:`summary_from_row` reads.
SUMMARY_COLUMNS = "dossier_id, " + ", ".join(c for c in PROJECTION if c != "head")


def _text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def moment_from_text(text: str | None) -> datetime | None:
    """A stored instant; raises ``StorageError`` for text that is not one."""
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise StorageError(
            f"the store holds {text!r} where a time belongs: was it edited?"
        ) from None


def _count(condition: str) -> str:
    return f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)"


_OPEN_AT_END = "received_at <= :last AND (closed_at IS NULL OR closed_at > :last)"
_OVERDUE_AT_END = "due IS NOT NULL AND due < :last AND paused = 0"
_CLOSED_IN = "closed_at BETWEEN :first AND :last"
_RECEIVED_IN = "received_at BETWEEN :first AND :last"
#: The periodic statistics table (see onestop.storage.statistics), one row per agency and field.
STATISTICS = f"""
SELECT agency, field,
    {_count("received_at < :first AND (closed_at IS NULL OR closed_at >= :first)")},
    {_count(f"{_RECEIVED_IN} AND channel = 'online'")},
    {_count(f"{_RECEIVED_IN} AND channel = 'in_person'")},
    {_count(f"{_RECEIVED_IN} AND channel = 'postal'")},
    {_count(f"{_CLOSED_IN} AND outcome = 'early'")},
    {_count(f"{_CLOSED_IN} AND outcome = 'on_time'")},
    {_count(f"{_CLOSED_IN} AND outcome = 'late'")},
    {_count(f"{_OPEN_AT_END} AND NOT ({_OVERDUE_AT_END})")},
    {_count(f"{_OPEN_AT_END} AND {_OVERDUE_AT_END}")},
    {_count(f"{_CLOSED_IN} AND status = {DossierStatus.WITHDRAWN.value}")},
    {_count(f"{_CLOSED_IN} AND status = {DossierStatus.REFUSED.value}")},
    {_count(f"{_CLOSED_IN} AND status = {DossierStatus.STOPPED.value}")}
FROM dossiers
WHERE (received_at <= :last AND (closed_at IS NULL OR closed_at >= :first)) OR {_CLOSED_IN}
GROUP BY agency, field
ORDER BY agency, coalesce(field, '')
"""  # noqa: S608 - built from constants only


_FINISHED_IN = "finished_at BETWEEN :first AND :last AND indicator_on_time IS NOT NULL"
_SYNCED = (
    "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dossier = d.position AND o.delivered_at IS NULL)"
)
#: What Decision 766's indicators count (see onestop.storage.quality), one row per agency.
QUALITY = f"""
SELECT agency,
    {_count(_RECEIVED_IN)},
    {_count(f"{_RECEIVED_IN} AND channel = 'online'")},
    {_count(f"{_RECEIVED_IN} AND (channel = 'online' OR digitised = 1)")},
    {_count(f"{_RECEIVED_IN} AND {_SYNCED}")},
    {_count(f"{_RECEIVED_IN} AND payment_requests > 0")},
    {_count(f"{_RECEIVED_IN} AND payment_requests > 0 AND paid_online = 1")},
    {_count(_FINISHED_IN)},
    {_count(f"{_FINISHED_IN} AND indicator_on_time = 1")},
    {_count(f"{_CLOSED_IN} AND outcome IS NOT NULL")},
    {_count(f"{_CLOSED_IN} AND outcome IS NOT NULL AND result_digitised = 1")},
    {_count(f"{_CLOSED_IN} AND rating IS NOT NULL")},
    {_count(f"{_CLOSED_IN} AND rating = '{Satisfaction.UNSATISFIED.value}'")}
FROM dossiers d
WHERE {_RECEIVED_IN} OR {_CLOSED_IN} OR finished_at BETWEEN :first AND :last
GROUP BY agency
ORDER BY agency
"""  # noqa: S608 - built from constants only


def summary_from_row(row: Sequence[Any]) -> DossierSummary:
    """The summary a row of ``SUMMARY_COLUMNS`` holds.

    :raises StorageError: for a row that is not one (edited behind the store's back).
    """
    try:
        return _summary(row)
    except (TypeError, ValueError, IndexError, KeyError, OneStopError) as error:
        if isinstance(error, StorageError):
            raise
        raise StorageError(f"a projection row cannot be read ({error}): was it edited?") from None


def _summary(row: Sequence[Any]) -> DossierSummary:
    return DossierSummary(
        dossier_id=row[0],
        version=row[1],
        code=row[2],
        status=DossierStatus(row[3]),
        agency=row[4],
        holder=row[5],
        procedure=row[6],
        channel=Channel(row[7]),
        received_at=moment_from_text(row[8]),
        due=moment_from_text(row[9]),
        paused=bool(row[10]),
        closed_at=moment_from_text(row[11]),
        outcome=Outcome(row[12]) if row[12] is not None else None,
        updated_at=datetime.fromisoformat(row[13]),
        field=row[14],
        step=row[15],
        late_by=timedelta(seconds=row[16]) if row[16] is not None else None,
        apologized=bool(row[17]),
        digitised=bool(row[18]),
        result_digitised=bool(row[19]),
        payment_requests=row[20],
        paid_online=bool(row[21]),
        rating=Satisfaction(row[22]) if row[22] is not None else None,
        finished_at=moment_from_text(row[23]),
        indicator_on_time=bool(row[24]) if row[24] is not None else None,
    )


def summary_values(summary: DossierSummary, head: bytes) -> tuple[Any, ...]:
    """The values of ``PROJECTION`` (with ``head``), then the dossier id, for an append.

    :raises UsageError: for a value that is not a summary, or a head that is not bytes.
    """
    if not isinstance(summary, DossierSummary) or not isinstance(head, bytes):
        raise UsageError(f"a summary and a head (bytes), got {summary!r} and {head!r}")
    return (
        summary.version,
        head,
        summary.code,
        summary.status.value,
        summary.agency,
        summary.holder,
        summary.procedure,
        summary.channel.value,
        _text(summary.received_at),
        _text(summary.due),
        int(summary.paused),
        _text(summary.closed_at),
        summary.outcome.value if summary.outcome is not None else None,
        _text(summary.updated_at),
        summary.field,
        summary.step,
        summary.late_by.total_seconds() if summary.late_by is not None else None,
        int(summary.apologized),
        int(summary.digitised),
        int(summary.result_digitised),
        summary.payment_requests,
        int(summary.paid_online),
        summary.rating.value if summary.rating is not None else None,
        _text(summary.finished_at),
        None if summary.indicator_on_time is None else int(summary.indicator_on_time),
        summary.dossier_id,
    )


def query_filter(query: DossierQuery, placeholder: str) -> tuple[str, list[Any]]:
    """The ``WHERE`` condition of ``query`` and its parameters, in ``placeholder`` style.

    :param placeholder: the database's positional placeholder (``"?"`` or ``"%s"``).
    :raises UsageError: when ``query`` is not a DossierQuery.
    """
    if not isinstance(query, DossierQuery):
        raise UsageError(f"query is a DossierQuery, got {query!r}")
    if placeholder not in {"?", "%s"}:
        raise UsageError(f"placeholder is '?' or '%s', got {placeholder!r}")
    clauses, parameters = ["1 = 1"], []
    for column, value in (
        ("status", query.status.value if query.status else None),
        ("agency", query.agency),
        ("holder", query.holder),
        ("procedure", query.procedure),
        ("field", query.field),
        ("channel", query.channel.value if query.channel else None),
        ("outcome", query.outcome.value if query.outcome else None),
    ):
        if value is not None:
            clauses.append(f"{column} = {placeholder}")
            parameters.append(value)
    for column, bounds in (
        ("received_at", query.received),
        ("due", query.due),
        ("closed_at", query.closed),
    ):
        if bounds is not None:
            clauses.append(f"{column} BETWEEN {placeholder} AND {placeholder}")
            parameters.extend(check_instant(end, column).isoformat() for end in bounds)
    if query.overdue_at is not None:
        clauses.append(f"closed_at IS NULL AND paused = 0 AND due < {placeholder}")
        parameters.append(check_instant(query.overdue_at, "overdue_at").isoformat())
    return " AND ".join(clauses), parameters
