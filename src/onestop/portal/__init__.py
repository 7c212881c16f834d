"""Synchronising dossiers with the national public-service portal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.portal._contract import PortalAdapter
    from onestop.portal._national import NationalPortal
    from onestop.portal._records import (
        PROGRESS_SERVICE,
        SYNC_SERVICE,
        check_delivery,
        dossier_record,
        portal_request,
        portal_time,
        progress_record,
    )
    from onestop.portal._sync import OutboxSync, SyncReport, default_worker

__all__ = [
    "PROGRESS_SERVICE",
    "SYNC_SERVICE",
    "NationalPortal",
    "OutboxSync",
    "PortalAdapter",
    "SyncReport",
    "check_delivery",
    "default_worker",
    "dossier_record",
    "portal_request",
    "portal_time",
    "progress_record",
]

_EXPORTS = {
    "NationalPortal": "onestop.portal._national",
    "OutboxSync": "onestop.portal._sync",
    "PROGRESS_SERVICE": "onestop.portal._records",
    "PortalAdapter": "onestop.portal._contract",
    "SYNC_SERVICE": "onestop.portal._records",
    "SyncReport": "onestop.portal._sync",
    "check_delivery": "onestop.portal._records",
    "default_worker": "onestop.portal._sync",
    "dossier_record": "onestop.portal._records",
    "portal_request": "onestop.portal._records",
    "portal_time": "onestop.portal._records",
    "progress_record": "onestop.portal._records",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
