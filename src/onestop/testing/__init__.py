"""Public helpers for testing code built on onestop.

* :mod:`onestop.testing.strategies` — Hypothesis strategies for calendars, instants,
  durations and province calendar changes (needs the ``testing`` extra:
  ``pip install "onestop[testing]"``).

Nothing in onestop imports this package, so installing onestop in production pulls
in no test dependency.
"""
