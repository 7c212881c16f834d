"""Hypothesis strategies for onestop values, for users' own property tests.

Install with ``pip install "onestop[testing]"``. The strategies follow Hypothesis'
house style: plural names, ``min_value``/``max_value`` bounds, arguments checked
eagerly (:class:`hypothesis.errors.InvalidArgument`).

>>> from hypothesis import given
>>> from onestop.testing import strategies as ost
>>> @given(ost.durations())
... def test_round_trip(duration):
...     assert Duration.parse(str(duration)) == duration
"""

from __future__ import annotations

import functools
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from onestop import events
from onestop._shown import shown
from onestop.domain.model._actor import Actor
from onestop.domain.model._actor import Role
from onestop.domain.model._agency import TWO_TIER_REFORM
from onestop.domain.model._agency import Agency
from onestop.domain.model._agency import Level
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._hand_over import DeadlineStart
from onestop.domain.model._hand_over import HandOverRule
from onestop.domain.model._intake import Intake
from onestop.domain.model._procedure import AgencyShare
from onestop.domain.model._procedure import Channel
from onestop.domain.model._procedure import ChannelTerms
from onestop.domain.model._procedure import Component
from onestop.domain.model._procedure import OnlineLevel
from onestop.domain.model._procedure import Procedure
from onestop.domain.model._procedure import Requirement
from onestop.domain.model._satisfaction import Satisfaction
from onestop.domain.model._status import TRANSITIONS
from onestop.domain.time._day_change import DayChange
from onestop.domain.time._day_change import DayKind
from onestop.domain.time._duration import Duration
from onestop.domain.time._duration import DurationUnit
from onestop.domain.time._local_time import VIETNAM_TZ
from onestop.domain.time._local_time import to_local
from onestop.domain.time._office_hours import OfficeHours
from onestop.domain.time._office_hours import SeasonalHours
from onestop.domain.time._policy import ClockRule
from onestop.domain.time._policy import DeadlinePolicy
from onestop.national._civil_service_calendar import vietnam_calendar

if TYPE_CHECKING:
    from onestop.domain.time._calendar import Calendar

__all__ = [
    "COMPETENT_AGENCY",
    "OTHER_AGENCY",
    "RECEIVING_AGENCY",
    "RETURN_POINT",
    "agencies",
    "agency_codes",
    "calendars",
    "dates",
    "day_changes",
    "dossiers",
    "durations",
    "event_for",
    "hand_over_rules",
    "local_datetimes",
    "national_calendar",
    "office_hours",
    "procedure_codes",
    "procedures",
    "seasonal_hours",
]


@functools.cache
def national_calendar(first_year: int = 2015, last_year: int = 2035) -> Calendar:
    """The national calendar for ``first_year..last_year``, built once and shared."""
    return vietnam_calendar(first_year, last_year)


def _check_bounds(min_value: object, max_value: object, kind: type) -> None:
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if value is not None and not isinstance(value, kind):
            raise InvalidArgument(f"{name}={shown(value)} must be a {kind.__name__}")
    if min_value is not None and max_value is not None and min_value > max_value:  # type: ignore[operator]
        raise InvalidArgument(f"min_value={shown(min_value)} is after max_value={shown(max_value)}")


def dates(
    calendar: Calendar | None = None,
    *,
    min_value: date | None = None,
    max_value: date | None = None,
) -> st.SearchStrategy[date]:
    """Dates inside ``calendar``'s range (default: the national 2015–2035 calendar)."""
    calendar = calendar or national_calendar()
    _check_bounds(min_value, max_value, date)
    low = max(min_value or calendar.first_day, calendar.first_day)
    high = min(max_value or calendar.last_day, calendar.last_day)
    if low > high:
        raise InvalidArgument(f"no date of {low}..{high} lies inside the calendar")
    return st.dates(min_value=low, max_value=high)


