"""A dossier store on a SQL database, written once for SQLite and PostgreSQL.

:class:`SQLStore` implements the :class:`~onestop.storage.DossierStore`
contract in SQL that both databases run — the same tables and columns, instants as ISO
text in Vietnam time, the projection's SQL of ``onestop.storage._projection_sql``.
Its SQL is written with ``?`` and ``:name`` parameters; a store whose driver spells
them otherwise translates them in its transaction (the PostgreSQL store does).

What differs is left to the two stores: how they connect and run a transaction, how
an append is written (SQLite's ``BEGIN IMMEDIATE`` serializes writers; PostgreSQL
writes it in one statement), how they number their schema, and the heads of a
checkpoint, which SQLite and PostgreSQL select with different SQL.
"""

from __future__ import annotations

import functools
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar
from typing import NamedTuple
from typing import Protocol

from onestop._shown import shown
from onestop.domain.model._agency import check_agency_code
from onestop.domain.model._dossier import Dossier
from onestop.domain.time._local_time import to_local
from onestop.exceptions import ConcurrencyError
from onestop.exceptions import OneStopError
from onestop.exceptions import StorageError
from onestop.exceptions import UnknownDossierError
from onestop.exceptions import UsageError
from onestop.rules._indicators import QUALITY_COUNTERS
from onestop.rules._indicators import QUALITY_SQL
from onestop.rules._indicators import QualityRow
from onestop.rules._statistics import COUNTERS
from onestop.rules._statistics import STATISTICS_SQL
from onestop.rules._statistics import StatisticsRow
from onestop.rules._statistics import check_period
from onestop.storage._append import EventRow
from onestop.storage._append import decode_events
from onestop.storage._append import encode_events
from onestop.storage._append import event_rows
from onestop.storage._append import histories
from onestop.storage._append import plan_append
from onestop.storage._arguments import check_builder
from onestop.storage._arguments import check_claim
from onestop.storage._arguments import check_instant
from onestop.storage._arguments import check_kept
from onestop.storage._arguments import check_key
from onestop.storage._arguments import check_limit
from onestop.storage._arguments import check_message_id
from onestop.storage._arguments import check_signer
from onestop.storage._arguments import check_text
from onestop.storage._arguments import lease_end
from onestop.storage._arguments import sequence_day
from onestop.storage._hash_chain import GENESIS
from onestop.storage._hash_chain import merkle_root
from onestop.storage._projection_sql import MISREAD_TIMES_SQL
from onestop.storage._projection_sql import PROJECTION
from onestop.storage._projection_sql import SUMMARY_COLUMNS
from onestop.storage._projection_sql import moment_from_text
from onestop.storage._projection_sql import query_filter
from onestop.storage._projection_sql import summary_from_row
from onestop.storage._projection_sql import summary_values
from onestop.storage._recent import Kept
from onestop.storage._recent import RecentDossiers
from onestop.storage._store_values import Checkpoint
from onestop.storage._store_values import DossierQuery
from onestop.storage._store_values import OutboxMessage
from onestop.storage._store_values import Page
from onestop.storage._store_values import Verification
from onestop.storage._store_values import outbox_key
from onestop.storage._summary import DossierSummary
from onestop.storage._summary import summarize
from onestop.storage._verification import sign_checkpoint
from onestop.storage._verification import verify_chain
from onestop.storage._verification import verify_checkpoints
from onestop.storage._verification import verify_projection

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Iterable
    from collections.abc import Iterator
    from collections.abc import Sequence
    from contextlib import AbstractContextManager

    from onestop.domain.model._events import DossierEvent
    from onestop.domain.time._calendar import Calendar
    from onestop.storage._contract import CheckpointSigner

__all__ = ["Database", "RowWrite", "SQLStore", "blob"]

# Built once from the constant column names; every value is a bound parameter.
_INSERT = (
    f"INSERT INTO dossiers ({', '.join(PROJECTION)}, dossier_id) "  # noqa: S608
    f"VALUES ({', '.join('?' for _ in PROJECTION)}, ?) "
    "ON CONFLICT (dossier_id) DO NOTHING RETURNING position"
)


