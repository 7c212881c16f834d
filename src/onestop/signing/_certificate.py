"""A trusted certificate as verifiers read it: loaded from PEM, named, and fingerprinted.

Both verifiers — of JWS signatures (``onestop.signing._keys``) and of PDF signatures
(``onestop.signing._pdf``) — name a certificate by its subject (RFC 4514 text) and
its SHA-256 thumbprint in the JWS ``x5t#S256`` form (base64url, no padding).
"""

from __future__ import annotations

import base64

from onestop._shown import shown
from onestop.exceptions import MissingExtraError
from onestop.exceptions import SigningError
from onestop.exceptions import UsageError

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
except ImportError as missing:  # pragma: no cover - exercised without the extra installed
    raise MissingExtraError("signing", "signing", missing) from None

__all__ = ["load_certificate", "thumbprint"]


def load_certificate(certificate: x509.Certificate | bytes) -> x509.Certificate:
    """``certificate`` as an X.509 object, from the object itself or PEM bytes.

    :raises SigningError: for bytes that are not a PEM certificate.
    :raises UsageError: for anything else.
    """
    if isinstance(certificate, bytes):
        try:
            certificate = x509.load_pem_x509_certificate(certificate)
        except ValueError as error:
            raise SigningError(f"not a PEM certificate: {error}") from None
    if not isinstance(certificate, x509.Certificate):
        raise UsageError(
            f"certificate is an X.509 certificate or PEM bytes, got {shown(certificate)}"
        )
    return certificate


def thumbprint(certificate: x509.Certificate) -> str:
    """The certificate's SHA-256 thumbprint, base64url without padding (``x5t#S256``)."""
    if not isinstance(certificate, x509.Certificate):
        raise UsageError(f"certificate is an X.509 certificate, got {shown(certificate)}")
    digest = certificate.fingerprint(hashes.SHA256())
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
