"""What a dossier's first event records: who applies, where, how, and under which terms.

The first event of every dossier (submitted, received or refused) carries an
:class:`Intake`, so that a stored history alone rebuilds the dossier with no catalog
lookup, and a later catalog edit never changes it.
"""

from __future__ import annotations

import uuid
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._validators import text
from onestop.domain._validators import typed
from onestop.domain.model._agency import check_agency_code
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._procedure import Channel
from onestop.domain.model._procedure import Procedure
from onestop.domain.model._procedure import Terms
from onestop.exceptions import DossierError

__all__ = ["Intake", "new_dossier_id"]


def new_dossier_id() -> str:
    """A new dossier identity: a random UUID as 32 hexadecimal digits."""
    return uuid.uuid4().hex


def _agency(_: object, __: attrs.Attribute[Any], value: object) -> None:
    check_agency_code(value)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class Intake:
    """The facts a dossier starts with.

    :param dossier_id: the dossier's identity, from its first event on (its code
        comes only at receipt).
    :param agency: the receiving agency's identification code.
    :param channel: how the dossier arrived.
    :param applicant: who applies.
    :param terms: the procedure terms that govern it.

    .. versionadded:: 0.2
    """

    dossier_id: str = attrs.field(validator=text(DossierError))
    agency: str = attrs.field(validator=_agency)
    channel: Channel = attrs.field(validator=typed(Channel, DossierError))
    applicant: Applicant = attrs.field(validator=typed(Applicant, DossierError))
    terms: Terms = attrs.field(validator=typed(Terms, DossierError))

    @classmethod
    def of(
        cls,
        procedure: Procedure,
        applicant: Applicant,
        *,
        agency: str,
        channel: Channel,
        dossier_id: str | None = None,
    ) -> Intake:
        """The intake of a new dossier of ``procedure`` arriving by ``channel``.

        :raises DossierError: when ``procedure`` is not a Procedure.
        :raises InvalidProcedureError: when the procedure does not offer ``channel``.
        """
        if not isinstance(procedure, Procedure):
            raise DossierError(f"a dossier is of a Procedure, got {shown(procedure)}")
        return cls(
            dossier_id=new_dossier_id() if dossier_id is None else dossier_id,
            agency=agency,
            channel=channel,
            applicant=applicant,
            terms=procedure.terms(channel),
        )
