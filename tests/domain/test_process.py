"""ISO 9001 process definitions: checks, branches, versions, step deadlines, rendering, JSON."""

from datetime import date
from datetime import datetime
from datetime import timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop import Duration
from onestop.catalogs import load_process
from onestop.catalogs import process_from_json
from onestop.catalogs import process_to_json
from onestop.catalogs import sample_catalog
from onestop.catalogs import save_process
from onestop.domain._process import Branch
from onestop.domain._process import Branching
from onestop.domain._process import FormDefinition
from onestop.domain._process import InvalidProcessError
from onestop.domain._process import ProcessDefinition
from onestop.domain._process import ProcessStep
from onestop.domain._process import Revision
from onestop.domain._process import StepKind
from onestop.exceptions import CatalogError
from onestop.rules._process_checks import check
from onestop.rules._process_checks import check_versions
from onestop.rules._process_checks import render_markdown
from onestop.testing.strategies import national_calendar

CATALOG = sample_catalog()
CAL = national_calendar()
H = Duration.working_hours


def hanoi_copy_from_register(**changes):
    """Hà Nội's process for 2.000908 (domain brief §7.2): 2 + 3 + 2 + 1 hours."""
    fields = {
        "code": "QT.15/TTPVHCC",
        "title": "Cấp bản sao từ sổ gốc",
        "procedure": "2.000908",
        "version": 2,
        "issue_date": date(2026, 5, 13),
        "effective_date": date(2026, 5, 20),
        "approver": "Giám đốc Trung tâm Phục vụ hành chính công",
        "steps": [
            ProcessStep(
                "Tiếp nhận hồ sơ",
                "Bộ phận Một cửa",
                "Công chức tiếp nhận",
                H(2),
                StepKind.RECEPTION,
                records=["Giấy tiếp nhận"],
                forms=["BM.01"],
            ),
            ProcessStep(
                "Thẩm định, trình ký", "Bộ phận chuyên môn", "Chuyên viên", H(3), forms=["BM.02"]
            ),
            ProcessStep("Ký duyệt", "Lãnh đạo", "Phó Chủ tịch", H(2)),
            ProcessStep(
                "Trả kết quả",
                "Bộ phận Một cửa",
                "Công chức trả kết quả",
                H(1),
                StepKind.RETURN,
                records=["Bản sao từ sổ gốc"],
                retention="5 năm",
            ),
        ],
        "revisions": [
            Revision(1, date(2025, 7, 1), "Ban hành lần đầu"),
            Revision(2, date(2026, 5, 13), "Cập nhật theo Quyết định 663/QĐ-TTPVHCC", "5.7"),
        ],
        "forms": [
            FormDefinition("BM.01", "Phiếu kiểm soát quá trình"),
            FormDefinition("BM.02", "Tờ trình"),
        ],
        "references": ["Nghị định 23/2015/NĐ-CP"],
    }
    return ProcessDefinition(**(fields | changes))


def land_with_inspection():
    """A process that splits: field inspection or not (1.012787, 8 working days)."""
    days = Duration.working_days
    return ProcessDefinition(
        "QT.07/VPĐKĐĐ",
        "Cấp GCN cho người mua trong dự án",
        "1.012787",
        1,
        date(2025, 7, 1),
        date(2025, 7, 1),
        "Giám đốc Văn phòng đăng ký đất đai",
        [
            ProcessStep(
                "Tiếp nhận", "Bộ phận Một cửa", "Công chức tiếp nhận", days(0.5), StepKind.RECEPTION
            ),
            ProcessStep("Kiểm tra hồ sơ", "VPĐKĐĐ", "Chuyên viên", days(2)),
            Branching(
                [
                    Branch(
                        "không cần kiểm tra thực địa",
                        [ProcessStep("Cập nhật cơ sở dữ liệu", "VPĐKĐĐ", "Chuyên viên", days(2))],
                    ),
                    Branch(
                        "cần kiểm tra thực địa",
                        [
                            ProcessStep(
                                "Kiểm tra thực địa", "VPĐKĐĐ", "Chuyên viên đo đạc", days(2)
                            ),
                            ProcessStep("Cập nhật cơ sở dữ liệu", "VPĐKĐĐ", "Chuyên viên", days(1)),
                        ],
                    ),
                ]
            ),
            ProcessStep("Ký Giấy chứng nhận", "VPĐKĐĐ", "Giám đốc", days(1)),
            ProcessStep(
                "Trả kết quả",
                "Bộ phận Một cửa",
                "Công chức trả kết quả",
                days(0.5),
                StepKind.RETURN,
            ),
        ],
        committed_time=days(7),
    )


