"""Fees and charges (phí, lệ phí): rules as values, dated schedules, exemptions, reductions.

A fee rule computes an amount in whole đồng from the facts of a case (pages, copies,
declared value, applicant type…). A :class:`FeeSchedule` lists a procedure's lines,
each with its rule and legal basis, valid over a date range; a :class:`FeeBook`
holds every schedule over time, with the exemptions and reductions in force, and
:meth:`FeeBook.assess` returns an itemized :class:`Assessment`.

Rounding: every amount is whole đồng. Per-unit, tiered and flat rules are exact in
đồng. A percentage is computed exactly and rounded half up to the đồng *before* its
floor and cap apply; a reduction of p % takes ``round_half_up(gross × p / 100)`` off
a line. Caps apply after summing a document's units (Circular 85/2019/TT-BTC and the
circulars that set each charge).

References:
    * Law on Fees and Charges 2015 (Law 97/2015/QH13); Decree 120/2016/NĐ-CP, later
      Decree 82/2023/NĐ-CP.
    * Circular 226/2016/TT-BTC (certification fees).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

import attrs

from onestop._shown import shown
from onestop._vietnamese_numbers import vi_count
from onestop.domain._enumeration import Enumeration
from onestop.domain._validators import MAX_MONEY
from onestop.domain._validators import count
from onestop.domain._validators import day
from onestop.domain._validators import each
from onestop.domain._validators import money
from onestop.domain._validators import optional
from onestop.domain._validators import require
from onestop.domain._validators import text
from onestop.domain._validators import texts
from onestop.domain._validators import to_frozenset
from onestop.domain._validators import to_tuple
from onestop.domain._validators import typed
from onestop.domain._validity import Validity
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._procedure import Channel
from onestop.domain.model._procedure import Procedure
from onestop.exceptions import FeeError
from onestop.exceptions import NoFeeScheduleError
from onestop.exceptions import ValidityError

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


def _mapping(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise FeeError(f"Facts.{attribute.name} must map names to values, got {shown(value)}")


def round_half_up(value: Decimal) -> int:
    """Round to the whole đồng, halves up (the rounding rule of every percentage).

    :raises FeeError: when ``value`` is not a finite Decimal.
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        raise FeeError(f"round_half_up takes a finite Decimal, got {shown(value)}")
    try:
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation:
        raise FeeError(f"{shown(value)} is too large to be an amount of đồng") from None


def _groups(value: Iterable[ApplicantGroup]) -> frozenset[ApplicantGroup]:
    """Normalise to a frozenset; the validator then checks each is an ApplicantGroup."""
    return to_frozenset(value, FeeError)


#: The validator of lists of procedure codes and line names.
_NAMES = texts(FeeError)


def _items(value: Iterable[Any]) -> tuple[Any, ...]:
    """Normalise a list of fee values to a tuple (a text is refused, not split)."""
    return to_tuple(value, FeeError)


def _options(value: Iterable[tuple[str, FeeRule]]) -> tuple[tuple[str, FeeRule], ...]:
    """Normalise to a tuple of (option, rule) pairs; anything else is refused."""
    pairs = to_tuple(value, FeeError)
    for pair in pairs:
        if not (
            isinstance(pair, tuple | list)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and isinstance(pair[1], _RULE_CLASSES)
        ):
            raise FeeError(f"a choice's options are (name, fee rule) pairs, got {shown(pair)}")
    return tuple((option, rule) for option, rule in pairs)


