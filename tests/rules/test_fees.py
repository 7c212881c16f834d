"""Fee rules, schedules over time, exemptions and reductions, assessments."""

import json
from datetime import date
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import strategies as st

from onestop import Channel
from onestop.catalogs import sample_catalog
from onestop.national._fee_schedules import CONTRACT_CERTIFICATION
from onestop.national._fee_schedules import LAND_REGISTRATION_FEE
from onestop.national._fee_schedules import VIETNAM_FEES
from onestop.rules._fees import ApplicantGroup
from onestop.rules._fees import Assessment
from onestop.rules._fees import Band
from onestop.rules._fees import Choice
from onestop.rules._fees import Exemption
from onestop.rules._fees import Facts
from onestop.rules._fees import FeeBook
from onestop.rules._fees import FeeError
from onestop.rules._fees import FeeLine
from onestop.rules._fees import FeeSchedule
from onestop.rules._fees import Flat
from onestop.rules._fees import LegalBasis
from onestop.rules._fees import NoFeeScheduleError
from onestop.rules._fees import Percentage
from onestop.rules._fees import PerUnit
from onestop.rules._fees import Reduction
from onestop.rules._fees import Sum
from onestop.rules._fees import Tiered
from onestop.rules._fees import TierMode
from onestop.rules._fees import round_half_up
from onestop.serialization import make_converter

ON = date(2026, 1, 5)
COPIES = PerUnit("page", 1_000, first_units=2, first_price=2_000, cap=200_000, per="copy")
BASIS = LegalBasis("Test decision 1/2026")


@pytest.mark.parametrize(
    ("pages", "copies", "amount"),
    [
        (1, 1, 2_000),
        (2, 1, 4_000),
        (3, 1, 5_000),
        (10, 1, 12_000),
        (196, 1, 198_000),
        (198, 1, 200_000),
        (500, 1, 200_000),
        (5, 3, 21_000),
        (0, 4, 0),
    ],
)
def test_copy_certification_circular_226(pages, copies, amount):
    assert COPIES.charge(Facts({"page": pages, "copy": copies})) == amount
    assessment = VIETNAM_FEES.assess("2.000815", Facts({"page": pages, "copy": copies}), ON)
    assert assessment.total == amount


def test_other_real_schedules():
    assert VIETNAM_FEES.assess("2.000884", Facts(), ON).total == 10_000
    assert (
        VIETNAM_FEES.assess(CONTRACT_CERTIFICATION, Facts(categories={"act": "certify"}), ON).total
        == 50_000
    )
    assert VIETNAM_FEES.assess("2.000908", Facts(), ON).total == 0  # free
    assert VIETNAM_FEES.assess("2.000908", Facts(), ON).lines == ()
    fee = VIETNAM_FEES.assess(LAND_REGISTRATION_FEE, Facts({"declared_value": 2_000_000_000}), ON)
    assert fee.total == 10_000_000
    capped = VIETNAM_FEES.assess(
        LAND_REGISTRATION_FEE, Facts({"declared_value": 200_000_000_000}), ON
    )
    assert capped.total == 500_000_000


@pytest.mark.parametrize(
    ("categories", "channel", "total"),
    [
        (
            {"certificate": "land", "applicant": "individual", "area": "ward"},
            Channel.IN_PERSON,
            880_000 + 30_000,
        ),
        (
            {"certificate": "land", "applicant": "individual", "area": "commune"},
            Channel.IN_PERSON,
            880_000 + 15_000,
        ),
        (
            {"certificate": "land_and_assets", "applicant": "individual", "area": "ward"},
            Channel.IN_PERSON,
            1_250_000 + 120_000,
        ),
        (
            {"certificate": "land", "applicant": "organisation"},
            Channel.IN_PERSON,
            880_000 + 100_000,
        ),
        # Online: 95 % of the appraisal fee, no certificate charge (Đồng Nai).
        (
            {"certificate": "land", "applicant": "individual", "area": "ward"},
            Channel.ONLINE,
            836_000,
        ),
        (
            {"certificate": "land_and_assets", "applicant": "individual", "area": "ward"},
            Channel.ONLINE,
            1_187_500,
        ),
    ],
)
def test_land_certificate_by_applicant_area_and_channel(categories, channel, total):
    assert (
        VIETNAM_FEES.assess("1.013978", Facts(categories=categories, channel=channel), ON).total
        == total
    )


