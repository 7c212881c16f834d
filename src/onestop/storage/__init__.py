"""Dossier stores: the contract, an in-memory store and the embedded SQLite store.

* :class:`DossierStore` — the contract (append with an expected version, load,
  queries over the projection, the outbox, hash chains and signed checkpoints);
* :class:`MemoryStore` — for tests and one-process tools;
* :class:`SQLiteStore` — one file, WAL and ``synchronous=FULL``: the embedded default.

Each store is usable alone; the plugin layer registers them under the ``storage``
hook, and :func:`onestop.testing.conformance.check_store` checks a province's own.
"""

from onestop.storage.contract import CheckpointSigner, DossierStore
from onestop.storage.memory import MemoryStore
from onestop.storage.records import Checkpoint, DossierQuery, OutboxMessage, Page, Verification
from onestop.storage.sqlite import SQLiteStore
from onestop.storage.summary import DossierSummary

__all__ = [
    "Checkpoint",
    "CheckpointSigner",
    "DossierQuery",
    "DossierStore",
    "DossierSummary",
    "MemoryStore",
    "OutboxMessage",
    "Page",
    "SQLiteStore",
    "Verification",
]
