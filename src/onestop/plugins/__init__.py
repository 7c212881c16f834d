"""The plugin layer: hook specifications, the plugin host, built-in plugins.

Province packages extend onestop through the ``"onestop"`` entry-point group; hook
specs live in ``onestop.plugins.hookspecs`` once the first hooks are defined.
"""
