"""Decision 766/QĐ-TTg's service-quality indicators that dossier data can compute.

Decision 766/QĐ-TTg (23/6/2022) scores ministries and provinces out of 100 points in six
groups, computed from the dossier data synchronised to the national portal. onestop
computes, from its store, the components that a one-stop office's own dossiers
determine:

========  ==========================  ====  =============================================
group     name                        max   components computed here
========  ==========================  ====  =============================================
CKMB      Công khai, minh bạch         18   dossiers synchronised to the portal ÷ received
                                            (indicator 1.4; the portal's formula note)
TDGQ      Tiến độ giải quyết           20   finished on time ÷ finished, by the
                                            indicator's reading (supplement waits
                                            subtracted; more than one supplement request
                                            counts as late; the portal's formula note)
CLGQ      Dịch vụ công trực tuyến      12   received online ÷ received
TTTT      Thanh toán trực tuyến        10   paid online ÷ dossiers asked to pay
MDHL      Mức độ hài lòng              18   (ratings − "không hài lòng") ÷ ratings
                                            (component 2 of the group)
MDSH      Số hóa hồ sơ                 22   digitised at reception (or online) ÷ received;
                                            results as signed electronic documents ÷
                                            results
========  ==========================  ====  =============================================

The components that need data outside a dossier store — procedures published on time,
procedures offered online, complaints handled on time, reuse of digitised data — are
not computed. The weights of the components inside each group are not published
with the decision, so onestop's reading gives a group the mean of its computed rates times
the group's maximum; a group with nothing to count (no dossier in the denominator) has
no points and leaves the total's maximum. Rates are fractions; points are rounded half
up to two decimals.

The reading has three parts, each defined here once:

* :func:`indicator` — whether one dossier finished on time by the indicator's reading
  (supplement waits subtracted; more than one supplement request counts as late);
* :data:`QUALITY_COUNTERS_TABLE` — what a period counts per receiving agency, each
  counter as SQL (summed by the SQL stores) beside the same condition in Python
  (:func:`quality_of`, the reference the conformance kit holds every store to);
* :func:`score` — the rates, groups and points of those counts.

For a period, a dossier counts:

* as *received* (and *received online*, *digitised* — scanned at reception, or
  submitted online and so electronic already — and *synced*, when every event of it
  has reached the national portal) when its receipt falls in the period;
* among the *fee dossiers* when it was received in the period and asked to pay, and
  *paid online* when it paid through the portal's payment platform;
* as *finished* when Decision 766's end of processing (resolved, rejected, returned,
  stopped or refused) falls in the period, and *finished on time* by the indicator's
  reading (:meth:`Dossier.indicator <onestop.Dossier.indicator>`);
* among the *results* when resolved or rejected in the period, and *results digitised*
  when the result is a signed electronic document;
* as *rated* when it closed in the period and the applicant rated it, and *unsatisfied*
  when the rating was "không hài lòng".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from decimal import ROUND_HALF_UP
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop._vietnamese_numbers import vi_decimal
from onestop._vietnamese_numbers import vi_percent
from onestop.domain._validators import count
from onestop.domain._validators import each
from onestop.domain._validators import optional
from onestop.domain._validators import text
from onestop.domain._validators import typed
from onestop.domain.model._events import SupplementRequested
from onestop.domain.model._procedure import Channel
from onestop.domain.model._satisfaction import Satisfaction
from onestop.domain.model._timeliness import Indicator
from onestop.domain.time._calendar import Calendar
from onestop.domain.time._local_time import vietnam_iso
from onestop.exceptions import DossierError
from onestop.exceptions import UsageError
from onestop.rules._counter import CLOSED_IN
from onestop.rules._counter import RECEIVED_IN
from onestop.rules._counter import Counter
from onestop.rules._counter import Row
from onestop.rules._counter import sql_sums
from onestop.rules._counter import within
from onestop.rules._statistics import check_period

if TYPE_CHECKING:
    from onestop.domain.model._dossier import Dossier

__all__ = [
    "GROUPS",
    "QUALITY_COUNTERS",
    "QUALITY_COUNTERS_TABLE",
    "QUALITY_SQL",
    "QualityGroup",
    "QualityIndicator",
    "QualityRow",
    "QualityScore",
    "indicator",
    "quality_of",
    "score",
]


def indicator(dossier: Dossier, calendar: Calendar) -> Indicator | None:
    """Decision 766/QĐ-TTg's reading of a dossier's timeliness, once processing has finished.

    Processing ends at the first of: resolved or rejected (9), returned (10),
    stopped or refused. The dossier is on time when it ended by its appointment,
    the deadline moved by the time spent waiting for the applicant's
    *supplements* (payment waits are not subtracted); a dossier whose supplement
    was requested more than once during processing counts as late. ``None``
    while processing goes on, and for a dossier withdrawn before it ended.
    A refused dossier was never received: it counts as on time.

    .. versionchanged:: 0.5
       Was ``Dossier.indicator``: the domain states the facts, the rules read them.
    """
    if not isinstance(calendar, Calendar):
        raise DossierError(f"the indicator is read on a Calendar, got {shown(calendar)}")
    finished = dossier.state.finished
    if finished is None:
        return None
    requests = dossier.state.supplement_requests
    clock = dossier.clock(calendar)
    if clock is None:
        return Indicator(
            on_time=True,
            finished_at=finished.at,
            appointment=None,
            supplement_requests=requests,
            reason="refused at reception",
        )
    waits = tuple(p for p in clock.pauses if p.reason == SupplementRequested.kind)
    appointment = attrs.evolve(clock, pauses=waits).deadline(finished.at)
    if requests > 1:
        on_time, reason = False, "supplement requested more than once"
    elif finished.at > appointment:
        on_time, reason = False, "finished after the appointment"
    else:
        on_time, reason = True, "finished by the appointment"
    return Indicator(
        on_time=on_time,
        finished_at=finished.at,
        appointment=appointment,
        supplement_requests=requests,
        reason=reason,
    )


_FINISHED_IN = "finished_at BETWEEN :first AND :last AND indicator_on_time IS NOT NULL"
_SYNCED = (
    "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dossier = d.position AND o.delivered_at IS NULL)"
)


def _received(r: Row, first: datetime, last: datetime) -> bool:
    return within(r.received_at, first, last)


def _finished(r: Row, first: datetime, last: datetime) -> bool:
    return within(r.finished_at, first, last) and r.indicator_on_time is not None


def _closed(r: Row, first: datetime, last: datetime) -> bool:
    return within(r.closed_at, first, last)


#: What a period counts per receiving agency (see the module documentation): each
#: counter's SQL over the projection (``d``; ``outbox`` for the synchronisation) beside
#: the same condition in Python.
QUALITY_COUNTERS_TABLE: tuple[Counter, ...] = (
    Counter("received", RECEIVED_IN, lambda r, f, t, _: _received(r, f, t)),
    Counter(
        "received_online",
        f"{RECEIVED_IN} AND channel = 'online'",
        lambda r, f, t, _: _received(r, f, t) and r.channel is Channel.ONLINE,
    ),
    Counter(
        "digitised",
        f"{RECEIVED_IN} AND (channel = 'online' OR digitised = 1)",
        lambda r, f, t, _: _received(r, f, t) and (r.channel is Channel.ONLINE or r.digitised),
    ),
    Counter(
        "synced",
        f"{RECEIVED_IN} AND {_SYNCED}",
        lambda r, f, t, synced: _received(r, f, t) and synced,
    ),
    Counter(
        "fee_dossiers",
        f"{RECEIVED_IN} AND payment_requests > 0",
        lambda r, f, t, _: _received(r, f, t) and r.payment_requests > 0,
    ),
    Counter(
        "paid_online",
        f"{RECEIVED_IN} AND payment_requests > 0 AND paid_online = 1",
        lambda r, f, t, _: _received(r, f, t) and r.payment_requests > 0 and r.paid_online,
    ),
    Counter("finished", _FINISHED_IN, lambda r, f, t, _: _finished(r, f, t)),
    Counter(
        "finished_on_time",
        f"{_FINISHED_IN} AND indicator_on_time = 1",
        lambda r, f, t, _: _finished(r, f, t) and r.indicator_on_time is True,
    ),
    Counter(
        "results",
        f"{CLOSED_IN} AND outcome IS NOT NULL",
        lambda r, f, t, _: _closed(r, f, t) and r.outcome is not None,
    ),
    Counter(
        "results_digitised",
        f"{CLOSED_IN} AND outcome IS NOT NULL AND result_digitised = 1",
        lambda r, f, t, _: _closed(r, f, t) and r.outcome is not None and r.result_digitised,
    ),
    Counter(
        "rated",
        f"{CLOSED_IN} AND rating IS NOT NULL",
        lambda r, f, t, _: _closed(r, f, t) and r.rating is not None,
    ),
    Counter(
        "unsatisfied",
        f"{CLOSED_IN} AND rating = '{Satisfaction.UNSATISFIED.value}'",
        lambda r, f, t, _: _closed(r, f, t) and r.rating is Satisfaction.UNSATISFIED,
    ),
)
#: The counters of a :class:`QualityRow`, in order.
QUALITY_COUNTERS = tuple(counter.name for counter in QUALITY_COUNTERS_TABLE)

#: The counts in SQL over the ``dossiers`` projection (as ``d``), one row per agency,
#: built from :data:`QUALITY_COUNTERS_TABLE` (``:first`` and ``:last`` parameters).
QUALITY_SQL = f"""
SELECT agency,
    {sql_sums(QUALITY_COUNTERS_TABLE)}
