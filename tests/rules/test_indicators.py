"""Decision 766's computable indicators: ratings through the office, the counts on a real
SQLite store against a hand count, the points law, the CLI."""

from datetime import datetime
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop import Actor
from onestop import Applicant
from onestop import Role
from onestop import cli
from onestop.catalogs import sample_catalog
from onestop.events import Satisfaction
from onestop.exceptions import TransitionError
from onestop.exceptions import UsageError
from onestop.national._fee_schedules import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.office._quality_score import quality_score
from onestop.office._reports import period
from onestop.rules._indicators import GROUPS
from onestop.rules._indicators import QUALITY_COUNTERS
from onestop.rules._indicators import QualityGroup
from onestop.rules._indicators import QualityIndicator
from onestop.rules._indicators import QualityRow
from onestop.storage import SQLiteStore
from onestop.testing.strategies import national_calendar

DESK = "000.00.12.H38"
CLERK = Actor("Nguyễn Văn Tiếp", {Role.RECEPTION_CLERK, Role.SPECIALIST}, DESK)
LEADER = Actor("Phạm Lãnh Đạo", {Role.LEADER}, DESK)
PORTAL = Actor("Cổng dịch vụ công", {Role.SYSTEM})
CITIZEN = Applicant("Lê Thị Bình")
APPLICANT = Actor.applicant("Lê Thị Bình")
RESIDENCE = "1.004222"  # 7 working days, in person or online, with a fee
FORM = "Tờ khai thay đổi thông tin cư trú"
MONDAY = datetime(2026, 3, 2, 9)
CAL = national_calendar()
YEAR = period(2026)


def at(hours):
    return MONDAY + timedelta(hours=hours)


def year_of_four(office):
    """Four dossiers whose counts are worked out by hand in the test below."""
    # 1: online, paid online, resolved on time as an electronic result, rated very satisfied.
    one = office.submit(RESIDENCE, CITIZEN, agency=DESK, actor=APPLICANT, at=at(-1)).dossier.id
    office.receive_submitted(one, actor=CLERK, components=[FORM], at=at(0))
    office.request_payment(one, actor=CLERK, amount=10_000, at=at(1))
    office.record_payment(one, actor=PORTAL, amount=10_000, online=True, at=at(2))
    office.resolve(one, actor=LEADER, result="Đã đăng ký", digitised=True, at=at(3))
    office.return_result(one, actor=CLERK, at=at(4))
    office.rate(one, actor=APPLICANT, level=Satisfaction.VERY_SATISFIED, at=at(5))
    # 2: at the desk, digitised, asked twice for supplements (late for Decision 766),
    # paid at the desk, resolved on paper, rated unsatisfied.
    two = office.receive(
        RESIDENCE, CITIZEN, actor=CLERK, components=[FORM], digitised=True, at=at(0.5)
    ).dossier.id
    for hour in (1, 3):
        office.request_supplement(two, actor=CLERK, items=["Sổ hộ khẩu"], at=at(hour))
        office.record_supplement(two, actor=APPLICANT, at=at(hour + 1))
    office.request_payment(two, actor=CLERK, amount=20_000, at=at(5))
    office.record_payment(two, actor=APPLICANT, amount=20_000, at=at(6))
    office.resolve(two, actor=LEADER, result="Đã đăng ký", at=at(7))
    office.rate(two, actor=APPLICANT, level=Satisfaction.UNSATISFIED, at=at(8))
    # 3: at the desk, not digitised, still in progress.
    office.receive(RESIDENCE, CITIZEN, actor=CLERK, components=[FORM], at=at(1))
    # 4: refused at the desk: finished (on time) for Decision 766, no result.
    office.refuse(RESIDENCE, CITIZEN, actor=CLERK, reason="Ngoài thẩm quyền", at=at(2))
    return one, two


def test_ratings_come_once_and_only_after_the_dossier_closed(office):
    dossier_id = office.receive(
        RESIDENCE, CITIZEN, actor=CLERK, components=[FORM], at=MONDAY
    ).dossier.id
    with pytest.raises(TransitionError, match="cannot take 'rated'"):
        office.rate(dossier_id, actor=APPLICANT, level=Satisfaction.SATISFIED, at=at(1))
    office.resolve(dossier_id, actor=LEADER, result="Đã đăng ký", at=at(2))
    rated = office.rate(
        dossier_id, actor=APPLICANT, level=Satisfaction.ACCEPTABLE, comment="Chờ lâu", at=at(3)
    )
    assert rated.dossier.rating.level is Satisfaction.ACCEPTABLE
    assert rated.dossier.status.is_terminal is False  # the result is still to be returned
    with pytest.raises(TransitionError, match="rated once"):
        office.rate(dossier_id, actor=APPLICANT, level=Satisfaction.SATISFIED, at=at(4))
    returned = office.return_result(dossier_id, actor=CLERK, at=at(5))
    assert returned.dossier.status.is_terminal
    assert returned.dossier.rating == rated.event
    steps = office.lookup(str(returned.dossier.code)).steps
    assert [s.label_vi for s in steps][-2:] == ["Đánh giá mức độ hài lòng", "Trả kết quả"]
    assert Satisfaction.UNSATISFIED.label_vi == "Không hài lòng"


