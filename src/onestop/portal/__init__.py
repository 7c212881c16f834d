"""Synchronising dossiers with the national public-service portal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.portal._contract import PortalAdapter
    from onestop.portal._national_portal import NationalPortal
    from onestop.portal._payloads import (
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
    "NationalPortal": "onestop.portal._national_portal",
    "OutboxSync": "onestop.portal._sync",
    "PROGRESS_SERVICE": "onestop.portal._payloads",
    "PortalAdapter": "onestop.portal._contract",
    "SYNC_SERVICE": "onestop.portal._payloads",
    "SyncReport": "onestop.portal._sync",
    "check_delivery": "onestop.portal._payloads",
    "default_worker": "onestop.portal._sync",
    "dossier_record": "onestop.portal._payloads",
    "portal_request": "onestop.portal._payloads",
    "portal_time": "onestop.portal._payloads",
    "progress_record": "onestop.portal._payloads",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
