"""The dossier store on PostgreSQL (psycopg 3 and psycopg-pool; the ``postgres`` extra).

For provinces that outgrow one machine: many processes and threads append at once.
An append locks only its own dossier's projection row (``SELECT … FOR UPDATE``), so
writers on different dossiers never wait for each other, and of two writers on one
dossier the second sees the first's version and gets a
:class:`~onestop.exceptions.ConcurrencyError`. A new dossier is inserted with ``ON
CONFLICT DO NOTHING``: of two racing first appends, one wins. Each append is one
transaction — events, projection row and outbox messages — and PostgreSQL's commit is
durable.

The projection's SQL is shared with the SQLite store (:mod:`onestop.storage.projection_sql`).

Why psycopg 3: the maintained PostgreSQL adapter, with server-side parameters, binary
``bytea``, ``executemany`` pipelines and a connection pool (psycopg-pool).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any, Self

from onestop.domain.model.agency import check_agency_code
from onestop.domain.model.dossier import Dossier
from onestop.domain.time.calendar import Calendar
from onestop.domain.time.local_time import to_local
from onestop.exceptions import ConcurrencyError, StorageError, UnknownDossierError, UsageError
from onestop.storage.append import (
    EventRow,
    decode_events,
    encode_events,
    event_rows,
    histories,
    plan_append,
)
from onestop.storage.arguments import check_instant, check_limit, check_signer, sequence_day
from onestop.storage.hash_chain import GENESIS, head_leaf, merkle_root
from onestop.storage.postgres_schema import MIGRATIONS, SCHEMA_VERSION
from onestop.storage.projection_sql import (
    PROJECTION,
    QUALITY,
    STATISTICS,
    SUMMARY_COLUMNS,
    moment_from_text,
    query_filter,
    summary_from_row,
    summary_values,
)
from onestop.storage.quality import QUALITY_COUNTERS, QualityRow
from onestop.storage.records import (
    Checkpoint,
    DossierQuery,
    OutboxMessage,
    Page,
    Verification,
    outbox_key,
)
from onestop.storage.statistics import COUNTERS, StatisticsRow, check_period
from onestop.storage.summary import DossierSummary, summarize
from onestop.storage.verification import sign_checkpoint, verify_chain, verify_checkpoint

try:
    import psycopg
    from psycopg_pool import ConnectionPool, PoolTimeout
except ImportError as missing:  # pragma: no cover - exercised without the extra installed
    raise StorageError(
        f'the PostgreSQL store needs the "postgres" extra: pip install "onestop[postgres]" '
        f"({missing})"
    ) from None

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from onestop.domain.model.events import DossierEvent
    from onestop.storage.contract import CheckpointSigner

__all__ = ["PostgresStore"]


def _named(sql: str) -> str:
    """SQL written with ``:name`` parameters, in psycopg's ``%(name)s`` style."""
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", sql)


_STATISTICS = _named(STATISTICS)
_QUALITY = _named(QUALITY)
# Built once from the constant column names; every value is a bound parameter.
_UPDATE = f"UPDATE dossiers SET {', '.join(f'{c} = %s' for c in PROJECTION)} WHERE dossier_id = %s"  # noqa: S608
_INSERT = (
    f"INSERT INTO dossiers ({', '.join(PROJECTION)}, dossier_id) "  # noqa: S608
    f"VALUES ({', '.join('%s' for _ in PROJECTION)}, %s) "
    "ON CONFLICT (dossier_id) DO NOTHING RETURNING position"
)
_OUTBOX_COLUMNS = (
    "o.id, d.dossier_id, o.version, o.key, o.kind, o.body, o.attempts, "
    "o.not_before, o.last_error, o.delivered_at"
)


def _message(row: Sequence[Any]) -> OutboxMessage:
    return OutboxMessage(
        id=row[0],
        dossier_id=row[1],
        version=row[2],
        key=row[3],
        kind=row[4],
        body=bytes(row[5]),
        attempts=row[6],
        not_before=moment_from_text(row[7]),
        last_error=row[8],
        delivered_at=moment_from_text(row[9]),
    )


