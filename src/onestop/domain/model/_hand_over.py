"""How soon a reception point hands a boundary-free dossier to the competent agency.

The one-stop department that receives a boundary-free dossier does not decide it: it
hands the dossier over (an event, :class:`~onestop.events.HandedOver`) within a limit
the province sets. The wording of Decree 118/2025 Art. 18 (transfer) was not read; the
default is provincial practice as published by Cao Bằng and Bắc Ninh: an **electronic**
dossier (submitted online, or scanned at reception) goes at once, or at the start of
the next working day when received after 15:00; a **paper** one within 1 working day.
A province with another practice gives its own :class:`HandOverRule` (the office's
``hand_over``, or a plugin's ``onestop_hand_over_rule``), with its source. The rule also
says where the deadline starts (:class:`DeadlineStart`): from valid receipt at the
reception point by default, or from the competent agency's receipt, as HCMC counts.

"At once" is read as: by the close of office of the working day of receipt; "the
start of the next working day" as its opening; "within 1 working day" as the Civil
Code counts days (the receipt day excluded), ending at the close of office. The rule a
dossier is received under is recorded in its intake, so a later change of practice
never makes an old hand-over late.

References:
    * Decree 118/2025/NĐ-CP Art. 17 cl. 1 pt c (scanning at reception) and Art. 18
      (transfer; wording not read).
    * Cao Bằng Decision 2022/QĐ-UBND; Bắc Ninh's published process (provincial practice).
"""

from __future__ import annotations

from datetime import datetime
from datetime import time
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._enumeration import Enumeration
from onestop.domain._validators import count
from onestop.domain._validators import text
from onestop.domain._validators import typed
from onestop.domain.time._local_time import to_local
from onestop.exceptions import DossierError

if TYPE_CHECKING:
    from onestop.domain.time._calendar import Calendar

__all__ = ["PROVINCIAL_PRACTICE", "DeadlineStart", "HandOverRule"]


class DeadlineStart(Enumeration):
    """Where a boundary-free dossier's deadline starts counting."""

    #: From valid receipt at the reception point (NgayTiepNhan on Mẫu 01): the default,
    #: as provincial process totals and Decision 766 count.
    RECEPTION = "reception"
    #: From the competent agency's receipt of the dossier (the hand-over), as HCMC counts.
    HAND_OVER = "hand_over"


def _cutoff(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not time or value.tzinfo is not None:
        raise DossierError(
            f"HandOverRule.electronic_cutoff must be a local time of day, got {shown(value)}"
        )


@attrs.frozen(kw_only=True)
class HandOverRule:
    """The time limit for handing a boundary-free dossier to its competent agency.

    :param electronic_cutoff: an electronic dossier received on a working day by this
        time goes the same day; later, by the next working day's opening.
    :param paper_working_days: the working days a paper dossier may take.
    :param deadline_from: where the deadline starts: valid receipt at the reception
        point (default), or the hand-over; before the hand-over, a deadline counted from
        it runs from the hand-over's due instant.
    :param source: where the province sets the rule.

    .. versionadded:: 0.5
    """

    electronic_cutoff: time = attrs.field(default=time(15, 0), validator=_cutoff)
    paper_working_days: int = attrs.field(default=1, validator=count(DossierError, minimum=0))
    deadline_from: DeadlineStart = attrs.field(
        default=DeadlineStart.RECEPTION, validator=typed(DeadlineStart, DossierError)
    )
    source: str = attrs.field(
        default="provincial practice (Cao Bằng Decision 2022/QĐ-UBND; Bắc Ninh)",
        validator=text(DossierError),
    )

    def due(self, received_at: datetime, *, electronic: bool, calendar: Calendar) -> datetime:
        """When a dossier received at ``received_at`` must be with the competent agency.

        :raises CalendarRangeError: outside the calendar's years.
        """
        local = to_local(received_at)
        day = local.date()
        if not electronic:  # counted from the working day the receipt counts on
            counted = calendar.receipt_moment(local).date()
            last = calendar.add_working_days(counted, self.paper_working_days)
            return calendar.close_of_office(last)
        if calendar.is_working_day(day) and local.time() <= self.electronic_cutoff:
            return max(local, calendar.close_of_office(day))
        following = calendar.add_working_days(day, 1)
        return datetime.combine(following, calendar.office_hours_on(following).opening)


#: The default: provincial practice (electronic at once or the next opening after 15:00;
#: paper within 1 working day).
PROVINCIAL_PRACTICE = HandOverRule()
