"""The built-in signer: a private key and its X.509 certificate, from PEM or PKCS#12 files.

Signatures are JWS compact serializations with a detached, unencoded payload
(RFC 7515 Appendix F with RFC 7797's ``"b64": false``): ``<header>..<signature>``,
where the header names the algorithm and carries the signing certificate (``x5c``)
and its SHA-256 thumbprint (``x5t#S256``). The payload is the canonical JSON of a
receipt, a result or a checkpoint.

Why these libraries: ``cryptography`` reads the keys and certificates (PEM, PKCS#12)
and does the arithmetic; PyJWT builds and checks the JWS, including the detached,
unencoded payload, so onestop writes neither by hand.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING
from typing import Any

from onestop._file_io import file_path
from onestop._file_io import read_file
from onestop._shown import shown
from onestop.domain._validators import is_storable
from onestop.exceptions import MissingExtraError
from onestop.exceptions import SignatureError
from onestop.exceptions import SigningError
from onestop.exceptions import UsageError
from onestop.signing._certificate import load_certificate
from onestop.signing._certificate import thumbprint
from onestop.signing._contract import SignatureInfo
from onestop.signing._contract import check_jws

try:
    import jwt
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric import ed25519
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
except ImportError as missing:  # pragma: no cover - exercised without the extra installed
    raise MissingExtraError("signing", "signing", missing) from None

if TYPE_CHECKING:
    import os

    from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

__all__ = ["CertificateVerifier", "KeySigner", "algorithm_for"]

_CURVES = {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}


def algorithm_for(key: object) -> str:
    """The JWS algorithm for a key: ES256/384/512 by curve, PS256 for RSA, EdDSA for Ed25519.

    :raises SigningError: for any other kind of key.
    """
    if (
        isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey)
        and key.curve.name in _CURVES
    ):
        return _CURVES[key.curve.name]
    if isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey):
        return "PS256"
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return "EdDSA"
    raise SigningError(
        f"onestop signs with EC (P-256/384/521), RSA or Ed25519 keys, not {shown(key)}"
    )


def _der(certificate: x509.Certificate) -> str:
    return base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()


def _password(password: object) -> bytes | None:
    if password is None:
        return None
    if not isinstance(password, str) or not is_storable(password):
        raise SigningError(
            f"a key's password is UTF-8 text without NUL, got {type(password).__name__}"
            + (" with a character UTF-8 cannot hold" if isinstance(password, str) else "")
        )
    return password.encode()


class CertificateVerifier:
    """Verifies signatures made with the key of one trusted certificate.

    :param certificate: the signer's certificate, as an X.509 object or PEM bytes.

    .. versionadded:: 0.3
    """

    def __init__(self, certificate: x509.Certificate | bytes) -> None:
        """Trust ``certificate``."""
        certificate = load_certificate(certificate)
        self.certificate = certificate
        self.subject = certificate.subject.rfc4514_string()
        self.thumbprint = thumbprint(certificate)

    def verify(self, payload: bytes, signature: str) -> SignatureInfo:
        """Who signed ``payload``: the trusted certificate's subject.

        :raises SignatureError: when ``signature`` is not a JWS over ``payload`` by the
            trusted certificate's key (the payload changed, or another key signed).
        """
        if not isinstance(payload, bytes):
            raise UsageError(f"payload is bytes (canonical JSON), got {shown(payload)}")
        check_jws(signature)
        try:
            header = jwt.get_unverified_header(signature)
        except jwt.exceptions.PyJWTError as error:
            raise SignatureError(f"not a JWS: {error}") from None
        if header.get("x5t#S256") != self.thumbprint:
            raise SignatureError(
                f"signed with another certificate than {self.subject} "
                f"(thumbprint {shown(header.get('x5t#S256'))})"
            )
        public_key: CertificatePublicKeyTypes = self.certificate.public_key()
        try:
            jwt.api_jws.PyJWS().decode_complete(
                signature,
                key=public_key,  # type: ignore[arg-type]
                algorithms=[algorithm_for(public_key)],
                detached_payload=payload,
            )
        except jwt.exceptions.PyJWTError as error:
            raise SignatureError(
                f"the signature of {self.subject} does not match this document: {error}"
            ) from None
        return SignatureInfo(self.subject, str(header["alg"]), self.thumbprint)


class KeySigner:
    """Signs with a private key in memory; verifies against its own certificate.

    :param key: the private key (EC, RSA or Ed25519).
    :param certificate: its X.509 certificate.

    .. versionadded:: 0.3
    """

    def __init__(self, key: PrivateKeyTypes, certificate: x509.Certificate) -> None:
        """A signer for ``key``, which ``certificate`` certifies."""
        if not isinstance(certificate, x509.Certificate):
            raise UsageError(f"certificate is an X.509 certificate, got {shown(certificate)}")
        self.algorithm = algorithm_for(key)
        if certificate.public_key() != key.public_key():
            raise SigningError(
                f"the certificate of {certificate.subject.rfc4514_string()} is not for this key"
            )
        self._key = key
        self.verifier = CertificateVerifier(certificate)
        self._headers: dict[str, Any] = {
            "x5c": [_der(certificate)],
            "x5t#S256": self.verifier.thumbprint,
            "typ": None,  # not a JWT: PyJWT leaves the type out
        }
        # One JWS encoder with only this key's algorithm: PyJWS() builds every default
        # algorithm each time it is made.
        self._jws = jwt.api_jws.PyJWS(algorithms=[self.algorithm])

    @property
    def subject(self) -> str:
        """The certificate's subject."""
        return self.verifier.subject

    @classmethod
    def from_pem(
        cls, key: bytes, certificate: bytes | None = None, *, password: str | None = None
    ) -> KeySigner:
        """A signer from a PEM private key and a PEM certificate (or both in ``key``).

        :raises SigningError: when they cannot be read, or do not belong together.
        """
        secret = _password(password)
        try:
            private = serialization.load_pem_private_key(key, secret)
            certificate_pem = certificate if certificate is not None else key
            cert = x509.load_pem_x509_certificate(certificate_pem)
        except (ValueError, TypeError) as error:
            raise SigningError(f"cannot read the PEM key or certificate: {error}") from None
        return cls(private, cert)

    @classmethod
    def from_pkcs12(cls, data: bytes, *, password: str | None = None) -> KeySigner:
        """A signer from a PKCS#12 file's bytes (``.p12``/``.pfx``, as tokens export them).

        :raises SigningError: when it cannot be read or holds no key and certificate.
        """
        try:
            key, cert, _ = pkcs12.load_key_and_certificates(data, _password(password))
        except (ValueError, TypeError) as error:
            raise SigningError(f"cannot read the PKCS#12 data: {error}") from None
        if key is None or cert is None:
            raise SigningError("the PKCS#12 data holds no private key and certificate")
        return cls(key, cert)

    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str],
        *,
        password: str | None = None,
        certificate: str | os.PathLike[str] | None = None,
    ) -> KeySigner:
        """A signer from a key file: PKCS#12 by its ``.p12``/``.pfx`` suffix, else PEM.

        :param certificate: a PEM certificate file, when the PEM key file has none.
        :raises SigningError: when a file cannot be read.
        """
        data = read_file(path, "signing key", SigningError)
        cert = None
        if certificate is not None:
            cert = read_file(certificate, "certificate", SigningError)
        if file_path(path, "signing key", SigningError).suffix.lower() in {".p12", ".pfx"}:
            return cls.from_pkcs12(data, password=password)
        return cls.from_pem(data, cert, password=password)

    def sign(self, payload: bytes) -> str:
        """A JWS with a detached, unencoded payload over ``payload``."""
        if not isinstance(payload, bytes):
            raise UsageError(f"payload is bytes (canonical JSON), got {shown(payload)}")
        return self._jws.encode(
            payload,
            self._key,  # type: ignore[arg-type]
            algorithm=self.algorithm,
            headers=self._headers,
            is_payload_detached=True,
        )

    def verify(self, payload: bytes, signature: str) -> SignatureInfo:
        """Who signed: this signer's certificate subject (see :class:`CertificateVerifier`)."""
        return self.verifier.verify(payload, signature)

    def sign_pdf(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        """``pdf`` with a PAdES signature by this key (see ``onestop.signing._pdf``)."""
        from onestop.signing._pdf import sign_pdf  # noqa: PLC0415 - the forms extra

        return sign_pdf(pdf, self._key, self.verifier.certificate, reason=reason, location=location)
