"""Decision 766/QĐ-TTg's service-quality indicators that dossier data can compute.

Decision 766/QĐ-TTg (23/6/2022) scores ministries and provinces out of 100 points in six
groups, computed from the dossier data synchronised to the national portal (domain
brief §8.2). onestop computes, from its store, the components that a one-stop office's
own dossiers determine:

========  ==========================  ====  =============================================
group     name                        max   components computed here
========  ==========================  ====  =============================================
CKMB      Công khai, minh bạch         18   dossiers synchronised to the portal ÷ received
                                            (indicator 1.4; portal-sync brief)
TDGQ      Tiến độ giải quyết           20   finished on time ÷ finished, by the
                                            indicator's reading (supplement waits
                                            subtracted; more than one supplement request
                                            counts as late; portal-sync brief)
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
not computed. The weights of the components inside each group are unconfirmed (domain
brief §10), so onestop's reading gives a group the mean of its computed rates times
the group's maximum; a group with nothing to count (no dossier in the denominator) has
no points and leaves the total's maximum. Rates are fractions; points are rounded half
up to two decimals.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from onestop.domain._validators import count, optional, text, typed
from onestop.exceptions import UsageError
from onestop.storage.quality import QUALITY_COUNTERS
from onestop.storage.statistics import check_period

if TYPE_CHECKING:
    from collections.abc import Callable

    from onestop.storage.contract import DossierStore

__all__ = ["GROUPS", "QualityGroup", "QualityIndicator", "QualityScore", "quality_score"]

_PORTAL = "Quyết định 766/QĐ-TTg; portal-sync brief (formula note)"
_BRIEF = "Quyết định 766/QĐ-TTg; domain brief §8.2"

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
                "Tỷ lệ hồ sơ giải quyết đúng hạn",
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
                _BRIEF,
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
                _BRIEF,
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
                _BRIEF,
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
                _BRIEF,
            ),
            (
                "mdsh.results",
                "Tỷ lệ kết quả giải quyết được số hóa",
                "results_digitised",
                "results",
                "kết quả là văn bản điện tử có ký số ÷ kết quả giải quyết trong kỳ",
                _BRIEF,
            ),
        ),
    ),
}

_CENT = Decimal("0.01")
_text = text(UsageError)
_count = count(UsageError)


def _all(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not (isinstance(value, tuple) and all(isinstance(item, kind) for item in value)):
            raise UsageError(f"{attribute.name} is a tuple of {kind.__name__}, got {value!r}")

    return check


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
    indicators: tuple[QualityIndicator, ...] = attrs.field(validator=_all(QualityIndicator))

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
    groups: tuple[QualityGroup, ...] = attrs.field(validator=_all(QualityGroup))

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
                "first": self.first.isoformat(),
                "last": self.last.isoformat(),
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
            points = "—" if group.points is None else f"{group.points}"
            rates = ", ".join(f"{i.code} {i.percent or '—'} %" for i in group.indicators)
            lines.append(
                f"{group.key}  {group.name_vi:<26} {points:>6}/{group.max_points:<3} {rates}"
            )
        lines.append(f"{'Tổng':<32} {self.points:>6}/{self.max_points}")
        return "\n".join(lines)


def quality_score(
    store: DossierStore, first: datetime, last: datetime, *, agency: str | None = None
) -> QualityScore:
    """The computable Decision 766 indicators of ``store`` from ``first`` to ``last``.

    :param agency: one receiving agency's dossiers (default: every agency's).
    :raises UsageError: for a period out of order, a store that is not one, or an
        agency that is not text.
    """
    first, last = check_period(first, last)
    if not callable(getattr(store, "quality", None)):
        raise UsageError(f"store is a DossierStore, got {store!r}")
    if agency is not None and not isinstance(agency, str):
        raise UsageError(f"agency is an agency code or None, got {agency!r}")
    rows = [row for row in store.quality(first, last) if agency in (None, row.agency)]
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
