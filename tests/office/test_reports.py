"""The periodic statistics table as an office reads it: values, JSON, CSV, text, CLI."""

import csv
import io
import json
from datetime import datetime
from datetime import timedelta
from fractions import Fraction

import pytest

from onestop.cli import main
from onestop.office._reports import HEADINGS_VI
from onestop.office._reports import TOTAL
from onestop.office._reports import StatisticsTable
from onestop.office._reports import percent
from onestop.office._reports import statistics_table
from onestop.rules._statistics import StatisticsRow
from onestop.storage import SQLiteStore
from onestop.testing.conformance import sample_dossiers
from onestop.testing.strategies import event_for

YEAR = (datetime(2026, 1, 1), datetime(2026, 12, 31, 23, 59, 59))


@pytest.fixture
def store(memory_store):
    store = memory_store
    for number, dossier in enumerate(sample_dossiers(21)):
        stored = store.append(None, 0, dossier.events)
        if dossier.status.value == 4:  # processing: resolve it, every other one late
            at = dossier.events[-1].at + timedelta(days=40 if number % 2 else 1)
            store.append(stored, len(stored), [event_for("resolved", at, stored)])
    return store


def test_the_table_adds_up(store):
    table = statistics_table(store, *YEAR)
    total = table.total
    assert total.agency == TOTAL
    assert total.received == 21
    assert total.resolved == sum(row.resolved for row in table.rows) > 0
    assert total.received == sum(row.received for row in table.rows)
    assert {row.field for row in table.rows} == {
        "Cư trú",
        "Thành lập và hoạt động của hộ kinh doanh",
        "Đất đai",
    }


def test_percentages_round_half_up_and_nothing_resolved_is_no_rate():
    row = StatisticsRow(agency="a", field=None, resolved_early=2, resolved_late=1)
    assert row.on_time_rate == Fraction(2, 3)
    assert percent(row) == "66.67"
    assert (
        percent(StatisticsRow(agency="a", field=None, resolved_on_time=1, resolved_late=7))
        == "12.50"
    )
    assert percent(StatisticsRow(agency="a", field=None)) is None


def test_json_and_csv_carry_the_same_records(store):
    table = statistics_table(store, *YEAR)
    data = json.loads(table.to_json())
    assert data["first"] == "2026-01-01T00:00:00+07:00"
    assert data["rows"] == table.records()
    rows = list(csv.DictReader(io.StringIO(table.to_csv())))
    assert list(rows[0]) == list(HEADINGS_VI.values())
    assert len(rows) == len(table.rows) + 1
    last = rows[-1]
    assert last["Cơ quan"] == TOTAL
    assert int(last["Tiếp nhận trực tiếp"]) + int(last["Tiếp nhận trực tuyến"]) == 21
    assert last["Tỷ lệ giải quyết đúng hạn luật định (%)"] == percent(table.total)
    assert "Thống kê từ 01/01/2026 đến 31/12/2026" in table.to_text()
    assert isinstance(table, StatisticsTable)


def test_the_report_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ONESTOP_HOME", str(tmp_path))
    monkeypatch.setenv("ONESTOP_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("ONESTOP_STORE", raising=False)
    with SQLiteStore(tmp_path / "onestop.sqlite3") as sqlite:
        for dossier in sample_dossiers(9):
            sqlite.append(None, 0, dossier.events)
    assert main(["report", "2026", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[-1]["Cơ quan"] == TOTAL
    assert main(["report", "2026", "--quarter", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["first"] == "2026-01-01T00:00:00+07:00"
    assert data["last"] == "2026-03-31T23:59:59.999999+07:00"
    assert main(["report", "2026"]) == 0
    assert "Tổng cộng" in capsys.readouterr().out
    assert main(["report", "2026", "--quarter", "5"]) == 2


def test_the_late_report_names_dossier_agency_step_and_apology(sqlite_store, national_calendar):
    from onestop.office._reports import late_dossiers
    from onestop.storage._summary import summarize

    calendar, sqlite = national_calendar, sqlite_store
    transferred = [d for d in sample_dossiers(40) if d.status.value == 4][:4]
    late_id = apologized_id = None
    for number, dossier in enumerate(transferred):
        stored = sqlite.append(None, 0, dossier.events)
        deadline = stored.deadline(calendar)
        if number == 0:  # resolved a week late, after an apology
            at = deadline + timedelta(days=7)
            apology = event_for("apologized", deadline - timedelta(hours=1), stored)
            stored = sqlite.append(stored, len(stored), [apology])
            sqlite.append(stored, len(stored), [event_for("resolved", at, stored)])
            apologized_id = dossier.id
        elif number == 1:  # still open, overdue at the period's end
            late_id = dossier.id
        else:  # resolved in time
            sqlite.append(stored, len(stored), [event_for("resolved", deadline, stored)])
    report = late_dossiers(sqlite, calendar, *YEAR)
    codes = {item.code: item for item in report}
    resolved_late = codes[sqlite.summary(apologized_id).code]
    assert resolved_late.apologized
    assert resolved_late.finished is not None
    expected = summarize(sqlite.load(apologized_id), 3, calendar).late_by
    assert resolved_late.late_by == expected > timedelta(0)
    open_late = codes[sqlite.summary(late_id).code]
    assert open_late.finished is None
    assert not open_late.apologized
    assert open_late.step == "appraisal"
    assert open_late.agency == "000.00.13.H38"
    assert open_late.late_by == calendar.working_time_between(open_late.due, YEAR[1])
    assert len(report) == 2
    assert report[0].late_by >= report[1].late_by
