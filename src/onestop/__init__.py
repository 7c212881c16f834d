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
"""

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
]
