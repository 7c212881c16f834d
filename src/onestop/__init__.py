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
    from onestop.domain.model.actor import Actor, Role
    from onestop.domain.model.agency import Agency, Level
    from onestop.domain.model.agency_directory import AgencyDirectory
    from onestop.domain.model.applicant import Applicant
    from onestop.domain.model.catalog import Catalog
    from onestop.domain.model.dossier import Dossier, DossierState
    from onestop.domain.model.dossier_code import DossierCode, SequenceSource
    from onestop.domain.model.procedure import (
        AgencyShare,
        Channel,
        ChannelTerms,
        Component,
        OnlineLevel,
        Procedure,
        Requirement,
        Terms,
    )
    from onestop.domain.model.rule_set import FormKind, RuleSet
    from onestop.domain.model.status import ClockState, DossierStatus
    from onestop.domain.model.timeliness import (
        Indicator,
        Outcome,
        Resolution,
        Standing,
        StepReport,
        Timeliness,
    )
    from onestop.domain.time.calendar import Calendar
    from onestop.domain.time.clock import Clock
    from onestop.domain.time.day_change import DayChange, DayKind
    from onestop.domain.time.duration import Duration, DurationUnit
    from onestop.domain.time.local_time import VIETNAM_TZ
    from onestop.domain.time.office_hours import OfficeHours, SeasonalHours
    from onestop.domain.time.policy import ClockRule, DeadlinePolicy
    from onestop.domain.validity import Validity
    from onestop.exceptions import OneStopError
    from onestop.national.calendar import vietnam_calendar

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
    "Actor": "onestop.domain.model.actor",
    "Agency": "onestop.domain.model.agency",
    "AgencyDirectory": "onestop.domain.model.agency_directory",
    "AgencyShare": "onestop.domain.model.procedure",
    "Applicant": "onestop.domain.model.applicant",
    "Calendar": "onestop.domain.time.calendar",
    "Catalog": "onestop.domain.model.catalog",
    "Channel": "onestop.domain.model.procedure",
    "ChannelTerms": "onestop.domain.model.procedure",
    "Clock": "onestop.domain.time.clock",
    "ClockRule": "onestop.domain.time.policy",
    "ClockState": "onestop.domain.model.status",
    "Component": "onestop.domain.model.procedure",
    "DayChange": "onestop.domain.time.day_change",
    "DayKind": "onestop.domain.time.day_change",
    "DeadlinePolicy": "onestop.domain.time.policy",
    "Dossier": "onestop.domain.model.dossier",
    "DossierCode": "onestop.domain.model.dossier_code",
    "DossierState": "onestop.domain.model.dossier",
    "DossierStatus": "onestop.domain.model.status",
    "Duration": "onestop.domain.time.duration",
    "DurationUnit": "onestop.domain.time.duration",
    "FormKind": "onestop.domain.model.rule_set",
    "Indicator": "onestop.domain.model.timeliness",
    "Level": "onestop.domain.model.agency",
    "OfficeHours": "onestop.domain.time.office_hours",
    "OneStopError": "onestop.exceptions",
    "OnlineLevel": "onestop.domain.model.procedure",
    "Outcome": "onestop.domain.model.timeliness",
    "Procedure": "onestop.domain.model.procedure",
    "Requirement": "onestop.domain.model.procedure",
    "Resolution": "onestop.domain.model.timeliness",
    "Role": "onestop.domain.model.actor",
    "RuleSet": "onestop.domain.model.rule_set",
    "SeasonalHours": "onestop.domain.time.office_hours",
    "SequenceSource": "onestop.domain.model.dossier_code",
    "Standing": "onestop.domain.model.timeliness",
    "StepReport": "onestop.domain.model.timeliness",
    "Terms": "onestop.domain.model.procedure",
    "Timeliness": "onestop.domain.model.timeliness",
    "VIETNAM_TZ": "onestop.domain.time.local_time",
    "Validity": "onestop.domain.validity",
    "vietnam_calendar": "onestop.national.calendar",
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
