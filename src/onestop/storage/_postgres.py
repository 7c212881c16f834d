"""The dossier store on PostgreSQL (psycopg 3 and psycopg-pool; the ``postgres`` extra).

For provinces that outgrow one machine: many processes and threads append at once.
An append is one statement — the projection row's version-checked update (or a new
dossier's ``INSERT … ON CONFLICT DO NOTHING``), the events and the outbox messages in
one data-modifying ``WITH`` query — so writers on different dossiers never wait for
each other, of two writers on one dossier the second finds the first's version and gets
a :class:`~onestop.exceptions.ConcurrencyError` with nothing written, and of two racing
first appends one wins. PostgreSQL's commit is durable.

The projection's SQL is shared with the SQLite store (``onestop.storage._projection_sql``).

Why psycopg 3: the maintained PostgreSQL adapter, with server-side parameters, binary
``bytea``, ``executemany`` and a connection pool (psycopg-pool).
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
import threading
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar
from typing import Self

from onestop._shown import shown
from onestop.domain._validators import is_storable
from onestop.domain.time._calendar import Calendar
from onestop.exceptions import MissingExtraError
from onestop.exceptions import StorageError
from onestop.exceptions import UsageError
from onestop.national._civil_service_calendar import vietnam_calendar
from onestop.storage._arguments import check_timeout
from onestop.storage._hash_chain import head_leaf
from onestop.storage._postgres_schema import MIGRATIONS
from onestop.storage._postgres_schema import SCHEMA_VERSION
from onestop.storage._recent import RecentDossiers
from onestop.storage._sql_store import Database
from onestop.storage._sql_store import RowWrite
from onestop.storage._sql_store import SQLStore
from onestop.storage._sql_store import blob

try:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict
    from psycopg_pool import ConnectionPool
    from psycopg_pool import PoolTimeout
except ImportError as missing:  # pragma: no cover - exercised without the extra installed
    raise MissingExtraError("postgres", "the PostgreSQL store", missing) from None

if TYPE_CHECKING:
    from collections.abc import Iterator
    from collections.abc import Sequence

    from onestop.storage._append import EventRow

__all__ = ["PostgresStore"]


@functools.lru_cache(maxsize=256)
def _postgres(sql: str) -> str:
    """SQL written with ``?`` and ``:name`` parameters, in psycopg's ``%s`` and ``%(name)s``.

    A literal ``%`` (a ``LIKE`` pattern's) is doubled first, as psycopg reads it.
    """
    escaped = sql.replace("%", "%%").replace("?", "%s")
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", escaped)


class _Translating:
    """A psycopg connection that takes the shared SQL's parameter style."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection

    def execute(self, sql: str, parameters: Any = (), /) -> Any:  # noqa: ANN401 - a cursor
        return self.connection.execute(_postgres(sql), parameters)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]], /) -> Any:  # noqa: ANN401
        with self.connection.cursor() as cursor:
            cursor.executemany(_postgres(sql), rows)


