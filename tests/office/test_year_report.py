"""The yearly report page: its values against the Python reference, its HTML, and how
it renders in a real headless browser (Debian's chromium, installed by .ci/run)."""

import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import datetime
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from onestop import Actor
from onestop import Role
from onestop.catalogs import sample_catalog
from onestop.demo._simulation import simulate_year
from onestop.domain.model._agency import Level
from onestop.exceptions import UsageError
from onestop.national._fee_schedules import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.office._reports import percent
from onestop.office._reports import period
from onestop.office._year_report import LATE_COLOUR
from onestop.office._year_report import NO_STEP
from onestop.office._year_report import ON_TIME_COLOUR
from onestop.office._year_report import YearReport
from onestop.office._year_report import year_report
from onestop.rules._statistics import statistics_of
from onestop.storage import SQLiteStore
from onestop.storage._summary import summarize
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
ARTIFACTS = Path(
    os.environ.get("ONESTOP_ARTIFACTS", Path(__file__).parents[2] / "build" / "artifacts")
)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    store = SQLiteStore(tmp_path_factory.mktemp("year") / "year.sqlite3", calendar=CAL)
    catalog = sample_catalog()
    office = OneStopOffice(store, calendar=CAL, catalog=catalog, fee_book=VIETNAM_FEES)
    procedures = tuple(p for p in catalog if p.level is not Level.CENTRAL)
    simulate_year(office, year=2026, dossiers=400, seed=7, procedures=procedures)
    yield office
    store.close()


@pytest.fixture(scope="module")
def report(office):
    return year_report(office.store, CAL, 2026)


@pytest.fixture(scope="module")
def dossiers(office):
    return [office.store.load(s.dossier_id) for s in _every_summary(office.store)]


def _every_summary(store):
    from onestop.storage._contract import every_match
    from onestop.storage._store_values import MAX_PAGE
    from onestop.storage._store_values import DossierQuery

    return every_match(store, DossierQuery(limit=MAX_PAGE))


def reference(dossiers, first, last):
    """The statistics rows by the Python reference, from each dossier's own summary."""
    return statistics_of([summarize(d, len(d), CAL) for d in dossiers], first, last)


def test_each_month_rate_agrees_with_the_python_reference(report, dossiers):
    rates = dict(report.on_time_by_month())
    assert list(rates) == list(range(1, 13))
    for month in range(1, 13):
        rows = reference(dossiers, *period(2026, month=month))
        early = sum(r.resolved_early + r.resolved_on_time for r in rows)
        resolved = early + sum(r.resolved_late for r in rows)
        expected = None if resolved == 0 else f"{100 * early / resolved:.2f}"
        assert rates[month] == expected


def test_each_agency_rate_sums_its_fields(report, dossiers):
    rows = reference(dossiers, *period(2026))
    agencies = dict(report.on_time_by_agency())
    assert set(agencies) == {r.agency for r in rows}
    for agency, rate in agencies.items():
        mine = [r for r in rows if r.agency == agency]
        early = sum(r.resolved_early + r.resolved_on_time for r in mine)
        resolved = early + sum(r.resolved_late for r in mine)
        assert rate == (None if resolved == 0 else f"{100 * early / resolved:.2f}")


def test_late_dossiers_by_step_count_every_late_dossier(report):
    steps = dict(report.late_by_step())
    assert sum(steps.values()) == len(report.late) > 0
    assert steps == Counter(item.step or NO_STEP for item in report.late)
    counts = [count for _, count in report.late_by_step()]
    assert counts == sorted(counts, reverse=True)


def test_the_year_table_is_the_stores(report, office):
    assert report.table.rows == office.statistics(*period(2026)).rows
    assert report.table.total.received > 300


class Page(HTMLParser):
    """What the tests read of the page: figures with their SVG, table rows, scripts."""

    def __init__(self):
        super().__init__()
        self.figures, self.svgs, self.scripts, self.rows = {}, 0, 0, Counter()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self.stack.append(attrs.get("id"))
            self.figures[attrs.get("id")] = 0
        if tag == "svg":
            self.svgs += 1
            if self.stack:
                self.figures[self.stack[-1]] += 1
        if tag == "script":
            self.scripts += 1
        if tag == "table":
            self.table = attrs.get("id")
        if tag == "tr":
            self.rows[self.table] += 1

    def handle_endtag(self, tag):
        if tag == "figure":
            self.stack.pop()


