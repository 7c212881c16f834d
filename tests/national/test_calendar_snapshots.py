"""Golden snapshots of the national calendar, one JSON file per year.

Any change to the days off or make-up days — a new ``holidays`` release, a new
amendment — shows up as a reviewable diff of ``tests/snapshots/vietnam-YYYY.json``.
After reviewing such a change, regenerate the files with::

    python tests/national/test_calendar_snapshots.py
"""

import json
from datetime import date
from datetime import timedelta
from pathlib import Path

import pytest

from onestop.testing.strategies import national_calendar

SNAPSHOTS = Path(__file__).parent / "snapshots"
YEARS = range(2015, 2036)


def snapshot(year: int) -> dict:
    cal = national_calendar()
    changes = [
        {
            "date": change.day.isoformat(),
            "kind": change.kind.value,
            "working": cal.is_working_day(change.day),
            "name": change.name,
            "name_vi": change.name_vi,
        }
        for change in cal.changes
        if change.day.year == year and cal.change_on(change.day) == change
    ]
    days = [date(year, 1, 1) + timedelta(days=i) for i in range(366)]
    return {
        "year": year,
        "provisional": cal.is_provisional(date(year, 1, 1)),
        "working_days": sum(cal.is_working_day(d) for d in days if d.year == year),
        "changes": changes,
    }


def path(year: int) -> Path:
    return SNAPSHOTS / f"vietnam-{year}.json"


def render(year: int) -> str:
    return json.dumps(snapshot(year), ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("year", YEARS)
def test_calendar_matches_its_snapshot(year):
    assert path(year).read_text(encoding="utf-8") == render(year), (
        f"the {year} calendar changed; review it and run "
        "python tests/national/test_calendar_snapshots.py"
    )


if __name__ == "__main__":
    SNAPSHOTS.mkdir(exist_ok=True)
    for each in YEARS:
        path(each).write_text(render(each), encoding="utf-8")
