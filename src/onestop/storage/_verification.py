"""Finding tampering: a history's chain recomputed, a checkpoint's root and signature checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from onestop.exceptions import OneStopError
from onestop.exceptions import SignatureError
from onestop.serialization import canonical_json
from onestop.signing._contract import signature_by
from onestop.storage._hash_chain import GENESIS
from onestop.storage._hash_chain import chain_hash

if TYPE_CHECKING:
    from collections.abc import Sequence

    from onestop.storage._append import EventRow
    from onestop.storage._contract import CheckpointSigner
    from onestop.storage._store_values import Checkpoint

__all__ = ["checkpoint_payload", "sign_checkpoint", "verify_chain", "verify_checkpoint"]


def verify_chain(
    dossier_id: str, version: int, rows: Sequence[EventRow], head: bytes | None = None
) -> list[str]:
    """Every problem of one stored history: versions not 1..n, a hash that does not follow.

    ``version`` is what the projection says, and ``head`` the last hash it recorded
    (when the store keeps one); a history that disagrees lost or gained events.
    """
    problems = []
    previous = GENESIS
    for expected, row in enumerate(rows, start=1):
        if row.version != expected:
            problems.append(
                f"dossier {dossier_id}: event {expected} is missing or out of place "
                f"(found version {row.version})"
            )
            break
        if chain_hash(previous, row.body) != row.hash:
            problems.append(
                f"dossier {dossier_id}: event {expected} ({row.kind}) does not match its hash: "
                "it, or an event before it, was changed"
            )
            break
        previous = row.hash
    if len(rows) != version:
        problems.append(
            f"dossier {dossier_id}: the history holds {len(rows)} events, "
            f"its projection says {version}"
        )
    if head is not None and rows and rows[-1].hash != head:
        problems.append(
            f"dossier {dossier_id}: its last event is not the one its projection recorded"
        )
    return problems


def checkpoint_payload(checkpoint: Checkpoint) -> bytes:
    """What a checkpoint's signature covers: the canonical JSON of its statement."""
    return canonical_json(checkpoint.statement(), dict)


def sign_checkpoint(checkpoint: Checkpoint, signer: CheckpointSigner | None) -> Checkpoint:
    """``checkpoint`` with ``signer``'s signature over its statement (unchanged without one)."""
    if signer is None:
        return checkpoint
    return attrs.evolve(checkpoint, signature=signature_by(signer, checkpoint_payload(checkpoint)))


def verify_checkpoint(
    checkpoint: Checkpoint, root: bytes, signer: CheckpointSigner | None
) -> list[str]:
    """The problems of one checkpoint, given the root recomputed from today's store."""
    problems = []
    if root != checkpoint.root:
        problems.append(
            f"checkpoint {checkpoint.number} ({checkpoint.at:%d/%m/%Y %H:%M}): the dossiers' "
            "heads no longer hash to its root: a dossier or event it covered was removed, "
            "added or changed"
        )
    if signer is not None:
        if checkpoint.signature is None:
            problems.append(f"checkpoint {checkpoint.number} is not signed")
        else:
            try:
                signer.verify(checkpoint_payload(checkpoint), checkpoint.signature)
            except SignatureError as error:
                problems.append(f"checkpoint {checkpoint.number}: {error}")
            except OneStopError as error:
                problems.append(f"checkpoint {checkpoint.number}: cannot verify: {error}")
    return problems
