"""The one-stop forms: every form under both rule sets, as HTML and as PDF turned into
images and text, signed as PAdES through the signer; the office calls and the CLI."""

import re
from datetime import date
from datetime import datetime
from datetime import timedelta

import attrs
import pypdfium2
import pytest

from onestop import Actor
from onestop import Applicant
from onestop import Dossier
from onestop import DossierCode
from onestop import Role
from onestop import cli
from onestop.catalogs import sample_catalog
from onestop.domain.model._rule_set import FormKind
from onestop.events import Apologized
from onestop.events import Paid
from onestop.events import PaymentRequested
from onestop.events import Resolved
from onestop.events import Returned
from onestop.events import Stopped
from onestop.events import Supplemented
from onestop.events import SupplementRequested
from onestop.events import Transferred
from onestop.exceptions import FormError
from onestop.exceptions import SignatureError
from onestop.exceptions import UsageError
from onestop.national._decrees import DECREE_61_2018
from onestop.national._decrees import DECREE_118_2025
from onestop.office._forms import TITLES_VI
from onestop.office._forms import Form
from onestop.office._forms import log_book
from onestop.office._forms import render_form
from onestop.signing._keys import KeySigner
from onestop.signing._pdf import verify_pdf
from onestop.testing.certificates import pem_files
from onestop.testing.certificates import self_signed
from onestop.testing.strategies import national_calendar

CAL = national_calendar()
DESK = "000.00.12.H38"
DEPT = "000.00.13.H38"
CLERK = Actor("Nguyễn Văn Tiếp", {Role.RECEPTION_CLERK, Role.SPECIALIST}, DESK)
DEPT_LEADER = Actor("Hoàng Trưởng Phòng", {Role.LEADER, Role.SPECIALIST}, DEPT)
CITIZEN = Applicant("Lê Thị Bình", None, "0912345678", "12 Hàng Bạc")
APPLICANT = Actor.applicant("Lê Thị Bình")
PROCEDURE = attrs.evolve(sample_catalog().get("1.004222"), valid_from=None)
NAMES = {DESK: "Trung tâm Phục vụ hành chính công tỉnh Mẫu", DEPT: "Sở Tư pháp tỉnh Mẫu"}
KEY, CERTIFICATE = self_signed()
SIGNER = KeySigner(KEY, CERTIFICATE)
#: The last day of Circular 01/2018 and the first of Circular 03/2025 (both working days).
DAYS = {DECREE_61_2018.key: datetime(2025, 6, 30, 9), DECREE_118_2025.key: datetime(2025, 7, 1, 9)}


def life(start, *, stop=False):
    """A dossier through every form's event: receipt, supplement, payment, transfers,
    an apology, then resolution and return (or a stop)."""
    dossier = Dossier.receive(
        PROCEDURE,
        CITIZEN,
        agency=DESK,
        at=start,
        actor=CLERK,
        code=DossierCode(DESK, start.date(), 7),
        components=("Tờ khai thay đổi thông tin cư trú",),
    )
    at = start
    events = [
        SupplementRequested(at=at + timedelta(hours=1), actor=CLERK, items=["Sổ hộ khẩu"]),
        Supplemented(at=at + timedelta(hours=5), actor=APPLICANT),
        PaymentRequested(at=at + timedelta(hours=6), actor=CLERK, amount=20_000),
        Paid(at=at + timedelta(hours=7), actor=APPLICANT, amount=20_000, online=True),
        Transferred(at=at + timedelta(days=1), actor=CLERK, to_agency=DEPT, step="thẩm định"),
    ]
    for event in events:
        dossier = dossier.apply(event)
    due = dossier.deadline(CAL)
    if stop:
        return dossier.apply(
            Stopped(
                at=due - timedelta(hours=2), actor=DEPT_LEADER, reason="Theo đề nghị của người nộp"
            )
        )
    dossier = dossier.apply(
        Apologized(
            at=due - timedelta(hours=2),
            actor=DEPT_LEADER,
            reason="Cần xác minh thêm",
            original_due=due,
            new_appointment=due + timedelta(days=3),
        )
    )
    dossier = dossier.apply(
        Resolved(at=due + timedelta(days=2), actor=DEPT_LEADER, result="Đã đăng ký")
    )
    return dossier.apply(
        Returned(at=due + timedelta(days=2, hours=3), actor=CLERK, channel=PROCEDURE.channels[0])
    )


