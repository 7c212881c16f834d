"""The periodic statistics table in SQL over the projection, at 10⁴, 10⁵ and 10⁶ dossiers.

Run with ``python benchmarks/bench_reports.py`` (or ``nox -s bench``). One SQLite store
grows to ``--largest`` dossiers (a year's mix, about 8 events each, imported with
``import_histories``); at each size the yearly table per agency and field is timed
(best of ``--repeat``) against what a developer would otherwise write: read every
projection row (paged queries) and count in Python (``statistics_of``, the reference
the SQL is checked against). The Decision 766 counts (``DossierStore.quality``, one
query over the projection and the outbox) are timed too. Ratios are printed; nothing
is asserted.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench_storage import CALENDAR
from bench_storage import year_dossier

from onestop.rules import statistics_of
from onestop.storage import DossierQuery
from onestop.storage import SQLiteStore
from onestop.storage._contract import every_match

YEAR = (datetime(2026, 1, 1), datetime(2026, 12, 31, 23, 59, 59))


def python_table(store: SQLiteStore) -> object:
    """Every projection row read page by page, then counted in Python."""
    return statistics_of(every_match(store, DossierQuery(limit=10_000)), *YEAR)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timings per measure (best kept)")
    parser.add_argument("--largest", type=int, default=1_000_000, help="the largest store")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}; SQLite {sqlite3.sqlite_version}\n")
    print("The yearly statistics table, per agency and field")
    sizes = [size for size in (10_000, 100_000, 1_000_000) if size <= args.largest]
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "province.sqlite3", calendar=CALENDAR)
        stored = 0
        previous: float | None = None
        for size in sizes:
            began = time.perf_counter()
            for first in range(stored, size, 10_000):
                batch = [year_dossier(n) for n in range(first, min(size, first + 10_000))]
                store.import_histories(batch, batch=1_000)
            stored = size
            built = time.perf_counter() - began
            sql = min(_timed(lambda: store.statistics(*YEAR)) for _ in range(args.repeat))
            rows = store.statistics(*YEAR)
            python = _timed(lambda: python_table(store))
            growth = f"   {sql / previous:4.1f}× the time at a tenth" if previous else ""
            print(
                f"  {size:>9,} dossiers ({len(rows)} rows; built in {built:5.0f} s): "
                f"SQL {sql * 1e3:8.1f} ms   Python over the rows {python * 1e3:9.1f} ms   "
                f"{python / sql:5.1f}× faster{growth}",
                flush=True,
            )
            quality = min(_timed(lambda: store.quality(*YEAR)) for _ in range(args.repeat))
            print(f"  {'':>9}  Decision 766 counts (SQL, with the outbox): {quality * 1e3:8.1f} ms")
            previous = sql
        store.close()


def _timed(run: object) -> float:
    began = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - began


if __name__ == "__main__":
    main()
