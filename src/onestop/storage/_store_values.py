"""The values a dossier store takes and hands back.

Queries and their pages, outbox messages, checkpoints and verification reports.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any
from typing import Generic
from typing import TypeVar

import attrs

from onestop._shown import shown
from onestop.domain._validators import count
from onestop.domain._validators import is_storable
from onestop.domain._validators import moment
from onestop.domain._validators import optional
from onestop.domain._validators import typed
from onestop.domain.model._procedure import Channel
from onestop.domain.model._status import DossierStatus
from onestop.domain.model._timeliness import Outcome
from onestop.domain.time._local_time import to_local
from onestop.exceptions import CalendarInputError
from onestop.exceptions import SignatureError
from onestop.exceptions import UsageError
from onestop.signing._contract import check_jws

if TYPE_CHECKING:
    from onestop.storage._summary import DossierSummary

__all__ = [
    "Checkpoint",
    "DossierQuery",
    "OutboxMessage",
    "Page",
    "Verification",
    "outbox_key",
]

T = TypeVar("T")

#: The most rows one page may hold.
MAX_PAGE = 10_000
#: The largest position, cursor or message id a store holds: a signed 64-bit integer, as
#: SQLite's INTEGER and PostgreSQL's BIGINT are.
MAX_POSITION = 2**63 - 1


def _limit(_: object, __: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or not 1 <= value <= MAX_PAGE:
        raise UsageError(f"a page holds 1..{MAX_PAGE} rows, got {shown(value)}")


def _cursor(_: object, __: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or not 0 <= value <= MAX_POSITION:
        raise UsageError(
            f"a page cursor is an int in 0..{MAX_POSITION} from Page.next, got {shown(value)}"
        )


def _range(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    problem = f"{attribute.name} is a (first, last) pair of datetimes in order"
    if not isinstance(value, tuple) or len(value) != 2:
        raise UsageError(f"{problem}, got {shown(value)}")
    first, last = (_instant(end, problem) for end in value)
    if last < first:
        raise UsageError(f"{problem}, got {shown(value)}")


def _instant(value: object, problem: str) -> datetime:
    """``value`` in Vietnam time; naive and aware ends may be mixed (naive is Vietnam time)."""
    if not isinstance(value, datetime):
        raise UsageError(f"{problem}, got {shown(value)}")
    try:
        return to_local(value)
    except CalendarInputError as error:
        raise UsageError(f"{problem}: {error}") from None


def _overdue_at(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _instant(value, f"{attribute.name} is a datetime or None")


def _text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value or not is_storable(value)):
        raise UsageError(
            f"{attribute.name} is a non-empty text (UTF-8, no NUL) or None, got {shown(value)}"
        )


@attrs.frozen(kw_only=True)
class DossierQuery:
    """Which dossiers to list; every criterion given must hold (all ``None``: every dossier).

    :param status: the current status.
    :param agency: the receiving agency's code.
    :param holder: the agency holding the dossier now.
    :param procedure: the procedure code.
    :param field: the procedure's field (lĩnh vực).
    :param channel: how the dossiers arrived.
    :param received: a (first, last) range of receipt instants, both included.
    :param due: a (first, last) range of deadlines, both included.
    :param closed: a (first, last) range of closing instants, both included.
    :param outcome: early, on time or late (resolved or rejected dossiers only).
    :param overdue_at: only dossiers open, running and past their deadline at this instant.
    :param limit: the most dossiers in one page.
    :param after: the cursor of the page before (:attr:`Page.next`), or 0 for the first.

    .. versionadded:: 0.3
    """

    status: DossierStatus | None = attrs.field(
        default=None, validator=optional(typed(DossierStatus, UsageError))
    )
    agency: str | None = attrs.field(default=None, validator=_text)
    holder: str | None = attrs.field(default=None, validator=_text)
    procedure: str | None = attrs.field(default=None, validator=_text)
    field: str | None = attrs.field(default=None, validator=_text)
    channel: Channel | None = attrs.field(
        default=None, validator=optional(typed(Channel, UsageError))
    )
    received: tuple[datetime, datetime] | None = attrs.field(default=None, validator=_range)
    due: tuple[datetime, datetime] | None = attrs.field(default=None, validator=_range)
    closed: tuple[datetime, datetime] | None = attrs.field(default=None, validator=_range)
    outcome: Outcome | None = attrs.field(
        default=None, validator=optional(typed(Outcome, UsageError))
    )
    overdue_at: datetime | None = attrs.field(default=None, validator=_overdue_at)
    limit: int = attrs.field(default=100, validator=_limit)
    after: int = attrs.field(default=0, validator=_cursor)

    def matches(self, summary: DossierSummary) -> bool:
        """Whether ``summary`` meets every criterion (the reference SQL stores agree with)."""
        return (
            (self.status is None or summary.status is self.status)
            and (self.agency is None or summary.agency == self.agency)
            and (self.holder is None or summary.holder == self.holder)
            and (self.procedure is None or summary.procedure == self.procedure)
            and (self.field is None or summary.field == self.field)
            and (self.channel is None or summary.channel is self.channel)
            and _within(summary.received_at, self.received)
            and _within(summary.due, self.due)
            and _within(summary.closed_at, self.closed)
            and (self.outcome is None or summary.outcome is self.outcome)
            and (self.overdue_at is None or summary.is_overdue(to_local(self.overdue_at)))
        )


def _within(value: datetime | None, bounds: tuple[datetime, datetime] | None) -> bool:
    if bounds is None:
        return True
    return value is not None and to_local(bounds[0]) <= to_local(value) <= to_local(bounds[1])


@attrs.frozen
class Page(Generic[T]):
    """One page of results, in the order dossiers were first stored.

    :param items: the rows of this page.
    :param next: the cursor to pass as ``after`` for the next page; ``None`` on the last.
    """

    items: tuple[T, ...]
    next: int | None


def outbox_key(dossier_id: str, version: int) -> str:
    """The idempotency key of a dossier's ``version``-th event: ``"<dossier id>:<version>"``.

    :raises UsageError: unless ``dossier_id`` is a text and ``version`` a positive int.
    """
    if type(dossier_id) is not str or type(version) is not int or not 0 < version < 2**63:
        raise UsageError(
            f"an outbox key is a dossier id (text) and a version (an int from 1 to 2**63 - 1), got "
            f"{shown(dossier_id)} and {shown(version)}"
        )
    return f"{dossier_id}:{version}"


@attrs.frozen(kw_only=True)
class OutboxMessage:
    """An event waiting to be delivered to the national portal (or another subscriber).

    Written in the same transaction as the event, so no acknowledged event is ever
    missing from the outbox; delivered at least once, in order per dossier.

    :param id: the message's place in the outbox (increasing).
    :param dossier_id: the dossier.
    :param version: the event's version (its place in the history, from 1).
    :param key: the idempotency key, ``"<dossier id>:<version>"``; a receiver that has
        seen it already must ignore the message.
    :param kind: the event's kind, e.g. ``"received"``.
    :param body: the event's canonical JSON.
    :param attempts: how many deliveries failed so far.
    :param not_before: the earliest instant of the next attempt (backoff).
    :param last_error: the last failure's message.
    :param delivered_at: when it was delivered; ``None`` while pending.
    :param claimed_by: the worker that last claimed it (see
        :meth:`~onestop.storage.DossierStore.claim`); kept after delivery.
    :param claimed_until: when that worker's hold runs out; ``None`` once the message
        was delivered or its failure recorded.

    .. versionchanged:: 0.3
       ``claimed_by`` and ``claimed_until``.
    """

    id: int
    dossier_id: str
    version: int
    key: str
    kind: str
    body: bytes
    attempts: int = 0
    not_before: datetime | None = None
    last_error: str | None = None
    delivered_at: datetime | None = None
    claimed_by: str | None = None
    claimed_until: datetime | None = None


def _digest(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bytes or len(value) != 32:
        raise UsageError(f"{attribute.name} is a SHA-256 digest (32 bytes), got {shown(value)}")


def _signature(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        try:
            check_jws(value)
        except SignatureError as error:
            raise UsageError(f"{attribute.name} is None (unsigned) or {error}") from None


@attrs.frozen(kw_only=True)
class Checkpoint:
    """A signed statement of every dossier's head at one moment.

    :param number: the checkpoint's number (from 1).
    :param at: when it was taken.
    :param position: the store's event position it covers (every event up to it).
    :param size: how many dossiers it covers.
    :param root: the RFC 6962 Merkle tree hash over the dossiers' heads.
    :param signature: the signer's signature over the checkpoint's canonical JSON
        (see :meth:`statement`), or ``None`` when unsigned.
    """

    number: int = attrs.field(validator=count(UsageError, minimum=1))
    at: datetime = attrs.field(validator=moment(UsageError))
    position: int = attrs.field(validator=count(UsageError))
    size: int = attrs.field(validator=count(UsageError))
    root: bytes = attrs.field(validator=_digest)
    signature: str | None = attrs.field(default=None, validator=_signature)

    def statement(self) -> dict[str, object]:
        """What is signed: number, instant, position, size and root, as JSON data."""
        return {
            "checkpoint": self.number,
            "at": self.at.isoformat(),
            "position": self.position,
            "size": self.size,
            "root": self.root.hex(),
        }


@attrs.frozen
class Verification:
    """What a verification found: ``ok`` when ``problems`` is empty.

    :param checked: how many dossiers (or checkpoints) were checked.
    :param problems: one readable message per problem, naming the dossier and event.
    """

    checked: int
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether nothing was found."""
        return not self.problems

    def __bool__(self) -> bool:
        """True when nothing was found."""
        return self.ok
