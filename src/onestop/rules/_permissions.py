"""Who may do what to a dossier: the role, the agency, and the applicant's identity.

Each event kind names the roles allowed to record it and, for officials, the agency
they must act for: the *receiving* agency (the one-stop desk where the dossier was
lodged: its reception point), the *holding* agency (whoever has the dossier now: for a
boundary-free dossier, the competent agency once handed over), the *returning* agency
(the return point), or either of the first two. An applicant may record only what concerns
their own dossier: the applicant's identity is checked — by ID number when both the
actor and the dossier's applicant carry one, else by name (Unicode-normalised, case
and spacing aside). The information system (``Role.SYSTEM``) records what arrives
through it and is not tied to an agency. A refused event is refused before anything
is stored.

=====================  ==================================  =====================
event                  roles                               officials act for
=====================  ==================================  =====================
submitted              applicant (their own), system       —
received, refused      reception clerk                     receiving agency
supplement_requested   reception clerk, specialist         holding agency
supplemented           applicant, reception clerk          receiving or holding
payment_requested      reception clerk, specialist         holding agency
paid                   applicant, reception clerk, system  receiving or holding
handed_over            reception clerk, system             receiving agency
transferred            clerk, specialist, leader           holding agency
resolved, rejected     leader                              holding agency
stopped                reception clerk, leader             receiving or holding
apologized             leader                              holding agency
withdrawn              applicant, reception clerk          receiving or holding
returned               reception clerk, system             returning agency
rated                  applicant, reception clerk, system  receiving agency
=====================  ==================================  =====================

References:
    * Decree 61/2018/NĐ-CP Art. 16–20 and Decree 118/2025/NĐ-CP (the one-stop
      department receives and returns; the competent agency processes and decides;
      the head of the agency at fault apologises; the applicant withdraws their own
      dossier).
    * Circular 03/2025/TT-VPCP Art. 7 (a stop request goes to the one-stop department
      where the dossier was received, which issues the stop notice).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from onestop._shown import shown
from onestop.domain.model._actor import Role
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._events import EVENT_TYPES
from onestop.exceptions import PermissionDeniedError
from onestop.exceptions import UsageError

if TYPE_CHECKING:
    from onestop.domain.model._actor import Actor
    from onestop.domain.model._applicant import Applicant
    from onestop.domain.model._events import DossierEvent

__all__ = ["PERMISSIONS", "authorize", "is_the_applicant"]

_EVENTS = tuple(EVENT_TYPES.values())

_APPLICANT, _CLERK, _SPECIALIST, _LEADER, _SYSTEM = (
    Role.APPLICANT,
    Role.RECEPTION_CLERK,
    Role.SPECIALIST,
    Role.LEADER,
    Role.SYSTEM,
)

_RECEIVING, _HOLDING, _RETURNING = ("receiving",), ("holding",), ("returning",)
_EITHER = ("receiving", "holding")

#: For each event kind: the roles allowed, and the agencies an official may act for
#: (``()`` when no official may record it). Applicants act on their own dossier only.
PERMISSIONS: dict[str, tuple[frozenset[Role], tuple[str, ...]]] = {
    "submitted": (frozenset({_APPLICANT, _SYSTEM}), ()),
    "received": (frozenset({_CLERK}), _RECEIVING),
    "refused": (frozenset({_CLERK}), _RECEIVING),
    "supplement_requested": (frozenset({_CLERK, _SPECIALIST}), _HOLDING),
    "supplemented": (frozenset({_APPLICANT, _CLERK}), _EITHER),
    "payment_requested": (frozenset({_CLERK, _SPECIALIST}), _HOLDING),
    "paid": (frozenset({_APPLICANT, _CLERK, _SYSTEM}), _EITHER),
    "handed_over": (frozenset({_CLERK, _SYSTEM}), _RECEIVING),
    "transferred": (frozenset({_CLERK, _SPECIALIST, _LEADER}), _HOLDING),
    "resolved": (frozenset({_LEADER}), _HOLDING),
    "rejected": (frozenset({_LEADER}), _HOLDING),
    "stopped": (frozenset({_CLERK, _LEADER}), _EITHER),
    "apologized": (frozenset({_LEADER}), _HOLDING),
    "withdrawn": (frozenset({_APPLICANT, _CLERK}), _EITHER),
    "returned": (frozenset({_CLERK, _SYSTEM}), _RETURNING),
    # The applicant rates on the portal or the desk's terminal (the system records it),
    # or on a paper form a clerk of the desk enters.
    "rated": (frozenset({_APPLICANT, _CLERK, _SYSTEM}), _RECEIVING),
}


def authorize(dossier: Dossier, event: DossierEvent) -> None:
    """Check that ``event``'s actor may record it on ``dossier`` (see the module's table).

    :raises PermissionDeniedError: naming the actor, the event and what is required.
    :raises UsageError: when ``dossier`` is not a Dossier or ``event`` not an event.
    """
    if not isinstance(dossier, Dossier):
        raise UsageError(f"dossier is a Dossier, got {shown(dossier)}")
    if not isinstance(event, _EVENTS) or event.kind not in PERMISSIONS:
        raise UsageError(f"event is a dossier event, got {shown(event)}")
    roles, agencies = PERMISSIONS[event.kind]
    actor = event.actor
    allowed = actor.roles & roles
    if not allowed:
        names = ", ".join(sorted(role.value for role in roles))
        raise PermissionDeniedError(
            f"{actor.name} ({', '.join(sorted(r.value for r in actor.roles))}) may not record "
            f"{shown(event.kind)}; allowed roles: {names}"
        )
    if _SYSTEM in allowed:
        return
    if allowed - {_APPLICANT}:
        required = {
            "receiving": dossier.agency,
            "holding": dossier.holder,
            "returning": dossier.return_point,
        }
        if any(actor.agency == required[name] for name in agencies):
            return
        if _APPLICANT not in allowed:
            which = " or ".join(f"the {name} agency {required[name]}" for name in agencies)
            raise PermissionDeniedError(
                f"{actor.name} acts for {actor.agency or 'no agency'}, but "
                f"{shown(event.kind)} must be recorded by {which}"
            )
    if not is_the_applicant(actor, dossier.applicant):
        raise PermissionDeniedError(
            f"{actor.name} is not the applicant of dossier {dossier.id}, so may not record "
            f"{shown(event.kind)} on it"
        )


def _person(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def is_the_applicant(actor: Actor, applicant: Applicant) -> bool:
    """Whether ``actor`` is ``applicant``: by ID number when both carry one, else by name."""
    if actor.citizen_id is not None and applicant.citizen_id is not None:
        return actor.citizen_id == applicant.citizen_id
    return _person(actor.name) == _person(applicant.name)
