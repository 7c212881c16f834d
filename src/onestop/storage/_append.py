"""What every store does on append, whatever it writes to: check, apply, encode, chain.

:func:`plan_append` checks the arguments of
:meth:`~onestop.storage.DossierStore.append` and applies the events (the
domain refuses any that do not follow); :func:`event_rows` turns the events into the
rows a store writes, each with its canonical JSON and its chain hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from datetime import datetime

import attrs

from onestop._shown import shown
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._events import EVENT_TYPES
from onestop.domain.model._events import DossierEvent
from onestop.exceptions import UsageError
from onestop.serialization import canonical_json
from onestop.serialization import parse_json
from onestop.serialization import read_events
from onestop.storage._hash_chain import chain_hash

__all__ = ["EventRow", "decode_events", "encode_events", "event_rows", "histories", "plan_append"]

_EVENT_CLASSES = tuple(EVENT_TYPES.values())


@attrs.frozen
class EventRow:
    """One event as a store writes it.

    :param version: its place in the history, from 1.
    :param kind: the event's kind.
    :param at: when it happened (naive Vietnam time).
    :param body: its canonical JSON (RFC 8785), UTF-8.
    :param hash: SHA-256 of the previous event's hash and ``body``.
    """

    version: int
    kind: str
    at: datetime
    body: bytes
    hash: bytes


def plan_append(
    dossier: Dossier | None, expected_version: int, events: Sequence[DossierEvent]
) -> Dossier:
    """The dossier after ``events``, once the arguments are checked.

    :raises UsageError: for arguments of the wrong kind, or a version that is not the
        dossier's.
    :raises DossierError: when the events do not follow.
    """
    if dossier is not None and not isinstance(dossier, Dossier):
        raise UsageError(f"append takes a Dossier or None for a new one, got {shown(dossier)}")
    if type(expected_version) is not int or expected_version < 0:
        raise UsageError(
            f"expected_version is a count of events (int ≥ 0), got {shown(expected_version)}"
        )
    if not isinstance(events, Sequence) or isinstance(events, str | bytes):
        raise UsageError(f"events is a list of dossier events, got {shown(events)}")
    if not events or not all(isinstance(event, _EVENT_CLASSES) for event in events):
        raise UsageError(f"events is a non-empty list of dossier events, got {shown(events)}")
    known = 0 if dossier is None else len(dossier)
    if expected_version != known:
        raise UsageError(
            f"expected_version {expected_version} is not the version of the dossier given ({known})"
        )
    if dossier is None:
        return Dossier(events)
    for event in events:
        dossier = dossier.apply(event)
    return dossier


def encode_events(events: Sequence[DossierEvent]) -> list[bytes]:
    """The canonical JSON of each event, what a store writes and hashes."""
    return [canonical_json(event, DossierEvent) for event in events]


def event_rows(
    events: Sequence[DossierEvent],
    first_version: int,
    previous: bytes,
    bodies: Sequence[bytes] | None = None,
) -> list[EventRow]:
    """The rows of ``events``, numbered from ``first_version`` and chained from ``previous``.

    ``bodies`` are the events' canonical JSON when already encoded (outside a lock).
    """
    if bodies is None:
        bodies = encode_events(events)
    rows = []
    for offset, (event, body) in enumerate(zip(events, bodies, strict=True)):
        previous = chain_hash(previous, body)
        rows.append(EventRow(first_version + offset, event.kind, event.at, body, previous))
    return rows


def histories(dossiers: Iterable[Dossier]) -> Iterator[Dossier]:
    """``dossiers``, each checked to be a :class:`Dossier`, for an import.

    :raises UsageError: at the first value that is not a dossier.
    """
    if isinstance(dossiers, str | bytes | Dossier) or not isinstance(dossiers, Iterable):
        raise UsageError(f"import_histories takes an iterable of dossiers, got {shown(dossiers)}")
    for dossier in dossiers:
        if not isinstance(dossier, Dossier):
            raise UsageError(f"import_histories takes dossiers, got {shown(dossier)}")
        yield dossier


def decode_events(bodies: Sequence[bytes]) -> list[DossierEvent]:
    """A history read back from its events' canonical JSON, oldest first.

    The bodies are parsed as one JSON array (one call into the C parser) and read
    with :func:`onestop.serialization.read_events`, which checks every event.

    :raises SerializationError: when a body is not an event's JSON.
    """
    return read_events(parse_json(b"[" + b",".join(bodies) + b"]", "a stored event"))
