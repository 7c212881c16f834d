"""Dossier statuses, one to one with the national portal's codes 1–10, and the transitions.

Each status says what the processing clock does in it (:class:`ClockState`). The
transition table says which event may follow which status; a supplement or payment
returns the dossier to the status it had before the request.

References:
    * National Public Service Portal integration status codes (TrangThaiHoSo), as
      used by provincial systems (the portal's TrangThaiHoSo codes).
    * Decree 61/2018/NĐ-CP Art. 16–20; Decree 118/2025/NĐ-CP.
"""

from __future__ import annotations

from onestop.domain._enumeration import Enumeration

__all__ = ["TRANSITIONS", "ClockState", "DossierStatus"]


class ClockState(Enumeration):
    """What the processing clock does in a status."""

    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"


class DossierStatus(Enumeration):
    """A dossier's status; the value is the national portal's status code."""

    SUBMITTED = 1  #: Mới đăng ký
    RECEIVED = 2  #: Được tiếp nhận
    REFUSED = 3  #: Không được tiếp nhận
    PROCESSING = 4  #: Đang xử lý
    SUPPLEMENT_REQUESTED = 5  #: Yêu cầu bổ sung giấy tờ
    AWAITING_PAYMENT = 6  #: Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7  #: Công dân yêu cầu rút hồ sơ
    STOPPED = 8  #: Dừng xử lý
    RESOLVED = 9  #: Đã xử lý xong
    RETURNED = 10  #: Đã trả kết quả

    @property
    def clock(self) -> ClockState:
        """What the processing clock does in this status."""
        return _CLOCK[self]

    @property
    def is_terminal(self) -> bool:
        """Whether nothing can happen to the dossier any more but the applicant's rating."""
        return not set(TRANSITIONS.get(self, ())) - {"rated"}

    @property
    def label_vi(self) -> str:
        """The portal's Vietnamese label."""
        return _LABELS[self]


_CLOCK = {
    DossierStatus.SUBMITTED: ClockState.NOT_STARTED,
    DossierStatus.RECEIVED: ClockState.RUNNING,
    DossierStatus.REFUSED: ClockState.STOPPED,
    DossierStatus.PROCESSING: ClockState.RUNNING,
    DossierStatus.SUPPLEMENT_REQUESTED: ClockState.PAUSED,
    DossierStatus.AWAITING_PAYMENT: ClockState.PAUSED,
    DossierStatus.WITHDRAWN: ClockState.STOPPED,
    DossierStatus.STOPPED: ClockState.STOPPED,
    DossierStatus.RESOLVED: ClockState.STOPPED,
    DossierStatus.RETURNED: ClockState.STOPPED,
}

_LABELS = {
    DossierStatus.SUBMITTED: "Mới đăng ký",
    DossierStatus.RECEIVED: "Được tiếp nhận",
    DossierStatus.REFUSED: "Không được tiếp nhận",
    DossierStatus.PROCESSING: "Đang xử lý",
    DossierStatus.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    DossierStatus.AWAITING_PAYMENT: "Yêu cầu thực hiện nghĩa vụ tài chính",
    DossierStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    DossierStatus.STOPPED: "Dừng xử lý",
    DossierStatus.RESOLVED: "Đã xử lý xong",
    DossierStatus.RETURNED: "Đã trả kết quả",
}

#: The status a returning event goes back to is the one before the request.
RETURN_TO_PREVIOUS = "previous"

_WORKING = {
    "transferred": DossierStatus.PROCESSING,
    "supplement_requested": DossierStatus.SUPPLEMENT_REQUESTED,
    "payment_requested": DossierStatus.AWAITING_PAYMENT,
    "resolved": DossierStatus.RESOLVED,
    "rejected": DossierStatus.RESOLVED,
    "stopped": DossierStatus.STOPPED,
    "withdrawn": DossierStatus.WITHDRAWN,
}

#: For each status (``None``: a dossier with no history yet), the events allowed and
#: the status each leads to; ``"previous"`` returns to the status before the request.
TRANSITIONS: dict[DossierStatus | None, dict[str, DossierStatus | str]] = {
    None: {
        "submitted": DossierStatus.SUBMITTED,
        "received": DossierStatus.RECEIVED,
        "refused": DossierStatus.REFUSED,
    },
    DossierStatus.SUBMITTED: {
        "received": DossierStatus.RECEIVED,
        "refused": DossierStatus.REFUSED,
        "supplement_requested": DossierStatus.SUPPLEMENT_REQUESTED,
        "withdrawn": DossierStatus.WITHDRAWN,
    },
    DossierStatus.RECEIVED: {
        **_WORKING,
        "handed_over": DossierStatus.PROCESSING,
        "apologized": DossierStatus.RECEIVED,
    },
    DossierStatus.PROCESSING: {**_WORKING, "apologized": DossierStatus.PROCESSING},
    DossierStatus.SUPPLEMENT_REQUESTED: {
        "supplemented": RETURN_TO_PREVIOUS,
        "withdrawn": DossierStatus.WITHDRAWN,
        "stopped": DossierStatus.STOPPED,
    },
    DossierStatus.AWAITING_PAYMENT: {
        "paid": RETURN_TO_PREVIOUS,
        "withdrawn": DossierStatus.WITHDRAWN,
        "stopped": DossierStatus.STOPPED,
    },
    DossierStatus.RESOLVED: {"returned": DossierStatus.RETURNED, "rated": DossierStatus.RESOLVED},
    DossierStatus.REFUSED: {"rated": DossierStatus.REFUSED},
    DossierStatus.WITHDRAWN: {"rated": DossierStatus.WITHDRAWN},
    DossierStatus.STOPPED: {"rated": DossierStatus.STOPPED},
    DossierStatus.RETURNED: {"rated": DossierStatus.RETURNED},
}
