"""ISO 9001 process definitions and their checks, one dot away.

``from onestop.processes import ProcessDefinition, check``. Definitions are values
(``onestop.domain._process``); checks and rendering are rules
(``onestop.rules._process_checks``); JSON files are read by :mod:`onestop.catalogs`.
"""

from onestop.domain._process import *  # noqa: F403 - this home offers the module's names
from onestop.domain._process import __all__ as _process_names
from onestop.rules._process_checks import Finding
from onestop.rules._process_checks import check
from onestop.rules._process_checks import check_versions
from onestop.rules._process_checks import render_markdown

__all__ = ["Finding", "check", "check_versions", "render_markdown"]
__all__ += list(_process_names)