class PostgresStore:
    """A :class:`~onestop.storage.contract.DossierStore` in a PostgreSQL database.

    :param dsn: the connection string (``postgresql://user@host/db`` or key=value form).
    :param calendar: the calendar the projection's deadlines are computed on
        (default: the national one).
    :param max_connections: the pool's size: how many threads can use the store at once.
    :raises StorageError: when the database cannot be reached, holds another
        application's tables, or was written by a newer onestop.

    .. versionadded:: 0.3
    """

    def __init__(
        self, dsn: str, *, calendar: Calendar | None = None, max_connections: int = 8
    ) -> None:
        """Connect (and create or migrate the schema)."""
        if not isinstance(dsn, str) or not dsn.strip():
            raise UsageError(f"dsn is a PostgreSQL connection string, got {dsn!r}")
        if calendar is not None and not isinstance(calendar, Calendar):
            raise UsageError(f"calendar is a Calendar or None, got {calendar!r}")
        if type(max_connections) is not int or max_connections < 1:
            raise UsageError(f"max_connections is a positive int, got {max_connections!r}")
        self.dsn = dsn
        self.calendar = calendar if calendar is not None else Calendar.vietnam()
        try:
            self._pool = ConnectionPool(
                dsn, min_size=1, max_size=max_connections, open=True, timeout=30
            )
            self._pool.wait(timeout=30)
        except (psycopg.Error, PoolTimeout) as error:
            raise StorageError(f"cannot connect to PostgreSQL: {error}") from None
        self._closed = False
        self._migrate()

    def _migrate(self) -> None:
        with self._pool.connection() as db, db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(hashtext('onestop schema'))")
            db.execute("CREATE TABLE IF NOT EXISTS onestop_schema (version integer NOT NULL)")
            found = db.execute("SELECT version FROM onestop_schema").fetchone()
            version = found[0] if found else 0
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"the database has schema version {version}; this onestop reads up to "
                    f"{SCHEMA_VERSION}: upgrade onestop"
                )
            if found is None:
                db.execute("INSERT INTO onestop_schema (version) VALUES (0)")
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("UPDATE onestop_schema SET version = %s", (number + 1,))

    @property
    def schema_version(self) -> int:
        """The schema version of the database."""
        version: int = self._read("SELECT version FROM onestop_schema")[0][0]
        return version

    def __enter__(self) -> Self:
        """The store itself; it is closed on leaving the block."""
        return self

    def __exit__(self, *_: object) -> None:
        """Close the store."""
        self.close()

    def close(self) -> None:
        """Close the pool; using the store afterwards raises StorageError."""
        self._closed = True
        self._pool.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError("the PostgreSQL store is closed")

    def _read(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        self._check_open()
        with self._pool.connection() as db:
            return db.execute(sql, parameters).fetchall()

    # -- writing ----------------------------------------------------------------

    def append(
        self, dossier: Dossier | None, expected_version: int, events: Sequence[DossierEvent]
    ) -> Dossier:
        """See :meth:`DossierStore.append <onestop.storage.contract.DossierStore.append>`."""
        new = plan_append(dossier, expected_version, events)
        bodies = encode_events(events)
        summary = summarize(new, expected_version + len(events), self.calendar)
        self._check_open()
        try:
            with self._pool.connection() as db, db.transaction():
                found = db.execute(
                    "SELECT position, version, head FROM dossiers WHERE dossier_id = %s FOR UPDATE",
                    (new.id,),
                ).fetchone()
                actual = found[1] if found else 0
                if actual != expected_version:
                    raise ConcurrencyError(new.id, expected_version, actual)
                previous = bytes(found[2]) if found else GENESIS
                rows = event_rows(events, expected_version + 1, previous, bodies)
                position = self._write(db, found[0] if found else None, summary, rows[-1].hash)
                self._write_events(db, position, new.id, rows, deliver=True)
        except psycopg.errors.IntegrityError as error:
            raise StorageError(f"dossier {new.id} cannot be stored: {error}") from None
        return new

    @staticmethod
    def _write(
        db: psycopg.Connection[Any], position: int | None, summary: DossierSummary, head: bytes
    ) -> int:
        values = summary_values(summary, head)
        if position is not None:
            db.execute(_UPDATE, values)
            return position
        inserted = db.execute(_INSERT, values).fetchone()
        if inserted is None:  # another writer created the dossier first
            raise ConcurrencyError(summary.dossier_id, 0, 1)
        new_position: int = inserted[0]
        return new_position

    @staticmethod
    def _write_events(
        db: psycopg.Connection[Any],
        position: int,
        dossier_id: str,
        rows: Sequence[EventRow],
        *,
        deliver: bool,
    ) -> None:
        with db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO events (dossier, version, kind, at, body, hash) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [(position, r.version, r.kind, r.at.isoformat(), r.body, r.hash) for r in rows],
            )
            if deliver:
                cursor.executemany(
                    "INSERT INTO outbox (dossier, version, key, kind, body) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    [
                        (position, r.version, outbox_key(dossier_id, r.version), r.kind, r.body)
                        for r in rows
                    ],
                )

    def import_histories(
        self, dossiers: Iterable[Dossier], *, batch: int = 1000, deliver: bool = False
    ) -> int:
        """See :meth:`DossierStore.import_histories <onestop.storage.contract.DossierStore.import_histories>`."""  # noqa: E501
        if type(batch) is not int or batch < 1:
            raise UsageError(f"batch is a positive int, got {batch!r}")
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
        self._check_open()
        try:
            with self._pool.connection() as db, db.transaction():
                for dossier, rows, summary in batch:
                    found = db.execute(
                        "SELECT version FROM dossiers WHERE dossier_id = %s", (dossier.id,)
                    ).fetchone()
                    if found:
                        raise ConcurrencyError(dossier.id, 0, found[0])
                    position = self._write(db, None, summary, rows[-1].hash)
                    self._write_events(db, position, dossier.id, rows, deliver=deliver)
        except psycopg.errors.IntegrityError as error:
            raise StorageError(f"a batch of dossiers cannot be stored: {error}") from None

    def next_sequence(self, agency: str, day: datetime) -> int:
        """See :meth:`DossierStore.next_sequence <onestop.storage.contract.DossierStore.next_sequence>`."""  # noqa: E501
        check_agency_code(agency)
        key = sequence_day(day)
        self._check_open()
        with self._pool.connection() as db, db.transaction():
            found = db.execute(
                "INSERT INTO sequences (agency, day, last) VALUES (%s, %s, 1) "
                "ON CONFLICT (agency, day) DO UPDATE SET last = sequences.last + 1 "
                "RETURNING last",
                (agency, key),
            ).fetchone()
        assert found is not None  # noqa: S101 - RETURNING always returns the row
        number: int = found[0]
        return number

    # -- reading ----------------------------------------------------------------

    def load(self, dossier_id: str) -> Dossier:
        """See :meth:`DossierStore.load <onestop.storage.contract.DossierStore.load>`."""
        if not isinstance(dossier_id, str):
            raise UsageError(f"a dossier id is a text, got {dossier_id!r}")
        rows = self._read(
            "SELECT e.body FROM dossiers d JOIN events e ON e.dossier = d.position "
            "WHERE d.dossier_id = %s ORDER BY e.version",
            (dossier_id,),
        )
        if not rows:
            raise UnknownDossierError(f"no stored dossier has the id {dossier_id!r}")
        return Dossier(decode_events([bytes(row[0]) for row in rows]))

    def find(self, code: str) -> Dossier:
        """See :meth:`DossierStore.find <onestop.storage.contract.DossierStore.find>`."""
        if not isinstance(code, str):
            raise UsageError(f"a dossier code is a text, got {code!r}")
        found = self._read("SELECT dossier_id FROM dossiers WHERE code = %s", (code.strip(),))
        if not found:
            raise UnknownDossierError(f"no stored dossier has the code {code!r}")
        return self.load(found[0][0])

    def version(self, dossier_id: str) -> int:
        """See :meth:`DossierStore.version <onestop.storage.contract.DossierStore.version>`."""
        if not isinstance(dossier_id, str):
            raise UsageError(f"a dossier id is a text, got {dossier_id!r}")
        found = self._read("SELECT version FROM dossiers WHERE dossier_id = %s", (dossier_id,))
        return found[0][0] if found else 0

    def summary(self, dossier_id: str) -> DossierSummary:
        """See :meth:`DossierStore.summary <onestop.storage.contract.DossierStore.summary>`."""
        if not isinstance(dossier_id, str):
            raise UsageError(f"a dossier id is a text, got {dossier_id!r}")
        found = self._read(
            f"SELECT {SUMMARY_COLUMNS} FROM dossiers WHERE dossier_id = %s",  # noqa: S608
            (dossier_id,),
        )
        if not found:
            raise UnknownDossierError(f"no stored dossier has the id {dossier_id!r}")
        return summary_from_row(found[0])

    def query(self, query: DossierQuery) -> Page[DossierSummary]:
        """See :meth:`DossierStore.query <onestop.storage.contract.DossierStore.query>`."""
        where, parameters = query_filter(query, "%s")
        rows = self._read(
            f"SELECT {SUMMARY_COLUMNS}, position FROM dossiers "  # noqa: S608
            f"WHERE {where} AND position > %s ORDER BY position LIMIT %s",
            [*parameters, query.after, query.limit + 1],
        )
        page = rows[: query.limit]
        more = len(rows) > query.limit
        return Page(tuple(summary_from_row(row) for row in page), page[-1][-1] if more else None)

    def count(self, query: DossierQuery) -> int:
        """See :meth:`DossierStore.count <onestop.storage.contract.DossierStore.count>`."""
        where, parameters = query_filter(query, "%s")
        found: int = self._read(
            f"SELECT count(*) FROM dossiers WHERE {where}",  # noqa: S608
            parameters,
        )[0][0]
        return found

    def statistics(self, first: datetime, last: datetime) -> tuple[StatisticsRow, ...]:
        """See :meth:`DossierStore.statistics <onestop.storage.contract.DossierStore.statistics>`."""  # noqa: E501
        first, last = check_period(first, last)
        bounds = {"first": to_local(first).isoformat(), "last": to_local(last).isoformat()}
        return tuple(
            StatisticsRow(
                agency=row[0], field=row[1], **dict(zip(COUNTERS, map(int, row[2:]), strict=True))
            )
            for row in self._read(_STATISTICS, bounds)
        )

    def quality(self, first: datetime, last: datetime) -> tuple[QualityRow, ...]:
        """See :meth:`DossierStore.quality <onestop.storage.contract.DossierStore.quality>`."""
        first, last = check_period(first, last)
        bounds = {"first": to_local(first).isoformat(), "last": to_local(last).isoformat()}
        return tuple(
            QualityRow(agency=row[0], **dict(zip(QUALITY_COUNTERS, map(int, row[1:]), strict=True)))
            for row in self._read(_QUALITY, bounds)
            if any(row[1:])
        )

    # -- the outbox -------------------------------------------------------------

    def pending(self, now: datetime, limit: int = 100) -> tuple[OutboxMessage, ...]:
        """See :meth:`DossierStore.pending <onestop.storage.contract.DossierStore.pending>`."""
        now = check_instant(now, "now")
        check_limit(limit)
        rows = self._read(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox o JOIN dossiers d ON d.position = o.dossier "  # noqa: S608
            "WHERE o.delivered_at IS NULL AND o.id = (SELECT min(id) FROM outbox "
            "WHERE dossier = o.dossier AND delivered_at IS NULL) "
            "AND (o.not_before IS NULL OR o.not_before <= %s) ORDER BY o.id LIMIT %s",
            (now.isoformat(), limit),
        )
        return tuple(_message(row) for row in rows)

    def _update_message(self, sql: str, parameters: Sequence[Any], message_id: int) -> None:
        if type(message_id) is not int:
            raise UsageError(f"an outbox message id is an int, got {message_id!r}")
        self._check_open()
        with self._pool.connection() as db, db.transaction():
            changed = db.execute(sql, parameters).rowcount
            known = db.execute("SELECT 1 FROM outbox WHERE id = %s", (message_id,)).fetchone()
            if changed == 0 and not known:
                raise UsageError(f"no outbox message has the id {message_id!r}")

    def delivered(self, message_id: int, at: datetime) -> None:
        """See :meth:`DossierStore.delivered <onestop.storage.contract.DossierStore.delivered>`."""
        at = check_instant(at, "at")
        self._update_message(
            "UPDATE outbox SET delivered_at = %s WHERE id = %s AND delivered_at IS NULL",
            (at.isoformat(), message_id),
            message_id,
        )

    def failed(self, message_id: int, error: str, retry_at: datetime) -> None:
        """See :meth:`DossierStore.failed <onestop.storage.contract.DossierStore.failed>`."""
        retry_at = check_instant(retry_at, "retry_at")
        if not isinstance(error, str):
            raise UsageError(f"error is a text, got {error!r}")
        self._update_message(
            "UPDATE outbox SET attempts = attempts + 1, last_error = %s, not_before = %s "
            "WHERE id = %s AND delivered_at IS NULL",
            (error, retry_at.isoformat(), message_id),
            message_id,
        )

    def outbox(self, *, include_delivered: bool = False) -> tuple[OutboxMessage, ...]:
        """See :meth:`DossierStore.outbox <onestop.storage.contract.DossierStore.outbox>`."""
        where = "true" if include_delivered else "o.delivered_at IS NULL"
        rows = self._read(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox o JOIN dossiers d ON d.position = o.dossier "  # noqa: S608
            f"WHERE {where} ORDER BY o.id"
        )
        return tuple(_message(row) for row in rows)

    # -- tamper evidence --------------------------------------------------------

    def _histories(
        self, dossier_id: str | None = None
    ) -> Iterator[tuple[str, int, bytes, list[EventRow]]]:
        where = "WHERE d.dossier_id = %s" if dossier_id is not None else ""
        rows = self._read(
            "SELECT d.dossier_id, d.version, d.head, e.version, e.kind, e.at, e.body, e.hash "  # noqa: S608
            f"FROM dossiers d LEFT JOIN events e ON e.dossier = d.position {where} "
            "ORDER BY d.position, e.version",
            () if dossier_id is None else (dossier_id,),
        )
        current: tuple[str, int, bytes, list[EventRow]] | None = None
        for dossier, version, head, *event in rows:
            if current is None or current[0] != dossier:
                if current is not None:
                    yield current
                current = (dossier, version, bytes(head), [])
            if event[0] is not None:
                current[3].append(
                    EventRow(
                        event[0],
                        event[1],
                        moment_from_text(event[2]) or datetime.min,
                        bytes(event[3]),
                        bytes(event[4]),
                    )
                )
        if current is not None:
            yield current

    def verify(self, dossier_id: str) -> Verification:
        """See :meth:`DossierStore.verify <onestop.storage.contract.DossierStore.verify>`."""
        if not isinstance(dossier_id, str):
            raise UsageError(f"a dossier id is a text, got {dossier_id!r}")
        found = list(self._histories(dossier_id))
        if not found:
            raise UnknownDossierError(f"no stored dossier has the id {dossier_id!r}")
        dossier, version, head, rows = found[0]
        return Verification(1, tuple(verify_chain(dossier, version, rows, head)))

    def verify_all(self, signer: CheckpointSigner | None = None) -> Verification:
        """See :meth:`DossierStore.verify_all <onestop.storage.contract.DossierStore.verify_all>`."""  # noqa: E501
        check_signer(signer)
        problems: list[str] = []
        checked = 0
        for dossier, version, head, rows in self._histories():
            checked += 1
            problems.extend(verify_chain(dossier, version, rows, head))
        for checkpoint in self.checkpoints():
            root = merkle_root(self._heads(checkpoint.position))
            problems.extend(verify_checkpoint(checkpoint, root, signer))
        return Verification(checked, tuple(problems))

    def _heads(self, position: int) -> list[bytes]:
        rows = self._read(
            "SELECT DISTINCT ON (e.dossier) d.dossier_id, e.version, e.hash FROM events e "
            "JOIN dossiers d ON d.position = e.dossier WHERE e.position <= %s "
            "ORDER BY e.dossier, e.position DESC",
            (position,),
        )
        rows.sort(key=lambda row: row[0])
        return [head_leaf(row[0], row[1], bytes(row[2])) for row in rows]

    def checkpoint(self, at: datetime, signer: CheckpointSigner | None = None) -> Checkpoint:
        """See :meth:`DossierStore.checkpoint <onestop.storage.contract.DossierStore.checkpoint>`."""  # noqa: E501
        at = check_instant(at, "at")
        check_signer(signer)
        self._check_open()
        with self._pool.connection() as db, db.transaction():
            db.execute("LOCK TABLE checkpoints IN EXCLUSIVE MODE")
            position = db.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()
            number = db.execute("SELECT coalesce(max(number), 0) + 1 FROM checkpoints").fetchone()
            assert position is not None  # noqa: S101 - an aggregate has a row
            assert number is not None  # noqa: S101 - the same
            leaves = self._heads(position[0])
            checkpoint = Checkpoint(
                number=number[0],
                at=at,
                position=position[0],
                size=len(leaves),
                root=merkle_root(leaves),
            )
            checkpoint = sign_checkpoint(checkpoint, signer)
            db.execute(
                "INSERT INTO checkpoints (number, at, position, size, root, signature) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                (
                    checkpoint.number,
                    at.isoformat(),
                    checkpoint.position,
                    checkpoint.size,
                    checkpoint.root,
                    checkpoint.signature,
                ),
            )
        return checkpoint

    def checkpoints(self) -> tuple[Checkpoint, ...]:
        """See :meth:`DossierStore.checkpoints <onestop.storage.contract.DossierStore.checkpoints>`."""  # noqa: E501
        rows = self._read(
            "SELECT number, at, position, size, root, signature FROM checkpoints ORDER BY number"
        )
        return tuple(
            Checkpoint(
                number=row[0],
                at=datetime.fromisoformat(row[1]),
                position=row[2],
                size=row[3],
                root=bytes(row[4]),
                signature=row[5],
            )
            for row in rows
        )
