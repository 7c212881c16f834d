"""The dossier stores: the conformance kit on both, tampering behind the store's back,
schema migrations, and the kit's own power to catch a broken store."""

import sqlite3
import threading
from datetime import datetime
from datetime import timedelta

import attrs
import pytest

from onestop import Dossier
from onestop import vietnam_calendar
from onestop.exceptions import ConcurrencyError
from onestop.exceptions import SerializationError
from onestop.exceptions import StorageError
from onestop.exceptions import UsageError
from onestop.storage import DossierQuery
from onestop.storage import MemoryStore
from onestop.storage import SQLiteStore
from onestop.storage import checkpoints_from_json
from onestop.storage import checkpoints_to_json
from onestop.storage._append import decode_events
from onestop.storage._append import event_rows
from onestop.storage._append import plan_append
from onestop.storage._hash_chain import GENESIS
from onestop.storage._hash_chain import merkle_root
from onestop.storage._projection_sql import PROJECTION
from onestop.storage._projection_sql import summary_values
from onestop.storage._sqlite_schema import MIGRATIONS
from onestop.storage._sqlite_schema import SCHEMA_VERSION
from onestop.storage._summary import summarize
from onestop.testing.conformance import STORE_CHECKS
from onestop.testing.conformance import ConformanceFailure
from onestop.testing.conformance import check_store
from onestop.testing.conformance import sample_dossiers
from onestop.testing.strategies import event_for

NOW = datetime(2026, 4, 1, 9)


@pytest.mark.parametrize("check", STORE_CHECKS, ids=lambda check: check.__name__)
def test_built_in_stores_keep_the_contract(new_store, check):
    check(new_store())


def test_check_store_reports_every_check(new_store):
    report = check_store(new_store)
    assert report.ok, str(report)
    assert len(report.passed) == len(STORE_CHECKS)


class ForgetfulStore(MemoryStore):
    """Swallows conflicts and acknowledges the append anyway: a lost update."""

    def append(self, dossier, expected_version, events):
        try:
            return super().append(dossier, expected_version, events)
        except ConcurrencyError:
            return plan_append(dossier, expected_version, events)


class SloppyPagesStore(MemoryStore):
    """Loses the last row of every page."""

    def query(self, query):
        page = super().query(query)
        return attrs.evolve(page, items=page.items[:-1]) if page.next else page


def test_the_kit_catches_broken_stores():
    report = check_store(ForgetfulStore)
    assert "check_stale_version" in dict(report.failures)
    report = check_store(SloppyPagesStore)
    assert [name for name, _ in report.failures] == ["check_queries"]
    assert "check_queries" in str(report)


def test_a_check_names_what_failed():
    with pytest.raises(ConformanceFailure, match="did not raise ConcurrencyError"):
        STORE_CHECKS[1](ForgetfulStore())


# -- SQLite: the file -----------------------------------------------------------------


@pytest.fixture
def filled(tmp_path):
    path = tmp_path / "office.sqlite3"
    store = SQLiteStore(path)
    dossiers = sample_dossiers(8)
    for dossier in dossiers:
        store.append(None, 0, dossier.events)
    yield path, store, dossiers
    store.close()


def raw(path):
    return sqlite3.connect(path, isolation_level=None)


