"""The embedded dossier store: one SQLite file (stdlib :mod:`sqlite3`), the default.

The file runs in WAL mode with ``synchronous=FULL``: once :meth:`SQLiteStore.append`
returns, its events survive a killed process or a power cut. Each append is one
``BEGIN IMMEDIATE`` transaction — events, projection row and outbox messages — so
two processes appending to one dossier serialize, and the second sees the first's
version and gets a :class:`~onestop.exceptions.ConcurrencyError` instead of losing it.

Why SQLite: it is in the standard library, needs no server, and one file is what
one provincial office can back up and move; provinces that outgrow one machine
use the PostgreSQL store behind the same contract.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from onestop.domain.model.agency import check_agency_code
from onestop.domain.model.dossier import Dossier
from onestop.domain.time.calendar import Calendar
from onestop.domain.time.local_time import to_local
from onestop.exceptions import (
    ConcurrencyError,
    StorageError,
    UnknownDossierError,
    UsageError,
)
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
from onestop.storage.sqlite_schema import MIGRATIONS, SCHEMA_VERSION
from onestop.storage.statistics import COUNTERS, StatisticsRow, check_period
from onestop.storage.summary import DossierSummary, summarize
from onestop.storage.verification import sign_checkpoint, verify_chain, verify_checkpoint

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from onestop.domain.model.events import DossierEvent
    from onestop.storage.contract import CheckpointSigner

__all__ = ["SQLiteStore"]

# Built once from the constant column names above; every value is a bound parameter.
_UPDATE = f"UPDATE dossiers SET {', '.join(f'{c} = ?' for c in PROJECTION)} WHERE dossier_id = ?"  # noqa: S608
_INSERT = (
    f"INSERT INTO dossiers ({', '.join(PROJECTION)}, dossier_id) "  # noqa: S608
    f"VALUES ({', '.join('?' for _ in PROJECTION)}, ?)"
)
_OUTBOX_COLUMNS = (
    "o.id, d.dossier_id, o.version, o.key, o.kind, o.body, o.attempts, "
    "o.not_before, o.last_error, o.delivered_at"
)


def _blob(value: object) -> bytes:
    """A stored hash or body as bytes, whatever type an edit behind the store's back left."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    return str(value).encode()


def _message(row: tuple[Any, ...]) -> OutboxMessage:
    return OutboxMessage(
        id=row[0],
        dossier_id=row[1],
        version=row[2],
        key=row[3],
        kind=row[4],
        body=_blob(row[5]),
        attempts=row[6],
        not_before=moment_from_text(row[7]),
        last_error=row[8],
        delivered_at=moment_from_text(row[9]),
    )


