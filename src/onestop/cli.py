"""The ``onestop`` command: deadlines, working calendars and the office's store from the shell.

``onestop deadline 2026-02-13T10:00 "3 ngày làm việc"`` prints the deadline and the
days it skipped, with the reason and source of each; ``onestop calendar 2026`` prints
the year's working calendar as a month grid with every change to the ordinary week.
Both take ``--policy``, ``--lang vi|en`` and ``--json``; ``--version`` prints the
version. ``onestop plugins``, ``onestop outbox [drain|serve]``, ``onestop verify`` and
``onestop checkpoint`` act on the office's store (``onestop._office_commands``);
``onestop demo`` simulates a province's year (``onestop.demo._run``).
Text output writes dates day/month/year, as Vietnamese documents do; JSON
uses ISO 8601. Bad input, including a bad option, exits with status 2 and one line on
standard error, never a traceback. This module only calls onestop's public API.
"""

from __future__ import annotations

import argparse
import calendar as stdlib_calendar
import json
import os
import sys
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version
from typing import TYPE_CHECKING
from typing import Any
from typing import NoReturn

from onestop import VIETNAM_TZ
from onestop import Calendar
from onestop import DayKind
from onestop import DeadlinePolicy
from onestop import Duration
from onestop import DurationUnit
from onestop import OneStopError
from onestop._exit_status import CHECK_FAILED
from onestop._exit_status import REFUSED
from onestop._shown import shown
from onestop.domain.time._local_time import vietnam_iso
from onestop.exceptions import SignatureError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from onestop.domain.time._day_change import Language

__all__ = ["main"]

_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
}
_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "received": "Received",
        "receipt": "Counts as received",
        "counts_from": "Counts from",
        "day_one": "day 1; the receipt day is not counted (Civil Code Art. 147 cl. 2)",
        "from_receipt": "office time runs from receipt",
        "skipped_calendar": "Days off the period moved past (Civil Code Art. 148 cl. 2)",
        "duration": "Duration",
        "policy": "Policy",
        "deadline": "Deadline",
        "skipped": "Days skipped",
        "none": "none",
        "weekend": "weekend",
        "provisional": "Provisional: the schedule of {years} is not officially announced yet; "
        "days off there are computed by rule",
        "end_of_day": "end of day (Civil Code Art. 147-148)",
        "office_time": "office time (n x 8 office hours)",
        "title": "{name} working calendar {year}",
        "announced": "officially announced",
        "not_announced": "provisional: not officially announced yet",
        "hours": "Office hours",
        "season": "Season {first}-{last} {name}",
        "cutoff": "Reception cut-off",
        "same_day": "Same-day cut-off",
        "legend": "* day off   + make-up working day   (Sa, Su: weekend)",
        "changes": "Changes to the ordinary week",
        "day_off": "day off",
        "closure": "office closed",
        "makeup": "make-up day",
        "weekend_holiday": "holiday on a weekend day",
        "working": "working day",
        "days_header": "Mo Tu We Th Fr Sa Su",
    },
    "vi": {
        "received": "Tiếp nhận",
        "receipt": "Tính là tiếp nhận lúc",
        "counts_from": "Tính từ",
        "day_one": "ngày thứ nhất; không tính ngày tiếp nhận (BLDS Điều 147 khoản 2)",
        "from_receipt": "tính theo giờ làm việc từ lúc tiếp nhận",
        "skipped_calendar": "Ngày nghỉ mà thời hạn được lùi qua (BLDS Điều 148 khoản 2)",
        "duration": "Thời hạn",
        "policy": "Cách tính",
        "deadline": "Hẹn trả",
        "skipped": "Ngày không tính",
        "none": "không có",
        "weekend": "nghỉ cuối tuần",
        "provisional": "Tạm tính: lịch nghỉ năm {years} chưa được công bố chính thức; "
        "ngày nghỉ được tính theo quy tắc",
        "end_of_day": "hết giờ làm việc (Bộ luật Dân sự Điều 147-148)",
        "office_time": "theo giờ hành chính (n x 8 giờ làm việc)",
        "title": "Lịch làm việc {name} năm {year}",
        "announced": "đã công bố chính thức",
        "not_announced": "tạm tính: chưa công bố chính thức",
        "hours": "Giờ làm việc",
        "season": "Mùa {first}-{last} {name}",
        "cutoff": "Giờ ngừng tiếp nhận",
        "same_day": "Giờ ngừng nhận trong ngày",
        "legend": "* ngày nghỉ   + ngày làm bù   (T7, CN: nghỉ cuối tuần)",
        "changes": "Thay đổi so với tuần làm việc thông thường",
        "day_off": "ngày nghỉ",
        "closure": "cơ quan đóng cửa",
        "makeup": "ngày làm bù",
        "weekend_holiday": "ngày lễ trùng cuối tuần",
        "working": "ngày làm việc",
        "days_header": "T2 T3 T4 T5 T6 T7 CN",
    },
}


