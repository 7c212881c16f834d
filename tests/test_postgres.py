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
import time
from pathlib import Path

import pytest

from onestop import cli
from onestop.demo.run import run_demo
from onestop.domain.model.status import DossierStatus
from onestop.exceptions import StorageError, UsageError
from onestop.plugins.manager import plugin_host
from onestop.settings import Settings
from onestop.storage import DossierQuery
from onestop.storage.contract import every_match
from onestop.testing.conformance import STORE_CHECKS, check_store, sample_dossiers
from onestop.testing.postgres import ThrowawayCluster, server_binaries

psycopg = pytest.importorskip("psycopg")
from onestop.storage.postgres import PostgresStore  # noqa: E402

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
        assert store.schema_version == 1
    finally:
        store.close()


def test_bad_arguments_and_unreachable_servers(tmp_path):
    with pytest.raises(UsageError, match="connection string"):
        PostgresStore("")
    with pytest.raises(UsageError, match="max_connections"):
        PostgresStore("host=/nowhere", max_connections=0)
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
    assert "schema version 1" in capsys.readouterr().out
    result = run_demo(tmp_path, seed=2, dossiers=40, progress=False, store=url)
    capsys.readouterr()
    with PostgresStore(dsn) as store:
        assert store.count(DossierQuery()) == result.outline.arrived == 40
        assert result.delivered == sum(s.version for s in every_match(store, DossierQuery()))
        assert store.verify_all().ok
    assert not (tmp_path / "onestop.sqlite3").exists()  # the demo ran on PostgreSQL
    with pytest.raises(UsageError, match="empty store"):
        run_demo(tmp_path, dossiers=5, progress=False, store=url)
