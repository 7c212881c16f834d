"""The SQLite store's schema, as numbered migrations; ``PRAGMA user_version`` holds the number.

A store opens a file, reads its version and applies the migrations it lacks, each in
its own transaction. A file written by a newer onestop (a higher version) is refused
rather than guessed at.

Version 1 (onestop 0.3.0.dev): the events with their chain hashes, the projection, the
outbox and the running numbers. Version 2: checkpoints, and the indexes the queries and
the overdue report need. Version 3: the procedure's field (lĩnh vực), the current step,
the office time a late dossier was late by, and whether it was apologised for: the
statistics and the late report. Version 4: what Decision 766's indicators count —
digitisation at reception and of the result, payment requests and online payment, the
applicant's rating, the end of processing and the indicator's reading of timeliness.
Version 5: which outbox worker holds a message, and until when (claims), and an index
of the undelivered messages in outbox order, so that a claim reads only those.

A version adds columns with defaults; rows written before it keep the defaults until
their dossier's next event rewrites them.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

MIGRATIONS: tuple[str, ...] = (
    # 1: histories, projection, outbox, running numbers (no semicolon in comments)
    """
    CREATE TABLE dossiers (
        position    INTEGER PRIMARY KEY,            -- order first stored, the page cursor
        dossier_id  TEXT NOT NULL UNIQUE,
        version     INTEGER NOT NULL,
        head        BLOB NOT NULL,                  -- hash of the last event
        code        TEXT UNIQUE,
        status      INTEGER NOT NULL,
        agency      TEXT NOT NULL,
        holder      TEXT NOT NULL,
        procedure   TEXT NOT NULL,
        channel     TEXT NOT NULL,
        received_at TEXT,                           -- ISO, Vietnam time, sortable
        due         TEXT,
        paused      INTEGER NOT NULL,
        closed_at   TEXT,
        outcome     TEXT,
        updated_at  TEXT NOT NULL
    );
    CREATE TABLE events (
        position    INTEGER PRIMARY KEY,            -- the store's global order
        dossier     INTEGER NOT NULL REFERENCES dossiers (position),
        version     INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        at          TEXT NOT NULL,
        body        BLOB NOT NULL,                  -- canonical JSON (RFC 8785)
        hash        BLOB NOT NULL,                  -- SHA-256(previous hash || body)
        UNIQUE (dossier, version)
    );
    CREATE TABLE outbox (
        id           INTEGER PRIMARY KEY,
        dossier      INTEGER NOT NULL REFERENCES dossiers (position),
        version      INTEGER NOT NULL,
        key          TEXT NOT NULL UNIQUE,
        kind         TEXT NOT NULL,
        body         BLOB NOT NULL,
        attempts     INTEGER NOT NULL DEFAULT 0,
        not_before   TEXT,
        last_error   TEXT,
        delivered_at TEXT
    );
    CREATE INDEX outbox_pending ON outbox (dossier, id) WHERE delivered_at IS NULL;
    CREATE TABLE sequences (
        agency TEXT NOT NULL,
        day    TEXT NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (agency, day)
    ) WITHOUT ROWID;
    """,
    # 2: checkpoints; indexes for queries and reports
    """
    CREATE TABLE checkpoints (
        number    INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        position  INTEGER NOT NULL,
        size      INTEGER NOT NULL,
        root      BLOB NOT NULL,
        signature TEXT
    );
    CREATE INDEX dossiers_status ON dossiers (status, position);
    CREATE INDEX dossiers_agency ON dossiers (agency, position);
    CREATE INDEX dossiers_holder ON dossiers (holder, position);
    CREATE INDEX dossiers_procedure ON dossiers (procedure, position);
    CREATE INDEX dossiers_received ON dossiers (received_at);
    CREATE INDEX dossiers_open_due ON dossiers (due) WHERE closed_at IS NULL AND paused = 0;
    """,
    # 3: the procedure's field, for statistics per agency and field
    """
    ALTER TABLE dossiers ADD COLUMN field TEXT;
    ALTER TABLE dossiers ADD COLUMN step TEXT;
    ALTER TABLE dossiers ADD COLUMN late_seconds REAL;
    ALTER TABLE dossiers ADD COLUMN apologized INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX dossiers_field ON dossiers (field, position);
    CREATE INDEX dossiers_closed ON dossiers (closed_at);
    """,
    # 4: what the Decision 766 indicators count
    """
    ALTER TABLE dossiers ADD COLUMN digitised INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE dossiers ADD COLUMN result_digitised INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE dossiers ADD COLUMN payment_requests INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE dossiers ADD COLUMN paid_online INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE dossiers ADD COLUMN rating TEXT;
    ALTER TABLE dossiers ADD COLUMN finished_at TEXT;
    ALTER TABLE dossiers ADD COLUMN indicator_on_time INTEGER;
    CREATE INDEX dossiers_finished ON dossiers (finished_at);
    """,
    # 5: claims of outbox workers, and the undelivered messages in outbox order
    """
    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
    ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
    CREATE INDEX outbox_waiting ON outbox (id) WHERE delivered_at IS NULL;
    """,
)

#: The schema version this onestop writes.
SCHEMA_VERSION = len(MIGRATIONS)
