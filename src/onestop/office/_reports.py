"""Reports an office reads: the periodic statistics table and the late-dossier report.

The counting happens in the store, in SQL over its projection
(:meth:`DossierStore.statistics <onestop.storage.DossierStore.statistics>`);
this module shapes the result. Column headings are the Vietnamese terms of the
periodic one-stop reports; the on-time rate is a percentage with two decimals, kept as
text in JSON and CSV so that no float rounding creeps into an official figure.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from datetime import timedelta
from decimal import ROUND_HALF_UP
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop._vietnamese_numbers import vi_count
from onestop._vietnamese_numbers import vi_percent
from onestop.domain.model._timeliness import Outcome
from onestop.domain.time._calendar import Calendar
from onestop.domain.time._local_time import to_local
from onestop.domain.time._local_time import vietnam_iso
from onestop.exceptions import UsageError
from onestop.rules._statistics import COUNTERS
from onestop.rules._statistics import StatisticsRow
from onestop.rules._statistics import check_period
from onestop.storage._contract import every_match
from onestop.storage._store_values import MAX_PAGE
from onestop.storage._store_values import DossierQuery

if TYPE_CHECKING:
    from collections.abc import Sequence

    from onestop.storage._contract import DossierStore

__all__ = [
    "HEADINGS_VI",
    "TOTAL",
    "LateDossier",
    "StatisticsTable",
    "late_dossiers",
    "percent",
    "period",
    "statistics_table",
]

#: The table's columns in Vietnamese, as periodic reports head them.
HEADINGS_VI = {
    "agency": "Cơ quan",
    "field": "Lĩnh vực",
    "carried_over": "Kỳ trước chuyển qua",
    "received_online": "Tiếp nhận trực tuyến",
    "received_in_person": "Tiếp nhận trực tiếp",
    "received_postal": "Tiếp nhận qua bưu chính",
    "resolved_early": "Giải quyết trước hạn",
    "resolved_on_time": "Giải quyết đúng hạn",
    "resolved_late": "Giải quyết quá hạn",
    "in_progress_in_time": "Đang giải quyết trong hạn",
    "in_progress_overdue": "Đang giải quyết quá hạn",
    "withdrawn": "Rút hồ sơ",
    "refused": "Từ chối tiếp nhận",
    "stopped": "Dừng xử lý",
    "on_time_rate": "Tỷ lệ giải quyết đúng hạn luật định (%)",
}

#: The row of totals carries this in place of an agency.
TOTAL = "Tổng cộng"


def period(
    year: int, *, quarter: int | None = None, month: int | None = None
) -> tuple[datetime, datetime]:
    """The first and last instants of a reporting period: a year, a quarter or a month.

    :raises UsageError: for a year outside 1900..9998, a quarter outside 1..4, a month
        outside 1..12, or both a quarter and a month.
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9998:
        raise UsageError(f"a reporting year is 1900..9998, got {shown(year)}")
    if quarter is not None and month is not None:
        raise UsageError("give a quarter or a month, not both")
    first_month, months = 1, 12
    if quarter is not None:
        if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
            raise UsageError(f"a quarter is 1..4, got {shown(quarter)}")
        first_month, months = 3 * quarter - 2, 3
    elif month is not None:
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise UsageError(f"a month is 1..12, got {shown(month)}")
        first_month, months = month, 1
    first = datetime(year, first_month, 1)
    end_month = first_month + months
    after = datetime(year + (end_month > 12), (end_month - 1) % 12 + 1, 1)
    return first, after - timedelta(microseconds=1)


def percent(row: StatisticsRow) -> str | None:
    """The on-time rate as a percentage with two decimals (half up), or ``None``."""
    if not isinstance(row, StatisticsRow):
        raise UsageError(f"row is a StatisticsRow, got {shown(row)}")
    rate = row.on_time_rate
    if rate is None:
        return None
    value = Decimal(rate.numerator) * 100 / Decimal(rate.denominator)
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _summed(agency: str, rows: Sequence[StatisticsRow]) -> StatisticsRow:
    """``rows`` added up under ``agency``, with no field."""
    sums = {name: sum(getattr(row, name) for row in rows) for name in COUNTERS}
    return StatisticsRow(agency=agency, field=None, **sums)


