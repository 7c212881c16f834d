"""Signed documents: a receipt, a result or a checkpoint with its detached signature.

The document is its canonical JSON (RFC 8785), byte for byte what was signed; anyone
holding it and the signature can check both with the signer's certificate
(``onestop verify`` or :meth:`SignedDocument.verify`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.exceptions import SerializationError
from onestop.exceptions import UsageError
from onestop.serialization import canonical_json
from onestop.serialization import parse_json
from onestop.signing._contract import signature_by

if TYPE_CHECKING:
    from onestop.signing._contract import SignatureInfo
    from onestop.signing._contract import Signer

__all__ = ["SignedDocument", "sign_document"]


@attrs.frozen
class SignedDocument:
    """A document's canonical JSON and the JWS (detached payload) over it.

    :param payload: the canonical JSON, as signed.
    :param signature: the JWS, ``<header>..<signature>``.
    """

    payload: bytes
    signature: str

    @property
    def data(self) -> dict[str, Any]:
        """The document as JSON data."""
        value: dict[str, Any] = parse_json(self.payload, "a signed document")
        return value

    def verify(self, verifier: Signer | Any) -> SignatureInfo:  # noqa: ANN401 - any verifier
        """Who signed: ``verifier.verify`` over the payload.

        :raises SignatureError: when the payload or the signature changed.
        """
        if not callable(getattr(verifier, "verify", None)):
            raise UsageError(f"verifier has a verify() method, got {shown(verifier)}")
        info: SignatureInfo = verifier.verify(self.payload, self.signature)
        return info

    def to_json(self) -> str:
        """The document and its signature as one JSON text (for files and QR codes)."""
        return json.dumps({"document": self.data, "signature": self.signature}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SignedDocument:
        """Read what :meth:`to_json` wrote; the document is re-canonicalized exactly.

        :raises SerializationError: when ``text`` is not such JSON.
        """
        value = parse_json(text, "a signed document")
        try:
            document, signature = value["document"], value["signature"]
        except (TypeError, KeyError) as error:
            raise SerializationError(
                f"a signed document is JSON with 'document' and 'signature': {error}"
            ) from None
        if not isinstance(document, dict) or not isinstance(signature, str):
            raise SerializationError(
                "a signed document's 'document' is an object, its signature text"
            )
        return cls(canonical_json(document, dict), signature)


def sign_document(document: dict[str, Any], signer: Signer) -> SignedDocument:
    """``document`` (JSON data) in canonical form, signed by ``signer``.

    :raises SigningError: when the signer fails, or returns no compact JWS.
    """
    if not isinstance(document, dict):
        raise UsageError(f"a document is a dict of JSON data, got {shown(document)}")
    if not callable(getattr(signer, "sign", None)):
        raise UsageError(f"signer is a Signer with sign(), got {shown(signer)}")
    payload = canonical_json(document, dict)
    return SignedDocument(payload, signature_by(signer, payload))
