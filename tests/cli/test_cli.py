"""The ``onestop`` command: deadlines and calendars, text and JSON, clean errors."""

import contextlib
import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from onestop.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_deadline_across_tet_explains_the_skipped_days(capsys):
    status, out, _ = run(capsys, "deadline", "2026-02-13T10:00", "3 ngày làm việc")
    assert status == 0
    assert "Deadline:    25/02/2026 17:00 (Wednesday)" in out
    assert "16/02/2026 Monday    Lunar New Year's Eve" in out
    assert "14/02/2026 Saturday  weekend" in out
    assert "Provisional" not in out
    # The receipt day is not counted: counting starts on the next working day.
    assert "Counts from: 23/02/2026 (Monday) — day 1; the receipt day is not counted" in out


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
    assert "Hẹn trả:   25/02/2026 10:00 (Thứ Tư)" in out
    assert "Tính từ:   13/02/2026 10:00 (Thứ Sáu) — tính theo giờ làm việc" in out
    assert "Giao thừa Tết Nguyên Đán" in out


def test_deadline_json(capsys):
    status, out, _ = run(capsys, "deadline", "2025-12-31T10:00", "2 working days", "--json")
    payload = json.loads(out)
    assert status == 0
    assert payload["deadline"] == "2026-01-06T17:00:00+07:00"
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
    assert payload["receipt_moment"] == "2026-11-24T07:30:00+07:00"
    assert payload["deadline"] == "2026-11-25T17:30:00+07:00"


def test_calendar_grid(capsys):
    status, out, _ = run(capsys, "calendar", "2026")
    assert status == 0
    assert "Việt Nam working calendar 2026 (officially announced)" in out
    assert " 1*  2*  3   4" in out  # New Year and the swapped Friday
    assert "10+" in out  # the make-up Saturday
    assert "02/01/2026 Friday    day off" in out
    assert "2026-01-02" not in out  # one date format in text: day/month/year
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
        (["calendar", "20x"], "'20x' is not a year"),
        (["deadlin", "x"], "invalid choice: 'deadlin'"),
        (["deadline", "2026-02-13T10:00"], "the following arguments are required: duration"),
        (["deadline", "2026-02-13T10:00", "3d", "--lang", "fr"], "invalid choice: 'fr'"),
        ([], "the following arguments are required: command"),
        (["deadline", "2026-02-13T10:00", "99999999999999 ngày"], "is more than 36,500"),
        (["deadline", "2026-02-13T10:00", "36500 ngày"], "outside"),
        (["deadline", "0001-01-01T10:00", "3d"], "covers years"),
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
    assert "16/11/2026 17:00" in result.stdout


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_vietnamese_output_on_a_narrow_terminal_is_written_not_a_traceback(encoding):
    command = ["deadline", "2026-03-23T10:00", "3 ngày làm việc", "--lang", "vi"]
    result = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "onestop.cli", *command],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"26/03/2026 17:00" in result.stdout
    assert b"?" in result.stdout  # what the terminal cannot show is marked, not dropped


@pytest.mark.parametrize(
    ("blocked", "extra", "argv"),
    [
        ("tqdm", "demo", ["demo", "--dossiers", "5"]),
        ("jinja2", "reports", ["demo", "--dossiers", "5"]),
        ("psycopg", "postgres", ["verify", "--store", "postgresql://localhost/x"]),
    ],
)
def test_a_missing_extra_is_one_line_naming_it(tmp_path, blocked, extra, argv):
    if argv[0] == "demo":
        argv = [*argv, "--out", str(tmp_path / "out")]
    code = (
        "import sys\n"
        f"sys.modules[{blocked!r}] = None  # as if the extra were not installed\n"
        "from onestop.cli import main\n"
        f"sys.exit(main({argv!r}))\n"
    )
    result = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert f'needs the "{extra}" extra: pip install "onestop[{extra}]"' in result.stderr


