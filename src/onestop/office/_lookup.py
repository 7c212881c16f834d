"""What a citizen sees by dossier code: status, appointment, public steps — nothing personal.

:class:`PublicStatus` is built from a dossier for the lookup page, the ``onestop
lookup`` command and the portal's citizen view. It names no person: not the
applicant (the code is enough for whoever holds the receipt), not the officers; it
names agencies, steps and dates, in Vietnamese.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from onestop.domain.time._local_time import vietnam_iso

if TYPE_CHECKING:
    from onestop.domain.model._dossier import Dossier
    from onestop.domain.time._calendar import Calendar

__all__ = ["PublicStatus", "PublicStep", "public_status"]

#: Each event as a citizen reads it.
STEP_LABELS_VI = {
    "submitted": "Nộp hồ sơ",
    "received": "Tiếp nhận hồ sơ",
    "refused": "Từ chối tiếp nhận",
    "supplement_requested": "Yêu cầu bổ sung hồ sơ",
    "supplemented": "Nộp bổ sung hồ sơ",
    "payment_requested": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "paid": "Đã thực hiện nghĩa vụ tài chính",
    "handed_over": "Chuyển hồ sơ đến cơ quan có thẩm quyền giải quyết",
    "transferred": "Chuyển xử lý",
    "resolved": "Có kết quả",
    "rejected": "Không giải quyết",
    "stopped": "Dừng xử lý",
    "apologized": "Xin lỗi và hẹn lại ngày trả kết quả",
    "rated": "Đánh giá mức độ hài lòng",
    "withdrawn": "Rút hồ sơ",
    "returned": "Trả kết quả",
}


@attrs.frozen
class PublicStep:
    """One public step: when, what (in Vietnamese), and which agency.

    :param at: when it happened (Vietnam time).
    :param kind: the event's kind.
    :param label_vi: what it is, in Vietnamese.
    :param agency: the agency concerned (the receiving agency, or the one handed to).
    """

    at: datetime
    kind: str
    label_vi: str
    agency: str


@attrs.frozen(kw_only=True)
class PublicStatus:
    """A dossier as its code's holder may see it.

    :param code: the dossier code.
    :param procedure: the procedure's name.
    :param status_code: the national portal's status code (1–10).
    :param status_vi: the status in Vietnamese.
    :param received_at: when it was received.
    :param appointment: when the result is promised (the apology's new date, if any).
    :param steps: the public history, oldest first.
    """

    code: str
    procedure: str
    status_code: int
    status_vi: str
    received_at: datetime | None
    appointment: datetime | None
    steps: tuple[PublicStep, ...]

    def to_json(self) -> str:
        """The status as JSON (instants as ISO text in Vietnam time, with ``+07:00``)."""
        return json.dumps(attrs.asdict(self), ensure_ascii=False, indent=2, default=vietnam_iso)


def public_status(dossier: Dossier, calendar: Calendar) -> PublicStatus:
    """What the lookup shows for ``dossier``."""
    steps = []
    for event in dossier.events:
        agency = getattr(event, "to_agency", None) or dossier.agency
        steps.append(PublicStep(event.at, event.kind, STEP_LABELS_VI[event.kind], agency))
    return PublicStatus(
        code=str(dossier.code) if dossier.code is not None else dossier.id,
        procedure=dossier.terms.name,
        status_code=dossier.status.value,
        status_vi=dossier.status.label_vi,
        received_at=dossier.received_at,
        appointment=dossier.appointment(calendar),
        steps=tuple(steps),
    )