def test_the_file_is_durable_wal(filled):
    path, store, _ = filled
    db = raw(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.schema_version == SCHEMA_VERSION


def test_another_connection_sees_every_acknowledged_event(filled):
    path, _, dossiers = filled
    reopened = SQLiteStore(path)
    assert [reopened.load(d.id) for d in dossiers] == dossiers
    assert reopened.verify_all().ok


def edit(path, sql, *parameters):
    db = raw(path)
    db.execute(sql, parameters)
    db.close()


def problems_after(path, sql, *parameters):
    edit(path, sql, *parameters)
    with SQLiteStore(path) as store:
        return store.verify_all().problems


def test_an_edited_event_is_found(filled):
    path, store, dossiers = filled
    target = dossiers[4]
    body = (
        raw(path)
        .execute(
            "SELECT e.body FROM events e JOIN dossiers d ON d.position = e.dossier "
            "WHERE d.dossier_id = ? AND e.version = 2",
            (target.id,),
        )
        .fetchone()[0]
    )
    forged = bytes(body).replace(b"2026-03", b"2026-02", 1)
    assert forged != body
    problems = problems_after(
        path,
        "UPDATE events SET body = ? WHERE version = 2 AND dossier = "
        "(SELECT position FROM dossiers WHERE dossier_id = ?)",
        forged,
        target.id,
    )
    assert len(problems) == 1
    assert f"dossier {target.id}: event 2" in problems[0]
    assert not store.verify(target.id).ok
    assert store.verify(dossiers[0].id).ok


def test_a_deleted_event_is_found(filled):
    path, _, dossiers = filled
    target = dossiers[4]
    problems = problems_after(
        path,
        "DELETE FROM events WHERE version = 2 AND dossier = "
        "(SELECT position FROM dossiers WHERE dossier_id = ?)",
        target.id,
    )
    assert any("event 2 is missing" in p for p in problems)


def test_a_deleted_last_event_with_its_projection_fixed_is_found(filled):
    path, _, dossiers = filled
    target = dossiers[4]
    n = len(target)
    edit(
        path,
        "DELETE FROM events WHERE version = ? AND dossier = "
        "(SELECT position FROM dossiers WHERE dossier_id = ?)",
        n,
        target.id,
    )
    problems = problems_after(
        path, "UPDATE dossiers SET version = version - 1 WHERE dossier_id = ?", target.id
    )
    assert problems == (
        f"dossier {target.id}: its last event is not the one its projection recorded",
    )


def test_an_inserted_event_is_found(filled):
    path, _, dossiers = filled
    target = dossiers[0]
    problems = problems_after(
        path,
        "INSERT INTO events (dossier, version, kind, at, body, hash) SELECT dossier, version + 1, "
        "kind, at, body, hash FROM events WHERE version = 1 AND dossier = "
        "(SELECT position FROM dossiers WHERE dossier_id = ?)",
        target.id,
    )
    assert any("holds 2 events, its projection says 1" in p for p in problems)


def test_reordered_events_are_found(filled):
    path, _, dossiers = filled
    target = dossiers[4]  # supplement requested, supplemented, resolved, returned
    db = raw(path)
    position = db.execute(
        "SELECT position FROM dossiers WHERE dossier_id = ?", (target.id,)
    ).fetchone()[0]
    db.execute("UPDATE events SET version = -3 WHERE dossier = ? AND version = 3", (position,))
    db.execute("UPDATE events SET version = 3 WHERE dossier = ? AND version = 2", (position,))
    db.execute("UPDATE events SET version = 2 WHERE dossier = ? AND version = -3", (position,))
    db.close()
    with SQLiteStore(path) as store:
        assert any("event 2" in p for p in store.verify(target.id).problems)


def rechain(path, dossier_id):
    """What an attacker who knows the scheme does after an edit: recompute every hash."""
    from onestop.storage._hash_chain import chain_hashes

    db = raw(path)
    position = db.execute(
        "SELECT position FROM dossiers WHERE dossier_id = ?", (dossier_id,)
    ).fetchone()[0]
    rows = db.execute(
        "SELECT version, body FROM events WHERE dossier = ? ORDER BY version", (position,)
    ).fetchall()
    hashes = chain_hashes(bytes(body) for _, body in rows)
    for (version, _), digest in zip(rows, hashes, strict=True):
        db.execute(
            "UPDATE events SET hash = ? WHERE dossier = ? AND version = ?",
            (digest, position, version),
        )
    # ... and rewrite the projection row to what the forged history folds to
    forged = Dossier(decode_events([bytes(body) for _, body in rows]))
    values = summary_values(summarize(forged, len(rows), vietnam_calendar()), hashes[-1])
    assignments = ", ".join(f"{name} = ?" for name in PROJECTION)
    db.execute(
        f"UPDATE dossiers SET {assignments} WHERE position = ?",  # noqa: S608 - a test's edit
        (*values[: len(PROJECTION)], position),
    )
    db.close()


@pytest.mark.parametrize(
    ("column", "value", "named"),
    [
        ("status", 3, "status"),
        ("due", "2026-12-31T17:00:00", "due"),
        ("closed_at", "2026-03-02T09:00:00", "closed_at"),
        ("outcome", "late", "outcome"),
        ("holder", "000.00.99.H38", "holder"),
    ],
)
def test_a_projection_row_edited_alone_is_found_by_verify(filled, column, value, named):
    path, _, dossiers = filled
    target = dossiers[4]  # returned: closed, with an outcome
    edit(path, f"UPDATE dossiers SET {column} = ? WHERE dossier_id = ?", value, target.id)  # noqa: S608
    with SQLiteStore(path) as reopened:
        problems = reopened.verify(target.id).problems
        assert len(problems) == 1
        assert f"disagrees with its history on {named}" in problems[0]
        assert reopened.verify_all().problems == problems
        assert all(reopened.verify(d.id).ok for d in dossiers if d is not target)


def test_a_rechained_forgery_is_caught_by_the_checkpoint(filled):
    path, store, dossiers = filled
    store.checkpoint(NOW)
    target = dossiers[4]  # the attacker removes its last event, "returned"
    edit(
        path,
        "DELETE FROM events WHERE version = ? AND dossier = "
        "(SELECT position FROM dossiers WHERE dossier_id = ?)",
        len(target),
        target.id,
    )
    rechain(path, target.id)
    with SQLiteStore(path) as reopened:
        assert reopened.verify(target.id).ok  # the chain alone is fooled
        problems = reopened.verify_all().problems
    assert len(problems) == 1
    assert "checkpoint 1" in problems[0]


def test_a_deleted_dossier_is_caught_by_the_checkpoint(filled):
    path, store, dossiers = filled
    store.checkpoint(NOW)
    target = dossiers[2]
    db = raw(path)
    db.execute("PRAGMA foreign_keys = ON")
    position = db.execute(
        "SELECT position FROM dossiers WHERE dossier_id = ?", (target.id,)
    ).fetchone()[0]
    for table in ("outbox", "events"):
        db.execute(f"DELETE FROM {table} WHERE dossier = ?", (position,))  # noqa: S608
    db.execute("DELETE FROM dossiers WHERE position = ?", (position,))
    db.close()
    with SQLiteStore(path) as reopened:
        report = reopened.verify_all()
    assert report.checked == len(dossiers) - 1
    assert len(report.problems) == 1
    assert "checkpoint 1" in report.problems[0]


def test_a_deleted_dossier_row_leaves_orphans_that_are_reported(filled):
    path, _, dossiers = filled
    db = raw(path)
    db.execute("DELETE FROM outbox WHERE dossier = 1")
    db.execute("DELETE FROM dossiers WHERE position = 1")
    db.close()
    with SQLiteStore(path) as reopened:
        problems = reopened.verify_all().problems
    assert any("belong to no stored dossier" in p for p in problems)
    assert len(dossiers) == 8


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("at", "soon"),
        ("at", ""),
        ("signature", "3"),
        ("signature", ""),
        ("root", b"short"),
        ("number", 0),
    ],
)
def test_an_edited_checkpoint_row_is_reported_not_raised(filled, column, value):
    path, store, _ = filled
    store.checkpoint(NOW)
    edit(path, f"UPDATE checkpoints SET {column} = ?", value)  # noqa: S608 - a test's edit
    with SQLiteStore(path) as reopened:
        with pytest.raises(StorageError, match=r"checkpoint|where a time belongs"):
            reopened.checkpoints()
        problems = reopened.verify_all().problems
    assert len(problems) == 1
    assert "edited" in problems[0]


