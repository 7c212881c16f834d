"""The one-stop forms, rendered from a dossier in the wording and numbering of its rule set.

A form is asked for by what it is (:class:`~onestop.FormKind`):
the receipt and appointment slip, the supplement request, the refusal, the apology
with the new appointment, the stop notice, the process control slip and the log book.
The dossier's rule set — fixed by its receipt's Vietnam date, or its first event's when
it was never received — gives the form's number: Circular 01/2018/TT-VPCP numbers the
control slip Mẫu 05 and the log book Mẫu 06 and has no stop-notice form (onestop
issues it unnumbered); Circular 03/2025/TT-VPCP inserts the stop notice as Mẫu 05 and
renumbers the control slip 06 and the log book 07, and names the apology "Văn bản xin
lỗi và đề nghị gia hạn thời gian giải quyết" (Circular 03/2025/TT-VPCP, Mẫu 04).

:func:`render_form` gives a :class:`Form`: its HTML (Jinja2, from the templates kept
beside this module, every value escaped), and :meth:`Form.to_pdf` the PDF (WeasyPrint,
with a font that covers Vietnamese), which :meth:`Form.signed_pdf` signs as PAdES
through the office's signer (``onestop.signing._pdf``). The extra is ``forms``.

Why these libraries: Jinja2 keeps the wording in templates a province can read and
override, and escapes what comes from data; WeasyPrint lays out HTML and CSS as a
printed A4 page (paged media, fonts, tables that break across pages) with no browser
to run; pyHanko writes the PAdES signature.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._validators import optional
from onestop.domain._validators import typed
from onestop.domain.model._agency import check_agency_code
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._events import HandedOver
from onestop.domain.model._events import Refused
from onestop.domain.model._events import Resolved
from onestop.domain.model._events import Returned
from onestop.domain.model._events import Stopped
from onestop.domain.model._events import SupplementRequested
from onestop.domain.model._events import Transferred
from onestop.domain.model._rule_set import FormKind
from onestop.domain.model._rule_set import RuleSet
from onestop.domain.time._calendar import Calendar
from onestop.exceptions import FormError
from onestop.exceptions import MissingExtraError
from onestop.exceptions import UsageError
from onestop.national._decrees import rule_set_for
from onestop.rules._statistics import check_period

if TYPE_CHECKING:
    from datetime import datetime

    from onestop.domain.model._timeliness import Outcome

__all__ = ["TITLES_VI", "Form", "log_book", "render_form"]

#: Each form's title, by rule set key where the circulars differ.
TITLES_VI: dict[FormKind, str] = {
    FormKind.RECEIPT: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    FormKind.SUPPLEMENT_REQUEST: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    FormKind.REFUSAL: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    FormKind.APOLOGY: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    FormKind.STOP_NOTICE: "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    FormKind.CONTROL_SLIP: "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    FormKind.LOG_BOOK: "SỔ THEO DÕI HỒ SƠ",
}
_TITLES_2025 = {
    FormKind.APOLOGY: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
}
#: The legal basis each form cites, by rule set.
_BASIS_VI = {
    "decree-61-2018": (
        "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ (sửa đổi, bổ sung bởi "
        "Nghị định số 107/2021/NĐ-CP) và Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của "
        "Văn phòng Chính phủ"
    ),
    "decree-118-2025": (
        "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ và Thông tư số "
        "03/2025/TT-VPCP của Văn phòng Chính phủ"
    ),
}
_CHANNELS_VI = {"in_person": "Trực tiếp", "online": "Trực tuyến", "postal": "Qua dịch vụ bưu chính"}
_OUTCOMES_VI = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}
_REASON = "Văn bản điện tử của Bộ phận Một cửa"


def _when(moment: datetime | None) -> str:
    """``09 giờ 05 phút, ngày 02 tháng 3 năm 2026``, as forms write an instant."""
    if moment is None:
        return ""
    return f"{moment:%H} giờ {moment:%M} phút, {_dated(moment)}"


def _dated(moment: datetime) -> str:
    """``ngày 02 tháng 3 năm 2026``, ``ngày 15 tháng 01 năm 2026``: as a form is dated.

    Decree 30/2020/NĐ-CP (Appendix I, on the date of a document): a day below 10 and
    the months 1 and 2 take a leading zero; the other months do not.
    """
    month = f"{moment.month:02d}" if moment.month < 3 else str(moment.month)
    return f"ngày {moment.day:02d} tháng {month} năm {moment.year}"


def _day(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%d/%m/%Y}"


@attrs.frozen(kw_only=True)
class Form:
    """One rendered form.

    :param kind: what the form is for.
    :param rule_set: the rule set whose circular it follows.
    :param number: its number there (``"Mẫu 01"``), or ``None`` when the circular has
        no such form.
    :param title: its title, in Vietnamese capitals.
    :param code: the dossier code it concerns (``None`` for the log book).
    :param html: the page, as HTML.

    .. versionadded:: 0.3
    """

    kind: FormKind = attrs.field(validator=typed(FormKind, UsageError))
    rule_set: RuleSet = attrs.field(validator=typed(RuleSet, UsageError))
    number: str | None = attrs.field(validator=optional(typed(str, UsageError)))
    title: str = attrs.field(validator=typed(str, UsageError))
    code: str | None = attrs.field(validator=optional(typed(str, UsageError)))
    html: str = attrs.field(validator=typed(str, UsageError))

    def to_pdf(self) -> bytes:
        """The form as a PDF (WeasyPrint; Pango and a font with Vietnamese are needed)."""
        try:
            import weasyprint  # noqa: PLC0415 - the forms extra
        except ImportError as missing:  # pragma: no cover - installed in tests
            raise MissingExtraError("forms", "PDF forms", missing) from None
        except OSError as missing:  # pragma: no cover - installed in tests
            # WeasyPrint is installed but Pango is not (a bare Linux machine).
            raise UsageError(
                'PDF forms need the "forms" extra and Pango: pip install "onestop[forms]"; '
                "on Debian, apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
                f"fonts-dejavu-core ({missing})"
            ) from None
        pdf: bytes = weasyprint.HTML(string=self.html).write_pdf()
        return pdf

    def signed_pdf(self, signer: object, *, location: str) -> bytes:
        """The PDF signed as PAdES by ``signer`` (one with ``sign_pdf``, e.g. a KeySigner).

        :raises UsageError: when ``signer`` cannot sign PDFs.
        """
        sign = getattr(signer, "sign_pdf", None)
        if not callable(sign):
            raise UsageError(f"signer signs PDFs (has sign_pdf), got {shown(signer)}")
        reason = f"{self.number or ''} {self.title.capitalize()}".strip()
        signed: bytes = sign(self.to_pdf(), reason=reason or _REASON, location=location)
        return signed


def _rule_set(dossier: Dossier) -> RuleSet:
    received = dossier.received_at
    return rule_set_for((received or dossier.events[0].at).date())


def _title(kind: FormKind, rule_set: RuleSet) -> str:
    if rule_set.key != "decree-61-2018" and kind in _TITLES_2025:
        return _TITLES_2025[kind]
    return TITLES_VI[kind]


def _procedure_name(name: str) -> str:
    """The procedure's name as a form's sentence takes it, after "thủ tục".

    The national database names many procedures "Thủ tục đăng ký …": the sentence
    already says "thủ tục", so the word is not written twice.
    """
    head = "thủ tục "
    return name[len(head) :] if name[: len(head)].casefold() == head else name


def _issued_appointment(dossier: Dossier, calendar: Calendar) -> datetime | None:
    """The appointment the receipt gave: as it stood just after reception.

    A receipt and a control slip print what was promised on them, not where later
    supplements or an apology have moved the appointment since (those have forms of
    their own).
    """
    received = dossier.received
    at = next(i for i, event in enumerate(dossier.events) if event is received)
    return Dossier(dossier.events[: at + 1]).appointment(calendar)


def _last(dossier: Dossier, kind: type[Any]) -> Any:  # noqa: ANN401 - an event of ``kind``
    for event in reversed(dossier.events):
        if isinstance(event, kind):
            return event
    return None


def _name(names: Mapping[str, str], agency: str) -> str:
    return names.get(agency, agency)


def _fields(  # noqa: C901 - one branch per form
    kind: FormKind, dossier: Dossier, calendar: Calendar, names: Mapping[str, str]
) -> dict[str, Any]:
    """What ``kind`` shows of ``dossier``, and when it is issued (``"issued"``).

    Raises when the event the form records has not happened.
    """
    code = str(dossier.code) if dossier.code is not None else None
    what = TITLES_VI[kind].lower()
    if kind is FormKind.REFUSAL:
        refused = _last(dossier, Refused)
        if refused is None:
            raise FormError(f"dossier {dossier.id} was not refused: no {what}")
        return {"refused": refused, "when": _when(refused.at), "issued": refused.at}
    if code is None:
        raise FormError(f"dossier {dossier.id} was never received: no {what}")
    if kind is FormKind.RECEIPT:
        received = dossier.received
        return {
            "received": received,
            "when": _when(dossier.received_at),
            "appointment": _when(_issued_appointment(dossier, calendar)),
            "channel": _CHANNELS_VI[dossier.channel.value],
            "issued": dossier.received_at,
        }
    if kind is FormKind.SUPPLEMENT_REQUEST:
        request = _last(dossier, SupplementRequested)
        if request is None:
            raise FormError(f"dossier {code} was never asked for a supplement: no {what}")
        return {"request": request, "when": _when(request.at), "issued": request.at}
    if kind is FormKind.APOLOGY:
        apology = dossier.apology
        if apology is None:
            raise FormError(f"dossier {code} has no apology: no {what}")
        return {
            "apology": apology,
            "when": _when(apology.at),
            "original_due": _when(apology.original_due),
            "new_appointment": _when(apology.new_appointment),
            "agency": _name(names, apology.actor.agency or dossier.holder),
            "issued": apology.at,
        }
    if kind is FormKind.STOP_NOTICE:
        stopped = _last(dossier, Stopped)
        if stopped is None:
            raise FormError(f"dossier {code} was not stopped: no {what}")
        return {
            "stopped": stopped,
            "when": _when(stopped.at),
            "stage": dossier.step or "tiếp nhận",
            "agency": _name(names, stopped.actor.agency or dossier.holder),
            "issued": stopped.at,
        }
    return _control_slip(dossier, calendar, names)


def _control_slip(dossier: Dossier, calendar: Calendar, names: Mapping[str, str]) -> dict[str, Any]:
    """The hand-overs: reception, each transfer with its step's use, the result, the return."""
    resolution = dossier.resolution(calendar)
    outcome: Outcome | None = resolution.outcome if resolution is not None else None
    rows = []
    holder = dossier.agency
    reports = {report.started: report for report in dossier.steps(calendar)}
    for event in dossier.events:
        if isinstance(event, Transferred):
            report = reports.get(event.at)
            judged = report is not None and report.allotted is not None and report.ended
            result = ""
            if judged and report is not None:
                result = "Quá hạn" if report.over_by.total_seconds() > 0 else "Đúng hạn"
            rows.append(
                {
                    "from": _name(names, holder),
                    "to": _name(names, event.to_agency),
                    "when": _when(event.at),
                    "step": event.step,
                    "result": result,
                }
            )
            holder = event.to_agency
        elif isinstance(event, HandedOver):
            hand_over = dossier.hand_over(calendar)
            rows.append(
                {
                    "from": _name(names, holder),
                    "to": _name(names, event.to_agency),
                    "when": _when(event.at),
                    "step": "Chuyển hồ sơ đến cơ quan có thẩm quyền giải quyết",
                    "result": ""
                    if hand_over is None
                    else _OUTCOMES_VI["late" if hand_over.late else "on_time"],
                }
            )
            holder = event.to_agency
        elif isinstance(event, Resolved | Returned):
            label = "Có kết quả" if isinstance(event, Resolved) else "Trả kết quả"
            rows.append(
                {
                    "from": _name(names, holder),
                    "to": _name(names, dossier.return_point),
                    "when": _when(event.at),
                    "step": label,
                    "result": _OUTCOMES_VI[outcome.value] if outcome is not None else "",
                }
            )
            holder = dossier.return_point
    return {
        "when": _when(dossier.received_at),
        "appointment": _when(_issued_appointment(dossier, calendar)),
        "rows": rows,
        "issued": dossier.received_at,
    }


