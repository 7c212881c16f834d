"""Signing receipts, results and checkpoints over their canonical JSON.

* :class:`Signer` — the contract (a key file, a hardware token, a remote service);
* :class:`SignedDocument` and :func:`sign_document` — a document with its signature;
* :class:`~onestop.signing.keys.KeySigner` and
  :class:`~onestop.signing.keys.CertificateVerifier` — the built-in signer and
  verifier on ``cryptography`` and PyJWT (``pip install "onestop[signing]"``),
  imported from :mod:`onestop.signing.keys`.
"""

from onestop.signing.contract import SignatureInfo, Signer
from onestop.signing.documents import SignedDocument, sign_document

__all__ = ["SignatureInfo", "SignedDocument", "Signer", "sign_document"]
