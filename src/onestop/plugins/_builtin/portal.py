"""The built-in ``portal`` plugin: the national portal's HTTP interface, when configured.

Needs the ``portal`` extra (``httpx``); without ``settings.portal_url`` it gives no
adapter, and the outbox waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.plugins import hookimpl

if TYPE_CHECKING:
    from onestop.domain.time._calendar import Calendar
    from onestop.portal._contract import PortalAdapter
    from onestop.settings import Settings


__all__ = ["onestop_portal"]


@hookimpl
def onestop_portal(settings: Settings, calendar: Calendar) -> PortalAdapter | None:
    """A :class:`~onestop.portal.NationalPortal` for ``settings.portal_url``."""
    if settings.portal_url is None:
        return None
    from onestop.portal._national_portal import NationalPortal  # noqa: PLC0415 - an optional extra

    return NationalPortal.from_settings(settings, calendar)