_BOUNDARY_TIMES = st.sampled_from(
    [
        time(0),
        time(7, 59),
        time(8),
        time(11, 59, 59),
        time(12),
        time(12, 30),
        time(13),
        time(15),
        time(15, 0, 1),
        time(16, 59),
        time(17),
        time(17, 0, 0, 1),
        time(23, 59),
    ]
)


def local_datetimes(
    calendar: Calendar | None = None,
    *,
    min_value: datetime | None = None,
    max_value: datetime | None = None,
    aware: bool = False,
) -> st.SearchStrategy[datetime]:
    """Instants inside ``calendar``'s range, often on office-hour boundaries.

    Naive (local Vietnamese time) by default; with ``aware=True`` they carry the
    Asia/Ho_Chi_Minh zone.
    """
    calendar = calendar or national_calendar()
    _check_bounds(min_value, max_value, datetime)
    if not isinstance(aware, bool):
        raise InvalidArgument(f"aware={shown(aware)} must be a bool")
    low = max(min_value or datetime.min, datetime.combine(calendar.first_day, time(0)))
    high = min(max_value or datetime.max, datetime.combine(calendar.last_day, time.max))
    if low > high:
        raise InvalidArgument(f"no instant of {low}..{high} lies inside the calendar")
    on_boundary = st.builds(
        datetime.combine, st.dates(min_value=low.date(), max_value=high.date()), _BOUNDARY_TIMES
    ).filter(lambda moment: low <= moment <= high)
    naive = st.one_of(st.datetimes(min_value=low, max_value=high), on_boundary)
    if aware:
        return naive.map(lambda moment: moment.replace(tzinfo=VIETNAM_TZ))
    return naive


