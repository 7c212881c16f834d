"""onestop — the shared core of Vietnam's one-stop shops for administrative procedures.

The top level holds the core nouns. One dot away:

* :mod:`onestop.events` — the events of a dossier's life;
* :mod:`onestop.fees` — fee rules, schedules and assessments;
* :mod:`onestop.processes` — ISO 9001 process definitions and their checks;
* :mod:`onestop.exceptions` — every exception (the root, :class:`OneStopError`, is
  here too).

The package is layered (see ``DESIGN.md`` and the docs' architecture page):
:mod:`onestop.domain` (the pure model: ``time`` and ``model``), :mod:`onestop.rules`,
:mod:`onestop.national` (the national data), :mod:`onestop.serialization` (the one
cattrs converter), :mod:`onestop.catalogs` (JSON files and the loader for national
database records), :mod:`onestop.plugins`, :mod:`onestop.testing` and
:mod:`onestop.cli`. This module only re-exports.


Names are loaded on first use (PEP 562), so ``import onestop`` costs almost nothing
and ``from onestop import Calendar`` loads only the time model; type checkers see the
imports below as usual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onestop.domain._validity import Validity
    from onestop.domain.model._actor import Actor, Role
    from onestop.domain.model._agency import Agency, Level
    from onestop.domain.model._agency_directory import AgencyDirectory
    from onestop.domain.model._applicant import Applicant
    from onestop.domain.model._catalog import Catalog
    from onestop.domain.model._dossier import Dossier, DossierState
    from onestop.domain.model._dossier_code import DossierCode, SequenceSource
    from onestop.domain.model._procedure import (
        AgencyShare,
        Channel,
        ChannelTerms,
        Component,
        OnlineLevel,
        Procedure,
        Requirement,
        Terms,
    )
    from onestop.domain.model._rule_set import FormKind, RuleSet
    from onestop.domain.model._status import ClockState, DossierStatus
    from onestop.domain.model._timeliness import (
        Indicator,
        Outcome,
        Resolution,
        Standing,
        StepReport,
        Timeliness,
    )
    from onestop.domain.time._calendar import Calendar
    from onestop.domain.time._clock import Clock
    from onestop.domain.time._day_change import DayChange, DayKind
    from onestop.domain.time._duration import Duration, DurationUnit
    from onestop.domain.time._local_time import VIETNAM_TZ
    from onestop.domain.time._office_hours import OfficeHours, SeasonalHours
    from onestop.domain.time._policy import ClockRule, DeadlinePolicy
    from onestop.exceptions import OneStopError
    from onestop.national._civil_service_calendar import vietnam_calendar

__all__ = [
    "VIETNAM_TZ",
    "Actor",
    "Agency",
    "AgencyDirectory",
    "AgencyShare",
    "Applicant",
    "Calendar",
    "Catalog",
    "Channel",
    "ChannelTerms",
    "Clock",
    "ClockRule",
    "ClockState",
    "Component",
    "DayChange",
    "DayKind",
    "DeadlinePolicy",
    "Dossier",
    "DossierCode",
    "DossierState",
    "DossierStatus",
    "Duration",
    "DurationUnit",
    "FormKind",
    "Indicator",
    "Level",
    "OfficeHours",
    "OneStopError",
    "OnlineLevel",
    "Outcome",
    "Procedure",
    "Requirement",
    "Resolution",
    "Role",
    "RuleSet",
    "SeasonalHours",
    "SequenceSource",
    "Standing",
    "StepReport",
    "Terms",
    "Timeliness",
    "Validity",
    "vietnam_calendar",
]

_EXPORTS: dict[str, str] = {
    "Actor": "onestop.domain.model._actor",
    "Agency": "onestop.domain.model._agency",
    "AgencyDirectory": "onestop.domain.model._agency_directory",
    "AgencyShare": "onestop.domain.model._procedure",
    "Applicant": "onestop.domain.model._applicant",
    "Calendar": "onestop.domain.time._calendar",
    "Catalog": "onestop.domain.model._catalog",
    "Channel": "onestop.domain.model._procedure",
    "ChannelTerms": "onestop.domain.model._procedure",
    "Clock": "onestop.domain.time._clock",
    "ClockRule": "onestop.domain.time._policy",
    "ClockState": "onestop.domain.model._status",
    "Component": "onestop.domain.model._procedure",
    "DayChange": "onestop.domain.time._day_change",
    "DayKind": "onestop.domain.time._day_change",
    "DeadlinePolicy": "onestop.domain.time._policy",
    "Dossier": "onestop.domain.model._dossier",
    "DossierCode": "onestop.domain.model._dossier_code",
    "DossierState": "onestop.domain.model._dossier",
    "DossierStatus": "onestop.domain.model._status",
    "Duration": "onestop.domain.time._duration",
    "DurationUnit": "onestop.domain.time._duration",
    "FormKind": "onestop.domain.model._rule_set",
    "Indicator": "onestop.domain.model._timeliness",
    "Level": "onestop.domain.model._agency",
    "OfficeHours": "onestop.domain.time._office_hours",
    "OneStopError": "onestop.exceptions",
    "OnlineLevel": "onestop.domain.model._procedure",
    "Outcome": "onestop.domain.model._timeliness",
    "Procedure": "onestop.domain.model._procedure",
    "Requirement": "onestop.domain.model._procedure",
    "Resolution": "onestop.domain.model._timeliness",
    "Role": "onestop.domain.model._actor",
    "RuleSet": "onestop.domain.model._rule_set",
    "SeasonalHours": "onestop.domain.time._office_hours",
    "SequenceSource": "onestop.domain.model._dossier_code",
    "Standing": "onestop.domain.model._timeliness",
    "StepReport": "onestop.domain.model._timeliness",
    "Terms": "onestop.domain.model._procedure",
    "Timeliness": "onestop.domain.model._timeliness",
    "VIETNAM_TZ": "onestop.domain.time._local_time",
    "Validity": "onestop.domain._validity",
    "vietnam_calendar": "onestop.national._civil_service_calendar",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - any exported value
    """Load an exported name on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'onestop' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The exported names and the sub-namespaces."""
    return sorted({*__all__, *globals()})