FROM dossiers d
WHERE {RECEIVED_IN} OR {CLOSED_IN} OR finished_at BETWEEN :first AND :last
GROUP BY agency
ORDER BY agency
"""  # noqa: S608 - built from constants only


_count = count(UsageError)


@attrs.frozen(kw_only=True)
class QualityRow:
    """One receiving agency's counts for a period (see the module documentation).

    .. versionadded:: 0.3
    """

    agency: str = attrs.field(validator=attrs.validators.instance_of(str))
    received: int = attrs.field(default=0, validator=_count)
    received_online: int = attrs.field(default=0, validator=_count)
    digitised: int = attrs.field(default=0, validator=_count)
    synced: int = attrs.field(default=0, validator=_count)
    fee_dossiers: int = attrs.field(default=0, validator=_count)
    paid_online: int = attrs.field(default=0, validator=_count)
    finished: int = attrs.field(default=0, validator=_count)
    finished_on_time: int = attrs.field(default=0, validator=_count)
    results: int = attrs.field(default=0, validator=_count)
    results_digitised: int = attrs.field(default=0, validator=_count)
    rated: int = attrs.field(default=0, validator=_count)
    unsatisfied: int = attrs.field(default=0, validator=_count)


def quality_of(
    summaries: Iterable[Row],
    first: datetime,
    last: datetime,
    *,
    unsynced: Iterable[str] = (),
) -> tuple[QualityRow, ...]:
    """The counts over ``summaries``, a row per receiving agency with anything counted.

    :param unsynced: the identities of dossiers with an event not yet delivered to the
        portal.
    :raises UsageError: for a period out of order or values that are not summaries.
    """
    first, last = check_period(first, last)
    if isinstance(summaries, str | bytes) or not isinstance(summaries, Iterable):
        raise UsageError(f"summaries is an iterable of summaries, got {shown(summaries)}")
    if isinstance(unsynced, str | bytes) or not isinstance(unsynced, Iterable):
        raise UsageError(f"unsynced is an iterable of dossier ids, got {shown(unsynced)}")
    waiting = set(unsynced)
    counts: dict[str, dict[str, int]] = {}
    for summary in summaries:
        if not hasattr(summary, "dossier_id") or not hasattr(summary, "finished_at"):
            raise UsageError(f"summaries holds projection rows (summaries), got {shown(summary)}")
        synced = summary.dossier_id not in waiting
        hits = [c.name for c in QUALITY_COUNTERS_TABLE if c.counts(summary, first, last, synced)]
        if hits:
            row = counts.setdefault(summary.agency, dict.fromkeys(QUALITY_COUNTERS, 0))
            for hit in hits:
                row[hit] += 1
    return tuple(QualityRow(agency=agency, **counts[agency]) for agency in sorted(counts))


_PORTAL = "Quyết định 766/QĐ-TTg; Cổng Dịch vụ công quốc gia, ghi chú công thức tính"
_DECISION_766 = "Quyết định 766/QĐ-TTg ngày 23/6/2022, Phụ lục"

#: Each group: its name, maximum points, and the components computed here as
#: (onestop's key, Vietnamese name, numerator counter, denominator counter, formula,
#: source). Only the synchronisation rate has a confirmed number in the decision (1.4).
GROUPS: dict[str, tuple[str, int, tuple[tuple[str, str, str, str, str, str], ...]]] = {
    "CKMB": (
        "Công khai, minh bạch",
        18,
        (
            (
                "ckmb.synced",
                "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia (chỉ số 1.4)",
                "synced",
                "received",
                "hồ sơ tiếp nhận trong kỳ đã đồng bộ đủ ÷ hồ sơ tiếp nhận trong kỳ",
                _PORTAL,
            ),
        ),
    ),
    "TDGQ": (
        "Tiến độ giải quyết",
        20,
        (
            (
                "tdgq.on_time",
                "Tỷ lệ hồ sơ đúng hạn theo cách tính của Quyết định 766",
                "finished_on_time",
                "finished",
                (
                    "hồ sơ kết thúc xử lý đúng hạn (trừ thời gian chờ bổ sung; yêu cầu bổ sung "
                    "quá một lần tính là trễ hạn) ÷ hồ sơ kết thúc xử lý trong kỳ"
                ),
                _PORTAL,
            ),
        ),
    ),
    "CLGQ": (
        "Dịch vụ công trực tuyến",
        12,
        (
            (
                "clgq.online",
                "Tỷ lệ hồ sơ nộp trực tuyến",
                "received_online",
                "received",
                "hồ sơ tiếp nhận trực tuyến ÷ hồ sơ tiếp nhận trong kỳ",
                _DECISION_766,
            ),
        ),
    ),
    "TTTT": (
        "Thanh toán trực tuyến",
        10,
        (
            (
                "tttt.paid_online",
                "Tỷ lệ hồ sơ thanh toán trực tuyến",
                "paid_online",
                "fee_dossiers",
                "hồ sơ nộp phí, lệ phí qua Cổng thanh toán ÷ hồ sơ phải nộp phí, lệ phí",
                _DECISION_766,
            ),
        ),
    ),
    "MDHL": (
        "Mức độ hài lòng",
        18,
        (
            (
                "mdhl.satisfied",
                "Tỷ lệ đánh giá hài lòng",
                "satisfied",
                "rated",
                "(lượt đánh giá − lượt đánh giá không hài lòng) ÷ lượt đánh giá",
                _DECISION_766,
            ),
        ),
    ),
    "MDSH": (
        "Số hóa hồ sơ",
        22,
        (
            (
                "mdsh.received",
                "Tỷ lệ hồ sơ được số hóa khi tiếp nhận",
                "digitised",
                "received",
                "hồ sơ số hóa khi tiếp nhận (hoặc nộp trực tuyến) ÷ hồ sơ tiếp nhận",
                _DECISION_766,
            ),
            (
                "mdsh.results",
                "Tỷ lệ kết quả giải quyết được số hóa",
                "results_digitised",
                "results",
                "kết quả là văn bản điện tử có ký số ÷ kết quả giải quyết trong kỳ",
                _DECISION_766,
            ),
        ),
    ),
}

_CENT = Decimal("0.01")
_text = text(UsageError)


def _points(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        _CENT, rounding=ROUND_HALF_UP
    )


@attrs.frozen(kw_only=True)
class QualityIndicator:
    """One computed component: its count, its rate and where its formula comes from.

    :param code: onestop's key for it (``group.what``).

    .. versionadded:: 0.3
    """

    code: str = attrs.field(validator=_text)
    name_vi: str = attrs.field(validator=_text)
    numerator: int = attrs.field(validator=_count)
    denominator: int = attrs.field(validator=_count)
    formula: str = attrs.field(validator=_text)
    source: str = attrs.field(validator=_text)

    def __attrs_post_init__(self) -> None:
        """A rate is at most one."""
        if self.numerator > self.denominator:
            raise UsageError(
                f"indicator {self.code}: {self.numerator} of {self.denominator} is more than all"
            )

    @property
    def rate(self) -> Fraction | None:
        """``numerator ÷ denominator``, or ``None`` when nothing was counted."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @property
    def percent(self) -> str | None:
        """The rate as a percentage with two decimals (half up), or ``None``."""
        rate = self.rate
        return None if rate is None else str(_points(rate * 100))


