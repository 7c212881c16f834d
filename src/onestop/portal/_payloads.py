"""A dossier in the national portal's shape: DongBoHoSoMC and CapNhatTienDoHoSoMC records.

Field names, status codes 1–10 and the ``yyyyMMddHHmmss`` time format (Vietnam local
time) follow the national portal's published integrations (DVCQG, through the LGSP).
Which event sends what: a hand-over between agencies or steps
(:class:`~onestop.events.Transferred`) is a progress step (CapNhatTienDoHoSoMC);
every other event changes the dossier's status and pushes the whole dossier record
(DongBoHoSoMC, ``isUpdating`` "False" for the first push and "True" after).

References:
    * National Public Service Portal integration (DVCQG, via the provincial LGSP):
      services DongBoHoSoMC, CapNhatTienDoHoSoMC; success ``error_code`` "00".
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any

from onestop._shown import shown
from onestop.domain.model._applicant import ApplicantKind
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._events import Paid
from onestop.domain.model._events import Refused
from onestop.domain.model._events import Rejected
from onestop.domain.model._events import Resolved
from onestop.domain.model._events import Returned
from onestop.domain.model._events import Stopped
from onestop.domain.model._events import Supplemented
from onestop.domain.model._events import SupplementRequested
from onestop.domain.model._events import Transferred
from onestop.domain.model._events import Withdrawn
from onestop.domain.model._procedure import Channel
from onestop.domain.time._calendar import Calendar
from onestop.domain.time._local_time import to_local
from onestop.exceptions import UsageError
from onestop.storage._store_values import OutboxMessage

if TYPE_CHECKING:
    from onestop.domain.model._events import DossierEvent

__all__ = [
    "PROGRESS_SERVICE",
    "SYNC_SERVICE",
    "check_delivery",
    "dossier_record",
    "portal_request",
    "portal_time",
    "progress_record",
]

#: The service that creates or updates a dossier.
SYNC_SERVICE = "DongBoHoSoMC"
#: The service that records a processing step.
PROGRESS_SERVICE = "CapNhatTienDoHoSoMC"


def portal_time(moment: datetime | None) -> str:
    """``moment`` as the portal writes times, ``yyyyMMddHHmmss`` in Vietnam time (empty for none).

    :raises UsageError: when ``moment`` is not a datetime.
    """
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        raise UsageError(f"a portal time is made from a datetime, got {shown(moment)}")
    return f"{to_local(moment):%Y%m%d%H%M%S}"


def _check(dossier: object, calendar: object) -> None:
    if not isinstance(dossier, Dossier):
        raise UsageError(f"dossier is a Dossier, got {shown(dossier)}")
    if not isinstance(calendar, Calendar):
        raise UsageError(f"calendar is a Calendar, got {shown(calendar)}")


def check_delivery(message: object, dossier: object) -> None:
    """Nothing, if ``message`` is an outbox message of ``dossier`` as it stood after its event.

    :raises UsageError: otherwise.
    """
    if not isinstance(message, OutboxMessage):
        raise UsageError(f"message is an OutboxMessage, got {shown(message)}")
    if not isinstance(dossier, Dossier) or dossier.id != message.dossier_id:
        raise UsageError(f"dossier is the Dossier {message.dossier_id}, got {shown(dossier)}")
    if not 1 <= message.version <= len(dossier):
        raise UsageError(f"message {message.key} is not an event of this dossier's history")


def _code(dossier: Dossier) -> str:
    """The portal's key: the dossier code, or its identity before receipt."""
    return str(dossier.code) if dossier.code is not None else dossier.id


def _appointment_after(dossier: Dossier, events: int, calendar: Calendar) -> str:
    """The appointment as it stood after the dossier's first ``events`` events."""
    return portal_time(Dossier(dossier.events[:events]).appointment(calendar))


