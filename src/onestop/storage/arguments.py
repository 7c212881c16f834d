"""Checks of the arguments every store takes, so each store refuses bad ones alike."""

from __future__ import annotations

from datetime import date, datetime

from onestop.domain.time.local_time import to_local
from onestop.exceptions import UsageError
from onestop.storage.records import MAX_PAGE

__all__ = ["check_instant", "check_limit", "check_signer", "sequence_day"]


def check_instant(value: object, name: str) -> datetime:
    """``value`` as naive Vietnam time, if it is a datetime.

    :raises UsageError: when it is not.
    """
    if not isinstance(value, datetime):
        raise UsageError(f"{name} is a datetime, got {value!r}")
    return to_local(value)


def check_limit(value: object) -> int:
    """``value`` if it is a page size.

    :raises UsageError: when it is not an int in 1..MAX_PAGE.
    """
    if type(value) is not int or not 1 <= value <= MAX_PAGE:
        raise UsageError(f"limit is an int in 1..{MAX_PAGE}, got {value!r}")
    return value


def sequence_day(value: object) -> str:
    """The Vietnam date of ``value`` (a date or a datetime) as ISO text, a sequence's key.

    :raises UsageError: when it is neither.
    """
    if isinstance(value, datetime):
        return to_local(value).date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise UsageError(f"a running number is counted per date, got {value!r}")


def check_signer(value: object) -> None:
    """Nothing, if ``value`` is ``None`` or has ``sign`` and ``verify`` methods.

    :raises UsageError: when it is something else.
    """
    if value is not None and not (
        callable(getattr(value, "sign", None)) and callable(getattr(value, "verify", None))
    ):
        raise UsageError(f"signer is None or a signer with sign() and verify(), got {value!r}")
