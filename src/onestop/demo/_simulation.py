"""A year of one province's one-stop offices, simulated through :class:`OneStopOffice`.

Every dossier lives its life through the office's calls — the same calls a provincial
system makes — so the year exercises the whole library: reception at the desk and
online, refusals, supplements, fees paid online and at the desk, inter-agency
transfers, late dossiers with apologies, withdrawals, stops and returned results,
across Tết and the swapped working days of the national calendar.

Dossiers arrive on working days during office hours; their lives interleave in time
(a heap orders every dossier's next step), so running numbers follow arrival order
and each day's portal sync sees that day's events. The same seed gives the same year:
identities, codes, instants and outcomes.

The offices: the provincial public-administration service centre receives
province-level procedures and hands them to a department; two commune offices
receive commune-level procedures and process them themselves.
"""

from __future__ import annotations

import heapq
import random
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from onestop._shown import shown
from onestop.domain._validators import count
from onestop.domain.model._actor import Actor
from onestop.domain.model._actor import Role
from onestop.domain.model._agency import Level
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._procedure import Channel
from onestop.domain.model._procedure import Requirement
from onestop.domain.model._satisfaction import Satisfaction
from onestop.exceptions import OneStopError
from onestop.exceptions import UsageError
from onestop.rules._fees import Facts
from onestop.storage._contract import every_match
from onestop.storage._store_values import MAX_PAGE
from onestop.storage._store_values import DossierQuery

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Iterator

    from onestop.domain.model._procedure import Procedure
    from onestop.domain.time._calendar import Calendar
    from onestop.office._service import OfficeResult
    from onestop.office._service import OneStopOffice

__all__ = [
    "AGENCY_NAMES",
    "COMMUNES",
    "DEPARTMENTS",
    "PLACE",
    "PROVINCE",
    "YearOutline",
    "simulate_year",
    "working_days",
]

#: The provincial public-administration service centre (its one-stop desk).
PROVINCE = "000.00.12.H38"
#: The departments it hands province-level dossiers to, by code.
DEPARTMENTS = ("000.00.13.H38", "000.00.14.H38")
#: Two commune offices, which receive and process commune-level procedures.
COMMUNES = ("001.05.12.H38", "002.05.12.H38")
#: The province the demo plays (not a real one), where its forms are dated.
PLACE = "Tỉnh Mẫu"
#: The agencies' names, for forms and reports.
AGENCY_NAMES = {
    PROVINCE: "Trung tâm Phục vụ hành chính công tỉnh Mẫu",
    DEPARTMENTS[0]: "Sở Tư pháp tỉnh Mẫu",
    DEPARTMENTS[1]: "Sở Nông nghiệp và Môi trường tỉnh Mẫu",
    COMMUNES[0]: "Ủy ban nhân dân xã Đông Hòa",
    COMMUNES[1]: "Ủy ban nhân dân phường Tây Sơn",
}

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng")
_MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Thanh", "Đức", "Thu", "Quang")
_GIVEN = ("An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam")

#: How the year goes (shares of dossiers); see the module documentation.
_ONLINE, _POSTAL = 0.55, 0.05
_REFUSED = 0.02
_SUPPLEMENT, _SECOND_SUPPLEMENT = 0.18, 0.15
_LATE, _APOLOGY = 0.08, 0.75
_WITHDRAWN, _STOPPED = 0.015, 0.01
_PAID_ONLINE = 0.6
_DIGITISED, _RESULT_DIGITISED = 0.85, 0.7
_RATED = 0.4
#: How applicants rate (very satisfied, satisfied, acceptable, unsatisfied).
_RATINGS, _LATE_RATINGS = (35, 50, 11, 4), (5, 30, 35, 30)


_count = count(UsageError)


