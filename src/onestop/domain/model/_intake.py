"""What a dossier's first event records: who applies, where, how, and under which terms.

The first event of every dossier (submitted, received or refused) carries an
:class:`Intake`, so that a stored history alone rebuilds the dossier with no catalog
lookup, and a later catalog edit never changes it.

An intake names three places: the *reception point* (``agency``: the one-stop
department where the dossier was lodged), the *competent agency* (who decides) and the
*return point* (where the result is handed over). For an ordinary dossier they are one
agency and only ``agency`` is written; a boundary-free dossier (Decree 118/2025 Art. 14)
names the competent agency, and the hand-over rule it was received under.
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
from onestop.domain.model._hand_over import HandOverRule
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


def _optional_agency(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_agency_code(value)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class Intake:
    """The facts a dossier starts with.

    :param dossier_id: the dossier's identity, from its first event on (its code
        comes only at receipt).
    :param agency: the receiving agency's identification code: the reception point.
    :param channel: how the dossier arrived.
    :param applicant: who applies.
    :param terms: the procedure terms that govern it.
    :param competent_agency: the agency that decides, when not the reception point (a
        boundary-free dossier); ``None``: the reception point decides.
    :param return_point: where the result is handed over, when not the reception point.
    :param hand_over: the hand-over rule a boundary-free dossier was received under
        (given exactly when ``competent_agency`` is).
    :raises DossierError: when a place is named apart but is the reception point, or
        the hand-over rule is given without a competent agency (or missing with one).

    .. versionadded:: 0.2
    .. versionchanged:: 0.5
       ``competent_agency``, ``return_point`` and ``hand_over``.
    """

    dossier_id: str = attrs.field(validator=text(DossierError))
    agency: str = attrs.field(validator=_agency)
    channel: Channel = attrs.field(validator=typed(Channel, DossierError))
    applicant: Applicant = attrs.field(validator=typed(Applicant, DossierError))
    terms: Terms = attrs.field(validator=typed(Terms, DossierError))
    competent_agency: str | None = attrs.field(default=None, validator=_optional_agency)
    return_point: str | None = attrs.field(default=None, validator=_optional_agency)
    hand_over: HandOverRule | None = attrs.field(
        default=None, validator=attrs.validators.optional(typed(HandOverRule, DossierError))
    )

    def __attrs_post_init__(self) -> None:
        """Places named apart differ from the reception point; a hand-over has its rule."""
        for name in ("competent_agency", "return_point"):
            if getattr(self, name) == self.agency:
                raise DossierError(
                    f"Intake.{name} is named only when it is not the reception point "
                    f"{self.agency}; leave it None"
                )
        if (self.competent_agency is None) != (self.hand_over is None):
            raise DossierError(
                "a boundary-free dossier names its competent agency and the hand-over rule it "
                "is received under, both or neither"
            )

    @property
    def boundary_free(self) -> bool:
        """Whether the dossier is decided by another agency than its reception point."""
        return self.competent_agency is not None

    @property
    def decided_by(self) -> str:
        """The competent agency's code: the one named, or the reception point."""
        return self.competent_agency or self.agency

    @property
    def returned_at(self) -> str:
        """The return point's code: the one named, or the reception point."""
        return self.return_point or self.agency

    @classmethod
    def of(
        cls,
        procedure: Procedure,
        applicant: Applicant,
        *,
        agency: str,
        channel: Channel,
        dossier_id: str | None = None,
        competent_agency: str | None = None,
        return_point: str | None = None,
        hand_over: HandOverRule | None = None,
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
            competent_agency=competent_agency,
            return_point=return_point,
            hand_over=hand_over,
        )
