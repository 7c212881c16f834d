"""The contract of a portal adapter: :class:`PortalAdapter`.

The sync worker (``onestop.portal._sync``) hands an adapter one outbox message at a
time, with the dossier as it stood after that message's event. The adapter delivers
it (a status change, a progress step) and returns, or raises
:class:`~onestop.exceptions.PortalError`; the worker then retries with backoff.
Delivery is at least once: an adapter passes the message's idempotency key so that
the receiving side can drop a repeat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Protocol
from typing import runtime_checkable

if TYPE_CHECKING:
    from onestop.domain.model._dossier import Dossier
    from onestop.storage._store_values import OutboxMessage

__all__ = ["PortalAdapter"]


@runtime_checkable
class PortalAdapter(Protocol):
    """Delivers dossier events to the national portal (or a province's platform).

    .. versionadded:: 0.3
    """

    def deliver(self, message: OutboxMessage, dossier: Dossier) -> None:
        """Deliver ``message``; ``dossier`` is the dossier just after its event.

        :raises PortalError: when the portal is unreachable or refuses the record.
        """
        ...