class PostgresStore(SQLStore):
    """A :class:`~onestop.storage.DossierStore` in a PostgreSQL database.

    :param dsn: the connection string (``postgresql://user@host/db`` or key=value form).
    :param calendar: the calendar the projection's deadlines are computed on
        (default: the national one).
    :param max_connections: the pool's size: how many threads can use the store at once.
    :param timeout: seconds to wait for the server (to connect, or for a free
        connection); a server that is down or went away is a
        :class:`~onestop.exceptions.StorageError` naming it after at most this long.
    :raises StorageError: when the database cannot be reached, holds another
        application's tables, or was written by a newer onestop.

    .. versionadded:: 0.3
    """

    _INTEGRITY: ClassVar[tuple[type[Exception], ...]] = (psycopg.errors.IntegrityError,)
    _SKIP_LOCKED: ClassVar[str] = " FOR UPDATE SKIP LOCKED"
    #: The channel appends notify and waiting workers listen on.
    CHANNEL: ClassVar[str] = "onestop_outbox"

    def __init__(
        self,
        dsn: str,
        *,
        calendar: Calendar | None = None,
        max_connections: int = 8,
        timeout: float = 5.0,
    ) -> None:
        """Connect (and create or migrate the schema)."""
        if not isinstance(dsn, str) or not dsn.strip() or not is_storable(dsn):
            raise UsageError(
                f"dsn is a PostgreSQL connection string (UTF-8 text without NUL), got {shown(dsn)}"
            )
        if calendar is not None and not isinstance(calendar, Calendar):
            raise UsageError(f"calendar is a Calendar or None, got {shown(calendar)}")
        if type(max_connections) is not int or max_connections < 1:
            raise UsageError(f"max_connections is a positive int, got {shown(max_connections)}")
        self.timeout = check_timeout(timeout)
        self.dsn = dsn
        self.server = _server(dsn)
        self.calendar = calendar if calendar is not None else vietnam_calendar()
        self._recent = RecentDossiers()
        connect_timeout = max(1, math.ceil(self.timeout))  # libpq counts whole seconds
        try:
            # One direct connection first: an unreachable server fails at once, with the
            # driver's own reason, instead of after the pool's wait.
            psycopg.connect(dsn, connect_timeout=connect_timeout).close()
            # Autocommit connections: a read is one round trip (no transaction to roll
            # back when the connection returns to the pool); writes open theirs. Each
            # is checked when taken, so one broken by a server restart is replaced.
            self._pool = ConnectionPool(
                dsn,
                min_size=1,
                max_size=max_connections,
                open=True,
                timeout=self.timeout,
                check=ConnectionPool.check_connection,
                kwargs={"autocommit": True, "connect_timeout": connect_timeout},
            )
            self._pool.wait(timeout=self.timeout)
        except (psycopg.Error, PoolTimeout) as error:
            raise StorageError(f"cannot connect to PostgreSQL at {self.server}: {error}") from None
        self._closed = False
        self._listener: psycopg.Connection[Any] | None = None
        self._listening = threading.Lock()
        self._migrate()

    def _migrate(self) -> None:
        with self._connection() as db, db.transaction():
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
            if 0 < version < SCHEMA_VERSION:  # old rows hold the new columns' defaults
                self._refresh_projection(_Translating(db))

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
        if self._listener is not None:
            self._listener.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError("the PostgreSQL store is closed")

    @contextlib.contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection; a server that is down or went away is a StorageError."""
        self._check_open()
        try:
            with self._pool.connection() as connection:
                yield connection
        except PoolTimeout:
            raise StorageError(
                f"PostgreSQL at {self.server} gave no connection within {self.timeout:g} s: "
                "is the server down?"
            ) from None
        except (psycopg.OperationalError, psycopg.InterfaceError) as error:
            raise StorageError(f"PostgreSQL at {self.server} failed: {error}") from None
        except psycopg.DataError as error:  # a value the checks let through
            raise StorageError(f"PostgreSQL at {self.server} refused a value: {error}") from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Database]:
        with self._connection() as connection, connection.transaction():
            yield _Translating(connection)

    @contextlib.contextmanager
    def _numbered_transaction(self) -> Iterator[Database]:
        """A receipt's transaction in pipeline mode: ``BEGIN`` goes with the running number.

        Three round trips: ``BEGIN`` and the number, the append's statement, ``COMMIT``.
        """
        with (
            self._connection() as connection,
            connection.pipeline(),
            connection.transaction(),
        ):
            yield _Translating(connection)

    @contextlib.contextmanager
    def _append_transaction(self) -> Iterator[Database]:
        """An append is one statement (see :meth:`_write_append`): its own transaction.

        A dossier the store has not written must be read first (its chain head); the
        update's version check then makes the read and the write one atomic step.
        """
        with self._connection() as connection:
            yield _Translating(connection)

    def _write_append(
        self, db: Database, row: RowWrite, rows: Sequence[EventRow], dossier_id: str
    ) -> int | None:
        """The projection row, the events, their outbox messages and the wake-up: one statement.

        The row's statement is a data-modifying ``WITH`` query whose ``RETURNING``
        feeds the events' insert, whose own ``RETURNING`` feeds the outbox's: when the
        row is at another version nothing is written, and the whole append is one round
        trip and, outside a transaction, one commit. ``pg_notify`` wakes the waiting
        workers on commit.
        """
        statement = row.statement  # its RETURNING gives the position, new or known
        returning = "" if statement.startswith("INSERT") else " RETURNING position"
        values = ", ".join(["(?::integer, ?::text, ?::text, ?::bytea, ?::bytea)"] * len(rows))
        sql = (
            f"WITH d AS ({statement}{returning}), "  # noqa: S608 - built from constants
            "e AS (INSERT INTO events (dossier, version, kind, at, body, hash) "
            "SELECT d.position, v.version, v.kind, v.at, v.body, v.hash FROM d, "
            f"(VALUES {values}) AS v (version, kind, at, body, hash) "
            "RETURNING dossier, version, kind, body), "
            "o AS (INSERT INTO outbox (dossier, version, key, kind, body) "
            "SELECT dossier, version, ?::text || ':' || version, kind, body FROM e) "
            "SELECT d.position, pg_notify(?, '') FROM d"
        )
        event_values = [
            value
            for row in rows
            for value in (row.version, row.kind, row.at.isoformat(), row.body, row.hash)
        ]
        parameters = (*row.parameters, *event_values, dossier_id, self.CHANNEL)
        found = db.execute(sql, parameters).fetchone()
        return None if found is None else int(found[0])

    def _read(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        with self._connection() as connection:
            return connection.execute(_postgres(sql), parameters).fetchall()

    def _heads(self, position: int) -> list[bytes]:
        rows = self._read(
            "SELECT DISTINCT ON (e.dossier) d.dossier_id, e.version, e.hash FROM events e "
            "JOIN dossiers d ON d.position = e.dossier WHERE e.position <= ? "
            "ORDER BY e.dossier, e.position DESC",
            (position,),
        )
        rows.sort(key=lambda row: row[0])
        return [head_leaf(row[0], row[1], blob(row[2])) for row in rows]

    def _queued(self, db: Database) -> None:
        db.execute(f"NOTIFY {self.CHANNEL}")  # sent on commit, once per transaction

    def wait(self, timeout: float) -> bool:
        """See :meth:`DossierStore.wait <onestop.storage.DossierStore.wait>`.

        ``LISTEN``s on :attr:`CHANNEL` over a connection of its own, opened by the first
        wait; every append's transaction sends one ``NOTIFY`` there on commit. The
        notifications that arrived since the last wait are taken together. A lost
        connection raises :class:`~onestop.exceptions.StorageError`; the next wait
        connects again.
        """
        seconds = check_timeout(timeout)
        self._check_open()
        with self._listening:
            try:
                if self._listener is None:
                    self._listener = psycopg.connect(
                        self.dsn, autocommit=True, connect_timeout=max(1, math.ceil(self.timeout))
                    )
                    self._listener.execute(f"LISTEN {self.CHANNEL}")
                woken = any(True for _ in self._listener.notifies(timeout=seconds, stop_after=1))
                if woken:  # the rest of the backlog tells nothing more
                    for _ in self._listener.notifies(timeout=0):
                        pass
            except psycopg.Error as error:
                if self._listener is not None:  # the next wait connects again
                    self._listener.close()
                    self._listener = None
                raise StorageError(
                    f"cannot listen for outbox messages at {self.server}: {error}"
                ) from None
        return woken

    def _before_checkpoint(self, db: Database) -> None:
        db.execute("LOCK TABLE checkpoints IN EXCLUSIVE MODE")


def _server(dsn: str) -> str:
    """Where ``dsn`` points, for messages: host (or socket folder), port and database.

    :raises UsageError: when ``dsn`` is no connection string libpq reads.
    """
    try:
        parts = conninfo_to_dict(dsn)
    except psycopg.ProgrammingError as error:
        raise UsageError(f"dsn is a PostgreSQL connection string: {error}") from None
    host = parts.get("host") or "localhost"
    port = parts.get("port") or "5432"
    return f"{host}:{port}/{parts.get('dbname') or parts.get('user') or 'postgres'}"
