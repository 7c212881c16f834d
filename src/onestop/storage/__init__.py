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
    from onestop.storage._checkpoint_file import checkpoints_from_json as checkpoints_from_json
    from onestop.storage._checkpoint_file import checkpoints_to_json as checkpoints_to_json
    from onestop.storage._contract import CheckpointSigner as CheckpointSigner
    from onestop.storage._contract import DossierStore as DossierStore
    from onestop.storage._contract import check_same_calendar as check_same_calendar
    from onestop.storage._memory import MemoryStore as MemoryStore
    from onestop.storage._postgres import PostgresStore as PostgresStore
    from onestop.storage._sqlite import SQLiteStore as SQLiteStore
    from onestop.storage._store_values import Checkpoint as Checkpoint
    from onestop.storage._store_values import DossierQuery as DossierQuery
    from onestop.storage._store_values import OutboxMessage as OutboxMessage
    from onestop.storage._store_values import Page as Page
    from onestop.storage._store_values import Verification as Verification
    from onestop.storage._store_values import outbox_key as outbox_key
    from onestop.storage._summary import DossierSummary as DossierSummary

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
    "checkpoints_from_json": "onestop.storage._checkpoint_file",
    "checkpoints_to_json": "onestop.storage._checkpoint_file",
    "outbox_key": "onestop.storage._store_values",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
