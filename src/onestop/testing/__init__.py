"""Public helpers for testing code built on onestop (needs ``pip install "onestop[testing]"``).

The Hypothesis strategies of :mod:`onestop.testing.strategies` are re-exported here:
``calendars()``, ``dates()``, ``local_datetimes()``, ``durations()``,
``office_hours()``, ``seasonal_hours()``, ``day_changes()``,
``national_calendar()``, ``agencies()``, ``agency_codes()``, ``procedures()``,
``procedure_codes()``, ``dossiers()`` and ``event_for()``; and
:class:`InMemorySequence`, a dossier running-number source held in memory.

Nothing in onestop imports this package, so installing onestop in production pulls
in no test dependency.
"""

from onestop.testing.sequence import InMemorySequence
from onestop.testing.strategies import (
    agencies,
    agency_codes,
    calendars,
    dates,
    day_changes,
    dossiers,
    durations,
    event_for,
    local_datetimes,
    national_calendar,
    office_hours,
    procedure_codes,
    procedures,
    seasonal_hours,
)

__all__ = [
    "InMemorySequence",
    "agencies",
    "agency_codes",
    "calendars",
    "dates",
    "day_changes",
    "dossiers",
    "durations",
    "event_for",
    "local_datetimes",
    "national_calendar",
    "office_hours",
    "procedure_codes",
    "procedures",
    "seasonal_hours",
]
