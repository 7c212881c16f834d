"""PostgreSQL against SQLite, same run, same machine: writers, outbox workers, the yearly table.

Run with ``python benchmarks/bench_postgres.py`` (needs the ``postgres`` extra and
PostgreSQL's server binaries; a throwaway cluster is started in a temporary folder and
removed afterwards). Ratios are printed; nothing is asserted.

* **Durable appends with 1, 4 and 16 writer processes**, each appending its own
  dossiers one event per transaction (``synchronous=FULL`` for SQLite, PostgreSQL's
  default durable commit): appends per second across all writers.
* **Outbox throughput with 1 and 4 worker processes** (``OutboxSync.drain``: claim,
  rebuild the dossier, deliver, mark delivered) over the messages of
  ``--outbox-dossiers`` dossiers: once with a portal that answers at once (the store's
  side of delivery alone) and once with one that takes ``--latency`` seconds per
  message, as a portal across the network does.
* **The yearly statistics table** over ``--dossiers`` dossiers imported into each
  store, then over the sizes in ``--sizes``, reached by copying the imported
  projection rows in SQL under new identities (the table reads only the projection;
  importing 5,000,000 histories would take hours). Both databases are ``ANALYZE``d
  after growing, as autovacuum would.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from bench_storage import CALENDAR
from bench_storage import year_dossier

from onestop.portal import OutboxSync
from onestop.storage import PostgresStore
from onestop.storage import SQLiteStore
from onestop.storage._projection_sql import PROJECTION
from onestop.testing.postgres import ThrowawayCluster

YEAR = (datetime(2026, 1, 1), datetime(2026, 12, 31, 23, 59, 59))


def _open(spec: str) -> PostgresStore | SQLiteStore:
    if spec.startswith("host="):
        return PostgresStore(spec, calendar=CALENDAR, max_connections=1)
    return SQLiteStore(spec, calendar=CALENDAR, timeout=120)


def _writer(spec: str, first: int, count: int, barrier: Any) -> tuple[int, float]:
    """Append ``count`` events of dossiers ``first``.., one per transaction, once every
    writer is ready; how many were appended, and when the last one was (wall clock)."""
    store = _open(spec)
    plan = []
    number = first
    while len(plan) < count:
        dossier = year_dossier(number)
        plan += [(dossier, version) for version in range(len(dossier))]
        number += 1
    current: dict[str, Any] = {}
    barrier.wait()  # start together: process start-up and imports are not timed
    for dossier, version in plan[:count]:
        stored = current.get(dossier.id)
        current[dossier.id] = store.append(stored, version, [dossier.events[version]])
    finished = time.time()
    store.close()
    return count, finished


def appends(spec: str, writers: int, per_writer: int) -> float:
    """Appends per second across ``writers`` processes, from the common start."""
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(writers) as pool:
        barrier = manager.Barrier(writers + 1)
        jobs = [
            pool.apply_async(_writer, (spec, n * 10_000, per_writer, barrier))
            for n in range(writers)
        ]
        barrier.wait()
        began = time.time()
        results = [job.get(timeout=3_600) for job in jobs]
    total = sum(count for count, _ in results)
    return total / (max(end for _, end in results) - began)


class _Portal:
    """A portal that takes every message after ``latency`` seconds."""

    def __init__(self, latency: float) -> None:
        self.latency = latency

    def deliver(self, message: object, dossier: object) -> None:  # noqa: ARG002 - the contract
        if self.latency:
            time.sleep(self.latency)


def _outbox_worker(spec: str, name: str, latency: float, barrier: Any) -> tuple[int, float]:
    """Drain the outbox as worker ``name`` once every worker is ready."""
    store = _open(spec)
    sync = OutboxSync(store, _Portal(latency), worker=name)
    barrier.wait()
    report = sync.drain(timeout=3_600, limit=100)
    finished = time.time()
    store.close()
    return report.delivered, finished


def outbox_rate(spec: str, workers: int, latency: float) -> float:
    """Messages delivered per second by ``workers`` processes, from the common start."""
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(workers) as pool:
        barrier = manager.Barrier(workers + 1)
        jobs = [
            pool.apply_async(_outbox_worker, (spec, f"worker-{n}", latency, barrier))
            for n in range(workers)
        ]
        barrier.wait()
        began = time.time()
        results = [job.get(timeout=3_600) for job in jobs]
    return sum(count for count, _ in results) / (max(end for _, end in results) - began)


def _filled_outbox(spec: str, dossiers: int) -> str:
    store = _open(spec)
    store.import_histories([year_dossier(n) for n in range(dossiers)], deliver=True)
    store.close()
    return spec


_COPIED = ", ".join(c for c in PROJECTION if c != "code")


def grow(spec: str, base: int, size: int) -> None:
    """Copy the first ``base`` projection rows under new identities until ``size`` rows."""
    postgres = spec.startswith("host=")
    copy, base_count = ("%(copy)s", "%(base)s") if postgres else (":copy", ":base")
    statement = (
        f"INSERT INTO dossiers (dossier_id, code, {_COPIED}) "  # noqa: S608 - constant names
        f"SELECT dossier_id || '~' || {copy}, code || '~' || {copy}, {_COPIED} "
        f"FROM dossiers WHERE position <= {base_count}"
    )
    db: Any = psycopg.connect(spec) if postgres else sqlite3.connect(spec)
    present = db.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    for copy_number in range(present // base, size // base):
        db.execute(statement, {"copy": str(copy_number), "base": base})
        db.commit()
    if postgres:
        db.commit()
        db.autocommit = True
    db.execute("ANALYZE")
    db.close()


def _database(cluster: ThrowawayCluster, name: str) -> str:
    with psycopg.connect(cluster.dsn, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return cluster.dsn.replace("dbname=postgres", f"dbname={name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appends", type=int, default=400, help="appends per writer")
    parser.add_argument("--dossiers", type=int, default=100_000, help="dossiers imported")
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(size) for size in text.split(",")],
        default=[1_000_000, 5_000_000],
        help="projection sizes the yearly table is timed at (comma-separated)",
    )
    parser.add_argument(
        "--outbox-dossiers", type=int, default=500, help="dossiers whose messages are drained"
    )
    parser.add_argument("--latency", type=float, default=0.005, help="the slow portal's delay")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}; SQLite {sqlite3.sqlite_version}")
    with ThrowawayCluster() as cluster, tempfile.TemporaryDirectory() as folder:
        with psycopg.connect(cluster.dsn) as admin:
            print(f"PostgreSQL {admin.info.server_version}\n")
        print("Durable single appends, each writer a process on its own dossiers")
        for writers in (1, 4, 16):
            pg = _database(cluster, f"appends_{writers}")
            PostgresStore(pg).close()  # the schema, before the writers race to create it
            lite = str(Path(folder) / f"appends_{writers}.sqlite3")
            SQLiteStore(lite).close()
            ours_pg = appends(pg, writers, args.appends)
            ours_lite = appends(lite, writers, args.appends)
            print(
                f"  {writers:>2} writers: PostgreSQL {ours_pg:7.0f}/s   SQLite {ours_lite:7.0f}/s"
                f"   PostgreSQL at {ours_pg / ours_lite:4.1f}× SQLite",
                flush=True,
            )
        print(
            f"\nOutbox throughput: {args.outbox_dossiers:,} dossiers' messages drained by worker "
            "processes"
        )
        for latency in (0.0, args.latency):
            portal = f"a portal taking {latency * 1e3:.0f} ms" if latency else "an instant portal"
            for workers in (1, 4):
                name = f"outbox_{workers}_{int(latency * 1e3)}"
                pg = _filled_outbox(_database(cluster, name), args.outbox_dossiers)
                lite = _filled_outbox(str(Path(folder) / f"{name}.sqlite3"), args.outbox_dossiers)
                ours_pg = outbox_rate(pg, workers, latency)
                ours_lite = outbox_rate(lite, workers, latency)
                print(
                    f"  {portal}, {workers} worker{'s' if workers > 1 else ' '}: PostgreSQL "
                    f"{ours_pg:6.0f}/s   SQLite {ours_lite:6.0f}/s   PostgreSQL at "
                    f"{ours_pg / ours_lite:4.1f}× SQLite",
                    flush=True,
                )
        print(f"\nThe yearly statistics table ({args.dossiers:,} dossiers imported)")
        pg_spec = _database(cluster, "year")
        lite_spec = str(Path(folder) / "year.sqlite3")
        for spec in (pg_spec, lite_spec):
            store = _open(spec)
            for first in range(0, args.dossiers, 10_000):
                batch = [year_dossier(n) for n in range(first, min(args.dossiers, first + 10_000))]
                store.import_histories(batch, batch=1_000)
            store.close()
        for size in sorted({args.dossiers, *args.sizes}):
            timings = {}
            for name, spec in (("PostgreSQL", pg_spec), ("SQLite", lite_spec)):
                began = time.perf_counter()
                grow(spec, args.dossiers, size)
                grown = time.perf_counter() - began
                store = _open(spec)
                best = float("inf")
                for _ in range(3):
                    began = time.perf_counter()
                    store.statistics(*YEAR)
                    best = min(best, time.perf_counter() - began)
                timings[name] = best
                store.close()
                if grown > 1:
                    print(f"    ({name} grown to {size:,} rows in {grown:.0f} s)", flush=True)
            print(
                f"  {size:>9,} dossiers: PostgreSQL {timings['PostgreSQL'] * 1e3:8.1f} ms   "
                f"SQLite {timings['SQLite'] * 1e3:8.1f} ms   PostgreSQL at "
                f"{timings['SQLite'] / timings['PostgreSQL']:4.1f}× SQLite's speed",
                flush=True,
            )


if __name__ == "__main__":
    main()