def test_a_process_that_fits_passes():
    assert check(hanoi_copy_from_register(), CATALOG.get("2.000908")) == ()
    assert hanoi_copy_from_register().longest_time() == timedelta(hours=8)


def test_every_path_must_fit_the_legal_and_committed_time():
    process = land_with_inspection()
    assert len(process.paths()) == 2
    assert process.longest_time() == timedelta(hours=8 * 7)
    assert check(process, CATALOG.get("1.012787")) == ()
    tight = attrs.evolve(process, committed_time=Duration.working_days(6))
    findings = check(tight, CATALOG.get("1.012787"))
    assert [f.rule for f in findings] == ["fits-committed-time"]
    assert "Kiểm tra thực địa" in findings[0].where
    assert "more than the committed 6 working days (48 h)" in findings[0].message


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (lambda p: attrs.evolve(p, steps=p.steps[1:]), "starts-with-reception"),
        (lambda p: attrs.evolve(p, steps=p.steps[:-1]), "ends-with-return"),
        (
            lambda p: attrs.evolve(
                p, steps=[*p.steps[:2], attrs.evolve(p.steps[2], role=" "), p.steps[3]]
            ),
            "responsible-role",
        ),
        (lambda p: attrs.evolve(p, forms=p.forms[:1]), "forms-defined"),
        (lambda p: attrs.evolve(p, revisions=p.revisions[::-1]), "versions-increase"),
        (lambda p: attrs.evolve(p, version=3), "versions-increase"),
        (
            lambda p: attrs.evolve(
                p, steps=[*p.steps[:2], attrs.evolve(p.steps[2], time=H(3)), p.steps[3]]
            ),
            "fits-legal-time",
        ),
        (lambda p: attrs.evolve(p, procedure="2.000815"), "same-procedure"),
    ],
)
def test_each_check_has_a_finding(change, rule):
    findings = check(change(hanoi_copy_from_register()), CATALOG.get("2.000908"))
    assert rule in {f.rule for f in findings}
    assert all(str(f).startswith(f.rule) for f in findings)


def test_calendar_day_limits_cannot_be_compared():
    findings = check(
        attrs.evolve(hanoi_copy_from_register(), procedure="1.013978"), CATALOG.get("1.013978")
    )
    assert any("cannot be compared" in f.message for f in findings)


def test_versions_across_documents():
    v1 = hanoi_copy_from_register(
        version=1,
        revisions=[Revision(1, date(2025, 7, 1), "Ban hành")],
        issue_date=date(2025, 6, 20),
        effective_date=date(2025, 7, 1),
        valid_until=date(2026, 5, 19),
    )
    v2 = hanoi_copy_from_register()
    assert check_versions([v2, v1]) == ()
    overlapping = attrs.evolve(v1, valid_until=None)
    assert [f.rule for f in check_versions([overlapping, v2])] == ["no-overlap"]
    assert "versions-increase" in {
        f.rule for f in check_versions([v1, attrs.evolve(v2, version=1)])
    }
    assert v1.validity.covers(date(2026, 5, 19))
    assert not v1.validity.covers(date(2026, 5, 20))


def test_step_times_are_office_time():
    with pytest.raises(InvalidProcessError, match="working days or hours"):
        ProcessStep("x", "u", "r", Duration.calendar_days(1))
    with pytest.raises(InvalidProcessError, match="at least two"):
        Branching([Branch("only", [ProcessStep("x", "u", "r")])])
    with pytest.raises(InvalidProcessError, match="adds nothing"):
        Branching([Branch("không", []), Branch("cũng không", [])])


def test_an_alternative_that_adds_no_step_is_legal():
    appraise = ProcessStep("Thẩm định", "Phòng Tư pháp", "Chuyên viên", Duration.working_days(1))
    sign = ProcessStep("Ký duyệt", "UBND", "Lãnh đạo", Duration.working_days(1))
    flow = [
        Branching([Branch("cần xác minh", [appraise]), Branch("không cần xác minh", [])]),
        sign,
    ]
    process = hanoi_copy_from_register(steps=flow)
    assert process.paths() == ((appraise, sign), (sign,))


