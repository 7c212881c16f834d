"""Real fee schedules from the circulars and resolutions that set them, with their sources.

Values not confirmed against the text in force carry ``illustrative=True`` in their
legal basis.
Schedules are keyed by national procedure code; charges that belong to no single
one-stop procedure (contract certification, the registration fee on land and houses)
are keyed by a descriptive name instead, because no procedure code was found
for them.

References:
    * Circular 226/2016/TT-BTC Art. 4 (certification fees).
    * Decree 10/2022/NĐ-CP (registration fee, lệ phí trước bạ).
    * Nghị quyết 22/2024/NQ-HĐND of Đồng Nai (land certificate charges).
    * Circular 75/2022/TT-BTC (residence registration: 20,000 đ, 10,000 đ online;
      not checked against the text here, so marked illustrative).
"""

from __future__ import annotations

from datetime import date

from onestop.domain.model._procedure import Channel
from onestop.rules._fees import ApplicantGroup
from onestop.rules._fees import Choice
from onestop.rules._fees import Exemption
from onestop.rules._fees import FeeBook
from onestop.rules._fees import FeeLine
from onestop.rules._fees import FeeSchedule
from onestop.rules._fees import Flat
from onestop.rules._fees import LegalBasis
from onestop.rules._fees import Percentage
from onestop.rules._fees import PerUnit
from onestop.rules._fees import Reduction

__all__ = ["CONTRACT_CERTIFICATION", "LAND_REGISTRATION_FEE", "VIETNAM_FEES"]

#: Key of the contract-certification schedule (no national procedure code was found).
CONTRACT_CERTIFICATION = "contract-certification"
#: Key of the registration fee on land and houses (lệ phí trước bạ).
LAND_REGISTRATION_FEE = "registration-fee-land-and-houses"

_CIRCULAR_226 = LegalBasis("Circular 226/2016/TT-BTC", "Art. 4")
_FROM_2017 = date(2017, 1, 1)

_COPY_CERTIFICATION = FeeSchedule(
    "2.000815",
    [
        FeeLine(
            "Phí chứng thực bản sao từ bản chính",
            PerUnit("page", 1_000, first_units=2, first_price=2_000, cap=200_000, per="copy"),
            _CIRCULAR_226,
        )
    ],
    _FROM_2017,
)

_SIGNATURE_CERTIFICATION = FeeSchedule(
    "2.000884",
    [FeeLine("Phí chứng thực chữ ký", Flat(10_000), _CIRCULAR_226)],
    _FROM_2017,
)

_CONTRACTS = FeeSchedule(
    CONTRACT_CERTIFICATION,
    [
        FeeLine(
            "Phí chứng thực hợp đồng, giao dịch",
            Choice(
                "act",
                [
                    ("certify", Flat(50_000)),
                    ("amend_or_cancel", Flat(30_000)),
                    ("correct_errors", Flat(25_000)),
                ],
            ),
            LegalBasis("Circular 226/2016/TT-BTC", "Art. 4", illustrative=True),
        )
    ],
    _FROM_2017,
)

_COPY_FROM_REGISTER = FeeSchedule("2.000908", [], _FROM_2017)  # free of charge

_DONG_NAI_CERTIFICATE = LegalBasis("Nghị quyết 22/2024/NQ-HĐND (Đồng Nai)")
_LAND_CERTIFICATE = FeeSchedule(
    "1.013978",
    [
        FeeLine(
            "Phí thẩm định hồ sơ cấp Giấy chứng nhận",
            Choice(
                "certificate",
                [
                    ("land", Flat(880_000)),
                    ("assets", Flat(980_000)),
                    ("land_and_assets", Flat(1_250_000)),
                ],
            ),
            LegalBasis("Nghị quyết 21/2024/NQ-HĐND (Đồng Nai)"),
        ),
        FeeLine(
            "Lệ phí cấp Giấy chứng nhận",
            Choice(
                "applicant",
                [
                    (
                        "individual",
                        Choice(
                            "area",
                            [
                                (
                                    "ward",
                                    Choice(
                                        "certificate",
                                        [
                                            ("land", Flat(30_000)),
                                            ("land_and_assets", Flat(120_000)),
                                        ],
                                    ),
                                ),
                                (
                                    "commune",
                                    Choice(
                                        "certificate",
                                        [("land", Flat(15_000)), ("land_and_assets", Flat(60_000))],
                                    ),
                                ),
                            ],
                        ),
                    ),
                    ("organisation", Flat(100_000)),
                ],
            ),
            _DONG_NAI_CERTIFICATE,
        ),
    ],
    date(2025, 7, 1),
)

