"""The pure model: calendars, durations, deadlines and SLA clocks.

Nothing here does I/O or knows about plugins; every value is an immutable attrs
class. ``rules`` and ``plugins`` build on this package, never the other way round.
"""
