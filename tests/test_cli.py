"""The ``onestop`` command: deadlines and calendars, text and JSON, clean errors."""

import json
import subprocess
import sys

import pytest

from onestop.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_deadline_across_tet_explains_the_skipped_days(capsys):
    status, out, _ = run(capsys, "deadline", "2026-02-13T10:00", "3 ngày làm việc")
    assert status == 0
    assert "Deadline:    2026-02-25 17:00 (Wednesday)" in out
    assert "2026-02-16 Monday    Lunar New Year's Eve" in out
    assert "2026-02-14 Saturday  weekend" in out
    assert "Provisional" not in out


def test_deadline_in_vietnamese_with_office_time(capsys):
    status, out, _ = run(
        capsys,
        "deadline",
        "2026-02-13T10:00",
        "3 ngày làm việc",
        "--lang",
        "vi",
        "--policy",
        "office_time",
    )
    assert status == 0
    assert "Hẹn trả:   2026-02-25 10:00 (Thứ Tư)" in out
    assert "Giao thừa Tết Nguyên Đán" in out


def test_deadline_json(capsys):
    status, out, _ = run(capsys, "deadline", "2025-12-31T10:00", "2 working days", "--json")
    payload = json.loads(out)
    assert status == 0
    assert payload["deadline"] == "2026-01-06T17:00:00"
    assert payload["policy"] == "end_of_day"
    skipped = {entry["date"]: entry for entry in payload["skipped"]}
    assert "12729/VPCP-KGVX" in skipped["2026-01-02"]["source"]
    assert skipped["2026-01-01"]["kind"] == "holiday"
    assert "2026-01-10" not in skipped  # a make-up Saturday is not skipped
    assert payload["provisional_years"] == []


def test_provisional_years_are_reported(capsys):
    status, out, _ = run(capsys, "deadline", "2027-02-03T16:00", "5d")
    assert status == 0
    assert "Provisional: the schedule of 2027" in out


def test_deadline_with_province_options(capsys):
    status, out, _ = run(
        capsys,
        "deadline",
        "2026-11-23T16:45",
        "1 working day",
        "--no-culture-day",
        "--office-hours",
        "07:30-11:30, 13:30-17:30",
        "--reception-cutoff",
        "16:30",
        "--json",
    )
    payload = json.loads(out)
    assert status == 0
    assert payload["receipt_moment"] == "2026-11-24T07:30:00"
    assert payload["deadline"] == "2026-11-25T17:30:00"


def test_calendar_grid(capsys):
    status, out, _ = run(capsys, "calendar", "2026")
    assert status == 0
    assert "Việt Nam working calendar 2026 (officially announced)" in out
    assert " 1*  2*  3   4" in out  # New Year and the swapped Friday
    assert "10+" in out  # the make-up Saturday
    assert "2026-01-02 Friday    day off" in out
    assert "12729/VPCP-KGVX" in out


def test_calendar_json_vietnamese(capsys):
    status, out, _ = run(capsys, "calendar", "2027", "--json", "--lang", "vi")
    payload = json.loads(out)
    assert status == 0
    assert payload["provisional"] is True
    assert payload["office_hours"] == "08:00-12:00, 13:00-17:00"
    names = {entry["date"]: entry["name"] for entry in payload["changes"]}
    assert names["2027-02-06"] == "Tết Nguyên Đán"
    assert 240 < payload["working_days"] < 260


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["deadline", "2026-02-31T10:00", "3d"],
            "cannot read '2026-02-31T10:00' as a receipt time",
        ),
        (["deadline", "2026-02-13T10:00", "3 ngay"], "cannot read '3 ngay' as a processing time"),
        (
            ["deadline", "2026-02-13T10:00", "3d", "--office-hours", "8-12"],
            "cannot read office hours",
        ),
        (["deadline", "2026-02-13T10:00", "3d", "--reception-cutoff", "late"], "time of day"),
        (["calendar", "1990"], "covers years 2015-2100"),
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("onestop: error: ")
    assert message in err


def test_the_installed_command_runs():
    result = subprocess.run(
        [sys.executable, "-m", "onestop.cli", "deadline", "2026-11-16T10:00", "trong ngày"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "2026-11-16 17:00" in result.stdout