def refused(start):
    return Dossier.refuse(
        PROCEDURE, CITIZEN, agency=DESK, at=start, actor=CLERK, reason="Ngoài thẩm quyền giải quyết"
    )


def dossier_for(kind, start):
    if kind is FormKind.REFUSAL:
        return refused(start)
    return life(start, stop=kind is FormKind.STOP_NOTICE)


def pdf_text(pdf):
    """Every page turned into an image (checked not blank) and its text, whitespace folded."""
    document = pypdfium2.PdfDocument(pdf)
    texts = []
    for page in document:
        image = page.render(scale=1).to_pil().convert("L")
        dark = sum(count for count, level in image.getcolors(256) if level < 128)
        assert dark > 1_000  # the page shows text, not a blank sheet
        texts.append(page.get_textpage().get_text_range())
    document.close()
    return re.sub(r"\s+", " ", " ".join(texts))


KINDS = [kind for kind in FormKind if kind is not FormKind.LOG_BOOK]


@pytest.mark.pdf
@pytest.mark.parametrize("rule_set", [DECREE_61_2018, DECREE_118_2025], ids=lambda r: r.key)
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
def test_every_form_under_both_rule_sets_as_html_and_pdf(kind, rule_set):
    start = DAYS[rule_set.key]
    dossier = dossier_for(kind, start)
    form = render_form(kind, dossier, CAL, names=NAMES, place="Tỉnh Mẫu")
    assert form.rule_set is rule_set
    assert form.number == rule_set.form_number(kind)
    if kind is FormKind.APOLOGY and rule_set is DECREE_118_2025:
        assert form.title == "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
    else:
        assert form.title == TITLES_VI[kind]
    decree = "61/2018/NĐ-CP" if rule_set is DECREE_61_2018 else "118/2025/NĐ-CP"
    assert decree in form.html
    text = pdf_text(form.to_pdf())
    assert form.title in text
    assert (form.number or "không quy định mẫu này") in text
    assert decree in text
    assert "Lê Thị Bình" in text
    assert "Tỉnh Mẫu, ngày" in text
    if dossier.code is not None:
        assert str(dossier.code) in text
    expected = {
        FormKind.RECEIPT: ["Tờ khai thay đổi thông tin cư trú", "Thời gian trả kết quả"],
        FormKind.SUPPLEMENT_REQUEST: ["Sổ hộ khẩu"],
        FormKind.REFUSAL: ["Ngoài thẩm quyền giải quyết"],
        FormKind.APOLOGY: ["Cần xác minh thêm", "Sở Tư pháp tỉnh Mẫu xin lỗi"],
        FormKind.STOP_NOTICE: ["Theo đề nghị của người nộp", "thẩm định"],
        FormKind.CONTROL_SLIP: ["Sở Tư pháp tỉnh Mẫu", "thẩm định", "Trả kết quả"],
    }[kind]
    for words in expected:
        assert words in text


def test_the_numbering_follows_each_circular():
    numbers = {
        rule_set.key: {kind: rule_set.form_number(kind) for kind in FormKind}
        for rule_set in (DECREE_61_2018, DECREE_118_2025)
    }
    assert numbers[DECREE_61_2018.key][FormKind.CONTROL_SLIP] == "Mẫu 05"
    assert numbers[DECREE_118_2025.key][FormKind.CONTROL_SLIP] == "Mẫu 06"
    assert numbers[DECREE_61_2018.key][FormKind.STOP_NOTICE] is None
    assert numbers[DECREE_118_2025.key][FormKind.STOP_NOTICE] == "Mẫu 05"
    assert numbers[DECREE_118_2025.key][FormKind.LOG_BOOK] == "Mẫu 07"


