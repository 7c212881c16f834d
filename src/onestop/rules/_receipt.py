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

from collections.abc import Iterable
from datetime import date
from datetime import datetime

from onestop._shown import shown
from onestop.domain.model._agency import TWO_TIER_REFORM
from onestop.domain.model._agency import Level
from onestop.domain.model._procedure import Procedure
from onestop.domain.model._procedure import Requirement
from onestop.exceptions import ReceiptRefusedError
from onestop.exceptions import UsageError

__all__ = ["level_problems", "missing_components", "refuse_unless_complete"]


def missing_components(procedure: Procedure, components: Iterable[str]) -> list[str]:
    """One problem per required component of ``procedure`` not among ``components``.

    :raises UsageError: when ``procedure`` is not a Procedure or ``components`` not names.

    .. versionadded:: 0.5
    """
    if not isinstance(procedure, Procedure):
        raise UsageError(f"procedure is a Procedure, got {shown(procedure)}")
    if isinstance(components, str | bytes) or not isinstance(components, Iterable):
        raise UsageError(f"components is a list of component names, got {shown(components)}")
    names = list(components)
    if not all(isinstance(name, str) for name in names):
        raise UsageError(f"each component is a name, got {shown(names)}")
    given = {name.strip().casefold() for name in names}
    return [
        f"Thiếu thành phần hồ sơ: {component.name}"
        for component in procedure.components
        if component.requirement is Requirement.REQUIRED
        and component.name.strip().casefold() not in given
    ]


def level_problems(procedure: Procedure, on: date) -> list[str]:
    """Why ``procedure`` cannot be received on ``on`` at its level (empty: it can).

    The district level was abolished on 1 July 2025 (two-tier local government,
    Resolution 202/2025/QH15 and the Law on the Organisation of Local Government 2025):
    a district-level (cấp huyện) procedure receives no dossier from that day; its
    communes' or province's version does.

    :raises UsageError: when ``procedure`` is not a Procedure or ``on`` not a date.

    .. versionadded:: 0.5
    """
    if not isinstance(procedure, Procedure):
        raise UsageError(f"procedure is a Procedure, got {shown(procedure)}")
    if not isinstance(on, date) or isinstance(on, datetime):
        raise UsageError(f"on is a date, got {shown(on)}")
    if procedure.level is Level.DISTRICT and on >= TWO_TIER_REFORM:
        reason = (
            f"Thủ tục {procedure.code} là thủ tục cấp huyện: từ ngày 01/7/2025 không còn "
            "cấp huyện, hồ sơ được tiếp nhận theo thủ tục của cấp xã hoặc cấp tỉnh"
        )
        return [reason]
    return []


def refuse_unless_complete(problems: Iterable[str]) -> None:
    """Raise :class:`ReceiptRefusedError` listing ``problems`` when there is any.

    :raises UsageError: when ``problems`` is not a list of texts.

    .. versionadded:: 0.5
    """
    if isinstance(problems, str | bytes) or not isinstance(problems, Iterable):
        raise UsageError(f"problems is a list of reasons, got {shown(problems)}")
    found = tuple(problems)
    if not all(isinstance(problem, str) for problem in found):
        raise UsageError(f"each problem is a reason in words, got {shown(found)}")
    if found:
        raise ReceiptRefusedError(
            f"hồ sơ chưa đủ điều kiện tiếp nhận: {'; '.join(found)}", problems=found
        )
