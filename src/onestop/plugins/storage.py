"""The built-in ``storage`` plugin: ``memory:`` and SQLite files (the embedded default)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.plugins import hookimpl
from onestop.storage.memory import MemoryStore
from onestop.storage.sqlite import SQLiteStore

if TYPE_CHECKING:
    from onestop.domain.time.calendar import Calendar
    from onestop.settings import Settings
    from onestop.storage.contract import DossierStore


__all__ = ["onestop_dossier_store"]


@hookimpl
def onestop_dossier_store(settings: Settings, calendar: Calendar) -> DossierStore | None:
    """An in-memory store for ``memory:``, an SQLite store for a path; else ``None``."""
    if settings.store.strip() == "memory:":
        return MemoryStore(calendar)
    path = settings.store_path
    return SQLiteStore(path, calendar=calendar) if path is not None else None
