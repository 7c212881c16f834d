"""Vietnamese local time: the one time zone every onestop computation happens in.

Naive datetimes are read as local time in Asia/Ho_Chi_Minh; aware datetimes are
converted to it, and results are converted back to the caller's time zone, so a
function returns the same kind of datetime (naive or aware) that it was given.
Vietnam has used UTC+7 without daylight saving since 1975, so the conversion is exact
for every year a calendar can cover.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from datetime import tzinfo

from onestop._shown import shown
from onestop.exceptions import CalendarInputError

__all__ = ["VIETNAM_TZ", "from_local", "now", "to_local", "to_local_date", "vietnam_iso"]

#: The Asia/Ho_Chi_Minh zone: UTC+7, the same all year and every year since 1975, so a
#: fixed offset is exact (and needs no time-zone database on the machine).
VIETNAM_TZ: tzinfo = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")
_SEVEN_HOURS = timedelta(hours=7)


def to_local(moment: datetime) -> datetime:
    """Return ``moment`` as a naive datetime in Vietnamese local time.

    :raises CalendarInputError: when ``moment`` is not a datetime, or is an aware one
        whose Vietnam time lies outside the years a datetime holds (``datetime.max``
        at +14:00 or ``datetime.min`` at -12:00 at the far ends).
    """
    if not isinstance(moment, datetime):
        raise CalendarInputError(f"expected a datetime, got {shown(moment)}")
    if moment.tzinfo is None:
        return moment
    if moment.utcoffset() == _SEVEN_HOURS:  # already Vietnam time (stored instants are)
        return moment.replace(tzinfo=None)
    return _in_vietnam(moment).replace(tzinfo=None)


def _in_vietnam(moment: datetime) -> datetime:
    try:
        return moment.astimezone(VIETNAM_TZ)
    except (OverflowError, ValueError):
        raise CalendarInputError(
            f"{shown(moment)} has no Vietnam time: it lies outside years 1-9999 there"
        ) from None


def vietnam_iso(moment: datetime) -> str:
    """``moment`` as ISO 8601 text in Vietnam time with its offset: ``2026-02-13T10:00:00+07:00``.

    The one way onestop writes an instant — in events, documents, reports, lookups and
    the CLI's JSON. A naive datetime is Vietnam time already; an aware one is converted.

    :raises CalendarInputError: when ``moment`` is not a datetime, or has no Vietnam
        time (see :func:`to_local`).

    .. versionadded:: 0.5
    """
    if not isinstance(moment, datetime):
        raise CalendarInputError(f"expected a datetime, got {shown(moment)}")
    if moment.tzinfo is None:  # Vietnam time has been +07:00 all year since 1975
        return moment.isoformat() + "+07:00"
    return _in_vietnam(moment).isoformat()


def now() -> datetime:
    """The current instant in Vietnamese local time (naive), whatever the machine's zone."""
    return to_local(datetime.now().astimezone())


def from_local(local: datetime, like: datetime) -> datetime:
    """Return the naive local time ``local`` in the same kind as ``like``.

    Naive stays naive; when ``like`` is aware, the result is aware and expressed in
    ``like``'s time zone.

    :raises CalendarInputError: when ``local`` or ``like`` is not a datetime, ``local``
        is aware, or the result lies outside the years a datetime holds.
    """
    if not isinstance(local, datetime) or not isinstance(like, datetime):
        raise CalendarInputError(f"expected two datetimes, got {shown(local)} and {shown(like)}")
    if local.tzinfo is not None:
        raise CalendarInputError(f"local is naive Vietnam time, got the aware {shown(local)}")
    zone = like.tzinfo
    if zone is None:
        return local
    try:
        return local.replace(tzinfo=VIETNAM_TZ).astimezone(zone)
    except (OverflowError, ValueError):
        raise CalendarInputError(f"{shown(local)} cannot be expressed in {shown(zone)}") from None


def to_local_date(day: date) -> date:
    """Return ``day`` as a plain date; a datetime gives its local calendar date.

    :raises CalendarInputError: when ``day`` is not a date.
    """
    if isinstance(day, datetime):
        return to_local(day).date()
    if not isinstance(day, date):
        raise CalendarInputError(f"expected a date, got {shown(day)}")
    return day
