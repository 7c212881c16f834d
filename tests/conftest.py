"""What every test folder shares: the national calendar, a store on disk, a signed office.

A folder's own ``conftest.py`` adds what only its tests need (``storage/``: a factory of
every built-in store; ``office/``: a notification recorder). A test module's fixture of
the same name wins over these.
"""

import pytest

from onestop.catalogs import sample_catalog
from onestop.national import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.signing._keys import KeySigner
from onestop.storage import MemoryStore
from onestop.storage import SQLiteStore
from onestop.testing import strategies
from onestop.testing.certificates import self_signed


@pytest.fixture(scope="session")
def national_calendar():
    """The national calendar, 2015–2035: the one most tests compute on.

    Module-level constants (for Hypothesis strategies and parameters) take the same
    calendar from :func:`onestop.testing.strategies.national_calendar`.
    """
    return strategies.national_calendar()


@pytest.fixture
def memory_store(national_calendar):
    """A fresh in-memory store on the national calendar."""
    store = MemoryStore(national_calendar)
    yield store
    store.close()


@pytest.fixture(scope="session")
def signer():
    """A signer with a throwaway certificate (``CN=Bộ phận Một cửa``)."""
    return KeySigner(*self_signed())


@pytest.fixture
def sqlite_store(tmp_path, national_calendar):
    """An SQLite store in a file on disk, on the national calendar."""
    with SQLiteStore(tmp_path / "office.sqlite3", calendar=national_calendar) as store:
        yield store


@pytest.fixture
def office(sqlite_store, national_calendar, signer):
    """An office over ``sqlite_store``: the sample catalog, the national fees, ``signer``."""
    return OneStopOffice(
        sqlite_store,
        calendar=national_calendar,
        catalog=sample_catalog(),
        fee_book=VIETNAM_FEES,
        signer=signer,
    )
