"""Synchronising dossiers with the national public-service portal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.portal._contract import PortalAdapter as PortalAdapter
    from onestop.portal._national_portal import NationalPortal as NationalPortal
    from onestop.portal._payloads import PROGRESS_SERVICE as PROGRESS_SERVICE
    from onestop.portal._payloads import SYNC_SERVICE as SYNC_SERVICE
    from onestop.portal._payloads import check_delivery as check_delivery
    from onestop.portal._payloads import dossier_record as dossier_record
    from onestop.portal._payloads import portal_request as portal_request
    from onestop.portal._payloads import portal_time as portal_time
    from onestop.portal._payloads import progress_record as progress_record
    from onestop.portal._sync import OutboxSync as OutboxSync
    from onestop.portal._sync import SyncReport as SyncReport
    from onestop.portal._sync import default_worker as default_worker

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
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
