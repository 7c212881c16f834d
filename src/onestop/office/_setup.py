"""Building the office from settings and plugins: the one place it is wired.

The CLI, the demo and users all start here, so every one of them sees the same
calendar (the province's, from its plugins), the same store and the same signer:

* :func:`province_calendar` — the working calendar the plugins give, for the CLI's
  ``deadline`` and ``calendar`` commands and anyone who needs only the calendar;
* :func:`open_office` — a :class:`~onestop.office.OneStopOffice` over the store the
  settings name (``ONESTOP_*`` by default), with the plugins' calendar, catalog, fees,
  signer, running numbers, portal and hand-over rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._shown import shown
from onestop.exceptions import UsageError
from onestop.plugins._manager import PluginHost
from onestop.plugins._manager import plugin_host
from onestop.settings import Settings

if TYPE_CHECKING:
    from onestop.domain.time._calendar import Calendar
    from onestop.office._service import OneStopOffice

__all__ = ["open_office", "province_calendar"]


def _host(plugins: PluginHost | None) -> PluginHost:
    if plugins is None:
        return plugin_host()
    if not isinstance(plugins, PluginHost):
        raise UsageError(f"plugins is a PluginHost or None, got {shown(plugins)}")
    return plugins


def province_calendar(
    first_year: int = 2015, last_year: int = 2035, *, plugins: PluginHost | None = None
) -> Calendar:
    """The working calendar of this installation: the base calendar and every plugin's changes.

    :param plugins: the plugin host (default: built-ins and the installed entry points).
    :raises UsageError: when the years are not ints in order.

    .. versionadded:: 0.5
    """
    return _host(plugins).calendar(first_year, last_year)


def open_office(
    settings: Settings | None = None, *, plugins: PluginHost | None = None
) -> OneStopOffice:
    """The office the settings and plugins describe, over the store the settings name.

    The store is SQLite at the default path unless ``settings.store`` says otherwise;
    its projection computes deadlines on the office's calendar. Close the office's
    store when done (:meth:`OneStopOffice.close`).

    :param settings: default: :meth:`Settings.from_env`.
    :param plugins: default: built-ins and the installed entry points.

    .. versionadded:: 0.5
    """
    from onestop.office._service import OneStopOffice  # noqa: PLC0415 - the office imports setup

    host = _host(plugins)
    if settings is None:
        settings = Settings.from_env()
    elif not isinstance(settings, Settings):
        raise UsageError(f"settings is a Settings or None, got {shown(settings)}")
    calendar = host.calendar()
    return OneStopOffice(
        host.store(settings, calendar),
        calendar=calendar,
        catalog=host.catalog(),
        fee_book=host.fee_book(),
        signer=host.signer(settings),
        sequence=host.sequence(settings),
        coder=host.dossier_coder(),
        plugins=host,
        portal=host.portal(settings, calendar),
        hand_over=host.hand_over_rule(),
    )