@pytest.mark.parametrize("column", ["received_at", "due", "closed_at", "finished_at"])
def test_counts_over_rows_whose_times_were_edited_fail_naming_them(filled, column):
    path, _, dossiers = filled
    edit(path, f"UPDATE dossiers SET {column} = 'soon' WHERE position = 2")  # noqa: S608
    with SQLiteStore(path) as reopened:
        for count in (reopened.statistics, reopened.quality):
            with pytest.raises(StorageError, match=f"not times.*{dossiers[1].id}"):
                count(datetime(2026, 1, 1), datetime(2027, 1, 1))


def test_a_forgery_that_also_deletes_the_checkpoints_is_caught_by_a_kept_copy(filled):
    path, store, dossiers = filled
    store.checkpoint(NOW)
    store.checkpoint(NOW + timedelta(hours=1))
    kept = checkpoints_from_json(checkpoints_to_json(store.checkpoints()))
    assert kept == store.checkpoints()
    target = dossiers[4]
    edit(
        path,
        "DELETE FROM events WHERE version = ? AND dossier = "
        "(SELECT position FROM dossiers WHERE dossier_id = ?)",
        len(target),
        target.id,
    )
    rechain(path, target.id)
    edit(path, "DELETE FROM checkpoints")
    with SQLiteStore(path) as reopened:
        assert reopened.verify_all().ok  # the store alone is fooled
        problems = reopened.verify_all(against=kept).problems
    assert sum("no longer hash to its root" in p for p in problems) == 2
    assert sum("missing from the store" in p for p in problems) == 2


