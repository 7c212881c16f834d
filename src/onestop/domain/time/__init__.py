"""The time half of the model: working calendars, durations, deadlines and SLA clocks.

* :mod:`~onestop.domain.time.calendar` — :class:`~onestop.Calendar` and its queries;
  ``_working_time`` is the index that answers them in O(1) or O(log n);
* :mod:`~onestop.domain.time.office_hours` — office hours and seasonal schedules;
* :mod:`~onestop.domain.time.day_change` — days off, closures and make-up days;
* :mod:`~onestop.domain.time.duration` — processing times and their parser;
* :mod:`~onestop.domain.time.policy` — deadline policies and clock rules;
* :mod:`~onestop.domain.time.clock` — a dossier's SLA clock;
* :mod:`~onestop.domain.time.local_time` — Asia/Ho_Chi_Minh conversions.

Nothing here knows about procedures or dossiers.
"""
