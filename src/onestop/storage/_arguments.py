"""Checks of the arguments every store takes, so each store refuses bad ones alike."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta

from onestop._shown import shown
from onestop.domain._validators import is_storable
from onestop.domain.time._local_time import to_local
from onestop.exceptions import UsageError
from onestop.storage._store_values import MAX_PAGE
from onestop.storage._store_values import MAX_POSITION
from onestop.storage._store_values import Checkpoint

__all__ = [
    "check_builder",
    "check_claim",
    "check_instant",
    "check_kept",
    "check_key",
    "check_limit",
    "check_message_id",
    "check_signer",
    "check_text",
    "check_timeout",
    "lease_end",
    "sequence_day",
]


def check_instant(value: object, name: str) -> datetime:
    """``value`` as naive Vietnam time, if it is a datetime.

    :raises UsageError: when it is not.
    """
    if not isinstance(value, datetime):
        raise UsageError(f"{name} is a datetime, got {shown(value)}")
    return to_local(value)


def check_key(value: object, name: str) -> str:
    """``value`` if it is a text a database can hold: a dossier's id or code.

    :raises UsageError: when it is not a text, or holds a lone surrogate (not UTF-8).
    """
    if type(value) is not str:
        raise UsageError(f"a {name} is a text, got {shown(value)}")
    if not is_storable(value):
        raise UsageError(f"a {name} is UTF-8 text without NUL, got {shown(value)}")
    return value


def check_limit(value: object) -> int:
    """``value`` if it is a page size.

    :raises UsageError: when it is not an int in 1..MAX_PAGE.
    """
    if type(value) is not int or not 1 <= value <= MAX_PAGE:
        raise UsageError(f"limit is an int in 1..{MAX_PAGE}, got {shown(value)}")
    return value


def sequence_day(value: object) -> str:
    """The Vietnam date of ``value`` (a date or a datetime) as ISO text, a sequence's key.

    :raises UsageError: when it is neither.
    """
    if isinstance(value, datetime):
        return to_local(value).date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise UsageError(f"a running number is counted per date, got {shown(value)}")


def check_signer(value: object) -> None:
    """Nothing, if ``value`` is ``None`` or has ``sign`` and ``verify`` methods.

    :raises UsageError: when it is something else.
    """
    if value is not None and not (
        callable(getattr(value, "sign", None)) and callable(getattr(value, "verify", None))
    ):
        raise UsageError(f"signer is None or a signer with sign() and verify(), got {shown(value)}")


#: The longest worker name a store keeps.
MAX_WORKER = 200
#: The longest wait, timeout or lease onestop takes: 30 days (a longer one is a mistake,
#: and past about 292 years the operating system's clocks overflow).
MAX_WAIT = timedelta(days=30)


def check_text(value: object, name: str) -> str:
    """``value`` if it is a text a database can hold (UTF-8 without NUL), perhaps empty.

    :raises UsageError: when it is not.
    """
    if type(value) is not str or not is_storable(value):
        raise UsageError(f"{name} is a text (UTF-8, no NUL), got {shown(value)}")
    return value


def check_message_id(value: object) -> int:
    """``value`` if it can be an outbox message's id: an int in 1..2⁶³-1.

    :raises UsageError: when it is not.
    """
    if type(value) is not int or not 1 <= value <= MAX_POSITION:
        raise UsageError(f"an outbox message id is an int in 1..{MAX_POSITION}, got {shown(value)}")
    return value


def check_claim(worker: object, lease: object) -> tuple[str, timedelta]:
    """``worker`` and ``lease`` if they name a worker and a positive hold of at most 30 days.

    :raises UsageError: when ``worker`` is not a non-blank text (UTF-8, no NUL) of at
        most :data:`MAX_WORKER` characters, or ``lease`` not a timedelta in
        (0, :data:`MAX_WAIT`].
    """
    if (
        not isinstance(worker, str)
        or not worker.strip()
        or len(worker) > MAX_WORKER
        or not is_storable(worker)
    ):
        raise UsageError(
            f"worker is a non-blank text (UTF-8, no NUL) of at most {MAX_WORKER} characters, "
            f"got {shown(worker)}"
        )
    if not isinstance(lease, timedelta) or not timedelta() < lease <= MAX_WAIT:
        raise UsageError(
            f"lease is a timedelta of more than 0 and at most 30 days, got {shown(lease)}"
        )
    return worker, lease


def lease_end(now: datetime, lease: timedelta) -> datetime:
    """When a claim made at ``now`` for ``lease`` ends.

    :raises UsageError: when that is past the last instant a datetime holds.
    """
    try:
        return now + lease
    except OverflowError:
        raise UsageError(
            f"a claim at {shown(now)} for {shown(lease)} ends after year 9999"
        ) from None


def check_timeout(value: object) -> float:
    """``value`` as seconds, if it is a number of seconds from 0 to 30 days.

    :raises UsageError: when it is not (NaN, infinite, negative or longer).
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= MAX_WAIT.total_seconds()
    ):
        raise UsageError(
            f"a timeout is a number of seconds from 0 to {MAX_WAIT.total_seconds():.0f} "
            f"(30 days), got {shown(value)}"
        )
    return float(value)


def check_kept(value: object) -> None:
    """Nothing, if ``value`` is ``None`` or a sequence of checkpoints kept elsewhere.

    :raises UsageError: when it is something else.
    """
    if value is None:
        return
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise UsageError(f"against is a list of Checkpoint or None, got {shown(value)}")
    for item in value:
        if not isinstance(item, Checkpoint):
            raise UsageError(f"against holds Checkpoint values, got {shown(item)}")


def check_builder(value: object) -> None:
    """Check that ``value`` builds a numbered append's events from a running number.

    :raises UsageError: when it is not callable.
    """
    if not callable(value):
        raise UsageError(
            f"events_for is a function from a running number to the events, got {shown(value)}"
        )