def _rate(value: object) -> Decimal:
    """A percentage as a Decimal, from a Decimal, an int or text; a float is refused."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise FeeError(
            "a rate is a Decimal, an int or text such as '0.5' (a float is inexact), got "
            f"{shown(value)}"
        )
    try:
        rate = Decimal(value)
    except ArithmeticError:
        raise FeeError(f"a rate is a number such as '0.5', got {shown(value)}") from None
    if not rate.is_finite():
        raise FeeError(f"a rate is a finite number, got {shown(value)}")
    return rate


_money = optional(money(FeeError))
_count = count(FeeError)


@attrs.frozen
class LegalBasis:
    """Where a rule comes from: the document and, if known, its article.

    :param document: e.g. ``"Circular 226/2016/TT-BTC"``.
    :param article: e.g. ``"Art. 4"``.
    :param illustrative: ``True`` when the value was not confirmed against the text.
    """

    document: str = attrs.field(validator=text(FeeError))
    article: str | None = attrs.field(default=None, validator=optional(text(FeeError)))
    illustrative: bool = attrs.field(default=False, validator=typed(bool, FeeError))

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

    quantities: Mapping[str, int] = attrs.field(factory=dict, validator=_mapping)
    categories: Mapping[str, str] = attrs.field(factory=dict, validator=_mapping)
    groups: frozenset[ApplicantGroup] = attrs.field(factory=frozenset, converter=_groups)
    channel: Channel = attrs.field(default=Channel.IN_PERSON, validator=typed(Channel, FeeError))

    def __attrs_post_init__(self) -> None:
        """Quantities are whole numbers >= 0, categories are text, groups are groups."""
        for name, value in self.quantities.items():
            if type(value) is not int or value < 0:
                raise FeeError(
                    f"quantity {shown(name)} must be a whole number >= 0, got {shown(value)}"
                )
        for name, choice in self.categories.items():
            if not isinstance(choice, str):
                raise FeeError(f"category {shown(name)} must be text, got {shown(choice)}")
        for group in self.groups:
            if not isinstance(group, ApplicantGroup):
                raise FeeError(f"groups must be ApplicantGroup values, got {shown(group)}")

    def quantity(self, name: str) -> int:
        """The quantity ``name``; raises a :class:`FeeError` naming it when missing."""
        try:
            value = self.quantities[name]
        except KeyError:
            raise FeeError(
                f"this fee needs the quantity {shown(name)}; the case gives "
                f"{sorted(self.quantities) or 'none'}"
            ) from None
        if type(value) is not int or value < 0:
            raise FeeError(
                f"quantity {shown(name)} must be a whole number >= 0, got {shown(value)}"
            )
        return value

    def category(self, name: str) -> str:
        """The category ``name``; raises a :class:`FeeError` naming it when missing."""
        try:
            return self.categories[name]
        except KeyError:
            raise FeeError(
                f"this fee depends on {shown(name)}; "
                f"the case gives {sorted(self.categories) or 'none'}"
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
        require(dossier, Dossier, FeeError, "dossier")
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

    unit: str = attrs.field(validator=text(FeeError))
    price: int = attrs.field(validator=_money)
    first_units: int = attrs.field(default=0, validator=_count)
    first_price: int | None = attrs.field(default=None, validator=_money)
    cap: int | None = attrs.field(default=None, validator=_money)
    per: str | None = attrs.field(default=None, validator=optional(text(FeeError)))

    def __attrs_post_init__(self) -> None:
        """A cap is at least one unit's price; first units need a first price and back."""
        if self.first_price is not None and self.first_units == 0:
            raise FeeError("a first price needs first_units: how many units it applies to")
        one_unit = self.price if self.first_price is None else max(self.price, self.first_price)
        if self.cap is not None and self.cap < one_unit:
            raise FeeError(
                f"a per-unit cap ({self.cap:,} đ) below one unit's price ({one_unit:,} đ) "
                "would make the rule's prices meaningless"
            )

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

    up_to: int | None = attrs.field(validator=optional(count(FeeError, minimum=1)))
    price: int = attrs.field(validator=_money)


class TierMode(Enumeration):
    """How a tiered rule reads its brackets."""

    PROGRESSIVE = "progressive"  #: each bracket's price applies to the units inside it
    BY_BAND = "by_band"  #: the band the quantity falls in gives the whole amount


