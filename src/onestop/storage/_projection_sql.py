"""The dossier projection in SQL, written once for every SQL store.

A SQL store keeps one projection row per dossier beside its events (see
``onestop.storage._summary``). This module holds what does not depend on the
database: the row's columns (one table, :data:`COLUMNS`), a row read back as a
:class:`~onestop.storage.DossierSummary` and a summary written as a row, and the
filter of a :class:`~onestop.storage.DossierQuery`. The two report aggregates
— the statistics table and the Decision 766 counts — are SQL built from the rules'
counter tables (``onestop.rules._statistics``, ``onestop.rules._indicators``).
Instants are ISO text in Vietnam time, which sorts as time does, so the same
comparisons run everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain.model._procedure import Channel
from onestop.domain.model._satisfaction import Satisfaction
from onestop.domain.model._status import DossierStatus
from onestop.domain.model._timeliness import Outcome
from onestop.exceptions import OneStopError
from onestop.exceptions import StorageError
from onestop.exceptions import UsageError
from onestop.storage._arguments import check_instant
from onestop.storage._store_values import DossierQuery
from onestop.storage._summary import DossierSummary

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "COLUMNS",
    "MISREAD_TIMES_SQL",
    "PROJECTION",
    "SUMMARY_COLUMNS",
    "Column",
    "moment_from_text",
    "query_filter",
    "summary_from_row",
    "summary_values",
]


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
            f"the store holds {shown(text)} where a time belongs: was it edited?"
        ) from None


def _optional(kind: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else kind(value)


def _value(member: Any) -> Any:  # noqa: ANN401 - an enumeration member
    return member.value


@attrs.frozen
class Column:
    """One projection column: its name, its SQL types, and how a summary field maps to it.

    :param name: the column's name (and the summary field's, unless ``field`` says).
    :param sqlite: its type in the SQLite schema.
    :param postgres: its type in the PostgreSQL schema.
    :param write: the stored value of the summary field's value (``None``: as it is).
    :param read: the summary field's value of the stored value (``None``: as it is).
    :param field: the :class:`DossierSummary` field; ``""`` for the same as ``name``,
        ``None`` for a column that is no summary field (the chain head).

    .. versionadded:: 0.5
    """

    name: str
    sqlite: str
    postgres: str
    write: Callable[[Any], Any] | None = None
    read: Callable[[Any], Any] | None = None
    field: str | None = ""

    @property
    def summary_field(self) -> str | None:
        """The summary field the column holds (``None``: none)."""
        return self.name if self.field == "" else self.field


#: The projection's columns an append writes, in order. Everything else is built from
#: it: the append's insert and update, the summary read back by name, and the column
#: list ``tests`` compare with both schemas.
COLUMNS: tuple[Column, ...] = (
    Column("version", "INTEGER", "integer"),
    Column("head", "BLOB", "bytea", field=None),
    Column("code", "TEXT", "text"),
    Column("status", "INTEGER", "integer", _value, DossierStatus),
    Column("agency", "TEXT", "text"),
    Column("holder", "TEXT", "text"),
    Column("procedure", "TEXT", "text"),
    Column("channel", "TEXT", "text", _value, Channel),
    Column("received_at", "TEXT", "text", _text, moment_from_text),
    Column("due", "TEXT", "text", _text, moment_from_text),
    Column("paused", "INTEGER", "integer", int, bool),
    Column("closed_at", "TEXT", "text", _text, moment_from_text),
    Column("outcome", "TEXT", "text", _optional(_value), _optional(Outcome)),
    Column("updated_at", "TEXT", "text", _text, datetime.fromisoformat),
    Column("field", "TEXT", "text"),
    Column("step", "TEXT", "text"),
    Column(
        "late_seconds",
        "REAL",
        "double precision",
        _optional(timedelta.total_seconds),
        _optional(lambda seconds: timedelta(seconds=seconds)),
        field="late_by",
    ),
    Column("apologized", "INTEGER", "integer", int, bool),
    Column("digitised", "INTEGER", "integer", int, bool),
    Column("result_digitised", "INTEGER", "integer", int, bool),
    Column("payment_requests", "INTEGER", "integer"),
    Column("paid_online", "INTEGER", "integer", int, bool),
    Column("rating", "TEXT", "text", _optional(_value), _optional(Satisfaction)),
    Column("finished_at", "TEXT", "text", _text, moment_from_text),
    Column("indicator_on_time", "INTEGER", "integer", _optional(int), _optional(bool)),
)
#: The projection's column names, in the order of :func:`summary_values`.
PROJECTION = tuple(column.name for column in COLUMNS)
_READ = tuple(column for column in COLUMNS if column.summary_field is not None)
# Each column's summary field and its conversions, with ``None`` for "as it is" (a call
# saved per column and row: an append writes every column).
_WRITERS = tuple((c.summary_field, c.write) for c in COLUMNS)
_READERS = tuple((c.summary_field, c.read) for c in _READ)
#: The columns a summary is read from, in the order :func:`summary_from_row` reads.
SUMMARY_COLUMNS = "dossier_id, " + ", ".join(column.name for column in _READ)
#: The projection's instants (stored as ISO text, so that text order is time order).
_TIMES = tuple(column.name for column in COLUMNS if column.write is _text)
#: Up to 20 dossiers whose stored instants are not ISO instants (edited rows): a report
#: filtering by time would pass them over in silence, so it asks this first.
MISREAD_TIMES_SQL = (
    "SELECT dossier_id FROM dossiers WHERE "  # noqa: S608 - built from the column table
    + " OR ".join(
        f"({name} IS NOT NULL AND {name} NOT LIKE '____-__-__T__:__:__%')" for name in _TIMES
    )
    + " ORDER BY position LIMIT 20"
)


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
    values = {
        field: value if read is None else read(value)
        for (field, read), value in zip(_READERS, row[1:], strict=False)  # a row may end in more
    }
    return DossierSummary(dossier_id=row[0], **values)  # type: ignore[arg-type]


def summary_values(summary: DossierSummary, head: bytes) -> tuple[Any, ...]:
    """The values of ``PROJECTION`` (with ``head``), then the dossier id, for an append.

    :raises UsageError: for a value that is not a summary, or a head that is not bytes.
    """
    if not isinstance(summary, DossierSummary) or not isinstance(head, bytes):
        raise UsageError(f"a summary and a head (bytes), got {shown(summary)} and {shown(head)}")
    values = [
        head if field is None else value if write is None else write(value)
        for field, write, value in (
            (field, write, getattr(summary, field) if field is not None else None)
            for field, write in _WRITERS
        )
    ]
    values.append(summary.dossier_id)
    return tuple(values)


def query_filter(query: DossierQuery) -> tuple[str, list[Any]]:
    """The ``WHERE`` condition of ``query`` and its parameters, with ``?`` placeholders.

    :raises UsageError: when ``query`` is not a DossierQuery.
    """
    if not isinstance(query, DossierQuery):
        raise UsageError(f"query is a DossierQuery, got {shown(query)}")
    placeholder = "?"  # the SQL stores write ``?``; PostgreSQL's adapter translates it
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
