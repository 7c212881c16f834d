"""Rules built on the domain model: who may do what, fees and charges, process checks.

``rules`` imports only :mod:`onestop.domain`.

* ``onestop.rules._permissions`` — which roles, acting for which agency, may record
  each dossier event;
* ``onestop.rules._fees`` — fee rules, dated schedules, exemptions, reductions and
  itemized assessments; ``onestop.national._fee_schedules`` ships real schedules;
* ``onestop.rules._receipt`` — receipt completeness: the required components
  missing from what was handed in;
* ``onestop.rules._rule_sets`` — which dated rule set governs a dossier;
* ``onestop.rules._process_checks`` — checks on ISO 9001 process definitions, and their
  rendering.

The deadline policies themselves are part of the pure time model in
``onestop.domain.time._policy``, because the SLA clock needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.rules._indicators import (
        GROUPS,
        QUALITY_COUNTERS,
        QUALITY_COUNTERS_TABLE,
        QUALITY_SQL,
        QualityGroup,
        QualityIndicator,
        QualityRow,
        QualityScore,
        indicator,
        quality_of,
        score,
    )
    from onestop.rules._permissions import PERMISSIONS, authorize
    from onestop.rules._receipt import missing_components, refuse_unless_complete
    from onestop.rules._rule_sets import choose_rule_set, dossier_rule_set
    from onestop.rules._statistics import (
        COUNTERS,
        STATISTICS_COUNTERS,
        STATISTICS_SQL,
        StatisticsRow,
        check_period,
        statistics_of,
    )

__all__ = [
    "COUNTERS",
    "GROUPS",
    "PERMISSIONS",
    "QUALITY_COUNTERS",
    "QUALITY_COUNTERS_TABLE",
    "QUALITY_SQL",
    "STATISTICS_COUNTERS",
    "STATISTICS_SQL",
    "QualityGroup",
    "QualityIndicator",
    "QualityRow",
    "QualityScore",
    "StatisticsRow",
    "authorize",
    "check_period",
    "choose_rule_set",
    "dossier_rule_set",
    "indicator",
    "missing_components",
    "quality_of",
    "refuse_unless_complete",
    "score",
    "statistics_of",
]

_EXPORTS = {
    "COUNTERS": "onestop.rules._statistics",
    "GROUPS": "onestop.rules._indicators",
    "PERMISSIONS": "onestop.rules._permissions",
    "QUALITY_COUNTERS": "onestop.rules._indicators",
    "QUALITY_COUNTERS_TABLE": "onestop.rules._indicators",
    "QUALITY_SQL": "onestop.rules._indicators",
    "QualityGroup": "onestop.rules._indicators",
    "QualityIndicator": "onestop.rules._indicators",
    "QualityRow": "onestop.rules._indicators",
    "QualityScore": "onestop.rules._indicators",
    "STATISTICS_COUNTERS": "onestop.rules._statistics",
    "STATISTICS_SQL": "onestop.rules._statistics",
    "StatisticsRow": "onestop.rules._statistics",
    "authorize": "onestop.rules._permissions",
    "check_period": "onestop.rules._statistics",
    "choose_rule_set": "onestop.rules._rule_sets",
    "dossier_rule_set": "onestop.rules._rule_sets",
    "indicator": "onestop.rules._indicators",
    "missing_components": "onestop.rules._receipt",
    "quality_of": "onestop.rules._indicators",
    "refuse_unless_complete": "onestop.rules._receipt",
    "score": "onestop.rules._indicators",
    "statistics_of": "onestop.rules._statistics",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
