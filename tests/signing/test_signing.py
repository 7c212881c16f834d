"""Signing: the built-in key signer (PEM, PKCS#12; EC, RSA, Ed25519), a hardware-token
signer that fits the same hook, signed documents and checkpoints."""

import base64
import json
from datetime import datetime

import jwt
import pytest

from onestop.exceptions import SignatureError
from onestop.exceptions import SigningError
from onestop.exceptions import UsageError
from onestop.plugins import hookimpl
from onestop.plugins._manager import plugin_host
from onestop.settings import Settings
from onestop.signing import SignatureInfo
from onestop.signing import SignedDocument
from onestop.signing import sign_document
from onestop.signing._keys import CertificateVerifier
from onestop.signing._keys import KeySigner
from onestop.storage import MemoryStore
from onestop.testing.certificates import pem_files
from onestop.testing.certificates import pkcs12_bytes
from onestop.testing.certificates import self_signed
from onestop.testing.conformance import SIGNER_CHECKS
from onestop.testing.conformance import check_signer
from onestop.testing.conformance import sample_dossiers

RECEIPT = {"code": "000.00.12.H38-260302-0001", "fee": 50_000, "procedure": "1.004222"}


@pytest.fixture(scope="module", params=["ec", "rsa", "ed25519"])
def signer(request):
    return KeySigner(*self_signed(kind=request.param))


@pytest.mark.parametrize("check", SIGNER_CHECKS, ids=lambda check: check.__name__)
def test_the_key_signer_keeps_the_contract(signer, check):
    check(signer)


def test_verification_names_the_certificate_subject(signer):
    document = sign_document(RECEIPT, signer)
    info = document.verify(signer)
    assert info.subject == "C=VN,O=UBND tỉnh Thử nghiệm,CN=Bộ phận Một cửa"
    assert info.algorithm == signer.algorithm
    assert info.algorithm in {"ES256", "PS256", "EdDSA"}


def test_the_jws_is_standard_and_detached(signer):
    document = sign_document(RECEIPT, signer)
    header = jwt.get_unverified_header(document.signature)
    assert header["b64"] is False
    assert header["crit"] == ["b64"]
    assert "typ" not in header
    der = base64.b64decode(header["x5c"][0])
    from cryptography import x509

    assert x509.load_der_x509_certificate(der) == signer.verifier.certificate
    # any JOSE library verifies it with the certificate's key alone
    jwt.api_jws.PyJWS().decode_complete(
        document.signature,
        key=signer.verifier.certificate.public_key(),
        algorithms=[header["alg"]],
        detached_payload=document.payload,
    )


def _respelled(signature):
    """Spellings of ``signature`` that decode to the same bytes but are not canonical."""
    header, _, tail = signature.split(".")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    size = len(base64.urlsafe_b64decode(tail + "=" * (-len(tail) % 4)))
    assert size % 3  # ES256's 64 bytes and RSA's 256 leave unused bits in the last letter
    flipped = alphabet[alphabet.index(tail[-1]) ^ 1]  # the same bytes, another spelling
    return [
        signature + "==",
        f"{header}==..{tail}",
        f"{header}..{tail}=",
        f"{header}..{tail[:-1]}{flipped}",
        f" {signature}",
        f"{header}.e30.{tail}",  # an attached payload
    ]


def test_only_the_canonical_spelling_of_a_signature_verifies(signer):
    document = sign_document(RECEIPT, signer)
    signer.verify(document.payload, document.signature)
    for spelling in _respelled(document.signature):
        with pytest.raises(SignatureError, match=r"compact JWS|canonical base64url"):
            signer.verify(document.payload, spelling)


class _ReturnsNoSignature:
    def __init__(self, value):
        self.value = value

    def sign(self, payload):
        return self.value

    def verify(self, payload, signature):
        raise SignatureError("never")


@pytest.mark.parametrize("value", ["", None, 3, "abc", "a.b.c"])
def test_a_signer_returning_no_signature_is_a_signing_error(value):
    with pytest.raises(SigningError, match="returned no signature"):
        sign_document(RECEIPT, _ReturnsNoSignature(value))
    store = MemoryStore()
    with pytest.raises(SigningError, match="returned no signature"):
        store.checkpoint(datetime(2026, 3, 2, 9), _ReturnsNoSignature(value))
    assert store.checkpoints() == ()


def test_a_signed_document_round_trips_through_json_and_catches_edits(signer):
    document = sign_document(RECEIPT, signer)
    again = SignedDocument.from_json(document.to_json())
    assert again == document
    assert again.verify(signer).subject.endswith("CN=Bộ phận Một cửa")
    forged = json.loads(document.to_json())
    forged["document"]["fee"] = 5_000
    with pytest.raises(SignatureError, match="does not match"):
        SignedDocument.from_json(json.dumps(forged)).verify(signer)