@pytest.mark.pdf
def test_a_signed_pdf_verifies_and_any_change_or_other_key_fails():
    form = render_form(FormKind.RECEIPT, life(DAYS[DECREE_118_2025.key]), CAL)
    signed = form.signed_pdf(SIGNER, location="Tỉnh Mẫu")
    info = verify_pdf(signed, CERTIFICATE)
    assert info.subject == SIGNER.subject
    assert "PAdES" in info.algorithm
    assert verify_pdf(signed, pem_files(KEY, CERTIFICATE)[1]) == info
    position = signed.index(b"/Producer")
    changed = signed[:position] + b"/Producex" + signed[position + 9 :]
    with pytest.raises(SignatureError, match="changed"):
        verify_pdf(changed, CERTIFICATE)
    with pytest.raises(SignatureError, match="changed after"):
        verify_pdf(signed + b"\n% appended\n", CERTIFICATE)
    _, other = self_signed("Người khác")
    with pytest.raises(SignatureError, match="not signed under"):
        verify_pdf(signed, other)
    with pytest.raises(SignatureError, match="no signature"):
        verify_pdf(form.to_pdf(), CERTIFICATE)
    with pytest.raises(UsageError, match="sign_pdf"):
        form.signed_pdf(object(), location="Tỉnh Mẫu")


def test_a_form_needs_the_event_it_records():
    received = Dossier.receive(
        PROCEDURE,
        CITIZEN,
        agency=DESK,
        at=DAYS[DECREE_118_2025.key],
        actor=CLERK,
        code=DossierCode(DESK, DAYS[DECREE_118_2025.key].date(), 1),
    )
    for kind, words in (
        (FormKind.SUPPLEMENT_REQUEST, "supplement"),
        (FormKind.APOLOGY, "apology"),
        (FormKind.STOP_NOTICE, "stopped"),
        (FormKind.REFUSAL, "refused"),
    ):
        with pytest.raises(FormError, match=words):
            render_form(kind, received, CAL)
    with pytest.raises(FormError, match="never received"):
        render_form(FormKind.RECEIPT, refused(DAYS[DECREE_118_2025.key]), CAL)
    with pytest.raises(FormError, match="log_book"):
        render_form(FormKind.LOG_BOOK, received, CAL)
    with pytest.raises(UsageError, match="FormKind"):
        render_form("receipt", received, CAL)
    with pytest.raises(UsageError, match="names"):
        render_form(FormKind.RECEIPT, received, CAL, names={DESK: 3})
    with pytest.raises(UsageError, match="Calendar"):
        render_form(FormKind.RECEIPT, received, "calendar")


@pytest.mark.parametrize("kind", [FormKind.RECEIPT, FormKind.CONTROL_SLIP])
def test_a_receipt_prints_the_appointment_it_gave_not_a_later_one(kind):
    dossier = life(DAYS[DECREE_118_2025.key])  # a supplement, then an apology moved it
    received = Dossier(dossier.events[:1])
    issued, now = received.appointment(CAL), dossier.appointment(CAL)
    assert issued != now
    html = render_form(kind, dossier, CAL).html
    assert f"{issued:%H} giờ {issued:%M} phút, ngày {issued:%d} tháng {issued.month}" in html
    assert f"ngày {now:%d} tháng {now.month} năm" not in html


def test_dates_are_written_as_decree_30_2020_says():
    html = render_form(FormKind.RECEIPT, life(datetime(2026, 1, 5, 9)), CAL).html
    assert "ngày 05 tháng 01 năm 2026" in html  # a leading zero for the day and January
    assert "tháng 1 năm" not in html
    march = render_form(FormKind.RECEIPT, life(datetime(2026, 3, 2, 9)), CAL).html
    assert "ngày 02 tháng 3 năm 2026" in march


def test_values_from_the_data_are_escaped():
    hostile = attrs.evolve(CITIZEN, name="<script>alert(1)</script>")
    dossier = Dossier.refuse(
        PROCEDURE,
        hostile,
        agency=DESK,
        at=DAYS[DECREE_118_2025.key],
        actor=CLERK,
        reason="<b>x</b>",
    )
    html = render_form(FormKind.REFUSAL, dossier, CAL).html
    assert "<script>" not in html
    assert "<b>x</b>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.pdf
