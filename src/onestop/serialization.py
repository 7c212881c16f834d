"""The one cattrs converter that turns every public onestop value into JSON and back.

Wire rules (:func:`configure_converter`):

* dates, datetimes and times as ISO 8601 text (``"2026-02-13"``,
  ``"2026-02-13T10:00:00+07:00"``, ``"08:00:00"``); a datetime keeps its offset, or
  its absence (naive = Vietnamese local time);
* a ``timedelta`` (office time) as an ISO 8601 duration in hours, minutes and
  seconds (``"PT23H"``, ``"-PT1H30M"``, ``"PT0.5S"``);
* a :class:`~onestop.Duration` as its Vietnamese text (``"3 ngày làm việc"``); any
  text :meth:`Duration.parse <onestop.Duration.parse>` accepts is read back;
* a ``Decimal`` (a fee rate) as text (``"0.5"``);
* a fee rule as an object whose ``"rule"`` key names its shape (``"flat"``,
  ``"perunit"``, ``"tiered"``, ``"percentage"``, ``"choice"``, ``"sum"``);
* enums by value (``"end_of_day"``, ``"in_person"``);
* tuples and frozensets as JSON arrays (frozensets sorted);
* a dossier code as its text (``"000.00.12.H38-240315-0001"``);
* a dossier event as an object whose ``"event"`` key names its kind
  (``{"event": "received", "at": ..., ...}``);
* money as integer đồng; Vietnamese text kept as is (UTF-8, not escaped);
* unknown keys are refused, so a typo in a catalog is an error, not a silent default;
  fields left at their default are omitted when writing.

Use :func:`make_converter`; never ``cattrs.global_converter``. Errors while reading
are turned into readable, path-qualified messages by :func:`describe_error`.
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import cattrs
from cattrs.strategies import configure_tagged_union
from cattrs.v import format_exception

from onestop.domain.dossier_code import DossierCode
from onestop.domain.dossier_events import EVENT_TYPES, DossierEvent
from onestop.domain.duration import Duration
from onestop.exceptions import OneStopError
from onestop.rules.fees import FeeRule

__all__ = ["configure_converter", "describe_error", "make_converter"]


def _iso(value: date | datetime | time) -> str:
    return value.isoformat()


def _structure_date(value: Any, _: type) -> date:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string like '2026-02-13', got {value!r}")
    return date.fromisoformat(value)


def _structure_datetime(value: Any, _: type) -> datetime:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO datetime string like '2026-02-13T10:00', got {value!r}")
    return datetime.fromisoformat(value)


def _structure_time(value: Any, _: type) -> time:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(f"expected a time string like '08:00', got {value!r}")
    return time.fromisoformat(value)


_ISO_DURATION = re.compile(
    r"^(?P<sign>-)?P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?"
    r"(?:(?P<seconds>\d+)(?:\.(?P<fraction>\d{1,6}))?S)?)?$"
)


def _unstructure_timedelta(value: timedelta) -> str:
    """ISO 8601 in hours, minutes and seconds (office time has no natural "day")."""
    micros = abs(value) // timedelta(microseconds=1)
    seconds, micro = divmod(micros, 1_000_000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if seconds or micro or text == "PT":
        text += f"{seconds}.{micro:06d}".rstrip("0").rstrip(".") + "S"
    return ("-" if value < timedelta() else "") + text


def _structure_timedelta(value: Any, _: type) -> timedelta:  # noqa: ANN401 - JSON input
    match = _ISO_DURATION.match(value) if isinstance(value, str) else None
    if match is None or value in {"P", "-P", "PT", "-PT"}:
        raise ValueError(
            f"expected an ISO 8601 duration such as 'PT8H' or 'PT1H30M', got {value!r}"
        )
    parts = {name: int(match[name] or 0) for name in ("days", "hours", "minutes", "seconds")}
    micro = int((match["fraction"] or "").ljust(6, "0") or 0)
    result = timedelta(**parts, microseconds=micro)
    return -result if match["sign"] else result


def _structure_duration(value: Any, _: type) -> Duration:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(f"expected a processing time such as '3 ngày làm việc', got {value!r}")
    return Duration.parse(value)


def _structure_texts(value: Any, _: type) -> tuple[str, ...]:  # noqa: ANN401 - JSON input
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"expected a list of texts, got {value!r}")
    return tuple(value)


def _structure_code(value: Any, _: type) -> DossierCode:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(f"expected a dossier code like '000.00.12.H38-240315-0001', got {value!r}")
    return DossierCode.parse(value)


def _structure_decimal(value: Any, _: type) -> Decimal:  # noqa: ANN401 - JSON input
    if not isinstance(value, str | int):
        raise TypeError(f"expected a decimal number as text, e.g. '0.5', got {value!r}")
    return Decimal(value)


def _event_tag(kind: type) -> str:
    return next(name for name, cls in EVENT_TYPES.items() if cls is kind)


def _unstructure_set(value: frozenset[Any]) -> list[Any]:
    items = [item.value if isinstance(item, enum.Enum) else item for item in value]
    return sorted(items, key=str)


def configure_converter(converter: cattrs.Converter) -> None:
    """Register onestop's wire rules (see the module docstring) on ``converter``."""
    converter.register_unstructure_hook(date, _iso)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(datetime, _iso)
    converter.register_structure_hook(datetime, _structure_datetime)
    converter.register_unstructure_hook(time, _iso)
    converter.register_structure_hook(time, _structure_time)
    converter.register_unstructure_hook(timedelta, _unstructure_timedelta)
    converter.register_structure_hook(timedelta, _structure_timedelta)
    converter.register_unstructure_hook(Duration, lambda duration: duration.format("vi"))
    converter.register_structure_hook(Duration, _structure_duration)
    converter.register_structure_hook_func(lambda kind: kind == tuple[str, ...], _structure_texts)
    converter.register_unstructure_hook(DossierCode, str)
    converter.register_structure_hook(DossierCode, _structure_code)
    converter.register_unstructure_hook_func(
        lambda kind: getattr(kind, "__origin__", kind) is frozenset, _unstructure_set
    )
    configure_tagged_union(DossierEvent, converter, tag_generator=_event_tag, tag_name="event")
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, _structure_decimal)
    configure_tagged_union(
        FeeRule, converter, tag_generator=lambda kind: kind.__name__.lower(), tag_name="rule"
    )


def make_converter() -> cattrs.Converter:
    """A new converter configured with onestop's wire rules."""
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    configure_converter(converter)
    return converter


def _format_exception(error: BaseException, kind: type | None) -> str:
    """Onestop's own messages say what was wrong and what is accepted: keep them."""
    if isinstance(error, OneStopError | ValueError | TypeError) and str(error):
        return str(error)
    return format_exception(error, kind)


def describe_error(error: Exception, path: str = "$") -> list[str]:
    """Readable messages, one per bad field with its path, for a failed structure call."""
    if isinstance(error, cattrs.BaseValidationError):
        return list(cattrs.transform_error(error, path=path, format_exception=_format_exception))
    return [f"{error} @ {path}"]