@attrs.frozen(kw_only=True)
class QualityGroup:
    """A group of Decision 766 with the components computed here and its points.

    .. versionadded:: 0.3
    """

    key: str = attrs.field(validator=_text)
    name_vi: str = attrs.field(validator=_text)
    max_points: int = attrs.field(validator=_count)
    indicators: tuple[QualityIndicator, ...] = attrs.field(
        validator=each(QualityIndicator, UsageError)
    )

    @property
    def points(self) -> Decimal | None:
        """The mean of the computed rates × the group's maximum; ``None`` with no rate."""
        rates = [i.rate for i in self.indicators if i.rate is not None]
        if not rates:
            return None
        return _points(sum(rates, Fraction(0)) / len(rates) * self.max_points)


@attrs.frozen(kw_only=True)
class QualityScore:
    """The computable Decision 766 indicators of a period, for one agency or all.

    :param first: the period's first instant.
    :param last: its last instant.
    :param agency: the receiving agency, or ``None`` for every agency of the store.
    :param groups: the six groups, in the decision's order.

    .. versionadded:: 0.3
    """

    first: datetime = attrs.field(validator=typed(datetime, UsageError))
    last: datetime = attrs.field(validator=typed(datetime, UsageError))
    agency: str | None = attrs.field(validator=optional(_text))
    groups: tuple[QualityGroup, ...] = attrs.field(validator=each(QualityGroup, UsageError))

    @property
    def points(self) -> Decimal:
        """The points of the groups that have points."""
        return sum((g.points for g in self.groups if g.points is not None), Decimal("0.00"))

    @property
    def max_points(self) -> int:
        """The maximum of the groups that have points (100 when every group does)."""
        return sum(g.max_points for g in self.groups if g.points is not None)

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per component, with its group's points (text, two decimals)."""
        return [
            {
                "group": group.key,
                "group_vi": group.name_vi,
                "group_points": None if group.points is None else str(group.points),
                "group_max": group.max_points,
                "code": indicator.code,
                "name_vi": indicator.name_vi,
                "numerator": indicator.numerator,
                "denominator": indicator.denominator,
                "percent": indicator.percent,
                "formula": indicator.formula,
                "source": indicator.source,
            }
            for group in self.groups
            for indicator in group.indicators
        ]

    def to_json(self) -> str:
        """The score as JSON: the period, the agency, the total and the components."""
        return json.dumps(
            {
                "first": vietnam_iso(self.first),
                "last": vietnam_iso(self.last),
                "agency": self.agency,
                "points": str(self.points),
                "max_points": self.max_points,
                "indicators": self.records(),
            },
            ensure_ascii=False,
            indent=2,
        )

    def to_text(self) -> str:
        """The score for a terminal: a line per group, then the total."""
        lines = [
            f"Chỉ số Quyết định 766 từ {self.first:%d/%m/%Y} đến {self.last:%d/%m/%Y}"
            + (f" — {self.agency}" if self.agency else "")
        ]
        for group in self.groups:
            points = "—" if group.points is None else vi_decimal(group.points)
            rates = ", ".join(f"{i.code} {vi_percent(i.percent)}" for i in group.indicators)
            lines.append(
                f"{group.key}  {group.name_vi:<26} {points:>6}/{group.max_points:<3} {rates}"
            )
        lines.append(f"{'Tổng':<32} {vi_decimal(self.points):>6}/{self.max_points}")
        return "\n".join(lines)


