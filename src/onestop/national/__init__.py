"""The national data, in one place: what every province shares.

* :mod:`onestop.national.calendar` — the civil-service calendar: public holidays,
  substitute days off and make-up Saturdays from the ``holidays`` package, and
  onestop's sourced amendments where ``holidays`` lags;
* :mod:`onestop.national.rule_sets` — the dated one-stop rule sets (Decree 61/2018
  → Decree 118/2025) and their form numbers;
* :mod:`onestop.national.fees` — national fee schedules, exemptions and reductions;
* ``catalog.json`` — a sample catalog of real procedures from the national database
  (read it with :func:`onestop.catalogs.sample_catalog`).

Each piece is plain data built from the domain and rules values, each with its legal
source, shaped so that the plugin layer registers it as the built-in ``"national"``
plugin, exactly as a province registers its own. Nothing here is imported by
``import onestop``: the calendar module loads ``holidays`` only when a national
calendar is first built.
"""