def durations(
    *,
    units: tuple[DurationUnit, ...] = tuple(DurationUnit),
    min_value: float = 0.5,
    max_value: float = 60,
) -> st.SearchStrategy[Duration]:
    """Processing times in ``units`` with amounts in ``[min_value, max_value]``.

    Amounts are whole or half units, the granularity catalogues use.
    """
    if not units or not all(isinstance(unit, DurationUnit) for unit in units):
        raise InvalidArgument(f"units={shown(units)} must be a non-empty tuple of DurationUnit")
    if not 0 < min_value <= max_value:
        raise InvalidArgument(f"need 0 < min_value <= max_value, got {min_value}, {max_value}")
    halves = st.integers(max(1, int(min_value * 2)), int(max_value * 2)).map(lambda n: n / 2)
    wholes = st.integers(max(1, int(min_value + 0.5)), int(max_value))
    options = []
    for unit in units:
        if unit is DurationUnit.SAME_DAY:
            options.append(st.just(Duration.same_day()))
        elif unit is DurationUnit.CALENDAR_DAYS:
            options.append(wholes.map(Duration.calendar_days))
        elif unit is DurationUnit.MONTHS:
            options.append(st.integers(1, max(1, int(max_value) // 10)).map(Duration.months))
        else:
            options.append(halves.map(functools.partial(Duration, unit=unit)))
    return st.one_of(options)


@st.composite
def office_hours(draw: st.DrawFn, *, max_intervals: int = 3) -> OfficeHours:
    """Office hours of 1 to ``max_intervals`` intervals on whole minutes."""
    if not isinstance(max_intervals, int) or not 1 <= max_intervals <= 6:
        raise InvalidArgument(f"max_intervals={shown(max_intervals)} must be an int in 1..6")
    count = draw(st.integers(1, max_intervals))
    minutes = sorted(
        draw(st.sets(st.integers(1, 24 * 60 - 1), min_size=2 * count, max_size=2 * count))
    )
    bounds = [time(m // 60, m % 60) for m in minutes]
    return OfficeHours(list(zip(bounds[::2], bounds[1::2], strict=True)))


def seasonal_hours() -> st.SearchStrategy[SeasonalHours]:
    """A season between two month-days (possibly wrapping the year end)."""
    month_days = st.dates(date(2001, 1, 1), date(2001, 12, 31)).map(lambda d: (d.month, d.day))
    return st.builds(SeasonalHours, month_days, month_days, office_hours(), st.just("season"))


def day_changes(calendar: Calendar | None = None) -> st.SearchStrategy[DayChange]:
    """A province's change to one day of ``calendar``: a day off, closure or make-up day.

    Make-up working days fall on weekends, as the law has them.
    """
    return (
        st.tuples(dates(calendar), st.sampled_from(list(DayKind)))
        .filter(lambda pair: pair[1] is not DayKind.MAKEUP_DAY or pair[0].weekday() >= 5)
        .map(lambda pair: DayChange(*pair, "Local change", "Thay đổi của tỉnh", "test decision"))
    )


@st.composite
def calendars(draw: st.DrawFn, *, max_changes: int = 20) -> Calendar:
    """The national 2015–2035 calendar extended as a province might extend it.

    Draws up to ``max_changes`` day changes, other office hours, at most one season,
    and optional reception and same-day cut-offs.
    """
    if not isinstance(max_changes, int) or max_changes < 0:
        raise InvalidArgument(f"max_changes={shown(max_changes)} must be a non-negative int")
    calendar = national_calendar()
    calendar = calendar.with_changes(*draw(st.lists(day_changes(calendar), max_size=max_changes)))
    if draw(st.booleans()):
        calendar = calendar.with_office_hours(draw(office_hours()))
    if draw(st.booleans()):
        season = draw(seasonal_hours())
        calendar = calendar.with_season(season.first, season.last, season.hours, name=season.name)
    if draw(st.booleans()):
        calendar = calendar.with_reception_cutoff(draw(_BOUNDARY_TIMES))
    if draw(st.booleans()):
        calendar = calendar.with_same_day_cutoff(draw(_BOUNDARY_TIMES))
    return calendar


_TEXTS = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=30
).filter(str.strip)


def agency_codes() -> st.SearchStrategy[str]:
    """Identification codes with the QCVN 102:2016 structure, e.g. ``000.00.12.H38``."""
    return st.from_regex(r"\A\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}\Z")


def procedure_codes() -> st.SearchStrategy[str]:
    """National procedure codes, e.g. ``1.001612``."""
    return st.from_regex(r"\A\d\.\d{6}\Z")


@st.composite
def agencies(draw: st.DrawFn) -> Agency:
    """Agencies at any level; district agencies end before the 1/7/2025 reform."""
    level = draw(st.sampled_from(list(Level)))
    valid_until = None
    successor = None
    if level is Level.DISTRICT or draw(st.booleans()):
        valid_until = draw(st.dates(date(2015, 1, 1), TWO_TIER_REFORM - timedelta(days=1)))
        successor = draw(st.none() | agency_codes())
    code = draw(agency_codes())
    parent = draw(st.none() | agency_codes().filter(lambda other: other != code))
    return Agency(
        code=code,
        name=draw(_TEXTS),
        level=level,
        parent=parent,
        valid_until=valid_until,
        successor=None if successor == code else successor,
    )


@st.composite
def procedures(draw: st.DrawFn, *, codes: st.SearchStrategy[str] | None = None) -> Procedure:
    """Procedure versions with random fields; inter-agency ones have shares that fit."""
    duration = draw(durations())
    shares: list[AgencyShare] = []
    if duration.unit is DurationUnit.WORKING_DAYS and duration.amount >= 2 and draw(st.booleans()):
        first = draw(st.integers(1, int(duration.amount) - 1))
        shares = [
            AgencyShare("Agency A", "appraisal", Duration.working_days(first)),
            AgencyShare(
                "Agency B", "decision", Duration.working_days(int(duration.amount) - first)
            ),
        ]
    channels = draw(st.lists(st.sampled_from(list(Channel)), min_size=1, max_size=3, unique=True))
    channel_terms = []
    if not shares and len(channels) > 1 and draw(st.booleans()):
        channel_terms = [ChannelTerms(channels[-1], draw(durations()))]
    online = OnlineLevel.NONE
    if Channel.ONLINE in channels:
        online = draw(st.sampled_from([OnlineLevel.FULL, OnlineLevel.PARTIAL]))
    components = draw(
        st.lists(
            st.builds(
                Component,
                name=_TEXTS,
                originals=st.integers(0, 3),
                copies=st.integers(0, 3),
                requirement=st.just(Requirement.REQUIRED),
            ),
            max_size=4,
        )
    )
    return Procedure(
        code=draw(codes if codes is not None else procedure_codes()),
        name=draw(_TEXTS),
        field=draw(st.sampled_from(["Hộ tịch", "Chứng thực", "Đất đai", "Cư trú", "Xây dựng"])),
        level=draw(st.sampled_from([Level.PROVINCE, Level.COMMUNE, Level.CENTRAL, Level.OTHER])),
        agencies=draw(st.lists(_TEXTS, min_size=1, max_size=3)),
        processing_time=duration,
        processing_time_text=duration.format("vi"),
        result=draw(_TEXTS),
        components=components,
        shares=shares,
        deadline_policy=draw(st.sampled_from(list(DeadlinePolicy))),
        clock_rule=draw(st.sampled_from(list(ClockRule))),
        fee_schedule=draw(st.none() | _TEXTS),
        legal_bases=draw(st.lists(_TEXTS, max_size=3)),
        online_level=online,
        channels=channels,
        version=draw(st.integers(1, 5)),
        valid_from=draw(st.none() | st.dates(date(2015, 1, 1), date(2035, 12, 31))),
        channel_terms=channel_terms,
    )


#: The agency that receives the generated dossiers, and one it transfers them to.
RECEIVING_AGENCY = "000.00.12.H38"
OTHER_AGENCY = "000.00.13.H38"
#: The competent agency of generated boundary-free dossiers, and a return point.
COMPETENT_AGENCY = "000.00.14.H38"
RETURN_POINT = "000.00.15.H38"


def event_for(
    kind: str, at: datetime, dossier: Dossier | None = None, *, intake: Intake | None = None
) -> events.DossierEvent:
    """An event of ``kind`` at ``at``, by an actor entitled to record it on ``dossier``.

    Without a dossier, the actors work for :data:`RECEIVING_AGENCY`; pass ``intake``
    to make a first event (submitted, received, refused) that starts a dossier. Used
    by :func:`dossiers` and handy in state-machine tests.
    """
    agency = dossier.agency if dossier else RECEIVING_AGENCY
    holder = dossier.holder if dossier else RECEIVING_AGENCY
    clerk = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK, Role.SPECIALIST}, holder)
    leader = Actor("Lãnh đạo", {Role.LEADER}, holder)
    desk = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK}, agency)
    returning = dossier.return_point if dossier else RECEIVING_AGENCY
    return_desk = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK}, returning)
    competent = dossier.competent_agency if dossier else COMPETENT_AGENCY
    applicant = Actor.applicant(dossier.applicant.name if dossier else "Người nộp hồ sơ")
    code = DossierCode(agency, to_local(at).date(), 1)
    builders: dict[str, Any] = {
        "submitted": lambda: events.Submitted(at=at, actor=applicant, intake=intake),
        "received": lambda: events.Received(at=at, actor=desk, code=code, intake=intake),
        "refused": lambda: events.Refused(
            at=at, actor=desk, reason="ngoài thẩm quyền", intake=intake
        ),
        "supplement_requested": lambda: events.SupplementRequested(
            at=at, actor=clerk, items=["bản sao"]
        ),
        "supplemented": lambda: events.Supplemented(at=at, actor=applicant),
        "payment_requested": lambda: events.PaymentRequested(at=at, actor=clerk, amount=50_000),
        "paid": lambda: events.Paid(at=at, actor=applicant, amount=50_000),
        "handed_over": lambda: events.HandedOver(at=at, actor=desk, to_agency=competent),
        "transferred": lambda: events.Transferred(
            at=at, actor=clerk, to_agency=OTHER_AGENCY, step="appraisal"
        ),
        "resolved": lambda: events.Resolved(at=at, actor=leader, result="kết quả"),
        "rejected": lambda: events.Rejected(at=at, actor=leader, reason="không đủ điều kiện"),
        "stopped": lambda: events.Stopped(at=at, actor=leader, reason="theo đề nghị"),
        "apologized": lambda: events.Apologized(
            at=at,
            actor=leader,
            reason="cần xác minh",
            original_due=at,
            new_appointment=at + timedelta(days=5),
        ),
        "withdrawn": lambda: events.Withdrawn(at=at, actor=applicant),
        "returned": lambda: events.Returned(at=at, actor=return_desk, channel=Channel.IN_PERSON),
        "rated": lambda: events.Rated(at=at, actor=applicant, level=Satisfaction.SATISFIED),
    }
    return builders[kind]()  # type: ignore[no-any-return]


