"""The pure model: ``time`` and ``model``, and processes beside them — implementation only.

Every public name of the model has its one home one dot from the top: the core nouns
in :mod:`onestop` (``Calendar``, ``Duration``, ``Procedure``, ``Dossier``, …), the events
in :mod:`onestop.events`, process definitions in :mod:`onestop.processes`; what is
left (helpers such as ``to_local``) in :mod:`onestop.domain.time` and
:mod:`onestop.domain.model`. The modules here are private.

Nothing here does I/O or knows about plugins; every value is immutable. ``model``
builds on ``time``; ``rules`` and ``plugins`` build on this package, never the other
way round.
"""

__all__: list[str] = []
