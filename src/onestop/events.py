"""The events of a dossier's life, one dot away: ``from onestop.events import Received``.

A dossier's history is a list of these (see :class:`onestop.Dossier`); the first one
carries the dossier's :class:`Intake`. Each class has a ``kind``, its name on the wire.
"""

from onestop.domain.model._events import (
    EVENT_TYPES,
    Apologized,
    DossierEvent,
    Paid,
    PaymentRequested,
    Rated,
    Received,
    Refused,
    Rejected,
    Resolved,
    Returned,
    Stopped,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
    Withdrawn,
)
from onestop.domain.model._intake import Intake
from onestop.domain.model._satisfaction import Satisfaction

__all__ = [
    "EVENT_TYPES",
    "Apologized",
    "DossierEvent",
    "Intake",
    "Paid",
    "PaymentRequested",
    "Rated",
    "Received",
    "Refused",
    "Rejected",
    "Resolved",
    "Returned",
    "Satisfaction",
    "Stopped",
    "Submitted",
    "SupplementRequested",
    "Supplemented",
    "Transferred",
    "Withdrawn",
]
