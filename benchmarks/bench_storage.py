"""Benchmarks of the SQLite dossier store against raw ``sqlite3`` doing the same writes.

Run with ``python benchmarks/bench_storage.py`` (or ``nox -s bench``). Measures, in one
run, on files in a temporary folder on disk (WAL, ``synchronous=FULL`` for both):

* **durable single appends** — one event per transaction, each acknowledged only once
  on disk: onestop's ``SQLiteStore.append`` (checks the expected version, applies the
  event, computes its canonical JSON, its chain hash and the projection row, writes
  event + projection + outbox) against raw ``sqlite3`` inserting the very same rows,
  computed beforehand;
* **a year of history** — ``--dossiers`` dossiers (default 100,000, about 8 events
  each) imported in batches of 1,000 with ``import_histories``, against raw
  ``executemany`` of the same rows (building the dossiers is not timed);
* **loading a 10-event dossier** — ``SQLiteStore.load`` (every event validated and
  the history folded) against raw ``SELECT`` of its bodies and ``json.loads``.

Ratios are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench_domain import best_of

from onestop import Actor
from onestop import Applicant
from onestop import Dossier
from onestop import DossierCode
from onestop import Role
from onestop import vietnam_calendar
from onestop.catalogs import sample_catalog
from onestop.events import Intake
from onestop.events import Paid
from onestop.events import PaymentRequested
from onestop.events import Received
from onestop.events import Resolved
from onestop.events import Returned
from onestop.events import Supplemented
from onestop.events import SupplementRequested
from onestop.events import Transferred
from onestop.storage import SQLiteStore
from onestop.storage._append import event_rows
from onestop.storage._hash_chain import GENESIS
from onestop.storage._sqlite_schema import MIGRATIONS
from onestop.storage._summary import summarize

DESK = "000.00.12.H38"
DEPT = "000.00.13.H38"
CLERK = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK, Role.SPECIALIST}, DESK)
LEADER = Actor("Lãnh đạo", {Role.LEADER, Role.SPECIALIST}, DEPT)
APPLICANT = Actor.applicant("Người nộp")
START = datetime(2026, 1, 5, 9)
CALENDAR = vietnam_calendar()
PROCEDURES = [sample_catalog().get(code) for code in ("1.004222", "1.001612", "1.012787")]


def year_dossier(number: int) -> Dossier:
    """A dossier of a year's mix, 7 to 9 events (8 on average): receipt, supplement,
    payment, transfers, result and return, spread over 2026 by its number."""
    procedure = PROCEDURES[number % len(PROCEDURES)]
    at = START + timedelta(days=(number // 400) % 340, minutes=number % 400)
    intake = Intake(
        dossier_id=f"{number:032x}",
        agency=DESK,
        channel=procedure.channels[0],
        applicant=Applicant("Người nộp"),
        terms=procedure.terms(procedure.channels[0]),
    )
    code = DossierCode(DESK, at.date(), number % 99_999 + 1)
    dossier = Dossier([Received(at=at, actor=CLERK, code=code, intake=intake)])
    steps: list[Any] = [
        lambda t: SupplementRequested(at=t, actor=CLERK, items=["bản sao"]),
        lambda t: Supplemented(at=t, actor=APPLICANT),
        lambda t: PaymentRequested(at=t, actor=CLERK, amount=20_000),
        lambda t: Paid(at=t, actor=APPLICANT, amount=20_000),
        lambda t: Transferred(at=t, actor=CLERK, to_agency=DEPT, step="thẩm định"),
        lambda t: Transferred(at=t, actor=LEADER, to_agency=DESK, step="trình ký"),
        lambda t: Resolved(at=t, actor=LEADER, result="kết quả"),
        lambda t: Returned(at=t, actor=CLERK, channel=procedure.channels[0]),
    ]
    for step in steps[: 6 + number % 3]:
        at += timedelta(hours=5)
        dossier = dossier.apply(step(at))
    return dossier


def raw_database(path: Path) -> sqlite3.Connection:
    """A database with onestop's schema, configured the same way, for the raw writer."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    for migration in MIGRATIONS:
        for statement in migration.split(";"):
            if statement.strip():
                db.execute(statement)
    return db


