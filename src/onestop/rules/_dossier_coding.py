"""Which code a received dossier gets: Circular 01/2018's, or Circular 04/2025's.

Every dossier gets Circular 01/2018's code, headed by the receiving agency (the
reception point) and numbered by its daily counter, except a procedure the province
names as processed in a centralised national system: that one gets Circular 04/2025's
code, headed by the **resolving** agency's electronic ID code and the system owner's two
digits, numbered by the resolving agency's daily counter.

Whose code heads a boundary-free dossier that is not centrally processed is not known
(Circular 03/2025 Art. 13 cl. 1–2 was not read): the built-in coding keeps the
reception point's, as the national portal's records of 2025 show. A province that reads
it otherwise offers its own :class:`~onestop.DossierCoder` (``onestop_dossier_coder``).

One agency's daily counter numbers both forms, so no agency gives one running number
twice on one day, whichever form it heads.

References:
    * Circular 01/2018/TT-VPCP (the dossier code).
    * Circular 04/2025/TT-VPCP Art. 23 cl. 2, adding Circular 03/2025/TT-VPCP Art. 13
      cl. 3 (``MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain.model._agency import check_agency_code
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._dossier_code import check_identification_code
from onestop.domain.model._procedure import check_procedure_code
from onestop.exceptions import DossierError
from onestop.exceptions import UsageError

if TYPE_CHECKING:
    from datetime import date

    from onestop.domain.model._intake import Intake

__all__ = ["DossierCoding"]

_SYSTEM = re.compile(r"^\d{2}$")


def _centralised(value: Any) -> Mapping[str, str]:  # noqa: ANN401 - converter input is open
    """Procedure code → the system owner's two digits, each checked."""
    if not isinstance(value, Mapping):
        raise UsageError(
            f"DossierCoding.centralised maps procedure codes to two digits, got {shown(value)}"
        )
    checked = {}
    for code, system in value.items():
        check_procedure_code(code)
        if not isinstance(system, str) or not _SYSTEM.match(system):
            raise UsageError(
                f"DossierCoding.centralised[{code!r}] is two digits of the system owner's ID "
                f"code, got {shown(system)}"
            )
        checked[code] = system
    return MappingProxyType(checked)


def _identification(value: Any) -> Mapping[str, str]:  # noqa: ANN401 - converter input is open
    """QCVN agency code → electronic ID code, each checked."""
    if not isinstance(value, Mapping):
        raise UsageError(
            "DossierCoding.identification maps agency codes to electronic ID codes, got "
            f"{shown(value)}"
        )
    checked = {}
    for agency, code in value.items():
        check_agency_code(agency)
        check_identification_code(code)
        checked[agency] = code
    return MappingProxyType(checked)


@attrs.frozen(kw_only=True)
class DossierCoding:
    """The built-in :class:`~onestop.DossierCoder`.

    >>> from datetime import date
    >>> coding = DossierCoding(
    ...     centralised={"1.001612": "07"}, identification={"000.00.12.H38": "H38.012.05"}
    ... )
    >>> coding.centralised_in("1.001612"), coding.centralised_in("2.000986")
    ('07', None)

    :param centralised: the procedures processed in a centralised national system, by
        code, each with two digits of that system owner's ID code.
    :param identification: the resolving agencies' electronic ID codes, by their QCVN
        102:2016 codes (needed for each agency resolving a centralised procedure).
    :param source: where the province sets it.

    .. versionadded:: 0.5
    """

    centralised: Mapping[str, str] = attrs.field(factory=dict, converter=_centralised, hash=False)
    identification: Mapping[str, str] = attrs.field(
        factory=dict, converter=_identification, hash=False
    )
    source: str = "Circular 01/2018/TT-VPCP; Circular 04/2025/TT-VPCP Art. 23 cl. 2"

    def centralised_in(self, procedure: str) -> str | None:
        """The system owner's two digits if ``procedure`` is processed centrally, else ``None``."""
        return self.centralised.get(procedure)

    def series(self, intake: Intake) -> str:
        """The agency whose counter numbers the dossier: the resolving one for a central code."""
        if intake.terms.code in self.centralised:
            return intake.decided_by
        return intake.agency

    def code(self, intake: Intake, day: date, number: int) -> DossierCode:
        """The dossier's code.

        :raises DossierError: when a centralised procedure's resolving agency has no
            electronic ID code here.
        """
        system = self.centralised.get(intake.terms.code)
        if system is None:
            return DossierCode(intake.agency, day, number)
        resolving = intake.decided_by
        identification = self.identification.get(resolving)
        if identification is None:
            raise DossierError(
                f"procedure {intake.terms.code} is processed centrally (Circular 04/2025), but "
                f"its resolving agency {resolving} has no electronic ID code in the dossier "
                "coding; add it to DossierCoding.identification"
            )
        return DossierCode(identification, day, number, system)
