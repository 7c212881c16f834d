"""The national one-stop rule sets: which decree and circular govern a dossier.

A dossier follows the rules in force on the day it was received (its Vietnam date).

References:
    * Decree 61/2018/NĐ-CP (23/4/2018), amended by Decree 107/2021/NĐ-CP.
    * Circular 01/2018/TT-VPCP (forms Mẫu 01–06).
    * Decree 118/2025/NĐ-CP (9/6/2025); Circular 03/2025/TT-VPCP (forms Mẫu 01–07,
      numbering from a secondary source).
"""

from __future__ import annotations

from datetime import date

from onestop.domain.model._rule_set import FormKind
from onestop.domain.model._rule_set import RuleSet
from onestop.rules._rule_sets import choose_rule_set

__all__ = ["DECREE_61_2018", "DECREE_118_2025", "RULE_SETS", "rule_set_for"]

DECREE_61_2018 = RuleSet(
    key="decree-61-2018",
    decree="Decree 61/2018/NĐ-CP, amended by Decree 107/2021/NĐ-CP",
    circular="Circular 01/2018/TT-VPCP",
    valid_from=date(2018, 6, 21),
    valid_until=date(2025, 6, 30),
    forms=(
        (FormKind.RECEIPT, "Mẫu 01"),
        (FormKind.SUPPLEMENT_REQUEST, "Mẫu 02"),
        (FormKind.REFUSAL, "Mẫu 03"),
        (FormKind.APOLOGY, "Mẫu 04"),
        (FormKind.CONTROL_SLIP, "Mẫu 05"),
        (FormKind.LOG_BOOK, "Mẫu 06"),
    ),
)

DECREE_118_2025 = RuleSet(
    key="decree-118-2025",
    decree="Decree 118/2025/NĐ-CP",
    circular="Circular 03/2025/TT-VPCP",
    valid_from=date(2025, 7, 1),
    valid_until=None,
    forms=(
        (FormKind.RECEIPT, "Mẫu 01"),
        (FormKind.SUPPLEMENT_REQUEST, "Mẫu 02"),
        (FormKind.REFUSAL, "Mẫu 03"),
        (FormKind.APOLOGY, "Mẫu 04"),
        (FormKind.STOP_NOTICE, "Mẫu 05"),
        (FormKind.CONTROL_SLIP, "Mẫu 06"),
        (FormKind.LOG_BOOK, "Mẫu 07"),
    ),
)

#: Every rule set onestop knows, oldest first.
RULE_SETS = (DECREE_61_2018, DECREE_118_2025)


def rule_set_for(day: date) -> RuleSet:
    """The national rule set governing a dossier received on ``day`` (a Vietnam date).

    :raises RuleSetError: for days before Decree 61/2018 took effect (21/6/2018),
        or when ``day`` is not a date.
    """
    return choose_rule_set(day, RULE_SETS)
