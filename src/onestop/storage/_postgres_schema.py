"""The PostgreSQL store's schema, as numbered migrations; ``onestop_schema`` holds the number.

The tables and columns are the SQLite store's (``onestop.storage._sqlite_schema``), so
that the projection's SQL (``onestop.storage._projection_sql``) runs on both:
instants are ISO text in Vietnam time, flags are integers. Positions are identity
columns; bodies and hashes are ``bytea``. Version 1 is the SQLite store's version 4;
version 2 (its version 5) adds the outbox workers' claims.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

MIGRATIONS: tuple[str, ...] = (
    # 1: histories, projection, outbox, running numbers, checkpoints, and their indexes
    """
    CREATE TABLE dossiers (
        position          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dossier_id        text NOT NULL UNIQUE,
        version           integer NOT NULL,
        head              bytea NOT NULL,
        code              text UNIQUE,
        status            integer NOT NULL,
        agency            text NOT NULL,
        holder            text NOT NULL,
        procedure         text NOT NULL,
        channel           text NOT NULL,
        received_at       text,
        due               text,
        paused            integer NOT NULL,
        closed_at         text,
        outcome           text,
        updated_at        text NOT NULL,
        field             text,
        step              text,
        late_seconds      double precision,
        apologized        integer NOT NULL DEFAULT 0,
        digitised         integer NOT NULL DEFAULT 0,
        result_digitised  integer NOT NULL DEFAULT 0,
        payment_requests  integer NOT NULL DEFAULT 0,
        paid_online       integer NOT NULL DEFAULT 0,
        rating            text,
        finished_at       text,
        indicator_on_time integer
    );
    CREATE TABLE events (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dossier  bigint NOT NULL REFERENCES dossiers (position),
        version  integer NOT NULL,
        kind     text NOT NULL,
        at       text NOT NULL,
        body     bytea NOT NULL,
        hash     bytea NOT NULL,
        UNIQUE (dossier, version)
    );
    CREATE TABLE outbox (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dossier      bigint NOT NULL REFERENCES dossiers (position),
        version      integer NOT NULL,
        key          text NOT NULL UNIQUE,
        kind         text NOT NULL,
        body         bytea NOT NULL,
        attempts     integer NOT NULL DEFAULT 0,
        not_before   text,
        last_error   text,
        delivered_at text
    );
    CREATE INDEX outbox_pending ON outbox (dossier, id) WHERE delivered_at IS NULL;
    CREATE TABLE sequences (
        agency text NOT NULL,
        day    text NOT NULL,
        last   integer NOT NULL,
        PRIMARY KEY (agency, day)
    );
    CREATE TABLE checkpoints (
        number    integer PRIMARY KEY,
        at        text NOT NULL,
        position  bigint NOT NULL,
        size      integer NOT NULL,
        root      bytea NOT NULL,
        signature text
    );
    CREATE INDEX dossiers_status ON dossiers (status, position);
    CREATE INDEX dossiers_agency ON dossiers (agency, position);
    CREATE INDEX dossiers_holder ON dossiers (holder, position);
    CREATE INDEX dossiers_procedure ON dossiers (procedure, position);
    CREATE INDEX dossiers_field ON dossiers (field, position);
    CREATE INDEX dossiers_received ON dossiers (received_at);
    CREATE INDEX dossiers_closed ON dossiers (closed_at);
    CREATE INDEX dossiers_finished ON dossiers (finished_at);
    CREATE INDEX dossiers_open_due ON dossiers (due) WHERE closed_at IS NULL AND paused = 0
    """,
    # 2: claims of outbox workers, and the undelivered messages in outbox order
    """
    ALTER TABLE outbox ADD COLUMN claimed_by text;
    ALTER TABLE outbox ADD COLUMN claimed_until text;
    CREATE INDEX outbox_waiting ON outbox (id) WHERE delivered_at IS NULL
    """,
)

#: The schema version this onestop writes.
SCHEMA_VERSION = len(MIGRATIONS)
