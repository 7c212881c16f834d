"""Office calls end to end against the one durable insert a hand-written system does per call.

Run with ``python benchmarks/bench_office.py`` (or ``nox -s bench``; the PostgreSQL part
needs the ``postgres`` extra and PostgreSQL's server binaries, and starts a throwaway
cluster in a temporary folder). Ratios are printed; nothing is asserted.

Each dossier goes through four :class:`~onestop.office.OneStopOffice` calls: ``receive``
(receipt checks, fees, a running number, the signed receipt), ``transfer``, ``resolve``
(the signed result notice) and ``return_result``. Every call is the permission rule,
the domain step, one atomic append (events, projection, outbox) and, for receipts and
results, a signature (ECDSA P-256 from a throwaway certificate). What a user would write
instead is one durable ``INSERT`` of the call's record per transaction; the raw writer
does exactly that, with a body of the size of onestop's event JSON.

* **SQLite** (WAL, ``synchronous=FULL`` for both): one process, the two writers taking
  turns in rounds of 25 dossiers so the disk's moods hit both alike.
* **PostgreSQL** (default durable commits, a Unix socket): 1 and 8 writer processes,
  each with its own dossiers, timed from a common start; the raw writer is psycopg
  inserting one row per autocommitted statement.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any

from onestop import Actor
from onestop import Applicant
from onestop import Role
from onestop import vietnam_calendar
from onestop.catalogs import sample_catalog
from onestop.national import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.signing import KeySigner
from onestop.storage import SQLiteStore
from onestop.testing.certificates import self_signed

DESK = "000.00.12.H38"
DEPT = "000.00.13.H38"
CLERK = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK, Role.SPECIALIST}, DESK)
LEADER = Actor("Lãnh đạo phòng", {Role.LEADER, Role.SPECIALIST}, DEPT)
CITIZEN = Applicant("Lê Thị Bình", "001090012345", "0912345678", "12 Hàng Bạc, Hà Nội")
RESIDENCE = "1.004222"
FORM = "Tờ khai thay đổi thông tin cư trú"
START = datetime(2026, 3, 2, 8, 30)
CALLS_PER_DOSSIER = 4
BODY = b"x" * 900  # about the size of an event's canonical JSON with its intake


def office_on(store: Any) -> OneStopOffice:
    """An office over ``store`` with the national catalog and fees and a signing key."""
    return OneStopOffice(
        store,
        calendar=store.calendar,
        catalog=sample_catalog(),
        fee_book=VIETNAM_FEES,
        signer=KeySigner(*self_signed()),
    )


def dossier_calls(office: OneStopOffice, number: int) -> None:
    """One dossier's four calls; ``number`` spreads them over working hours of March."""
    at = START + timedelta(days=number // 200 % 20, minutes=number % 200)
    received = office.receive(RESIDENCE, CITIZEN, actor=CLERK, components=[FORM], at=at)
    dossier_id = received.dossier.id
    office.transfer(
        dossier_id, actor=CLERK, to_agency=DEPT, step="thẩm định", at=at + timedelta(minutes=1)
    )
    office.resolve(dossier_id, actor=LEADER, result="Đã đăng ký", at=at + timedelta(minutes=2))
    office.return_result(dossier_id, actor=CLERK, at=at + timedelta(minutes=3))


def raw_sqlite(path: Path) -> sqlite3.Connection:
    """The hand-written system's SQLite file: WAL, synchronous=FULL, one table."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE calls (id INTEGER PRIMARY KEY, dossier INTEGER, body BLOB)")
    return db


def bench_sqlite(folder: Path, dossiers: int) -> None:
    calls = dossiers * CALLS_PER_DOSSIER
    print(f"SQLite: {dossiers} dossiers, {calls} office calls (WAL, synchronous=FULL)")
    store = SQLiteStore(folder / "office.sqlite3", calendar=vietnam_calendar())
    office = office_on(store)
    raw = raw_sqlite(folder / "raw.sqlite3")
    dossier_calls(office, dossiers)  # warm up: imports, caches, the first file pages
    ours = raw_time = 0.0
    for first in range(0, dossiers, 25):
        numbers = range(first, min(first + 25, dossiers))
        began = time.perf_counter()
        for number in numbers:
            for _ in range(CALLS_PER_DOSSIER):
                raw.execute("BEGIN IMMEDIATE")
                raw.execute("INSERT INTO calls (dossier, body) VALUES (?, ?)", (number, BODY))
                raw.execute("COMMIT")
        raw_time += time.perf_counter() - began
        began = time.perf_counter()
        for number in numbers:
            dossier_calls(office, number)
        ours += time.perf_counter() - began
    store.close()
    raw.close()
    print(
        f"  onestop {calls / ours:7.0f} calls/s ({ours / calls * 1e3:.2f} ms each)   "
        f"raw sqlite3 {calls / raw_time:7.0f} inserts/s ({raw_time / calls * 1e3:.2f} ms)   "
        f"onestop at {raw_time / ours:.2f} of the raw rate"
    )


def _office_writer(dsn: str, first: int, dossiers: int, barrier: Any) -> float:
    from onestop.storage import PostgresStore

    store = PostgresStore(dsn, calendar=vietnam_calendar(), max_connections=1)
    office = office_on(store)
    dossier_calls(office, first + dossiers)  # warm up
    barrier.wait()
    for number in range(first, first + dossiers):
        dossier_calls(office, number)
    finished = time.time()
    store.close()
    return finished


def _raw_writer(dsn: str, first: int, dossiers: int, barrier: Any) -> float:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as db:
        barrier.wait()
        for number in range(first, first + dossiers):
            for _ in range(CALLS_PER_DOSSIER):
                db.execute("INSERT INTO calls (dossier, body) VALUES (%s, %s)", (number, BODY))
        return time.time()


def _rate(target: Any, dsn: str, writers: int, dossiers: int) -> float:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(writers) as pool:
        barrier = manager.Barrier(writers + 1)
        jobs = [
            pool.apply_async(target, (dsn, 100_000 * (n + 1), dossiers, barrier))
            for n in range(writers)
        ]
        barrier.wait()
        started = time.time()
        finished = max(job.get() for job in jobs)
    return writers * dossiers * CALLS_PER_DOSSIER / (finished - started)


def bench_postgres(dossiers: int, writer_counts: list[int]) -> None:
    import psycopg

    from onestop.testing.postgres import ThrowawayCluster

    print(f"PostgreSQL: {dossiers} dossiers per writer, 4 calls each (durable commits)")
    with ThrowawayCluster() as cluster:
        with psycopg.connect(cluster.dsn, autocommit=True) as db:
            db.execute("CREATE TABLE calls (id BIGSERIAL PRIMARY KEY, dossier INT, body BYTEA)")
        for writers in writer_counts:
            ours = _rate(_office_writer, cluster.dsn, writers, dossiers)
            raw = _rate(_raw_writer, cluster.dsn, writers, dossiers)
            print(
                f"  {writers} writer(s): onestop {ours:7.0f} calls/s   "
                f"raw psycopg {raw:7.0f} inserts/s   onestop at {ours / raw:.2f} of the raw rate"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=500, help="dossiers on SQLite")
    parser.add_argument("--pg-dossiers", type=int, default=150, help="dossiers per PG writer")
    parser.add_argument("--writers", default="1,8", help="PostgreSQL writer processes")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}; SQLite {sqlite3.sqlite_version}\n")
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
        bench_sqlite(Path(folder), args.dossiers)
        if not args.no_postgres:
            counts = [int(n) for n in args.writers.split(",")]
            bench_postgres(args.pg_dossiers, counts)


if __name__ == "__main__":
    main()
