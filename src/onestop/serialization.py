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
  (``{"event": "received", "at": ..., ...}``); its instants are Vietnam time with
  their offset (``"2026-02-13T10:00:00+07:00"``);
* a dossier as ``{"events": [...]}``: its history alone rebuilds it;
* money as integer đồng; Vietnamese text kept as is (UTF-8, not escaped);
* unknown keys are refused, so a typo in a catalog is an error, not a silent default;
  fields left at their default are omitted when writing.

Use :func:`converter` (built once, shared) or :func:`make_converter` (a new one to
extend); never ``cattrs.global_converter``. Errors while reading are turned into
readable, path-qualified messages by :func:`describe_error`.

:func:`canonical_json` gives an event (or any value) its canonical JSON form, the
bytes a hash chain hashes: RFC 8785 (JSON Canonicalization Scheme) over the wire
form above, so keys are sorted, there is no whitespace, and no floats are allowed.
It needs the ``rfc8785`` package (``pip install "onestop[canonical]"``), chosen
because it implements the RFC exactly and is pure Python with no dependencies. For
the data events are made of (text, integers below 2**53, ASCII keys) the standard
library's ``json`` writes the very same bytes, in C, and is used instead; a property
test checks the two agree on generated events and JSON values.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import json
import re
from collections.abc import Callable
from collections.abc import Hashable
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from decimal import Decimal
from typing import Any
from typing import TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn
from cattrs.gen import make_dict_unstructure_fn
from cattrs.gen import override
from cattrs.strategies import configure_tagged_union
from cattrs.v import format_exception

from onestop._shown import shown
from onestop.domain.model._actor import Actor
from onestop.domain.model._actor import Role
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._events import EVENT_TYPES
from onestop.domain.model._events import DossierEvent
from onestop.domain.model._procedure import Terms
from onestop.domain.time._duration import Duration
from onestop.domain.time._local_time import vietnam_iso
from onestop.exceptions import MissingExtraError
from onestop.exceptions import OneStopError
from onestop.exceptions import SerializationError
from onestop.exceptions import UsageError
from onestop.rules._fees import FeeRule

_Shared = TypeVar("_Shared")

__all__ = [
    "canonical_json",
    "configure_converter",
    "converter",
    "describe_error",
    "make_converter",
    "parse_json",
    "read_events",
]


def _iso(value: date | datetime | time) -> str:
    return value.isoformat()


def _structure_date(value: Any, _: type) -> date:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string like '2026-02-13', got {shown(value)}")
    return date.fromisoformat(value)


def _structure_datetime(value: Any, _: type) -> datetime:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(
            f"expected an ISO datetime string like '2026-02-13T10:00', got {shown(value)}"
        )
    return datetime.fromisoformat(value)


def _structure_time(value: Any, _: type) -> time:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(f"expected a time string like '08:00', got {shown(value)}")
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
            f"expected an ISO 8601 duration such as 'PT8H' or 'PT1H30M', got {shown(value)}"
        )
    parts = {name: int(match[name] or 0) for name in ("days", "hours", "minutes", "seconds")}
    micro = int((match["fraction"] or "").ljust(6, "0") or 0)
    result = timedelta(**parts, microseconds=micro)
    return -result if match["sign"] else result


def _structure_duration(value: Any, _: type) -> Duration:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(f"expected a processing time such as '3 ngày làm việc', got {shown(value)}")
    return _parse_duration(value)


@functools.lru_cache(maxsize=1024)
def _parse_duration(text: str) -> Duration:
    """A processing time read once per text: a store holds few distinct ones, many times."""
    return Duration.parse(text)


def _structure_texts(value: Any, _: type) -> tuple[str, ...]:  # noqa: ANN401 - JSON input
    if not isinstance(value, _SEQUENCES) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"expected a list of texts, got {shown(value)}")
    return tuple(value)


_SEQUENCES = (list, tuple)


def _structure_code(value: Any, _: type) -> DossierCode:  # noqa: ANN401 - JSON input
    if not isinstance(value, str):
        raise TypeError(
            f"expected a dossier code like '000.00.12.H38-240315-0001', got {shown(value)}"
        )
    return DossierCode.parse(value)


def _structure_decimal(value: Any, _: type) -> Decimal:  # noqa: ANN401 - JSON input
    if not isinstance(value, str | int):
        raise TypeError(f"expected a decimal number as text, e.g. '0.5', got {shown(value)}")
    return Decimal(value)


def _event_tag(kind: type) -> str:
    return next(name for name, cls in EVENT_TYPES.items() if cls is kind)