class _UsageError(Exception):
    """Bad command-line input; printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit status 2, like onestop's own."""

    def error(self, message: str) -> NoReturn:
        """Raise instead of printing the usage and exiting."""
        command = self.prog if self.prog.startswith("onestop") else f"onestop {self.prog}"
        raise _UsageError(f"{message} (see '{command} --help')")


def _parse_moment(text: str) -> datetime:
    """The receipt time in Vietnam local time (an offset, if given, is converted)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _UsageError(
            f"cannot read {shown(text)} as a receipt time; write it as YYYY-MM-DDTHH:MM, "
            "e.g. 2026-02-13T10:00 (local Vietnamese time, or with an offset like +07:00)"
        ) from None
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(VIETNAM_TZ).replace(tzinfo=None)


def _parse_clock_time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise _UsageError(
            f"cannot read {shown(text)} as a time of day; write HH:MM, e.g. 16:30"
        ) from None


def _build_calendar(args: argparse.Namespace, years: Sequence[int]) -> Calendar:
    """The province's calendar from its plugins (as the office sees it), then the options."""
    from onestop.national._civil_service_calendar import without_culture_day  # noqa: PLC0415 - when run
    from onestop.office._setup import province_calendar  # noqa: PLC0415 - loads the plugins

    first, last = min(2015, *years), max(2035, *years)
    cal = province_calendar(first, last)
    if args.no_culture_day:
        cal = without_culture_day(cal)
    if args.office_hours:
        cal = cal.with_office_hours(args.office_hours)
    if args.reception_cutoff:
        cal = cal.with_reception_cutoff(_parse_clock_time(args.reception_cutoff))
    return cal


def _weekday(day: date, lang: str) -> str:
    return _WEEKDAYS[lang][day.weekday()]


def _fmt(moment: datetime) -> str:
    return f"{moment:%d/%m/%Y %H:%M}"


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _reason(cal: Calendar, day: date, lang: Language) -> tuple[str, str, str]:
    """Why ``day`` is not a working day: (kind, reason, source)."""
    change = cal.change_on(day)
    if change is None or change.kind is DayKind.MAKEUP_DAY:
        return "weekend", _TEXT[lang]["weekend"], ""
    return change.kind.value, change.label(lang), change.cited(lang)


def _counting(
    cal: Calendar,
    *,
    received: datetime,
    due: datetime,
    duration: Duration,
    policy: DeadlinePolicy,
    lang: Language,
) -> tuple[datetime | date, str, list[tuple[date, str, str, str]]]:
    """Where counting starts (with why), and the days off the count skipped.

    Days off between the arrival and the receipt moment (a dossier arriving on a
    Friday evening counts from Monday) are skipped days too.
    """
    receipt = cal.receipt_moment(received)
    text = _TEXT[lang]
    receipt_day = receipt.date()
    in_office_time = duration.is_office_time or (
        duration.unit is DurationUnit.WORKING_DAYS and policy is DeadlinePolicy.OFFICE_TIME
    )
    counts_from: datetime | date
    if in_office_time or duration.unit is DurationUnit.SAME_DAY:
        counts_from, note = receipt, text["from_receipt"]
    elif duration.unit is DurationUnit.WORKING_DAYS:
        counts_from, note = cal.add_working_days(receipt_day, 1), text["day_one"]
    else:
        counts_from, note = receipt_day + timedelta(days=1), text["day_one"]
    # Calendar days and months count weekends and holidays: only the days off that
    # the end moved past (Art. 148 cl. 2) are skipped.
    day = received.date()
    if duration.unit.counts_every_day:
        day = duration.calendar_end(receipt_day) - timedelta(days=1)
    skipped: list[tuple[date, str, str, str]] = []
    while day < due.date():
        day += timedelta(days=1)
        if not cal.is_working_day(day):
            skipped.append((day, *_reason(cal, day, lang)))
    return counts_from, note, skipped