def test_step_deadlines_and_timings():
    process = hanoi_copy_from_register()
    schedule = process.schedule(CAL, datetime(2026, 11, 16, 8))
    assert [due for _, due in schedule] == [
        datetime(2026, 11, 16, 10),
        datetime(2026, 11, 16, 14),
        datetime(2026, 11, 16, 16),
        datetime(2026, 11, 16, 17),
    ]
    timings = process.timings(
        CAL,
        datetime(2026, 11, 16, 8),
        [datetime(2026, 11, 16, 9), datetime(2026, 11, 16, 15), datetime(2026, 11, 16, 16)],
    )
    assert [t.late for t in timings] == [False, True, False]
    assert [t.over_share for t in timings] == [timedelta(), timedelta(hours=2), timedelta()]
    with pytest.raises(InvalidProcessError, match="say which path"):
        land_with_inspection().schedule(CAL, datetime(2026, 11, 16, 8))
    inspected = land_with_inspection().paths()[1]
    assert land_with_inspection().schedule(CAL, datetime(2026, 11, 16, 8), inspected)[-1][
        1
    ] == datetime(2026, 11, 25, 17)


def test_rendering_as_a_published_table():
    text = render_markdown(land_with_inspection())
    assert (
        "| B1 | Tiếp nhận | Bộ phận Một cửa — Công chức tiếp nhận | 0,5 ngày làm việc | — |" in text
    )
    assert "[cần kiểm tra thực địa] Kiểm tra thực địa" in text
    assert "Tổng thời gian (đường dài nhất): 7 ngày làm việc (56 h)" in text
    assert "| 2 | 13/05/2026 | Cập nhật theo Quyết định 663/QĐ-TTPVHCC |" in render_markdown(
        hanoi_copy_from_register()
    )


def test_json_round_trip_and_files(tmp_path):
    for process in (hanoi_copy_from_register(), land_with_inspection()):
        assert process_from_json(process_to_json(process)) == process
    path = tmp_path / "process.json"
    save_process(land_with_inspection(), path)
    assert load_process(path) == land_with_inspection()
    with pytest.raises(CatalogError, match=r"problem\(s\)"):
        process_from_json('{"code": "QT.01"}')


# -- properties ------------------------------------------------------------------

STEP_HOURS = st.lists(
    st.integers(1, 16).map(lambda half_hours: half_hours / 2), min_size=1, max_size=6
)


def process_with(hours, limit_days):
    steps = [ProcessStep("Tiếp nhận", "Một cửa", "Công chức", H(hours[0]), StepKind.RECEPTION)]
    steps += [
        ProcessStep(f"Bước {i}", "Chuyên môn", "Chuyên viên", H(h))
        for i, h in enumerate(hours[1:], 2)
    ]
    steps.append(ProcessStep("Trả kết quả", "Một cửa", "Công chức", None, StepKind.RETURN))
    return ProcessDefinition(
        "QT.99",
        "Test",
        "1.012787",
        1,
        date(2026, 1, 1),
        date(2026, 1, 1),
        "GĐ",
        steps,
        committed_time=Duration.working_days(limit_days),
    )


@given(STEP_HOURS, st.data())
def test_any_process_whose_steps_fit_is_accepted(hours, data):
    needed_days = -(-int(sum(hours) * 2) // 16)  # whole days enough for the steps
    limit = data.draw(st.integers(max(needed_days, 1), 8))
    assert check(process_with(hours, limit), CATALOG.get("1.012787")) == ()


@given(STEP_HOURS, st.integers(1, 8), st.data())
def test_adding_time_beyond_the_limit_is_rejected(hours, limit, data):
    index = data.draw(st.integers(0, len(hours) - 1))
    room = limit * 8 - sum(hours)
    grown = list(hours)
    grown[index] += max(room, 0) + data.draw(st.integers(1, 8)) / 2
    findings = check(process_with(grown, limit), CATALOG.get("1.012787"))
    assert "fits-committed-time" in {f.rule for f in findings}