def test_the_office_renders_forms_and_the_log_book(office, tmp_path, capsys, monkeypatch):
    monday = datetime(2026, 3, 2, 9)
    ids = []
    for hour in range(3):
        result = office.receive(
            "1.004222",
            CITIZEN,
            actor=CLERK,
            components=["Tờ khai thay đổi thông tin cư trú"],
            at=monday + timedelta(hours=hour),
        )
        ids.append(result.dossier.id)
    office.transfer(
        ids[0], actor=CLERK, to_agency=DEPT, step="thẩm định", at=monday + timedelta(hours=4)
    )
    receipt = office.form(ids[0], FormKind.RECEIPT, names=NAMES)
    assert isinstance(receipt, Form)
    assert receipt.number == "Mẫu 01"
    book = office.log_book(DESK, datetime(2026, 3, 1), datetime(2026, 3, 31, 23, 59), names=NAMES)
    assert book.number == "Mẫu 07"
    text = pdf_text(book.to_pdf())
    for dossier_id in ids:
        assert str(office.dossier(dossier_id).code) in text
    assert "Trung tâm Phục vụ hành chính công tỉnh Mẫu" in text
    empty = log_book([], CAL, agency=DESK, first=datetime(2026, 1, 1), last=datetime(2026, 1, 31))
    assert "Không có hồ sơ trong kỳ" in empty.html
    with pytest.raises(UsageError, match="period"):
        log_book([], CAL, agency=DESK, first=datetime(2026, 2, 1), last=datetime(2026, 1, 1))

    # The command line: a signed PDF of a stored dossier's form, verified from its file.
    key_pem, certificate_pem = pem_files(KEY, CERTIFICATE)
    (tmp_path / "key.pem").write_bytes(key_pem)
    (tmp_path / "cert.pem").write_bytes(certificate_pem)
    monkeypatch.setenv("ONESTOP_SIGNING_KEY", str(tmp_path / "key.pem"))
    monkeypatch.setenv("ONESTOP_SIGNING_CERTIFICATE", str(tmp_path / "cert.pem"))
    monkeypatch.setenv("ONESTOP_DISABLE_PLUGIN_AUTOLOAD", "1")
    store_path = office.store.path
    code = str(office.dossier(ids[0]).code)
    out = tmp_path / "mau-01.pdf"
    assert cli.main(["form", code, "receipt", "--pdf", str(out), "--store", store_path]) == 0
    assert "signed" in capsys.readouterr().out
    assert cli.main(["verify-receipt", str(out), "--certificate", str(tmp_path / "cert.pem")]) == 0
    assert "Chữ ký hợp lệ" in capsys.readouterr().out
    assert cli.main(["form", code, "control_slip", "--store", store_path]) == 0
    assert "PHIẾU KIỂM SOÁT" in capsys.readouterr().out
    assert cli.main(["form", code, "apology", "--store", store_path]) == 2
    assert "no phiếu xin lỗi" in capsys.readouterr().err


def test_a_procedure_named_thu_tuc_is_not_written_thu_tuc_twice():
    named = attrs.evolve(PROCEDURE, name="Thủ tục đăng ký thường trú")
    dossier = Dossier.receive(
        named,
        CITIZEN,
        agency=DESK,
        at=datetime(2026, 3, 2, 9),
        actor=CLERK,
        code=DossierCode(DESK, date(2026, 3, 2), 3),
    ).apply(SupplementRequested(at=datetime(2026, 3, 2, 10), actor=CLERK, items=["Sổ hộ khẩu"]))
    html = render_form(FormKind.SUPPLEMENT_REQUEST, dossier, CAL).html.casefold()
    assert "thủ tục: <strong>đăng ký thường trú</strong>" in html
    assert "thủ tục: <strong>thủ tục" not in html


def test_the_national_title_stays_on_one_line():
    html = render_form(FormKind.RECEIPT, life(datetime(2026, 3, 2, 9)), CAL).html
    assert '<span class="national">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</span>' in html
    assert "span.national { white-space: nowrap;" in html
