"""The one-stop office: :class:`OneStopOffice`, what a provincial system calls.

* ``onestop.office._setup`` — the office from settings and plugins
  (:func:`open_office`) and the province's calendar (:func:`province_calendar`);
* ``onestop.office._service`` — the calls (submit, receive, supplement, payment,
  transfer, resolve, reject, apologize, withdraw, stop, return, lookup, sync);
* ``onestop.office._issued_documents`` — the receipt and result documents it signs;
* ``onestop.office._lookup`` — what a citizen sees by dossier code;
* ``onestop.office._reports`` — the periodic statistics table (JSON, CSV, text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.office._forms import TITLES_VI as TITLES_VI
    from onestop.office._forms import Form as Form
    from onestop.office._forms import log_book as log_book
    from onestop.office._forms import render_form as render_form
    from onestop.office._lookup import PublicStatus as PublicStatus
    from onestop.office._lookup import PublicStep as PublicStep
    from onestop.office._quality_score import quality_score as quality_score
    from onestop.office._queries import OfficeQueries as OfficeQueries
    from onestop.office._reports import HEADINGS_VI as HEADINGS_VI
    from onestop.office._reports import TOTAL as TOTAL
    from onestop.office._reports import LateDossier as LateDossier
    from onestop.office._reports import StatisticsTable as StatisticsTable
    from onestop.office._reports import late_dossiers as late_dossiers
    from onestop.office._reports import percent as percent
    from onestop.office._reports import period as period
    from onestop.office._reports import statistics_table as statistics_table
    from onestop.office._service import OfficeResult as OfficeResult
    from onestop.office._service import OneStopOffice as OneStopOffice
    from onestop.office._setup import open_office as open_office
    from onestop.office._setup import province_calendar as province_calendar
    from onestop.office._year_report import LATE_COLOUR as LATE_COLOUR
    from onestop.office._year_report import NO_STEP as NO_STEP
    from onestop.office._year_report import ON_TIME_COLOUR as ON_TIME_COLOUR
    from onestop.office._year_report import YearReport as YearReport
    from onestop.office._year_report import year_report as year_report

_EXPORTS = {
    "Form": "onestop.office._forms",
    "HEADINGS_VI": "onestop.office._reports",
    "LATE_COLOUR": "onestop.office._year_report",
    "LateDossier": "onestop.office._reports",
    "NO_STEP": "onestop.office._year_report",
    "ON_TIME_COLOUR": "onestop.office._year_report",
    "OfficeQueries": "onestop.office._queries",
    "OfficeResult": "onestop.office._service",
    "OneStopOffice": "onestop.office._service",
    "PublicStatus": "onestop.office._lookup",
    "PublicStep": "onestop.office._lookup",
    "StatisticsTable": "onestop.office._reports",
    "TITLES_VI": "onestop.office._forms",
    "TOTAL": "onestop.office._reports",
    "YearReport": "onestop.office._year_report",
    "late_dossiers": "onestop.office._reports",
    "log_book": "onestop.office._forms",
    "open_office": "onestop.office._setup",
    "percent": "onestop.office._reports",
    "period": "onestop.office._reports",
    "province_calendar": "onestop.office._setup",
    "quality_score": "onestop.office._quality_score",
    "render_form": "onestop.office._forms",
    "statistics_table": "onestop.office._reports",
    "year_report": "onestop.office._year_report",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
