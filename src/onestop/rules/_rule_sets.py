"""Which one-stop rule set governs a dossier: the one in force on its receipt's Vietnam date.

The rule sets themselves are dated data (:data:`onestop.national.RULE_SETS`);
this is the reading, handed the rule sets to choose from. A dossier keeps the rule set
it was received under whatever happens later, so the choice reads only the receipt.

References:
    * Decree 118/2025/NĐ-CP Art. 39 (dossiers received before 1/7/2025 are settled
      under the rules in force when they were received).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime

from onestop._shown import shown
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._rule_set import RuleSet
from onestop.exceptions import RuleSetError

__all__ = ["choose_rule_set", "dossier_rule_set"]


def choose_rule_set(day: date, rule_sets: Sequence[RuleSet]) -> RuleSet:
    """The rule set of ``rule_sets`` in force on ``day`` (a Vietnam date).

    :raises RuleSetError: when none is in force that day, or ``day`` is not a date.

    .. versionadded:: 0.5
    """
    if isinstance(rule_sets, str | bytes) or not isinstance(rule_sets, Sequence):
        raise RuleSetError(f"rule_sets is a sequence of RuleSet, got {shown(rule_sets)}")
    if not all(isinstance(rule_set, RuleSet) for rule_set in rule_sets):
        raise RuleSetError(f"rule_sets holds RuleSet values, got {shown(rule_sets)}")
    if type(day) is not date:
        hint = " (pass the Vietnam date of the receipt)" if isinstance(day, datetime) else ""
        raise RuleSetError(f"a rule set is looked up by a date{hint}, got {shown(day)}")
    for rule_set in rule_sets:
        if rule_set.validity.covers(day):
            return rule_set
    first = min((r.valid_from for r in rule_sets), default=None)
    since = f"from {first.day}/{first.month}/{first.year}" if first else "of no day"
    raise RuleSetError(
        f"no one-stop rule set is modelled for dossiers received on {day}; "
        f"the rule sets given cover receptions {since}"
    )


def dossier_rule_set(dossier: Dossier, rule_sets: Sequence[RuleSet]) -> RuleSet | None:
    """The rule set ``dossier`` follows, fixed by its receipt's Vietnam date (``None`` before).

    .. versionadded:: 0.5
       Replaces ``Dossier.rule_set``: the domain does not read the national data.
    """
    if not isinstance(dossier, Dossier):
        raise RuleSetError(f"a rule set is chosen for a Dossier, got {shown(dossier)}")
    received_at = dossier.received_at
    return choose_rule_set(received_at.date(), rule_sets) if received_at else None
