"""Who may do what to a dossier.

Each event kind names the roles allowed to record it and whose agency they must act
for: the *receiving* agency (the one-stop desk: reception, refusal, return), the
*holding* agency (whoever has the dossier now: processing steps), or no agency (the
applicant, the system). An actor of another agency than the one required is refused,
as is an actor without an allowed role.

References:
    * Decree 61/2018/NĐ-CP Art. 16–20 and Decree 118/2025/NĐ-CP (the one-stop
      department receives and returns; the competent agency processes and decides;
      the head of the agency at fault apologises).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._shown import shown
from onestop.domain.model._actor import Role
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._events import EVENT_TYPES
from onestop.exceptions import PermissionDenied
from onestop.exceptions import UsageError

if TYPE_CHECKING:
    from onestop.domain.model._events import DossierEvent

__all__ = ["PERMISSIONS", "authorize"]

_EVENTS = tuple(EVENT_TYPES.values())

_APPLICANT, _CLERK, _SPECIALIST, _LEADER, _SYSTEM = (
    Role.APPLICANT,
    Role.RECEPTION_CLERK,
    Role.SPECIALIST,
    Role.LEADER,
    Role.SYSTEM,
)

#: For each event kind: the roles allowed, and which agency an official must act for
#: (``"receiving"``, ``"holding"``, or ``None`` when no agency is required).
PERMISSIONS: dict[str, tuple[frozenset[Role], str | None]] = {
    "submitted": (frozenset({_APPLICANT, _SYSTEM}), None),
    "received": (frozenset({_CLERK}), "receiving"),
    "refused": (frozenset({_CLERK}), "receiving"),
    "supplement_requested": (frozenset({_CLERK, _SPECIALIST}), "holding"),
    "supplemented": (frozenset({_APPLICANT, _CLERK}), None),
    "payment_requested": (frozenset({_CLERK, _SPECIALIST}), "holding"),
    "paid": (frozenset({_APPLICANT, _CLERK, _SYSTEM}), None),
    "transferred": (frozenset({_CLERK, _SPECIALIST, _LEADER}), "holding"),
    "resolved": (frozenset({_LEADER}), "holding"),
    "rejected": (frozenset({_LEADER}), "holding"),
    "stopped": (frozenset({_LEADER}), "holding"),
    "apologized": (frozenset({_LEADER}), "holding"),
    "withdrawn": (frozenset({_APPLICANT, _CLERK}), None),
    "returned": (frozenset({_CLERK, _SYSTEM}), "receiving"),
    # The applicant rates on the portal or the desk's terminal (the system records it),
    # or on a paper form a clerk enters.
    "rated": (frozenset({_APPLICANT, _CLERK, _SYSTEM}), None),
}


def authorize(dossier: Dossier, event: DossierEvent) -> None:
    """Check that ``event``'s actor may record it on ``dossier``.

    Officials (any role but applicant and system) must act for the agency the event
    requires.

    :raises PermissionDenied: naming the actor, the event and what is required.
    :raises UsageError: when ``dossier`` is not a Dossier or ``event`` not an event.
    """
    if not isinstance(dossier, Dossier):
        raise UsageError(f"dossier is a Dossier, got {shown(dossier)}")
    if not isinstance(event, _EVENTS) or event.kind not in PERMISSIONS:
        raise UsageError(f"event is a dossier event, got {shown(event)}")
    roles, agency_rule = PERMISSIONS[event.kind]
    actor = event.actor
    if not actor.roles & roles:
        allowed = ", ".join(sorted(role.value for role in roles))
        raise PermissionDenied(
            f"{actor.name} ({', '.join(sorted(r.value for r in actor.roles))}) may not record "
            f"{shown(event.kind)}; allowed roles: {allowed}"
        )
    if agency_rule is None or actor.roles & {_APPLICANT, _SYSTEM} & roles:
        return
    required = dossier.agency if agency_rule == "receiving" else dossier.holder
    if actor.agency != required:
        raise PermissionDenied(
            f"{actor.name} acts for {actor.agency or 'no agency'}, but {shown(event.kind)} must be "
            f"recorded by the {agency_rule} agency {required}"
        )
