"""``onestop demo``: one province's one-stop offices over a year, end to end.

* :mod:`onestop.demo.simulation` — the year: dossiers through the office's calls;
* :mod:`onestop.demo.run` — the command: the store, the signer, a stand-in portal that
  goes down for a while, a progress bar, and the reports and documents it writes.
"""
