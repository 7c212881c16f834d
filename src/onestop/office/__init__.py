"""The one-stop office: :class:`OneStopOffice`, what a provincial system calls.

* :mod:`onestop.office.setup` — the office from settings and plugins
  (:func:`open_office`) and the province's calendar (:func:`province_calendar`);
* :mod:`onestop.office.service` — the calls (submit, receive, supplement, payment,
  transfer, resolve, reject, apologize, withdraw, stop, return, lookup, sync);
* :mod:`onestop.office.documents` — the receipt and result documents it signs;
* :mod:`onestop.office.lookup` — what a citizen sees by dossier code;
* :mod:`onestop.office.reports` — the periodic statistics table (JSON, CSV, text).
"""

from onestop.office.lookup import PublicStatus, PublicStep
from onestop.office.reports import StatisticsTable
from onestop.office.service import OfficeResult, OneStopOffice
from onestop.office.setup import open_office, province_calendar

__all__ = [
    "OfficeResult",
    "OneStopOffice",
    "PublicStatus",
    "PublicStep",
    "StatisticsTable",
    "open_office",
    "province_calendar",
]
