"""The national data, in one place: what every province shares.

* ``onestop.national._civil_service_calendar`` — the civil-service calendar: public holidays,
  substitute days off and make-up Saturdays from the ``holidays`` package, and
  onestop's sourced amendments where ``holidays`` lags;
* ``onestop.national._decrees`` — the dated one-stop rule sets (Decree 61/2018
  → Decree 118/2025) and their form numbers;
* ``onestop.national._fee_schedules`` — national fee schedules, exemptions and reductions;
* ``catalog.json`` — a sample catalog of real procedures from the national database
  (read it with :func:`onestop.catalogs.sample_catalog`).

Each piece is plain data built from the domain and rules values, each with its legal
source, shaped so that the plugin layer registers it as the built-in ``"national"``
plugin, exactly as a province registers its own. Nothing here is imported by
``import onestop``: the calendar module loads ``holidays`` only when a national
calendar is first built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.national._civil_service_calendar import AMENDMENTS as AMENDMENTS
    from onestop.national._civil_service_calendar import ANNOUNCED_UNTIL as ANNOUNCED_UNTIL
    from onestop.national._civil_service_calendar import SUPPORTED_YEARS as SUPPORTED_YEARS
    from onestop.national._civil_service_calendar import national_changes as national_changes
    from onestop.national._civil_service_calendar import without_culture_day as without_culture_day
    from onestop.national._decrees import DECREE_61_2018 as DECREE_61_2018
    from onestop.national._decrees import DECREE_118_2025 as DECREE_118_2025
    from onestop.national._decrees import RULE_SETS as RULE_SETS
    from onestop.national._decrees import rule_set_for as rule_set_for
    from onestop.national._fee_schedules import CONTRACT_CERTIFICATION as CONTRACT_CERTIFICATION
    from onestop.national._fee_schedules import LAND_REGISTRATION_FEE as LAND_REGISTRATION_FEE
    from onestop.national._fee_schedules import VIETNAM_FEES as VIETNAM_FEES

_EXPORTS = {
    "AMENDMENTS": "onestop.national._civil_service_calendar",
    "ANNOUNCED_UNTIL": "onestop.national._civil_service_calendar",
    "CONTRACT_CERTIFICATION": "onestop.national._fee_schedules",
    "DECREE_118_2025": "onestop.national._decrees",
    "DECREE_61_2018": "onestop.national._decrees",
    "LAND_REGISTRATION_FEE": "onestop.national._fee_schedules",
    "RULE_SETS": "onestop.national._decrees",
    "SUPPORTED_YEARS": "onestop.national._civil_service_calendar",
    "VIETNAM_FEES": "onestop.national._fee_schedules",
    "national_changes": "onestop.national._civil_service_calendar",
    "rule_set_for": "onestop.national._decrees",
    "without_culture_day": "onestop.national._civil_service_calendar",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
