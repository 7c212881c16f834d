"""Dossier components read from national-database records: the rules, then all 322 records."""

import json
import re
from pathlib import Path

import pytest

import onestop.national
from onestop import Requirement
from onestop.catalogs import catalog_from_records

HERE = Path(__file__).resolve().parent
RECORDS_300 = HERE / "data" / "real-records-300.json"
SAMPLE = Path(onestop.national.__file__).with_name("procedure-records.json")
SHARED_300 = HERE.parents[2] / "shared" / "domain" / "real-records-300.json"
HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
JUNK_START = re.compile(r"(?:[-*+•]|[a-zđ]{1,3}\)|số lượng hồ sơ)", re.IGNORECASE)
FILE_NAME = re.compile(r"\.(docx?|pdf|xlsx?|rar|zip)$", re.IGNORECASE)


def _record(components):
    return {
        "ma_thu_tuc": "1.999996",
        "ten_thu_tuc": "Thủ tục thử",
        "linh_vuc": "Thử",
        "cap_thuc_hien": "Cấp tỉnh",
        "co_quan_thuc_hien": "Sở Thử",
        "ket_qua_xu_ly": "Giấy xác nhậnMã: KQ.G01.000014",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tả"
        "Trực tiếp5 Ngày làm việcMiễn phí",
        "thanh_phan_ho_so": components,
    }


def _read(components):
    loaded = catalog_from_records([_record(components)])
    procedure = loaded.catalog.get("1.999996")
    problems = [p for p in loaded.problems if p.field == "thanh_phan_ho_so"]
    return procedure.components, problems


def test_rows_are_split_at_their_counts_and_forms():
    components, problems = _read(
        f"--{HEADER}Bản khai cá nhân (Mẫu số 05A);Mẫu 05A.TT41.doc1 bản chính"
        "Bản sao hộ chiếu có chứng thực;0 bản chính,1 bản sao"
        "Hai ảnh chân dung cỡ 2 cm x 3 cm2 bản chính"
        "Giấy bảo lãnh của Bộ Công an.NA11.doc1 bản chính"
        "Văn bản đề nghị theo Mẫu số 131 bản chính,1 bản sao"
        "Đơn đề nghị theo Mẫu 05, Mẫu 07 Nghị định số 23/2026/NĐ-CP.Mau05.docxMau07.docx1 bản chính"
    )
    assert [(c.name, c.originals, c.copies, c.form) for c in components] == [
        ("Bản khai cá nhân (Mẫu số 05A)", 1, 0, "Mẫu 05A.TT41.doc"),
        ("Bản sao hộ chiếu có chứng thực", 0, 1, None),
        ("Hai ảnh chân dung cỡ 2 cm x 3 cm", 2, 0, None),
        ("Giấy bảo lãnh của Bộ Công an", 1, 0, "NA11.doc"),
        ("Văn bản đề nghị theo Mẫu số 13", 1, 1, None),  # "13" + the count "1"
        (
            "Đơn đề nghị theo Mẫu 05, Mẫu 07 Nghị định số 23/2026/NĐ-CP",
            1,
            0,
            "Mau05.docx; Mau07.docx",
        ),
    ]
    assert problems == []


def test_a_count_inside_the_text_does_not_cut_the_row():
    components, _ = _read(
        f"--{HEADER}Đơn đặt hàng của doanh nghiệp: 01 bản chính; bản fax; e-mail; telex "
        "có xác nhận của giám đốc.1 bản chínhHợp đồng bảo đảm (01 bản chính hoặc 01 bản sao)"
        "1 bản chính"
    )
    assert [c.name for c in components] == [
        (
            "Đơn đặt hàng của doanh nghiệp: 01 bản chính; bản fax; e-mail; telex có xác nhận"
            " của giám đốc"
        ),
        "Hợp đồng bảo đảm (01 bản chính hoặc 01 bản sao)",
    ]


def test_each_table_is_read_and_a_case_heading_makes_its_rows_conditional():
    components, _ = _read(
        f"* Giấy tờ phải nộp:{HEADER}Tờ khai1 bản chính"
        f"Đối với trường hợp cấp lại:{HEADER}Giấy chứng nhận cũ1 bản chính"
        f"Hồ sơ đề nghị xét hưởng chế độ {HEADER}kèm theo danh sách (Mẫu số 02)1 bản chính"
    )
    assert [(c.name, c.requirement, c.condition) for c in components] == [
        ("Tờ khai", Requirement.REQUIRED, None),
        ("Giấy chứng nhận cũ", Requirement.CONDITIONAL, "Đối với trường hợp cấp lại"),
        (  # a header fallen inside a row's name is cut out of it
            "Hồ sơ đề nghị xét hưởng chế độ kèm theo danh sách (Mẫu số 02)",
            Requirement.CONDITIONAL,
            "Đối với trường hợp cấp lại",
        ),
    ]


