"""The stores' tests share a factory of fresh built-in stores (PostgreSQL's has its own)."""

import itertools

import pytest

from onestop.storage import MemoryStore
from onestop.storage import SQLiteStore


@pytest.fixture(params=["memory", "sqlite"])
def new_store(request, tmp_path):
    """A factory of fresh stores: memory, then SQLite files on disk; all closed after."""
    numbers = itertools.count()
    stores = []

    def make():
        if request.param == "memory":
            store = MemoryStore()
        else:
            store = SQLiteStore(tmp_path / f"store-{next(numbers)}.sqlite3")
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.close()
