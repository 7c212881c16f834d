"""Test configuration shared by tests/, the executed docs in docs/ and the docstrings in src/.

* Hypothesis profiles: ``dev`` (default, fast), ``ci`` (more examples) and
  ``thorough`` (for a scheduled job), picked by ``ONESTOP_HYPOTHESIS_PROFILE``.
* Sybil executes every ``python`` code block of ``docs/**/*.md`` (doctest prompts
  are checked) and every ``>>>`` example in the docstrings under ``src/``.
"""

import os
from doctest import ELLIPSIS
from doctest import NORMALIZE_WHITESPACE

from hypothesis import HealthCheck
from hypothesis import settings
from sybil import Sybil
from sybil.parsers import myst
from sybil.parsers import rest

settings.register_profile("dev", max_examples=60, deadline=None)
# CI is derandomized so that a landing never depends on luck; the thorough profile
# (random, 5,000 examples) is the one that explores.
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("ONESTOP_HYPOTHESIS_PROFILE", "dev"))

_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE

_docs = Sybil(
    name="docs",
    parsers=[
        myst.SkipParser(),
        myst.PythonCodeBlockParser(doctest_optionflags=_FLAGS),
    ],
    patterns=["*.md"],
    path="docs",
)
_docstrings = Sybil(
    name="docstrings",
    parsers=[rest.DocTestParser(optionflags=_FLAGS)],
    patterns=["*.py"],
    path="src",
)
pytest_collect_file = (_docs + _docstrings).pytest()
