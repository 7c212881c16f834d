"""Rules built on the domain model: who may do what, fees and charges, process checks.

``rules`` imports only :mod:`onestop.domain`.

* ``onestop.rules._permissions`` — which roles, acting for which agency, may record
  each dossier event;
* ``onestop.rules._fees`` — fee rules, dated schedules, exemptions, reductions and
  itemized assessments; ``onestop.national._fee_schedules`` ships real schedules;
* ``onestop.rules._receipt`` — receipt completeness: the required components
  missing from what was handed in;
* ``onestop.rules._rule_sets`` — which dated rule set governs a dossier;
* ``onestop.rules._dossier_coding`` — which code a received dossier gets (Circular
  01/2018's or, centrally processed, Circular 04/2025's);
* ``onestop.rules._process_checks`` — checks on ISO 9001 process definitions, and their
  rendering.

The deadline policies themselves are part of the pure time model in
``onestop.domain.time._policy``, because the SLA clock needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.rules._dossier_coding import DossierCoding as DossierCoding
    from onestop.rules._indicators import GROUPS as GROUPS
    from onestop.rules._indicators import QUALITY_COUNTERS as QUALITY_COUNTERS
    from onestop.rules._indicators import QUALITY_COUNTERS_TABLE as QUALITY_COUNTERS_TABLE
    from onestop.rules._indicators import QUALITY_SQL as QUALITY_SQL
    from onestop.rules._indicators import QualityGroup as QualityGroup
    from onestop.rules._indicators import QualityIndicator as QualityIndicator
    from onestop.rules._indicators import QualityRow as QualityRow
    from onestop.rules._indicators import QualityScore as QualityScore
    from onestop.rules._indicators import indicator as indicator
    from onestop.rules._indicators import quality_of as quality_of
    from onestop.rules._indicators import score as score
    from onestop.rules._permissions import PERMISSIONS as PERMISSIONS
    from onestop.rules._permissions import authorize as authorize
    from onestop.rules._receipt import level_problems as level_problems
    from onestop.rules._receipt import missing_components as missing_components
    from onestop.rules._receipt import place_problems as place_problems
    from onestop.rules._receipt import refuse_unless_complete as refuse_unless_complete
    from onestop.rules._rule_sets import choose_rule_set as choose_rule_set
    from onestop.rules._rule_sets import dossier_rule_set as dossier_rule_set
    from onestop.rules._statistics import COUNTERS as COUNTERS
    from onestop.rules._statistics import STATISTICS_COUNTERS as STATISTICS_COUNTERS
    from onestop.rules._statistics import STATISTICS_SQL as STATISTICS_SQL
    from onestop.rules._statistics import StatisticsRow as StatisticsRow
    from onestop.rules._statistics import check_period as check_period
    from onestop.rules._statistics import statistics_of as statistics_of

_EXPORTS = {
    "COUNTERS": "onestop.rules._statistics",
    "DossierCoding": "onestop.rules._dossier_coding",
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
    "level_problems": "onestop.rules._receipt",
    "place_problems": "onestop.rules._receipt",
    "missing_components": "onestop.rules._receipt",
    "quality_of": "onestop.rules._indicators",
    "refuse_unless_complete": "onestop.rules._receipt",
    "score": "onestop.rules._indicators",
    "statistics_of": "onestop.rules._statistics",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
