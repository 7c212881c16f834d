"""Receipt completeness: whether the components handed in let the desk receive a dossier.

A dossier is received only when every *required* component of the procedure was
handed in (names compared without case and surrounding spaces); what is missing is
listed in the words shown to the applicant, so the desk can hand back one complete
list at once. A province's own receipt checks (plugins) add their reasons to the same
list; the office refuses with all of them together.

A dossier lodged away from its competent agency, or whose result is to be returned
elsewhere, is received only when the procedure is on a boundary-free list in force
that day (:func:`place_problems`).

References:
    * Decree 61/2018/NĐ-CP Art. 19 cl. 1 and Decree 118/2025/NĐ-CP (the desk checks
      the dossier's completeness and, when it is incomplete, guides the applicant once,
      fully, in writing).
    * Decree 118/2025/NĐ-CP Art. 14 (reception regardless of administrative boundary,
      for the procedures the province lists).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from datetime import datetime

from onestop._shown import shown
from onestop.domain.model._agency import TWO_TIER_REFORM
from onestop.domain.model._agency import Level
from onestop.domain.model._catalog import Catalog
from onestop.domain.model._procedure import Procedure
from onestop.domain.model._procedure import Requirement
from onestop.exceptions import ReceiptRefusedError
from onestop.exceptions import UsageError

__all__ = ["level_problems", "missing_components", "place_problems", "refuse_unless_complete"]


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


def place_problems(
    procedure: Procedure,
    catalog: Catalog,
    on: date,
    *,
    competent_agency: str | None,
    return_point: str | None,
) -> list[str]:
    """Why a dossier of ``procedure`` cannot be lodged or returned where asked (empty: it can).

    ``competent_agency`` and ``return_point`` are given when they are not the desk's own
    agency; either is allowed only for a procedure on one of ``catalog``'s boundary-free
    lists in force on ``on``.

    :raises UsageError: when ``procedure`` is not a Procedure, ``catalog`` not a Catalog
        or ``on`` not a date.

    .. versionadded:: 0.5
    """
    if not isinstance(procedure, Procedure):
        raise UsageError(f"procedure is a Procedure, got {shown(procedure)}")
    if not isinstance(catalog, Catalog):
        raise UsageError(f"catalog is a Catalog, got {shown(catalog)}")
    if not isinstance(on, date) or isinstance(on, datetime):
        raise UsageError(f"on is a date, got {shown(on)}")
    if competent_agency is None and return_point is None:
        return []
    if catalog.boundary_free_list(procedure.code, on) is not None:
        return []
    listed = (
        f"Thủ tục {procedure.code} không thuộc danh mục thủ tục hành chính tiếp nhận không "
        f"phụ thuộc vào địa giới hành chính ngày {on:%d/%m/%Y}"
    )
    problems = []
    if competent_agency is not None:
        problems.append(f"{listed}: nộp hồ sơ tại cơ quan có thẩm quyền {competent_agency}")
    if return_point is not None:
        problems.append(f"{listed}: nhận kết quả tại nơi nộp hồ sơ, không tại {return_point}")
    return problems


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
