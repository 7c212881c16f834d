"""The documents the office signs: the receipt (with its appointment) and the result notice.

Each is plain JSON data, signed over its canonical form (see
``onestop.signing._documents``). A receipt names the dossier, the procedure, the
components received, the fees and the appointment; it carries the applicant's name
only — it is what a citizen holds and shows, so nothing else personal is in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from onestop.domain.time._local_time import vietnam_iso
from onestop.national._decrees import RULE_SETS
from onestop.rules._rule_sets import dossier_rule_set

if TYPE_CHECKING:
    from datetime import datetime

    from onestop.domain.model._dossier import Dossier
    from onestop.rules._fees import Assessment

__all__ = ["receipt_document", "result_document"]


def _fees(assessment: Assessment | None) -> dict[str, Any]:
    if assessment is None:
        return {"total": 0, "lines": []}
    return {
        "total": assessment.total,
        "lines": [{"name": line.name, "amount": line.net} for line in assessment.lines],
    }


def receipt_document(
    dossier: Dossier, appointment: datetime, assessment: Assessment | None
) -> dict[str, Any]:
    """The receipt and appointment slip of a received dossier, as JSON data."""
    received = dossier.received
    if received is None:  # pragma: no cover - the office calls it after receipt only
        raise ValueError("a receipt is issued at receipt")
    rule_set = dossier_rule_set(dossier, RULE_SETS)
    return {
        "document": "receipt",
        "code": str(received.code),
        "dossier_id": dossier.id,
        "agency": dossier.agency,
        "procedure": {
            "code": dossier.terms.code,
            "version": dossier.terms.version,
            "name": dossier.terms.name,
        },
        "applicant": dossier.applicant.name,
        "channel": dossier.channel.value,
        "received_at": vietnam_iso(received.at),
        "appointment": vietnam_iso(appointment),
        "components": list(received.components),
        "fees": _fees(assessment),
        "rule_set": rule_set.key if rule_set is not None else None,
        "received_by": received.actor.name,
    }


def result_document(dossier: Dossier, result: str, at: datetime) -> dict[str, Any]:
    """The notice that a dossier's result is ready, as JSON data."""
    return {
        "document": "result",
        "code": str(dossier.code),
        "dossier_id": dossier.id,
        "procedure": {"code": dossier.terms.code, "name": dossier.terms.name},
        "applicant": dossier.applicant.name,
        "result": result,
        "resolved_at": vietnam_iso(at),
        "agency": dossier.holder,
    }