def _deadline(args: argparse.Namespace) -> int:
    lang: Language = args.lang
    text = _TEXT[lang]
    received = _parse_moment(args.received)
    duration = Duration.parse(args.duration)
    policy = DeadlinePolicy(args.policy)
    cal = _build_calendar(args, [received.year])
    due = cal.deadline(received, duration, policy)
    receipt = cal.receipt_moment(received)
    counts_from, note, skipped = _counting(
        cal, received=received, due=due, duration=duration, policy=policy, lang=lang
    )
    provisional = sorted({d.year for d in (receipt.date(), due.date()) if cal.is_provisional(d)})
    if args.json:
        payload = {
            "received_at": vietnam_iso(received),
            "receipt_moment": vietnam_iso(receipt),
            "counts_from": (
                vietnam_iso(counts_from)
                if isinstance(counts_from, datetime)
                else counts_from.isoformat()
            ),
            "duration": {
                "amount": duration.amount,
                "unit": duration.unit.value,
                "text": duration.format(lang),
            },
            "policy": policy.value,
            "deadline": vietnam_iso(due),
            "skipped": [
                {"date": d.isoformat(), "kind": kind, "reason": reason, "source": source}
                for d, kind, reason, source in skipped
            ],
            "provisional_years": provisional,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    rows = [(text["received"], f"{_fmt(received)} ({_weekday(received, lang)})")]
    if receipt != received:
        rows.append((text["receipt"], f"{_fmt(receipt)} ({_weekday(receipt, lang)})"))
    start = _fmt(counts_from) if isinstance(counts_from, datetime) else _day(counts_from)
    rows += [
        (text["counts_from"], f"{start} ({_weekday(counts_from, lang)}) — {note}"),
        (text["duration"], duration.format(lang)),
        (text["policy"], text[policy.value]),
        (text["deadline"], f"{_fmt(due)} ({_weekday(due, lang)})"),
    ]
    width = max(len(label) for label, _ in rows) + 2
    for label, value in rows:
        print(f"{label + ':':<{width}}{value}")
    header = text["skipped_calendar" if duration.unit.counts_every_day else "skipped"]
    print(f"{header}:" + ("" if skipped else f" {text['none']}"))
    for d, _, reason, source in skipped:
        cited = f"  [{source}]" if source else ""
        print(f"  {_day(d)} {_weekday(d, lang):<9} {reason}{cited}")
    if provisional:
        print(text["provisional"].format(years=", ".join(map(str, provisional))))
    return 0


def _month_lines(cal: Calendar, year: int, month: int, lang: Language) -> list[str]:
    title = (
        f"Tháng {month}/{year}" if lang == "vi" else f"{stdlib_calendar.month_name[month]} {year}"
    )
    header = " ".join(f"{name:>2} " for name in _TEXT[lang]["days_header"].split())
    lines = [f"{title:^27}", header]
    for week in stdlib_calendar.Calendar().monthdayscalendar(year, month):
        cells = []
        for number in week:
            if number == 0:
                cells.append("   ")
                continue
            day = date(year, month, number)
            working = cal.is_working_day(day)
            mark = " "
            if working and day.weekday() >= 5:
                mark = "+"
            elif not working and day.weekday() < 5:
                mark = "*"
            cells.append(f"{number:>2}{mark}")
        lines.append(" ".join(cells))
    while len(lines) < 8:
        lines.append("")
    return lines


def _change_effect(cal: Calendar, day: date, kind: DayKind, lang: Language) -> str:
    text = _TEXT[lang]
    if kind is DayKind.MAKEUP_DAY:
        return text["makeup"]
    if day.weekday() >= 5 and not cal.is_working_day(day):
        return text["weekend_holiday"]
    return text["closure"] if kind is DayKind.CLOSURE else text["day_off"]


def _calendar(args: argparse.Namespace) -> int:
    lang: Language = args.lang
    text = _TEXT[lang]
    year: int = args.year
    cal = _build_calendar(args, [year])
    policy = DeadlinePolicy(args.policy)
    changes = [
        {
            "date": change.day.isoformat(),
            "weekday": _weekday(change.day, lang),
            "kind": change.kind.value,
            "effect": _change_effect(cal, change.day, change.kind, lang),
            "name": change.label(lang),
            "source": change.cited(lang),
        }
        for change in cal.changes
        if change.day.year == year and cal.change_on(change.day) == change
    ]
    seasons = [
        {
            "first": f"{s.first[1]:02d}/{s.first[0]:02d}",
            "last": f"{s.last[1]:02d}/{s.last[0]:02d}",
            "name": s.name,
            "hours": str(s.hours),
        }
        for s in cal.seasons
    ]
    cutoff = cal.reception_cutoff.strftime("%H:%M") if cal.reception_cutoff else None
    if args.json:
        first = date(year, 1, 1)
        payload: dict[str, Any] = {
            "calendar": cal.name,
            "year": year,
            "provisional": cal.is_provisional(first),
            "policy": policy.value,
            "office_hours": str(cal.office_hours),
            "seasons": seasons,
            "reception_cutoff": cutoff,
            "same_day_cutoff": cal.same_day_cutoff.strftime("%H:%M"),
            "working_days": sum(
                cal.is_working_day(first + timedelta(days=i))
                for i in range((date(year, 12, 31) - first).days + 1)
            ),
            "changes": changes,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    status = text["not_announced"] if cal.is_provisional(date(year, 1, 1)) else text["announced"]
    print(text["title"].format(name=cal.name, year=year) + f" ({status})")
    print(f"{text['hours']}: {cal.office_hours}")
    for season in seasons:
        print("  " + text["season"].format(**season).strip() + f": {season['hours']}")
    print(
        f"{text['cutoff']}: {cutoff or text['none']}   "
        f"{text['same_day']}: {cal.same_day_cutoff:%H:%M}   {text['policy']}: {text[policy.value]}"
    )
    print()
    for quarter in range(4):
        blocks = [_month_lines(cal, year, quarter * 3 + m, lang) for m in (1, 2, 3)]
        for row in zip(*blocks, strict=True):
            print("   ".join(f"{line:<27}" for line in row).rstrip())
    print(text["legend"])
    print()
    print(f"{text['changes']}:")
    for entry in changes:
        day = _day(date.fromisoformat(entry["date"]))
        print(
            f"  {day} {entry['weekday']:<9} {entry['effect']:<24} "
            f"{entry['name']}  [{entry['source']}]"
        )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="onestop", description="Vietnamese one-stop deadlines and working calendars."
    )
    parser.add_argument("--version", action="version", version=f"onestop {_version()}")
    common = _Parser(add_help=False)
    common.add_argument(
        "--policy",
        choices=[p.value for p in DeadlinePolicy],
        default="end_of_day",
        help="how whole working days end (default: end_of_day, the Civil Code reading)",
    )
    common.add_argument("--lang", choices=["en", "vi"], default="en", help="language of names")
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    common.add_argument(
        "--office-hours",
        help="office hours, e.g. '07:30-11:30, 13:30-17:00' (default 08-12, 13-17)",
    )
    common.add_argument(
        "--reception-cutoff", help="receipt after this time counts from the next opening"
    )
    common.add_argument(
        "--no-culture-day",
        action="store_true",
        help="do not observe Vietnam Culture Day (24/11) as a day off",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    deadline = commands.add_parser("deadline", parents=[common], help="compute a deadline")
    deadline.add_argument("received", help="receipt time, e.g. 2026-02-13T10:00")
    deadline.add_argument("duration", help="processing time, e.g. '3 ngày làm việc'")
    deadline.set_defaults(run=_deadline)
    year = commands.add_parser("calendar", parents=[common], help="print a year's working calendar")
    year.add_argument("year", type=_year, help="the year, e.g. 2026")
    year.set_defaults(run=_calendar)
    from onestop._office_commands import add_office_commands  # noqa: PLC0415 - loads the office

    add_office_commands(commands, _Parser)
    demo = commands.add_parser(
        "demo", help="simulate a province's year of one-stop dossiers and write its reports"
    )
    demo.add_argument("--seed", type=int, default=2026, help="the same seed gives the same year")
    demo.add_argument("--dossiers", type=int, default=1_500, help="dossiers in the year")
    demo.add_argument("--year", type=int, default=2026, help="the year simulated (2016-2034)")
    demo.add_argument("--out", default="onestop-demo", help="the folder written (onestop-demo)")
    demo.add_argument("--no-progress", action="store_true", help="no progress bar")
    demo.add_argument("--store", help="run on this (empty) store instead, e.g. a postgresql:// URL")
    demo.set_defaults(run=_demo)
    return parser


def _demo(args: argparse.Namespace) -> int:
    from onestop.demo._run import run_demo  # noqa: PLC0415 - loaded when run

    run_demo(
        args.out,
        seed=args.seed,
        dossiers=args.dossiers,
        year=args.year,
        progress=not args.no_progress,
        store=args.store,
    )
    return 0


def _version() -> str:
    try:
        return version("onestop")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "unknown"


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a year, e.g. 2026") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``onestop`` command; returns the exit status.

    Output that the terminal's encoding cannot show (Vietnamese on an ASCII terminal,
    ``PYTHONIOENCODING=ascii``) is written with ``?`` for what it lacks, not a crash.
    """
    _tolerate_narrow_encodings()
    try:
        args = _parser().parse_args(argv)
        status: int = args.run(args)
        sys.stdout.flush()
    except (OneStopError, _UsageError) as exc:
        one_line = str(exc).replace("\r", "\\r").replace("\n", "\\n")  # a value may hold one
        print(f"onestop: error: {one_line}", file=sys.stderr)
        return CHECK_FAILED if isinstance(exc, SignatureError) else REFUSED
    except BrokenPipeError:
        # The reader went away (``onestop calendar 2026 | head``): what it read was
        # right, so stop quietly, as Unix tools do, and keep Python from complaining
        # when it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return status


def _tolerate_narrow_encodings() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # absent on a test's StringIO
        if callable(reconfigure) and stream.errors == "strict":
            reconfigure(errors="replace")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