_REGISTRATION_FEE = FeeSchedule(
    LAND_REGISTRATION_FEE,
    [
        FeeLine(
            "Lệ phí trước bạ nhà, đất",
            Percentage("declared_value", "0.5", cap=500_000_000),
            LegalBasis("Decree 10/2022/NĐ-CP", illustrative=True),
        )
    ],
    date(2022, 3, 1),
)

_RESIDENCE_FEES = LegalBasis(
    "Circular 75/2022/TT-BTC (residence registration fees)", illustrative=True
)
_RESIDENCE = FeeSchedule(
    "1.004222",
    [FeeLine("Lệ phí đăng ký cư trú", Flat(20_000), _RESIDENCE_FEES)],
    date(2023, 1, 1),
)

_LATE_BIRTH_REGISTRATION = FeeSchedule(
    "1.001193",
    [
        FeeLine(
            "Lệ phí đăng ký khai sinh",
            Choice("registration", [("on_time", Flat(0)), ("late", Flat(8_000))]),
            LegalBasis("Nghị quyết 289/NQ-HĐND (one province's rate)", illustrative=True),
        )
    ],
    date(2020, 1, 1),
)

_CIVIL_STATUS_EXEMPTION = Exemption(
    groups={
        ApplicantGroup.MERITORIOUS_SERVICE,
        ApplicantGroup.POOR_HOUSEHOLD,
        ApplicantGroup.DISABILITY,
        ApplicantGroup.ETHNIC_MINORITY_HARDSHIP,
        ApplicantGroup.CHILD_UNDER_16,
    },
    basis=LegalBasis("Nghị quyết 289/NQ-HĐND; Circular 85/2019/TT-BTC", illustrative=True),
    valid_from=date(2020, 1, 1),
    procedures=("1.001193",),
)

_RESIDENCE_EXEMPTION = Exemption(
    groups={ApplicantGroup.MERITORIOUS_SERVICE, ApplicantGroup.POOR_HOUSEHOLD},
    basis=_RESIDENCE_FEES,
    valid_from=date(2023, 1, 1),
    procedures=("1.004222",),
)

# Online permanent-residence registration is charged 10,000 đ instead of 20,000 đ
# (the same circular's online rate, written here as a 50 % online reduction).
_ONLINE_RESIDENCE = Reduction(
    50,
    Channel.ONLINE,
    _RESIDENCE_FEES,
    valid_from=date(2023, 1, 1),
    procedures=("1.004222",),
)

_ONLINE_LAND = (
    Reduction(
        5,
        Channel.ONLINE,
        LegalBasis("Nghị quyết 21/2024/NQ-HĐND (Đồng Nai): 95 % online"),
        valid_from=date(2025, 7, 1),
        procedures=("1.013978",),
        lines=("Phí thẩm định hồ sơ cấp Giấy chứng nhận",),
    ),
    Reduction(
        100,
        Channel.ONLINE,
        _DONG_NAI_CERTIFICATE,
        valid_from=date(2025, 7, 1),
        procedures=("1.013978",),
        lines=("Lệ phí cấp Giấy chứng nhận",),
    ),
)

#: The schedules, exemptions and reductions above, in one book.
VIETNAM_FEES = FeeBook(
    schedules=[
        _COPY_CERTIFICATION,
        _SIGNATURE_CERTIFICATION,
        _CONTRACTS,
        _COPY_FROM_REGISTER,
        _LAND_CERTIFICATE,
        _REGISTRATION_FEE,
        _RESIDENCE,
        _LATE_BIRTH_REGISTRATION,
    ],
    exemptions=[_CIVIL_STATUS_EXEMPTION, _RESIDENCE_EXEMPTION],
    reductions=[_ONLINE_RESIDENCE, *_ONLINE_LAND],
)
