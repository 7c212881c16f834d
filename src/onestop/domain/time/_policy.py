"""How a procedure counts its time: the deadline policy and the clock rule.

Two readings of "n working days" exist in Vietnamese one-stop practice and a
province picks one (Civil Code 2015 Art. 147–148, or office time as many provincial
systems count):

* :attr:`DeadlinePolicy.END_OF_DAY` — the Civil Code reading and the default: the
  day of receipt is not counted, and n working days end at the close of office on
  the n-th working day after the receipt day (Art. 147 cl. 2, Art. 148 cl. 1).
  Received Monday 10:00 with 3 working days → Thursday 17:00.
* :attr:`DeadlinePolicy.OFFICE_TIME` — n × 8 office hours from the receipt moment.
  Received Monday 10:00 with 3 working days → Thursday 10:00.

Whatever the policy, working hours and fractional working days run in office time
from the receipt moment (Art. 147 cl. 1); calendar days count every day, first day
excluded, and a last day that is not a working day moves to the close of the next
working day (Art. 148 cl. 2); same-day processing ends at the close of the receipt
day, or of the next working day when received after the same-day cut-off (15:00 by
default, Decree 23/2015/NĐ-CP Art. 7).

References:
    * Civil Code 2015 (Law 91/2015/QH13) Art. 147–148.
    * Decree 23/2015/NĐ-CP Art. 7.
    * Decree 61/2018/NĐ-CP Art. 19; Decree 118/2025/NĐ-CP (supplement requests).

The computation itself is :meth:`onestop.Calendar.deadline`; this module holds the
two choices a procedure makes about its time, so that a procedure can name them
without depending on the calendar.
"""

from __future__ import annotations

from onestop.domain._enumeration import Enumeration

__all__ = ["ClockRule", "DeadlinePolicy"]


class DeadlinePolicy(Enumeration):
    """How whole working days turn into a due instant."""

    #: Close of office on the n-th working day after the receipt day (Civil Code).
    END_OF_DAY = "end_of_day"
    #: n × 8 hours of office time from the receipt moment.
    OFFICE_TIME = "office_time"


class ClockRule(Enumeration):
    """What a supplement request does to the processing time."""

    #: Stop the clock; the deadline moves by the time the clock stood still.
    PAUSE = "pause"
    #: Start the full processing time again when the dossier is complete.
    RESTART = "restart"
