"""The time half of the model: working calendars, durations, deadlines and SLA clocks.

* ``onestop.domain.time._calendar`` — :class:`~onestop.Calendar` and its queries;
  ``_working_time`` is the index that answers them in O(1) or O(log n);
* ``onestop.domain.time._office_hours`` — office hours and seasonal schedules;
* ``onestop.domain.time._day_change`` — days off, closures and make-up days;
* ``onestop.domain.time._duration`` — processing times and their parser;
* ``onestop.domain.time._policy`` — deadline policies and clock rules;
* ``onestop.domain.time._clock`` — a dossier's SLA clock;
* ``onestop.domain.time._local_time`` — Asia/Ho_Chi_Minh conversions.

Nothing here knows about procedures or dossiers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.domain.time._clock import Pause as Pause
    from onestop.domain.time._day_change import Language as Language
    from onestop.domain.time._duration import HOURS_PER_WORKING_DAY as HOURS_PER_WORKING_DAY
    from onestop.domain.time._local_time import from_local as from_local
    from onestop.domain.time._local_time import now as now
    from onestop.domain.time._local_time import to_local as to_local
    from onestop.domain.time._local_time import to_local_date as to_local_date
    from onestop.domain.time._local_time import vietnam_iso as vietnam_iso
    from onestop.domain.time._office_hours import DEFAULT_OFFICE_HOURS as DEFAULT_OFFICE_HOURS

_EXPORTS = {
    "DEFAULT_OFFICE_HOURS": "onestop.domain.time._office_hours",
    "HOURS_PER_WORKING_DAY": "onestop.domain.time._duration",
    "Language": "onestop.domain.time._day_change",
    "Pause": "onestop.domain.time._clock",
    "from_local": "onestop.domain.time._local_time",
    "now": "onestop.domain.time._local_time",
    "to_local": "onestop.domain.time._local_time",
    "to_local_date": "onestop.domain.time._local_time",
    "vietnam_iso": "onestop.domain.time._local_time",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
