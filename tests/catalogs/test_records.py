"""The loader of national-database records, on the 22 unmodified records in shared/."""

import json
from pathlib import Path

import pytest

import onestop.national
from onestop import Channel
from onestop import Duration
from onestop import Level
from onestop import ProcedureResult
from onestop.catalogs import RecordFee
from onestop.catalogs import catalog_from_records
from onestop.catalogs import load_records
from onestop.catalogs import sample_records
from onestop.exceptions import CatalogError
from onestop.exceptions import InvalidProcedureError
from onestop.serialization import converter

SAMPLE = Path(onestop.national.__file__).with_name("procedure-records.json")
SHARED = Path(__file__).resolve().parents[3] / "shared" / "domain" / "real-procedures-sample.json"


@pytest.fixture(scope="module")
def loaded():
    return load_records(SAMPLE)


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ is not beside the checkout")
def test_the_shipped_records_are_the_shared_ones_unmodified():
    assert SAMPLE.read_bytes() == SHARED.read_bytes()


def test_sample_records_reads_the_shipped_file(loaded):
    shipped = sample_records()
    assert shipped.catalog.codes == loaded.catalog.codes
    assert shipped.problems == loaded.problems


def problems_of(loaded, code):
    return [p for p in loaded.problems if p.code == code]


def test_every_record_is_read_or_reported(loaded):
    records = json.loads(SAMPLE.read_text(encoding="utf-8"))["records"]
    codes = {r["ma_thu_tuc"] for r in records}
    built = set(loaded.catalog.codes)
    left_out = {p.code for p in loaded.problems if "left out" in p.reason}
    assert built | left_out == codes
    assert not built & left_out
    assert len(built) == 15


def test_the_four_units_and_decimals_are_read(loaded):
    catalog = loaded.catalog
    assert catalog.get("1.001010").processing_time == Duration.months(6)
    assert catalog.get("1.010047").processing_time == Duration.working_hours(1)
    assert catalog.get("1.013097").processing_time == Duration.working_days(1.5)
    assert catalog.get("1.000081").processing_time == Duration.calendar_days(25)
    assert catalog.get("1.000178").processing_time == Duration.working_days(60)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("1.001193", "has no unit"),  # "1"
        ("1.115148", "has no unit"),  # "0"
        ("1.001612", "gives no processing time"),  # "Không có thông tin"
        ("1.001471", "several times for one channel"),
        ("1.000045", "several times for one channel"),
        ("1.001010", "fee in USD"),
        ("2.000815", "fee per unit"),
        ("1.000034", "disagrees with its note"),
        ("1.011423", None),
    ],
)
def test_what_cannot_be_read_is_reported_with_its_reason(loaded, code, reason):
    reasons = [p.reason for p in problems_of(loaded, code)]
    if reason is None:
        assert not any("time" in r for r in reasons)
    else:
        assert any(reason in r for r in reasons), reasons
    for problem in problems_of(loaded, code):
        assert problem.field
        assert str(problem).startswith(code)


def test_fees_and_times_are_per_channel(loaded):
    fees = {(f.code, f.channel): f.amount for f in loaded.fees}
    assert fees[("1.000246", Channel.ONLINE)] == 250_000
    assert fees[("1.000246", Channel.IN_PERSON)] == 600_000
    assert fees[("1.001193", Channel.ONLINE)] == 0
    procedure = loaded.catalog.get("1.000246")
    assert set(procedure.channels) == {Channel.ONLINE, Channel.POSTAL, Channel.IN_PERSON}
    assert procedure.processing_time_for(Channel.POSTAL) == Duration.calendar_days(11)


def test_the_rest_of_a_record_is_read(loaded):
    procedure = loaded.catalog.get("1.001010")
    assert procedure.level is Level.PROVINCE
    assert procedure.result == "Thẻ thường trú"
    assert "47/2014/QH13" in procedure.legal_bases
    assert procedure.components[0].originals == 1
    assert loaded.catalog.get("1.000034").level is Level.COMMUNE


