"""Draining the outbox into a portal adapter: at least once, in order per dossier.

:class:`OutboxSync` claims the messages that are ready (each dossier's oldest
undelivered one, past its backoff, held by no other worker) under its worker name
and a lease, rebuilds each dossier as it stood just after the message's event, and
hands both to the adapter. Several workers — threads, processes, machines — can
drain one store together: a claim skips what another worker holds, so none delivers
a message another is delivering, and a dossier's next message waits for this one.

A delivery marks the message delivered, which makes the dossier's next message
ready; a :class:`~onestop.exceptions.PortalError` records the failure and holds the dossier
back for an exponentially growing delay (``base_delay`` doubled per failed attempt,
at most ``max_delay``). Because the state lives in the store's outbox, a restarted
process goes on where the last one stopped; nothing is lost, and the idempotency key
lets the portal drop what it got twice (a crash between delivery and marking, or a
worker that died holding a message: its lease runs out and another worker takes it).

With nothing to claim a worker waits on the store (:meth:`DossierStore.wait
<onestop.storage.DossierStore.wait>`; PostgreSQL's ``LISTEN``/``NOTIFY``)
rather than polling it.
"""

from __future__ import annotations

import itertools
import os
import socket
import threading
import time
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from onestop._shown import shown
from onestop.domain.model._dossier import Dossier
from onestop.domain.time._local_time import now as vietnam_now
from onestop.exceptions import PortalError
from onestop.exceptions import UsageError
from onestop.storage._arguments import check_claim
from onestop.storage._arguments import check_limit
from onestop.storage._arguments import check_timeout

if TYPE_CHECKING:
    from collections.abc import Callable

    from onestop.portal._contract import PortalAdapter
    from onestop.storage._contract import DossierStore
    from onestop.storage._store_values import OutboxMessage

__all__ = ["OutboxSync", "SyncReport", "default_worker"]


@attrs.frozen
class SyncReport:
    """What one pass (or a whole drain) did.

    :param delivered: messages delivered.
    :param failed: deliveries that failed and were put back with a delay.
    :param pending: messages still undelivered afterwards.
    :param errors: the distinct failure messages, in order of appearance.
    """

    delivered: int = 0
    failed: int = 0
    pending: int = 0
    errors: tuple[str, ...] = ()

    def __add__(self, other: SyncReport) -> SyncReport:
        """Two reports summed; the later pending count is kept."""
        errors = self.errors + tuple(e for e in other.errors if e not in self.errors)
        return SyncReport(
            self.delivered + other.delivered, self.failed + other.failed, other.pending, errors
        )


_WORKERS = itertools.count(1)


def default_worker() -> str:
    """A worker name unique among this machine's processes: ``host:pid:n``."""
    return f"{socket.gethostname()}:{os.getpid()}:{next(_WORKERS)}"


