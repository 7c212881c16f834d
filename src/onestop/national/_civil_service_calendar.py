"""The national civil-service calendar of Việt Nam: ``holidays`` data plus sourced amendments.

Public holidays, substitute days off and make-up Saturdays come from the
``holidays`` package (``country_holidays("VN")`` and its ``weekend_workdays``);
onestop never re-types what it already has. The government decides each year's
swaps by official letter and ``holidays`` sometimes lags: :data:`AMENDMENTS` lists
the official changes it lacks, each with its legal source, applied on top of it.
``tests/national/test_national_calendar.py`` fails as soon as ``holidays`` carries one of them
itself, so the amendment can be dropped.

References:
    * Labour Code 2019 (Law 45/2019/QH14) Art. 112 (public holidays, substitute days).
    * Official letter 12729/VPCP-KGVX of 25/12/2025 (New Year 2026 swap).
    * Resolution 80-NQ/TW (01/2026) and Government Resolution 30/NQ-CP (02/2026)
      (Vietnam Culture Day, 24 November).
"""

from __future__ import annotations

import functools
from datetime import date
from importlib.metadata import version

import attrs
import holidays

from onestop._shown import shown
from onestop.domain.time._calendar import Calendar
from onestop.domain.time._day_change import DayChange
from onestop.domain.time._day_change import DayKind
from onestop.exceptions import CalendarInputError
from onestop.exceptions import CalendarRangeError

__all__ = [
    "AMENDMENTS",
    "ANNOUNCED_UNTIL",
    "SUPPORTED_YEARS",
    "national_changes",
    "vietnam_calendar",
    "without_culture_day",
]

#: The last year whose civil-service schedule has been officially announced.
#: Later years are computed by rule (``holidays``' defaults) and are provisional.
ANNOUNCED_UNTIL = 2026

_LETTER_12729 = (
    "Official letter 12729/VPCP-KGVX of 25/12/2025 (Deputy Prime Minister's approval "
    "of the Ministry of Home Affairs' proposal)"
)
_LETTER_12729_VI = (
    "Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Phó Thủ tướng đồng ý đề xuất của Bộ Nội vụ)"
)

#: Official schedule changes that the pinned ``holidays`` release lacks.
AMENDMENTS: tuple[DayChange, ...] = (
    DayChange(
        date(2026, 1, 2),
        DayKind.DAY_OFF,
        "Day off (swapped with Saturday 10/01/2026)",
        "Ngày nghỉ (hoán đổi với thứ Bảy 10/01/2026)",
        _LETTER_12729,
        _LETTER_12729_VI,
    ),
    DayChange(
        date(2026, 1, 10),
        DayKind.MAKEUP_DAY,
        "Make-up working day (for Friday 02/01/2026)",
        "Ngày làm bù (cho thứ Sáu 02/01/2026)",
        _LETTER_12729,
        _LETTER_12729_VI,
    ),
)

_CULTURE_DAY = "Vietnam Cultural Day"

#: The years the national calendar can be built for: from 2015 (the first year the
#: test suite checks against the official schedules) to the last year ``holidays``
#: computes for Việt Nam.
SUPPORTED_YEARS = range(2015, holidays.country_holidays("VN").end_year + 1)


def _sources(name: str, data: str) -> tuple[str, str]:
    """The legal basis of a public holiday named ``name`` (English), in English and Vietnamese.

    Vietnam Culture Day rests on Resolution 80-NQ/TW and Government Resolution
    30/NQ-CP, not (yet, as far as confirmed) on Labour Code Art. 112.
    """
    if name.startswith(_CULTURE_DAY):
        english = (
            "Resolution 80-NQ/TW (01/2026) and Government Resolution 30/NQ-CP (02/2026); "
            f"Labour Code amendment unconfirmed; {data}"
        )
        vietnamese = (
            "Nghị quyết 80-NQ/TW (01/2026) và Nghị quyết 30/NQ-CP (02/2026); "
            f"việc sửa Bộ luật Lao động chưa được xác nhận; {data}"
        )
        return english, vietnamese
    return (
        f"{data}, Labour Code 2019 Art. 112",
        f"{data}, Bộ luật Lao động 2019 Điều 112",
    )


