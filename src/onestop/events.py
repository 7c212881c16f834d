"""The events of a dossier's life, one dot away: ``from onestop.events import Received``.

A dossier's history is a list of these (see :class:`onestop.Dossier`); the first one
carries the dossier's :class:`Intake`. Each class has a ``kind``, its name on the wire.
"""

from onestop.domain.model._events import *  # noqa: F403 - this home offers the module's names
from onestop.domain.model._events import __all__ as _events_names
from onestop.domain.model._intake import Intake
from onestop.domain.model._satisfaction import Satisfaction

__all__ = ["Intake", "Satisfaction"]
__all__ += list(_events_names)
