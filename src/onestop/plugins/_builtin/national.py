"""The built-in ``national`` plugin: what every province shares.

It gives the national civil-service calendar as the base calendar, the sample catalog
of real national procedures, and the national fee schedules — the data of
:mod:`onestop.national`, registered like any province's plugin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.national._civil_service_calendar import vietnam_calendar
from onestop.plugins import hookimpl

if TYPE_CHECKING:
    from onestop.domain.model._procedure import Procedure
    from onestop.domain.time._calendar import Calendar
    from onestop.rules._fees import FeeBook


__all__ = ["onestop_base_calendar", "onestop_fee_book", "onestop_procedures"]


@hookimpl
def onestop_base_calendar(first_year: int, last_year: int) -> Calendar:
    """The national calendar (public holidays, substitute days off, make-up Saturdays)."""
    return vietnam_calendar(first_year, last_year)


@hookimpl
def onestop_procedures() -> tuple[Procedure, ...]:
    """The sample catalog of real procedures from the national database."""
    from onestop.catalogs import sample_catalog  # noqa: PLC0415 - read when asked

    return sample_catalog().procedures


@hookimpl
def onestop_fee_book() -> FeeBook:
    """The national fee schedules, exemptions and reductions."""
    from onestop.national._fee_schedules import VIETNAM_FEES  # noqa: PLC0415 - read when asked

    return VIETNAM_FEES
