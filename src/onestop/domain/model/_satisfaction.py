"""How satisfied an applicant says they were (đánh giá mức độ hài lòng).

Applicants rate the handling of their dossier — at the desk's terminal, on the portal,
by SMS or QR code from the appointment slip — once it has closed; the ratings feed
Decision 766/QĐ-TTg's satisfaction group (MDHL). The four levels are the ones in common
use (Decree 61/2018/NĐ-CP Art. 25–26); Circular 01/2018's own labels are unconfirmed.
"""

from __future__ import annotations

from onestop.domain._enumeration import Enumeration

__all__ = ["Satisfaction"]


class Satisfaction(Enumeration):
    """A rating level; ``label_vi`` is its Vietnamese name."""

    VERY_SATISFIED = "very_satisfied"  #: Rất hài lòng
    SATISFIED = "satisfied"  #: Hài lòng
    ACCEPTABLE = "acceptable"  #: Chấp nhận được
    UNSATISFIED = "unsatisfied"  #: Không hài lòng

    @property
    def label_vi(self) -> str:
        """The level in Vietnamese."""
        return _LABELS_VI[self]


_LABELS_VI = {
    Satisfaction.VERY_SATISFIED: "Rất hài lòng",
    Satisfaction.SATISFIED: "Hài lòng",
    Satisfaction.ACCEPTABLE: "Chấp nhận được",
    Satisfaction.UNSATISFIED: "Không hài lòng",
}