class SQLiteStore:
    """A :class:`~onestop.storage.contract.DossierStore` in one SQLite file.

    :param path: the database file (created with its folder if missing), or
        ``":memory:"``.
    :param calendar: the calendar the projection's deadlines are computed on
        (default: the national one).
    :param timeout: seconds to wait for another process's write lock.
    :raises StorageError: when the file is not a onestop store, or was written by a
        newer onestop.

    .. versionadded:: 0.3
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        calendar: Calendar | None = None,
        timeout: float = 30.0,
    ) -> None:
        """Open (and create or migrate) the store at ``path``."""
        if not isinstance(path, str | os.PathLike) or not str(path):
            raise UsageError(f"a store's path is a file path, got {path!r}")
        if calendar is not None and not isinstance(calendar, Calendar):
            raise UsageError(f"calendar is a Calendar or None, got {calendar!r}")
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout < 0:
            raise UsageError(f"timeout is a number of seconds ≥ 0, got {timeout!r}")
        self.path = str(path)
        self.calendar = calendar if calendar is not None else Calendar.vietnam()
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._closed = False
        try:
            self._db = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self._configure()
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StorageError(f"{self.path} is not a onestop store: {error}") from None

    def _configure(self) -> None:
        mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal" and self.path != ":memory:":
            raise StorageError(f"{self.path}: SQLite could not use WAL mode (got {mode})")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("PRAGMA foreign_keys = ON")

    def _migrate(self) -> None:
        with self._transaction():
            version = self.schema_version
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"{self.path} has schema version {version}; this onestop reads up to "
                    f"{SCHEMA_VERSION}: upgrade onestop"
                )
            if (
                version == 0
                and self._db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
            ):
                raise StorageError(f"{self.path} is an SQLite file, but not a onestop store")
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        """The schema version of the file (``PRAGMA user_version``)."""
        version: int = self._read("PRAGMA user_version")[0][0]
        return version

    class _Transaction:
        def __init__(self, store: SQLiteStore) -> None:
            self.store = store

        def __enter__(self) -> sqlite3.Connection:
            self.store._lock.acquire()
            try:
                self.store._check_open()
                self.store._db.execute("BEGIN IMMEDIATE")
            except BaseException:
                self.store._lock.release()
                raise
            return self.store._db

        def __exit__(self, kind: object, error: object, traceback: object) -> None:
            try:
                self.store._db.execute("ROLLBACK" if kind is not None else "COMMIT")
            finally:
                self.store._lock.release()

    def _transaction(self) -> SQLiteStore._Transaction:
        return SQLiteStore._Transaction(self)

    def __enter__(self) -> Self:
        """The store itself; it is closed on leaving the block."""
        return self

    def __exit__(self, *_: object) -> None:
        """Close the store."""
        self.close()

    def close(self) -> None:
        """Close the database connection; using the store afterwards raises StorageError."""
        with self._lock:
            self._closed = True
            self._db.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError(f"the store {self.path} is closed")

    # -- writing ----------------------------------------------------------------

    def append(
        self, dossier: Dossier | None, expected_version: int, events: Sequence[DossierEvent]
    ) -> Dossier:
        """See :meth:`DossierStore.append <onestop.storage.contract.DossierStore.append>`."""
        new = plan_append(dossier, expected_version, events)
        bodies = encode_events(events)
        summary = summarize(new, expected_version + len(events), self.calendar)
        try:
            with self._transaction() as db:
                found = db.execute(
                    "SELECT position, version, head FROM dossiers WHERE dossier_id = ?", (new.id,)
                ).fetchone()
                actual = found[1] if found else 0
                if actual != expected_version:
                    raise ConcurrencyError(new.id, expected_version, actual)
                previous = _blob(found[2]) if found else GENESIS
                rows = event_rows(events, expected_version + 1, previous, bodies)
                position = self._write(db, found[0] if found else None, summary, rows[-1].hash)
                self._write_events(db, position, new.id, rows, deliver=True)
        except sqlite3.IntegrityError as error:
            raise StorageError(f"dossier {new.id} cannot be stored: {error}") from None
        return new

    @staticmethod
    def _write(
        db: sqlite3.Connection, position: int | None, summary: DossierSummary, head: bytes
    ) -> int:
        values = summary_values(summary, head)
        if position is not None:
            db.execute(_UPDATE, values)
            return position
        cursor = db.execute(_INSERT, values)
        new_position: int = cursor.lastrowid  # type: ignore[assignment]
        return new_position

    @staticmethod
    def _write_events(
        db: sqlite3.Connection,
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
        """See :meth:`DossierStore.import_histories <onestop.storage.contract.DossierStore.import_histories>`.

        :param deliver: also queue every event in the outbox (off: imported histories
            are usually known to the portal already).
        """  # noqa: E501
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
        try:
            with self._transaction() as db:
                for dossier, rows, summary in batch:
                    found = db.execute(
                        "SELECT version FROM dossiers WHERE dossier_id = ?", (dossier.id,)
                    ).fetchone()
                    if found:
                        raise ConcurrencyError(dossier.id, 0, found[0])
                    position = self._write(db, None, summary, rows[-1].hash)
                    self._write_events(db, position, dossier.id, rows, deliver=deliver)
        except sqlite3.IntegrityError as error:
            raise StorageError(f"a batch of dossiers cannot be stored: {error}") from None

    def next_sequence(self, agency: str, day: datetime) -> int:
        """See :meth:`DossierStore.next_sequence <onestop.storage.contract.DossierStore.next_sequence>`."""  # noqa: E501
        check_agency_code(agency)
        key = sequence_day(day)
        with self._transaction() as db:
            number: int = db.execute(
                "INSERT INTO sequences (agency, day, last) VALUES (?, ?, 1) "
                "ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last",
                (agency, key),
            ).fetchone()[0]
        return number

    # -- reading ----------------------------------------------------------------

    def _read(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        with self._lock:
            self._check_open()
            return self._db.execute(sql, parameters).fetchall()

    def load(self, dossier_id: str) -> Dossier:
        """See :meth:`DossierStore.load <onestop.storage.contract.DossierStore.load>`."""
        if not isinstance(dossier_id, str):
            raise UsageError(f"a dossier id is a text, got {dossier_id!r}")
        rows = self._read(
            "SELECT e.body FROM dossiers d JOIN events e ON e.dossier = d.position "
            "WHERE d.dossier_id = ? ORDER BY e.version",
            (dossier_id,),
        )
        if not rows:
            raise UnknownDossierError(f"no stored dossier has the id {dossier_id!r}")
        return Dossier(decode_events([_blob(row[0]) for row in rows]))

    def find(self, code: str) -> Dossier:
        """See :meth:`DossierStore.find <onestop.storage.contract.DossierStore.find>`."""
        if not isinstance(code, str):
            raise UsageError(f"a dossier code is a text, got {code!r}")
        found = self._read("SELECT dossier_id FROM dossiers WHERE code = ?", (code.strip(),))
        if not found:
            raise UnknownDossierError(f"no stored dossier has the code {code!r}")
        return self.load(found[0][0])

    def version(self, dossier_id: str) -> int:
        """See :meth:`DossierStore.version <onestop.storage.contract.DossierStore.version>`."""
        if not isinstance(dossier_id, str):
            raise UsageError(f"a dossier id is a text, got {dossier_id!r}")
        found = self._read("SELECT version FROM dossiers WHERE dossier_id = ?", (dossier_id,))
        return found[0][0] if found else 0

    def summary(self, dossier_id: str) -> DossierSummary:
        """See :meth:`DossierStore.summary <onestop.storage.contract.DossierStore.summary>`."""
        if not isinstance(dossier_id, str):
            raise UsageError(f"a dossier id is a text, got {dossier_id!r}")
        found = self._read(
            f"SELECT {SUMMARY_COLUMNS} FROM dossiers WHERE dossier_id = ?",  # noqa: S608
            (dossier_id,),
        )
        if not found:
            raise UnknownDossierError(f"no stored dossier has the id {dossier_id!r}")
        return summary_from_row(found[0])

    def query(self, query: DossierQuery) -> Page[DossierSummary]:
        """See :meth:`DossierStore.query <onestop.storage.contract.DossierStore.query>`."""
        where, parameters = query_filter(query, "?")
        rows = self._read(
            f"SELECT {SUMMARY_COLUMNS}, position FROM dossiers "  # noqa: S608
            f"WHERE {where} AND position > ? ORDER BY position LIMIT ?",
            [*parameters, query.after, query.limit + 1],
        )
        page = rows[: query.limit]
        more = len(rows) > query.limit
        return Page(tuple(summary_from_row(row) for row in page), page[-1][-1] if more else None)

    def count(self, query: DossierQuery) -> int:
        """See :meth:`DossierStore.count <onestop.storage.contract.DossierStore.count>`."""
        where, parameters = query_filter(query, "?")
        found: int = self._read(
            f"SELECT count(*) FROM dossiers WHERE {where}",  # noqa: S608
            parameters,
        )[0][0]
        return found

    def statistics(self, first: datetime, last: datetime) -> tuple[StatisticsRow, ...]:
        """See :meth:`DossierStore.statistics <onestop.storage.contract.DossierStore.statistics>`.

        One aggregate query over the projection, using the receipt and closing indexes.
        """
        first, last = check_period(first, last)
        bounds = {"first": to_local(first).isoformat(), "last": to_local(last).isoformat()}
        rows = self._read(STATISTICS, bounds)
        return tuple(
            StatisticsRow(agency=row[0], field=row[1], **dict(zip(COUNTERS, row[2:], strict=True)))
            for row in rows
        )

    def quality(self, first: datetime, last: datetime) -> tuple[QualityRow, ...]:
        """See :meth:`DossierStore.quality <onestop.storage.contract.DossierStore.quality>`.

        One aggregate query over the projection and the outbox's pending index.
        """
        first, last = check_period(first, last)
        bounds = {"first": to_local(first).isoformat(), "last": to_local(last).isoformat()}
        rows = self._read(QUALITY, bounds)
        return tuple(
            QualityRow(agency=row[0], **dict(zip(QUALITY_COUNTERS, row[1:], strict=True)))
            for row in rows
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
            "AND (o.not_before IS NULL OR o.not_before <= ?) ORDER BY o.id LIMIT ?",
            (now.isoformat(), limit),
        )
        return tuple(_message(row) for row in rows)

    def _update_message(self, sql: str, parameters: Sequence[Any], message_id: int) -> None:
        if type(message_id) is not int:
            raise UsageError(f"an outbox message id is an int, got {message_id!r}")
        with self._transaction() as db:
            if (
                db.execute(sql, parameters).rowcount == 0
                and not db.execute("SELECT 1 FROM outbox WHERE id = ?", (message_id,)).fetchone()
            ):
                raise UsageError(f"no outbox message has the id {message_id!r}")

    def delivered(self, message_id: int, at: datetime) -> None:
        """See :meth:`DossierStore.delivered <onestop.storage.contract.DossierStore.delivered>`."""
        at = check_instant(at, "at")
        self._update_message(
            "UPDATE outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL",
            (at.isoformat(), message_id),
            message_id,
        )

    def failed(self, message_id: int, error: str, retry_at: datetime) -> None:
        """See :meth:`DossierStore.failed <onestop.storage.contract.DossierStore.failed>`."""
        retry_at = check_instant(retry_at, "retry_at")
        if not isinstance(error, str):
            raise UsageError(f"error is a text, got {error!r}")
        self._update_message(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, not_before = ? "
            "WHERE id = ? AND delivered_at IS NULL",
            (error, retry_at.isoformat(), message_id),
            message_id,
        )

    def outbox(self, *, include_delivered: bool = False) -> tuple[OutboxMessage, ...]:
        """See :meth:`DossierStore.outbox <onestop.storage.contract.DossierStore.outbox>`."""
        where = "1" if include_delivered else "o.delivered_at IS NULL"
        rows = self._read(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox o JOIN dossiers d ON d.position = o.dossier "  # noqa: S608
            f"WHERE {where} ORDER BY o.id"
        )
        return tuple(_message(row) for row in rows)

    # -- tamper evidence --------------------------------------------------------

    def _histories(
        self, dossier_id: str | None = None
    ) -> Iterator[tuple[str, int, bytes, list[EventRow]]]:
        """Each stored history with its projection's version and head, in one read."""
        where = "WHERE d.dossier_id = ?" if dossier_id is not None else ""
        with self._lock:
            self._check_open()
            rows = self._db.execute(
                "SELECT d.dossier_id, d.version, d.head, e.version, e.kind, e.at, e.body, e.hash "  # noqa: S608
                f"FROM dossiers d LEFT JOIN events e ON e.dossier = d.position {where} "
                "ORDER BY d.position, e.version",
                () if dossier_id is None else (dossier_id,),
            ).fetchall()
        current: tuple[str, int, bytes, list[EventRow]] | None = None
        for dossier, version, head, *event in rows:
            if current is None or current[0] != dossier:
                if current is not None:
                    yield current
                current = (dossier, version, _blob(head), [])
            if event[0] is not None:
                current[3].append(
                    EventRow(
                        event[0],
                        event[1],
                        moment_from_text(event[2]) or datetime.min,
                        _blob(event[3]),
                        _blob(event[4]),
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
        """See :meth:`DossierStore.verify_all <onestop.storage.contract.DossierStore.verify_all>`.

        Also reports events whose dossier row is gone.
        """
        check_signer(signer)
        problems: list[str] = []
        checked = 0
        for dossier, version, head, rows in self._histories():
            checked += 1
            problems.extend(verify_chain(dossier, version, rows, head))
        orphans = self._read(
            "SELECT count(*) FROM events WHERE dossier NOT IN (SELECT position FROM dossiers)"
        )[0][0]
        if orphans:
            problems.append(f"{orphans} events belong to no stored dossier: dossiers were deleted")
        for checkpoint in self.checkpoints():
            root = merkle_root(self._heads(checkpoint.position))
            problems.extend(verify_checkpoint(checkpoint, root, signer))
        return Verification(checked, tuple(problems))

    def _heads(self, position: int) -> list[bytes]:
        rows = self._read(
            "SELECT d.dossier_id, e.version, e.hash, max(e.position) FROM events e "
            "JOIN dossiers d ON d.position = e.dossier WHERE e.position <= ? GROUP BY e.dossier",
            (position,),
        )
        rows.sort(key=lambda row: row[0])
        return [head_leaf(row[0], row[1], _blob(row[2])) for row in rows]

    def checkpoint(self, at: datetime, signer: CheckpointSigner | None = None) -> Checkpoint:
        """See :meth:`DossierStore.checkpoint <onestop.storage.contract.DossierStore.checkpoint>`."""  # noqa: E501
        at = check_instant(at, "at")
        check_signer(signer)
        with self._transaction() as db:
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
                root=_blob(row[4]),
                signature=row[5],
            )
            for row in rows
        )
