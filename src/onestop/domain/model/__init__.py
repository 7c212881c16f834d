"""The one-stop half of the model: agencies, procedures, catalogs, dossiers and events.

* :mod:`~onestop.domain.model.agency`, :mod:`~onestop.domain.model.agency_directory`
  — agencies, their codes and successors;
* :mod:`~onestop.domain.model.procedure`, :mod:`~onestop.domain.model.catalog` —
  procedure versions, their channel terms, and catalogs;
* :mod:`~onestop.domain.model.actor`, :mod:`~onestop.domain.model.applicant` — who
  acts and who applies;
* :mod:`~onestop.domain.model.intake`, :mod:`~onestop.domain.model.events`,
  :mod:`~onestop.domain.model.status`, :mod:`~onestop.domain.model.dossier_code`,
  :mod:`~onestop.domain.model.dossier` — a dossier's history and its folded state;
* :mod:`~onestop.domain.model.rule_set`, :mod:`~onestop.domain.model.timeliness` —
  dated rule sets, and whether a dossier is in time.

It builds on :mod:`onestop.domain.time`, never the other way round.
"""
