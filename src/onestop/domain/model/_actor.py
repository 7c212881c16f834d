"""Who does what: actors with roles and the agency they act for."""

from __future__ import annotations

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


@attrs.frozen
class Actor:
    """A person or system acting on a dossier.

    :param name: who, as written in the dossier's history.
    :param roles: what they act as.
    :param agency: the agency they act for (``None`` for applicants).
    """

    name: str = attrs.field(validator=text(DossierError))
    roles: frozenset[Role] = attrs.field(converter=_roles)
    agency: str | None = attrs.field(default=None, validator=_check)

    @classmethod
    def applicant(cls, name: str) -> Actor:
        """The applicant (or their representative)."""
        return cls(name, {Role.APPLICANT})
