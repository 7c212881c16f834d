"""Dated rule sets: which decree and circular govern a dossier, and their form numbers.

A dossier follows the rules in force on the day it was received: Decree 61/2018/NĐ-CP
with Circular 01/2018/TT-VPCP until 30 June 2025, Decree 118/2025/NĐ-CP with Circular
03/2025/TT-VPCP from 1 July 2025. Forms are referred to by meaning
(:class:`FormKind`); each rule set numbers them its own way. This module is the
shape of a rule set; the national rule sets themselves are data, in
``onestop.national._decrees``.

References:
    * Decree 61/2018/NĐ-CP (23/4/2018), amended by Decree 107/2021/NĐ-CP.
    * Circular 01/2018/TT-VPCP (forms Mẫu 01–06).
    * Decree 118/2025/NĐ-CP (9/6/2025); Circular 03/2025/TT-VPCP (forms Mẫu 01–07,
      numbering from a secondary source).
"""

from __future__ import annotations

from datetime import date

import attrs

from onestop.domain._enumeration import Enumeration
from onestop.domain._validity import Validity

__all__ = ["FormKind", "RuleSet"]


class FormKind(Enumeration):
    """A one-stop form, by what it is for."""

    RECEIPT = "receipt"  #: Giấy tiếp nhận hồ sơ và hẹn trả kết quả
    SUPPLEMENT_REQUEST = "supplement_request"  #: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
    REFUSAL = "refusal"  #: Phiếu từ chối tiếp nhận giải quyết hồ sơ
    APOLOGY = "apology"  #: Phiếu xin lỗi và hẹn lại ngày trả kết quả
    STOP_NOTICE = "stop_notice"  #: Thông báo dừng giải quyết hồ sơ
    CONTROL_SLIP = "control_slip"  #: Phiếu kiểm soát quá trình giải quyết hồ sơ
    LOG_BOOK = "log_book"  #: Sổ theo dõi hồ sơ


@attrs.frozen
class RuleSet:
    """The one-stop rules in force over a period.

    :param key: a stable identifier, e.g. ``"decree-118-2025"``.
    :param decree: the governing decree.
    :param circular: the circular that sets the forms.
    :param valid_from: first day of reception it governs.
    :param valid_until: last day, or ``None`` while in force.
    :param forms: the form number of each kind this rule set has.
    """

    key: str
    decree: str
    circular: str
    valid_from: date
    valid_until: date | None
    forms: tuple[tuple[FormKind, str], ...]

    def form_number(self, kind: FormKind) -> str | None:
        """The number of the form for ``kind`` (``"Mẫu 05"``), or ``None`` if it has none."""
        return dict(self.forms).get(kind)

    @property
    def validity(self) -> Validity:
        """The reception days this rule set governs."""
        return Validity(self.valid_from, self.valid_until)