@attrs.frozen
class StatisticsTable:
    """The periodic statistics of one period: a row per agency and field, and totals.

    :param first: the period's first instant.
    :param last: the period's last instant.
    :param rows: the rows, by agency then field.

    .. versionadded:: 0.3
    """

    first: datetime
    last: datetime
    rows: tuple[StatisticsRow, ...]

    @property
    def total(self) -> StatisticsRow:
        """Every row summed (agency "Tổng cộng", no field)."""
        return _summed(TOTAL, self.rows)

    def by_agency(self) -> tuple[StatisticsRow, ...]:
        """One row per agency, its fields summed (field ``None``), in the rows' order."""
        agencies = dict.fromkeys(row.agency for row in self.rows)
        return tuple(
            _summed(agency, [row for row in self.rows if row.agency == agency])
            for agency in agencies
        )

    def records(self) -> list[dict[str, Any]]:
        """The rows and the total as plain dicts (English keys, rate as a percent text)."""
        return [
            {**attrs.asdict(row), "on_time_rate": percent(row)} for row in (*self.rows, self.total)
        ]

    def to_json(self) -> str:
        """The table as JSON: the period and the records."""
        return json.dumps(
            {
                "first": vietnam_iso(self.first),
                "last": vietnam_iso(self.last),
                "rows": self.records(),
            },
            ensure_ascii=False,
            indent=2,
        )

    def to_csv(self) -> str:
        """The table as CSV with Vietnamese headings (UTF-8; spreadsheets open it)."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(HEADINGS_VI), lineterminator="\n")
        writer.writerow(HEADINGS_VI)
        for record in self.records():
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
        return out.getvalue()

    def to_text(self) -> str:
        """The table for a terminal: one line per row, counters in the headings' order."""
        header = (
            f"{'Cơ quan':<16} {'Lĩnh vực':<24} {'Chuyển qua':>10} {'Tiếp nhận':>9} "
            f"{'Đã giải quyết':>13} {'Đúng hạn':>10} {'Đang GQ':>7} {'Quá hạn':>7} "
            f"{'Rút/TC/Dừng':>11}"
        )
        lines = [f"Thống kê từ {self.first:%d/%m/%Y} đến {self.last:%d/%m/%Y}", header]
        for row in (*self.rows, self.total):
            field = (row.field or "—")[:24]
            closed = f"{row.withdrawn}/{row.refused}/{row.stopped}"
            lines.append(
                f"{row.agency:<16} {field:<24} {vi_count(row.carried_over):>10} "
                f"{vi_count(row.received):>9} {vi_count(row.resolved):>13} "
                f"{vi_percent(percent(row)):>10} {vi_count(row.in_progress):>7} "
                f"{vi_count(row.in_progress_overdue):>7} {closed:>11}"
            )
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class LateDossier:
    """One dossier in the late report.

    :param code: its code (its identity when it has none).
    :param procedure: the procedure code.
    :param field: the procedure's field.
    :param agency: the agency holding it (when it was resolved, or now).
    :param step: the step it was in (its latest transfer), if any.
    :param due: the deadline it missed.
    :param finished: when it was resolved, or ``None`` while still open.
    :param late_by: office time past the deadline (until resolution, or the period's end).
    :param apologized: whether the agency at fault apologised.

    .. versionadded:: 0.3
    """

    code: str
    procedure: str
    field: str | None
    agency: str
    step: str | None
    due: datetime | None
    finished: datetime | None
    late_by: timedelta
    apologized: bool


def late_dossiers(
    store: DossierStore, calendar: Calendar, first: datetime, last: datetime
) -> tuple[LateDossier, ...]:
    """Dossiers resolved late in the period, and those open and overdue at its end.

    "Open" is as the store stands now; the latest come first. The store selects them
    (indexed queries over the projection); only the listed dossiers' office time past
    the deadline is computed here, on ``calendar``.
    """
    first, last = check_period(first, last)
    _check_store(store)
    if not isinstance(calendar, Calendar):
        raise UsageError(f"calendar is a Calendar, got {shown(calendar)}")
    resolved = every_match(
        store, DossierQuery(closed=(first, last), outcome=Outcome.LATE, limit=MAX_PAGE)
    )
    overdue = every_match(store, DossierQuery(overdue_at=last, limit=MAX_PAGE))
    late = []
    for summary in (*resolved, *overdue):
        finished = summary.closed_at
        if summary.late_by is not None:
            late_by = summary.late_by
        elif summary.due is not None:
            late_by = calendar.working_time_between(summary.due, to_local(last))
        else:  # pragma: no cover - an overdue dossier has a deadline
            continue
        late.append(
            LateDossier(
                code=summary.code or summary.dossier_id,
                procedure=summary.procedure,
                field=summary.field,
                agency=summary.holder,
                step=summary.step,
                due=summary.due,
                finished=finished,
                late_by=late_by,
                apologized=summary.apologized,
            )
        )
    late.sort(key=lambda item: item.late_by, reverse=True)
    return tuple(late)


def statistics_table(store: DossierStore, first: datetime, last: datetime) -> StatisticsTable:
    """The periodic statistics table of ``store`` from ``first`` to ``last``."""
    first, last = check_period(first, last)
    _check_store(store)
    return StatisticsTable(first, last, store.statistics(first, last))


def _check_store(store: object) -> None:
    if not callable(getattr(store, "statistics", None)) or not callable(
        getattr(store, "query", None)
    ):
        raise UsageError(f"store is a DossierStore, got {shown(store)}")
