"""A province's published list of boundary-free procedures.

Boundary-free: *không phụ thuộc vào địa giới hành chính*.

Since 1 July 2025 (Decree 118/2025/NĐ-CP Art. 14) every province publishes, by a
decision of its People's Committee, the procedures any of its one-stop departments
receives whatever the applicant's address: the department receives, checks, scans and
returns; the competent agency decides. Lists change by later decisions, so a list is
dated, names its decision, and a procedure is boundary-free on a day when a list in
force that day names it. A catalog holds the lists (:attr:`Catalog.boundary_free
<onestop.Catalog.boundary_free>`); a province plugin offers its own
(``onestop_boundary_free``).

References:
    * Decree 118/2025/NĐ-CP Art. 14–15 (reception regardless of administrative
      boundary within the province; the channels).
    * Official dispatch 220/CĐ-TTg of 18/11/2025 (every province's list; e.g. Hà Tĩnh
      1,737 of 2,157 procedures), and e.g. HCMC Decision 2449/QĐ-UBND (2,066 from
      20/11/2025).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._validators import text
from onestop.domain._validators import to_frozenset
from onestop.domain._validity import Validity
from onestop.domain.model._procedure import check_procedure_code
from onestop.exceptions import InvalidProcedureError

__all__ = ["BoundaryFreeList"]


def _codes(value: Any) -> frozenset[str]:  # noqa: ANN401 - converter input is open
    """Normalise to a frozenset of procedure codes, each checked."""
    if isinstance(value, str):
        raise InvalidProcedureError(
            f"a boundary-free list holds procedure codes, got the single text {shown(value)}"
        )
    codes = to_frozenset(value, InvalidProcedureError)
    for code in codes:
        check_procedure_code(code)
    return codes


def _day(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not date:
        raise InvalidProcedureError(
            f"BoundaryFreeList.{attribute.name} must be a date or None, got {shown(value)}"
        )


@attrs.frozen
class BoundaryFreeList:
    """The procedures a province's one-stop departments receive regardless of boundary.

    >>> from datetime import date
    >>> hcmc = BoundaryFreeList(
    ...     "Quyết định 2449/QĐ-UBND", {"1.001193", "2.000815"}, valid_from=date(2025, 11, 20)
    ... )
    >>> hcmc.covers("1.001193", date(2026, 3, 2)), hcmc.covers("1.001193", date(2025, 11, 1))
    (True, False)

    :param source: the decision that publishes the list, e.g. ``"Quyết định 2449/QĐ-UBND"``.
    :param procedures: the procedure codes it lists.
    :param valid_from: the first day the list applies (``None``: since the law, 1/7/2025).
    :param valid_until: the last day (``None``: until a later decision replaces it).
    :raises InvalidProcedureError: for a code that is not a procedure code, a list with
        no source, or dates that are not dates.

    .. versionadded:: 0.5
    """

    source: str = attrs.field(validator=text(InvalidProcedureError))
    procedures: frozenset[str] = attrs.field(converter=_codes)
    valid_from: date | None = attrs.field(default=None, validator=_day, kw_only=True)
    valid_until: date | None = attrs.field(default=None, validator=_day, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """The period does not end before it starts."""
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise InvalidProcedureError(
                f"the boundary-free list of {self.source} ends ({self.valid_until}) before it "
                f"starts ({self.valid_from})"
            )

    @property
    def validity(self) -> Validity:
        """The days the list is in force."""
        return Validity(self.valid_from, self.valid_until)

    def covers(self, code: str, on: date) -> bool:
        """Whether the list, in force on ``on``, names procedure ``code``.

        :raises InvalidProcedureError: when ``on`` is not a date.
        """
        if type(on) is not date:
            raise InvalidProcedureError(
                f"a boundary-free list is asked about a date, got {shown(on)}"
            )
        return code in self.procedures and self.validity.covers(on)