def test_numbered_headings_among_several_are_the_record_s_alternatives():
    components, _ = _read(
        f"a) Hồ sơ cấp mới:{HEADER}Đơn cấp mới1 bản chính"
        f"b) Hồ sơ phục hồi:{HEADER}Đơn phục hồi1 bản chính"
    )
    assert [c.condition for c in components] == ["Hồ sơ cấp mới", "Hồ sơ phục hồi"]
    alone, _ = _read(f"a) Thành phần hồ sơ:{HEADER}Đơn1 bản chính")
    assert alone[0].requirement is Requirement.REQUIRED


def test_if_any_at_a_name_s_end_makes_it_conditional():
    components, _ = _read(f"--{HEADER}Giấy tờ về quyền sử dụng đất (nếu có)1 bản chính")
    assert components[0].requirement is Requirement.CONDITIONAL
    assert components[0].condition == "nếu có"


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ("Tờ khai1 bản chính.1 bản chính", "no words"),
        ("Tờ khai1 bản chính)1 bản chính", "no words"),
        ("Tờ khai1 bản chínhSố lượng hồ sơ: 01 (một) bộ1 bản chính", "number of dossiers"),
        ("Tờ khai1 bản chínhSL hồ sơ: 01 bộ1 bản chính", "number of dossiers"),
        ("Tờ khai1 bản chínhLưu ý: nộp bản chụp rõ nét0 bản chính", "a note"),
        ("Tờ khai1 bản chínhTờ khai1 bản chính", "listed twice"),
    ],
)
def test_rows_that_are_no_document_are_left_out_and_reported(rows, reason):
    components, problems = _read(f"--{HEADER}{rows}")
    assert [c.name for c in components] == ["Tờ khai"]
    assert [p.reason for p in problems if reason in p.reason] == [p.reason for p in problems]
    assert len(problems) == 1


def test_list_marks_are_not_part_of_a_name():
    components, _ = _read(
        f"--{HEADER}- Tờ khai1 bản chínhe) Bản sao giấy phép0 bản chính,1 bản sao"
    )
    assert [c.name for c in components] == ["Tờ khai", "Bản sao giấy phép"]
    leading_count, _ = _read(f"--{HEADER}02 ảnh cỡ 2x3cm2 bản chính")
    assert leading_count[0].name == "02 ảnh cỡ 2x3cm"


def _all_records():
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))["records"]
    more = json.loads(RECORDS_300.read_text(encoding="utf-8"))["records"]
    return sample + more


@pytest.mark.skipif(not SHARED_300.exists(), reason="shared/ is not beside the checkout")
def test_the_300_records_are_the_shared_ones_unmodified():
    assert RECORDS_300.read_bytes() == SHARED_300.read_bytes()


@pytest.fixture(scope="module")
def all_322():
    records = _all_records()
    assert len(records) == 322
    return catalog_from_records(records)


def test_all_322_records_are_read_or_reported(all_322):
    codes = {record["ma_thu_tuc"] for record in _all_records()}
    built = set(all_322.catalog.codes)
    left_out = {p.code for p in all_322.problems if p.reason.endswith("procedure left out")}
    assert built | left_out == codes
    assert not built & left_out
    assert len(built) == 251
    twice = [p for p in all_322.problems if p.reason == "listed twice; second left out"]
    assert len(twice) == 1  # one record is in both files


def test_no_component_of_the_322_records_is_junk(all_322):
    components = [c for p in all_322.catalog.procedures for c in p.components]
    assert len(components) > 1000
    for component in components:
        assert HEADER not in component.name
        assert HEADER not in (component.condition or "")
        assert any(character.isalpha() for character in component.name), component
        junk_start = JUNK_START.match(component.name)
        assert not junk_start, component
        assert component.name.count("(") <= component.name.count(")") + 1, component
        assert not component.name.endswith("("), component
        if component.form is not None:
            assert "/" not in component.form, component
            assert FILE_NAME.search(component.form), component
    for procedure in all_322.catalog.procedures:
        assert len(set(procedure.components)) == len(procedure.components), procedure.code


def test_the_322_records_case_tables_become_conditions(all_322):
    fuel = all_322.catalog.get("1.000034")  # xăng dầu: one table per case
    conditions = {c.condition for c in fuel.components}
    assert None not in conditions
    assert len(conditions) > 1