def projection_values(dossier: Dossier, version: int, head: bytes) -> tuple[Any, ...]:
    """Every projection column the store writes, in the order of ``COLUMNS``."""
    s = summarize(dossier, version, CALENDAR)
    moment = lambda value: value.isoformat() if value else None  # noqa: E731
    return (
        s.dossier_id, version, head, s.code, s.status.value, s.agency, s.holder, s.procedure,
        s.channel.value, moment(s.received_at), moment(s.due), int(s.paused),
        moment(s.closed_at), s.outcome.value if s.outcome else None, moment(s.updated_at),
        s.field, s.step, s.late_by.total_seconds() if s.late_by else None, int(s.apologized),
        int(s.digitised), int(s.result_digitised), s.payment_requests, int(s.paid_online),
        s.rating.value if s.rating else None, moment(s.finished_at),
        None if s.indicator_on_time is None else int(s.indicator_on_time),
    )  # fmt: skip


COLUMNS = (
    "dossier_id, version, head, code, status, agency, holder, procedure, channel, received_at, "
    "due, paused, closed_at, outcome, updated_at, field, step, late_seconds, apologized, "
    "digitised, result_digitised, payment_requests, paid_online, rating, finished_at, "
    "indicator_on_time"
)
_NAMES = [name.strip() for name in COLUMNS.split(",")]
# Built from the constant column names above; every value is a bound parameter.
UPSERT = (
    f"INSERT INTO dossiers ({COLUMNS}) VALUES ({', '.join('?' for _ in _NAMES)}) "  # noqa: S608
    "ON CONFLICT (dossier_id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _NAMES[1:])
    + " RETURNING position"
)
EVENT = "INSERT INTO events (dossier, version, kind, at, body, hash) VALUES (?, ?, ?, ?, ?, ?)"
OUTBOX = "INSERT INTO outbox (dossier, version, key, kind, body) VALUES (?, ?, ?, ?, ?)"


