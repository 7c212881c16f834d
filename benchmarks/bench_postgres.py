"""PostgreSQL against SQLite, same run, same machine: concurrent writers and the yearly table.

Run with ``python benchmarks/bench_postgres.py`` (needs the ``postgres`` extra and
PostgreSQL's server binaries; a throwaway cluster is started in a temporary folder and
removed afterwards). Ratios are printed; nothing is asserted.

* **Durable appends with 1, 4 and 16 writer processes**, each appending its own
  dossiers one event per transaction (``synchronous=FULL`` for SQLite, PostgreSQL's
  default durable commit): appends per second across all writers.
* **The yearly statistics table** over ``--dossiers`` dossiers imported into each store.

Not measured yet: outbox throughput with several workers (the PostgreSQL store has no
claiming workers yet).
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
from bench_storage import CALENDAR, year_dossier

from onestop.storage.postgres import PostgresStore
from onestop.storage.sqlite import SQLiteStore
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


def _database(cluster: ThrowawayCluster, name: str) -> str:
    with psycopg.connect(cluster.dsn, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return cluster.dsn.replace("dbname=postgres", f"dbname={name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appends", type=int, default=400, help="appends per writer")
    parser.add_argument("--dossiers", type=int, default=100_000, help="dossiers in the year")
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
        print(f"\nThe yearly statistics table over {args.dossiers:,} dossiers")
        pg_store = PostgresStore(_database(cluster, "year"), calendar=CALENDAR)
        lite_store = SQLiteStore(Path(folder) / "year.sqlite3", calendar=CALENDAR)
        for store in (pg_store, lite_store):
            for first in range(0, args.dossiers, 10_000):
                batch = [year_dossier(n) for n in range(first, min(args.dossiers, first + 10_000))]
                store.import_histories(batch, batch=1_000)
        timings = {}
        for name, store in (("PostgreSQL", pg_store), ("SQLite", lite_store)):
            best = float("inf")
            for _ in range(3):
                began = time.perf_counter()
                store.statistics(*YEAR)
                best = min(best, time.perf_counter() - began)
            timings[name] = best
            store.close()
        print(
            f"  PostgreSQL {timings['PostgreSQL'] * 1e3:8.1f} ms   SQLite "
            f"{timings['SQLite'] * 1e3:8.1f} ms   PostgreSQL at "
            f"{timings['SQLite'] / timings['PostgreSQL']:4.1f}× SQLite's speed"
        )


if __name__ == "__main__":
    main()
