"""Rules built on the domain model: who may do what; fees and process checks to come.

``rules`` imports only :mod:`onestop.domain`.

* :mod:`onestop.rules.permissions` — which roles, acting for which agency, may record
  each dossier event.

The deadline policies themselves are part of the pure time model in
:mod:`onestop.domain.deadline`, because the SLA clock needs them.
"""
