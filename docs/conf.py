"""Sphinx configuration: MyST Markdown pages, autodoc API reference, the furo theme."""

from importlib.metadata import version as _version

project = "onestop"
author = "onestop developers"
copyright = "2026, onestop developers"
release = _version("onestop")
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

html_theme = "furo"
html_title = f"onestop {version}"
