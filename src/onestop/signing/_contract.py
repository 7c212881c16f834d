"""The contract of a signer: :class:`Signer`, and what a verification tells: :class:`SignatureInfo`.

A signature is a JWS (RFC 7515) in compact serialization with a *detached payload*
(RFC 7515 Appendix F): ``<protected header>..<signature>``. The payload — the
canonical JSON of a receipt, a result or a checkpoint — travels separately, so the
signed document stays readable JSON and any change to it breaks the signature.
Hardware tokens and remote signing services keep the same contract.
"""

from __future__ import annotations

from typing import Protocol
from typing import runtime_checkable

import attrs

__all__ = ["SignatureInfo", "Signer"]


@attrs.frozen
class SignatureInfo:
    """Who signed, as a verification found it.

    :param subject: the certificate's subject (RFC 4514 text, e.g. ``"CN=…,O=…"``).
    :param algorithm: the JWS algorithm, e.g. ``"ES256"``.
    :param thumbprint: the certificate's SHA-256 thumbprint (``x5t#S256``).
    """

    subject: str
    algorithm: str
    thumbprint: str


@runtime_checkable
class Signer(Protocol):
    """Signs payloads and verifies signatures (its own, or any of a certificate it trusts).

    .. versionadded:: 0.3
    """

    def sign(self, payload: bytes) -> str:
        """A JWS with a detached payload over ``payload``."""
        ...

    def verify(self, payload: bytes, signature: str) -> SignatureInfo:
        """Who signed ``payload``; raise ``SignatureError`` when it does not verify."""
        ...
