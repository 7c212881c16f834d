"""The dossiers a store wrote or read last, so an office call does not decode a history again.

An office call loads a dossier, then appends to it; the next call on the same dossier
loads it again. Decoding and validating a whole history costs more than the append's
own writes, so a SQL store keeps the last dossiers it stored or loaded, each with the
version and chain head it had. A load still asks the database for the dossier's
current version and head (one indexed row) and uses the kept dossier only when both
match: another process's append, or any change to the row, makes it read the history.

.. versionadded:: 0.5
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import attrs

from onestop.domain.model._dossier import Dossier

__all__ = ["Kept", "RecentDossiers"]


@attrs.frozen
class Kept:
    """A dossier as a store last wrote or read it.

    :param version: its stored version.
    :param head: its chain head at that version.
    :param dossier: the dossier.
    :param position: its projection row's position, when known.
    :param row: the projection values the store wrote (``None`` when it only read it).
    """

    version: int
    head: bytes
    dossier: Dossier
    position: int | None = None
    row: tuple[Any, ...] | None = None


class RecentDossiers:
    """A bounded, thread-safe map from dossier id to what was kept of it, least recent out.

    :param size: how many dossiers are kept.
    """

    def __init__(self, size: int = 512) -> None:
        """An empty map keeping at most ``size`` dossiers."""
        self._size = size
        self._items: OrderedDict[str, Kept] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, kept: Kept) -> None:
        """Keep ``kept`` for its dossier, in place of what was kept before."""
        with self._lock:
            self._items[kept.dossier.id] = kept
            self._items.move_to_end(kept.dossier.id)
            if len(self._items) > self._size:
                self._items.popitem(last=False)

    def knows(self, dossier_id: str) -> bool:
        """Whether anything is kept of the dossier."""
        return dossier_id in self._items

    def at(self, dossier_id: str, version: int) -> Kept | None:
        """What is kept of the dossier when it was kept at ``version``, else ``None``."""
        with self._lock:
            kept = self._items.get(dossier_id)
            if kept is None or kept.version != version:
                return None
            self._items.move_to_end(dossier_id)
            return kept

    def get(self, dossier_id: str, version: int, head: bytes) -> Dossier | None:
        """The kept dossier when it is at ``version`` with ``head``, else ``None``."""
        kept = self.at(dossier_id, version)
        return kept.dossier if kept is not None and kept.head == head else None

    def forget(self) -> None:
        """Drop every kept dossier."""
        with self._lock:
            self._items.clear()