@attrs.define(field_transformer=lambda _, fields: [f.evolve(validator=_count) for f in fields])
class YearOutline:
    """What happened in the simulated year, counted as it ran.

    :param arrived: dossiers that arrived.
    :param calls: office calls made.
    :param refused: refusals at reception (at the desk or of online submissions).
    :param supplements: supplement requests.
    :param payments: payments recorded.
    :param transfers: transfers between agencies.
    :param apologies: apologies with a new appointment.
    :param resolved: dossiers resolved.
    :param withdrawn: dossiers withdrawn.
    :param stopped: dossiers stopped.
    :param rated: ratings given by applicants.
    :param open_at_end: dossiers still open when the year ended.
    """

    arrived: int = 0
    calls: int = 0
    refused: int = 0
    supplements: int = 0
    payments: int = 0
    transfers: int = 0
    apologies: int = 0
    resolved: int = 0
    withdrawn: int = 0
    stopped: int = 0
    rated: int = 0
    open_at_end: int = 0


def simulate_year(
    office: OneStopOffice,
    *,
    year: int,
    dossiers: int,
    seed: int,
    procedures: tuple[Procedure, ...],
    on_day: Callable[[date, datetime], None] | None = None,
    on_result: Callable[[OfficeResult], None] | None = None,
) -> YearOutline:
    """Run ``dossiers`` dossiers through ``office`` over ``year``.

    :param procedures: the procedures applicants choose from (province- and
        commune-level ones are routed to the centre and to the communes).
    :param on_day: called after each working day's last step, with the day and the
        end of its office hours (the demo syncs the portal there).
    :param on_result: called with what every office call returned (the demo keeps a
        few signed receipts).
    :raises UsageError: for no procedures, a negative count, or a year outside the
        calendar.
    """
    from onestop.domain.model._procedure import Procedure  # noqa: PLC0415 - checks only
    from onestop.office._service import OneStopOffice  # noqa: PLC0415 - the layer above

    if not isinstance(office, OneStopOffice):
        raise UsageError(f"office is a OneStopOffice, got {shown(office)}")
    if type(dossiers) is not int or dossiers < 0:
        raise UsageError(f"dossiers is a count (0 or more), got {shown(dossiers)}")
    if type(year) is not int or type(seed) is not int:
        raise UsageError(f"year and seed are ints, got {shown(year)} and {shown(seed)}")
    if (
        not isinstance(procedures, tuple)
        or not procedures
        or not all(isinstance(p, Procedure) for p in procedures)
    ):
        raise UsageError(f"procedures is a non-empty tuple of Procedure, got {shown(procedures)}")
    for name, hook in (("on_day", on_day), ("on_result", on_result)):
        if hook is not None and not callable(hook):
            raise UsageError(f"{name} is a function or None, got {shown(hook)}")
    calendar = office.calendar
    if not (
        calendar.first_day.year <= year <= calendar.last_day.year
        and calendar.first_day <= date(year, 1, 1)
        and date(year, 12, 31) <= calendar.last_day
    ):
        raise UsageError(f"{shown(year)} is outside the office calendar's years")
    rng = random.Random(seed)  # noqa: S311 - a reproducible simulation, not a secret
    world = _Year(office, rng, year, procedures, on_result)
    world.run(dossiers, on_day)
    return world.outline