def bench_appends(folder: Path, count: int) -> None:
    print(f"Durable single appends ({count} events, one transaction each, synchronous=FULL)")
    dossiers = [year_dossier(n) for n in range(count // 8 + 1)]
    plan = [(d, v) for d in dossiers for v in range(len(d))][:count]
    # the raw writer gets every row precomputed: only SQL and fsync are timed
    prepared = []
    for dossier, version in plan:
        prefix = Dossier(dossier.events[: version + 1])
        row = event_rows(dossier.events, 1, GENESIS)[version]
        prepared.append((projection_values(prefix, version + 1, row.hash), row, dossier.id))
    raw = raw_database(folder / "raw.sqlite3")
    store = SQLiteStore(folder / "onestop.sqlite3", calendar=CALENDAR)
    current: dict[str, Dossier | None] = {}
    ours = raw_time = 0.0
    # the two writers take turns, 50 appends each, so that the disk's moods hit both alike
    for start in range(0, len(plan), 50):
        began = time.perf_counter()
        for values, row, dossier_id in prepared[start : start + 50]:
            raw.execute("BEGIN IMMEDIATE")
            position = raw.execute(UPSERT, values).fetchone()[0]
            event = (position, row.version, row.kind, row.at.isoformat(), row.body, row.hash)
            raw.execute(EVENT, event)
            key = f"{dossier_id}:{row.version}"
            raw.execute(OUTBOX, (position, row.version, key, row.kind, row.body))
            raw.execute("COMMIT")
        raw_time += time.perf_counter() - began
        began = time.perf_counter()
        for dossier, version in plan[start : start + 50]:
            stored = current.get(dossier.id)
            current[dossier.id] = store.append(stored, version, [dossier.events[version]])
        ours += time.perf_counter() - began
    store.close()
    print(
        f"  onestop {count / ours:8.0f} appends/s ({ours / count * 1e3:.2f} ms each)   "
        f"raw sqlite3 {count / raw_time:8.0f}/s ({raw_time / count * 1e3:.2f} ms)   "
        f"onestop at {raw_time / ours:5.0%} of the raw rate"
    )


def bench_import(folder: Path, count: int) -> None:
    print(f"A year of history: {count:,} dossiers imported in batches of 1,000")
    store = SQLiteStore(folder / "year.sqlite3", calendar=CALENDAR)
    raw = raw_database(folder / "year-raw.sqlite3")
    ours = raw_time = 0.0
    events = 0
    for first in range(0, count, 10_000):
        batch = [year_dossier(n) for n in range(first, min(count, first + 10_000))]
        began = time.perf_counter()
        events += store.import_histories(batch, batch=1_000)
        ours += time.perf_counter() - began
        rows = []
        for dossier in batch:
            chained = event_rows(dossier.events, 1, GENESIS)
            rows.append((projection_values(dossier, len(chained), chained[-1].hash), chained))
        began = time.perf_counter()
        for start in range(0, len(rows), 1_000):
            raw.execute("BEGIN IMMEDIATE")
            for values, chained in rows[start : start + 1_000]:
                position = raw.execute(UPSERT, values).fetchone()[0]
                raw.executemany(
                    EVENT,
                    [
                        (position, r.version, r.kind, r.at.isoformat(), r.body, r.hash)
                        for r in chained
                    ],
                )
            raw.execute("COMMIT")
        raw_time += time.perf_counter() - began
        print(
            f"  … {first + len(batch):,} dossiers, {events:,} events, onestop {ours:.1f} s",
            flush=True,
        )
    store.close()
    print(
        f"  onestop {ours:6.1f} s ({events / ours:,.0f} events/s)   raw sqlite3 (rows precomputed) "
        f"{raw_time:6.1f} s   {ours / raw_time:4.1f}× the raw time"
    )


def bench_load(folder: Path, repeat: int) -> None:
    print("Loading a 10-event dossier (validated and folded) against reading its JSON")
    store = SQLiteStore(folder / "load.sqlite3", calendar=CALENDAR)
    dossier = year_dossier(0)  # received, supplement, payment, transfer, back: 7 events
    at = dossier.events[-1].at
    for step in range(3):  # three more: another supplement round and a transfer
        at += timedelta(hours=2)
        event: Any = (
            SupplementRequested(at=at, actor=CLERK, items=["bản chính"]),
            Supplemented(at=at, actor=APPLICANT),
            Transferred(at=at, actor=CLERK, to_agency=DEPT, step="ký"),
        )[step]
        dossier = dossier.apply(event)
    store.append(None, 0, dossier.events)
    raw = sqlite3.connect(folder / "load.sqlite3")
    sql = (
        "SELECT e.body FROM dossiers d JOIN events e ON e.dossier = d.position "
        "WHERE d.dossier_id = ? ORDER BY e.version"
    )

    def cold() -> Any:
        store._recent.forget()  # every load decodes and folds the history
        return store.load(dossier.id)

    ours = best_of(repeat, 2_000, cold)
    kept = best_of(repeat, 2_000, lambda: store.load(dossier.id))
    plain = best_of(
        repeat, 2_000, lambda: [json.loads(r[0]) for r in raw.execute(sql, (dossier.id,))]
    )
    print(
        f"  {len(dossier)} events: onestop {ours * 1e6:7.1f} µs   raw SELECT + json.loads "
        f"{plain * 1e6:6.1f} µs   {ours / plain:4.1f}×   (a dossier the store keeps: "
        f"{kept * 1e6:.1f} µs)"
    )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timings per measure (best kept)")
    parser.add_argument("--appends", type=int, default=2_000, help="durable appends to time")
    parser.add_argument("--dossiers", type=int, default=100_000, help="dossiers in the year")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}; SQLite {sqlite3.sqlite_version}\n")
    with tempfile.TemporaryDirectory() as folder:  # on disk here; tmpfs would hide fsync
        bench_appends(Path(folder), args.appends)
        bench_load(Path(folder), args.repeat)
        if args.dossiers:
            bench_import(Path(folder), args.dossiers)


if __name__ == "__main__":
    main()