def test_online_reduction_only_within_its_validity():
    online = Facts(channel=Channel.ONLINE)
    schedule = FeeSchedule("1.000246", [FeeLine("Lệ phí", Flat(250_000), BASIS)], date(2025, 1, 1))
    waiver = Reduction(
        100,
        Channel.ONLINE,
        LegalBasis("Thông tư 40/2026/TT-BTC"),
        valid_from=date(2026, 4, 7),
        valid_until=date(2026, 6, 30),
    )
    book = FeeBook([schedule], reductions=[waiver])
    assert book.assess("1.000246", online, date(2026, 4, 6)).total == 250_000
    assert book.assess("1.000246", online, date(2026, 4, 7)).total == 0
    assert book.assess("1.000246", online, date(2026, 6, 30)).total == 0
    assert book.assess("1.000246", online, date(2026, 7, 1)).total == 250_000
    assert book.assess("1.000246", Facts(), date(2026, 5, 1)).total == 250_000


def test_the_sample_catalog_and_the_national_fee_book_agree():
    """Every national fee reference resolves, and 1.004222 costs what its notes say."""
    catalog = sample_catalog()
    keys = {schedule.procedure for schedule in VIETNAM_FEES.schedules}
    referenced = [p for p in catalog if p.fee_schedule in keys]
    assert {p.code for p in referenced} >= {"1.004222", "2.000815", "2.000884"}
    for procedure in referenced:
        on = procedure.valid_from or date(2026, 1, 5)
        assert VIETNAM_FEES.schedule_for(procedure.fee_schedule, on)
    residence = catalog.get("1.004222")
    assert "20.000 đ trực tiếp; 10.000 đ trực tuyến" in " ".join(residence.notes)
    for day in (date(2025, 6, 2), date(2026, 1, 5), date(2026, 11, 23)):
        assert VIETNAM_FEES.assess(residence, Facts(), day).total == 20_000
        online = Facts(channel=Channel.ONLINE)
        assert VIETNAM_FEES.assess(residence, online, day).total == 10_000


def test_exemptions():
    late = Facts(categories={"registration": "late"})
    assert VIETNAM_FEES.assess("1.001193", late, ON).total == 8_000
    poor = Facts(categories={"registration": "late"}, groups={ApplicantGroup.POOR_HOUSEHOLD})
    assessment = VIETNAM_FEES.assess("1.001193", poor, ON)
    assert assessment.total == 0
    assert assessment.lines[0].gross == 8_000
    assert assessment.lines[0].exempted_by is not None
    other = Facts(categories={"registration": "late"}, groups={ApplicantGroup.CHILD_UNDER_6})
    assert VIETNAM_FEES.assess("1.001193", other, ON).total == 8_000


def test_schedules_are_looked_up_as_of_a_date_and_never_guessed():
    book = FeeBook(
        [
            FeeSchedule(
                "1.000001", [FeeLine("A", Flat(5_000), BASIS)], date(2020, 1, 1), date(2023, 12, 31)
            ),
            FeeSchedule("1.000001", [FeeLine("A", Flat(7_000), BASIS)], date(2024, 1, 1)),
        ]
    )
    assert book.assess("1.000001", Facts(), date(2023, 12, 31)).total == 5_000
    assert book.assess("1.000001", Facts(), date(2024, 1, 1)).total == 7_000
    with pytest.raises(NoFeeScheduleError, match="in force on 2019-12-31") as info:
        book.assess("1.000001", Facts(), date(2019, 12, 31))
    assert isinstance(info.value, LookupError)
    with pytest.raises(NoFeeScheduleError, match="known periods: none"):
        book.assess("9.999999", Facts(), ON)
    with pytest.raises(FeeError, match="overlap"):
        FeeBook(
            [
                FeeSchedule("1.000001", [], date(2020, 1, 1)),
                FeeSchedule("1.000001", [], date(2024, 1, 1)),
            ]
        )


def test_missing_facts_are_named():
    with pytest.raises(FeeError, match="needs the quantity 'page'"):
        VIETNAM_FEES.assess("2.000815", Facts({"copy": 1}), ON)
    with pytest.raises(FeeError, match="depends on 'act'"):
        VIETNAM_FEES.assess(CONTRACT_CERTIFICATION, Facts(), ON)
    with pytest.raises(FeeError, match="no fee for act='notarise'"):
        VIETNAM_FEES.assess(CONTRACT_CERTIFICATION, Facts(categories={"act": "notarise"}), ON)