def _supplements(dossier: Dossier, calendar: Calendar) -> list[dict[str, Any]]:
    """``DanhSachHoSoBoSung``: each round, with the appointment before it and after it."""
    rounds: list[dict[str, Any]] = []
    for index, event in enumerate(dossier.events):
        if isinstance(event, SupplementRequested):
            rounds.append(
                {
                    "NguoiYeuCauBoSung": event.actor.name,
                    "NoiDungBoSung": "; ".join(event.items),
                    "NgayBoSung": portal_time(event.at),
                    "NgayTiepNhanBoSung": "",
                    "TrangThaiBoSung": "0",
                    "NgayHenTraTruoc": _appointment_after(dossier, index, calendar),
                    "NgayHenTraMoi": "",
                }
            )
        elif isinstance(event, Supplemented) and rounds:
            rounds[-1]["NgayTiepNhanBoSung"] = portal_time(event.at)
            rounds[-1]["TrangThaiBoSung"] = "1"
            rounds[-1]["NgayHenTraMoi"] = _appointment_after(dossier, index + 1, calendar)
    return rounds


def _returned_how(returned: Returned | None) -> str:
    """``HinhThuc``: "1" when the result went out electronically, "0" otherwise."""
    if returned is None:
        return ""
    return "1" if returned.channel is Channel.ONLINE else "0"


#: ``ThongTinTra``: how the result was handed over, in the words of a receipt.
_RETURNED_VI = {
    Channel.IN_PERSON: "Trả trực tiếp tại Bộ phận Một cửa",
    Channel.ONLINE: "Trả kết quả điện tử trên Cổng Dịch vụ công",
    Channel.POSTAL: "Trả qua dịch vụ bưu chính công ích",
}


def _note(dossier: Dossier) -> str:
    """``GhiChu``: why a dossier ended without a result (refused, rejected, stopped, withdrawn)."""
    for event in reversed(dossier.events):
        reason = getattr(event, "reason", None)
        if isinstance(event, Refused | Rejected | Stopped | Withdrawn) and reason:
            return str(reason)
    return ""


def _submitted_files(dossier: Dossier) -> list[dict[str, Any]]:
    """``TaiLieuNop``: each component handed in; the files themselves are not held yet."""
    received = dossier.received
    names = received.components if received is not None else ()
    return [
        {
            "TepDinhKemId": "",
            "TenTepDinhKem": name,
            "MaThanhPhanHoSo": "",
            "DuongDanTaiTepTin": "",
            "IsDeleted": "False",
        }
        for name in names
    ]


def _fees(dossier: Dossier) -> list[dict[str, Any]]:
    """``DanhSachLePhi``: each payment made, in whole đồng, online ("1") or not ("0")."""
    return [
        {
            "TenPhiLePhi": "Phí, lệ phí",
            "MaPhiLePhi": dossier.terms.fee_schedule or "",
            "HinhThucThu": "1" if event.online else "0",
            "Gia": event.amount,
            "LoaiPhiLePhi": "1",
        }
        for event in dossier.events
        if isinstance(event, Paid)
    ]


def _results(dossier: Dossier) -> list[dict[str, Any]]:
    """``DanhSachGiayToKetQua``: the result the dossier was resolved with."""
    return [
        {
            "TenGiayTo": event.result,
            "MaThanhPhanHoSo": "",
            "GiayToId": "",
            "DuongDanTepTinKetQua": "",
        }
        for event in dossier.events
        if isinstance(event, Resolved)
    ]


