"""A process that writes to a store, for the crash and concurrency tests.

STORE is an SQLite file path, or a PostgreSQL connection string ("host=… dbname=…").

python store_worker.py crash STORE FIRST COUNT
    appends the sample dossiers FIRST.. one event at a time, printing
    "<dossier id> <version>" after each acknowledged append (until killed);
python store_worker.py contend STORE ROUNDS ID...
    appends ROUNDS transfers to each dossier, reloading and retrying on conflicts,
    then prints how many of its appends were acknowledged and how many conflicted;
python store_worker.py drain STORE PORTAL_URL WORKER
    prints "ready", waits for a line on stdin, drains the outbox into the stand-in
    portal at PORTAL_URL as WORKER (claims of 5), then prints how many it delivered
    and how many deliveries failed.
"""
# ruff: noqa: T201 - the worker reports to its parent on stdout

import sys
from datetime import timedelta

from onestop.exceptions import ConcurrencyError
from onestop.storage import SQLiteStore
from onestop.testing.conformance import sample_dossiers
from onestop.testing.strategies import event_for


def open_store(spec):
    if "dbname=" in spec or spec.startswith("postgresql://"):
        from onestop.storage._postgres import PostgresStore

        return PostgresStore(spec, max_connections=1)
    return SQLiteStore(spec, timeout=60)


def crash(path, first, count):
    store = open_store(path)
    for dossier in sample_dossiers(count, first=first):
        stored = None
        for version, event in enumerate(dossier.events):
            stored = store.append(stored, version, [event])
            print(dossier.id, version + 1, flush=True)


def contend(path, rounds, ids):
    store = open_store(path)
    acknowledged = conflicts = 0
    for _ in range(rounds):
        for dossier_id in ids:
            while True:
                dossier = store.load(dossier_id)
                at = dossier.events[-1].at + timedelta(minutes=1)
                try:
                    store.append(dossier, len(dossier), [event_for("transferred", at, dossier)])
                except ConcurrencyError:
                    conflicts += 1
                    continue
                acknowledged += 1
                break
    print(acknowledged, conflicts, flush=True)


def drain(path, url, worker):
    from onestop.portal._national_portal import NationalPortal
    from onestop.portal._sync import OutboxSync
    from onestop.testing.strategies import RECEIVING_AGENCY

    store = open_store(path)
    portal = NationalPortal(url, user="onestop", password="stand-in", agency=RECEIVING_AGENCY)
    sync = OutboxSync(store, portal, worker=worker, base_delay=timedelta(milliseconds=10))
    print("ready", flush=True)
    sys.stdin.readline()  # every worker starts at once
    report = sync.drain(timeout=300, limit=5)
    print(report.delivered, report.failed, flush=True)


if __name__ == "__main__":
    command, path, *rest = sys.argv[1:]
    if command == "crash":
        crash(path, int(rest[0]), int(rest[1]))
    elif command == "drain":
        drain(path, rest[0], rest[1])
    else:
        contend(path, int(rest[0]), rest[1:])
