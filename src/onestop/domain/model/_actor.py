"""Who does what: actors with roles and the agency they act for."""

from __future__ import annotations

import re
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._enumeration import Enumeration
from onestop.domain._validators import text
from onestop.domain._validators import to_frozenset
from onestop.domain.model._agency import check_agency_code
from onestop.exceptions import DossierError

__all__ = ["Actor", "Role"]


class Role(Enumeration):
    """What an actor may be entitled to do (see ``onestop.rules._permissions``)."""

    APPLICANT = "applicant"  #: the citizen or organisation (or their representative)
    RECEPTION_CLERK = "reception_clerk"  #: công chức tiếp nhận at the one-stop desk
    SPECIALIST = "specialist"  #: chuyên viên who appraises the case
    LEADER = "leader"  #: lãnh đạo who approves and signs
    SYSTEM = "system"  #: the information system itself (automatic acknowledgements)


def _roles(value: Any) -> frozenset[Role]:  # noqa: ANN401 - converter input is open
    """Normalise to a frozenset (the validator checks each is a Role)."""
    return to_frozenset(value, DossierError)


def _check(instance: Actor, _: attrs.Attribute[Any], __: object) -> None:
    if not instance.roles or not all(isinstance(role, Role) for role in instance.roles):
        raise DossierError(f"actor {shown(instance.name)} needs one or more Role values")
    if instance.agency is not None:
        check_agency_code(instance.agency)


_CITIZEN_ID = re.compile(r"\d{12}")


def _citizen_id(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not str or not _CITIZEN_ID.fullmatch(value)):
        raise DossierError(
            f"a citizen ID (số định danh cá nhân / CCCD) is 12 digits, got {shown(value)}"
        )


@attrs.frozen
class Actor:
    """A person or system acting on a dossier.

    :param name: who, as written in the dossier's history.
    :param roles: what they act as.
    :param agency: the agency they act for (``None`` for applicants).
    :param citizen_id: an applicant's 12-digit personal identification number, when
        known (the permission rule then checks it against the dossier's applicant).

    .. versionchanged:: 0.5
       ``citizen_id``.
    """

    name: str = attrs.field(validator=text(DossierError))
    roles: frozenset[Role] = attrs.field(converter=_roles)
    agency: str | None = attrs.field(default=None, validator=_check)
    citizen_id: str | None = attrs.field(default=None, validator=_citizen_id)

    @classmethod
    def applicant(cls, name: str, citizen_id: str | None = None) -> Actor:
        """The applicant, as the dossier names them (by citizen ID when one is given)."""
        return cls(name, {Role.APPLICANT}, citizen_id=citizen_id)
