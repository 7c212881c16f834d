"""Checkpoints kept elsewhere: a JSON file of them, to verify a store against.

A store's own checkpoints table proves nothing to someone who can rewrite the store:
whoever deletes the table and re-chains one dossier consistently leaves nothing to
compare. A copy of the checkpoints written out after each one is taken (``onestop
checkpoint --export FILE``), kept where the store's administrators cannot write (a
write-once bucket, another agency, the national portal), is what the store is then
verified against (``onestop verify --against FILE``).

The file is JSON: ``{"checkpoints": [{"checkpoint": 1, "at": "...", "position": ...,
"size": ..., "root": "<hex>", "signature": "<JWS>" | null}, ...]}`` — each entry the
checkpoint's signed statement (:meth:`Checkpoint.statement`) with its signature.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any

from onestop._shown import shown
from onestop.domain._validators import to_tuple
from onestop.exceptions import OneStopError
from onestop.exceptions import SerializationError
from onestop.serialization import parse_json
from onestop.storage._store_values import Checkpoint

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["checkpoints_from_json", "checkpoints_to_json"]


def checkpoints_to_json(checkpoints: Iterable[Checkpoint]) -> str:
    """The checkpoints as the JSON text of a file kept elsewhere.

    :raises SerializationError: when an item is not a :class:`Checkpoint`.

    .. versionadded:: 0.5
    """
    entries = []
    for checkpoint in to_tuple(checkpoints, SerializationError):
        if not isinstance(checkpoint, Checkpoint):
            raise SerializationError(
                f"a checkpoint file holds checkpoints, got {shown(checkpoint)}"
            )
        entries.append({**checkpoint.statement(), "signature": checkpoint.signature})
    return json.dumps({"checkpoints": entries}, indent=1) + "\n"


def checkpoints_from_json(text: str | bytes) -> tuple[Checkpoint, ...]:
    """The checkpoints of a file :func:`checkpoints_to_json` wrote, oldest first.

    :raises SerializationError: when ``text`` is not such a file (naming the entry).

    .. versionadded:: 0.5
    """
    data = parse_json(text, "a checkpoint file")
    entries = data.get("checkpoints") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SerializationError('a checkpoint file is {"checkpoints": [...]}')
    return tuple(_checkpoint(entry, index) for index, entry in enumerate(entries))


def _checkpoint(entry: Any, index: int) -> Checkpoint:  # noqa: ANN401 - JSON data
    where = f"checkpoints[{index}]"
    if not isinstance(entry, dict):
        raise SerializationError(f"{where} is an object, got {shown(entry)}")
    try:
        return Checkpoint(
            number=entry["checkpoint"],
            at=datetime.fromisoformat(entry["at"]),
            position=entry["position"],
            size=entry["size"],
            root=bytes.fromhex(entry["root"]),
            signature=entry.get("signature"),
        )
    except KeyError as missing:
        raise SerializationError(f"{where} has no {missing}") from None
    except (TypeError, ValueError, OneStopError) as error:
        raise SerializationError(f"{where} is not a checkpoint: {error}") from None