@attrs.frozen
class Tiered:
    """Brackets over a quantity (m², value, plots): progressive or by band."""

    quantity: str = attrs.field(validator=text(FeeError))
    bands: tuple[Band, ...] = attrs.field(converter=_items, validator=each(Band, FeeError))
    mode: TierMode = attrs.field(default=TierMode.PROGRESSIVE, validator=typed(TierMode, FeeError))

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

    base: str = attrs.field(validator=text(FeeError))
    rate: Decimal = attrs.field(converter=_rate)
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

    category: str = attrs.field(validator=text(FeeError))
    options: tuple[tuple[str, FeeRule], ...] = attrs.field(converter=_options)

    def __attrs_post_init__(self) -> None:
        """A choice offers at least one option, each once."""
        names = [option for option, _ in self.options]
        if not names:
            raise FeeError(f"a choice by {shown(self.category)} needs at least one option")
        if len(set(names)) != len(names):
            raise FeeError(f"a choice by {shown(self.category)} lists an option twice: {names}")

    def charge(self, facts: Facts) -> int:
        """The chosen rule's amount; a value with no option raises a :class:`FeeError`."""
        value = facts.category(self.category)
        for option, rule in self.options:
            if option == value:
                return rule.charge(facts)
        choices = ", ".join(option for option, _ in self.options)
        raise FeeError(f"no fee for {self.category}={shown(value)}; known: {choices}")


@attrs.frozen
class Sum:
    """The sum of several rules (e.g. an appraisal fee plus a certificate charge)."""

    parts: tuple[FeeRule, ...] = attrs.field(converter=_items)

    def __attrs_post_init__(self) -> None:
        """A sum has parts, each a fee rule."""
        if not self.parts:
            raise FeeError("a Sum needs at least one part")
        for part in self.parts:
            if not isinstance(part, _RULE_CLASSES):
                raise FeeError(f"a Sum adds fee rules, got {shown(part)}")

    def charge(self, facts: Facts) -> int:
        """The sum of the parts."""
        return sum(part.charge(facts) for part in self.parts)


#: Any fee rule.
FeeRule = Flat | PerUnit | Tiered | Percentage | Choice | Sum
_RULE_CLASSES = (Flat, PerUnit, Tiered, Percentage, Choice, Sum)


class ApplicantGroup(Enumeration):
    """Groups that fee rules exempt (each rule lists its own, as each circular does)."""

    MERITORIOUS_SERVICE = "meritorious_service"  #: người có công với cách mạng
    POOR_HOUSEHOLD = "poor_household"  #: hộ nghèo
    CHILD_UNDER_6 = "child_under_6"
    CHILD_UNDER_16 = "child_under_16"
    ETHNIC_MINORITY_HARDSHIP = "ethnic_minority_hardship"  #: dân tộc thiểu số, xã khó khăn
    DISABILITY = "disability"  #: người khuyết tật


def _check_period(instance: Any, _: attrs.Attribute[Any], __: object) -> None:  # noqa: ANN401
    try:
        Validity(instance.valid_from, instance.valid_until)
    except ValidityError as error:
        raise FeeError(f"{type(instance).__name__}: {error}") from None


@attrs.frozen
class FeeLine:
    """One line of a schedule: a named charge, its rule and its legal basis."""

    name: str = attrs.field(validator=text(FeeError))
    rule: FeeRule = attrs.field(validator=typed(_RULE_CLASSES, FeeError))
    basis: LegalBasis = attrs.field(validator=typed(LegalBasis, FeeError))


@attrs.frozen
class FeeSchedule:
    """A procedure's fees and charges over a period.

    :param procedure: the procedure code.
    :param lines: the charges; an empty tuple is a free procedure.
    :param valid_from: first day in force.
    :param valid_until: last day, or ``None`` while in force.
    """

    procedure: str = attrs.field(validator=text(FeeError))
    lines: tuple[FeeLine, ...] = attrs.field(converter=_items, validator=each(FeeLine, FeeError))
    valid_from: date = attrs.field(validator=day(FeeError))
    valid_until: date | None = attrs.field(default=None, validator=_check_period)

    @property
    def validity(self) -> Validity:
        """The days the schedule applies."""
        return Validity(self.valid_from, self.valid_until)


