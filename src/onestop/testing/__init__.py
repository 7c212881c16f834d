"""Public helpers for testing code built on onestop.

The fakes need no test dependency, so ``pip install "onestop[office]"`` is enough to
use them:

* :class:`InMemorySequence` — a dossier running-number source held in memory;
* :mod:`onestop.testing.portal` — ``StandInPortal``, the national portal on loopback;
* :mod:`onestop.testing.certificates` — throwaway keys and certificates.

The Hypothesis strategies of :mod:`onestop.testing.strategies` need ``pip install
"onestop[testing]"``; they are re-exported here and load on first use:
``calendars()``, ``dates()``, ``local_datetimes()``, ``durations()``,
``office_hours()``, ``seasonal_hours()``, ``day_changes()``,
``national_calendar()``, ``agencies()``, ``agency_codes()``, ``procedures()``,
``procedure_codes()``, ``dossiers()`` and ``event_for()``.

Nothing in onestop imports this package, so installing onestop in production pulls
in no test dependency.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from onestop.testing.sequence import InMemorySequence

if TYPE_CHECKING:
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

_STRATEGIES = frozenset(__all__) - {"InMemorySequence"}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - any strategy
    """Load a strategy (and Hypothesis) on first use."""
    if name not in _STRATEGIES:
        raise AttributeError(f"module 'onestop.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module("onestop.testing.strategies"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The exported names."""
    return sorted({*__all__, *globals()})
