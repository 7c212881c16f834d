"""onestop — the shared core of Vietnam's one-stop shops for administrative procedures.

The top level holds the core nouns. One dot away:

* :mod:`onestop.events` — the events of a dossier's life;
* :mod:`onestop.fees` — fee rules, schedules and assessments;
* :mod:`onestop.processes` — ISO 9001 process definitions and their checks;
* :mod:`onestop.exceptions` — every exception (the root, :class:`OneStopError`, is
  here too).

The package is layered (see the documentation's architecture page):
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

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.domain._validity import Validity as Validity
    from onestop.domain.model._actor import Actor as Actor
    from onestop.domain.model._actor import Role as Role
    from onestop.domain.model._agency import Agency as Agency
    from onestop.domain.model._agency import Level as Level
    from onestop.domain.model._agency_directory import AgencyDirectory as AgencyDirectory
    from onestop.domain.model._applicant import Applicant as Applicant
    from onestop.domain.model._applicant import ApplicantKind as ApplicantKind
    from onestop.domain.model._boundary_free import BoundaryFreeList as BoundaryFreeList
    from onestop.domain.model._catalog import Catalog as Catalog
    from onestop.domain.model._dossier import Dossier as Dossier
    from onestop.domain.model._dossier import DossierState as DossierState
    from onestop.domain.model._dossier_code import DossierCode as DossierCode
    from onestop.domain.model._dossier_code import DossierCoder as DossierCoder
    from onestop.domain.model._dossier_code import SequenceSource as SequenceSource
    from onestop.domain.model._hand_over import DeadlineStart as DeadlineStart
    from onestop.domain.model._hand_over import HandOverRule as HandOverRule
    from onestop.domain.model._procedure import AgencyShare as AgencyShare
    from onestop.domain.model._procedure import Channel as Channel
    from onestop.domain.model._procedure import ChannelTerms as ChannelTerms
    from onestop.domain.model._procedure import Component as Component
    from onestop.domain.model._procedure import OnlineLevel as OnlineLevel
    from onestop.domain.model._procedure import Procedure as Procedure
    from onestop.domain.model._procedure import ProcedureResult as ProcedureResult
    from onestop.domain.model._procedure import Requirement as Requirement
    from onestop.domain.model._procedure import Terms as Terms
    from onestop.domain.model._rule_set import FormKind as FormKind
    from onestop.domain.model._rule_set import RuleSet as RuleSet
    from onestop.domain.model._status import ClockState as ClockState
    from onestop.domain.model._status import DossierStatus as DossierStatus
    from onestop.domain.model._timeliness import HandOverReport as HandOverReport
    from onestop.domain.model._timeliness import Indicator as Indicator
    from onestop.domain.model._timeliness import Outcome as Outcome
    from onestop.domain.model._timeliness import Resolution as Resolution
    from onestop.domain.model._timeliness import Standing as Standing
    from onestop.domain.model._timeliness import StepReport as StepReport
    from onestop.domain.model._timeliness import Timeliness as Timeliness
    from onestop.domain.time._calendar import Calendar as Calendar
    from onestop.domain.time._clock import Clock as Clock
    from onestop.domain.time._day_change import DayChange as DayChange
    from onestop.domain.time._day_change import DayKind as DayKind
    from onestop.domain.time._duration import Duration as Duration
    from onestop.domain.time._duration import DurationUnit as DurationUnit
    from onestop.domain.time._local_time import VIETNAM_TZ as VIETNAM_TZ
    from onestop.domain.time._office_hours import OfficeHours as OfficeHours
    from onestop.domain.time._office_hours import SeasonalHours as SeasonalHours
    from onestop.domain.time._policy import ClockRule as ClockRule
    from onestop.domain.time._policy import DeadlinePolicy as DeadlinePolicy
    from onestop.exceptions import OneStopError as OneStopError
    from onestop.national._civil_service_calendar import vietnam_calendar as vietnam_calendar

_EXPORTS: dict[str, str] = {
    "Actor": "onestop.domain.model._actor",
    "Agency": "onestop.domain.model._agency",
    "AgencyDirectory": "onestop.domain.model._agency_directory",
    "AgencyShare": "onestop.domain.model._procedure",
    "Applicant": "onestop.domain.model._applicant",
    "ApplicantKind": "onestop.domain.model._applicant",
    "BoundaryFreeList": "onestop.domain.model._boundary_free",
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
    "DeadlineStart": "onestop.domain.model._hand_over",
    "Dossier": "onestop.domain.model._dossier",
    "DossierCode": "onestop.domain.model._dossier_code",
    "DossierCoder": "onestop.domain.model._dossier_code",
    "DossierState": "onestop.domain.model._dossier",
    "DossierStatus": "onestop.domain.model._status",
    "Duration": "onestop.domain.time._duration",
    "DurationUnit": "onestop.domain.time._duration",
    "FormKind": "onestop.domain.model._rule_set",
    "HandOverReport": "onestop.domain.model._timeliness",
    "HandOverRule": "onestop.domain.model._hand_over",
    "Indicator": "onestop.domain.model._timeliness",
    "Level": "onestop.domain.model._agency",
    "OfficeHours": "onestop.domain.time._office_hours",
    "OneStopError": "onestop.exceptions",
    "OnlineLevel": "onestop.domain.model._procedure",
    "Outcome": "onestop.domain.model._timeliness",
    "Procedure": "onestop.domain.model._procedure",
    "ProcedureResult": "onestop.domain.model._procedure",
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
__all__ = list(_EXPORTS)
_exported, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)


def __getattr__(name: str) -> object:
    """A core noun, loaded on first use; or ``__version__``, the installed version."""
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked

        return version("onestop")
    return _exported(name)
