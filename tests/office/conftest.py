"""The office's tests share an office whose notifications a recorder plugin keeps."""

import pytest

from onestop.catalogs import sample_catalog
from onestop.national import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.plugins import hookimpl
from onestop.plugins import plugin_host


class Recorder:
    """A notification plugin: an SMS gateway stand-in."""

    def __init__(self):
        self.sent = []

    @hookimpl
    def onestop_dossier_event(self, dossier, event):
        self.sent.append((dossier.id, event.kind))


@pytest.fixture
def recorder():
    """The recorder the ``office`` fixture notifies."""
    return Recorder()


@pytest.fixture
def office(sqlite_store, national_calendar, signer, recorder):
    """A signed office over an SQLite file whose notifications ``recorder`` keeps."""
    host = plugin_host(load_entry_points=False, plugins=[("sms", recorder)])
    return OneStopOffice(
        sqlite_store,
        calendar=national_calendar,
        catalog=sample_catalog(),
        fee_book=VIETNAM_FEES,
        signer=signer,
        plugins=host,
    )
