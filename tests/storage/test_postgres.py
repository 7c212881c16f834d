"""The PostgreSQL store against a real server: a throwaway cluster started for the session.

CI installs Debian's PostgreSQL (`.ci/run`) and must run these tests; elsewhere they are
skipped when no server binaries exist. Every cluster lives in a temporary folder,
listens only on a Unix socket there, and is removed afterwards.
"""

import itertools
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest

from onestop import cli
from onestop.demo._run import run_demo
from onestop.domain.model._status import DossierStatus
from onestop.exceptions import ConcurrencyError
from onestop.exceptions import StorageError
from onestop.exceptions import UsageError
from onestop.plugins._manager import plugin_host
from onestop.settings import Settings
from onestop.storage import DossierQuery
from onestop.storage._contract import every_match
from onestop.storage._sqlite import SQLiteStore
from onestop.testing.conformance import STORE_CHECKS
from onestop.testing.conformance import check_store
from onestop.testing.conformance import sample_dossiers
from onestop.testing.portal import StandInPortal
from onestop.testing.postgres import ThrowawayCluster
from onestop.testing.postgres import server_binaries
from onestop.testing.strategies import event_for

psycopg = pytest.importorskip("psycopg")
from onestop.storage._postgres import PostgresStore  # noqa: E402
from onestop.storage._postgres_schema import MIGRATIONS  # noqa: E402
from onestop.storage._postgres_schema import SCHEMA_VERSION  # noqa: E402

#: Needs a real PostgreSQL server.
pytestmark = pytest.mark.postgres

WORKER = str(Path(__file__).with_name("store_worker.py"))


@pytest.fixture(scope="session")
def cluster():
    if server_binaries() is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs Debian's PostgreSQL (.ci/run); its binaries are missing")
        pytest.skip("no PostgreSQL server binaries on this machine (CI installs them)")
    with ThrowawayCluster() as running:
        yield running