def test_the_loaded_catalog_round_trips(loaded):
    from onestop import Catalog

    data = converter().unstructure(loaded.catalog)
    assert converter().structure(json.loads(json.dumps(data)), Catalog) == loaded.catalog


def test_a_channel_whose_time_differs_gets_its_own_terms():
    record = {
        "ma_thu_tuc": "1.999999",
        "ten_thu_tuc": "Thủ tục thử",
        "linh_vuc": "Thử",
        "cap_thuc_hien": "Cấp xã",
        "co_quan_thuc_hien": "UBND xã",
        "ket_qua_xu_ly": "Giấy xác nhậnMã: KQ",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tả"
        "Trực tiếp5 Ngày làm việcMiễn phíTrực tuyến3 Ngày làm việcMiễn phí",
    }
    loaded = catalog_from_records([record, record, {"ma_thu_tuc": 7}])
    procedure = loaded.catalog.get("1.999999")
    assert procedure.processing_time_for(Channel.IN_PERSON) == Duration.working_days(5)
    assert procedure.processing_time_for(Channel.ONLINE) == Duration.working_days(3)
    assert any("listed twice" in p.reason for p in loaded.problems)
    assert any(p.field == "ma_thu_tuc" and "records[2]" in p.code for p in loaded.problems)


def test_a_fee_past_any_real_one_is_reported_not_kept():
    record = {
        "ma_thu_tuc": "1.999998",
        "ten_thu_tuc": "Thủ tục thử",
        "linh_vuc": "Thử",
        "cap_thuc_hien": "Cấp xã",
        "co_quan_thuc_hien": "UBND xã",
        "ket_qua_xu_ly": "Giấy xác nhậnMã: KQ",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tả"
        "Trực tiếp5 Ngày làm việc100,000,000,000,000,000,000 Việt Nam Đồng",
    }
    loaded = catalog_from_records([record])
    assert loaded.fees == ()
    assert any("past 10^15" in p.reason for p in loaded.problems)
    with pytest.raises(CatalogError, match="money in whole đồng"):
        RecordFee("1.999998", Channel.IN_PERSON, 10**20, "")
    with pytest.raises(CatalogError, match="code"):
        RecordFee(3, Channel.IN_PERSON, 1_000, "")


@pytest.mark.parametrize("bad", ["text", 42, [1, 2]])
def test_malformed_input_raises_a_catalog_error(bad):
    with pytest.raises(CatalogError):
        catalog_from_records(bad)


