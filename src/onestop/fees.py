"""Fees and charges, one dot away: ``from onestop.fees import FeeBook, Flat, assess``.

The rules themselves live in ``onestop.rules._fees``; national schedules in
``onestop.national._fee_schedules``.
"""

from onestop.rules._fees import *  # noqa: F403 - this home offers the module's names
from onestop.rules._fees import __all__ as _fees_names

__all__ = list(_fees_names)