def test_rule_values_are_checked():
    with pytest.raises(FeeError, match="whole đồng"):
        Flat(-1)
    with pytest.raises(FeeError, match="whole đồng"):
        Flat(1.5)
    with pytest.raises(FeeError, match=r"percentage in 0\.\.100"):
        Percentage("value", "150")
    with pytest.raises(FeeError, match="floor"):
        Percentage("value", "1", floor=10, cap=5)
    with pytest.raises(FeeError, match="last band"):
        Tiered("m2", [Band(100, 1_000)])
    with pytest.raises(FeeError, match="increasing"):
        Tiered("m2", [Band(100, 1_000), Band(50, 500), Band(None, 100)])
    with pytest.raises(FeeError, match="whole percentage"):
        Reduction(150, Channel.ONLINE, BASIS, ON)


def test_tiers_and_sums():
    area = Tiered("m2", [Band(100, 1_000), Band(500, 500), Band(None, 100)])
    assert area.charge(Facts({"m2": 50})) == 50_000
    assert area.charge(Facts({"m2": 300})) == 100_000 + 200 * 500
    assert area.charge(Facts({"m2": 1_000})) == 100_000 + 400 * 500 + 500 * 100
    bands = Tiered(
        "plots", [Band(1, 100_000), Band(5, 300_000), Band(None, 500_000)], TierMode.BY_BAND
    )
    assert [bands.charge(Facts({"plots": n})) for n in (1, 2, 5, 6)] == [
        100_000,
        300_000,
        300_000,
        500_000,
    ]
    assert Sum([Flat(1_000), area]).charge(Facts({"m2": 10})) == 11_000


def test_rounding_is_half_up_to_the_dong():
    assert round_half_up(Decimal("5000.5")) == 5001
    assert round_half_up(Decimal("5000.49")) == 5000
    assert Percentage("value", "0.5").charge(Facts({"value": 1_000_100})) == 5_001
    assert Percentage("value", "0.5", floor=10_000).charge(Facts({"value": 100})) == 10_000


def test_receipt_lines():
    assessment = VIETNAM_FEES.assess(
        "1.013978",
        Facts(
            categories={"certificate": "land", "applicant": "individual", "area": "ward"},
            channel=Channel.ONLINE,
        ),
        ON,
    )
    assert assessment.receipt_lines() == [
        (
            "Phí thẩm định hồ sơ cấp Giấy chứng nhận: 880.000 đ "
            "(Nghị quyết 21/2024/NQ-HĐND (Đồng Nai))"
        ),
        "  giảm 5%: -44.000 đ (Nghị quyết 21/2024/NQ-HĐND (Đồng Nai): 95 % online)",
        "Lệ phí cấp Giấy chứng nhận: 30.000 đ (Nghị quyết 22/2024/NQ-HĐND (Đồng Nai))",
        "  giảm 100%: -30.000 đ (Nghị quyết 22/2024/NQ-HĐND (Đồng Nai))",
        "Tổng cộng: 836.000 đ",
    ]


def test_assessments_and_books_round_trip():
    converter = make_converter()
    assessment = VIETNAM_FEES.assess(
        "1.001193",
        Facts(categories={"registration": "late"}, groups={ApplicantGroup.DISABILITY}),
        ON,
    )
    for value, kind in ((assessment, Assessment), (VIETNAM_FEES, FeeBook)):
        text = json.dumps(converter.unstructure(value), ensure_ascii=False)
        assert converter.structure(json.loads(text), kind) == value


# -- properties ----------------------------------------------------------------

AMOUNTS = st.integers(0, 10**7)


def per_unit(price, first_units, first_price, cap, per):
    """A valid per-unit rule: a first price only with first units, a cap above any price."""
    first_price = first_price if first_units else None
    if cap is not None:
        cap = max(cap, price, first_price or 0)
    return PerUnit("page", price, first_units, first_price, cap, per)