def test_unreadable_files_raise_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError, match="cannot read"):
        load_records(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(CatalogError, match="not JSON"):
        load_records(tmp_path / "bad.json")
    (tmp_path / "obj.json").write_text('{"x": 1}', encoding="utf-8")
    with pytest.raises(CatalogError, match="no list"):
        load_records(tmp_path / "obj.json")


def _with_fee(text):
    return {
        "ma_thu_tuc": "1.999997",
        "ten_thu_tuc": "Thủ tục thử",
        "linh_vuc": "Thử",
        "cap_thuc_hien": "Cấp tỉnh",
        "co_quan_thuc_hien": "Sở Thử",
        "ket_qua_xu_ly": "Giấy xác nhậnMã: KQ",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tả"
        f"Trực tiếp5 Ngày làm việc{text}",
    }


@pytest.mark.parametrize(
    ("text", "amount", "reason"),
    [
        # a USD amount in the note, listed as đồng
        ("155 VNĐ(Thẻ tạm trú có thời hạn từ trên 02 năm đến 05 năm: 155 USD/thẻ.)", None, "USD"),
        # an article number is no amount of 2 đ
        ("20,000 Việt Nam Đồng(theo khoản 2 Điều 24 Nghị định 144/2021)", 20_000, None),
        # thousands written with commas in the note agree with the amount
        ("250,000 Việt Nam Đồng(250,000 đồng/lần)", 250_000, None),
        ("250,000 Việt Nam Đồng(25,000 đồng/lần)", None, "disagrees"),
    ],
)
def test_fee_amounts_are_read_as_the_record_means_them(text, amount, reason):
    loaded = catalog_from_records([_with_fee(text)])
    assert [fee.amount for fee in loaded.fees] == ([] if amount is None else [amount])
    if reason is not None:
        assert any(reason in problem.reason for problem in loaded.problems)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Luật năm 201102/2011/QH13", ["02/2011/QH13"]),  # a year glued on
        ("sửa đổi 202323/2023/QH15", ["23/2023/QH15"]),
        ("Thông tư 12/2024/TT-NHNNQuy định", ["12/2024/TT-NHNN"]),  # the issuer not cut
        ("21/2025/TT-BCA", ["21/2025/TT-BCA"]),
        ("08/2015/NĐ-CPQUY ĐỊNH", ["08/2015/NĐ-CP"]),  # the next word not glued on
        ("Nghị quyết 66.7/2025/NQ-CP", ["66.7/2025/NQ-CP"]),  # a decimal number whole
        ("12/2024/TT-BNNPTNT", ["12/2024/TT-BNNPTNT"]),  # an issuer of seven letters
        ("Quyết định 09/2023/QĐ-TTg", ["09/2023/QĐ-TTg"]),
        ("09/2015/TTLT-BCA-BYT-BTCVề việc", ["09/2015/TTLT-BCA-BYT-BTC"]),
        ("Pháp lệnh 11/2023/PL-UBTVQH15", ["11/2023/PL-UBTVQH15"]),
        ("Luật 32/2024/QH15hướng dẫn", ["32/2024/QH15"]),
        ("Quyết định 2222/QĐ-BHXH", ["2222/QĐ-BHXH"]),  # a decision without its year
    ],
)
def test_legal_basis_numbers_are_read_whole(text, codes):
    record = _with_fee("Miễn phí")
    record["can_cu_phap_ly"] = f"Tên văn bản pháp lýMã văn bản{text}"
    loaded = catalog_from_records([record])
    assert list(loaded.catalog.get("1.999997").legal_bases) == codes


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam",
         ["Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam"]),
        ("Ủy ban nhân dân xã, phường, thị trấn", ["Ủy ban nhân dân xã, phường, thị trấn"]),
        ("Cục quản lý xuất nhập cảnh, Công an tỉnh",
         ["Cục quản lý xuất nhập cảnh", "Công an tỉnh"]),
    ],
)  # fmt: skip
def test_agency_names_are_split_only_between_agencies(text, agencies):
    record = _with_fee("Miễn phí")
    record["co_quan_thuc_hien"] = text
    loaded = catalog_from_records([record])
    assert list(loaded.catalog.get("1.999997").agencies) == agencies


def test_every_result_is_kept_with_its_code():
    record = _with_fee("Miễn phí")
    record["ket_qua_xu_ly"] = (
        "Giấy chứng nhận đăng ký xeMã: KQ.G01.000014Biển số xeMã: KQ.G01.000015"
        "Từ khóaKhông có thông tinMô tảKhông có thông tin"
    )
    procedure = catalog_from_records([record]).catalog.get("1.999997")
    assert [(r.name, r.code) for r in procedure.results] == [
        ("Giấy chứng nhận đăng ký xe", "KQ.G01.000014"),
        ("Biển số xe", "KQ.G01.000015"),
    ]
    assert procedure.result == "Giấy chứng nhận đăng ký xe"
    again = converter().structure(converter().unstructure(procedure), type(procedure))
    assert again == procedure
    with pytest.raises(InvalidProcedureError, match=r"KQ\.G01\.000084"):
        ProcedureResult("Thẻ", "KQ-1")
