"""The applicant's personal data, validated, and masked for export."""

from __future__ import annotations

import re
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._enumeration import Enumeration
from onestop.domain._validators import typed
from onestop.exceptions import InvalidApplicantError

__all__ = ["Applicant", "ApplicantKind"]

_CITIZEN_ID = re.compile(r"^\d{12}$")
_MASKED_CITIZEN_ID = re.compile(r"^\d{3}\*{7}\d{2}$")
_PHONE = re.compile(r"^(?:0|\+84)\d{9}$")
_MASKED_PHONE = re.compile(r"^(?:0\d{2}\*{5}|\+84\*{7})\d{2}$")


def _citizen_id(instance: Applicant, __: attrs.Attribute[Any], value: str | None) -> None:
    pattern = _MASKED_CITIZEN_ID if instance.is_masked else _CITIZEN_ID
    if value is not None and (not isinstance(value, str) or not pattern.match(value)):
        raise InvalidApplicantError(
            f"a citizen ID (số định danh cá nhân / CCCD) is 12 digits, got {shown(value)}"
        )


def _phone(instance: Applicant, __: attrs.Attribute[Any], value: str | None) -> None:
    pattern = _MASKED_PHONE if instance.is_masked else _PHONE
    if value is not None and (not isinstance(value, str) or not pattern.match(value)):
        raise InvalidApplicantError(
            f"a Vietnamese phone number is 0 or +84 followed by 9 digits, got {shown(value)}"
        )


def _name(_: object, __: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidApplicantError(f"an applicant needs a name, got {shown(value)}")


def _mask(text: str, keep_start: int, keep_end: int) -> str:
    hidden = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * hidden + text[len(text) - keep_end :]


class ApplicantKind(Enumeration):
    """Who applies: the portal's ``LoaiDoiTuong`` (1 a citizen, 2 an organisation)."""

    PERSON = "person"  #: a citizen (công dân), or a foreigner
    ORGANISATION = "organisation"  #: an enterprise, an agency or another organisation


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _email(instance: Applicant, __: attrs.Attribute[Any], value: str | None) -> None:
    if value is None:
        return
    pattern = _EMAIL if not instance.is_masked else re.compile(r"[^@\s]*\*+@[^@\s]+")
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise InvalidApplicantError(f"an e-mail address is name@domain, got {shown(value)}")


def _masked_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


@attrs.frozen
class Applicant:
    """A person or organisation applying (chủ hồ sơ).

    :param name: full name, or the organisation's name.
    :param citizen_id: 12-digit personal identification number, if a person.
    :param phone: contact phone.
    :param address: contact address.
    :param email: contact e-mail address.
    :param kind: a person (the default) or an organisation.
    :param is_masked: whether this is the export view made by :meth:`masked`.

    .. versionchanged:: 0.5
       ``email`` and ``kind``.
    """

    name: str = attrs.field(validator=_name)
    citizen_id: str | None = attrs.field(default=None, validator=_citizen_id)
    phone: str | None = attrs.field(default=None, validator=_phone)
    address: str | None = None
    email: str | None = attrs.field(default=None, validator=_email)
    kind: ApplicantKind = attrs.field(
        default=ApplicantKind.PERSON, validator=typed(ApplicantKind, InvalidApplicantError)
    )
    is_masked: bool = False

    def masked(self) -> Applicant:
        """A copy fit for export: ID and phone partly hidden, the address cut to its last part.

        >>> applicant = Applicant("Lê Thị B", "001090012345", "0912345678", "12 Hàng Bạc, Hà Nội")
        >>> masked = applicant.masked()
        >>> masked.citizen_id, masked.phone, masked.address
        ('001*******45', '091*****78', 'Hà Nội')
        """
        if self.is_masked:
            return self
        return Applicant(
            self.name,
            _mask(self.citizen_id, 3, 2) if self.citizen_id else None,
            _mask(self.phone, 3, 2) if self.phone else None,
            self.address.rsplit(",", 1)[-1].strip() if self.address else None,
            email=_masked_email(self.email) if self.email else None,
            kind=self.kind,
            is_masked=True,
        )
