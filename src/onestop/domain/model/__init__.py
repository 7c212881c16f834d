"""The one-stop half of the model: agencies, procedures, catalogs, dossiers and events.

* ``onestop.domain.model._agency``, ``onestop.domain.model._agency_directory``
  — agencies, their codes and successors;
* ``onestop.domain.model._procedure``, ``onestop.domain.model._catalog`` —
  procedure versions, their channel terms, and catalogs;
* ``onestop.domain.model._actor``, ``onestop.domain.model._applicant`` — who
  acts and who applies;
* ``onestop.domain.model._intake``, ``onestop.domain.model._events``,
  ``onestop.domain.model._status``, ``onestop.domain.model._dossier_code``,
  ``onestop.domain.model._dossier`` — a dossier's history and its folded state;
* ``onestop.domain.model._rule_set``, ``onestop.domain.model._timeliness`` —
  dated rule sets, and whether a dossier is in time.

It builds on :mod:`onestop.domain.time`, never the other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.domain.model._agency import TWO_TIER_REFORM as TWO_TIER_REFORM
    from onestop.domain.model._agency import check_agency_code as check_agency_code
    from onestop.domain.model._intake import new_dossier_id as new_dossier_id
    from onestop.domain.model._procedure import check_procedure_code as check_procedure_code
    from onestop.domain.model._status import TRANSITIONS as TRANSITIONS

_EXPORTS = {
    "TRANSITIONS": "onestop.domain.model._status",
    "TWO_TIER_REFORM": "onestop.domain.model._agency",
    "check_agency_code": "onestop.domain.model._agency",
    "check_procedure_code": "onestop.domain.model._procedure",
    "new_dossier_id": "onestop.domain.model._intake",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