def _environment() -> Any:  # noqa: ANN401 - a jinja2.Environment
    try:
        import jinja2  # noqa: PLC0415 - the forms extra
    except ImportError as missing:  # pragma: no cover - the extra is installed in tests
        raise MissingExtraError("forms", "the one-stop forms", missing) from None
    return jinja2.Environment(
        loader=jinja2.PackageLoader("onestop.office", "templates/forms"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def _render(
    kind: FormKind, rule_set: RuleSet, dated: datetime, context: dict[str, Any]
) -> tuple[str, str]:
    title = _title(kind, rule_set)
    html = (
        _environment()
        .get_template(f"{kind.value}.html.j2")
        .render(
            number=rule_set.form_number(kind),
            title=title,
            basis=_BASIS_VI.get(rule_set.key, f"{rule_set.decree}; {rule_set.circular}"),
            circular=rule_set.circular.replace("Circular", "Thông tư số"),
            dated=_dated(dated),
            **context,
        )
    )
    return title, html


def render_form(
    kind: FormKind,
    dossier: Dossier,
    calendar: Calendar,
    *,
    names: Mapping[str, str] | None = None,
    place: str = "",
) -> Form:
    """The form ``kind`` for ``dossier``, deadlines on ``calendar``.

    :param names: agency names by code, for the header and the tables (codes otherwise).
    :param place: the place written before the date (``"Thanh Hóa"``).
    :raises FormError: when what the form records has not happened (no supplement
        request, no apology…), or the log book is asked for one dossier.
    :raises UsageError: for arguments of the wrong type.
    """
    if not isinstance(kind, FormKind):
        raise UsageError(f"kind is a FormKind, got {shown(kind)}")
    if kind is FormKind.LOG_BOOK:
        raise FormError("the log book lists many dossiers: use log_book()")
    names = _check(dossier, calendar, names, place)
    rule_set = _rule_set(dossier)
    context = {
        "dossier": dossier,
        "code": str(dossier.code) if dossier.code is not None else "",
        "desk": _name(names, dossier.agency),
        "place": place,
        "applicant": dossier.applicant,
        "procedure": _procedure_name(dossier.terms.name),
        **_fields(kind, dossier, calendar, names),
    }
    issued = context.pop("issued")
    title, html = _render(kind, rule_set, issued, context)
    return Form(
        kind=kind,
        rule_set=rule_set,
        number=rule_set.form_number(kind),
        title=title,
        code=context["code"] or None,
        html=html,
    )


def log_book(
    dossiers: Sequence[Dossier],
    calendar: Calendar,
    *,
    agency: str,
    first: datetime,
    last: datetime,
    names: Mapping[str, str] | None = None,
) -> Form:
    """The log book of ``agency``'s desk: its dossiers received from ``first`` to ``last``.

    The rule set is the one in force on ``last``'s date; each row is a dossier received
    in the period, in order of receipt, with its due date, transfer, result and return.

    :raises UsageError: for dossiers that are not dossiers or a period out of order.
    :raises InvalidAgencyError: when ``agency`` is not a QCVN 102:2016 code.
    """
    if isinstance(dossiers, str | bytes) or not isinstance(dossiers, Sequence):
        raise UsageError(f"dossiers is a sequence of Dossier, got {shown(dossiers)}")
    if not all(isinstance(d, Dossier) for d in dossiers):
        raise UsageError("dossiers holds Dossier values only")
    check_agency_code(agency)
    first, last = check_period(first, last)
    names = _check(None, calendar, names, "")
    rule_set = rule_set_for(last.date())
    chosen = sorted(
        (
            d
            for d in dossiers
            if d.agency == agency and d.received_at is not None and first <= d.received_at <= last
        ),
        key=lambda d: d.received_at or first,
    )
    rows = []
    for number, dossier in enumerate(chosen, 1):
        transfer = _last(dossier, Transferred)
        rows.append(
            {
                "number": number,
                "code": str(dossier.code),
                "procedure": dossier.terms.name,
                "applicant": dossier.applicant.name,
                "received": _day(dossier.received_at),
                "due": _day(dossier.appointment(calendar)),
                "transferred": _day(transfer.at if transfer else None),
                "resolved": _day(dossier.resolved_at),
                "returned": _day(getattr(_last(dossier, Returned), "at", None)),
            }
        )
    title, html = _render(
        FormKind.LOG_BOOK,
        rule_set,
        last,
        {
            "code": "",
            "place": "",
            "desk": _name(names, agency),
            "period": f"{first:%d/%m/%Y} – {last:%d/%m/%Y}",
            "rows": rows,
        },
    )
    return Form(
        kind=FormKind.LOG_BOOK,
        rule_set=rule_set,
        number=rule_set.form_number(FormKind.LOG_BOOK),
        title=title,
        code=None,
        html=html,
    )


def _check(dossier: object, calendar: object, names: object, place: object) -> Mapping[str, str]:
    if dossier is not None and not isinstance(dossier, Dossier):
        raise UsageError(f"dossier is a Dossier, got {shown(dossier)}")
    if not isinstance(calendar, Calendar):
        raise UsageError(f"calendar is a Calendar, got {shown(calendar)}")
    if not isinstance(place, str):
        raise UsageError(f"place is a text, got {shown(place)}")
    if names is None:
        return {}
    if not isinstance(names, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in names.items()
    ):
        raise UsageError(f"names maps agency codes to names (texts), got {shown(names)}")
    return names