@functools.cache
def national_changes(
    first_year: int, last_year: int, *, culture_day: bool = True
) -> tuple[DayChange, ...]:
    """The national days off and make-up days of ``first_year..last_year``.

    :param culture_day: keep Vietnam Culture Day (24 November, from 2026) and its
        substitute days as days off.
    """
    if not (
        first_year in SUPPORTED_YEARS and last_year in SUPPORTED_YEARS and first_year <= last_year
    ):
        raise CalendarRangeError(
            f"the national calendar covers years {SUPPORTED_YEARS.start}-"
            f"{SUPPORTED_YEARS.stop - 1}; {shown(first_year)}-{shown(last_year)} was asked for"
        )
    years = range(first_year, last_year + 1)
    english = holidays.country_holidays("VN", years=years, language="en_US")
    vietnamese = holidays.country_holidays("VN", years=years, language="vi")
    data = f"holidays {version('holidays')} (VN)"
    changes = [
        DayChange(day, DayKind.HOLIDAY, name, vietnamese[day], *_sources(name, data))
        for day, name in sorted(english.items())
        if culture_day or not name.startswith(_CULTURE_DAY)
    ]
    changes.extend(
        DayChange(
            day,
            DayKind.MAKEUP_DAY,
            "Make-up working day",
            "Ngày làm bù",
            f"{data}, government swap",
            f"{data}, hoán đổi ngày làm việc theo quyết định của Chính phủ",
        )
        for day in sorted(english.weekend_workdays)
        if first_year <= day.year <= last_year
    )
    changes.extend(a for a in AMENDMENTS if first_year <= a.day.year <= last_year)
    return tuple(changes)


def vietnam_calendar(
    first_year: int = 2015, last_year: int = 2035, *, culture_day: bool = True
) -> Calendar:
    """The national civil-service calendar of Việt Nam, built once per set of arguments.

    Public holidays, substitute days off and make-up Saturdays come from the
    ``holidays`` package; onestop's amendments (:data:`AMENDMENTS`) are applied on
    top. Office hours are 08:00–12:00 and 13:00–17:00. The same arguments give the
    same (already indexed) calendar object.

    :param culture_day: observe Vietnam Culture Day (24 November, from 2026) as a
        day off. Resolution 80-NQ/TW chose it; the Labour Code amendment is
        unconfirmed, so a province can turn it off.
    :raises CalendarInputError: when a year is not an int or ``culture_day`` not a bool.
    :raises CalendarRangeError: for years the national data does not cover.

    .. versionchanged:: 0.5
       Moved from ``Calendar.vietnam()``: the domain knows no national data.
    """
    for year in (first_year, last_year):
        if type(year) is not int:
            raise CalendarInputError(f"a year is an int, got {shown(year)}")
    if type(culture_day) is not bool:
        raise CalendarInputError(f"culture_day is True or False, got {shown(culture_day)}")
    return _shared_calendar(first_year, last_year, culture_day=culture_day)


@functools.cache
def _shared_calendar(first_year: int, last_year: int, *, culture_day: bool) -> Calendar:
    calendar = Calendar(
        first_year=first_year,
        last_year=last_year,
        changes=national_changes(first_year, last_year, culture_day=culture_day),
        announced_until=ANNOUNCED_UNTIL,
        name="Việt Nam",
    )
    calendar.is_working_day(calendar.first_day)  # build the index once, here
    return calendar


def without_culture_day(calendar: Calendar) -> Calendar:
    """``calendar`` with Vietnam Culture Day and its substitute days working days again.

    For a calendar built on the national one (a province's, say) whose office does
    not observe the day while its Labour Code basis is unconfirmed.
    """
    if not isinstance(calendar, Calendar):
        raise CalendarInputError(f"expected a Calendar, got {shown(calendar)}")
    changes = tuple(c for c in calendar.changes if not c.name.startswith(_CULTURE_DAY))
    return attrs.evolve(calendar, changes=changes)
