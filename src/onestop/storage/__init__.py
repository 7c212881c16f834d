"""Dossier stores: the contract, an in-memory store and the embedded SQLite store.

* :class:`DossierStore` — the contract (append with an expected version, load,
  queries over the projection, the outbox, hash chains and signed checkpoints);
* :class:`MemoryStore` — for tests and one-process tools;
* :class:`SQLiteStore` — one file, WAL and ``synchronous=FULL``: the embedded default.

Each store is usable alone; the plugin layer registers them under the ``storage``
hook, and :func:`onestop.testing.conformance.check_store` checks a province's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.storage._contract import (
        CheckpointSigner,
        DossierStore,
        check_same_calendar,
    )
    from onestop.storage._memory import MemoryStore
    from onestop.storage._postgres import PostgresStore
    from onestop.storage._sqlite import SQLiteStore
    from onestop.storage._store_values import (
        Checkpoint,
        DossierQuery,
        OutboxMessage,
        Page,
        Verification,
        outbox_key,
    )
    from onestop.storage._summary import DossierSummary

__all__ = [
    "Checkpoint",
    "CheckpointSigner",
    "DossierQuery",
    "DossierStore",
    "DossierSummary",
    "MemoryStore",
    "OutboxMessage",
    "Page",
    "PostgresStore",
    "SQLiteStore",
    "Verification",
    "check_same_calendar",
    "outbox_key",
]

_EXPORTS = {
    "Checkpoint": "onestop.storage._store_values",
    "CheckpointSigner": "onestop.storage._contract",
    "DossierQuery": "onestop.storage._store_values",
    "DossierStore": "onestop.storage._contract",
    "DossierSummary": "onestop.storage._summary",
    "MemoryStore": "onestop.storage._memory",
    "OutboxMessage": "onestop.storage._store_values",
    "Page": "onestop.storage._store_values",
    "PostgresStore": "onestop.storage._postgres",
    "SQLiteStore": "onestop.storage._sqlite",
    "Verification": "onestop.storage._store_values",
    "check_same_calendar": "onestop.storage._contract",
    "outbox_key": "onestop.storage._store_values",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