RULES = st.recursive(
    st.one_of(
        st.builds(Flat, AMOUNTS),
        st.builds(
            per_unit,
            AMOUNTS,
            st.integers(0, 5),
            st.none() | AMOUNTS,
            st.none() | AMOUNTS,
            st.sampled_from([None, "copy"]),
        ),
        st.builds(
            Percentage,
            st.just("value"),
            st.decimals(0, 100, places=2).map(str),
            st.none() | st.just(0),
            st.none() | st.just(10**9),
        ),
    ),
    lambda inner: st.one_of(
        st.builds(Sum, st.lists(inner, min_size=1, max_size=3)),
        st.builds(
            Choice,
            st.just("kind"),
            st.lists(
                st.tuples(st.sampled_from("ab"), inner), min_size=1, unique_by=lambda o: o[0]
            ).filter(lambda options: options[0][0] == "a"),
        ),
    ),
    max_leaves=5,
)
FACTS = st.builds(
    Facts,
    st.fixed_dictionaries(
        {"page": st.integers(0, 500), "copy": st.integers(0, 10), "value": st.integers(0, 10**12)}
    ),
    st.just({"kind": "a"}),
    st.sets(st.sampled_from(list(ApplicantGroup))),
    st.sampled_from(list(Channel)),
)


def book_with(rules, exemptions=(), reductions=()):
    lines = [FeeLine(f"line {i}", rule, BASIS) for i, rule in enumerate(rules)]
    return FeeBook([FeeSchedule("1.000001", lines, date(2020, 1, 1))], exemptions, reductions)


@given(st.lists(RULES, max_size=3), FACTS)
def test_assessments_are_never_negative(rules, facts):
    assessment = book_with(rules).assess("1.000001", facts, ON)
    assert assessment.total >= 0
    assert all(line.net >= 0 for line in assessment.lines)


@given(st.lists(RULES, min_size=1, max_size=3), FACTS, st.lists(st.integers(0, 100), max_size=3))
def test_reductions_never_increase_a_total(rules, facts, percents):
    reductions = [Reduction(p, facts.channel, BASIS, date(2020, 1, 1)) for p in percents]
    plain = book_with(rules).assess("1.000001", facts, ON).total
    reduced = book_with(rules, reductions=reductions).assess("1.000001", facts, ON).total
    assert 0 <= reduced <= plain


@given(st.lists(RULES, min_size=1, max_size=3), FACTS, st.data())
def test_an_exemption_zeroes_exactly_what_it_covers(rules, facts, data):
    assume(facts.groups)
    covered = data.draw(st.sets(st.sampled_from([f"line {i}" for i in range(len(rules))])))
    exemption = Exemption(facts.groups, BASIS, date(2020, 1, 1), lines=covered)
    if not covered:  # an empty list covers every line
        exemption = Exemption(facts.groups, BASIS, date(2020, 1, 1))
        covered = {f"line {i}" for i in range(len(rules))}
    plain = book_with(rules).assess("1.000001", facts, ON)
    exempted = book_with(rules, exemptions=[exemption]).assess("1.000001", facts, ON)
    for before, after in zip(plain.lines, exempted.lines, strict=True):
        assert after.net == (0 if before.name in covered else before.net)


@given(st.dates(date(2015, 1, 1), date(2035, 12, 31)), st.integers(0, 3000), st.integers(1, 3000))
def test_a_schedule_lookup_is_total_on_its_range_and_raises_outside(start, offset, length):
    end = start + timedelta(days=length)
    book = FeeBook([FeeSchedule("1.000001", [FeeLine("A", Flat(1), BASIS)], start, end)])
    day = start + timedelta(days=offset)
    if day <= end:
        assert book.schedule_for("1.000001", day).valid_from == start
    else:
        with pytest.raises(NoFeeScheduleError):
            book.schedule_for("1.000001", day)
    with pytest.raises(NoFeeScheduleError):
        book.schedule_for("1.000001", start - timedelta(days=1))


def test_assess_a_dossier_on_its_reception_date():
    from datetime import datetime

    from onestop import Actor
    from onestop import Applicant
    from onestop import Dossier
    from onestop import DossierCode
    from onestop import Role
    from onestop.rules._fees import assess

    clerk = Actor("Cán bộ", {Role.RECEPTION_CLERK}, "000.00.12.H38")
    dossier = Dossier.receive(
        sample_catalog().get("1.004222"),
        Applicant("Lê Thị B"),
        agency="000.00.12.H38",
        at=datetime(2025, 6, 2, 9),
        actor=clerk,
        code=DossierCode.parse("000.00.12.H38-250602-0001"),
        channel=Channel.ONLINE,
    )
    assert assess(VIETNAM_FEES, "1.004222", dossier).total == 10_000
    assert assess(VIETNAM_FEES, "1.004222", Facts(), ON).total == 20_000
    with pytest.raises(FeeError, match="on which date"):
        assess(VIETNAM_FEES, "1.004222", Facts())
