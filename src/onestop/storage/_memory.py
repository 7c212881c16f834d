"""A dossier store in memory, for tests and one-process tools; it keeps the whole contract.

Nothing survives the process. It is the reference the SQLite store is checked
against, and what :func:`onestop.testing.conformance` runs first.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import attrs

from onestop._shown import shown
from onestop.domain.model._agency import check_agency_code
from onestop.domain.model._dossier import Dossier
from onestop.domain.time._calendar import Calendar
from onestop.domain.time._local_time import to_local
from onestop.exceptions import ConcurrencyError
from onestop.exceptions import StorageError
from onestop.exceptions import UnknownDossierError
from onestop.exceptions import UsageError
from onestop.national._civil_service_calendar import vietnam_calendar
from onestop.rules._indicators import QualityRow
from onestop.rules._indicators import quality_of
from onestop.rules._statistics import StatisticsRow
from onestop.rules._statistics import check_period
from onestop.rules._statistics import statistics_of
from onestop.storage._append import EventRow
from onestop.storage._append import decode_events
from onestop.storage._append import event_rows
from onestop.storage._append import histories
from onestop.storage._append import plan_append
from onestop.storage._arguments import check_builder
from onestop.storage._arguments import check_claim
from onestop.storage._arguments import check_instant
from onestop.storage._arguments import check_kept
from onestop.storage._arguments import check_key
from onestop.storage._arguments import check_limit
from onestop.storage._arguments import check_message_id
from onestop.storage._arguments import check_signer
from onestop.storage._arguments import check_text
from onestop.storage._arguments import check_timeout
from onestop.storage._arguments import lease_end
from onestop.storage._arguments import sequence_day
from onestop.storage._hash_chain import GENESIS
from onestop.storage._hash_chain import head_leaf
from onestop.storage._hash_chain import merkle_root
from onestop.storage._store_values import Checkpoint
from onestop.storage._store_values import DossierQuery
from onestop.storage._store_values import OutboxMessage
from onestop.storage._store_values import Page
from onestop.storage._store_values import Verification
from onestop.storage._store_values import outbox_key
from onestop.storage._summary import DossierSummary
from onestop.storage._summary import summarize
from onestop.storage._verification import sign_checkpoint
from onestop.storage._verification import verify_chain
from onestop.storage._verification import verify_checkpoints

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Iterable
    from collections.abc import Sequence
    from datetime import datetime
    from datetime import timedelta

    from onestop.domain.model._events import DossierEvent
    from onestop.storage._contract import CheckpointSigner

__all__ = ["MemoryStore"]


@attrs.define
class _Entry:
    position: int
    summary: DossierSummary
    rows: list[tuple[int, EventRow]]  # (global position, row)


class MemoryStore:
    """A :class:`~onestop.storage.DossierStore` held in memory.

    :param calendar: the calendar deadlines in the projection are computed on
        (default: the national one).

    .. versionadded:: 0.3
    """

    def __init__(self, calendar: Calendar | None = None) -> None:
        """An empty store."""
        if calendar is not None and not isinstance(calendar, Calendar):
            raise UsageError(f"calendar is a Calendar or None, got {shown(calendar)}")
        self.calendar = calendar if calendar is not None else vietnam_calendar()
        self._lock = threading.Lock()
        self._stored = threading.Condition(self._lock)  # notified on new outbox messages
        self._messages = 0  # how many outbox messages were ever stored
        self._entries: dict[str, _Entry] = {}
        self._codes: dict[str, str] = {}
        self._positions = 0
        self._outbox: dict[int, OutboxMessage] = {}
        self._sequences: dict[tuple[str, str], int] = {}
        self._checkpoints: list[Checkpoint] = []

    # -- writing ----------------------------------------------------------------

    def append(
        self, dossier: Dossier | None, expected_version: int, events: Sequence[DossierEvent]
    ) -> Dossier:
        """See :meth:`DossierStore.append <onestop.storage.DossierStore.append>`."""
        new = plan_append(dossier, expected_version, events)
        with self._lock:
            self._append_locked(new, expected_version, events)
        return new

    def _append_locked(
        self, new: Dossier, expected_version: int, events: Sequence[DossierEvent]
    ) -> None:
        entry = self._entries.get(new.id)
        actual = entry.summary.version if entry else 0
        if actual != expected_version:
            raise ConcurrencyError(new.id, expected_version, actual)
        previous = entry.rows[-1][1].hash if entry else GENESIS
        self._write(new, entry, event_rows(events, expected_version + 1, previous), deliver=True)

    def append_numbered(
        self,
        dossier: Dossier | None,
        expected_version: int,
        agency: str,
        day: datetime,
        events_for: Callable[[int], Sequence[DossierEvent]],
    ) -> Dossier:
        """See :meth:`DossierStore.append_numbered <onestop.storage.DossierStore.append_numbered>`."""  # noqa: E501
        check_agency_code(agency)
        key = (agency, sequence_day(day))
        check_builder(events_for)
        with self._lock:
            number = self._sequences.get(key, 0) + 1
            events = events_for(number)
            new = plan_append(dossier, expected_version, events)
            self._append_locked(new, expected_version, events)
            self._sequences[key] = number
        return new

    def import_histories(
        self, dossiers: Iterable[Dossier], *, batch: int = 1000, deliver: bool = False
    ) -> int:
        """See :meth:`DossierStore.import_histories <onestop.storage.DossierStore.import_histories>`."""  # noqa: E501
        if type(batch) is not int or batch < 1:
            raise UsageError(f"batch is a positive int, got {shown(batch)}")
        stored = 0
        for dossier in histories(dossiers):
            events = dossier.events
            with self._lock:
                if dossier.id in self._entries:
                    raise ConcurrencyError(dossier.id, 0, self._entries[dossier.id].summary.version)
                self._write(dossier, None, event_rows(events, 1, GENESIS), deliver=deliver)
            stored += len(events)
        return stored

    def _write(
        self, new: Dossier, entry: _Entry | None, rows: list[EventRow], *, deliver: bool
    ) -> None:
        summary = summarize(new, rows[-1].version, self.calendar)
        if summary.code is not None and self._codes.get(summary.code, new.id) != new.id:
            raise StorageError(f"the code {summary.code} is already another dossier's")
        if entry is None:
            self._positions += 1
            entry = _Entry(self._positions, summary, [])
            self._entries[new.id] = entry
        entry.summary = summary
        if summary.code is not None:
            self._codes[summary.code] = new.id
        for row in rows:
            self._positions += 1
            entry.rows.append((self._positions, row))
            if deliver:
                message_id = len(self._outbox) + 1
                self._outbox[message_id] = OutboxMessage(
                    id=message_id,
                    dossier_id=new.id,
                    version=row.version,
                    key=outbox_key(new.id, row.version),
                    kind=row.kind,
                    body=row.body,
                )
                self._messages += 1
                self._stored.notify_all()

    # -- reading ----------------------------------------------------------------

    def _entry(self, dossier_id: str) -> _Entry:
        check_key(dossier_id, "dossier id")
        entry = self._entries.get(dossier_id)
        if entry is None:
            raise UnknownDossierError(f"no stored dossier has the id {shown(dossier_id)}")
        return entry

    def load(self, dossier_id: str) -> Dossier:
        """See :meth:`DossierStore.load <onestop.storage.DossierStore.load>`."""
        with self._lock:
            bodies = [row.body for _, row in self._entry(dossier_id).rows]
        return Dossier(decode_events(bodies))

    def find(self, code: str) -> Dossier:
        """See :meth:`DossierStore.find <onestop.storage.DossierStore.find>`."""
        check_key(code, "dossier code")
        dossier_id = self._codes.get(code.strip())
        if dossier_id is None:
            raise UnknownDossierError(f"no stored dossier has the code {shown(code)}")
        return self.load(dossier_id)

    def version(self, dossier_id: str) -> int:
        """See :meth:`DossierStore.version <onestop.storage.DossierStore.version>`."""
        check_key(dossier_id, "dossier id")
        entry = self._entries.get(dossier_id)
        return entry.summary.version if entry else 0

    def summary(self, dossier_id: str) -> DossierSummary:
        """See :meth:`DossierStore.summary <onestop.storage.DossierStore.summary>`."""
        return self._entry(dossier_id).summary

    def _matching(self, query: DossierQuery) -> list[_Entry]:
        if not isinstance(query, DossierQuery):
            raise UsageError(f"query is a DossierQuery, got {shown(query)}")
        with self._lock:
            entries = sorted(self._entries.values(), key=lambda entry: entry.position)
        return [entry for entry in entries if query.matches(entry.summary)]

    def query(self, query: DossierQuery) -> Page[DossierSummary]:
        """See :meth:`DossierStore.query <onestop.storage.DossierStore.query>`."""
        found = [e for e in self._matching(query) if e.position > query.after]
        page = found[: query.limit]
        more = len(found) > query.limit
        return Page(tuple(e.summary for e in page), page[-1].position if more else None)

    def count(self, query: DossierQuery) -> int:
        """See :meth:`DossierStore.count <onestop.storage.DossierStore.count>`."""
        return len(self._matching(query))

    def statistics(self, first: datetime, last: datetime) -> tuple[StatisticsRow, ...]:
        """See :meth:`DossierStore.statistics <onestop.storage.DossierStore.statistics>`."""
        first, last = check_period(first, last)
        with self._lock:
            summaries = [entry.summary for entry in self._entries.values()]
        return statistics_of(summaries, to_local(first), to_local(last))

    def quality(self, first: datetime, last: datetime) -> tuple[QualityRow, ...]:
        """See :meth:`DossierStore.quality <onestop.storage.DossierStore.quality>`."""
        first, last = check_period(first, last)
        waiting = {message.dossier_id for message in self.outbox()}
        with self._lock:
            summaries = [entry.summary for entry in self._entries.values()]
        return quality_of(summaries, to_local(first), to_local(last), unsynced=waiting)

    def next_sequence(self, agency: str, day: datetime) -> int:
        """See :meth:`DossierStore.next_sequence <onestop.storage.DossierStore.next_sequence>`."""
        check_agency_code(agency)
        key = (agency, sequence_day(day))
        with self._lock:
            number = self._sequences.get(key, 0) + 1
            self._sequences[key] = number
        return number

    # -- the outbox -------------------------------------------------------------

    def pending(self, now: datetime, limit: int = 100) -> tuple[OutboxMessage, ...]:
        """See :meth:`DossierStore.pending <onestop.storage.DossierStore.pending>`."""
        now = check_instant(now, "now")
        check_limit(limit)
        with self._lock:
            return self._ready(now, limit, None)

    def _ready(self, now: datetime, limit: int, worker: str | None) -> tuple[OutboxMessage, ...]:
        ready: list[OutboxMessage] = []
        seen: set[str] = set()
        for message in self._outbox.values():  # in id order: ids are given in insertion order
            if message.delivered_at is not None or message.dossier_id in seen:
                continue
            seen.add(message.dossier_id)
            if (message.not_before is None or message.not_before <= now) and (
                message.claimed_until is None
                or message.claimed_until <= now
                or message.claimed_by == worker
            ):
                ready.append(message)
        return tuple(ready[:limit])

    def claim(
        self, now: datetime, worker: str, lease: timedelta, limit: int = 100
    ) -> tuple[OutboxMessage, ...]:
        """See :meth:`DossierStore.claim <onestop.storage.DossierStore.claim>`."""
        now = check_instant(now, "now")
        worker, lease = check_claim(worker, lease)
        until = lease_end(now, lease)
        check_limit(limit)
        with self._lock:
            claimed = tuple(
                attrs.evolve(message, claimed_by=worker, claimed_until=until)
                for message in self._ready(now, limit, worker)
            )
            for message in claimed:
                self._outbox[message.id] = message
        return claimed

    def wait(self, timeout: float) -> bool:
        """See :meth:`DossierStore.wait <onestop.storage.DossierStore.wait>`."""
        deadline = time.monotonic() + check_timeout(timeout)
        with self._lock:
            seen = self._messages
            while self._messages == seen:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._stored.wait(left)
        return True

    def _message(self, message_id: int) -> OutboxMessage:
        message = self._outbox.get(check_message_id(message_id))
        if message is None:
            raise UsageError(f"no outbox message has the id {shown(message_id)}")
        return message

    def delivered(self, message_id: int, at: datetime) -> None:
        """See :meth:`DossierStore.delivered <onestop.storage.DossierStore.delivered>`."""
        at = check_instant(at, "at")
        with self._lock:
            message = self._message(message_id)
            if message.delivered_at is None:
                self._outbox[message_id] = attrs.evolve(
                    message, delivered_at=at, claimed_until=None
                )

    def failed(self, message_id: int, error: str, retry_at: datetime) -> None:
        """See :meth:`DossierStore.failed <onestop.storage.DossierStore.failed>`."""
        retry_at = check_instant(retry_at, "retry_at")
        check_text(error, "error")
        with self._lock:
            message = self._message(message_id)
            if message.delivered_at is None:
                self._outbox[message_id] = attrs.evolve(
                    message,
                    attempts=message.attempts + 1,
                    last_error=error,
                    not_before=retry_at,
                    claimed_until=None,
                )

    def outbox(self, *, include_delivered: bool = False) -> tuple[OutboxMessage, ...]:
        """See :meth:`DossierStore.outbox <onestop.storage.DossierStore.outbox>`."""
        with self._lock:
            messages = list(self._outbox.values())  # in id order, as inserted
        return tuple(m for m in messages if include_delivered or m.delivered_at is None)

    # -- tamper evidence --------------------------------------------------------

    def verify(self, dossier_id: str) -> Verification:
        """See :meth:`DossierStore.verify <onestop.storage.DossierStore.verify>`."""
        entry = self._entry(dossier_id)
        return Verification(
            1,
            tuple(verify_chain(dossier_id, entry.summary.version, [row for _, row in entry.rows])),
        )

    def verify_all(
        self,
        signer: CheckpointSigner | None = None,
        *,
        against: Sequence[Checkpoint] | None = None,
    ) -> Verification:
        """See :meth:`DossierStore.verify_all <onestop.storage.DossierStore.verify_all>`."""
        check_signer(signer)
        check_kept(against)
        problems: list[str] = []
        with self._lock:
            entries = dict(self._entries)
        for dossier_id, entry in entries.items():
            rows = [row for _, row in entry.rows]
            problems.extend(verify_chain(dossier_id, entry.summary.version, rows))
        problems.extend(
            verify_checkpoints(
                self.checkpoints(), against, lambda at: merkle_root(self._heads(at)), signer
            )
        )
        return Verification(len(entries), tuple(problems))

    def _heads(self, position: int) -> list[bytes]:
        heads = []
        with self._lock:
            for dossier_id, entry in self._entries.items():
                covered = [row for place, row in entry.rows if place <= position]
                if covered:
                    heads.append((dossier_id, covered[-1]))
        heads.sort(key=lambda head: head[0])
        return [head_leaf(dossier_id, row.version, row.hash) for dossier_id, row in heads]

    def checkpoint(self, at: datetime, signer: CheckpointSigner | None = None) -> Checkpoint:
        """See :meth:`DossierStore.checkpoint <onestop.storage.DossierStore.checkpoint>`."""
        check_instant(at, "at")
        check_signer(signer)
        with self._lock:
            position = self._positions
        leaves = self._heads(position)
        checkpoint = Checkpoint(
            number=len(self._checkpoints) + 1,
            at=at,
            position=position,
            size=len(leaves),
            root=merkle_root(leaves),
        )
        checkpoint = sign_checkpoint(checkpoint, signer)
        self._checkpoints.append(checkpoint)
        return checkpoint

    def checkpoints(self) -> tuple[Checkpoint, ...]:
        """See :meth:`DossierStore.checkpoints <onestop.storage.DossierStore.checkpoints>`."""
        return tuple(self._checkpoints)

    def close(self) -> None:
        """Nothing to release."""
