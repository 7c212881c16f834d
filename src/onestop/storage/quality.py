"""What Decision 766/QĐ-TTg's service-quality indicators count, per receiving agency.

A store counts these over its projection (:meth:`DossierStore.quality
<onestop.storage.contract.DossierStore.quality>`: one SQL query in the SQLite store);
:func:`quality_of` is the same count in Python, the reference every store is checked
against. :mod:`onestop.office.indicators` turns the counts into the indicators'
rates, groups and points.

For a period, a dossier counts:

* as *received* (and *received online*, *digitised* — scanned at reception, or
  submitted online and so electronic already — and *synced*, when every event of it
  has reached the national portal) when its receipt falls in the period;
* among the *fee dossiers* when it was received in the period and asked to pay, and
  *paid online* when it paid through the portal's payment platform;
* as *finished* when Decision 766's end of processing (resolved, rejected, returned,
  stopped or refused) falls in the period, and *finished on time* by the indicator's
  reading (:meth:`Dossier.indicator <onestop.domain.model.dossier.Dossier.indicator>`);
* among the *results* when resolved or rejected in the period, and *results digitised*
  when the result is a signed electronic document;
* as *rated* when it closed in the period and the applicant rated it, and *unsatisfied*
  when the rating was "không hài lòng".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from onestop.domain.model.procedure import Channel
from onestop.domain.model.satisfaction import Satisfaction
from onestop.exceptions import UsageError
from onestop.storage.statistics import check_period
from onestop.storage.summary import DossierSummary

if TYPE_CHECKING:
    from datetime import datetime

__all__ = ["QUALITY_COUNTERS", "QualityRow", "quality_of"]

#: The counters of a :class:`QualityRow`, in order.
QUALITY_COUNTERS = (
    "received",
    "received_online",
    "digitised",
    "synced",
    "fee_dossiers",
    "paid_online",
    "finished",
    "finished_on_time",
    "results",
    "results_digitised",
    "rated",
    "unsatisfied",
)


def _count(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 0:
        raise UsageError(f"QualityRow.{attribute.name} is a count (0 or more), got {value!r}")


@attrs.frozen(kw_only=True)
class QualityRow:
    """One receiving agency's counts for a period (see the module documentation).

    .. versionadded:: 0.3
    """

    agency: str = attrs.field(validator=attrs.validators.instance_of(str))
    received: int = attrs.field(default=0, validator=_count)
    received_online: int = attrs.field(default=0, validator=_count)
    digitised: int = attrs.field(default=0, validator=_count)
    synced: int = attrs.field(default=0, validator=_count)
    fee_dossiers: int = attrs.field(default=0, validator=_count)
    paid_online: int = attrs.field(default=0, validator=_count)
    finished: int = attrs.field(default=0, validator=_count)
    finished_on_time: int = attrs.field(default=0, validator=_count)
    results: int = attrs.field(default=0, validator=_count)
    results_digitised: int = attrs.field(default=0, validator=_count)
    rated: int = attrs.field(default=0, validator=_count)
    unsatisfied: int = attrs.field(default=0, validator=_count)


def _within(moment: datetime | None, first: datetime, last: datetime) -> bool:
    return moment is not None and first <= moment <= last


def _hits(summary: DossierSummary, synced: bool, first: datetime, last: datetime) -> list[str]:
    hits = []
    if _within(summary.received_at, first, last):
        hits.append("received")
        online = summary.channel is Channel.ONLINE
        hits += ["received_online"] * online + ["digitised"] * (online or summary.digitised)
        hits += ["synced"] * synced
        if summary.payment_requests:
            hits += ["fee_dossiers", *["paid_online"] * summary.paid_online]
    if _within(summary.finished_at, first, last) and summary.indicator_on_time is not None:
        hits += ["finished", *["finished_on_time"] * summary.indicator_on_time]
    if _within(summary.closed_at, first, last):
        if summary.outcome is not None:
            hits += ["results", *["results_digitised"] * summary.result_digitised]
        if summary.rating is not None:
            hits += ["rated", *["unsatisfied"] * (summary.rating is Satisfaction.UNSATISFIED)]
    return hits


def quality_of(
    summaries: Iterable[DossierSummary],
    first: datetime,
    last: datetime,
    *,
    unsynced: Iterable[str] = (),
) -> tuple[QualityRow, ...]:
    """The counts over ``summaries``, a row per receiving agency with anything counted.

    :param unsynced: the identities of dossiers with an event not yet delivered to the
        portal.
    :raises UsageError: for a period out of order or values that are not summaries.
    """
    first, last = check_period(first, last)
    if isinstance(summaries, str | bytes) or not isinstance(summaries, Iterable):
        raise UsageError(f"summaries is an iterable of DossierSummary, got {summaries!r}")
    if isinstance(unsynced, str | bytes) or not isinstance(unsynced, Iterable):
        raise UsageError(f"unsynced is an iterable of dossier ids, got {unsynced!r}")
    waiting = set(unsynced)
    counts: dict[str, dict[str, int]] = {}
    for summary in summaries:
        if not isinstance(summary, DossierSummary):
            raise UsageError(f"summaries holds DossierSummary values, got {summary!r}")
        hits = _hits(summary, summary.dossier_id not in waiting, first, last)
        if hits:
            row = counts.setdefault(summary.agency, dict.fromkeys(QUALITY_COUNTERS, 0))
            for hit in hits:
                row[hit] += 1
    return tuple(QualityRow(agency=agency, **counts[agency]) for agency in sorted(counts))
