"""ISO 9001 process definitions and their checks, one dot away.

``from onestop.processes import ProcessDefinition, check``. Definitions are values
(``onestop.domain._process``); checks and rendering are rules
(``onestop.rules._process_checks``); JSON files are read by :mod:`onestop.catalogs`.
"""

from onestop.domain._process import (
    Branch,
    Branching,
    FormDefinition,
    ProcessDefinition,
    ProcessStep,
    Revision,
    StepKind,
    StepTiming,
)
from onestop.rules._process_checks import Finding, check, check_versions, render_markdown

__all__ = [
    "Branch",
    "Branching",
    "Finding",
    "FormDefinition",
    "ProcessDefinition",
    "ProcessStep",
    "Revision",
    "StepKind",
    "StepTiming",
    "check",
    "check_versions",
    "render_markdown",
]
