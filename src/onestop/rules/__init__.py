"""Rules built on the domain model: who may do what, fees and charges, process checks.

``rules`` imports only :mod:`onestop.domain`.

* :mod:`onestop.rules.permissions` — which roles, acting for which agency, may record
  each dossier event;
* :mod:`onestop.rules.fees` — fee rules, dated schedules, exemptions, reductions and
  itemized assessments; :mod:`onestop.national.fees` ships real schedules;
* :mod:`onestop.rules.receipt` — receipt completeness: the required components
  missing from what was handed in;
* :mod:`onestop.rules.rule_sets` — which dated rule set governs a dossier;
* :mod:`onestop.rules.process` — checks on ISO 9001 process definitions, and their
  rendering.

The deadline policies themselves are part of the pure time model in
:mod:`onestop.domain.time.policy`, because the SLA clock needs them.
"""
