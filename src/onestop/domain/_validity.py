"""When something is in force: one value for every dated rule, version and agency.

Procedures, agencies, rule sets, fee schedules, exemptions, reductions and process
definitions each carry ``valid_from`` and ``valid_until`` fields; their
``validity`` property is a :class:`Validity`, and ``x.validity.covers(day)`` is the
one way onestop asks whether ``x`` is in force on ``day``.
"""

from __future__ import annotations

from datetime import date

import attrs

from onestop._shown import shown
from onestop.exceptions import ValidityError

__all__ = ["Validity"]


def _day(_: object, attribute: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None and type(value) is not date:
        raise ValidityError(f"Validity.{attribute.name} must be a date or None, got {shown(value)}")


@attrs.frozen
class Validity:
    """The days from ``valid_from`` to ``valid_until``, both included.

    ``None`` leaves that end open: in force since always, or until further notice.

    >>> from datetime import date
    >>> Validity(date(2025, 7, 1)).covers(date(2026, 1, 5))
    True
    >>> str(Validity(date(2018, 6, 21), date(2025, 6, 30)))
    '2018-06-21..2025-06-30'

    :raises ValidityError: when an end is not a date, or it ends before it starts.

    .. versionadded:: 0.2
    """

    valid_from: date | None = attrs.field(default=None, validator=_day)
    valid_until: date | None = attrs.field(default=None, validator=_day)

    def __attrs_post_init__(self) -> None:
        """The period does not end before it starts."""
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidityError(
                f"a validity period ends ({self.valid_until}) before it starts ({self.valid_from})"
            )

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls within the period.

        :raises ValidityError: when ``day`` is not a date.
        """
        if not isinstance(day, date):
            raise ValidityError(f"a validity period is asked about a date, got {shown(day)}")
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def __str__(self) -> str:
        """``from..until``, with ``..`` on an open end."""
        start = self.valid_from.isoformat() if self.valid_from else ""
        end = self.valid_until.isoformat() if self.valid_until else "now"
        return f"{start}..{end}"
