"""The plugin layer: hook specifications, the plugin host, the built-in plugins.

A province extends onestop with a package that implements some of the hooks of
:mod:`onestop.plugins.hookspecs`, marks them with :data:`hookimpl`, and publishes the
module in the ``onestop`` entry-point group::

    from onestop.plugins import hookimpl

    @hookimpl
    def onestop_calendar(calendar):
        return calendar.with_days_off([...], name="...", source="...")

:func:`plugin_host` builds the host that calls them (see
:mod:`onestop.plugins._manager`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

from onestop._lazy import lazy_exports
from onestop.plugins.hookspecs import PROJECT

#: Marks a function as a hook implementation: ``@hookimpl def onestop_procedures(): ...``.
hookimpl = pluggy.HookimplMarker(PROJECT)

if TYPE_CHECKING:
    from onestop.plugins._builtin.national import (
        onestop_base_calendar,
        onestop_fee_book,
        onestop_procedures,
    )
    from onestop.plugins._builtin.portal import onestop_portal
    from onestop.plugins._builtin.signing import onestop_signer
    from onestop.plugins._builtin.storage import onestop_dossier_store
    from onestop.plugins._manager import (
        AUTOLOAD_VARIABLE,
        BUILTIN_PLUGINS,
        PluginHost,
        PluginInfo,
        plugin_host,
    )

__all__ = [
    "AUTOLOAD_VARIABLE",
    "BUILTIN_PLUGINS",
    "PROJECT",
    "PluginHost",
    "PluginInfo",
    "hookimpl",
    "onestop_base_calendar",
    "onestop_dossier_store",
    "onestop_fee_book",
    "onestop_portal",
    "onestop_procedures",
    "onestop_signer",
    "plugin_host",
]

_EXPORTS = {
    "AUTOLOAD_VARIABLE": "onestop.plugins._manager",
    "BUILTIN_PLUGINS": "onestop.plugins._manager",
    "PluginHost": "onestop.plugins._manager",
    "PluginInfo": "onestop.plugins._manager",
    "onestop_base_calendar": "onestop.plugins._builtin.national",
    "onestop_dossier_store": "onestop.plugins._builtin.storage",
    "onestop_fee_book": "onestop.plugins._builtin.national",
    "onestop_portal": "onestop.plugins._builtin.portal",
    "onestop_procedures": "onestop.plugins._builtin.national",
    "onestop_signer": "onestop.plugins._builtin.signing",
    "plugin_host": "onestop.plugins._manager",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