@functools.cache
def _changed_update(changed: tuple[int, ...]) -> str:
    """An update of the projection columns at ``changed``, if the row is at the version given."""
    columns = ", ".join(f"{PROJECTION[i]} = ?" for i in changed)
    return f"UPDATE dossiers SET {columns} WHERE dossier_id = ? AND version = ?"  # noqa: S608


# The next running number of (agency, day), taken in the transaction that uses it.
_NEXT_NUMBER = (
    "INSERT INTO sequences (agency, day, last) VALUES (?, ?, 1) "
    "ON CONFLICT (agency, day) DO UPDATE SET last = sequences.last + 1 RETURNING last"
)
_OUTBOX_COLUMNS = (
    "o.id, d.dossier_id, o.version, o.key, o.kind, o.body, o.attempts, "
    "o.not_before, o.last_error, o.delivered_at, o.claimed_by, o.claimed_until"
)
# A message is ready when it is its dossier's oldest undelivered one, past its backoff,
# and held by no other worker. Parameters: the instant twice, then the worker (NULL
# when nobody asks: then a held message is not ready).
_READY = (
    "o.delivered_at IS NULL AND o.id = (SELECT min(id) FROM outbox "
    "WHERE dossier = o.dossier AND delivered_at IS NULL) "
    "AND (o.not_before IS NULL OR o.not_before <= ?) "
    "AND (o.claimed_until IS NULL OR o.claimed_until <= ? OR o.claimed_by = ?)"
)


class RowWrite(NamedTuple):
    """How an append writes the dossier's projection row.

    :param statement: the insert of a new row (returning its position) or the update of
        the row at the expected version.
    :param parameters: the statement's values.
    :param position: the row's position, ``None`` for a new row.
    """

    statement: str
    parameters: Sequence[Any]
    position: int | None


