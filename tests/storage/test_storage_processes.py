"""The SQLite store under real processes: killed writers and concurrent writers.

Every run targets files in a temporary folder and stops by itself.
"""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from onestop.domain.model._status import DossierStatus
from onestop.storage import DossierQuery
from onestop.storage import SQLiteStore
from onestop.testing.conformance import sample_dossiers

WORKER = str(Path(__file__).with_name("store_worker.py"))
KILLS = 25


def test_acknowledged_events_survive_sigkill_at_random_points(tmp_path):
    path = tmp_path / "office.sqlite3"
    SQLiteStore(path).close()
    rng = random.Random(8)  # noqa: S311 - kill times, not secrets
    acknowledged = {}
    for round_number in range(KILLS):
        writer = subprocess.Popen(  # noqa: S603 - our own worker script
            [sys.executable, WORKER, "crash", str(path), str(round_number * 1000), "999"],
            stdout=subprocess.PIPE,
            text=True,
        )
        first = writer.stdout.readline()  # wait until it is writing
        assert first, "the writer did not start"
        time.sleep(rng.uniform(0.0, 0.3))
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        complete = output.split("\n")[:-1]  # a line cut by the kill has no newline
        for line in [first, *complete]:
            if line.strip():
                dossier_id, version = line.split()
                acknowledged[dossier_id] = max(acknowledged.get(dossier_id, 0), int(version))
        assert writer.returncode == -signal.SIGKILL
    assert len(acknowledged) > KILLS  # every round wrote
    expected = {
        d.id: d
        for round_number in range(KILLS)
        for d in sample_dossiers(999, first=round_number * 1000)
        if d.id in acknowledged
    }
    with SQLiteStore(path) as store:
        for dossier_id, version in acknowledged.items():
            assert store.version(dossier_id) >= version, f"{dossier_id} lost an acknowledged event"
            stored = store.load(dossier_id)
            assert stored.events == expected[dossier_id].events[: len(stored)]
        report = store.verify_all()
        assert report.ok, report.problems
        assert report.checked >= len(acknowledged)


def test_two_processes_on_the_same_dossiers_lose_no_update(tmp_path):
    path = tmp_path / "office.sqlite3"
    dossiers = [d for d in sample_dossiers(12) if d.status is DossierStatus.RECEIVED][:4]
    with SQLiteStore(path) as store:
        for dossier in dossiers:
            store.append(None, 0, dossier.events)
    rounds = 15
    ids = [d.id for d in dossiers]
    workers = [
        subprocess.Popen(  # noqa: S603 - our own worker script
            [sys.executable, WORKER, "contend", str(path), str(rounds), *ids],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [worker.communicate(timeout=300)[0].split() for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    acknowledged = sum(int(result[0]) for result in results)
    assert acknowledged == 2 * rounds * len(ids)
    with SQLiteStore(path) as store:
        stored = sum(store.version(i) for i in ids)
        assert stored == sum(len(d) for d in dossiers) + acknowledged  # not one lost
        assert store.verify_all().ok
        assert store.count(DossierQuery(status=DossierStatus.PROCESSING)) == len(ids)
