"""How an error message names a value: its ``repr``, bounded (stdlib :mod:`reprlib`).

Callers send anything: a list nested a hundred thousand deep, a string of megabytes,
an integer of a million digits, an object whose ``__repr__`` fails. ``repr`` of the
first raises :class:`RecursionError`, of the third :class:`ValueError` (Python's limit
on integer-to-text conversion); the second makes a message nobody can read. Every
message of onestop's exceptions names the offending value with :func:`shown` instead,
so refusing bad input never fails itself and stays short.
"""

from __future__ import annotations

import reprlib

__all__ = ["shown"]


class _Bounded(reprlib.Repr):
    """``reprlib.Repr`` with roomier limits, and integers too long to print named by size."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 6
        self.maxtuple = self.maxlist = self.maxarray = 20
        self.maxdict = self.maxset = self.maxfrozenset = self.maxdeque = 20
        self.maxstring = 300
        self.maxlong = 60
        self.maxother = 300

    def repr_int(self, x: int, level: int) -> str:
        """The digits, cut in the middle past ``maxlong``; a size past Python's limit."""
        try:
            return super().repr_int(x, level)
        except ValueError:  # more digits than int→str converts (sys.get_int_max_str_digits)
            return f"<an integer of {x.bit_length()} bits>"


_BOUNDED = _Bounded()


def shown(value: object) -> str:
    """``repr(value)``, cut short where it is deep, long or fails.

    >>> shown("Hà Nội")
    "'Hà Nội'"
    >>> nested = []
    >>> for _ in range(100_000):
    ...     nested = [nested]
    >>> shown(nested)
    '[[[[[[[...]]]]]]]'
    >>> shown(10**5000)
    '<an integer of 16610 bits>'
    """
    return _BOUNDED.repr(value)
