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
    from collections.abc import Callable
    from collections.abc import Sequence

    from onestop.storage._append import EventRow
    from onestop.storage._contract import CheckpointSigner
    from onestop.storage._store_values import Checkpoint
    from onestop.storage._summary import DossierSummary

__all__ = [
    "checkpoint_payload",
    "sign_checkpoint",
    "verify_chain",
    "verify_checkpoint",
    "verify_checkpoints",
    "verify_projection",
]


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


def verify_projection(expected: DossierSummary, stored: DossierSummary) -> list[str]:
    """The problem of a projection row that is not what its history folds to, if any.

    Reports count the projection, not the histories, so a row edited on its own (a
    status, a deadline, a closing time) would be counted as written: each field is
    compared with the one recomputed from the verified history.
    """
    differing = [
        field.name
        for field in attrs.fields(type(expected))
        if getattr(expected, field.name) != getattr(stored, field.name)
    ]
    if not differing:
        return []
    shown_fields = ", ".join(
        f"{name} {getattr(stored, name)!s} (its history says {getattr(expected, name)!s})"
        for name in differing[:4]
    )
    more = f" and {len(differing) - 4} more" if len(differing) > 4 else ""
    message = (
        f"dossier {expected.dossier_id}: its projection row disagrees with its history on "
        f"{shown_fields}{more}: the row was edited, so reports counted it wrong"
    )
    return [message]


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


def verify_checkpoints(
    stored: Sequence[Checkpoint],
    kept: Sequence[Checkpoint] | None,
    root_at: Callable[[int], bytes],
    signer: CheckpointSigner | None,
) -> list[str]:
    """The problems of the store's checkpoints, or of those ``kept`` elsewhere.

    Without ``kept``, each stored checkpoint's root is recomputed (``root_at`` its
    position) and its signature checked. With ``kept`` — a copy the store's
    administrators cannot write — those are checked instead, and each stored one must
    be the kept one of its number: a table deleted or rewritten is found.
    """
    if kept is None:
        return [
            problem
            for checkpoint in stored
            for problem in verify_checkpoint(checkpoint, root_at(checkpoint.position), signer)
        ]
    problems = []
    by_number = {checkpoint.number: checkpoint for checkpoint in stored}
    for checkpoint in kept:
        problems.extend(verify_checkpoint(checkpoint, root_at(checkpoint.position), signer))
        own = by_number.get(checkpoint.number)
        if own is None:
            problems.append(
                f"checkpoint {checkpoint.number} kept elsewhere is missing from the store: "
                "its checkpoints were deleted"
            )
        elif own != checkpoint:
            problems.append(
                f"the store's checkpoint {checkpoint.number} differs from the copy kept "
                "elsewhere: its checkpoints were rewritten"
            )
    return problems