def test_calendar_days_list_only_the_days_off_the_end_moved_past(capsys):
    # Brief example 14: 10 calendar days from Saturday 7/2/2026 end on the 19th..22nd
    # (Tết and a weekend), so the period ends on Monday 23/2. Weekends inside the
    # period count and are not listed.
    status, out, _ = run(capsys, "deadline", "2026-02-07T10:00", "10 ngày", "--json")
    payload = json.loads(out)
    assert status == 0
    assert payload["deadline"] == "2026-02-23T17:00:00+07:00"
    assert [entry["date"] for entry in payload["skipped"]] == [
        "2026-02-19",
        "2026-02-20",
        "2026-02-21",
        "2026-02-22",
    ]
    status, out, _ = run(capsys, "deadline", "2026-03-02T10:00", "30 ngày", "--json")
    assert json.loads(out)["skipped"] == []  # 1/4 is a working day: nothing moved


def test_counts_from_follows_the_policy_and_the_unit(capsys):
    _, out, _ = run(capsys, "deadline", "2026-03-02T10:00", "2 ngày làm việc", "--json")
    assert json.loads(out)["counts_from"] == "2026-03-03"
    _, out, _ = run(capsys, "deadline", "2026-03-02T10:00", "4 giờ", "--json")
    assert json.loads(out)["counts_from"] == "2026-03-02T10:00:00+07:00"
    _, out, _ = run(capsys, "deadline", "2026-03-02T10:00", "1 tháng", "--json")
    assert json.loads(out)["counts_from"] == "2026-03-03"


def test_vietnamese_output_cites_vietnamese_sources(capsys):
    _, out, _ = run(capsys, "deadline", "2026-11-23T10:00", "1 ngày làm việc", "--lang", "vi")
    assert "Nghị quyết 80-NQ/TW" in out
    assert "Labour Code" not in out
    _, out, _ = run(capsys, "deadline", "2025-12-31T10:00", "2 ngày làm việc", "--lang", "vi")
    assert "Công văn 12729/VPCP-KGVX" in out


def test_culture_day_cites_its_real_basis(capsys):
    _, out, _ = run(capsys, "deadline", "2026-11-23T10:00", "1 working day")
    line = next(line for line in out.splitlines() if "24/11/2026" in line)
    assert "Resolution 80-NQ/TW" in line
    assert "Labour Code 2019 Art. 112" not in line


def test_an_offset_receipt_time_is_shown_in_vietnam_time(capsys):
    _, out, _ = run(capsys, "deadline", "2026-03-02T03:00+00:00", "4 giờ")
    assert "Received:    02/03/2026 10:00 (Monday)" in out


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("onestop ")


@settings(max_examples=150)
@given(
    st.lists(
        st.sampled_from(["deadline", "calendar", "--json", "--lang", "vi", "--policy", "x", "-"])
        | st.text(max_size=12),
        max_size=5,
    )
)
def test_no_argument_list_prints_a_traceback(argv):
    stderr = io.StringIO()
    stdout = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
        try:
            status = main(argv)
        except SystemExit as exit_info:  # --help and --version exit 0 by argparse's design
            status = exit_info.code
    assert status in {0, 2}
    if status == 2:
        assert stderr.getvalue().count("\n") == 1
        assert stderr.getvalue().startswith("onestop: error: ")


def test_a_reader_that_goes_away_gets_no_traceback():
    import subprocess
    import sys

    # stdout is a pipe whose reader is already gone, as after `onestop calendar | head`
    code = (
        "import os, sys\n"
        "read, write = os.pipe()\n"
        "os.close(read)\n"
        "os.dup2(write, 1)\n"
        "from onestop.cli import main\n"
        "status = main(['calendar', '2026'])\n"
        "print('status', status, file=sys.stderr)\n"
    )
    result = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Traceback" not in result.stderr
    assert "status 0" in result.stderr  # what the reader read was right
    assert result.returncode == 0
