"""Fees and charges, one dot away: ``from onestop.fees import FeeBook, Flat, assess``.

The rules themselves live in ``onestop.rules._fees``; national schedules in
``onestop.national._fee_schedules``.
"""

from onestop.rules._fees import (
    ApplicantGroup,
    AssessedLine,
    Assessment,
    Band,
    Choice,
    Exemption,
    Facts,
    FeeBook,
    FeeLine,
    FeeRule,
    FeeSchedule,
    Flat,
    LegalBasis,
    Percentage,
    PerUnit,
    Reduction,
    Sum,
    Tiered,
    TierMode,
    assess,
    round_half_up,
)

__all__ = [
    "ApplicantGroup",
    "AssessedLine",
    "Assessment",
    "Band",
    "Choice",
    "Exemption",
    "Facts",
    "FeeBook",
    "FeeLine",
    "FeeRule",
    "FeeSchedule",
    "Flat",
    "LegalBasis",
    "PerUnit",
    "Percentage",
    "Reduction",
    "Sum",
    "TierMode",
    "Tiered",
    "assess",
    "round_half_up",
]