class Database(Protocol):
    """A connection inside a transaction, as :class:`SQLStore` uses it."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any:  # noqa: ANN401 - a cursor
        """Run one statement; the result has ``fetchone``, ``fetchall`` and ``rowcount``."""
        ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]], /) -> Any:  # noqa: ANN401
        """Run one statement for each row."""
        ...


def blob(value: object) -> bytes:
    """A stored hash or body as bytes, whatever type the driver (or an edit) returns.

    :raises StorageError: for a value that is neither bytes nor text (an edited row).
    """
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    raise StorageError(f"a stored hash or body is bytes or text, got {shown(value)}")


def _message(row: Sequence[Any]) -> OutboxMessage:
    return OutboxMessage(
        id=row[0],
        dossier_id=row[1],
        version=row[2],
        key=row[3],
        kind=row[4],
        body=blob(row[5]),
        attempts=row[6],
        not_before=moment_from_text(row[7]),
        last_error=row[8],
        delivered_at=moment_from_text(row[9]),
        claimed_by=row[10],
        claimed_until=moment_from_text(row[11]),
    )


class SQLStore:
    """The dossier store's behaviour in SQL, for a store that adds the connection.

    :class:`~onestop.storage.SQLiteStore` and
    :class:`~onestop.storage.PostgresStore` are the two.

    .. versionadded:: 0.3
    """

    calendar: Calendar
    #: The dossiers stored or loaded last (each store makes its own).
    _recent: RecentDossiers
    #: Added to the query that reads a dossier's version before an append.
    #: What the driver raises when a constraint (a unique code) refuses a write.
    _INTEGRITY: ClassVar[tuple[type[Exception], ...]] = ()
    #: Added to the query that picks the messages a claim takes.
    _SKIP_LOCKED: ClassVar[str] = ""

    # -- what each database provides ------------------------------------------------

    def _transaction(self) -> AbstractContextManager[Database]:
        raise NotImplementedError  # pragma: no cover - every store defines it

    def _read(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        raise NotImplementedError  # pragma: no cover - every store defines it

    def _heads(self, position: int) -> list[bytes]:
        """Each dossier's head leaf as it stood at the store's ``position``, by dossier id."""
        raise NotImplementedError  # pragma: no cover - every store defines it

    def _more_problems(self) -> list[str]:
        """Problems only this database can have (SQLite: events whose dossier is gone)."""
        return []

    def _before_checkpoint(self, db: Database) -> None:
        """Make the checkpoint's reads and its number one atomic step."""

    def _numbered_transaction(self) -> AbstractContextManager[Database]:
        """The transaction a numbered append takes its number and writes in."""
        return self._transaction()

    def _append_transaction(self) -> AbstractContextManager[Database]:
        """The transaction an append writes in (PostgreSQL's is its one statement's own)."""
        return self._transaction()

    def _queued(self, db: Database) -> None:
        """Outbox messages were written in ``db``'s transaction: wake the waiting workers."""

    def wait(self, timeout: float) -> bool:
        """See :meth:`DossierStore.wait <onestop.storage.DossierStore.wait>`."""
        raise NotImplementedError  # pragma: no cover - every store defines it

    # -- writing ----------------------------------------------------------------

    def append(
        self, dossier: Dossier | None, expected_version: int, events: Sequence[DossierEvent]
    ) -> Dossier:
        """See :meth:`DossierStore.append <onestop.storage.DossierStore.append>`."""
        new = plan_append(dossier, expected_version, events)
        bodies = encode_events(events)
        summary = summarize(new, expected_version + len(events), self.calendar)
        try:
            with self._append_transaction() as db:
                kept = self._append_in(db, new, expected_version, events, bodies, summary)
        except self._INTEGRITY as error:
            raise StorageError(f"dossier {new.id} cannot be stored: {error}") from None
        self._recent.remember(kept)
        return new

    def append_numbered(
        self,
        dossier: Dossier | None,
        expected_version: int,
        agency: str,
        day: datetime,
        events_for: Callable[[int], Sequence[DossierEvent]],
    ) -> Dossier:
        """See :meth:`DossierStore.append_numbered <onestop.storage.DossierStore.append_numbered>`."""  # noqa: E501
        check_agency_code(agency)
        key = sequence_day(day)
        check_builder(events_for)
        try:
            with self._numbered_transaction() as db:
                number: int = db.execute(_NEXT_NUMBER, (agency, key)).fetchone()[0]
                events = events_for(number)
                new = plan_append(dossier, expected_version, events)
                summary = summarize(new, expected_version + len(events), self.calendar)
                bodies = encode_events(events)
                kept = self._append_in(db, new, expected_version, events, bodies, summary)
        except self._INTEGRITY as error:
            raise StorageError(f"a numbered dossier cannot be stored: {error}") from None
        self._recent.remember(kept)
        return new

    def _append_in(  # noqa: PLR0917 - the append's parts, computed before the transaction
        self,
        db: Database,
        new: Dossier,
        expected_version: int,
        events: Sequence[DossierEvent],
        bodies: Sequence[bytes],
        summary: DossierSummary,
    ) -> Kept:
        """Write the append in ``db``; what the store keeps of the dossier.

        The projection row is written by one statement that checks the version itself: a
        new dossier's insert does nothing when the id exists, an update matches only the
        row at ``expected_version``. When the store wrote the dossier's current version,
        it knows the chain head and the row, and sets only the columns that changed (so
        it touches only the indexes it must); otherwise it reads the head first.
        """
        previous = self._recent.at(new.id, expected_version) if expected_version else None
        position: int | None = None
        if expected_version == 0:
            head, old = GENESIS, None
        elif previous is not None and previous.position is not None and previous.row is not None:
            head, old, position = previous.head, previous.row, previous.position
        else:
            found = db.execute(
                "SELECT position, version, head FROM dossiers WHERE dossier_id = ?", (new.id,)
            ).fetchone()
            if found is None or found[1] != expected_version:
                raise ConcurrencyError(new.id, expected_version, found[1] if found else 0)
            head, old, position = blob(found[2]), None, found[0]
        rows = event_rows(events, expected_version + 1, head, bodies)
        values = summary_values(summary, rows[-1].hash)
        if position is None:
            statement, parameters = _INSERT, values
        else:
            changed = tuple(i for i in range(len(PROJECTION)) if old is None or values[i] != old[i])
            statement = _changed_update(changed)
            parameters = (*(values[i] for i in changed), new.id, expected_version)
        written = self._write_append(db, RowWrite(statement, parameters, position), rows, new.id)
        if written is None:
            found = db.execute("SELECT version FROM dossiers WHERE dossier_id = ?", (new.id,))
            raise ConcurrencyError(new.id, expected_version, (found.fetchone() or (0,))[0])
        return Kept(summary.version, rows[-1].hash, new, written, values[:-1])

    def _write_append(
        self, db: Database, row: RowWrite, rows: Sequence[EventRow], dossier_id: str
    ) -> int | None:
        """Write the projection ``row``, then store ``rows`` and their outbox messages.

        Returns the row's position, or ``None`` when the statement found the dossier at
        another version (nothing is written then).
        """
        position = row.position
        cursor = db.execute(row.statement, row.parameters)
        if position is None:
            inserted = cursor.fetchone()
            if inserted is None:  # another writer created the dossier first
                return None
            position = int(inserted[0])
        elif cursor.rowcount != 1:
            return None
        self._write_events(db, position, dossier_id, rows, deliver=True)
        self._queued(db)
        return position

    @staticmethod
    def _insert(db: Database, values: tuple[Any, ...], dossier_id: str) -> int:
        inserted = db.execute(_INSERT, values).fetchone()
        if inserted is None:  # another writer created the dossier first
            raise ConcurrencyError(dossier_id, 0, 1)
        new_position: int = inserted[0]
        return new_position

    @staticmethod
    def _write_events(
        db: Database,
        position: int,
        dossier_id: str,
        rows: Sequence[EventRow],
        *,
        deliver: bool,
    ) -> None:
        db.executemany(
            "INSERT INTO events (dossier, version, kind, at, body, hash) VALUES (?, ?, ?, ?, ?, ?)",
            [(position, r.version, r.kind, r.at.isoformat(), r.body, r.hash) for r in rows],
        )
        if deliver:
            db.executemany(
                "INSERT INTO outbox (dossier, version, key, kind, body) VALUES (?, ?, ?, ?, ?)",
                [
                    (position, r.version, outbox_key(dossier_id, r.version), r.kind, r.body)
                    for r in rows
                ],
            )

    def import_histories(
        self, dossiers: Iterable[Dossier], *, batch: int = 1000, deliver: bool = False
    ) -> int:
        """See :meth:`DossierStore.import_histories <onestop.storage.DossierStore.import_histories>`.

        :param deliver: also queue every event in the outbox (off: imported histories
            are usually known to the portal already).
        """  # noqa: E501
        if type(batch) is not int or batch < 1:
            raise UsageError(f"batch is a positive int, got {shown(batch)}")
        stored = 0
        pending: list[tuple[Dossier, list[EventRow], DossierSummary]] = []
        for dossier in histories(dossiers):
            events = dossier.events
            rows = event_rows(events, 1, GENESIS)
            pending.append((dossier, rows, summarize(dossier, len(events), self.calendar)))
            stored += len(events)
            if len(pending) >= batch:
                self._import_batch(pending, deliver=deliver)
                pending = []
        if pending:
            self._import_batch(pending, deliver=deliver)
        return stored

    def _import_batch(
        self, batch: list[tuple[Dossier, list[EventRow], DossierSummary]], *, deliver: bool
    ) -> None:
        try:
            with self._transaction() as db:
                for dossier, rows, summary in batch:
                    found = db.execute(
                        "SELECT version FROM dossiers WHERE dossier_id = ?", (dossier.id,)
                    ).fetchone()
                    if found:
                        raise ConcurrencyError(dossier.id, 0, found[0])
                    values = summary_values(summary, rows[-1].hash)
                    position = self._insert(db, values, dossier.id)
                    self._write_events(db, position, dossier.id, rows, deliver=deliver)
                if deliver:
                    self._queued(db)
        except self._INTEGRITY as error:
            raise StorageError(f"a batch of dossiers cannot be stored: {error}") from None

    def next_sequence(self, agency: str, day: datetime) -> int:
        """See :meth:`DossierStore.next_sequence <onestop.storage.DossierStore.next_sequence>`."""
        check_agency_code(agency)
        key = sequence_day(day)
        with self._transaction() as db:
            number: int = db.execute(_NEXT_NUMBER, (agency, key)).fetchone()[0]
        return number

    # -- reading ----------------------------------------------------------------

    def load(self, dossier_id: str) -> Dossier:
        """See :meth:`DossierStore.load <onestop.storage.DossierStore.load>`."""
        check_key(dossier_id, "dossier id")
        if self._recent.knows(dossier_id):  # one indexed row says whether it changed
            head = self._read(
                "SELECT version, head FROM dossiers WHERE dossier_id = ?", (dossier_id,)
            )
            if not head:
                raise UnknownDossierError(f"no stored dossier has the id {shown(dossier_id)}")
            kept = self._recent.get(dossier_id, head[0][0], blob(head[0][1]))
            if kept is not None:
                return kept
        rows = self._read(
            "SELECT e.body, d.version, d.head FROM dossiers d "
            "JOIN events e ON e.dossier = d.position WHERE d.dossier_id = ? ORDER BY e.version",
            (dossier_id,),
        )
        if not rows:
            raise UnknownDossierError(f"no stored dossier has the id {shown(dossier_id)}")
        dossier = Dossier(decode_events([blob(row[0]) for row in rows]))
        self._recent.remember(Kept(rows[0][1], blob(rows[0][2]), dossier))
        return dossier

    def find(self, code: str) -> Dossier:
        """See :meth:`DossierStore.find <onestop.storage.DossierStore.find>`."""
        check_key(code, "dossier code")
        found = self._read("SELECT dossier_id FROM dossiers WHERE code = ?", (code.strip(),))
        if not found:
            raise UnknownDossierError(f"no stored dossier has the code {shown(code)}")
        return self.load(found[0][0])

    def version(self, dossier_id: str) -> int:
        """See :meth:`DossierStore.version <onestop.storage.DossierStore.version>`."""
        check_key(dossier_id, "dossier id")
        found = self._read("SELECT version FROM dossiers WHERE dossier_id = ?", (dossier_id,))
        return found[0][0] if found else 0

    def summary(self, dossier_id: str) -> DossierSummary:
        """See :meth:`DossierStore.summary <onestop.storage.DossierStore.summary>`."""
        check_key(dossier_id, "dossier id")
        found = self._read(
            f"SELECT {SUMMARY_COLUMNS} FROM dossiers WHERE dossier_id = ?",  # noqa: S608
            (dossier_id,),
        )
        if not found:
            raise UnknownDossierError(f"no stored dossier has the id {shown(dossier_id)}")
        return summary_from_row(found[0])

    def query(self, query: DossierQuery) -> Page[DossierSummary]:
        """See :meth:`DossierStore.query <onestop.storage.DossierStore.query>`."""
        where, parameters = query_filter(query)
        rows = self._read(
            f"SELECT {SUMMARY_COLUMNS}, position FROM dossiers "  # noqa: S608
            f"WHERE {where} AND position > ? ORDER BY position LIMIT ?",
            [*parameters, query.after, query.limit + 1],
        )
        page = rows[: query.limit]
        more = len(rows) > query.limit
        return Page(tuple(summary_from_row(row) for row in page), page[-1][-1] if more else None)

    def count(self, query: DossierQuery) -> int:
        """See :meth:`DossierStore.count <onestop.storage.DossierStore.count>`."""
        where, parameters = query_filter(query)
        found: int = self._read(
            f"SELECT count(*) FROM dossiers WHERE {where}",  # noqa: S608
            parameters,
        )[0][0]
        return found

    def statistics(self, first: datetime, last: datetime) -> tuple[StatisticsRow, ...]:
        """See :meth:`DossierStore.statistics <onestop.storage.DossierStore.statistics>`.

        One aggregate query over the projection, using the receipt and closing indexes.
        """
        first, last = check_period(first, last)
        self._check_times()
        bounds = {"first": to_local(first).isoformat(), "last": to_local(last).isoformat()}
        return tuple(
            StatisticsRow(
                agency=row[0], field=row[1], **dict(zip(COUNTERS, map(int, row[2:]), strict=True))
            )
            for row in self._read(STATISTICS_SQL, bounds)
        )

    def _check_times(self) -> None:
        """Refuse to count over projection rows whose instants are not instants.

        :raises StorageError: naming the dossiers (at most 20).
        """
        misread = [row[0] for row in self._read(MISREAD_TIMES_SQL)]
        if misread:
            raise StorageError(
                f"the projection rows of {len(misread)} dossier(s) hold times that are not "
                f"times, so no count over them is true: {', '.join(misread)} "
                "(were they edited? onestop verify names what differs)"
            )

    def quality(self, first: datetime, last: datetime) -> tuple[QualityRow, ...]:
        """See :meth:`DossierStore.quality <onestop.storage.DossierStore.quality>`.

        One aggregate query over the projection and the outbox's pending index.
        """
        first, last = check_period(first, last)
        self._check_times()
        bounds = {"first": to_local(first).isoformat(), "last": to_local(last).isoformat()}
        return tuple(
            QualityRow(agency=row[0], **dict(zip(QUALITY_COUNTERS, map(int, row[1:]), strict=True)))
            for row in self._read(QUALITY_SQL, bounds)
            if any(row[1:])
        )

    # -- the outbox -------------------------------------------------------------

    def pending(self, now: datetime, limit: int = 100) -> tuple[OutboxMessage, ...]:
        """See :meth:`DossierStore.pending <onestop.storage.DossierStore.pending>`."""
        moment = check_instant(now, "now").isoformat()
        check_limit(limit)
        rows = self._read(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox o JOIN dossiers d ON d.position = o.dossier "  # noqa: S608
            f"WHERE {_READY} ORDER BY o.id LIMIT ?",
            (moment, moment, None, limit),
        )
        return tuple(_message(row) for row in rows)

    def claim(
        self, now: datetime, worker: str, lease: timedelta, limit: int = 100
    ) -> tuple[OutboxMessage, ...]:
        """See :meth:`DossierStore.claim <onestop.storage.DossierStore.claim>`.

        One transaction picks the ready messages and marks them held; on PostgreSQL
        the pick locks them ``FOR UPDATE SKIP LOCKED``, so concurrent claims take
        different messages without waiting for each other.
        """
        now = check_instant(now, "now")
        worker, lease = check_claim(worker, lease)
        until = lease_end(now, lease)
        check_limit(limit)
        moment = now.isoformat()
        with self._transaction() as db:
            taken = db.execute(
                "UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id IN ("  # noqa: S608
                f"SELECT o.id FROM outbox o WHERE {_READY} ORDER BY o.id LIMIT ?"
                f"{self._SKIP_LOCKED}) RETURNING id",
                (worker, until.isoformat(), moment, moment, worker, limit),
            ).fetchall()
            if not taken:
                return ()
            rows = db.execute(
                f"SELECT {_OUTBOX_COLUMNS} FROM outbox o JOIN dossiers d "  # noqa: S608
                f"ON d.position = o.dossier WHERE o.id IN ({', '.join('?' for _ in taken)}) "
                "ORDER BY o.id",
                [row[0] for row in taken],
            ).fetchall()
        return tuple(_message(row) for row in rows)

    def _update_message(self, sql: str, parameters: Sequence[Any], message_id: int) -> None:
        with self._transaction() as db:
            if (
                db.execute(sql, parameters).rowcount == 0
                and not db.execute("SELECT 1 FROM outbox WHERE id = ?", (message_id,)).fetchone()
            ):
                raise UsageError(f"no outbox message has the id {shown(message_id)}")

    def delivered(self, message_id: int, at: datetime) -> None:
        """See :meth:`DossierStore.delivered <onestop.storage.DossierStore.delivered>`."""
        at = check_instant(at, "at")
        check_message_id(message_id)
        self._update_message(
            "UPDATE outbox SET delivered_at = ?, claimed_until = NULL "
            "WHERE id = ? AND delivered_at IS NULL",
            (at.isoformat(), message_id),
            message_id,
        )

    def failed(self, message_id: int, error: str, retry_at: datetime) -> None:
        """See :meth:`DossierStore.failed <onestop.storage.DossierStore.failed>`."""
        retry_at = check_instant(retry_at, "retry_at")
        check_message_id(message_id)
        check_text(error, "error")
        self._update_message(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, not_before = ?, "
            "claimed_until = NULL WHERE id = ? AND delivered_at IS NULL",
            (error, retry_at.isoformat(), message_id),
            message_id,
        )

    def outbox(self, *, include_delivered: bool = False) -> tuple[OutboxMessage, ...]:
        """See :meth:`DossierStore.outbox <onestop.storage.DossierStore.outbox>`."""
        where = "1 = 1" if include_delivered else "o.delivered_at IS NULL"
        rows = self._read(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox o JOIN dossiers d ON d.position = o.dossier "  # noqa: S608
            f"WHERE {where} ORDER BY o.id"
        )
        return tuple(_message(row) for row in rows)

    # -- tamper evidence --------------------------------------------------------

    def _histories(
        self, dossier_id: str | None = None, db: Database | None = None
    ) -> Iterator[tuple[str, int, bytes, list[EventRow]]]:
        """Each stored history with its projection's version and head, in one read.

        :param db: the transaction to read in (default: a read of its own).
        """
        where = "WHERE d.dossier_id = ?" if dossier_id is not None else ""
        sql = (
            "SELECT d.dossier_id, d.version, d.head, e.version, e.kind, e.at, e.body, e.hash "  # noqa: S608
            f"FROM dossiers d LEFT JOIN events e ON e.dossier = d.position {where} "
            "ORDER BY d.position, e.version"
        )
        parameters = () if dossier_id is None else (dossier_id,)
        rows = self._read(sql, parameters) if db is None else db.execute(sql, parameters).fetchall()
        current: tuple[str, int, bytes, list[EventRow]] | None = None
        for dossier, version, head, *event in rows:
            if current is None or current[0] != dossier:
                if current is not None:
                    yield current
                current = (dossier, version, blob(head), [])
            if event[0] is not None:
                current[3].append(
                    EventRow(
                        event[0],
                        event[1],
                        moment_from_text(event[2]) or datetime.min,
                        blob(event[3]),
                        blob(event[4]),
                    )
                )
        if current is not None:
            yield current

    def _refresh_projection(self, db: Database) -> None:
        """Rewrite every projection row from its history, in the transaction ``db``.

        A migration that adds projection columns gives old rows their defaults; left so,
        reports would count those rows wrong and verification would find them edited.
        A history that does not fold is left as it is, for :meth:`verify_all` to report.
        """
        every = tuple(range(len(PROJECTION)))
        for dossier_id, version, _, rows in list(self._histories(db=db)):
            try:
                dossier = Dossier(decode_events([row.body for row in rows]))
                summary = summarize(dossier, version, self.calendar)
            except OneStopError:
                continue
            values = summary_values(summary, rows[-1].hash if rows else GENESIS)
            db.execute(_changed_update(every), (*values[: len(every)], dossier_id, version))

    def _stored_summaries(
        self, dossier_id: str | None = None
    ) -> dict[str, DossierSummary | StorageError]:
        """The projection rows as summaries by dossier id (or why a row cannot be read)."""
        where = "WHERE dossier_id = ?" if dossier_id is not None else ""
        rows = self._read(
            f"SELECT {SUMMARY_COLUMNS} FROM dossiers {where}",  # noqa: S608 - constants
            () if dossier_id is None else (dossier_id,),
        )
        found: dict[str, DossierSummary | StorageError] = {}
        for row in rows:
            try:
                found[row[0]] = summary_from_row(row)
            except StorageError as error:
                found[row[0]] = error
        return found

    def _verify_one(
        self,
        dossier_id: str,
        version: int,
        head: bytes,
        rows: list[EventRow],
        stored: dict[str, DossierSummary | StorageError],
    ) -> list[str]:
        """One dossier's problems: its chain, then its projection row against its history."""
        problems = verify_chain(dossier_id, version, rows, head)
        if problems:
            return problems  # the history itself is not to be trusted: nothing to fold
        summary = stored.get(dossier_id)
        if isinstance(summary, StorageError):
            return [f"dossier {dossier_id}: {summary}"]
        try:
            dossier = Dossier(decode_events([row.body for row in rows]))
        except OneStopError as error:
            return [f"dossier {dossier_id}: its history does not fold: {error}"]
        expected = summarize(dossier, version, self.calendar)
        return [] if summary is None else verify_projection(expected, summary)

    def verify(self, dossier_id: str) -> Verification:
        """See :meth:`DossierStore.verify <onestop.storage.DossierStore.verify>`."""
        check_key(dossier_id, "dossier id")
        found = list(self._histories(dossier_id))
        if not found:
            raise UnknownDossierError(f"no stored dossier has the id {shown(dossier_id)}")
        dossier, version, head, rows = found[0]
        stored = self._stored_summaries(dossier_id)
        return Verification(1, tuple(self._verify_one(dossier, version, head, rows, stored)))

    def verify_all(
        self,
        signer: CheckpointSigner | None = None,
        *,
        against: Sequence[Checkpoint] | None = None,
    ) -> Verification:
        """See :meth:`DossierStore.verify_all <onestop.storage.DossierStore.verify_all>`."""
        check_signer(signer)
        check_kept(against)
        problems: list[str] = []
        checked = 0
        stored = self._stored_summaries()
        for dossier, version, head, rows in self._histories():
            checked += 1
            problems.extend(self._verify_one(dossier, version, head, rows, stored))
        problems.extend(self._more_problems())
        try:
            checkpoints = self.checkpoints()
        except StorageError as error:  # an edited row: no stored checkpoint is trusted then
            problems.append(str(error))
            checkpoints = ()
        problems.extend(
            verify_checkpoints(
                checkpoints, against, lambda at: merkle_root(self._heads(at)), signer
            )
        )
        return Verification(checked, tuple(problems))

    def checkpoint(self, at: datetime, signer: CheckpointSigner | None = None) -> Checkpoint:
        """See :meth:`DossierStore.checkpoint <onestop.storage.DossierStore.checkpoint>`."""
        at = check_instant(at, "at")
        check_signer(signer)
        with self._transaction() as db:
            self._before_checkpoint(db)
            position = db.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()[0]
            number = db.execute("SELECT coalesce(max(number), 0) + 1 FROM checkpoints").fetchone()[
                0
            ]
            leaves = self._heads(position)
            checkpoint = Checkpoint(
                number=number, at=at, position=position, size=len(leaves), root=merkle_root(leaves)
            )
            checkpoint = sign_checkpoint(checkpoint, signer)
            db.execute(
                "INSERT INTO checkpoints (number, at, position, size, root, signature) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    number,
                    at.isoformat(),
                    position,
                    len(leaves),
                    checkpoint.root,
                    checkpoint.signature,
                ),
            )
        return checkpoint

    def checkpoints(self) -> tuple[Checkpoint, ...]:
        """See :meth:`DossierStore.checkpoints <onestop.storage.DossierStore.checkpoints>`."""
        rows = self._read(
            "SELECT number, at, position, size, root, signature FROM checkpoints ORDER BY number"
        )
        return tuple(_checkpoint(row) for row in rows)


def _checkpoint(row: Sequence[Any]) -> Checkpoint:
    """A stored checkpoint row as a :class:`Checkpoint`.

    :raises StorageError: when a field was edited into something no checkpoint holds.
    """
    at = moment_from_text(row[1])
    if at is None:
        raise StorageError(f"stored checkpoint {shown(row[0])} was edited: it has no time")
    try:
        return Checkpoint(
            number=row[0], at=at, position=row[2], size=row[3], root=blob(row[4]), signature=row[5]
        )
    except OneStopError as error:
        raise StorageError(f"stored checkpoint {shown(row[0])} was edited: {error}") from None
