"""The validators kit: small attrs validators that fail with onestop's own exceptions.

Each factory takes the exception class to raise, so a procedure field fails with
``InvalidProcedureError`` and a fee field with ``FeeError``, and every message names
the class, the field, the value given and what is accepted. Combine them with
:func:`optional`. Modelled on ``attr.validators``.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any

from onestop._shown import shown

if TYPE_CHECKING:
    import attrs

    from onestop.exceptions import OneStopError

__all__ = [
    "MAX_MONEY",
    "count",
    "day",
    "each",
    "is_storable",
    "moment",
    "money",
    "optional",
    "require",
    "text",
    "texts",
    "to_frozenset",
    "to_tuple",
    "typed",
]

_Validator = Any  # an attrs validator: (instance, attribute, value) -> None


def _where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def typed(kind: type | tuple[type, ...], error: type[OneStopError]) -> _Validator:
    """A value of type ``kind``; ``True``/``False`` are refused where an ``int`` is asked for."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = " or ".join(k.__name__ for k in kinds)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise error(
                f"{_where(instance, attribute)} must be of type {names}, got {shown(value)}"
            )

    return check


def text(error: type[OneStopError]) -> _Validator:
    """Non-empty text (not only spaces)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or not value.strip() or not is_storable(value):
            raise error(
                f"{_where(instance, attribute)} must be non-empty text (UTF-8, no NUL), "
                f"got {shown(value)}"
            )

    return check


def texts(error: type[OneStopError]) -> _Validator:
    """A tuple of non-empty texts."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(
            isinstance(item, str) and item.strip() and is_storable(item) for item in value
        ):
            raise error(
                f"{_where(instance, attribute)} must be a list of non-empty texts "
                f"(UTF-8, no NUL), got "
                f"{shown(value)}"
            )

    return check


def count(error: type[OneStopError], *, minimum: int = 0) -> _Validator:
    """A whole number (not a bool, not a float) of at least ``minimum``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int or value < minimum:
            raise error(
                f"{_where(instance, attribute)} must be a whole number >= {minimum}, "
                f"got {shown(value)}"
            )

    return check


#: The largest amount of money onestop takes: 10¹⁵ đồng. No tax, fee or charge comes
#: near it, and it stays below 2⁵³, where JSON's exact integers (and RFC 8785's) end.
MAX_MONEY = 10**15


def money(error: type[OneStopError], *, minimum: int = 0) -> _Validator:
    """An amount of money: a whole number of đồng from ``minimum`` to :data:`MAX_MONEY`.

    ``minimum=1`` for what must be paid (a payment request, a payment): 0 đ is no
    payment, and is refused rather than recorded.
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int or not minimum <= value <= MAX_MONEY:
            low, high = (f"{n:,}".replace(",", ".") for n in (minimum, MAX_MONEY))
            raise error(
                f"{_where(instance, attribute)} is money in whole đồng from {low} to {high}, "
                f"got {shown(value)}"
            )

    return check


def day(error: type[OneStopError]) -> _Validator:
    """A calendar date (a ``datetime`` is refused: say which day is meant)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not date:
            raise error(f"{_where(instance, attribute)} must be a date, got {shown(value)}")

    return check


def moment(error: type[OneStopError]) -> _Validator:
    """An instant: a ``datetime``, naive (Vietnam local time) or aware."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, datetime):
            raise error(f"{_where(instance, attribute)} must be a datetime, got {shown(value)}")

    return check


def each(kind: type | tuple[type, ...], error: type[OneStopError]) -> _Validator:
    """A collection (tuple or frozenset, as its converter made it) of ``kind`` items only."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = " or ".join(k.__name__ for k in kinds)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple | frozenset):
            raise error(
                f"{_where(instance, attribute)} must be a tuple of {names}, got {shown(value)}"
            )
        for item in value:
            if not isinstance(item, kinds):
                raise error(
                    f"{_where(instance, attribute)} holds {names} values, got {shown(item)}"
                )

    return check


def optional(validator: _Validator) -> _Validator:
    """``validator``, or ``None``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


#: What ``to_tuple`` refuses to iterate: a text would be split into letters.
_TEXT_LIKE = (str, bytes, dict)


def to_tuple(value: Any, error: type[OneStopError]) -> tuple[Any, ...]:  # noqa: ANN401
    """``value`` as a tuple, from any iterable but text (a string is refused, not split).

    For converters: ``def _items(value): return to_tuple(value, DossierError)``.
    """
    kind = type(value)
    if kind is tuple:  # the common cases first: read from JSON, or built in code
        return value  # type: ignore[no-any-return]
    if kind is list:
        return tuple(value)
    if isinstance(value, _TEXT_LIKE) or not hasattr(value, "__iter__"):
        raise error(f"expected a list, got {shown(value)} (a text is never split into letters)")
    return tuple(value)


def is_storable(text: str) -> bool:
    """Whether every file, database and signer can hold ``text``: UTF-8 without NUL.

    A lone surrogate cannot be written as UTF-8 (SQLite, files, JSON out); PostgreSQL's
    text refuses NUL.
    """
    if "\x00" in text:
        return False
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def to_frozenset(value: Any, error: type[OneStopError]) -> frozenset[Any]:  # noqa: ANN401
    """``value`` as a frozenset, from any iterable but text; an unhashable item is refused.

    For converters of sets of enumeration members (roles, applicant groups): the field's
    validator then checks each member's type.
    """
    items = to_tuple(value, error)
    try:
        return frozenset(items)
    except TypeError:  # a list or dict inside is no member of any enumeration
        raise error(f"expected a set of values, got {shown(items)}") from None


def require(
    value: object, kind: type | tuple[type, ...], error: type[OneStopError], name: str
) -> None:
    """Raise ``error`` naming ``name`` when ``value`` is not a ``kind`` (for plain functions)."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise error(f"{name} must be a {names}, got {shown(value)}")