@attrs.frozen
class Exemption:
    """Exempts listed groups from some lines (all lines when ``lines`` is empty)."""

    groups: frozenset[ApplicantGroup] = attrs.field(
        converter=_groups, validator=each(ApplicantGroup, FeeError)
    )
    basis: LegalBasis = attrs.field(validator=typed(LegalBasis, FeeError))
    valid_from: date = attrs.field(validator=day(FeeError))
    valid_until: date | None = attrs.field(default=None, validator=_check_period)
    procedures: tuple[str, ...] = attrs.field(default=(), converter=_items, validator=_NAMES)
    lines: tuple[str, ...] = attrs.field(default=(), converter=_items, validator=_NAMES)

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
    channel: Channel = attrs.field(validator=typed(Channel, FeeError))
    basis: LegalBasis = attrs.field(validator=typed(LegalBasis, FeeError))
    valid_from: date = attrs.field(validator=day(FeeError))
    valid_until: date | None = attrs.field(default=None, validator=_check_period)
    procedures: tuple[str, ...] = attrs.field(default=(), converter=_items, validator=_NAMES)
    lines: tuple[str, ...] = attrs.field(default=(), converter=_items, validator=_NAMES)

    def __attrs_post_init__(self) -> None:
        """A reduction is a whole percentage in 0..100."""
        if type(self.percent) is not int or not 0 <= self.percent <= 100:
            raise FeeError(
                f"a reduction is a whole percentage in 0..100, got {shown(self.percent)}"
            )

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

    @classmethod
    def free(cls, procedure: str, on: date) -> Assessment:
        """The assessment of a procedure that charges nothing: no line, 0 đ due.

        .. versionadded:: 0.5
        """
        schedule = FeeSchedule(procedure, (), on)
        return cls(procedure, on, schedule, ())

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
    return f"{vi_count(amount)} đ"


@attrs.frozen
class FeeBook:
    """Every fee schedule over time, with the exemptions and reductions in force.

    .. versionadded:: 0.1
    """

    schedules: tuple[FeeSchedule, ...] = attrs.field(
        converter=_items, validator=each(FeeSchedule, FeeError)
    )
    exemptions: tuple[Exemption, ...] = attrs.field(
        default=(), converter=_items, validator=each(Exemption, FeeError)
    )
    reductions: tuple[Reduction, ...] = attrs.field(
        default=(), converter=_items, validator=each(Reduction, FeeError)
    )

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
        :raises FeeError: when ``procedure`` is not a text or ``on`` not a date.
        """
        if type(procedure) is not str:
            raise FeeError(f"a fee schedule's key is a text, got {shown(procedure)}")
        if type(on) is not date:
            raise FeeError(f"fees are assessed on a date, got {shown(on)}")
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
        require(procedure, (Procedure, str), FeeError, "procedure")
        require(facts, Facts, FeeError, "facts")
        code = procedure if isinstance(procedure, str) else procedure.code
        schedule = self.schedule_for(code, on)
        lines = []
        for line in schedule.lines:
            gross = line.rule.charge(facts)
            if gross > MAX_MONEY:
                raise FeeError(
                    f"{code}, {shown(line.name)}: {shown(gross)} đ for these facts is past "
                    f"{_vnd(MAX_MONEY)}, the most onestop charges: check the quantities"
                )
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
    if not isinstance(case, Facts | Dossier):
        raise FeeError(f"a case is Facts or a Dossier, got {shown(case)}")
    if isinstance(case, Facts):
        facts = case
    else:
        facts = Facts.from_dossier(case)
        if on is None and case.received_at is not None:
            on = case.received_at.date()
    if on is None:
        raise FeeError("say on which date to assess (usually the reception date)")
    return book.assess(procedure, facts, on)
