"""Signing receipts, results and checkpoints over their canonical JSON.

* :class:`Signer` — the contract (a key file, a hardware token, a remote service);
* :class:`SignedDocument` and :func:`sign_document` — a document with its signature;
* :class:`~onestop.signing.KeySigner` and
  :class:`~onestop.signing.CertificateVerifier` — the built-in signer and
  verifier on ``cryptography`` and PyJWT (``pip install "onestop[signing]"``),
  imported from ``onestop.signing._keys``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.signing._certificate import load_certificate as load_certificate
    from onestop.signing._certificate import thumbprint as thumbprint
    from onestop.signing._contract import SignatureInfo as SignatureInfo
    from onestop.signing._contract import Signer as Signer
    from onestop.signing._documents import SignedDocument as SignedDocument
    from onestop.signing._documents import sign_document as sign_document
    from onestop.signing._keys import CertificateVerifier as CertificateVerifier
    from onestop.signing._keys import KeySigner as KeySigner
    from onestop.signing._keys import algorithm_for as algorithm_for
    from onestop.signing._pdf import PdfSigner as PdfSigner
    from onestop.signing._pdf import sign_pdf as sign_pdf
    from onestop.signing._pdf import verify_pdf as verify_pdf

_EXPORTS = {
    "CertificateVerifier": "onestop.signing._keys",
    "KeySigner": "onestop.signing._keys",
    "PdfSigner": "onestop.signing._pdf",
    "SignatureInfo": "onestop.signing._contract",
    "SignedDocument": "onestop.signing._documents",
    "Signer": "onestop.signing._contract",
    "algorithm_for": "onestop.signing._keys",
    "load_certificate": "onestop.signing._certificate",
    "sign_document": "onestop.signing._documents",
    "sign_pdf": "onestop.signing._pdf",
    "thumbprint": "onestop.signing._certificate",
    "verify_pdf": "onestop.signing._pdf",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