def _unstructure_set(value: frozenset[Any]) -> list[Any]:
    items = [item.value if isinstance(item, enum.Enum) else item for item in value]
    return sorted(items, key=str)


def _is_enum_set(kind: Any) -> bool:  # noqa: ANN401 - a type
    args: tuple[Any, ...] = getattr(kind, "__args__", ())
    return (
        getattr(kind, "__origin__", None) is frozenset
        and len(args) == 1
        and isinstance(args[0], type)
        and issubclass(args[0], enum.Enum)
    )


def _structure_enum_set(value: Any, kind: Any) -> frozenset[Any]:  # noqa: ANN401 - JSON input
    """A JSON array of enum values, read in one pass (cattrs' generic set hook is slower)."""
    (member,) = kind.__args__
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected a list of {member.__name__} values, got {shown(value)}")
    return frozenset(member(item) for item in value)


def _structure_vietnam_time(value: Any, _: type) -> datetime:  # noqa: ANN401 - JSON input
    """An event's instant: ISO text, kept as naive Vietnam time (``+07:00`` read directly)."""
    if not isinstance(value, str):
        raise TypeError(
            f"expected an ISO datetime string like '2026-02-13T10:00', got {shown(value)}"
        )
    if value.endswith("+07:00"):
        return datetime.fromisoformat(value[:-6])
    return datetime.fromisoformat(value)  # another offset: the event converts it


@functools.lru_cache(maxsize=64)
def _role_values(roles: frozenset[Role]) -> tuple[str, ...]:
    """An actor's roles as sorted wire values, worked out once per set of roles."""
    return tuple(sorted(role.value for role in roles))


def _unstructure_actor(actor: Actor) -> dict[str, Any]:
    """An actor's wire form: name, sorted roles, and the agency unless there is none."""
    value: dict[str, Any] = {"name": actor.name, "roles": list(_role_values(actor.roles))}
    if actor.agency is not None:
        value["agency"] = actor.agency
    return value


def _shared(
    kind: type[_Shared], converter: cattrs.Converter, key_of: Callable[[Any], Hashable]
) -> None:
    """Read ``kind`` once per distinct wire form and share the value (it is immutable).

    The same few officers act on every event of a history, and a store holds many
    dossiers under the same few procedure terms: a value read once is shared, which
    makes reading histories much cheaper. ``key_of`` gives a hashable key of the wire
    form, or raises for anything that is not one; that is then read (and fails) the
    long way.
    """
    read = make_dict_structure_fn(kind, converter)
    seen: dict[Hashable, _Shared] = {}

    def structure_shared(value: Any, _: type) -> _Shared:  # noqa: ANN401 - JSON input
        key: Hashable = None
        try:
            key = key_of(value)
            return seen[key]
        except (KeyError, TypeError, AttributeError):
            pass  # not seen yet, no key (a list inside), or not this kind's wire form
        shared = read(value, kind)  # raises for anything that is not a valid value
        if key is not None:
            if len(seen) >= _SHARED_VALUES:
                seen.clear()
            seen[key] = shared
        return shared

    converter.register_structure_hook(kind, structure_shared)


def _actor_key(value: Any) -> Hashable:  # noqa: ANN401 - JSON input
    return (value["name"], *value["roles"], value.get("agency"), len(value))


def _terms_key(value: Any) -> Hashable:  # noqa: ANN401 - JSON input
    key = tuple(value.items())
    hash(key)  # a list or an object inside: not a key (TypeError), read the long way
    return key


