"""Fees and charges (phí, lệ phí): rules as values, dated schedules, exemptions, reductions.

A fee rule computes an amount in whole đồng from the facts of a case (pages, copies,
declared value, applicant type…). A :class:`FeeSchedule` lists a procedure's lines,
each with its rule and legal basis, valid over a date range; a :class:`FeeBook`
holds every schedule over time, with the exemptions and reductions in force, and
:meth:`FeeBook.assess` returns an itemized :class:`Assessment`.

Rounding: every amount is whole đồng. Per-unit, tiered and flat rules are exact in
đồng. A percentage is computed exactly and rounded half up to the đồng *before* its
floor and cap apply; a reduction of p % takes ``round_half_up(gross × p / 100)`` off
a line. Caps apply after summing a document's units (domain brief §6.3).

References:
    * Law on Fees and Charges 2015 (Law 97/2015/QH13); Decree 120/2016/NĐ-CP, later
      Decree 82/2023/NĐ-CP.
    * Circular 226/2016/TT-BTC (certification fees).
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from onestop.domain.model.procedure import Channel
from onestop.domain.validity import Validity
from onestop.exceptions import FeeError, NoFeeScheduleError

if TYPE_CHECKING:
    from onestop.domain.model.dossier import Dossier
    from onestop.domain.model.procedure import Procedure

__all__ = [
    "ApplicantGroup",
    "AssessedLine",
    "Assessment",
    "Band",
    "Choice",
    "Exemption",
    "Facts",
    "FeeBook",
    "FeeLine",
    "FeeRule",
    "FeeSchedule",
    "Flat",
    "LegalBasis",
    "PerUnit",
    "Percentage",
    "Reduction",
    "Sum",
    "TierMode",
    "Tiered",
    "assess",
    "round_half_up",
]


def round_half_up(value: Decimal) -> int:
    """Round to the whole đồng, halves up (the rounding rule of every percentage)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _groups(value: Iterable[ApplicantGroup]) -> frozenset[ApplicantGroup]:
    """Normalise to a frozenset (trivial conversion)."""
    return frozenset(value)


