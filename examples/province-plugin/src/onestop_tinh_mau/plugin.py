"""Tỉnh Mẫu's hook implementations: what this province adds to the national core.

Every value here is illustrative, with the kind of source a real province cites.
"""

from __future__ import annotations

import json
import os
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from onestop.catalogs import catalog_from_json
from onestop.fees import FeeBook
from onestop.fees import FeeLine
from onestop.fees import FeeSchedule
from onestop.fees import Flat
from onestop.fees import LegalBasis
from onestop.plugins import hookimpl

if TYPE_CHECKING:
    from onestop import Calendar
    from onestop import Procedure

#: The provincial council resolution the example fees cite (illustrative).
RESOLUTION = LegalBasis("Nghị quyết 99/2026/NQ-HĐND Tỉnh Mẫu", "Điều 2", illustrative=True)


@hookimpl
def onestop_calendar(calendar: Calendar) -> Calendar:
    """A provincial day off, and summer and winter office hours."""
    calendar = calendar.with_days_off(
        [date(2026, 10, 15), date(2027, 10, 15)],
        name="Tỉnh Mẫu Day",
        name_vi="Ngày thành lập Tỉnh Mẫu",
        source="Quyết định 1/QĐ-UBND Tỉnh Mẫu (illustrative)",
    )
    calendar = calendar.with_season((4, 1), (10, 31), "07:00-11:30, 13:30-17:00", name="Mùa hè")
    return calendar.with_season((11, 1), (3, 31), "07:30-12:00, 13:00-16:30", name="Mùa đông")


@hookimpl
def onestop_procedures() -> tuple[Procedure, ...]:
    """The province's own procedures."""
    text = resources.files(__package__).joinpath("catalog.json").read_text(encoding="utf-8")
    return catalog_from_json(text).procedures


@hookimpl
def onestop_fee_book() -> FeeBook:
    """The province's residence-registration fee replaces the national schedule.

    The national online reduction (50 %) still applies: it is national law.
    """
    schedule = FeeSchedule(
        "1.004222",
        (FeeLine("Lệ phí đăng ký cư trú", Flat(15_000), RESOLUTION),),
        date(2023, 1, 1),
    )
    return FeeBook((schedule,))


@hookimpl
def onestop_dossier_event(dossier, event) -> None:  # noqa: ANN001 - documented by the hookspec
    """Text the applicant at receipt and when the result is ready."""
    if event.kind not in {"received", "resolved"} or dossier.applicant.phone is None:
        return
    done = "da duoc tiep nhan" if event.kind == "received" else "da co ket qua"
    text = f"Ho so {dossier.code} {done}. Tra cuu: onestop lookup {dossier.code}"
    log = os.environ.get("TINH_MAU_SMS_LOG")
    if log:
        with Path(log).open("a", encoding="utf-8") as sms:
            sms.write(json.dumps({"to": dossier.applicant.phone, "text": text}) + "\n")