def _configure_histories(converter: cattrs.Converter) -> None:
    """Events (tagged, Vietnam-time instants, defaults omitted), actors and dossiers."""
    for event_class in EVENT_TYPES.values():
        # Fields at their default are omitted, so a field added later with a default
        # leaves the canonical form (and any hash of it) of older events unchanged.
        writing: dict[str, Any] = {"_cattrs_omit_if_default": True}
        reading: dict[str, Any] = {}
        for field in attrs.fields(event_class):
            if field.type in (datetime, "datetime"):
                writing[field.name] = override(unstruct_hook=vietnam_iso)
                reading[field.name] = override(struct_hook=_structure_vietnam_time)
        converter.register_unstructure_hook(
            event_class, make_dict_unstructure_fn(event_class, converter, **writing)
        )
        converter.register_structure_hook(
            event_class, make_dict_structure_fn(event_class, converter, **reading)
        )
    configure_tagged_union(DossierEvent, converter, tag_generator=_event_tag, tag_name="event")

    unstructure_event = converter.get_unstructure_hook(DossierEvent)

    def unstructure_dossier(dossier: Dossier) -> dict[str, Any]:
        return {"events": [unstructure_event(event) for event in dossier.events]}

    def structure_dossier(value: Any, _: type) -> Dossier:  # noqa: ANN401 - JSON input
        if not isinstance(value, dict) or set(value) != {"events"}:
            raise TypeError(f"expected a dossier as {{'events': [...]}}, got {shown(value)}")
        if not isinstance(value["events"], list):
            raise TypeError(
                f"expected the dossier's events as a list, got {shown(value['events'])}"
            )
        return Dossier(read_events(value["events"]))

    converter.register_unstructure_hook(Dossier, unstructure_dossier)
    converter.register_structure_hook(Dossier, structure_dossier)


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
    converter.register_structure_hook_func(_is_enum_set, _structure_enum_set)
    _shared(Actor, converter, _actor_key)
    converter.register_unstructure_hook(Actor, _unstructure_actor)
    _shared(Terms, converter, _terms_key)
    _configure_histories(converter)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, _structure_decimal)
    configure_tagged_union(
        FeeRule, converter, tag_generator=lambda kind: kind.__name__.lower(), tag_name="rule"
    )


#: How many distinct actors, or procedure terms, one converter remembers.
_SHARED_VALUES = 1024

#: What cattrs and the hooks raise on data of the wrong shape.


class _Converter(cattrs.Converter):
    """A cattrs converter whose ``structure`` raises onestop's own error on bad data."""

    def structure(self, obj: Any, cl: Any) -> Any:  # noqa: ANN401 - cattrs' signature
        """``obj`` as a ``cl``; bad data raises :class:`SerializationError` listing each field."""
        try:
            return super().structure(obj, cl)
        except SerializationError:
            raise
        except cattrs.errors.StructureHandlerNotFoundError as error:
            raise SerializationError(
                f"cannot read a {getattr(cl, '__name__', cl)} from JSON: {error}"
            ) from None
        except (
            cattrs.BaseValidationError,
            ValueError,
            TypeError,
            KeyError,
            AttributeError,
        ) as error:
            problems = describe_error(error)
            raise SerializationError(
                f"cannot read a {getattr(cl, '__name__', cl)}: " + "; ".join(problems),
                problems=problems,
            ) from error


def make_converter() -> cattrs.Converter:
    """A new converter configured with onestop's wire rules (to extend with your own hooks).

    Its ``structure`` raises :class:`~onestop.exceptions.SerializationError` for data
    that does not describe the type asked for, with one message per bad field
    (``error.problems``), never a bare ``TypeError`` or a cattrs exception group.
    """
    new = _Converter(forbid_extra_keys=True, omit_if_default=True)
    configure_converter(new)
    return new


@functools.cache
def converter() -> cattrs.Converter:
    """The shared converter, built on first use; do not register hooks on it."""
    return make_converter()


def parse_json(text: str | bytes, what: str) -> Any:  # noqa: ANN401 - JSON data
    """``text`` read as JSON: the one door every JSON text from outside comes in by.

    Files, stored rows, signed documents and the portal's answers all pass here, so
    each refuses the same things with the same error: text that is not JSON or not
    UTF-8, JSON nested deeper than Python's parser goes (100,000 brackets), and
    integers longer than Python's int-from-text limit (4,300 digits).

    :param what: what the text is, for the message (``"the portal's answer"``).
    :raises SerializationError: naming ``what`` and the problem.

    .. versionadded:: 0.5
    """
    if not isinstance(what, str):
        raise UsageError(f"what names the text for messages, got {shown(what)}")
    if not isinstance(text, str | bytes | bytearray):
        raise SerializationError(f"{what} is JSON text, got {shown(text)}")
    try:
        return json.loads(text)
    except RecursionError:
        raise SerializationError(f"{what} is JSON nested too deep to read") from None
    except ValueError as error:  # not JSON, not UTF-8, or an integer past the digit limit
        raise SerializationError(f"{what} is not JSON onestop reads: {error}") from None


@functools.cache
def _event_readers() -> dict[str, Callable[[Any, Any], DossierEvent]]:
    """Each event kind's structure hook, from a converter without detailed validation."""
    fast = _Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=False)
    configure_converter(fast)
    return {kind: fast.get_structure_hook(cls) for kind, cls in EVENT_TYPES.items()}