def _bands(value: Iterable[Band]) -> tuple[Band, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return tuple(value)


def _options(value: Iterable[tuple[str, FeeRule]]) -> tuple[tuple[str, FeeRule], ...]:
    """Normalise to a tuple of pairs (trivial conversion)."""
    return tuple((option, rule) for option, rule in value)


def _parts(value: Iterable[FeeRule]) -> tuple[FeeRule, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return tuple(value)


def _lines(value: Iterable[FeeLine]) -> tuple[FeeLine, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return tuple(value)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return tuple(value)


def _schedules(value: Iterable[FeeSchedule]) -> tuple[FeeSchedule, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return tuple(value)


def _exemptions(value: Iterable[Exemption]) -> tuple[Exemption, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return tuple(value)


def _reductions(value: Iterable[Reduction]) -> tuple[Reduction, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return tuple(value)


def _money(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise FeeError(f"{attribute.name} is money in whole đồng >= 0, got {value!r}")


def _count(_: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if type(value) is not int or value < 0:
        raise FeeError(f"{attribute.name} must be a count >= 0, got {value!r}")


@attrs.frozen
class LegalBasis:
    """Where a rule comes from: the document and, if known, its article.

    :param document: e.g. ``"Circular 226/2016/TT-BTC"``.
    :param article: e.g. ``"Art. 4"``.
    :param illustrative: ``True`` when the value was not confirmed against the text.
    """

    document: str
    article: str | None = None
    illustrative: bool = False

    def __str__(self) -> str:
        """The citation, e.g. ``Circular 226/2016/TT-BTC Art. 4``."""
        cited = f"{self.document} {self.article}" if self.article else self.document
        return cited + (" (illustrative)" if self.illustrative else "")


@attrs.frozen
class Facts:
    """The facts of a case that fee rules read.

    :param quantities: counts and values, e.g. ``{"page": 5, "copy": 2}`` or
        ``{"declared_value": 2_000_000_000}`` (đồng).
    :param categories: named choices, e.g. ``{"applicant": "individual", "area": "ward"}``.
    :param groups: the applicant's exemption groups.
    :param channel: how the dossier was submitted.
    """

    quantities: Mapping[str, int] = attrs.field(factory=dict)
    categories: Mapping[str, str] = attrs.field(factory=dict)
    groups: frozenset[ApplicantGroup] = attrs.field(factory=frozenset, converter=_groups)
    channel: Channel = Channel.IN_PERSON

    def quantity(self, name: str) -> int:
        """The quantity ``name``; raises a :class:`FeeError` naming it when missing."""
        try:
            value = self.quantities[name]
        except KeyError:
            raise FeeError(
                f"this fee needs the quantity {name!r}; the case gives "
                f"{sorted(self.quantities) or 'none'}"
            ) from None
        if type(value) is not int or value < 0:
            raise FeeError(f"quantity {name!r} must be a whole number >= 0, got {value!r}")
        return value

    def category(self, name: str) -> str:
        """The category ``name``; raises a :class:`FeeError` naming it when missing."""
        try:
            return self.categories[name]
        except KeyError:
            raise FeeError(
                f"this fee depends on {name!r}; the case gives {sorted(self.categories) or 'none'}"
            ) from None

    @classmethod
    def from_dossier(
        cls,
        dossier: Dossier,
        quantities: Mapping[str, int] | None = None,
        categories: Mapping[str, str] | None = None,
        groups: frozenset[ApplicantGroup] = frozenset(),
    ) -> Facts:
        """The facts of ``dossier``: its channel, plus what the clerk counted."""
        return cls(quantities or {}, categories or {}, groups, dossier.channel)


@attrs.frozen
class Flat:
    """A fixed amount per case, e.g. 10,000 đ per signature certification."""

    amount: int = attrs.field(validator=_money)

    def charge(self, _: Facts) -> int:
        """The amount."""
        return self.amount


@attrs.frozen
class PerUnit:
    """A price per unit, optionally a different price for the first units and a cap.

    With ``per`` set, units are counted per document (``per``) and the cap applies
    to each document: copy certification is 2,000 đ a page for pages 1–2, 1,000 đ a
    page from page 3, at most 200,000 đ a copy —
    ``PerUnit("page", 1_000, first_units=2, first_price=2_000, cap=200_000, per="copy")``.
    """

    unit: str
    price: int = attrs.field(validator=_money)
    first_units: int = attrs.field(default=0, validator=_count)
    first_price: int | None = attrs.field(default=None, validator=_money)
    cap: int | None = attrs.field(default=None, validator=_money)
    per: str | None = None

    def charge(self, facts: Facts) -> int:
        """Units × price (first units at their price), capped per document, × documents."""
        units = facts.quantity(self.unit)
        first = min(units, self.first_units)
        first_price = self.price if self.first_price is None else self.first_price
        one = first * first_price + (units - first) * self.price
        if self.cap is not None:
            one = min(one, self.cap)
        return one * (facts.quantity(self.per) if self.per else 1)


@attrs.frozen
class Band:
    """One bracket of a :class:`Tiered` rule: up to ``up_to`` units (``None``: no limit)."""

    up_to: int | None
    price: int = attrs.field(validator=_money)


class TierMode(enum.Enum):
    """How a tiered rule reads its brackets."""

    PROGRESSIVE = "progressive"  #: each bracket's price applies to the units inside it
    BY_BAND = "by_band"  #: the band the quantity falls in gives the whole amount


@attrs.frozen
class Tiered:
    """Brackets over a quantity (m², value, plots): progressive or by band."""

    quantity: str
    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    mode: TierMode = TierMode.PROGRESSIVE

    def __attrs_post_init__(self) -> None:
        """Brackets increase and the last is open-ended."""
        limits = [band.up_to for band in self.bands]
        if not limits or limits[-1] is not None:
            raise FeeError("a tiered rule's last band has no upper limit (up_to=None)")
        bounded = [limit for limit in limits[:-1] if limit is not None]
        if len(bounded) != len(limits) - 1 or bounded != sorted(set(bounded)):
            raise FeeError(f"tiered bands must have increasing limits, got {limits}")

    def charge(self, facts: Facts) -> int:
        """The tiered amount for the quantity."""
        amount = facts.quantity(self.quantity)
        if self.mode is TierMode.BY_BAND:
            return next(b.price for b in self.bands if b.up_to is None or amount <= b.up_to)
        total, lower = 0, 0
        for band in self.bands:
            upper = amount if band.up_to is None else min(amount, band.up_to)
            if upper > lower:
                total += (upper - lower) * band.price
            if band.up_to is not None:
                lower = max(lower, band.up_to)
        return total


@attrs.frozen
class Percentage:
    """A percentage of a declared value, rounded half up to the đồng, then floor and cap.

    ``rate`` is a percentage: ``Decimal("0.5")`` is 0.5 %.
    """

    base: str
    rate: Decimal = attrs.field(converter=Decimal)
    floor: int | None = attrs.field(default=None, validator=_money)
    cap: int | None = attrs.field(default=None, validator=_money)

    def __attrs_post_init__(self) -> None:
        """The rate is a percentage in [0, 100]; the floor is not above the cap."""
        if not Decimal(0) <= self.rate <= Decimal(100):
            raise FeeError(f"a rate is a percentage in 0..100, got {self.rate}")
        if self.floor is not None and self.cap is not None and self.floor > self.cap:
            raise FeeError(f"floor {self.floor} is above cap {self.cap}")

    def charge(self, facts: Facts) -> int:
        """``round_half_up(base × rate / 100)``, then at least ``floor``, at most ``cap``."""
        amount = round_half_up(Decimal(facts.quantity(self.base)) * self.rate / 100)
        if self.floor is not None:
            amount = max(amount, self.floor)
        if self.cap is not None:
            amount = min(amount, self.cap)
        return amount


@attrs.frozen
class Choice:
    """A rule chosen by a category of the case, e.g. by applicant type and area.

    :param category: the category read, e.g. ``"applicant"``.
    :param options: ``(value, rule)`` pairs.
    """

    category: str
    options: tuple[tuple[str, FeeRule], ...] = attrs.field(converter=_options)

    def charge(self, facts: Facts) -> int:
        """The chosen rule's amount; a value with no option raises a :class:`FeeError`."""
        value = facts.category(self.category)
        for option, rule in self.options:
            if option == value:
                return rule.charge(facts)
        choices = ", ".join(option for option, _ in self.options)
        raise FeeError(f"no fee for {self.category}={value!r}; known: {choices}")


@attrs.frozen
class Sum:
    """The sum of several rules (e.g. an appraisal fee plus a certificate charge)."""

    parts: tuple[FeeRule, ...] = attrs.field(converter=_parts)

    def charge(self, facts: Facts) -> int:
        """The sum of the parts."""
        return sum(part.charge(facts) for part in self.parts)


#: Any fee rule.
FeeRule = Flat | PerUnit | Tiered | Percentage | Choice | Sum


class ApplicantGroup(enum.Enum):
    """Groups that fee rules exempt (each rule lists its own; domain brief §6.3)."""

    MERITORIOUS_SERVICE = "meritorious_service"  #: người có công với cách mạng
    POOR_HOUSEHOLD = "poor_household"  #: hộ nghèo
    CHILD_UNDER_6 = "child_under_6"
    CHILD_UNDER_16 = "child_under_16"
    ETHNIC_MINORITY_HARDSHIP = "ethnic_minority_hardship"  #: dân tộc thiểu số, xã khó khăn
    DISABILITY = "disability"  #: người khuyết tật


def _check_period(instance: Any, _: attrs.Attribute[Any], __: object) -> None:  # noqa: ANN401
    if instance.valid_until is not None and instance.valid_until < instance.valid_from:
        raise FeeError(f"{type(instance).__name__} ends before it starts")


@attrs.frozen
class FeeLine:
    """One line of a schedule: a named charge, its rule and its legal basis."""

    name: str
    rule: FeeRule
    basis: LegalBasis


@attrs.frozen
class FeeSchedule:
    """A procedure's fees and charges over a period.

    :param procedure: the procedure code.
    :param lines: the charges; an empty tuple is a free procedure.
    :param valid_from: first day in force.
    :param valid_until: last day, or ``None`` while in force.
    """

    procedure: str
    lines: tuple[FeeLine, ...] = attrs.field(converter=_lines)
    valid_from: date = attrs.field(validator=attrs.validators.instance_of(date))
    valid_until: date | None = attrs.field(default=None, validator=_check_period)

    @property
    def validity(self) -> Validity:
        """The days the schedule applies."""
        return Validity(self.valid_from, self.valid_until)


@attrs.frozen
class Exemption:
    """Exempts listed groups from some lines (all lines when ``lines`` is empty)."""

    groups: frozenset[ApplicantGroup] = attrs.field(converter=_groups)
    basis: LegalBasis
    valid_from: date
    valid_until: date | None = attrs.field(default=None, validator=_check_period)
    procedures: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    lines: tuple[str, ...] = attrs.field(default=(), converter=_texts)

    def covers(self, procedure: str, line: str, facts: Facts, on: date) -> bool:
        """Whether this exemption frees ``line`` of ``procedure`` for this case."""
        return (
            Validity(self.valid_from, self.valid_until).covers(on)
            and bool(self.groups & facts.groups)
            and (not self.procedures or procedure in self.procedures)
            and (not self.lines or line in self.lines)
        )


@attrs.frozen
class Reduction:
    """Takes a percentage off some lines for one channel, during a period.

    E.g. 50 % off for online submission until a circular's end date.
    """

    percent: int
    channel: Channel
    basis: LegalBasis
    valid_from: date
    valid_until: date | None = attrs.field(default=None, validator=_check_period)
    procedures: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    lines: tuple[str, ...] = attrs.field(default=(), converter=_texts)

    def __attrs_post_init__(self) -> None:
        """A reduction is a whole percentage in 0..100."""
        if type(self.percent) is not int or not 0 <= self.percent <= 100:
            raise FeeError(f"a reduction is a whole percentage in 0..100, got {self.percent!r}")

    def applies(self, procedure: str, line: str, facts: Facts, on: date) -> bool:
        """Whether this reduction applies to ``line`` of ``procedure`` for this case."""
        return (
            Validity(self.valid_from, self.valid_until).covers(on)
            and facts.channel is self.channel
            and (not self.procedures or procedure in self.procedures)
            and (not self.lines or line in self.lines)
        )


@attrs.frozen
class AssessedLine:
    """One line of an assessment.

    :param name: the charge.
    :param basis: its legal basis.
    :param gross: the amount by the rule.
    :param exempted_by: the exemption applied, if any (the line is then 0 đ).
    :param reductions: the reductions applied, with the amount each took off.
    :param net: what is due.
    """

    name: str
    basis: LegalBasis
    gross: int
    exempted_by: Exemption | None
    reductions: tuple[tuple[Reduction, int], ...]
    net: int


@attrs.frozen
class Assessment:
    """The itemized fees of one case.

    .. versionadded:: 0.1
    """

    procedure: str
    on: date
    schedule: FeeSchedule
    lines: tuple[AssessedLine, ...]

    @property
    def total(self) -> int:
        """What is due, in đồng."""
        return sum(line.net for line in self.lines)

    def receipt_lines(self) -> list[str]:
        """The assessment as lines for a receipt (Vietnamese amounts: ``10.000 đ``)."""
        out = []
        for line in self.lines:
            out.append(f"{line.name}: {_vnd(line.gross)} ({line.basis})")
            if line.exempted_by is not None:
                out.append(f"  miễn: -{_vnd(line.gross)} ({line.exempted_by.basis})")
            for reduction, amount in line.reductions:
                out.append(f"  giảm {reduction.percent}%: -{_vnd(amount)} ({reduction.basis})")
        out.append(f"Tổng cộng: {_vnd(self.total)}")
        return out


def _vnd(amount: int) -> str:
    return f"{amount:,} đ".replace(",", ".")


@attrs.frozen
class FeeBook:
    """Every fee schedule over time, with the exemptions and reductions in force.

    .. versionadded:: 0.1
    """

    schedules: tuple[FeeSchedule, ...] = attrs.field(converter=_schedules)
    exemptions: tuple[Exemption, ...] = attrs.field(default=(), converter=_exemptions)
    reductions: tuple[Reduction, ...] = attrs.field(default=(), converter=_reductions)

    def __attrs_post_init__(self) -> None:
        """Schedules of one procedure do not overlap in time."""
        by_code: dict[str, list[FeeSchedule]] = {}
        for schedule in self.schedules:
            by_code.setdefault(schedule.procedure, []).append(schedule)
        for code, items in by_code.items():
            items.sort(key=lambda s: s.valid_from)
            for earlier, later in itertools.pairwise(items):
                if earlier.valid_until is None or later.valid_from <= earlier.valid_until:
                    raise FeeError(f"fee schedules of {code} overlap from {later.valid_from}")

    def schedule_for(self, procedure: str, on: date) -> FeeSchedule:
        """The schedule of ``procedure`` in force on ``on``.

        :raises NoFeeScheduleError: when none covers that day (never the nearest one).
        """
        for schedule in self.schedules:
            if schedule.procedure == procedure and schedule.validity.covers(on):
                return schedule
        periods = [
            f"{s.valid_from}..{s.valid_until or 'now'}"
            for s in self.schedules
            if s.procedure == procedure
        ]
        raise NoFeeScheduleError(
            f"no fee schedule of {procedure} is in force on {on}; "
            f"known periods: {', '.join(periods) or 'none'}"
        )

    def assess(self, procedure: Procedure | str, facts: Facts, on: date) -> Assessment:
        """The itemized fees of a case on ``on`` (usually the reception date).

        Each line: its rule's amount; 0 đ if an exemption in force covers one of the
        applicant's groups; otherwise each reduction in force takes its share.
        """
        code = procedure if isinstance(procedure, str) else procedure.code
        schedule = self.schedule_for(code, on)
        lines = []
        for line in schedule.lines:
            gross = line.rule.charge(facts)
            exemption = next(
                (e for e in self.exemptions if e.covers(code, line.name, facts, on)), None
            )
            applied: list[tuple[Reduction, int]] = []
            net = gross
            if exemption is not None:
                net = 0
            else:
                for reduction in self.reductions:
                    if reduction.applies(code, line.name, facts, on):
                        off = min(net, round_half_up(Decimal(gross) * reduction.percent / 100))
                        applied.append((reduction, off))
                        net -= off
            lines.append(AssessedLine(line.name, line.basis, gross, exemption, tuple(applied), net))
        return Assessment(code, on, schedule, tuple(lines))


def assess(
    book: FeeBook, procedure: Procedure | str, case: Facts | Dossier, on: date | None = None
) -> Assessment:
    """The itemized fees of a case, given as :class:`Facts` or as a dossier.

    For a dossier, the facts are its channel (no quantities) and ``on`` defaults to
    its reception date; pass :class:`Facts` built with :meth:`Facts.from_dossier` when
    the fees depend on counted quantities.

    :raises FeeError: when no date is given or known.
    """
    if isinstance(case, Facts):
        facts = case
    else:
        facts = Facts.from_dossier(case)
        if on is None and case.received_at is not None:
            on = case.received_at.date()
    if on is None:
        raise FeeError("say on which date to assess (usually the reception date)")
    return book.assess(procedure, facts, on)
