"""The contract of a signer: :class:`Signer`, and what a verification tells: :class:`SignatureInfo`.

A signature is a JWS (RFC 7515) in compact serialization with a *detached payload*
(RFC 7515 Appendix F): ``<protected header>..<signature>``. The payload — the
canonical JSON of a receipt, a result or a checkpoint — travels separately, so the
signed document stays readable JSON and any change to it breaks the signature.
Hardware tokens and remote signing services keep the same contract.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Protocol
from typing import runtime_checkable

import attrs

from onestop._shown import shown
from onestop.exceptions import OneStopError
from onestop.exceptions import SignatureError
from onestop.exceptions import SigningError

__all__ = ["SignatureInfo", "Signer", "check_jws", "signature_by"]

#: A compact JWS with a detached payload: header, empty payload, signature (base64url).
_DETACHED_JWS = re.compile(r"[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+")


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


def check_jws(signature: object) -> str:
    """``signature`` if it is a compact JWS with a detached payload in canonical base64url.

    Canonical: no padding, no character outside the base64url alphabet, and no bits set
    past the last byte, so one signature has exactly one spelling (``==`` appended, or
    a last letter changed in its unused bits, is refused).

    :raises SignatureError: when it is not.
    """
    if type(signature) is not str or not _DETACHED_JWS.fullmatch(signature):
        raise SignatureError(
            f"a signature is a compact JWS with a detached payload (header..signature), "
            f"got {shown(signature)}"
        )
    for part in signature.split(".")[::2]:
        try:
            decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            decoded = None
        if decoded is None or base64.urlsafe_b64encode(decoded).rstrip(b"=").decode() != part:
            raise SignatureError(f"a signature is canonical base64url, got {shown(signature)}")
    return signature


class _SignsPayloads(Protocol):
    def sign(self, payload: bytes) -> str: ...


def signature_by(signer: _SignsPayloads, payload: bytes) -> str:
    """``signer``'s signature over ``payload``, checked to be a detached compact JWS.

    A signer is a plugin (a key file, a hardware token, a remote service): whatever it
    raises becomes a :class:`~onestop.exceptions.SigningError` naming it.

    :raises SigningError: when the signer fails or returns something else.
    """
    try:
        signature = signer.sign(payload)
    except OneStopError as error:
        raise SigningError(f"the signer could not sign: {error}") from error
    except Exception as error:
        raise SigningError(
            f"the signer {type(signer).__name__} failed: {type(error).__name__}: {error}"
        ) from error
    try:
        return check_jws(signature)
    except SignatureError as error:
        raise SigningError(
            f"the signer {type(signer).__name__} returned no signature: {error}"
        ) from None
