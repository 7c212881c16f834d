"""Throwaway keys and self-signed certificates for tests of signers (the ``signing`` extra)."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from onestop._shown import shown
from onestop.domain._validators import is_storable
from onestop.exceptions import UsageError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes

__all__ = ["KeyKind", "pem_files", "pkcs12_bytes", "self_signed"]

KeyKind = Literal["ec", "rsa", "ed25519"]


def self_signed(
    common_name: str = "Bộ phận Một cửa",
    organization: str = "UBND tỉnh Thử nghiệm",
    kind: KeyKind = "ec",
) -> tuple[CertificateIssuerPrivateKeyTypes, x509.Certificate]:
    """A new private key and a self-signed certificate for it, valid for a year from now.

    :raises UsageError: for a name that is not UTF-8 text of 1 to 64 letters, or an unknown
        kind.
    """
    for label, value in (("common_name", common_name), ("organization", organization)):
        if type(value) is not str or not 0 < len(value.strip()) <= 64 or not is_storable(value):
            raise UsageError(
                f"{label} is UTF-8 text of 1 to 64 letters (X.509), got {shown(value)}"
            )
    key: CertificateIssuerPrivateKeyTypes
    if kind == "ec":
        key = ec.generate_private_key(ec.SECP256R1())
    elif kind == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif kind == "ed25519":
        key = ed25519.Ed25519PrivateKey.generate()
    else:
        raise UsageError(f"kind is 'ec', 'rsa' or 'ed25519', got {shown(kind)}")
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365))
        .sign(key, None if kind == "ed25519" else hashes.SHA256())
    )
    return key, certificate


def _encryption(
    key: object, certificate: object, password: object
) -> serialization.KeySerializationEncryption:
    """How to protect the exported key; the arguments checked first."""
    if not isinstance(
        key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey
    ):
        raise UsageError(f"key is a private key from self_signed(), got {shown(key)}")
    if not isinstance(certificate, x509.Certificate):
        raise UsageError(f"certificate is an x509.Certificate, got {shown(certificate)}")
    if password is not None and (type(password) is not str or not is_storable(password)):
        raise UsageError(f"password is UTF-8 text or None, got {shown(password)}")
    if password:
        return serialization.BestAvailableEncryption(password.encode())
    return serialization.NoEncryption()


def pem_files(
    key: CertificateIssuerPrivateKeyTypes,
    certificate: x509.Certificate,
    password: str | None = None,
) -> tuple[bytes, bytes]:
    """The key (encrypted when ``password`` is given) and the certificate, as PEM.

    :raises UsageError: for a key, certificate or password of another kind.
    """
    encryption = _encryption(key, certificate, password)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM)


def pkcs12_bytes(
    key: CertificateIssuerPrivateKeyTypes,
    certificate: x509.Certificate,
    password: str | None = None,
) -> bytes:
    """The key and certificate in one PKCS#12 file, as tokens and CAs export them.

    :raises UsageError: for a key, certificate or password of another kind.
    """
    encryption = _encryption(key, certificate, password)
    return pkcs12.serialize_key_and_certificates(b"onestop", key, certificate, None, encryption)  # type: ignore[arg-type]