def test_the_page_holds_three_charts_and_both_tables(report):
    html = report.to_html()
    page = Page()
    page.feed(html)
    assert page.figures == {"chart-month": 1, "chart-agency": 1, "chart-step": 1}
    assert page.scripts == 0  # self-contained: nothing runs, nothing is fetched
    assert not re.search(r"""(src|href)=["']?(https?:)?//|<link|@import|url\((?!#)""", html)
    assert page.rows["statistics"] == 1 + len(report.table.rows) + 1  # headings, rows, total
    assert page.rows["late"] == 1 + min(len(report.late), 50)
    assert page.rows["quality"] == 1 + 7 + 1  # headings, the seven components, the total
    assert f"{report.quality.points}/{report.quality.max_points}" in html
    assert ON_TIME_COLOUR in html
    assert LATE_COLOUR in html
    assert percent(report.table.total) in html


def test_values_from_the_data_are_escaped_in_tables_and_charts(tmp_path):
    store = SQLiteStore(tmp_path / "x.sqlite3", calendar=CAL)
    office = OneStopOffice(store, calendar=CAL, catalog=sample_catalog(), fee_book=VIETNAM_FEES)
    desk = Actor("Cán bộ", {Role.RECEPTION_CLERK}, "000.00.12.H38")
    received = office.receive(
        "1.001612",
        _applicant(),
        actor=desk,
        components=[c.name for c in sample_catalog().get("1.001612").components],
        at=datetime(2026, 3, 2, 9),
    )
    hostile = "<script>alert(1)</script>"
    office.transfer(
        received.dossier.id,
        actor=desk,
        to_agency="000.00.13.H38",
        step=hostile,
        at=datetime(2026, 3, 2, 10),
    )
    report = year_report(store, CAL, 2026)
    assert dict(report.late_by_step()) == {hostile: 1}  # open and overdue at the year's end
    html = report.to_html()
    assert hostile not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    store.close()


def _applicant():
    from onestop import Applicant

    return Applicant("Trần Văn C")


def test_bad_arguments_raise_usage_errors(office, report):
    with pytest.raises(UsageError, match="year"):
        year_report(office.store, CAL, 1800)
    with pytest.raises(UsageError, match="store"):
        year_report(object(), CAL, 2026)
    with pytest.raises(UsageError, match="Calendar"):
        year_report(office.store, "calendar", 2026)
    with pytest.raises(UsageError, match="title"):
        year_report(office.store, CAL, 2026, title=" ")
    with pytest.raises(UsageError, match="months"):
        YearReport(
            year=2026,
            title="t",
            table=report.table,
            months=("x",),
            late=(),
            quality=report.quality,
            made_at=datetime(2026, 1, 1),
        )


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("CI installs Debian's chromium (.ci/run); it is missing")
    pytest.skip("no chromium on this machine (CI installs it)")
    return None


@pytest.mark.browser
def test_the_page_renders_with_its_charts_in_headless_chromium(report, tmp_path):
    browser = chromium()
    page = tmp_path / "bao-cao.html"
    page.write_text(report.to_html(), encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "year-report.png"
    shot.unlink(missing_ok=True)
    common = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    subprocess.run(  # noqa: S603 - our own arguments
        [*common, "--window-size=1280,2400", f"--screenshot={shot}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    dom = subprocess.run(  # noqa: S603 - our own arguments
        [*common, "--dump-dom", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
        text=True,
        cwd=tmp_path,
    ).stdout
    assert dom.count("<svg") == 3
    assert "Tỷ lệ giải quyết đúng hạn theo tháng" in dom
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2400)
    colours = _colours(image)
    green = _rgb(ON_TIME_COLOUR)
    red = _rgb(LATE_COLOUR)
    # The bars were drawn: thousands of pixels of each chart colour, and the page is not blank.
    assert colours[green] > 5_000
    assert colours[red] > 1_000
    assert colours[(255, 255, 255)] < 0.95 * image.size[0] * image.size[1]
    # The month chart's bars stand where the month chart is: in the page's first third.
    top = image.crop((0, 0, 1280, 800))
    assert _colours(top)[green] > 2_000


def _colours(image):
    """How many pixels of each colour ``image`` has."""
    return Counter({colour: n for n, colour in image.getcolors(image.width * image.height)})


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def test_made_at_is_vietnam_time(report):
    now_vn = datetime.utcnow() + timedelta(hours=7)  # noqa: DTZ003 - compared naive
    assert abs(report.made_at - now_vn) < timedelta(minutes=10)
