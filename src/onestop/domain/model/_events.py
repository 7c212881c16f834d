"""The events of a dossier's life; a dossier's history is the list of them.

Each event is an immutable value naming when it happened and who did it (an
:class:`~onestop.Actor`). The dossier's status and every date are
derived from its events (see ``onestop.domain.model._dossier``). Each event class
has a ``kind``, its name on the wire.

Instants are Vietnam time: an aware datetime is converted to Asia/Ho_Chi_Minh and
kept as a naive local datetime, so naive and aware inputs mix freely and every
"date of receipt" is the Vietnam date. The first event of a dossier (submitted,
received or refused) carries its :class:`~onestop.events.Intake`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from typing import ClassVar

import attrs

from onestop._shown import shown
from onestop.domain._validators import moment
from onestop.domain._validators import money
from onestop.domain._validators import optional
from onestop.domain._validators import text
from onestop.domain._validators import texts
from onestop.domain._validators import to_tuple
from onestop.domain._validators import typed
from onestop.domain.model._actor import Actor
from onestop.domain.model._agency import check_agency_code
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._intake import Intake
from onestop.domain.model._procedure import Channel
from onestop.domain.model._satisfaction import Satisfaction
from onestop.domain.time._local_time import to_local
from onestop.exceptions import DossierError

__all__ = [
    "EVENT_TYPES",
    "Apologized",
    "DossierEvent",
    "HandedOver",
    "Paid",
    "PaymentRequested",
    "Rated",
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


def _vietnam_time(value: Any) -> Any:  # noqa: ANN401 - converter input is open
    """Normalise an aware datetime to Vietnam local time (naive); leave the rest alone."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return to_local(value)
    return value


_moment = moment(DossierError)


def _agency(_: object, __: attrs.Attribute[Any], value: object) -> None:
    check_agency_code(value)  # type: ignore[arg-type]


def _to_tuple(value: Any) -> tuple[Any, ...]:  # noqa: ANN401 - converter input is open
    return to_tuple(value, DossierError)


def _code(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, DossierCode):
        raise DossierError(
            "Received.code must be a DossierCode (read text with DossierCode.parse), got "
            f"{shown(value)}"
        )