@pytest.fixture
def new_database(cluster):
    """A factory of empty databases in the session's cluster, by connection string."""
    numbers = itertools.count()
    prefix = f"db_{os.getpid()}_{random.randrange(10**6)}"  # noqa: S311 - a name

    def make():
        name = f"{prefix}_{next(numbers)}"
        with psycopg.connect(cluster.dsn, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return cluster.dsn.replace("dbname=postgres", f"dbname={name}")

    return make


@pytest.fixture
def new_store(new_database):
    stores = []

    def make():
        store = PostgresStore(new_database(), max_connections=2)
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.close()


@pytest.mark.parametrize("check", STORE_CHECKS, ids=lambda check: check.__name__)
def test_the_postgres_store_keeps_the_contract(new_store, check):
    check(new_store())


def test_check_store_reports_every_check(new_store):
    report = check_store(new_store)
    assert report.ok, str(report)


def test_the_store_hook_opens_postgres_for_a_connection_url(new_database):
    dsn = new_database()
    url = "postgresql:///{db}?host={host}&user=postgres".format(
        db=dsn.split("dbname=")[1], host=dsn.split("host=")[1].split()[0]
    )
    host = plugin_host(load_entry_points=False)
    store = host.store(Settings(store=url))
    try:
        assert isinstance(store, PostgresStore)
        assert store.schema_version == SCHEMA_VERSION == 2
    finally:
        store.close()


def test_bad_arguments_and_unreachable_servers(tmp_path):
    with pytest.raises(UsageError, match="connection string"):
        PostgresStore("")
    with pytest.raises(UsageError, match="max_connections"):
        PostgresStore("host=/nowhere", max_connections=0)
    for timeout in (float("nan"), -1, 1e10):
        with pytest.raises(UsageError, match="timeout"):
            PostgresStore("host=/nowhere", timeout=timeout)
    with pytest.raises(UsageError, match="connection string"):
        PostgresStore("host='unclosed")
    with pytest.raises(StorageError, match="cannot connect"):
        PostgresStore(f"host={tmp_path} dbname=none user=postgres connect_timeout=1")


def test_eight_writers_on_overlapping_dossiers_lose_no_update(new_database):
    dsn = new_database()
    dossiers = [d for d in sample_dossiers(24) if d.status is DossierStatus.RECEIVED][:6]
    with PostgresStore(dsn) as store:
        for dossier in dossiers:
            store.append(None, 0, dossier.events)
    rounds, writers = 5, 8
    ids = [d.id for d in dossiers]
    workers = [
        subprocess.Popen(  # noqa: S603 - our own worker script
            [sys.executable, WORKER, "contend", dsn, str(rounds), *ids[n % 3 :], *ids[: n % 3]],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(writers)
    ]
    results = [worker.communicate(timeout=600)[0].split() for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    acknowledged = sum(int(result[0]) for result in results)
    assert acknowledged == writers * rounds * len(ids)
    with PostgresStore(dsn) as store:
        stored = sum(store.version(i) for i in ids)
        assert stored == sum(len(d) for d in dossiers) + acknowledged  # not one lost
        report = store.verify_all()
        assert report.ok, report.problems


def test_threads_of_one_store_append_at_once_and_one_wins_a_dossier(new_database):
    threads = 8
    with PostgresStore(new_database(), max_connections=threads) as store:
        dossiers = [d for d in sample_dossiers(60) if d.status is DossierStatus.RECEIVED]
        shared, own = dossiers[0], dossiers[1:]
        stored = store.append(None, 0, shared.events)
        start = threading.Barrier(threads)
        outcomes = []

        def write(number):
            start.wait()
            for dossier in own[number::threads]:  # dossiers of its own: no one waits
                store.append(None, 0, dossier.events)
            at = shared.events[-1].at + timedelta(minutes=number + 1)
            try:  # the same next version of the shared dossier: one wins
                store.append(stored, len(stored), [event_for("transferred", at, stored)])
            except ConcurrencyError:
                outcomes.append("conflict")
            else:
                outcomes.append("stored")

        workers = [threading.Thread(target=write, args=(n,)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(300)
        assert sorted(outcomes) == ["conflict"] * (threads - 1) + ["stored"]
        assert store.version(shared.id) == len(shared) + 1
        assert all(store.version(d.id) == len(d) for d in own)
        report = store.verify_all()
        assert report.ok, report.problems


def test_acknowledged_events_survive_a_writer_killed_mid_append(new_database):
    dsn = new_database()
    PostgresStore(dsn).close()
    rng = random.Random(9)  # noqa: S311 - kill times, not secrets
    acknowledged = {}
    for round_number in range(8):
        writer = subprocess.Popen(  # noqa: S603 - our own worker script
            [sys.executable, WORKER, "crash", dsn, str(round_number * 1000), "999"],
            stdout=subprocess.PIPE,
            text=True,
        )
        first = writer.stdout.readline()
        assert first, "the writer did not start"
        time.sleep(rng.uniform(0.0, 0.3))
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        for line in [first, *output.split("\n")[:-1]]:
            if line.strip():
                dossier_id, version = line.split()
                acknowledged[dossier_id] = max(acknowledged.get(dossier_id, 0), int(version))
    with PostgresStore(dsn) as store:
        for dossier_id, version in acknowledged.items():
            assert store.version(dossier_id) >= version, f"{dossier_id} lost an acknowledged event"
        report = store.verify_all()
        assert report.ok, report.problems


def test_onestop_migrate_and_the_demo_on_postgres(new_database, tmp_path, capsys, monkeypatch):
    dsn = new_database()
    url = "postgresql:///{db}?host={host}&user=postgres".format(
        db=dsn.split("dbname=")[1], host=dsn.split("host=")[1].split()[0]
    )
    monkeypatch.setenv("ONESTOP_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert cli.main(["migrate", "--store", url]) == 0
    assert f"schema version {SCHEMA_VERSION}" in capsys.readouterr().out
    result = run_demo(tmp_path, seed=2, dossiers=40, progress=False, store=url)
    capsys.readouterr()
    with PostgresStore(dsn) as store:
        assert store.count(DossierQuery()) == result.outline.arrived == 40
        assert result.delivered == sum(s.version for s in every_match(store, DossierQuery()))
        assert store.verify_all().ok
    assert not (tmp_path / "onestop.sqlite3").exists()  # the demo ran on PostgreSQL
    with pytest.raises(UsageError, match="empty store"):
        run_demo(tmp_path, dossiers=5, progress=False, store=url)


# -- outbox workers ------------------------------------------------------------------


def race_outbox_workers(spec, workers=4):
    """Fill the outbox of the store at ``spec``; drain it with racing worker processes."""
    dossiers = sample_dossiers(40)
    with PostgresStore(spec) if "dbname=" in spec else SQLiteStore(spec) as store:
        store.import_histories(dossiers, deliver=True)
        total = len(store.outbox())
    with StandInPortal(lifetime=600) as portal:
        processes = [
            subprocess.Popen(  # noqa: S603 - our own worker script
                [sys.executable, WORKER, "drain", spec, portal.url, f"worker-{n}"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for n in range(workers)
        ]
        for process in processes:
            assert process.stdout.readline().strip() == "ready"
        for process in processes:  # all at once
            process.stdin.write("go\n")
            process.stdin.flush()
        results = [process.communicate(timeout=600)[0].split() for process in processes]
        assert all(process.returncode == 0 for process in processes)
        delivered = [int(result[0]) for result in results]
        assert sum(int(result[1]) for result in results) == 0
        assert sum(delivered) == total == len(portal.deliveries)  # each message once
        assert portal.duplicates == 0
        versions = defaultdict(list)
        for delivery in portal.deliveries:  # in the order the portal received them
            versions[delivery.dossier_id].append(delivery.version)
        assert dict(versions) == {d.id: list(range(1, len(d) + 1)) for d in dossiers}
    with PostgresStore(spec) if "dbname=" in spec else SQLiteStore(spec) as store:
        assert not store.outbox()
        shared = {m.claimed_by for m in store.outbox(include_delivered=True)}
    assert len([n for n in delivered if n]) >= 2, f"one worker took everything: {delivered}"
    assert shared <= {f"worker-{n}" for n in range(workers)}


def test_outbox_workers_racing_on_postgres_deliver_each_message_once_in_order(new_database):
    race_outbox_workers(new_database())


def test_outbox_workers_racing_on_sqlite_deliver_each_message_once_in_order(tmp_path):
    race_outbox_workers(str(tmp_path / "office.sqlite3"))


def test_claims_skip_what_another_transaction_has_locked(new_database):
    """A claim takes what is not locked and does not wait for what is."""
    dsn = new_database()
    with PostgresStore(dsn) as store:
        store.import_histories(sample_dossiers(6), deliver=True)
        taken = []
        with psycopg.connect(dsn) as other, other.transaction():
            # another worker's claim in flight: it has locked the two oldest ready rows
            locked = other.execute(
                "SELECT id FROM outbox WHERE version = 1 ORDER BY id LIMIT 2 FOR UPDATE"
            ).fetchall()
            claiming = threading.Thread(
                target=lambda: taken.extend(
                    store.claim(datetime(2026, 12, 1), "mine", timedelta(minutes=1))
                )
            )
            claiming.start()
            claiming.join(120)
            # a claim that waited for the lock would still be blocked here
            assert not claiming.is_alive(), "the claim waited for another transaction's lock"
        assert {m.id for m in taken}.isdisjoint(row[0] for row in locked)
        assert len(taken) == 4  # every other dossier's head


def test_an_append_wakes_a_waiting_worker_through_notify(new_database):
    dsn = new_database()
    dossiers = sample_dossiers(30)
    with PostgresStore(dsn) as waiting, PostgresStore(dsn) as writing:
        waiting.wait(0)  # listening from now on
        assert waiting.wait(0) is False  # nothing happened
        woken = []
        thread = threading.Thread(target=lambda: woken.append(waiting.wait(60)))
        thread.start()
        for dossier in dossiers:  # another process's appends, until the waiter wakes
            writing.append(None, 0, dossier.events)
            thread.join(0.05)
            if not thread.is_alive():
                break
        thread.join(60)
        assert woken == [True]


def test_a_version_1_database_is_migrated(new_database, monkeypatch):
    dsn = new_database()
    dossiers = sample_dossiers(5)
    with psycopg.connect(dsn) as db:  # the schema as onestop wrote it at version 1
        db.execute("CREATE TABLE onestop_schema (version integer NOT NULL)")
        db.execute("INSERT INTO onestop_schema (version) VALUES (1)")
        for statement in MIGRATIONS[0].split(";"):
            if statement.strip():
                db.execute(statement)
    with monkeypatch.context() as old:  # an onestop that knew only version 1 fills it
        old.setattr("onestop.storage._postgres.SCHEMA_VERSION", 1)
        with PostgresStore(dsn) as store:
            assert store.schema_version == 1
            store.import_histories(dossiers, deliver=True)
    with PostgresStore(dsn) as store:
        assert store.schema_version == SCHEMA_VERSION == 2
        assert [store.load(d.id) for d in dossiers] == dossiers
        assert store.verify_all().ok
        claimed = store.claim(datetime(2026, 12, 1), "worker", timedelta(minutes=1))
        assert sorted(m.dossier_id for m in claimed) == sorted(d.id for d in dossiers)
        assert {(m.version, m.claimed_by) for m in claimed} == {(1, "worker")}


def test_a_lost_listening_connection_is_a_storage_error_and_the_next_wait_reconnects(
    new_database,
):
    dsn = new_database()
    with PostgresStore(dsn) as store:
        store.wait(0)  # listening
        with psycopg.connect(dsn, autocommit=True) as admin:  # the server drops it
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
            )
        with pytest.raises(StorageError, match="cannot listen"):
            store.wait(5)
        assert store.wait(0) is False  # connected again
        store.append(None, 0, sample_dossiers(1)[0].events)
        assert store.wait(30) is True


def test_a_server_that_goes_down_is_a_storage_error_naming_it_and_comes_back():
    dossiers = sample_dossiers(2)
    with ThrowawayCluster() as cluster:
        store = PostgresStore(cluster.dsn, max_connections=2, timeout=1)
        store.append(None, 0, dossiers[0].events)
        cluster.pause()
        try:
            for _ in range(2):  # the broken connection, then the pool's wait for a new one
                with pytest.raises(StorageError, match=f"PostgreSQL at {cluster.folder}"):
                    store.load(dossiers[0].id)
            with pytest.raises(StorageError, match="PostgreSQL at"):
                store.append(None, 0, dossiers[1].events)
        finally:
            cluster.resume()
        # the pool connects again in the background, with backoff: within a minute
        assert _eventually(lambda: store.load(dossiers[0].id)) == dossiers[0]
        store.append(None, 0, dossiers[1].events)
        store.close()


def _eventually(call, seconds=60):
    """``call()``'s result once it stops raising StorageError; the last error after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return call()
        except StorageError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_postgres_schema_has_the_projection_column_table(new_database):
    from onestop.storage._projection_sql import COLUMNS

    dsn = new_database()
    PostgresStore(dsn, max_connections=1).close()
    with psycopg.connect(dsn) as db:
        rows = db.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'dossiers'"
        ).fetchall()
    columns = {name: kind for name, kind in rows if name not in {"position", "dossier_id"}}
    assert columns == {c.name: c.postgres for c in COLUMNS}