#: What only a competent agency records: a boundary-free dossier is handed over first.
_DECIDED = frozenset({"transferred", "resolved", "rejected"})


def hand_over_rules() -> st.SearchStrategy[HandOverRule]:
    """Hand-over rules: cut-offs from 08:00 to 17:00, 0–3 working days for paper, either start.

    .. versionadded:: 0.5
    """
    return st.builds(
        HandOverRule,
        electronic_cutoff=st.times(time(8, 0), time(17, 0)).map(lambda t: t.replace(microsecond=0)),
        paper_working_days=st.integers(0, 3),
        deadline_from=st.sampled_from(list(DeadlineStart)),
    )


@st.composite
def dossiers(draw: st.DrawFn, *, max_events: int = 8) -> Dossier:
    """Dossiers with a legal history of up to ``max_events`` events.

    The procedure is drawn from :func:`procedures` (in force from any date), the
    channel from those it offers; the first event carries the intake — a third of them
    three-place intakes of a boundary-free dossier (:data:`COMPETENT_AGENCY` decides,
    the result returned at the reception point or at :data:`RETURN_POINT`, under a
    drawn hand-over rule); events follow the transition table and the hand-over rule
    (a boundary-free dossier is handed over before it is decided), a minute to a few
    days apart, from 2019–2034.

    .. versionchanged:: 0.5
       Boundary-free dossiers.
    """
    if not isinstance(max_events, int) or max_events < 1:
        raise InvalidArgument(f"max_events={shown(max_events)} must be a positive int")
    procedure = attrs.evolve(draw(procedures()), valid_from=None)
    applicant = Applicant(draw(_TEXTS), draw(st.none() | st.from_regex(r"\A\d{12}\Z")))
    at = draw(st.datetimes(datetime(2019, 1, 1), datetime(2034, 1, 1)))
    start = draw(st.sampled_from(["submitted", "received", "refused"]))
    boundary_free = draw(st.integers(0, 2)) == 0
    intake = Intake.of(
        procedure,
        applicant,
        agency=RECEIVING_AGENCY,
        channel=draw(st.sampled_from(procedure.channels)),
        competent_agency=COMPETENT_AGENCY if boundary_free else None,
        return_point=draw(st.sampled_from([None, RETURN_POINT])) if boundary_free else None,
        hand_over=draw(hand_over_rules()) if boundary_free else None,
    )
    dossier = Dossier([event_for(start, at, intake=intake)])
    for _ in range(draw(st.integers(0, max_events - 1))):
        allowed = sorted(TRANSITIONS[dossier.status])
        if not dossier.boundary_free or dossier.handed_over is not None:
            allowed = [kind for kind in allowed if kind != "handed_over"]
        else:
            allowed = [kind for kind in allowed if kind not in _DECIDED]
        if dossier.apology is not None and "apologized" in allowed:
            allowed.remove("apologized")
        if dossier.rating is not None and "rated" in allowed:
            allowed.remove("rated")
        if not allowed:
            break
        at += draw(st.timedeltas(timedelta(minutes=1), timedelta(days=6)))
        dossier = dossier.apply(event_for(draw(st.sampled_from(allowed)), at, dossier))
    return dossier
