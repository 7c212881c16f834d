"""attrs validators that fail with onestop's own exceptions, not a bare TypeError."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import attrs

    from onestop.exceptions import OneStopError


def typed(kind: type, error: type[OneStopError]) -> Any:  # noqa: ANN401 - an attrs validator
    """A validator raising ``error``, naming the field, when a value is not a ``kind``.

    ``True`` and ``False`` are refused where an ``int`` is asked for.
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise error(
                f"{type(instance).__name__}.{attribute.name} must be of type {kind.__name__}, "
                f"got {value!r}"
            )

    return check