def test_the_counts_and_points_of_a_year_worked_out_by_hand(office):
    year_of_four(office)
    (row,) = office.store.quality(*YEAR)
    assert row == QualityRow(
        agency=DESK,
        received=3,  # the refusal was never received
        received_online=1,
        digitised=2,  # the online one and the scanned one
        synced=0,  # nothing was delivered to a portal
        fee_dossiers=2,
        paid_online=1,
        finished=3,  # resolved, resolved, refused
        finished_on_time=2,  # the one asked twice for supplements is late
        results=2,
        results_digitised=1,
        rated=2,
        unsatisfied=1,
    )
    score = office.quality(*YEAR)
    points = {group.key: group.points for group in score.groups}
    assert points == {
        "CKMB": Decimal("0.00"),
        "TDGQ": Decimal("13.33"),  # 2/3 of 20
        "CLGQ": Decimal("4.00"),  # 1/3 of 12
        "TTTT": Decimal("5.00"),  # 1/2 of 10
        "MDHL": Decimal("9.00"),  # (2 − 1)/2 of 18
        "MDSH": Decimal("12.83"),  # (2/3 + 1/2)/2 of 22
    }
    assert score.points == sum(points.values())
    assert score.max_points == 100
    # Delivering one dossier's events makes it synced; the other dossiers stay waiting.
    first = office.store.outbox()[0]
    for message in office.store.outbox():
        if message.dossier_id == first.dossier_id:
            office.store.delivered(message.id, at(48))
    assert office.store.quality(*YEAR)[0].synced == 1


def test_one_agency_an_empty_period_and_bad_input(office):
    year_of_four(office)
    assert quality_score(office.store, *YEAR, agency="000.00.99.H38").max_points == 0
    empty = office.quality(datetime(2025, 1, 1), datetime(2025, 12, 31))
    assert all(group.points is None for group in empty.groups)
    assert empty.points == 0
    assert "Tổng" in empty.to_text()
    with pytest.raises(UsageError, match="period"):
        office.quality(*reversed(YEAR))
    with pytest.raises(UsageError, match="store"):
        quality_score(object(), *YEAR)
    with pytest.raises(UsageError, match="agency"):
        quality_score(office.store, *YEAR, agency=12)
    with pytest.raises(UsageError, match="more than all"):
        QualityIndicator(code="x", name_vi="x", numerator=3, denominator=2, formula="x", source="x")


class Rows:
    """A store that answers ``quality`` with given rows (the scoring's only input)."""

    def __init__(self, rows):
        self.rows = rows

    def quality(self, first, last):
        return self.rows


ROWS = st.lists(
    st.fixed_dictionaries(
        {name: st.integers(0, 50) for name in QUALITY_COUNTERS},
    ).map(
        lambda c: QualityRow(
            agency="000.00.12.H38",
            **{
                **c,
                "received_online": min(c["received_online"], c["received"]),
                "digitised": min(c["digitised"], c["received"]),
                "synced": min(c["synced"], c["received"]),
                "paid_online": min(c["paid_online"], c["fee_dossiers"]),
                "finished_on_time": min(c["finished_on_time"], c["finished"]),
                "results_digitised": min(c["results_digitised"], c["results"]),
                "unsatisfied": min(c["unsatisfied"], c["rated"]),
            },
        )
    ),
    max_size=3,
)


@given(ROWS)
def test_a_group_scores_the_mean_of_its_rates_times_its_maximum(rows):
    score = quality_score(Rows(tuple(rows)), *YEAR)
    assert [group.key for group in score.groups] == list(GROUPS)
    for group in score.groups:
        rates = [i.rate for i in group.indicators if i.denominator]
        if not rates:
            assert group.points is None
            continue
        exact = sum(rates, Fraction(0)) / len(rates) * group.max_points
        assert 0 <= group.points <= group.max_points
        assert abs(group.points - Decimal(exact.numerator) / Decimal(exact.denominator)) <= Decimal(
            "0.005"
        )
    assert 0 <= score.points <= score.max_points <= 100


def test_records_and_json_carry_every_component_with_its_formula_and_source(office):
    year_of_four(office)
    score = office.quality(*YEAR)
    records = score.records()
    assert len(records) == sum(len(g.indicators) for g in score.groups) == 7
    assert all(r["formula"] and "766" in r["source"] for r in records)
    assert '"points": "' in score.to_json()
    assert isinstance(score.groups[0], QualityGroup)


def test_onestop_report_quality_on_the_command_line(tmp_path, capsys, monkeypatch):
    path = tmp_path / "office.sqlite3"
    store = SQLiteStore(path, calendar=CAL)
    year_of_four(
        OneStopOffice(store, calendar=CAL, catalog=sample_catalog(), fee_book=VIETNAM_FEES)
    )
    store.close()
    monkeypatch.setenv("ONESTOP_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert cli.main(["report", "2026", "--quality", "--store", str(path)]) == 0
    out = capsys.readouterr().out
    assert "TDGQ" in out
    assert "13,33/20" in out
    assert cli.main(["report", "2026", "--quality", "--json", "--store", str(path)]) == 0
    assert '"max_points": 100' in capsys.readouterr().out
