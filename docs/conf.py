"""Sphinx configuration: MyST Markdown pages, autodoc API reference, the furo theme."""

from __future__ import annotations

from importlib.metadata import version as _version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

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


def _constant_comment(  # noqa: PLR0917 - the signature autodoc calls
    app: Sphinx,  # noqa: ARG001
    what: str,
    name: str,
    obj: object,
    options: object,  # noqa: ARG001
    lines: list[str],
) -> None:
    """A constant documented at its public home takes the ``#:`` comment of its module.

    autodoc reads a constant's comment from the module it is documented under; a public
    home only re-exports it, so the comment is looked up in the private module that
    assigns it (the first ``onestop`` module holding the same object under that name).
    """
    import sys  # noqa: PLC0415 - used only while building

    from sphinx.pycode import ModuleAnalyzer  # noqa: PLC0415

    if what != "data":
        return
    home, _, attribute = name.rpartition(".")
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("onestop.") or module_name == home:
            continue
        if vars(module).get(attribute, None) is not obj:
            continue
        try:
            comments = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        except Exception:  # noqa: BLE001, S112 - a module without source has no comments
            continue
        found = comments.get(("", attribute))
        if found:
            lines[:] = list(found)
            return


def setup(app: Sphinx) -> None:
    """Register the constant-comment hook."""
    app.connect("autodoc-process-docstring", _constant_comment)
