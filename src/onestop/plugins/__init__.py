"""The plugin layer: hook specifications, the plugin host, the built-in plugins.

A province extends onestop with a package that implements some of the hooks of
:mod:`onestop.plugins.hookspecs`, marks them with :data:`hookimpl`, and publishes the
module in the ``onestop`` entry-point group::

    from onestop.plugins import hookimpl

    @hookimpl
    def onestop_calendar(calendar):
        return calendar.with_days_off([...], name="...", source="...")

:func:`plugin_host` builds the host that calls them (see
``onestop.plugins._manager``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

from onestop._lazy import lazy_exports
from onestop.plugins.hookspecs import PROJECT

#: Marks a function as a hook implementation: ``@hookimpl def onestop_procedures(): ...``.
hookimpl = pluggy.HookimplMarker(PROJECT)

if TYPE_CHECKING:
    from onestop.plugins._manager import AUTOLOAD_VARIABLE as AUTOLOAD_VARIABLE
    from onestop.plugins._manager import BUILTIN_PLUGINS as BUILTIN_PLUGINS
    from onestop.plugins._manager import PluginHost as PluginHost
    from onestop.plugins._manager import PluginInfo as PluginInfo
    from onestop.plugins._manager import plugin_host as plugin_host

_EXPORTS = {
    "AUTOLOAD_VARIABLE": "onestop.plugins._manager",
    "BUILTIN_PLUGINS": "onestop.plugins._manager",
    "PluginHost": "onestop.plugins._manager",
    "PluginInfo": "onestop.plugins._manager",
    "plugin_host": "onestop.plugins._manager",
}
__all__ = ["PROJECT", "hookimpl"]
__all__ += list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
