"""The office's queries, in one home: what a stored dossier, a period or a desk looks like.

:class:`OfficeQueries` answers from a store and the office's calendar alone: a lookup, the
statistics table, Decision 766's indicators, the late dossiers, a one-stop form and a
desk's log book. :class:`~onestop.office.OneStopOffice` adds the commands on top; a
reporting system that only reads builds an ``OfficeQueries`` over the same store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._shown import shown
from onestop.domain.model._agency import check_agency_code
from onestop.domain.time._calendar import Calendar
from onestop.exceptions import UsageError
from onestop.office._lookup import PublicStatus
from onestop.office._lookup import public_status
from onestop.office._quality_score import quality_score
from onestop.office._reports import LateDossier
from onestop.office._reports import StatisticsTable
from onestop.office._reports import late_dossiers
from onestop.office._reports import statistics_table
from onestop.rules._statistics import check_period
from onestop.storage._contract import check_same_calendar
from onestop.storage._contract import every_match
from onestop.storage._store_values import MAX_PAGE
from onestop.storage._store_values import DossierQuery

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from onestop.domain.model._dossier import Dossier
    from onestop.domain.model._rule_set import FormKind
    from onestop.office._forms import Form
    from onestop.rules._indicators import QualityScore
    from onestop.storage._contract import DossierStore

__all__ = ["OfficeQueries"]


class OfficeQueries:
    """The queries of a one-stop office, over ``store`` with its deadlines on ``calendar``.

    :param store: where the dossiers are.
    :param calendar: the office's calendar (the store's projection must use it).
    :raises UsageError: for a store that is not one, or one on another calendar.

    .. versionadded:: 0.5
    """

    def __init__(self, store: DossierStore, *, calendar: Calendar) -> None:
        """Queries over ``store`` (see the class documentation)."""
        if not isinstance(calendar, Calendar):
            raise UsageError(f"calendar is a Calendar, got {shown(calendar)}")
        if not callable(getattr(store, "load", None)):
            raise UsageError(f"store is a DossierStore, got {shown(store)}")
        check_same_calendar(store, calendar)
        self.store = store
        self.calendar = calendar

    def dossier(self, dossier_id: str) -> Dossier:
        """The stored dossier with this identity."""
        return self.store.load(dossier_id)

    def lookup(self, code: str) -> PublicStatus:
        """What the holder of a receipt sees: status, appointment, public steps, no one's data.

        :raises UnknownDossierError: when no dossier has the code.
        """
        return public_status(self.store.find(code), self.calendar)

    def statistics(self, first: datetime, last: datetime) -> StatisticsTable:
        """The periodic statistics table from ``first`` to ``last``, per agency and field."""
        return statistics_table(self.store, first, last)

    def form(
        self,
        dossier_id: str,
        kind: FormKind,
        *,
        names: Mapping[str, str] | None = None,
        place: str = "",
    ) -> Form:
        """The one-stop form ``kind`` for a stored dossier, in its rule set's wording.

        :meth:`Form.signed_pdf <onestop.office.Form.signed_pdf>` with
        :attr:`signer` gives it as a PAdES-signed PDF.

        :raises FormError: when what the form records has not happened.
        """
        from onestop.office._forms import render_form  # noqa: PLC0415 - the forms extra

        return render_form(kind, self.dossier(dossier_id), self.calendar, names=names, place=place)

    def log_book(
        self,
        agency: str,
        first: datetime,
        last: datetime,
        *,
        names: Mapping[str, str] | None = None,
    ) -> Form:
        """The log book of ``agency``'s desk for the dossiers it received in the period."""
        from onestop.office._forms import log_book  # noqa: PLC0415 - the forms extra

        check_agency_code(agency)
        first, last = check_period(first, last)
        query = DossierQuery(agency=agency, received=(first, last), limit=MAX_PAGE)
        dossiers = [self.dossier(s.dossier_id) for s in every_match(self.store, query)]
        return log_book(dossiers, self.calendar, agency=agency, first=first, last=last, names=names)

    def quality(
        self, first: datetime, last: datetime, *, agency: str | None = None
    ) -> QualityScore:
        """Decision 766's computable indicators from ``first`` to ``last`` (one agency or all)."""
        if agency is not None:
            check_agency_code(agency)
        return quality_score(self.store, first, last, agency=agency)

    def late(self, first: datetime, last: datetime) -> tuple[LateDossier, ...]:
        """Dossiers resolved late in the period, and those open and overdue at its end."""
        return late_dossiers(self.store, self.calendar, first, last)