def _items(_: object, __: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value or not all(isinstance(item, str) and item.strip() for item in value):
        raise DossierError(
            f"a supplement request lists the missing items as a list of texts, got {shown(value)}"
        )


@attrs.frozen(kw_only=True)
class _Event:
    at: datetime = attrs.field(converter=_vietnam_time, validator=_moment)
    actor: Actor = attrs.field(validator=typed(Actor, DossierError))


@attrs.frozen(kw_only=True)
class _FirstEvent(_Event):
    intake: Intake | None = attrs.field(
        default=None, validator=optional(typed(Intake, DossierError))
    )


@attrs.frozen(kw_only=True)
class Submitted(_FirstEvent):
    """Submitted online or by post, not yet checked (status 1)."""

    kind: ClassVar[str] = "submitted"


@attrs.frozen(kw_only=True)
class Received(_FirstEvent):
    """Received as complete and valid: code assigned, receipt and appointment issued.

    :param code: the dossier code assigned at reception; it names the receiving
        agency and the receipt's Vietnam date.
    :param components: the components received, as the receipt lists them.
    :param digitised: whether paper components were scanned and signed at reception
        (Decree 107/2021); a dossier submitted online is electronic already.
    :param intake: the dossier's intake, when it starts with this event.

    .. versionchanged:: 0.3
       ``digitised``.
    """

    kind: ClassVar[str] = "received"
    code: DossierCode = attrs.field(validator=_code)
    components: tuple[str, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=texts(DossierError)
    )
    digitised: bool = attrs.field(default=False, validator=typed(bool, DossierError))


@attrs.frozen(kw_only=True)
class Refused(_FirstEvent):
    """Reception refused (outside competence, not acceptable), with the reasons."""

    kind: ClassVar[str] = "refused"
    reason: str = attrs.field(validator=text(DossierError))


@attrs.frozen(kw_only=True)
class SupplementRequested(_Event):
    """The applicant is asked to supplement or correct the dossier, all items at once."""

    kind: ClassVar[str] = "supplement_requested"
    items: tuple[str, ...] = attrs.field(converter=_to_tuple, validator=_items)


@attrs.frozen(kw_only=True)
class Supplemented(_Event):
    """The complete supplemented dossier arrived."""

    kind: ClassVar[str] = "supplemented"


@attrs.frozen(kw_only=True)
class PaymentRequested(_Event):
    """The applicant must pay a tax, fee or charge before processing goes on."""

    kind: ClassVar[str] = "payment_requested"
    amount: int = attrs.field(validator=money(DossierError, minimum=1))


@attrs.frozen(kw_only=True)
class Paid(_Event):
    """The applicant paid.

    :param amount: what was paid, in đồng.
    :param online: whether through the national portal's online payment platform.

    .. versionchanged:: 0.3
       ``online``.
    """

    kind: ClassVar[str] = "paid"
    amount: int = attrs.field(validator=money(DossierError, minimum=1))
    online: bool = attrs.field(default=False, validator=typed(bool, DossierError))


@attrs.frozen(kw_only=True)
class Transferred(_Event):
    """Handed to an agency for a step (appraisal, an inter-agency share, signature).

    :param to_agency: the receiving agency's identification code.
    :param step: the step, named as in the procedure's shares when it has them.
    """

    kind: ClassVar[str] = "transferred"
    to_agency: str = attrs.field(validator=_agency)
    step: str = attrs.field(validator=text(DossierError))


@attrs.frozen(kw_only=True)
class HandedOver(_Event):
    """A boundary-free dossier handed by its reception point to the competent agency.

    The competent agency holds the dossier from now on and processes it (status 4);
    the hand-over's time limit is the intake's :class:`~onestop.HandOverRule`, and a
    late hand-over is the reception point's.

    :param to_agency: the competent agency's identification code (the intake's).

    .. versionadded:: 0.5
    """

    kind: ClassVar[str] = "handed_over"
    to_agency: str = attrs.field(validator=_agency)


@attrs.frozen(kw_only=True)
class Resolved(_Event):
    """The result is ready at the one-stop desk (status 9).

    :param result: what the result is.
    :param digitised: whether the result exists as a signed electronic document
        (issued electronically, or scanned and signed).

    .. versionchanged:: 0.3
       ``digitised``.
    """

    kind: ClassVar[str] = "resolved"
    result: str = attrs.field(validator=text(DossierError))
    digitised: bool = attrs.field(default=False, validator=typed(bool, DossierError))


@attrs.frozen(kw_only=True)
class Rejected(_Event):
    """Found not eligible during processing; the written refusal is the result."""

    kind: ClassVar[str] = "rejected"
    reason: str = attrs.field(validator=text(DossierError))


@attrs.frozen(kw_only=True)
class Stopped(_Event):
    """Processing stopped, at the applicant's request or for legal reasons."""

    kind: ClassVar[str] = "stopped"
    reason: str = attrs.field(validator=text(DossierError))


@attrs.frozen(kw_only=True)
class Apologized(_Event):
    """The agency at fault apologises and sets a new appointment (once per dossier).

    :param original_due: the due date the apology slip states.
    :param new_appointment: the new date and time for the result.
    """

    kind: ClassVar[str] = "apologized"
    reason: str = attrs.field(validator=text(DossierError))
    original_due: datetime = attrs.field(converter=_vietnam_time, validator=_moment)
    new_appointment: datetime = attrs.field(converter=_vietnam_time, validator=_moment)


@attrs.frozen(kw_only=True)
class Withdrawn(_Event):
    """Withdrawn at the applicant's request."""

    kind: ClassVar[str] = "withdrawn"
    reason: str = attrs.field(default="applicant's request", validator=text(DossierError))


@attrs.frozen(kw_only=True)
class Returned(_Event):
    """The result was handed over, in person, electronically or by post."""

    kind: ClassVar[str] = "returned"
    channel: Channel = attrs.field(validator=typed(Channel, DossierError))


@attrs.frozen(kw_only=True)
class Rated(_Event):
    """The applicant rated how the dossier was handled, once it closed (once per dossier).

    :param level: how satisfied they were.
    :param comment: what they wrote, if anything.

    .. versionadded:: 0.3
    """

    kind: ClassVar[str] = "rated"
    level: Satisfaction = attrs.field(validator=typed(Satisfaction, DossierError))
    comment: str | None = attrs.field(default=None, validator=optional(text(DossierError)))


#: Any event of a dossier's history.
DossierEvent = (
    Submitted
    | Received
    | Refused
    | SupplementRequested
    | Supplemented
    | PaymentRequested
    | Paid
    | HandedOver
    | Transferred
    | Resolved
    | Rejected
    | Stopped
    | Apologized
    | Withdrawn
    | Returned
    | Rated
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
        HandedOver,
        Transferred,
        Resolved,
        Rejected,
        Stopped,
        Apologized,
        Withdrawn,
        Returned,
        Rated,
    )
}