class OutboxSync:
    """Delivers a store's outbox through a portal adapter.

    :param store: the dossier store whose outbox is drained.
    :param adapter: the portal adapter.
    :param now: the clock (Vietnam time); tests pass a fake one.
    :param base_delay: the delay after the first failure of a message.
    :param max_delay: the longest delay.
    :param worker: the name its claims are held under (default: :func:`default_worker`).
    :param lease: how long a claim holds a message; a delivery must finish within it,
        or another worker may deliver the message again.

    .. versionadded:: 0.3
    """

    def __init__(
        self,
        store: DossierStore,
        adapter: PortalAdapter,
        *,
        now: Callable[[], datetime] = vietnam_now,
        base_delay: timedelta = timedelta(seconds=2),
        max_delay: timedelta = timedelta(hours=1),
        worker: str | None = None,
        lease: timedelta = timedelta(minutes=5),
    ) -> None:
        """A worker; nothing happens until :meth:`run_once`, :meth:`drain` or :meth:`serve`."""
        if not callable(getattr(adapter, "deliver", None)):
            raise UsageError(f"adapter is a PortalAdapter with deliver(), got {shown(adapter)}")
        if not callable(now):
            raise UsageError(f"now is a clock: a function returning a datetime, got {shown(now)}")
        if not callable(getattr(store, "claim", None)):
            raise UsageError(f"store is a DossierStore, got {shown(store)}")
        self.worker, self.lease = check_claim(default_worker() if worker is None else worker, lease)
        if not (isinstance(base_delay, timedelta) and isinstance(max_delay, timedelta)) or not (
            timedelta() < base_delay <= max_delay
        ):
            raise UsageError(
                f"0 < base_delay <= max_delay, got {shown(base_delay)}, {shown(max_delay)}"
            )
        self.store = store
        self.adapter = adapter
        self.now = now
        self.base_delay = base_delay
        self.max_delay = max_delay

    def delay(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failure of a message (from 1).

        :raises UsageError: when ``attempts`` is not a positive int.
        """
        if type(attempts) is not int or attempts < 1:
            raise UsageError(f"attempts is a positive int, got {shown(attempts)}")
        doubled: timedelta = self.base_delay * (2 ** min(attempts - 1, 40))
        return min(self.max_delay, doubled)

    def _deliver(self, message: OutboxMessage, dossiers: dict[str, Dossier]) -> str | None:
        dossier = dossiers.get(message.dossier_id)
        if dossier is None:
            dossier = dossiers[message.dossier_id] = self.store.load(message.dossier_id)
        try:
            self.adapter.deliver(message, Dossier(dossier.events[: message.version]))
        except PortalError as error:  # a remote answer may hold what no database keeps
            return str(error).encode("utf-8", "replace").decode().replace("\x00", "\ufffd")
        return None

    def _pass(self, limit: int) -> tuple[SyncReport, int]:
        """Claim and deliver once; the report without ``pending``, and how many were claimed."""
        delivered = failed = 0
        errors: list[str] = []
        dossiers: dict[str, Dossier] = {}
        claimed = self.store.claim(self.now(), self.worker, self.lease, limit)
        for message in claimed:
            error = self._deliver(message, dossiers)
            if error is None:
                self.store.delivered(message.id, self.now())
                delivered += 1
                continue
            failed += 1
            if error not in errors:
                errors.append(error)
            retry_at = self.now() + self.delay(message.attempts + 1)
            self.store.failed(message.id, error, retry_at)
        return SyncReport(delivered, failed, 0, tuple(errors)), len(claimed)

    def run_once(self, limit: int = 100) -> SyncReport:
        """One pass: claim every message ready now (at most ``limit``) and deliver them."""
        check_limit(limit)
        report, _ = self._pass(limit)
        return attrs.evolve(report, pending=len(self.store.outbox()))

    def drain(
        self,
        *,
        timeout: float = 60.0,
        poll: float = 0.05,
        limit: int = 100,
    ) -> SyncReport:
        """Pass after pass until the outbox is empty or ``timeout`` seconds have gone.

        When a pass finds nothing to claim — backoffs, other workers' holds — it waits
        on the store for at most ``poll`` seconds. Several workers may drain one store
        at once; each stops when the outbox is empty. Returns the sum of the passes.
        """
        timeout, poll = check_timeout(timeout), check_timeout(poll)
        check_limit(limit)
        report = SyncReport()
        self.store.wait(0)  # PostgreSQL LISTENs from here on: no later append is missed
        pending = len(self.store.outbox())
        started = time.monotonic()
        while pending and time.monotonic() - started < timeout:
            step, claimed = self._pass(limit)
            report += step
            if not claimed:  # the outbox is looked at only when nothing could be claimed
                pending = len(self.store.outbox())
                if pending:
                    self.store.wait(poll)
        return attrs.evolve(report, pending=len(self.store.outbox()))

    def serve(self, stop: threading.Event, *, idle: float = 1.0, limit: int = 100) -> SyncReport:
        """Deliver until ``stop`` is set: the loop of a long-running worker.

        With nothing to claim it waits on the store for at most ``idle`` seconds, so a
        new message (an append in any process) is delivered at once, and a backoff or
        a dead worker's lease that ran out is seen within ``idle``. It stops within
        ``idle`` seconds of ``stop`` being set. Returns the sum of the passes;
        ``pending`` is the outbox's size when it stopped.
        """
        if not isinstance(stop, threading.Event):
            raise UsageError(f"stop is a threading.Event, got {shown(stop)}")
        idle = check_timeout(idle)
        check_limit(limit)
        report = SyncReport()
        self.store.wait(0)  # PostgreSQL LISTENs from here on: no later append is missed
        while not stop.is_set():
            step, claimed = self._pass(limit)
            report += step
            if not claimed:
                self.store.wait(idle)
        return attrs.evolve(report, pending=len(self.store.outbox()))