def test_rewritten_checkpoints_differ_from_the_kept_copy(filled):
    path, store, _ = filled
    store.checkpoint(NOW)
    kept = store.checkpoints()
    edit(path, "UPDATE checkpoints SET at = '2026-03-09T09:00:00'")
    with SQLiteStore(path) as reopened:
        assert reopened.verify_all().ok
        (problem,) = reopened.verify_all(against=kept).problems
    assert "differs from the copy kept elsewhere" in problem


@pytest.mark.parametrize(
    "text",
    ["[]", '{"checkpoints": 3}', '{"checkpoints": [3]}', '{"checkpoints": [{"checkpoint": 1}]}',
     '{"checkpoints": [{"checkpoint": 1, "at": "soon", "position": 1, "size": 1, "root": "00"}]}'],
)  # fmt: skip
def test_a_checkpoint_file_that_is_not_one_is_refused(text):
    with pytest.raises(SerializationError, match="checkpoint"):
        checkpoints_from_json(text)


def test_checkpoints_are_an_rfc6962_tree_over_the_heads(filled):
    _, store, dossiers = filled
    checkpoint = store.checkpoint(NOW)
    heads = sorted((d.id, len(d), event_rows(d.events, 1, GENESIS)[-1].hash) for d in dossiers)
    leaves = [f"{i}\n{n}\n{h.hex()}".encode() for i, n, h in heads]
    assert checkpoint.root == merkle_root(leaves)
    assert checkpoint.size == len(dossiers)


# -- SQLite: schema versions ---------------------------------------------------------


def make_version_1_file(path, dossiers):
    """A store file as onestop wrote it at schema version 1, filled by hand."""
    db = raw(path)
    db.execute("PRAGMA journal_mode = WAL")
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    from onestop.storage._summary import summarize

    for dossier in dossiers:
        rows = event_rows(dossier.events, 1, GENESIS)
        s = summarize(dossier, len(dossier), vietnam_calendar())
        cursor = db.execute(
            "INSERT INTO dossiers (dossier_id, version, head, code, status, agency, holder, "
            "procedure, channel, received_at, due, paused, closed_at, outcome, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                s.dossier_id,
                s.version,
                rows[-1].hash,
                s.code,
                s.status.value,
                s.agency,
                s.holder,
                s.procedure,
                s.channel.value,
                s.received_at and s.received_at.isoformat(),
                s.due and s.due.isoformat(),
                int(s.paused),
                s.closed_at and s.closed_at.isoformat(),
                s.outcome and s.outcome.value,
                s.updated_at.isoformat(),
            ),
        )
        for row in rows:
            db.execute(
                "INSERT INTO events (dossier, version, kind, at, body, hash) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (cursor.lastrowid, row.version, row.kind, row.at.isoformat(), row.body, row.hash),
            )
            db.execute(
                "INSERT INTO outbox (dossier, version, key, kind, body) VALUES (?, ?, ?, ?, ?)",
                (
                    cursor.lastrowid,
                    row.version,
                    f"{s.dossier_id}:{row.version}",
                    row.kind,
                    row.body,
                ),
            )
    db.close()


def test_a_version_1_file_is_migrated_and_read(tmp_path):
    path = tmp_path / "old.sqlite3"
    dossiers = sample_dossiers(5)
    make_version_1_file(path, dossiers)
    with SQLiteStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        assert [store.load(d.id) for d in dossiers] == dossiers
        claimed = store.claim(NOW, "worker", timedelta(minutes=1))  # the columns version 5 added
        assert sorted(m.dossier_id for m in claimed) == sorted(d.id for d in dossiers)
        assert {(m.version, m.claimed_by) for m in claimed} == {(1, "worker")}
        assert store.verify_all().ok  # the rows were rebuilt: the new columns are true
        for dossier in dossiers:
            assert store.summary(dossier.id) == summarize(dossier, len(dossier), store.calendar)
        assert store.checkpoint(NOW).size == 5  # the table version 2 added
        assert store.count(DossierQuery(agency=dossiers[0].agency)) == 5
        names = {row[0] for row in store._db.execute("SELECT name FROM sqlite_schema")}
    assert {"checkpoints", "dossiers_open_due", "dossiers_finished"} <= names


