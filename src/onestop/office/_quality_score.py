"""Decision 766's computable indicators of an office's store.

The reading — counters, rates, groups, points — is ``onestop.rules._indicators``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._shown import shown
from onestop.exceptions import UsageError
from onestop.rules._indicators import QualityScore
from onestop.rules._indicators import score
from onestop.rules._statistics import check_period

if TYPE_CHECKING:
    from datetime import datetime

    from onestop.storage._contract import DossierStore

__all__ = ["quality_score"]


def quality_score(
    store: DossierStore, first: datetime, last: datetime, *, agency: str | None = None
) -> QualityScore:
    """The computable Decision 766 indicators of ``store`` from ``first`` to ``last``.

    The store counts (in SQL, for the SQL stores); :func:`onestop.rules.score`
    turns the counts into rates, groups and points.

    :param agency: one receiving agency's dossiers (default: every agency's).
    :raises UsageError: for a period out of order, a store that is not one, or an
        agency that is not text.
    """
    first, last = check_period(first, last)
    if not callable(getattr(store, "quality", None)):
        raise UsageError(f"store is a DossierStore, got {shown(store)}")
    if agency is not None and not isinstance(agency, str):
        raise UsageError(f"agency is an agency code or None, got {shown(agency)}")
    return score(store.quality(first, last), first, last, agency=agency)
