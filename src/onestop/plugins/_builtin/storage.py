"""The built-in ``storage`` plugin: memory, SQLite (the embedded default), PostgreSQL.

``memory:`` gives a memory store, a ``postgresql://`` (or ``postgres://``) connection
string the PostgreSQL store, and anything else names an SQLite file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.plugins import hookimpl
from onestop.storage._memory import MemoryStore
from onestop.storage._sqlite import SQLiteStore

if TYPE_CHECKING:
    from onestop.domain.time._calendar import Calendar
    from onestop.settings import Settings
    from onestop.storage._contract import DossierStore


__all__ = ["onestop_dossier_store"]


@hookimpl
def onestop_dossier_store(settings: Settings, calendar: Calendar) -> DossierStore | None:
    """An in-memory store for ``memory:``, PostgreSQL for its URL, SQLite for a path."""
    store = settings.store.strip()
    if store == "memory:":
        return MemoryStore(calendar)
    if store.startswith(("postgresql://", "postgres://")):
        from onestop.storage._postgres import PostgresStore  # noqa: PLC0415 - the postgres extra

        return PostgresStore(store, calendar=calendar)
    path = settings.store_path
    return SQLiteStore(path, calendar=calendar) if path is not None else None
