"""Numbers as Vietnamese text writes them: ``1.500 hồ sơ``, ``92,06 %``, ``10.000 đ``.

Vietnamese groups thousands with a dot and writes the decimal comma, with a space
before the percent sign (TCVN 6398-1, as administrative documents and the national
statistics write them). Every Vietnamese line onestop prints goes through here; JSON
and CSV keep machine numbers.
"""

from __future__ import annotations

from decimal import Decimal

from onestop._shown import shown
from onestop.exceptions import UsageError

__all__ = ["vi_count", "vi_decimal", "vi_percent"]


def vi_count(number: int) -> str:
    """``1500`` as ``"1.500"``.

    :raises UsageError: when ``number`` is not an int.
    """
    if type(number) is not int:
        raise UsageError(f"a count is an int, got {shown(number)}")
    return f"{number:,}".replace(",", ".")


def vi_decimal(value: str | Decimal | int) -> str:
    """A decimal number (``"1234.5"``) as ``"1.234,5"``, its digits kept as given.

    :raises UsageError: when ``value`` is not a decimal number.
    """
    try:
        number = Decimal(value) if not isinstance(value, bool) else None
    except (ArithmeticError, TypeError, ValueError):
        number = None
    if number is None or not number.is_finite():
        raise UsageError(f"a decimal number, got {shown(value)}")
    whole, _, decimals = f"{number:,f}".partition(".")
    return whole.replace(",", ".") + ("," + decimals if decimals else "")


def vi_percent(value: str | Decimal | None) -> str:
    """A percentage (``"92.06"``, as reports compute it) as ``"92,06 %"``; ``"—"`` for none.

    :raises UsageError: when ``value`` is not a decimal number.
    """
    return "—" if value is None else f"{vi_decimal(value)} %"
