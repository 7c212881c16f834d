"""A year of one office on one self-contained HTML page, with charts.

:func:`year_report` gathers what the page shows — the yearly statistics table, each
month's table, the late dossiers — from the store, in SQL over its projection (13
statistics queries and the late report's two). :meth:`YearReport.to_html` writes the
page: the tables, and three charts (on-time rate by month and by agency, late dossiers
by step).

Why these libraries (the ``reports`` extra):

* **Jinja2** writes the page from a template kept beside this module, escaping every
  value (agency names and steps come from data);
* **matplotlib** draws the charts, as SVG kept inline: the page needs no script, no
  network and no file beside it, opens in any browser and prints as it shows. Text
  stays text in the SVG (``svg.fonttype = none``), so Vietnamese is drawn by the
  browser's fonts and can be searched and copied.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop._vietnamese_numbers import vi_count
from onestop._vietnamese_numbers import vi_percent
from onestop.domain._validators import typed
from onestop.domain.time._local_time import now
from onestop.exceptions import MissingExtraError
from onestop.exceptions import UsageError
from onestop.office._quality_score import quality_score
from onestop.office._reports import HEADINGS_VI
from onestop.office._reports import TOTAL
from onestop.office._reports import LateDossier
from onestop.office._reports import StatisticsTable
from onestop.office._reports import late_dossiers
from onestop.office._reports import percent
from onestop.office._reports import period
from onestop.office._reports import statistics_table
from onestop.rules._indicators import QualityScore

try:
    import jinja2
    import matplotlib as mpl
    from markupsafe import Markup
    from matplotlib.figure import Figure
except ImportError as missing:  # pragma: no cover - exercised without the extra installed
    raise MissingExtraError("reports", "the HTML report", missing) from None

if TYPE_CHECKING:
    from collections.abc import Callable

    from onestop.domain.time._calendar import Calendar
    from onestop.storage._contract import DossierStore

__all__ = ["LATE_COLOUR", "NO_STEP", "ON_TIME_COLOUR", "YearReport", "year_report"]

#: The colour of on-time bars; the browser test looks for it in the screenshot.
ON_TIME_COLOUR = "#2e7d32"
#: The colour of late bars.
LATE_COLOUR = "#c62828"
#: How the late-by-step chart names late dossiers that were never transferred: the
#: receiving agency processed them itself, so the delay is not reception's.
NO_STEP = "xử lý tại nơi tiếp nhận (không chuyển)"

#: The late dossiers the page lists (all of them are counted in the chart).
_LISTED = 50


def _tables(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if not (isinstance(value, tuple) and all(isinstance(t, StatisticsTable) for t in value)):
        raise UsageError(f"YearReport.months is a tuple of StatisticsTable, got {shown(value)}")


def _late(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if not (isinstance(value, tuple) and all(isinstance(d, LateDossier) for d in value)):
        raise UsageError(f"YearReport.late is a tuple of LateDossier, got {shown(value)}")


@attrs.frozen(kw_only=True)
class YearReport:
    """What the yearly report page shows, as values.

    :param year: the reporting year.
    :param title: the page's title.
    :param table: the year's statistics, per agency and field.
    :param months: each month's statistics, January first.
    :param late: the year's late dossiers, latest first (see
        :func:`~onestop.office.late_dossiers`).
    :param quality: the year's computable Decision 766 indicators.
    :param made_at: when the report was made (Vietnam time), printed on the page.

    .. versionadded:: 0.3
    """

    year: int = attrs.field(validator=typed(int, UsageError))
    title: str = attrs.field(validator=typed(str, UsageError))
    table: StatisticsTable = attrs.field(validator=typed(StatisticsTable, UsageError))
    months: tuple[StatisticsTable, ...] = attrs.field(validator=_tables)
    late: tuple[LateDossier, ...] = attrs.field(validator=_late)
    quality: QualityScore = attrs.field(validator=typed(QualityScore, UsageError))
    made_at: datetime = attrs.field(validator=typed(datetime, UsageError))

    def on_time_by_month(self) -> tuple[tuple[int, str | None], ...]:
        """Each month and its on-time rate (percent text; ``None`` when none was resolved)."""
        return tuple((number, percent(month.total)) for number, month in enumerate(self.months, 1))

    def on_time_by_agency(self) -> tuple[tuple[str, str | None], ...]:
        """Each agency and its on-time rate over the year."""
        return tuple((row.agency, percent(row)) for row in self.table.by_agency())

    def late_by_step(self) -> tuple[tuple[str, int], ...]:
        """How many late dossiers were in each step, most first."""
        counts = Counter(item.step or NO_STEP for item in self.late)
        return tuple(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))

    def to_html(self) -> str:
        """The page: self-contained HTML with inline SVG charts (needs the ``reports`` extra)."""
        environment = jinja2.Environment(
            loader=jinja2.PackageLoader("onestop.office", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        environment.filters["vi_percent"] = vi_percent
        environment.filters["vi_count"] = vi_count
        template = environment.get_template("year_report.html.j2")
        rates = self.on_time_by_month()
        agencies = self.on_time_by_agency()
        steps = self.late_by_step()
        return template.render(
            report=self,
            headings=HEADINGS_VI,
            total_label=TOTAL,
            rows=[*self.table.records()],
            listed=self.late[:_LISTED],
            charts={
                "month": _month_chart(rates),
                "agency": _agency_chart(agencies),
                "step": _step_chart(steps),
            },
        )


def year_report(
    store: DossierStore, calendar: Calendar, year: int, *, title: str | None = None
) -> YearReport:
    """The yearly report of ``store`` for ``year``, late time counted on ``calendar``.

    :raises UsageError: for a year outside 1900..9998 or a store that is not one.
    """
    if title is not None and not (isinstance(title, str) and title.strip()):
        raise UsageError(f"title is a non-empty text or None, got {shown(title)}")
    first, last = period(year)
    months = tuple(statistics_table(store, *period(year, month=m)) for m in range(1, 13))
    return YearReport(
        year=year,
        title=title or f"Báo cáo tình hình giải quyết thủ tục hành chính năm {year}",
        table=statistics_table(store, first, last),
        months=months,
        late=late_dossiers(store, calendar, first, last),
        quality=quality_score(store, first, last),
        made_at=now().replace(microsecond=0),
    )


def _figure(draw: Callable[[Any], None], height: float) -> Markup:
    """An SVG drawing by ``draw(axes)``, without the XML prologue, text kept as text."""
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "onestop", "font.size": 9}):
        figure = Figure(figsize=(7.2, height))
        axes = figure.subplots()
        axes.spines[["top", "right"]].set_visible(False)
        draw(axes)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    # Safe to embed: matplotlib's SVG writer escapes every text and attribute it writes.
    return Markup(text[text.index("<svg") :])  # noqa: S704


def _rate(value: str | None) -> float:
    return float(value) if value is not None else 0.0


def _month_chart(rates: tuple[tuple[int, str | None], ...]) -> Markup:
    def draw(axes: Any) -> None:  # noqa: ANN401 - matplotlib's Axes
        labels = [f"Th{number}" for number, _ in rates]
        values = [_rate(value) for _, value in rates]
        bars = axes.bar(labels, values, color=ON_TIME_COLOUR)
        axes.bar_label(bars, labels=[value or "—" for _, value in rates], fontsize=7)
        axes.set_ylim(0, 110)
        axes.set_ylabel("Tỷ lệ đúng hạn luật định (%)")
        axes.set_title("Tỷ lệ giải quyết đúng hạn theo tháng")

    return _figure(draw, 3.0)


def _agency_chart(rates: tuple[tuple[str, str | None], ...]) -> Markup:
    def draw(axes: Any) -> None:  # noqa: ANN401 - matplotlib's Axes
        labels = [agency for agency, _ in rates] or ["—"]
        values = [_rate(value) for _, value in rates] or [0.0]
        bars = axes.barh(labels, values, color=ON_TIME_COLOUR)
        axes.bar_label(bars, labels=[value or "—" for _, value in rates] or ["—"], fontsize=7)
        axes.invert_yaxis()
        axes.set_xlim(0, 110)
        axes.set_xlabel("Tỷ lệ đúng hạn luật định (%)")
        axes.set_title("Tỷ lệ giải quyết đúng hạn theo cơ quan")

    return _figure(draw, 1.2 + 0.3 * max(len(rates), 1))


def _step_chart(steps: tuple[tuple[str, int], ...]) -> Markup:
    def draw(axes: Any) -> None:  # noqa: ANN401 - matplotlib's Axes
        labels = [step for step, _ in steps] or ["—"]
        values = [count for _, count in steps] or [0]
        bars = axes.barh(labels, values, color=LATE_COLOUR)
        axes.bar_label(bars, fontsize=7)
        axes.invert_yaxis()
        axes.set_xlabel("Số hồ sơ trễ hạn")
        axes.set_title("Hồ sơ trễ hạn theo bước xử lý")

    return _figure(draw, 1.2 + 0.3 * max(len(steps), 1))
