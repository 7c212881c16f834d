"""The events of a dossier's life; a dossier's history is the list of them.

Each event is an immutable value naming when it happened and who did it (an
:class:`~onestop.domain.actor.Actor`). The dossier's status and every date are derived
from its events (see :mod:`onestop.domain.dossier`). Each event class has a ``kind``,
its name on the wire.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import attrs

from onestop.domain.actor import Actor
from onestop.domain.agency import check_agency_code
from onestop.domain.dossier_code import DossierCode
from onestop.domain.procedure import Channel
from onestop.exceptions import DossierError

__all__ = [
    "EVENT_TYPES",
    "Apologized",
    "DossierEvent",
    "Paid",
    "PaymentRequested",
    "Received",
    "Refused",
    "Rejected",
    "Resolved",
    "Returned",
    "Stopped",
    "Submitted",
    "SupplementRequested",
    "Supplemented",
    "Transferred",
    "Withdrawn",
]


def _moment(_: object, __: attrs.Attribute[Any], value: datetime) -> None:
    if not isinstance(value, datetime):
        raise DossierError(f"an event happens at a datetime, got {value!r}")


def _actor(_: object, __: attrs.Attribute[Any], value: Actor) -> None:
    if not isinstance(value, Actor):
        raise DossierError(f"an event names an Actor, got {value!r}")


def _text(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise DossierError(f"{attribute.name} must be non-empty text, got {value!r}")


def _amount(_: object, __: attrs.Attribute[Any], value: int) -> None:
    if type(value) is not int or value < 0:
        raise DossierError(f"an amount is a whole number of đồng >= 0, got {value!r}")


def _items(value: Any) -> tuple[str, ...]:  # noqa: ANN401 - converter input is open
    """Normalise to a tuple (trivial conversion)."""
    return tuple(value)


@attrs.frozen(kw_only=True)
class _Event:
    at: datetime = attrs.field(validator=_moment)
    actor: Actor = attrs.field(validator=_actor)


@attrs.frozen(kw_only=True)
class Submitted(_Event):
    """Submitted online or by post, not yet checked (status 1)."""

    kind: ClassVar[str] = "submitted"


@attrs.frozen(kw_only=True)
class Received(_Event):
    """Received as complete and valid: code assigned, receipt and appointment issued.

    :param code: the dossier code assigned at reception.
    :param components: the components received, as the receipt lists them.
    """

    kind: ClassVar[str] = "received"
    code: DossierCode
    components: tuple[str, ...] = attrs.field(default=(), converter=_items)


@attrs.frozen(kw_only=True)
class Refused(_Event):
    """Reception refused (outside competence, not acceptable), with the reasons."""

    kind: ClassVar[str] = "refused"
    reason: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class SupplementRequested(_Event):
    """The applicant is asked to supplement or correct the dossier, all items at once."""

    kind: ClassVar[str] = "supplement_requested"
    items: tuple[str, ...] = attrs.field(converter=_items)

    def __attrs_post_init__(self) -> None:
        """A request lists at least one item."""
        if not self.items or not all(isinstance(i, str) and i.strip() for i in self.items):
            raise DossierError("a supplement request lists the missing items, as text")


@attrs.frozen(kw_only=True)
class Supplemented(_Event):
    """The complete supplemented dossier arrived."""

    kind: ClassVar[str] = "supplemented"


@attrs.frozen(kw_only=True)
class PaymentRequested(_Event):
    """The applicant must pay a tax, fee or charge before processing goes on."""

    kind: ClassVar[str] = "payment_requested"
    amount: int = attrs.field(validator=_amount)


@attrs.frozen(kw_only=True)
class Paid(_Event):
    """The applicant paid."""

    kind: ClassVar[str] = "paid"
    amount: int = attrs.field(validator=_amount)


@attrs.frozen(kw_only=True)
class Transferred(_Event):
    """Handed to an agency for a step (appraisal, an inter-agency share, signature).

    :param to_agency: the receiving agency's identification code.
    :param step: the step, named as in the procedure's shares when it has them.
    """

    kind: ClassVar[str] = "transferred"
    to_agency: str = attrs.field(validator=lambda _, __, value: check_agency_code(value))
    step: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class Resolved(_Event):
    """The result is ready at the one-stop desk (status 9)."""

    kind: ClassVar[str] = "resolved"
    result: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class Rejected(_Event):
    """Found not eligible during processing; the written refusal is the result."""

    kind: ClassVar[str] = "rejected"
    reason: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class Stopped(_Event):
    """Processing stopped, at the applicant's request or for legal reasons."""

    kind: ClassVar[str] = "stopped"
    reason: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class Apologized(_Event):
    """The agency at fault apologises and sets a new appointment (once per dossier).

    :param original_due: the due date the apology slip states.
    :param new_appointment: the new date and time for the result.
    """

    kind: ClassVar[str] = "apologized"
    reason: str = attrs.field(validator=_text)
    original_due: datetime = attrs.field(validator=_moment)
    new_appointment: datetime = attrs.field(validator=_moment)


@attrs.frozen(kw_only=True)
class Withdrawn(_Event):
    """Withdrawn at the applicant's request."""

    kind: ClassVar[str] = "withdrawn"
    reason: str = "applicant's request"


@attrs.frozen(kw_only=True)
class Returned(_Event):
    """The result was handed over, in person, electronically or by post."""

    kind: ClassVar[str] = "returned"
    channel: Channel


#: Any event of a dossier's history.
DossierEvent = (
    Submitted
    | Received
    | Refused
    | SupplementRequested
    | Supplemented
    | PaymentRequested
    | Paid
    | Transferred
    | Resolved
    | Rejected
    | Stopped
    | Apologized
    | Withdrawn
    | Returned
)

#: Every event class, by its ``kind``.
EVENT_TYPES: dict[str, type[_Event]] = {
    cls.kind: cls
    for cls in (
        Submitted,
        Received,
        Refused,
        SupplementRequested,
        Supplemented,
        PaymentRequested,
        Paid,
        Transferred,
        Resolved,
        Rejected,
        Stopped,
        Apologized,
        Withdrawn,
        Returned,
    )
}
