"""onestop — the shared core of Vietnam's one-stop shops for administrative procedures.

The package is layered (see ``DESIGN.md`` and the docs' architecture page):

* :mod:`onestop.domain` — the pure model: :class:`Calendar`, :class:`Duration`,
  :class:`DeadlinePolicy`, :class:`Clock`;
* :mod:`onestop.rules` — fees, deadline policy choices, validations (built on domain);
* :mod:`onestop.plugins` — hook specifications and the plugin host;
* :mod:`onestop.testing` — Hypothesis strategies for users' own property tests;
* :mod:`onestop.cli` — the ``onestop`` command, a thin shell over this API.

This module only re-exports the public names.
"""

from onestop.domain.agency import Agency, Level
from onestop.domain.calendar import Calendar
from onestop.domain.catalog import Catalog
from onestop.domain.clock import Clock, ClockRule, Pause
from onestop.domain.day_change import DayChange, DayKind
from onestop.domain.deadline import DeadlinePolicy
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
from onestop.exceptions import (
    CalendarConfigError,
    CalendarError,
    CalendarInputError,
    CalendarRangeError,
    CatalogError,
    ClockError,
    DeadlineError,
    DurationError,
    InvalidAgencyError,
    InvalidProcedureError,
    OneStopError,
    UnknownProcedureError,
)

__all__ = [
    "VIETNAM_TZ",
    "Agency",
    "AgencyShare",
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
    "Component",
    "DayChange",
    "DayKind",
    "DeadlineError",
    "DeadlinePolicy",
    "Duration",
    "DurationError",
    "DurationUnit",
    "InvalidAgencyError",
    "InvalidProcedureError",
    "Level",
    "OfficeHours",
    "OneStopError",
    "OnlineLevel",
    "Pause",
    "Procedure",
    "Requirement",
    "SeasonalHours",
    "UnknownProcedureError",
]
