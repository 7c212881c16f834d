"""The pure model, in two halves and processes beside them.

* :mod:`onestop.domain.time` — calendars, durations, deadline policies, SLA clocks;
* :mod:`onestop.domain.model` — agencies, procedures, catalogs, dossiers and events;
* :mod:`onestop.domain.process` — ISO 9001 process definitions;
* :mod:`onestop.domain.validity` — when something is in force.

Nothing here does I/O or knows about plugins; every value is immutable. ``model``
builds on ``time``; ``rules`` and ``plugins`` build on this package, never the other
way round.
"""
