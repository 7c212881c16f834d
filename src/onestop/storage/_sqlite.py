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

import sqlite3
import stat
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar
from typing import Self

from onestop._file_io import file_path
from onestop._shown import shown
from onestop.domain.time._calendar import Calendar
from onestop.exceptions import StorageError
from onestop.exceptions import UsageError
from onestop.national._civil_service_calendar import vietnam_calendar
from onestop.storage._arguments import check_timeout
from onestop.storage._hash_chain import head_leaf
from onestop.storage._recent import RecentDossiers
from onestop.storage._sql_store import Database
from onestop.storage._sql_store import SQLStore
from onestop.storage._sql_store import blob
from onestop.storage._sqlite_schema import MIGRATIONS
from onestop.storage._sqlite_schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence

__all__ = ["SQLiteStore"]


class SQLiteStore(SQLStore):
    """A :class:`~onestop.storage.DossierStore` in one SQLite file.

    :param path: the database file (created with its folder if missing), or
        ``":memory:"``.
    :param calendar: the calendar the projection's deadlines are computed on
        (default: the national one).
    :param timeout: seconds to wait for another process's write lock.
    :raises StorageError: when the file is not a onestop store, or was written by a
        newer onestop.

    .. versionadded:: 0.3
    """

    _INTEGRITY: ClassVar[tuple[type[Exception], ...]] = (sqlite3.IntegrityError,)
    #: How often :meth:`wait` looks for other processes' writes, in seconds.
    POLL: ClassVar[float] = 0.02

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        calendar: Calendar | None = None,
        timeout: float = 30.0,
    ) -> None:
        """Open (and create or migrate) the store at ``path``."""
        self.path = _store_path(path)
        if calendar is not None and not isinstance(calendar, Calendar):
            raise UsageError(f"calendar is a Calendar or None, got {shown(calendar)}")
        timeout = check_timeout(timeout)
        self.calendar = calendar if calendar is not None else vietnam_calendar()
        self._recent = RecentDossiers()
        if self.path != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StorageError(f"{self.path} cannot be created: {error}") from None
        self._lock = threading.RLock()
        self._queue = threading.Condition()  # notified when this process queues messages
        self._queued_here = 0
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
            if 0 < version < SCHEMA_VERSION:  # old rows hold the new columns' defaults
                self._refresh_projection(self._db)

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

    def _read(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        with self._lock:
            self._check_open()
            return self._db.execute(sql, parameters).fetchall()

    def _heads(self, position: int) -> list[bytes]:
        rows = self._read(
            "SELECT d.dossier_id, e.version, e.hash, max(e.position) FROM events e "
            "JOIN dossiers d ON d.position = e.dossier WHERE e.position <= ? GROUP BY e.dossier",
            (position,),
        )
        rows.sort(key=lambda row: row[0])
        return [head_leaf(row[0], row[1], blob(row[2])) for row in rows]

    def _queued(self, db: Database) -> None:  # noqa: ARG002 - the transaction is not needed
        with self._queue:
            self._queued_here += 1
            self._queue.notify_all()

    def wait(self, timeout: float) -> bool:
        """See :meth:`DossierStore.wait <onestop.storage.DossierStore.wait>`.

        Messages queued through this store object wake it at once; other processes'
        (and other connections') writes are seen by polling SQLite's ``data_version``
        every :attr:`POLL` seconds.
        """
        deadline = time.monotonic() + check_timeout(timeout)
        here = self._queued_here
        version = self._read("PRAGMA data_version")[0][0]
        while True:
            left = deadline - time.monotonic()
            with self._queue:
                if self._queued_here == here and left > 0:
                    self._queue.wait(min(self.POLL, left))
                if self._queued_here != here:
                    return True
            if self._read("PRAGMA data_version")[0][0] != version:
                return True
            if left <= 0:
                return False

    def _more_problems(self) -> list[str]:
        orphans = self._read(
            "SELECT count(*) FROM events WHERE dossier NOT IN (SELECT position FROM dossiers)"
        )[0][0]
        if orphans:
            return [f"{orphans} events belong to no stored dossier: dossiers were deleted"]
        return []


def _store_path(path: object) -> str:
    """``path`` as text, if it names a file a store can open (or ``":memory:"``).

    :raises UsageError: when it is not a non-empty path in UTF-8 without NUL.
    :raises StorageError: when it names something other than a regular file (a
        folder, a device), which SQLite would open or write beside.
    """
    if path == ":memory:":
        return path
    name = file_path(path, "store", UsageError)
    try:
        kind = name.stat().st_mode
    except FileNotFoundError:
        return str(name)
    except OSError as error:
        raise StorageError(f"{name} cannot be opened: {error.strerror}") from None
    if not stat.S_ISREG(kind):
        raise StorageError(f"{name} is not a store file: it is not a regular file")
    return str(name)