def read_events(data: Sequence[Any]) -> list[DossierEvent]:
    """Events from their wire form (a list of ``{"event": kind, ...}`` objects).

    Every event is checked exactly as ``converter().structure(item, DossierEvent)``
    checks it — the same hooks, the same validators — but through each kind's hook
    directly and without cattrs' per-field error collection, which reading a stored
    history (and a dossier's JSON) does most often. When anything is wrong, the data
    is read again the detailed way, so the error names every bad field.

    :raises SerializationError: when an item is not an event's wire form.
    """
    readers = _event_readers()
    events: list[DossierEvent] = []
    try:
        for item in data:
            fields = dict(item)
            events.append(readers[fields.pop("event")](fields, None))
    except Exception:  # noqa: BLE001 - any failure is reported by the detailed reading below
        kind: Any = DossierEvent  # a union, which mypy does not take as a type
        if isinstance(data, str | bytes) or not isinstance(data, Sequence):
            raise SerializationError(f"events are a list, got {shown(data)}") from None
        return [converter().structure(item, kind) for item in data]
    return events


#: The integers RFC 8785 writes exactly as Python does (IEEE 754 doubles hold them exactly).
_EXACT = 2**53


def _plain_json(value: Any) -> bool:  # noqa: ANN401 - JSON data
    """Whether the standard library writes ``value`` exactly as RFC 8785 does; no floats.

    For text, null, booleans, integers below 2**53 in magnitude and objects with ASCII
    keys, ``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``
    is byte for byte RFC 8785 (the same escapes, the same number form, and code-point
    order equals UTF-16 order for ASCII keys); a property test holds it to ``rfc8785``.

    :raises SerializationError: at a float, which canonical JSON refuses.
    """
    plain = True
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str or kind is bool or item is None:
            continue
        if kind is int:
            plain = plain and -_EXACT < item < _EXACT
        elif kind is dict:
            plain = plain and all(type(key) is str and key.isascii() for key in item)
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        elif isinstance(item, float):
            raise SerializationError(
                f"canonical JSON has no floats; {_float_path(value, '$')} is {shown(item)}"
            )
        else:
            plain = False  # anything else: rfc8785 decides
    return plain


def _float_path(value: Any, path: str) -> str | None:  # noqa: ANN401 - JSON data
    """Where the first float in ``value`` is, for the error message."""
    if isinstance(value, float):
        return path
    children = (
        ((f"{path}.{key}", item) for key, item in value.items())
        if isinstance(value, dict)
        else ((f"{path}[{index}]", item) for index, item in enumerate(value))
        if isinstance(value, list)
        else ()
    )
    for child_path, child in children:
        found = _float_path(child, child_path)
        if found is not None:
            return found
    return None


def canonical_json(value: object, kind: Any = None) -> bytes:  # noqa: ANN401 - any type
    """The canonical JSON form of ``value`` (RFC 8785 over the wire form), as UTF-8 bytes.

    ``kind`` is the type to unstructure as (default: the value's own; pass
    :data:`onestop.events.DossierEvent` to include an event's ``"event"`` tag).

    >>> from datetime import datetime
    >>> from onestop import Actor
    >>> from onestop.events import DossierEvent, Supplemented
    >>> event = Supplemented(at=datetime(2026, 2, 13, 10), actor=Actor.applicant("Lê Thị B"))
    >>> text = canonical_json(event, DossierEvent).decode()
    >>> text[:51]
    '{"actor":{"name":"Lê Thị B","roles":["applicant"]},'
    >>> text[51:]
    '"at":"2026-02-13T10:00:00+07:00","event":"supplemented"}'

    :raises SerializationError: when the value holds a float, or the ``rfc8785``
        package is missing.
    """
    try:
        import rfc8785  # noqa: PLC0415 - an optional extra, loaded when used
    except ImportError as missing:
        raise MissingExtraError("canonical", "canonical JSON", missing) from None
    if kind is not None and not (isinstance(kind, type) or kind is DossierEvent):
        raise SerializationError(f"kind is a type such as DossierEvent, got {shown(kind)}")
    try:
        data = converter().unstructure(value, kind if kind is not None else type(value))
        if _plain_json(data):
            with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate: rfc8785 says so
                text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                return text.encode()
        return rfc8785.dumps(data)
    except rfc8785.CanonicalizationError as error:
        raise SerializationError(f"{shown(value)} has no canonical JSON form: {error}") from None
    except RecursionError:
        raise SerializationError(f"{shown(value)} is nested too deep for JSON") from None
    except ValueError as error:  # an integer past Python's int-to-text limit
        raise SerializationError(f"{shown(value)} has no JSON form: {error}") from None


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
