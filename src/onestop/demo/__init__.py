"""``onestop demo``: one province's one-stop offices over a year, end to end.

* ``onestop.demo._simulation`` — the year: dossiers through the office's calls;
* ``onestop.demo._run`` — the command: the store, the signer, a stand-in portal that
  goes down for a while, a progress bar, and the reports and documents it writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.demo._run import DemoResult as DemoResult
    from onestop.demo._run import run_demo as run_demo
    from onestop.demo._simulation import AGENCY_NAMES as AGENCY_NAMES
    from onestop.demo._simulation import COMMUNES as COMMUNES
    from onestop.demo._simulation import DEPARTMENTS as DEPARTMENTS
    from onestop.demo._simulation import PLACE as PLACE
    from onestop.demo._simulation import PROVINCE as PROVINCE
    from onestop.demo._simulation import YearOutline as YearOutline
    from onestop.demo._simulation import simulate_year as simulate_year
    from onestop.demo._simulation import working_days as working_days

_EXPORTS = {
    "AGENCY_NAMES": "onestop.demo._simulation",
    "COMMUNES": "onestop.demo._simulation",
    "DEPARTMENTS": "onestop.demo._simulation",
    "DemoResult": "onestop.demo._run",
    "PLACE": "onestop.demo._simulation",
    "PROVINCE": "onestop.demo._simulation",
    "YearOutline": "onestop.demo._simulation",
    "run_demo": "onestop.demo._run",
    "simulate_year": "onestop.demo._simulation",
    "working_days": "onestop.demo._simulation",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
