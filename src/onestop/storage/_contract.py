"""The contract every dossier store keeps: :class:`DossierStore`.

The built-in stores (:class:`~onestop.storage.MemoryStore`,
:class:`~onestop.storage.SQLiteStore`) and a province's own keep it; the
conformance kit (:mod:`onestop.testing.conformance`) checks that they do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Protocol
from typing import runtime_checkable

import attrs

from onestop._shown import shown
from onestop.exceptions import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Iterable
    from collections.abc import Sequence
    from datetime import datetime
    from datetime import timedelta

    from onestop.domain.model._dossier import Dossier
    from onestop.domain.model._events import DossierEvent
    from onestop.domain.time._calendar import Calendar
    from onestop.rules._indicators import QualityRow
    from onestop.rules._statistics import StatisticsRow
    from onestop.storage._store_values import Checkpoint
    from onestop.storage._store_values import DossierQuery
    from onestop.storage._store_values import OutboxMessage
    from onestop.storage._store_values import Page
    from onestop.storage._store_values import Verification
    from onestop.storage._summary import DossierSummary

__all__ = ["CheckpointSigner", "DossierStore", "check_same_calendar", "every_match"]


class CheckpointSigner(Protocol):
    """What a store needs to sign and check checkpoints (any :mod:`onestop.signing` signer)."""

    def sign(self, payload: bytes) -> str:
        """A detached signature over ``payload``."""
        ...

    def verify(self, payload: bytes, signature: str) -> object:
        """Check ``signature`` over ``payload``; raise ``SignatureError`` when it fails."""
        ...


@runtime_checkable
class DossierStore(Protocol):
    """Dossier histories, their projection, an outbox and signed checkpoints.

    Versions count events: a new dossier is at version 0, and after ``n`` events at
    version ``n``. :attr:`calendar` is the calendar the projection's deadlines are
    computed on: the office's, which the office checks (:func:`check_same_calendar`).

    .. versionadded:: 0.3
    """

    calendar: Calendar

    def append(
        self, dossier: Dossier | None, expected_version: int, events: Sequence[DossierEvent]
    ) -> Dossier:
        """Store ``events`` after ``dossier`` (``None`` for a new one), atomically.

        The events, the projection row and one outbox message per event are written in
        one transaction; once this returns, they survive a crash.

        :param dossier: the dossier as the caller read it, or ``None`` to start one.
        :param expected_version: the version the caller read (``len(dossier)``, or 0).
        :param events: the new events, oldest first.
        :returns: the dossier with the events applied.
        :raises ConcurrencyError: when the stored version is not ``expected_version``.
        :raises DossierError: when the events do not follow (the dossier is unchanged).
        :raises UsageError: when the arguments are not of the kinds described.
        """
        ...

    def append_numbered(
        self,
        dossier: Dossier | None,
        expected_version: int,
        agency: str,
        day: datetime,
        events_for: Callable[[int], Sequence[DossierEvent]],
    ) -> Dossier:
        """Take ``agency``'s next running number of ``day`` and append the events built with it.

        The number and the events are written in one transaction: a receipt whose
        append fails (a stale version, an illegal transition, a crash) leaves its number
        unused, and a receipt costs one durable commit, not two.

        :param events_for: builds the new events from the running number (the receipt
            event carries the dossier code).
        :raises ConcurrencyError, DossierError, UsageError: as :meth:`append`, and
            whatever ``events_for`` raises; the number is not taken then.

        .. versionadded:: 0.5
        """
        ...

    def import_histories(self, dossiers: Iterable[Dossier], *, batch: int = 1000) -> int:
        """Store whole new histories in batches of ``batch`` dossiers per transaction.

        :returns: how many events were stored.
        :raises ConcurrencyError: when one of the dossiers is already stored.
        """
        ...

    def load(self, dossier_id: str) -> Dossier:
        """The dossier with this identity, rebuilt from its stored history.

        :raises UnknownDossierError: when no dossier has it.
        """
        ...

    def find(self, code: str) -> Dossier:
        """The dossier with this code (as printed on its receipt).

        :raises UnknownDossierError: when no dossier has it.
        """
        ...

    def version(self, dossier_id: str) -> int:
        """How many events the dossier's stored history holds (0 when unknown)."""
        ...

    def summary(self, dossier_id: str) -> DossierSummary:
        """The projection row of one dossier.

        :raises UnknownDossierError: when no dossier has it.
        """
        ...

    def query(self, query: DossierQuery) -> Page[DossierSummary]:
        """One page of the dossiers matching ``query``, in the order they were first stored."""
        ...

    def count(self, query: DossierQuery) -> int:
        """How many dossiers match ``query`` (its ``limit`` and ``after`` are ignored)."""
        ...

    def statistics(self, first: datetime, last: datetime) -> tuple[StatisticsRow, ...]:
        """The periodic statistics table from ``first`` to ``last``, per agency and field.

        Computed over the projection (SQL in the database stores); it equals
        :func:`onestop.rules.statistics_of` over every summary.
        """
        ...

    def quality(self, first: datetime, last: datetime) -> tuple[QualityRow, ...]:
        """What Decision 766's indicators count from ``first`` to ``last``, per agency.

        Computed over the projection and the outbox; it equals
        :func:`onestop.rules.quality_of` over every summary, with the dossiers
        that have undelivered outbox messages as ``unsynced``.

        .. versionadded:: 0.3
        """
        ...

    def next_sequence(self, agency: str, day: datetime) -> int:
        """The next running number of ``agency`` on ``day``'s date, from 1, never reused."""
        ...

    def pending(self, now: datetime, limit: int = 100) -> tuple[OutboxMessage, ...]:
        """Outbox messages ready at ``now``, in outbox order, without claiming them.

        Ready: per dossier only its oldest undelivered message, once its backoff
        (``not_before``) has passed and while no worker holds it (``claimed_until``
        after ``now``). :meth:`claim` takes exactly these.

        .. versionchanged:: 0.3
           A message a worker holds is not ready.
        """
        ...

    def claim(
        self, now: datetime, worker: str, lease: timedelta, limit: int = 100
    ) -> tuple[OutboxMessage, ...]:
        """Take the messages ready at ``now`` (see :meth:`pending`) for ``worker``, atomically.

        Each is held by ``worker`` until ``now + lease``: other workers' claims skip it,
        so workers on several machines never deliver one message at once, and a
        dossier's next message stays unready until this one is delivered — delivery
        stays in order per dossier. :meth:`delivered` and :meth:`failed` end the hold; a
        worker that dies loses it when the lease runs out, and another worker takes the
        message again (at least once; the idempotency key drops the repeat). A worker
        restarted under its old name takes back what it held at once.

        :param worker: the worker's name, kept in ``claimed_by``; one worker at a time
            may use a name.
        :param lease: how long the hold lasts; longer than one delivery takes.
        :returns: the claimed messages, in outbox order, with ``claimed_by`` and
            ``claimed_until`` set.
        :raises UsageError: when an argument is not of the kinds described.

        .. versionadded:: 0.3
        """
        ...

    def wait(self, timeout: float) -> bool:
        """Block until something that may make a message ready is stored, or ``timeout``.

        A worker with nothing to claim waits here instead of polling: a new outbox
        message stored since the call began, by any process, wakes it (other writes
        may wake it too). Backoffs and leases run out without a wake-up: a worker
        waits at most until the earliest of them.

        :param timeout: the longest wait, in seconds (0: only look).
        :returns: ``True`` when woken, ``False`` when the time ran out. A ``True`` is a
            hint to claim again, not a promise that a message is ready.
        :raises UsageError: when ``timeout`` is not a number of seconds ≥ 0.

        .. versionadded:: 0.3
        """
        ...

    def delivered(self, message_id: int, at: datetime) -> None:
        """Mark a message delivered and end its hold; its dossier's next message becomes ready."""
        ...

    def failed(self, message_id: int, error: str, retry_at: datetime) -> None:
        """Record a failed delivery and end its hold; it and its dossier's later messages wait.

        They are ready again at ``retry_at``.
        """
        ...

    def outbox(self, *, include_delivered: bool = False) -> tuple[OutboxMessage, ...]:
        """Every pending message (and the delivered ones when asked), in outbox order."""
        ...

    def verify(self, dossier_id: str) -> Verification:
        """Recompute one dossier's hash chain; report every edited, missing or extra event."""
        ...

    def verify_all(
        self,
        signer: CheckpointSigner | None = None,
        *,
        against: Sequence[Checkpoint] | None = None,
    ) -> Verification:
        """Verify every dossier: its chain and its projection row; then the checkpoints.

        Each projection row must be what its history folds to. The checkpoints are the
        store's own, or ``against`` — a copy kept where the store cannot be rewritten
        (:func:`onestop.storage.checkpoints_from_json`), each of which the store's own
        must match. With ``signer``, checkpoint signatures are checked too; without
        one, their roots are only recomputed, which proves nothing against whoever
        can rewrite the store and its checkpoints together.

        .. versionchanged:: 0.5
           Projection rows are checked; ``against``.
        """
        ...

    def checkpoint(self, at: datetime, signer: CheckpointSigner | None = None) -> Checkpoint:
        """Take a checkpoint over every dossier's head now, signed when ``signer`` is given."""
        ...

    def checkpoints(self) -> tuple[Checkpoint, ...]:
        """Every checkpoint taken, oldest first."""
        ...

    def close(self) -> None:
        """Release the store's resources; it may not be used afterwards."""
        ...


def every_match(store: DossierStore, query: DossierQuery) -> list[DossierSummary]:
    """Every summary ``query`` matches in ``store``, page after page, from ``query.after``."""
    found: list[DossierSummary] = []
    while True:
        page = store.query(query)
        found.extend(page.items)
        if page.next is None:
            return found
        query = attrs.evolve(query, after=page.next)


def check_same_calendar(store: object, calendar: Calendar) -> None:
    """Refuse a store whose projection computes deadlines on another calendar than ``calendar``.

    One calendar: a province office over a store opened with the national
    calendar would save the national deadlines in the projection, and its reports would
    count them.

    :raises UsageError: naming both calendars and the fix.

    .. versionadded:: 0.5
    """
    own = getattr(store, "calendar", None)
    if own is calendar:
        return
    if own is None:
        raise UsageError(
            f"the store {shown(store)} names no calendar (its .calendar attribute); a store "
            "computes its projection's deadlines on the office's calendar"
        )
    if own != calendar:
        raise UsageError(
            f"the store computes deadlines on the calendar {shown(own)}, the office on "
            f"{shown(calendar)}: open the store with the office's calendar "
            "(open_office does), so the projection and the office agree"
        )