def dossier_record(dossier: Dossier, calendar: Calendar) -> dict[str, Any]:
    """The DongBoHoSoMC record of ``dossier`` as it stands (appointment on ``calendar``).

    Every field of the record as the portal's integrations give it. Fields onestop does
    not hold are sent empty: ``Fax``; ``MaLinhVuc`` when the catalog has no field code;
    and the file fields of ``TaiLieuNop`` and ``DanhSachGiayToKetQua`` until documents
    are stored as files. The applicant's kind (``LoaiDoiTuong``) is
    :attr:`Applicant.kind <onestop.Applicant.kind>`, never guessed from a missing ID.
    """
    _check(dossier, calendar)
    applicant = dossier.applicant
    returned = next((e for e in reversed(dossier.events) if isinstance(e, Returned)), None)
    finished = dossier.state.finished
    terms = dossier.terms
    return {
        "MaHoSo": _code(dossier),
        "MaTTHC": terms.code,
        "TenTTHC": terms.name,
        "MaLinhVuc": terms.field_code or "",
        "TenLinhVuc": terms.field or "",
        "SoBienNhan": str(dossier.code) if dossier.code is not None else "",
        "ChuHoSo": applicant.name,
        "LoaiDoiTuong": "2" if applicant.kind is ApplicantKind.ORGANISATION else "1",
        "MaDoiTuong": applicant.citizen_id or "",
        "SoDienThoai": applicant.phone or "",
        "Email": applicant.email or "",
        "Fax": "",
        "ThongTinKhac": applicant.address or "",
        "TrichYeuHoSo": terms.name,
        "NgayTiepNhan": portal_time(dossier.received_at),
        "NgayHenTra": portal_time(dossier.appointment(calendar)),
        "TrangThaiHoSo": str(dossier.status.value),
        "NgayKetThucXuLy": portal_time(finished.at if finished is not None else None),
        "NgayTra": portal_time(returned.at if returned is not None else None),
        "ThongTinTra": _RETURNED_VI[returned.channel] if returned is not None else "",
        "HinhThuc": _returned_how(returned),
        "DonViXuLy": dossier.holder,
        "GhiChu": _note(dossier),
        "TaiLieuNop": _submitted_files(dossier),
        "DanhSachLePhi": _fees(dossier),
        "DanhSachHoSoBoSung": _supplements(dossier, calendar),
        "DanhSachGiayToKetQua": _results(dossier),
    }


def progress_record(dossier: Dossier, event: Transferred, calendar: Calendar) -> dict[str, Any]:
    """The CapNhatTienDoHoSoMC record of a hand-over ``event`` of ``dossier``."""
    _check(dossier, calendar)
    if not isinstance(event, Transferred):
        raise UsageError(f"a progress record is made from a Transferred event, got {shown(event)}")
    if event not in dossier.events:
        raise UsageError(f"the hand-over is not an event of dossier {dossier.id}: {shown(event)}")
    return {
        "MaHoSo": _code(dossier),
        "NguoiXuLy": event.actor.name,
        "ChucDanh": ", ".join(sorted(role.value for role in event.actor.roles)),
        "ThoiDiemXuLy": portal_time(event.at),
        "PhongBanXuLy": event.to_agency,
        "NoiDungXuLy": event.step,
        "TrangThai": str(dossier.status.value),
        "NgayBatDau": portal_time(dossier.received_at),
        "NgayKetThucTheoQuyDinh": portal_time(dossier.deadline(calendar)),
    }


def portal_request(
    dossier: Dossier, event: DossierEvent, version: int, calendar: Calendar
) -> tuple[str, dict[str, Any]]:
    """The service to call and the body fields (without session) for one stored event.

    ``dossier`` is the dossier just after ``event``, which is its ``version``-th event.

    :raises UsageError: when ``event`` is not the dossier's ``version``-th event.
    """
    _check(dossier, calendar)
    if type(version) is not int or not 1 <= version <= len(dossier):
        raise UsageError(f"version is 1..{len(dossier)} for this dossier, got {shown(version)}")
    if dossier.events[version - 1] != event:
        raise UsageError(
            f"the event is not event {version} of dossier {dossier.id} "
            f"(that is {dossier.events[version - 1].kind!r}): a record tells the portal "
            "only what the dossier holds, in its place"
        )
    if isinstance(event, Transferred):
        return PROGRESS_SERVICE, {"data": [progress_record(dossier, event, calendar)]}
    return SYNC_SERVICE, {
        "isUpdating": "True" if version > 1 else "False",
        "data": [dossier_record(dossier, calendar)],
    }
