"""The simulated year (same seed, same year; every dossier's life is legal) and
``onestop demo`` end to end: the store, the portal sync through an outage, the files."""

import json
from datetime import datetime

import pytest

from onestop import cli
from onestop.catalogs import sample_catalog
from onestop.demo._run import run_demo
from onestop.demo._simulation import COMMUNES
from onestop.demo._simulation import PROVINCE
from onestop.demo._simulation import YearOutline
from onestop.demo._simulation import simulate_year
from onestop.domain.model._agency import Level
from onestop.exceptions import UsageError
from onestop.national._fee_schedules import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.storage import MemoryStore
from onestop.storage import SQLiteStore
from onestop.storage._contract import every_match
from onestop.storage._store_values import MAX_PAGE
from onestop.storage._store_values import DossierQuery
from onestop.testing.strategies import national_calendar

#: Needs a real Pango (WeasyPrint) to lay out PDFs.
pytestmark = pytest.mark.pdf

CAL = national_calendar()
PROCEDURES = tuple(p for p in sample_catalog() if p.level is not Level.CENTRAL)


def year(seed, dossiers=150):
    store = MemoryStore(CAL)
    office = OneStopOffice(store, calendar=CAL, catalog=sample_catalog(), fee_book=VIETNAM_FEES)
    outline = simulate_year(office, year=2026, dossiers=dossiers, seed=seed, procedures=PROCEDURES)
    histories = {
        s.dossier_id: store.load(s.dossier_id).events
        for s in every_match(store, DossierQuery(limit=MAX_PAGE))
    }
    return outline, histories


@pytest.fixture(scope="module")
def simulated():
    return year(11)


def test_the_same_seed_gives_the_same_year(simulated):
    outline, histories = simulated
    again_outline, again = year(11)
    assert again_outline == outline
    assert again == histories
    _other_outline, other = year(12)
    assert other != histories


def test_every_dossier_arrived_on_a_working_day_during_office_hours(simulated):
    outline, histories = simulated
    assert len(histories) == outline.arrived == 150
    for events in histories.values():
        first = events[0].at
        assert first.year == 2026
        assert CAL.is_working_day(first.date())
        assert CAL.receipt_moment(first) == first  # inside the office's hours


def test_the_year_has_every_kind_of_life(simulated):
    outline, histories = simulated
    kinds = {event.kind for events in histories.values() for event in events}
    assert {
        "submitted",
        "received",
        "supplement_requested",
        "supplemented",
        "payment_requested",
        "paid",
        "transferred",
        "resolved",
        "returned",
    } <= kinds
    assert outline.resolved > 0.8 * outline.arrived
    agencies = {events[0].intake.agency for events in histories.values()}
    assert agencies <= {PROVINCE, *COMMUNES}
    assert outline.calls == sum(len(events) for events in histories.values())


def test_bad_arguments_raise_usage_errors(office):
    for kwargs, match in (
        ({"dossiers": -1}, "dossiers"),
        ({"procedures": ()}, "procedures"),
        ({"year": 2050}, "outside"),
        ({"seed": "x"}, "seed"),
        ({"on_day": 3}, "on_day"),
    ):
        arguments = {
            "year": 2026,
            "dossiers": 1,
            "seed": 1,
            "procedures": PROCEDURES,
            **kwargs,
        }
        with pytest.raises(UsageError, match=match):
            simulate_year(office, **arguments)
    with pytest.raises(UsageError, match="office"):
        simulate_year("office", year=2026, dossiers=1, seed=1, procedures=PROCEDURES)
    with pytest.raises(UsageError, match="arrived must be a whole number >= 0"):
        YearOutline(arrived=-1)


