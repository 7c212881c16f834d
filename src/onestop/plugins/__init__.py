"""The plugin layer: hook specifications, the plugin host, the built-in plugins.

A province extends onestop with a package that implements some of the hooks of
:mod:`onestop.plugins.hookspecs`, marks them with :data:`hookimpl`, and publishes the
module in the ``onestop`` entry-point group::

    from onestop.plugins import hookimpl

    @hookimpl
    def onestop_calendar(calendar):
        return calendar.with_days_off([...], name="...", source="...")

:func:`plugin_host` builds the host that calls them (see
:mod:`onestop.plugins.manager`).
"""

import pluggy

from onestop.plugins.hookspecs import PROJECT

#: Marks a function as a hook implementation: ``@hookimpl def onestop_procedures(): ...``.
hookimpl = pluggy.HookimplMarker(PROJECT)

__all__ = ["PROJECT", "hookimpl"]
