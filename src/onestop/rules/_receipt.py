"""Receipt completeness: whether the components handed in let the desk receive a dossier.

A dossier is received only when every *required* component of the procedure was
handed in (names compared without case and surrounding spaces); what is missing is
listed in the words shown to the applicant, so the desk can hand back one complete
list at once. A province's own receipt checks (plugins) add their reasons to the same
list; the office refuses with all of them together.

References:
    * Decree 61/2018/NĐ-CP Art. 19 cl. 1 and Decree 118/2025/NĐ-CP (the desk checks
      the dossier's completeness and, when it is incomplete, guides the applicant once,
      fully, in writing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.domain.model._procedure import Requirement
from onestop.exceptions import ReceiptRefused

if TYPE_CHECKING:
    from collections.abc import Iterable

    from onestop.domain.model._procedure import Procedure

__all__ = ["missing_components", "refuse_unless_complete"]


def missing_components(procedure: Procedure, components: Iterable[str]) -> list[str]:
    """One problem per required component of ``procedure`` not among ``components``.

    .. versionadded:: 0.5
    """
    given = {name.strip().casefold() for name in components}
    return [
        f"Thiếu thành phần hồ sơ: {component.name}"
        for component in procedure.components
        if component.requirement is Requirement.REQUIRED
        and component.name.strip().casefold() not in given
    ]


def refuse_unless_complete(problems: Iterable[str]) -> None:
    """Raise :class:`ReceiptRefused` listing ``problems`` when there is any.

    .. versionadded:: 0.5
    """
    found = tuple(problems)
    if found:
        raise ReceiptRefused(
            f"hồ sơ chưa đủ điều kiện tiếp nhận: {'; '.join(found)}", problems=found
        )
