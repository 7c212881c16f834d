"""Tamper evidence: a hash chain per dossier and a Merkle tree hash over all of them.

Each stored event carries ``SHA-256(previous hash ‖ canonical JSON of the event)``,
the first event chaining from 32 zero bytes. Editing, deleting, inserting or
reordering an event breaks the chain from that event on, which :func:`chain_hashes`
recomputes.

A chain cannot show that a whole dossier was deleted. A *checkpoint* can: it is the
Merkle tree hash of RFC 6962 §2.1 over every dossier's head (its id, its version and
its last hash), taken at a moment and signed. Recomputing the tree later over the
heads as they stood at that moment finds any dossier removed, added or changed.

References:
    * RFC 6962 (Certificate Transparency) §2.1, the Merkle tree hash: leaves hashed
      with a 0x00 prefix, interior nodes with 0x01, the tree split at the largest
      power of two smaller than its size.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Sequence

__all__ = ["GENESIS", "chain_hash", "chain_hashes", "head_leaf", "merkle_root"]

#: The hash a dossier's first event chains from.
GENESIS = bytes(32)


def chain_hash(previous: bytes, body: bytes) -> bytes:
    """The hash of an event: SHA-256 of the previous hash followed by its canonical JSON."""
    return hashlib.sha256(previous + body).digest()


def chain_hashes(bodies: Iterable[bytes], previous: bytes = GENESIS) -> list[bytes]:
    """The hash of each event of a history, given their canonical JSON in order."""
    hashes = []
    for body in bodies:
        previous = hashlib.sha256(previous + body).digest()
        hashes.append(previous)
    return hashes


def head_leaf(dossier_id: str, version: int, head: bytes) -> bytes:
    """The checkpoint leaf of one dossier: ``id``, ``version`` and last hash, as text."""
    return f"{dossier_id}\n{version}\n{head.hex()}".encode()


def merkle_root(leaves: Sequence[bytes]) -> bytes:
    """The RFC 6962 Merkle tree hash of ``leaves`` (the empty tree hashes ``b""``)."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    level = [hashlib.sha256(b"\x00" + leaf).digest() for leaf in leaves]
    return _subtree(level, 0, len(level))


def _subtree(hashes: list[bytes], start: int, size: int) -> bytes:
    if size == 1:
        return hashes[start]
    split = 1 << ((size - 1).bit_length() - 1)  # the largest power of two below size
    left = _subtree(hashes, start, split)
    right = _subtree(hashes, start + split, size - split)
    return hashlib.sha256(b"\x01" + left + right).digest()