def test_the_demo_runs_the_year_and_writes_its_files(tmp_path, capsys):
    result = run_demo(tmp_path / "demo", seed=5, dossiers=160, progress=False)
    out = capsys.readouterr().out
    assert "Tổng cộng" in out
    assert "Đồng bộ cổng quốc gia" in out
    assert str(result.folder) in out
    for path in result.files.values():
        assert path.exists()
        assert path.stat().st_size > 0
    # Every event reached the stand-in portal once the outage ended, and the outage cost
    # failed deliveries that were retried.
    store = SQLiteStore(result.files["report"].with_name("onestop.sqlite3"), calendar=CAL)
    events = sum(s.version for s in every_match(store, DossierQuery(limit=MAX_PAGE)))
    assert result.outline.calls == events
    assert result.delivered == result.sync.delivered == events
    assert result.sync.pending == 0
    assert result.sync.failed > 0
    assert not store.outbox()
    assert store.verify_all().ok
    summaries = every_match(store, DossierQuery(limit=MAX_PAGE))
    assert result.outline.open_at_end == sum(1 for s in summaries if s.closed_at is None)
    store.close()
    # The lookup is a citizen's view of the first receipt's dossier.
    receipt = json.loads(result.files["receipt_1"].read_text(encoding="utf-8"))
    lookup = json.loads(result.files["lookup"].read_text(encoding="utf-8"))
    assert lookup["code"] in json.dumps(receipt, ensure_ascii=False)
    first, last = result.outage
    assert (last - first).days == 13
    assert datetime(2026, 5, 1).date() <= first


def test_a_rerun_leaves_no_file_of_the_run_before(tmp_path, capsys):
    folder = tmp_path / "demo"
    first = run_demo(folder, seed=5, dossiers=60, year=2027, progress=False)
    mine = folder / "ghi-chu.txt"  # a file of the user's own is left alone
    mine.write_text("x", encoding="utf-8")
    second = run_demo(folder, seed=6, dossiers=20, progress=False)
    capsys.readouterr()
    written = {p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("onestop.")}
    assert written == {*second.files.values(), mine}
    assert first.files["report"] not in written  # the 2027 page is gone


def test_a_receipt_the_demo_wrote_verifies_with_the_cli(tmp_path, capsys):
    result = run_demo(tmp_path, seed=9, dossiers=20, progress=False)
    capsys.readouterr()
    status = cli.main(
        [
            "verify-receipt",
            str(result.files["receipt_1"]),
            "--certificate",
            str(result.files["certificate"]),
        ]
    )
    assert status == 0
    assert "Chữ ký hợp lệ" in capsys.readouterr().out


def test_onestop_demo_on_the_command_line(tmp_path, capsys):
    status = cli.main(
        ["demo", "--dossiers", "30", "--seed", "3", "--out", str(tmp_path), "--no-progress"]
    )
    assert status == 0
    out = capsys.readouterr().out
    assert "30 hồ sơ" in out
    assert (tmp_path / "bao-cao-2026.html").exists()
    # A second run replaces the first's store instead of adding to it.
    assert cli.main(["demo", "--dossiers", "30", "--out", str(tmp_path), "--no-progress"]) == 0
    assert "30 hồ sơ" in capsys.readouterr().out


def test_the_demo_refuses_bad_arguments(tmp_path):
    with pytest.raises(UsageError, match="count"):
        run_demo(tmp_path, dossiers=-5)
    with pytest.raises(UsageError, match=r"2016\.\.2034"):
        run_demo(tmp_path, year=2040)
    with pytest.raises(UsageError, match="seed"):
        run_demo(tmp_path, seed=1.5)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(UsageError, match="cannot write"):
        run_demo(blocked / "inside")
    assert cli.main(["demo", "--dossiers", "-1", "--out", str(tmp_path)]) == 2


def test_without_pango_the_forms_are_written_as_html(tmp_path, monkeypatch, capsys):
    from onestop.office._forms import Form

    def no_pango(self):
        raise UsageError("PDF forms need the forms extra and Pango")

    monkeypatch.setattr(Form, "to_pdf", no_pango)
    result = run_demo(tmp_path, seed=4, dossiers=40, progress=False)
    capsys.readouterr()
    forms = [path for name, path in result.files.items() if name.startswith("form_")]
    assert forms
    assert all(path.suffix == ".html" for path in forms)
    assert all("<h1>" in path.read_text(encoding="utf-8") for path in forms)
