"""PDF documents signed as PAdES, and checked, with pyHanko (the ``forms`` extra).

One-stop slips and results sent electronically are PDF files carrying an embedded
signature (Law 20/2023/QH15 on Electronic Transactions): :func:`sign_pdf` adds a PAdES
baseline signature (``ETSI.CAdES.detached``) of a :class:`~onestop.signing.KeySigner`'s key and
certificate as an incremental update, and :func:`verify_pdf` checks a signed PDF
against a certificate the reader trusts: the signature is intact, covers the whole
file, and was made by a key that certificate vouches for.

A signer that keeps its key elsewhere (a token, a remote service) signs PDFs by
offering the same method, ``sign_pdf(pdf, *, reason, location) -> bytes``
(:class:`PdfSigner`).

Why pyHanko: it writes and validates PAdES signatures (CMS, incremental updates,
byte-range coverage, certificate path validation), none of which onestop writes by
hand.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING
from typing import Protocol
from typing import runtime_checkable

from onestop._shown import shown
from onestop.exceptions import MissingExtraError
from onestop.exceptions import SignatureError
from onestop.exceptions import SigningError
from onestop.exceptions import UsageError
from onestop.signing._certificate import load_certificate
from onestop.signing._certificate import thumbprint
from onestop.signing._contract import SignatureInfo

try:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields
    from pyhanko.sign import signers
    from pyhanko.sign.validation import SignatureCoverageLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.registry import SimpleCertificateStore
except ImportError as missing:  # pragma: no cover - exercised without the extra installed
    raise MissingExtraError("forms", "signing PDFs", missing) from None

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

__all__ = ["PdfSigner", "sign_pdf", "verify_pdf"]

# pyHanko logs a certificate it cannot trust with a traceback; the SignatureError raised
# here says it in one line. Without a handler of its own, Python would print the log.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())

#: The signature field onestop's documents carry.
FIELD = "onestop"


@runtime_checkable
class PdfSigner(Protocol):
    """A signer that signs PDF documents as PAdES (see the module documentation).

    .. versionadded:: 0.3
    """

    def sign_pdf(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        """``pdf`` with a PAdES signature added."""
        ...


def sign_pdf(
    pdf: bytes,
    key: PrivateKeyTypes,
    certificate: x509.Certificate,
    *,
    reason: str,
    location: str,
) -> bytes:
    """``pdf`` with a PAdES signature by ``key``, certified by ``certificate``.

    :raises SigningError: when ``pdf`` is not a PDF or pyHanko cannot sign it.
    """
    if not isinstance(pdf, bytes):
        raise UsageError(f"pdf is the document's bytes, got {shown(pdf)}")
    for name, value in (("reason", reason), ("location", location)):
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"{name} is a non-empty text, got {shown(value)}")
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    cert = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([cert]),  # type: ignore[no-untyped-call]
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        out = signers.sign_pdf(writer, meta, signer=signer)
    except (PdfError, ValueError, KeyError) as error:
        raise SigningError(f"cannot sign the PDF: {error}") from None
    signed: bytes = out.getvalue()
    return signed


def verify_pdf(pdf: bytes, certificate: x509.Certificate | bytes) -> SignatureInfo:
    """Who signed ``pdf``, checked against ``certificate`` (an X.509 object or PEM).

    :raises SignatureError: when the PDF has no signature, the signature is broken,
        does not cover the whole file, or was not made under ``certificate``.
    """
    if not isinstance(pdf, bytes):
        raise UsageError(f"pdf is the document's bytes, got {shown(pdf)}")
    trusted = load_certificate(certificate)
    subject = trusted.subject.rfc4514_string()
    root = asn1_x509.Certificate.load(trusted.public_bytes(serialization.Encoding.DER))
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError) as error:
        raise SignatureError(f"not a readable PDF: {error}") from None
    if not signatures:
        raise SignatureError("the PDF carries no signature")
    status = validate_pdf_signature(
        signatures[-1], ValidationContext(trust_roots=[root], allow_fetching=False)
    )
    if not status.intact or not status.valid:
        raise SignatureError("the PDF's signature does not match its content: it was changed")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise SignatureError("the PDF was changed after it was signed")
    if not status.trusted or status.signing_cert.dump() != root.dump():
        raise SignatureError(f"the PDF was not signed under the certificate of {subject}")
    return SignatureInfo(
        subject=subject,
        algorithm=f"PAdES ({status.pkcs7_signature_mechanism}, {status.md_algorithm})",
        thumbprint=thumbprint(trusted),
    )