def test_a_newer_file_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    SQLiteStore(path).close()
    edit(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StorageError, match="upgrade onestop"):
        SQLiteStore(path)


def test_files_that_are_not_stores_are_refused(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database, just some notes " * 100)
    with pytest.raises(StorageError, match="not a onestop store"):
        SQLiteStore(text)
    other = tmp_path / "other.sqlite3"
    edit(other, "CREATE TABLE t (x)")
    with pytest.raises(StorageError, match="not a onestop store"):
        SQLiteStore(other)


@pytest.mark.parametrize("bad", [None, 3, "", b"x"])
def test_bad_paths_are_refused(bad):
    with pytest.raises(UsageError):
        SQLiteStore(bad)


def test_the_store_makes_its_folder(tmp_path):
    with SQLiteStore(tmp_path / "a" / "b" / "office.sqlite3") as store:
        assert store.version("x") == 0
    assert (tmp_path / "a" / "b" / "office.sqlite3").exists()


def test_append_refuses_arguments_of_the_wrong_kind(new_store):
    store = new_store()
    dossier = sample_dossiers(1)[0]
    for bad in [
        ("dossier", 0, dossier.events),
        (None, -1, dossier.events),
        (None, 0, []),
        (None, 0, "events"),
        (None, 0, [1, 2]),
        (None, 1, dossier.events),
    ]:
        with pytest.raises(UsageError):
            store.append(*bad)
    stored = store.append(None, 0, dossier.events[:1])
    event = event_for("transferred", NOW, stored)
    with pytest.raises(UsageError, match="not the version of the dossier"):
        store.append(stored, 5, [event])


def test_statistics_count_late_resolutions_and_the_on_time_rate(new_store):
    from fractions import Fraction

    from onestop.rules._statistics import statistics_of

    store = new_store()
    dossiers = [d for d in sample_dossiers(40) if d.status.value == 4][:4]  # processing
    for late, dossier in enumerate(dossiers):
        at = dossier.events[-1].at + timedelta(days=40 if late % 2 else 1)
        stored = store.append(None, 0, dossier.events)
        store.append(stored, len(stored), [event_for("resolved", at, stored)])
    first, last = datetime(2026, 1, 1), datetime(2026, 12, 31, 23, 59)
    rows = store.statistics(first, last)
    assert rows == statistics_of([store.summary(d.id) for d in dossiers], first, last)
    assert sum(r.resolved_late for r in rows) == 2
    assert sum(r.resolved_early + r.resolved_on_time for r in rows) == 2
    total = sum((r.on_time_rate or 0) * r.resolved for r in rows) / sum(r.resolved for r in rows)
    assert total == Fraction(1, 2)
    with pytest.raises(UsageError):
        store.statistics(last, first)


def test_an_edited_projection_row_is_a_storage_error(tmp_path):
    path = tmp_path / "edited.sqlite3"
    dossier = sample_dossiers(1)[0]
    with SQLiteStore(path) as store:
        store.append(None, 0, dossier.events)
    edit(path, "UPDATE dossiers SET status = 99")
    with SQLiteStore(path) as store, pytest.raises(StorageError, match="was it edited"):
        store.summary(dossier.id)


def test_another_connections_append_wakes_a_waiting_sqlite_store(tmp_path):
    path = tmp_path / "office.sqlite3"
    with SQLiteStore(path) as waiting, SQLiteStore(path) as writing:
        woken = []
        thread = threading.Thread(target=lambda: woken.append(waiting.wait(60)))
        thread.start()
        for dossier in sample_dossiers(40):  # another connection's appends, until it wakes
            writing.append(None, 0, dossier.events)
            thread.join(0.05)
            if not thread.is_alive():
                break
        thread.join(60)
        assert woken == [True]  # seen through data_version: this store queued nothing


def test_the_sqlite_schema_has_the_projection_column_table():
    # One column table (projection_sql.COLUMNS) drives the append and the read; the
    # migrations that built the schema must give exactly its columns and types.
    from onestop.storage._projection_sql import COLUMNS

    with SQLiteStore(":memory:") as store:
        info = store._db.execute("PRAGMA table_info(dossiers)").fetchall()
    columns = {name: kind for _, name, kind, *_ in info}
    assert {n: k for n, k in columns.items() if n not in {"position", "dossier_id"}} == {
        c.name: c.sqlite for c in COLUMNS
    }
