"""Whether a dossier is in time: while open, at resolution, and step by step.

References:
    * Circular 01/2018/TT-VPCP (reporting: early, on time, late — trước hạn, đúng
      hạn, quá hạn); Decision 766/QĐ-TTg (on-time indicators).
    * Decree 61/2018/NĐ-CP Art. 19 (inter-agency: lateness is attributed to the
      agency holding the dossier).
    * Decision 766/QĐ-TTg (23/6/2022) and its published formula note: on time when
      processing ended (NgayKetThucXuLy) by the appointment (NgayHenTra), time
      waiting for supplements subtracted; more than one supplement request counts as
      late (the national portal's formula note for Decision 766/QĐ-TTg).
"""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta

import attrs

from onestop.domain._enumeration import Enumeration

__all__ = [
    "HandOverReport",
    "Indicator",
    "Outcome",
    "Resolution",
    "Standing",
    "StepReport",
    "Timeliness",
]


class Standing(Enumeration):
    """An open dossier's standing against its deadline."""

    IN_TIME = "in_time"
    DUE_SOON = "due_soon"  #: less office time left than the warning threshold
    OVERDUE = "overdue"  #: đang xử lý quá hạn


class Outcome(Enumeration):
    """How a resolved dossier is counted in the reports."""

    EARLY = "early"  #: trước hạn: resolved before the due day
    ON_TIME = "on_time"  #: đúng hạn: resolved on the due day, by the deadline
    LATE = "late"  #: quá hạn: resolved after the deadline (an apology does not change it)


@attrs.frozen
class Timeliness:
    """An open dossier's standing at an instant.

    :param standing: in time, due soon or overdue.
    :param deadline: the legal deadline at that instant.
    :param remaining: office time left until the deadline; negative when overdue.
    """

    standing: Standing
    deadline: datetime
    remaining: timedelta


@attrs.frozen
class Resolution:
    """How a resolved dossier counts.

    :param outcome: early, on time or late.
    :param deadline: the legal deadline it was measured against.
    :param resolved_at: when the result was ready.
    :param late_by: office time past the deadline (zero unless late).
    """

    outcome: Outcome
    deadline: datetime
    resolved_at: datetime
    late_by: timedelta


@attrs.frozen
class StepReport:
    """One step of a dossier's processing, for inter-agency accountability.

    :param agency: who held the dossier.
    :param step: what the step was.
    :param started: when the dossier reached the agency.
    :param ended: when it left (``None`` while the agency still holds it).
    :param allotted: office time the procedure allots to the step (``None`` if none).
    :param used: office time the agency held it, pauses excluded.
    """

    agency: str
    step: str
    started: datetime
    ended: datetime | None
    allotted: timedelta | None
    used: timedelta

    @property
    def over_by(self) -> timedelta:
        """Office time used beyond the allotment (zero when within it or none is set)."""
        if self.allotted is None or self.used <= self.allotted:
            return timedelta()
        return self.used - self.allotted


@attrs.frozen
class HandOverReport:
    """A boundary-free dossier's hand-over from its reception point to the competent agency.

    :param reception_point: the agency that received it, and answers for the hand-over.
    :param competent_agency: the agency that decides it.
    :param due: when the hand-over was due (the intake's rule).
    :param handed_over_at: when it was handed over (``None``: not yet).
    :param late_by: office time past ``due``: up to the hand-over, or to the instant
        asked about while it has not happened (zero when in time).

    .. versionadded:: 0.5
    """

    reception_point: str
    competent_agency: str
    due: datetime
    handed_over_at: datetime | None
    late_by: timedelta

    @property
    def late(self) -> bool:
        """Whether the hand-over came, or is still missing, after its due instant."""
        return self.late_by > timedelta()


@attrs.frozen
class Indicator:
    """Decision 766/QĐ-TTg's reading of a finished dossier's timeliness.

    It sits beside the legal classification (:class:`Resolution`) because the two
    differ: the indicator ends processing at the first of resolved, returned,
    stopped or refused, subtracts only supplement waits, and counts a dossier whose
    supplement was requested more than once as late whatever its dates.

    :param on_time: whether the dossier counts as on time.
    :param finished_at: when processing ended.
    :param appointment: the appointment moved by the supplement waits (``None`` for
        a dossier refused at reception).
    :param supplement_requests: supplement requests during processing.
    :param reason: why it counts so, in words.

    .. versionadded:: 0.2
    """

    on_time: bool
    finished_at: datetime
    appointment: datetime | None
    supplement_requests: int
    reason: str
