"""Deadline policies: from a receipt moment and a processing time to a due instant.

Two readings of "n working days" exist in Vietnamese one-stop practice and a
province picks one (domain brief §5.2):

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
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from onestop.domain.duration import Duration, DurationUnit
from onestop.domain.local_time import to_local
from onestop.exceptions import DeadlineError

if TYPE_CHECKING:
    from onestop.domain.calendar import Calendar

__all__ = ["DeadlinePolicy", "compute_deadline"]


class DeadlinePolicy(enum.Enum):
    """How whole working days turn into a due instant."""

    #: Close of office on the n-th working day after the receipt day (Civil Code).
    END_OF_DAY = "end_of_day"
    #: n × 8 hours of office time from the receipt moment.
    OFFICE_TIME = "office_time"


def compute_deadline(
    calendar: Calendar,
    received_at: datetime,
    duration: Duration,
    policy: DeadlinePolicy = DeadlinePolicy.END_OF_DAY,
) -> datetime:
    """The instant a dossier received at ``received_at`` is due (see module docs).

    Returns the same kind of datetime (naive or aware) as ``received_at``.

    :raises DeadlineError: when ``received_at`` is not a datetime or ``duration``
        or ``policy`` has the wrong type.
    :raises CalendarRangeError: when the receipt or the deadline falls outside the
        calendar's years.
    """
    if not isinstance(received_at, datetime):
        raise DeadlineError(f"received_at must be a datetime, got {received_at!r}")
    if not isinstance(duration, Duration):
        raise DeadlineError(
            f"duration must be a Duration (try Duration.parse('3 ngày làm việc')), got {duration!r}"
        )
    if not isinstance(policy, DeadlinePolicy):
        raise DeadlineError(f"policy must be a DeadlinePolicy, got {policy!r}")
    receipt = calendar.receipt_moment(received_at)
    unit = duration.unit
    if duration.is_office_time or (
        unit is DurationUnit.WORKING_DAYS and policy is DeadlinePolicy.OFFICE_TIME
    ):
        return calendar.add_working_hours(receipt, duration.office_time)
    local = to_local(receipt)
    receipt_day = local.date()
    if unit is DurationUnit.WORKING_DAYS:
        last_day = calendar.add_working_days(receipt_day, int(duration.amount))
    elif unit is DurationUnit.CALENDAR_DAYS:
        last_day = receipt_day + timedelta(days=int(duration.amount))
        if not calendar.is_working_day(last_day):
            last_day = calendar.add_working_days(last_day, 1)
    else:  # same day
        last_day = receipt_day
        if local.time() > calendar.same_day_cutoff:
            last_day = calendar.add_working_days(receipt_day, 1)
    return calendar.close_of_office(last_day, like=received_at)