def score(
    rows: Iterable[QualityRow], first: datetime, last: datetime, *, agency: str | None = None
) -> QualityScore:
    """The Decision 766 score of the counts in ``rows`` (one agency's, or every agency's).

    :raises UsageError: for a period out of order or rows that are not QualityRow.

    .. versionadded:: 0.5
    """
    first, last = check_period(first, last)
    if isinstance(rows, str | bytes) or not isinstance(rows, Iterable):
        raise UsageError(f"rows is an iterable of QualityRow, got {shown(rows)}")
    if agency is not None and not isinstance(agency, str):
        raise UsageError(f"agency is an agency code or None, got {shown(agency)}")
    rows = list(rows)
    if not all(isinstance(row, QualityRow) for row in rows):
        raise UsageError(f"rows are QualityRow values, got {shown(rows)}")
    rows = [row for row in rows if agency in (None, row.agency)]
    counts = {name: sum(getattr(row, name) for row in rows) for name in QUALITY_COUNTERS}
    counts["satisfied"] = counts["rated"] - counts["unsatisfied"]
    groups = tuple(
        QualityGroup(
            key=key,
            name_vi=name,
            max_points=maximum,
            indicators=tuple(
                QualityIndicator(
                    code=code,
                    name_vi=label,
                    numerator=counts[top],
                    denominator=counts[bottom],
                    formula=formula,
                    source=source,
                )
                for code, label, top, bottom, formula, source in components
            ),
        )
        for key, (name, maximum, components) in GROUPS.items()
    )
    return QualityScore(first=first, last=last, agency=agency, groups=groups)