def test_key_files_pem_encrypted_pem_and_pkcs12(tmp_path):
    key, certificate = self_signed()
    key_pem, cert_pem = pem_files(key, certificate, password="mật khẩu")
    (tmp_path / "key.pem").write_bytes(key_pem)
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "both.pem").write_bytes(pem_files(key, certificate)[0] + cert_pem)
    (tmp_path / "token.p12").write_bytes(pkcs12_bytes(key, certificate, password="1234"))
    signers = [
        KeySigner.from_file(
            tmp_path / "key.pem", password="mật khẩu", certificate=tmp_path / "cert.pem"
        ),
        KeySigner.from_file(tmp_path / "both.pem"),
        KeySigner.from_file(tmp_path / "token.p12", password="1234"),
    ]
    verifier = CertificateVerifier(cert_pem)
    for each in signers:
        assert verifier.verify(b"{}", each.sign(b"{}")).subject == verifier.subject
    with pytest.raises(SigningError, match="PKCS#12"):
        KeySigner.from_file(tmp_path / "token.p12", password="wrong")
    with pytest.raises(SigningError, match="PEM"):
        KeySigner.from_file(
            tmp_path / "key.pem", password="wrong", certificate=tmp_path / "cert.pem"
        )
    with pytest.raises(SigningError, match="cannot read"):
        KeySigner.from_file(tmp_path / "missing.pem")


def test_a_certificate_for_another_key_is_refused():
    key, _ = self_signed()
    _, other = self_signed()
    with pytest.raises(SigningError, match="not for this key"):
        KeySigner(key, other)


def test_bad_arguments_raise_onestop_errors(signer):
    with pytest.raises(UsageError):
        signer.sign("text")
    with pytest.raises(UsageError):
        signer.verify("text", "x")
    with pytest.raises(SignatureError):
        signer.verify(b"{}", 42)
    with pytest.raises(UsageError):
        CertificateVerifier("not a certificate")
    with pytest.raises(SigningError):
        CertificateVerifier(b"not a certificate")


class FakeToken:
    """A hardware token: the key never leaves it; it signs the JWS signing input it is given.

    Here the "token" is an object that keeps its key private and exposes only a
    ``sign_bytes`` operation, as a PKCS#11 token does; the signer around it builds
    the JWS itself, so nothing of KeySigner is reused.
    """

    def __init__(self):
        from cryptography.hazmat.primitives.asymmetric import ec

        self._key, self.certificate = self_signed("Chữ ký số USB token")
        self.signatures_made = 0
        self._ec = ec

    def sign_bytes(self, data):
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        self.signatures_made += 1
        der = self._key.sign(data, self._ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenSigner:
    """A signer for FakeToken: builds the detached JWS by hand around the token's signature."""

    def __init__(self, token):
        self.token = token
        self.verifier = CertificateVerifier(token.certificate)

    def sign(self, payload):
        from cryptography.hazmat.primitives import serialization

        header = {
            "alg": "ES256",
            "b64": False,
            "crit": ["b64"],
            "x5c": [
                base64.b64encode(
                    self.token.certificate.public_bytes(serialization.Encoding.DER)
                ).decode()
            ],
            "x5t#S256": self.verifier.thumbprint,
        }
        protected = b64(json.dumps(header, separators=(",", ":")).encode())
        signing_input = protected.encode() + b"." + payload
        return f"{protected}..{b64(self.token.sign_bytes(signing_input))}"

    def verify(self, payload, signature):
        return self.verifier.verify(payload, signature)


def test_a_hardware_token_signer_fits_the_hook_and_the_kit():
    token = FakeToken()
    report = check_signer(lambda: TokenSigner(token))
    assert report.ok, str(report)
    assert token.signatures_made == 3  # the checks that sign with the signer under test

    class TokenPlugin:
        @hookimpl
        def onestop_signer(self, settings):
            return TokenSigner(token)

    host = plugin_host(load_entry_points=False, plugins=[("usb-token", TokenPlugin())])
    chosen = host.signer(Settings(store="memory:"))
    assert isinstance(chosen, TokenSigner)
    info = sign_document(RECEIPT, chosen).verify(chosen)
    assert info == SignatureInfo(
        "C=VN,O=UBND tỉnh Thử nghiệm,CN=Chữ ký số USB token", "ES256", chosen.verifier.thumbprint
    )


def test_the_built_in_plugin_reads_the_configured_key(tmp_path):
    key, certificate = self_signed()
    (tmp_path / "office.p12").write_bytes(pkcs12_bytes(key, certificate, password="pw"))
    settings = Settings(
        store="memory:", signing_key=str(tmp_path / "office.p12"), signing_password="pw"
    )
    host = plugin_host(load_entry_points=False)
    assert host.signer(Settings(store="memory:")) is None
    signer = host.signer(settings)
    assert isinstance(signer, KeySigner)
    assert signer.verifier.certificate == certificate


def test_signed_checkpoints_verify_and_a_forged_one_does_not(signer):
    store = MemoryStore()
    for dossier in sample_dossiers(3):
        store.append(None, 0, dossier.events)
    checkpoint = store.checkpoint(datetime(2026, 4, 1), signer)
    assert checkpoint.signature is not None
    assert store.verify_all(signer).ok
    other = KeySigner(*self_signed("Kẻ giả mạo"))
    problems = store.verify_all(other).problems
    assert len(problems) == 1
    assert "checkpoint 1" in problems[0]
    assert "another certificate" in problems[0]
