"""onestop — the shared core of Vietnam's one-stop shops for administrative procedures.

The package is layered (see ``DESIGN.md`` and the docs' architecture page):

* :mod:`onestop.domain` — the pure model: :class:`Calendar`, :class:`Duration`,
  :class:`DeadlinePolicy`, :class:`Clock`, :class:`Agency`, :class:`Procedure`,
  :class:`Catalog`, :class:`Dossier` and its events;
* :mod:`onestop.rules` — who may do what; fees and process checks (built on domain);
* :mod:`onestop.catalogs` — JSON procedure catalogs and the sample catalog;
* :mod:`onestop.serialization` — the one cattrs converter;
* :mod:`onestop.plugins` — hook specifications and the plugin host;
* :mod:`onestop.testing` — Hypothesis strategies for users' own property tests;
* :mod:`onestop.cli` — the ``onestop`` command, a thin shell over this API.

This module only re-exports the public names.
"""

from onestop.domain.actor import Actor, Role
from onestop.domain.agency import Agency, Level
from onestop.domain.agency_directory import AgencyDirectory
from onestop.domain.applicant import Applicant
from onestop.domain.calendar import Calendar
from onestop.domain.catalog import Catalog
from onestop.domain.clock import Clock, ClockRule, Pause
from onestop.domain.day_change import DayChange, DayKind
from onestop.domain.deadline import DeadlinePolicy
from onestop.domain.dossier import Dossier
from onestop.domain.dossier_code import DossierCode, InMemorySequence, SequenceSource
from onestop.domain.dossier_events import (
    Apologized,
    DossierEvent,
    Paid,
    PaymentRequested,
    Received,
    Refused,
    Rejected,
    Resolved,
    Returned,
    Stopped,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
    Withdrawn,
)
from onestop.domain.dossier_status import ClockState, DossierStatus
from onestop.domain.duration import Duration, DurationUnit
from onestop.domain.local_time import VIETNAM_TZ
from onestop.domain.office_hours import OfficeHours, SeasonalHours
from onestop.domain.procedure import (
    AgencyShare,
    Channel,
    Component,
    OnlineLevel,
    Procedure,
    Requirement,
)
from onestop.domain.rule_set import FormKind, RuleSet, rule_set_for
from onestop.domain.timeliness import Outcome, Resolution, Standing, StepReport, Timeliness
from onestop.exceptions import (
    CalendarConfigError,
    CalendarError,
    CalendarInputError,
    CalendarRangeError,
    CatalogError,
    ClockError,
    DeadlineError,
    DossierError,
    DurationError,
    InvalidAgencyError,
    InvalidApplicantError,
    InvalidProcedureError,
    OneStopError,
    PermissionDenied,
    TransitionError,
    UnknownAgencyError,
    UnknownProcedureError,
)

__all__ = [
    "VIETNAM_TZ",
    "Actor",
    "Agency",
    "AgencyDirectory",
    "AgencyShare",
    "Apologized",
    "Applicant",
    "Calendar",
    "CalendarConfigError",
    "CalendarError",
    "CalendarInputError",
    "CalendarRangeError",
    "Catalog",
    "CatalogError",
    "Channel",
    "Clock",
    "ClockError",
    "ClockRule",
    "ClockState",
    "Component",
    "DayChange",
    "DayKind",
    "DeadlineError",
    "DeadlinePolicy",
    "Dossier",
    "DossierCode",
    "DossierError",
    "DossierEvent",
    "DossierStatus",
    "Duration",
    "DurationError",
    "DurationUnit",
    "FormKind",
    "InMemorySequence",
    "InvalidAgencyError",
    "InvalidApplicantError",
    "InvalidProcedureError",
    "Level",
    "OfficeHours",
    "OneStopError",
    "OnlineLevel",
    "Outcome",
    "Paid",
    "Pause",
    "PaymentRequested",
    "PermissionDenied",
    "Procedure",
    "Received",
    "Refused",
    "Rejected",
    "Requirement",
    "Resolution",
    "Resolved",
    "Returned",
    "Role",
    "RuleSet",
    "SeasonalHours",
    "SequenceSource",
    "Standing",
    "StepReport",
    "Stopped",
    "Submitted",
    "SupplementRequested",
    "Supplemented",
    "Timeliness",
    "Transferred",
    "TransitionError",
    "UnknownAgencyError",
    "UnknownProcedureError",
    "Withdrawn",
    "rule_set_for",
]