class _Year:
    """The simulation's state: the office, the random source, the heap of next steps."""

    def __init__(
        self,
        office: OneStopOffice,
        rng: random.Random,
        year: int,
        procedures: tuple[Procedure, ...],
        on_result: Callable[[OfficeResult], None] | None,
    ) -> None:
        self.office = office
        self.calendar = office.calendar
        self.rng = rng
        self.year = year
        self.procedures = procedures
        self.on_result = on_result
        self.outline = YearOutline()
        self.end = datetime(year, 12, 31, 23, 59)
        self.clerks = {
            desk: _official("Cán bộ một cửa", Role.RECEPTION_CLERK, desk)
            for desk in (PROVINCE, *COMMUNES)
        }
        self.specialists = {
            a: _official("Chuyên viên", Role.SPECIALIST, a) for a in (*DEPARTMENTS, *COMMUNES)
        }
        self.leaders = {a: _official("Lãnh đạo", Role.LEADER, a) for a in (*DEPARTMENTS, *COMMUNES)}

    # -- the clock ---------------------------------------------------------------

    def during_hours(self, day: date) -> datetime:
        """A random instant within ``day``'s office hours, to the minute."""
        opening = self.calendar.receipt_moment(datetime(day.year, day.month, day.day))
        length = self.calendar.working_time_between(opening, self.calendar.close_of_office(day))
        offset = timedelta(minutes=self.rng.randrange(max(int(length.total_seconds() // 60), 1)))
        return self.calendar.add_working_hours(opening, offset)

    def after(self, at: datetime, span: timedelta) -> datetime:
        """``span`` of calendar time after ``at``, to the minute (an applicant's pace)."""
        return (at + span).replace(second=0, microsecond=0)

    def later(self, at: datetime, hours: float) -> datetime:
        """``hours`` of office time after ``at``, to the minute."""
        moment = self.calendar.add_working_hours(at, timedelta(minutes=max(round(hours * 60), 1)))
        return moment.replace(second=0, microsecond=0)

    # -- the year ----------------------------------------------------------------

    def run(self, dossiers: int, on_day: Callable[[date, datetime], None] | None) -> None:
        days = working_days(self.calendar, self.year)
        arrivals = sorted(
            (self.during_hours(self.rng.choice(days)), number) for number in range(dossiers)
        )
        heap: list[tuple[datetime, int, Iterator[datetime]]] = []
        for at, number in arrivals:
            life = self.life(number, at)
            heapq.heappush(heap, (next(life), number, life))
        for day in days:
            closing = self.calendar.close_of_office(day)
            while heap and heap[0][0] <= closing:
                _, number, life = heapq.heappop(heap)
                following = next(life, None)
                if following is not None and following <= self.end:
                    heapq.heappush(heap, (following, number, life))
                elif following is not None:
                    self.outline.open_at_end += 1
            if on_day is not None:
                on_day(day, closing)
        # What is open is what the store says: a returned dossier whose rating is still
        # to come is closed, though its simulated life goes on.
        query = DossierQuery(limit=MAX_PAGE)
        self.outline.open_at_end = sum(
            1 for summary in every_match(self.office.store, query) if summary.closed_at is None
        )

    def call(self, method: Callable[..., OfficeResult], *args: object, **kwargs: object) -> None:
        result = method(*args, **kwargs)
        self.outline.calls += 1
        if self.on_result is not None:
            self.on_result(result)

    # -- one dossier -------------------------------------------------------------

    def life(self, number: int, arrival: datetime) -> Iterator[datetime]:  # noqa: C901, PLR0912, PLR0915 - a life, in order
        """One dossier's life: yields when its next step happens, then takes it."""
        rng, office, outline = self.rng, self.office, self.outline
        procedure = rng.choice(self.procedures)
        commune = procedure.level is Level.COMMUNE
        desk = rng.choice(COMMUNES) if commune else PROVINCE
        clerk = self.clerks[desk]
        channels = procedure.channels
        draw = rng.random()
        if Channel.ONLINE in channels and draw < _ONLINE:
            channel = Channel.ONLINE
        elif Channel.POSTAL in channels and draw < _ONLINE + _POSTAL:
            channel = Channel.POSTAL
        else:
            channel = Channel.IN_PERSON if Channel.IN_PERSON in channels else channels[0]
        applicant = Applicant(f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}")
        person = Actor.applicant(applicant.name)
        dossier_id = f"{self.year:04d}{number:028x}"
        components = [c.name for c in procedure.components if c.requirement is Requirement.REQUIRED]
        refused = rng.random() < _REFUSED
        facts = Facts(
            quantities={
                "page": rng.randint(1, 12),
                "copy": rng.randint(1, 3),
                "declared_value": rng.randrange(50, 5_000) * 1_000_000,
            },
            categories={
                "act": rng.choice(("certify", "amend_or_cancel", "correct_errors")),
                "certificate": rng.choice(("land", "land_and_assets")),
                "applicant": "individual" if rng.random() < 0.9 else "organisation",
                "area": rng.choice(("ward", "commune")),
                "registration": "on_time" if rng.random() < 0.9 else "late",
            },
            channel=channel,
        )
        yield arrival
        outline.arrived += 1
        at = arrival
        if channel is Channel.IN_PERSON and refused:
            self.call(
                office.refuse,
                procedure.code,
                applicant,
                actor=clerk,
                reason="Hồ sơ không thuộc thẩm quyền tiếp nhận",
                at=at,
                dossier_id=dossier_id,
            )
            outline.refused += 1
            return
        if channel is Channel.IN_PERSON:
            self.call(
                office.receive,
                procedure.code,
                applicant,
                actor=clerk,
                components=components,
                facts=facts,
                at=at,
                dossier_id=dossier_id,
                digitised=rng.random() < _DIGITISED,
            )
        else:
            self.call(
                office.submit,
                procedure.code,
                applicant,
                agency=desk,
                actor=person,
                channel=channel,
                at=at,
                dossier_id=dossier_id,
            )
            at = self.later(at, rng.uniform(0.2, 6))
            yield at
            if refused:
                self.call(
                    office.refuse_submitted,
                    dossier_id,
                    actor=clerk,
                    reason="Hồ sơ không hợp lệ",
                    at=at,
                )
                outline.refused += 1
                return
            self.call(
                office.receive_submitted,
                dossier_id,
                actor=clerk,
                components=components,
                facts=facts,
                at=at,
                digitised=channel is Channel.POSTAL and rng.random() < _DIGITISED,
            )
        dossier = office.dossier(dossier_id)
        due = dossier.deadline(self.calendar)
        if due is None:  # pragma: no cover - a received dossier has a deadline
            return
        budget = self.calendar.working_time_between(at, due).total_seconds() / 3600
        holder = desk
        if not commune:
            holder = rng.choice(DEPARTMENTS)
            at = self.later(at, min(budget * 0.05, 2) or 0.1)
            yield at
            self.call(
                office.transfer, dossier_id, actor=clerk, to_agency=holder, step="thẩm định", at=at
            )
            outline.transfers += 1
        if rng.random() < _WITHDRAWN:
            at = self.later(at, rng.uniform(1, 16))
            yield at
            self.call(office.withdraw, dossier_id, actor=person, at=at)
            outline.withdrawn += 1
            return
        requests = 0
        while rng.random() < (_SUPPLEMENT if requests == 0 else _SECOND_SUPPLEMENT):
            at = self.later(at, max(budget * rng.uniform(0.05, 0.3), 0.1))
            yield at
            self.call(
                office.request_supplement,
                dossier_id,
                actor=self.specialists[holder],
                items=["Bản sao giấy tờ tùy thân có chứng thực"],
                at=at,
            )
            outline.supplements += 1
            requests += 1
            at = self.after(at, timedelta(days=rng.uniform(0.5, 9)))
            yield at
            self.call(office.record_supplement, dossier_id, actor=person, at=at)
        if dossier.terms.fee_schedule is not None and rng.random() < 0.5:
            amount = rng.choice((10_000, 20_000, 50_000, 100_000))
            at = self.later(at, 0.5)
            yield at
            self.call(
                office.request_payment,
                dossier_id,
                actor=self.specialists[holder],
                amount=amount,
                at=at,
            )
            at = self.after(at, timedelta(hours=rng.uniform(0.2, 30)))
            yield at
            online = rng.random() < _PAID_ONLINE
            payer = Actor("Cổng dịch vụ công", {Role.SYSTEM}) if online else person
            self.call(
                office.record_payment,
                dossier_id,
                actor=payer,
                amount=amount,
                online=online,
                at=at,
            )
            outline.payments += 1
        if rng.random() < _STOPPED:
            at = self.later(at, 2)
            yield at
            self.call(
                office.stop,
                dossier_id,
                actor=self.leaders[holder],
                reason="Người nộp không bổ sung hồ sơ theo yêu cầu",
                at=at,
            )
            outline.stopped += 1
            return
        if not commune and rng.random() < 0.3:  # another department's opinion, and back
            other = next(d for d in DEPARTMENTS if d != holder)
            for giver, taker, step, share in (
                (holder, other, "lấy ý kiến", 0.1),
                (other, holder, "phê duyệt", 0.15),
            ):
                at = self.later(at, max(budget * share, 0.2))
                yield at
                self.call(
                    office.transfer,
                    dossier_id,
                    actor=self.specialists[giver],
                    to_agency=taker,
                    step=step,
                    at=at,
                )
                outline.transfers += 1
        current = office.dossier(dossier_id)
        due = current.deadline(self.calendar)
        if due is None or due > self.end + timedelta(days=400):  # pragma: no cover - received
            return
        late = rng.random() < _LATE
        if late:
            finish = self.later(due, rng.uniform(1, 40))
            if rng.random() < _APOLOGY and at < due:
                before = timedelta(minutes=rng.randrange(30, 360))
                notice = max(at, self.calendar.add_working_hours(due, -before)).replace(
                    second=0, microsecond=0
                )
                yield notice
                new = self.later(finish, 8)
                try:
                    self.call(
                        office.apologize,
                        dossier_id,
                        actor=self.leaders[holder],
                        reason="Hồ sơ cần xác minh thêm",
                        new_appointment=new,
                        at=notice,
                    )
                    outline.apologies += 1
                except OneStopError:
                    pass  # not late or due soon after all: no apology
                at = notice
        else:
            left = self.calendar.working_time_between(at, due).total_seconds() / 3600
            finish = self.later(at, max(left * rng.uniform(0.2, 0.98), 0.05))
        at = max(finish, at)
        yield at
        self.call(
            office.resolve,
            dossier_id,
            actor=self.leaders[holder],
            result="Giấy chứng nhận / kết quả giải quyết",
            digitised=rng.random() < _RESULT_DIGITISED,
            at=at,
        )
        outline.resolved += 1
        at = self.later(at, rng.uniform(0.5, 24))
        yield at
        returned = Channel.ONLINE if channel is Channel.ONLINE else Channel.IN_PERSON
        self.call(office.return_result, dossier_id, actor=clerk, channel=returned, at=at)
        if rng.random() < _RATED:
            at = self.after(at, timedelta(hours=rng.uniform(0.1, 48)))
            yield at
            weights = _LATE_RATINGS if late else _RATINGS
            level = rng.choices(list(Satisfaction), weights=weights)[0]
            self.call(office.rate, dossier_id, actor=person, level=level, at=at)
            outline.rated += 1


def working_days(calendar: Calendar, year: int) -> list[date]:
    """The working days of ``year`` on ``calendar``, in order.

    Tết and the other days off are skipped; make-up Saturdays are included.

    :raises UsageError: for a calendar that is not one or a year that is not an int.
    :raises CalendarRangeError: for a year outside the calendar.
    """
    from onestop.domain.time._calendar import Calendar  # noqa: PLC0415 - checks only

    if not isinstance(calendar, Calendar) or type(year) is not int or not 1 <= year <= 9998:
        raise UsageError(
            f"a Calendar and a year (1..9998), got {shown(calendar)} and {shown(year)}"
        )
    day, days = date(year, 1, 1), []
    while day.year == year:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _official(title: str, role: Role, agency: str) -> Actor:
    return Actor(f"{title} {agency}", {role}, agency)
