"""A counter of a periodic report, defined once in the two languages it is counted in.

Each counter of the statistics table and of Decision 766's indicators is one
:class:`Counter`: its name, its condition over a projection row as SQL (what a SQL store
sums over millions of rows) and the same condition in Python (the reference every
store's SQL is checked against by the conformance kit). Both sit on one line of one
table, so the two readings cannot drift apart unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING
from typing import Protocol

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence

    from onestop.domain.model._procedure import Channel
    from onestop.domain.model._satisfaction import Satisfaction
    from onestop.domain.model._status import DossierStatus
    from onestop.domain.model._timeliness import Outcome

__all__ = ["CLOSED_IN", "RECEIVED_IN", "Counter", "Row", "sql_sums", "within"]

#: The SQL conditions "received in the period" and "closed in the period", which both
#: reports count with (``:first`` and ``:last`` are the period's ends).
RECEIVED_IN = "received_at BETWEEN :first AND :last"
CLOSED_IN = "closed_at BETWEEN :first AND :last"


class Row(Protocol):
    """What a counter reads of a dossier: its projection row (a store's summary)."""

    @property
    def agency(self) -> str:
        """The row's ``agency``."""
        ...

    @property
    def field(self) -> str | None:
        """The row's ``field``."""
        ...

    @property
    def status(self) -> DossierStatus:
        """The row's ``status``."""
        ...

    @property
    def channel(self) -> Channel:
        """The row's ``channel``."""
        ...

    @property
    def received_at(self) -> datetime | None:
        """The row's ``received_at``."""
        ...

    @property
    def due(self) -> datetime | None:
        """The row's ``due``."""
        ...

    @property
    def paused(self) -> bool:
        """The row's ``paused``."""
        ...

    @property
    def closed_at(self) -> datetime | None:
        """The row's ``closed_at``."""
        ...

    @property
    def outcome(self) -> Outcome | None:
        """The row's ``outcome``."""
        ...

    @property
    def digitised(self) -> bool:
        """The row's ``digitised``."""
        ...

    @property
    def result_digitised(self) -> bool:
        """The row's ``result_digitised``."""
        ...

    @property
    def payment_requests(self) -> int:
        """The row's ``payment_requests``."""
        ...

    @property
    def paid_online(self) -> bool:
        """The row's ``paid_online``."""
        ...

    @property
    def rating(self) -> Satisfaction | None:
        """The row's ``rating``."""
        ...

    @property
    def finished_at(self) -> datetime | None:
        """The row's ``finished_at``."""
        ...

    @property
    def indicator_on_time(self) -> bool | None:
        """The row's ``indicator_on_time``."""
        ...


@attrs.frozen
class Counter:
    """One counter: a name, its condition in SQL and the same condition in Python.

    :param name: the counter's name (a field of the report's row).
    :param sql: the condition over the ``dossiers`` projection, with ``:first`` and
        ``:last`` for the period's ends.
    :param counts: whether a row counts, given the period's ends and whether every
        event of the dossier has reached the portal.
    """

    name: str
    sql: str
    counts: Callable[[Row, datetime, datetime, bool], bool]


def within(moment: datetime | None, first: datetime, last: datetime) -> bool:
    """Whether ``moment`` is set and inside ``[first, last]``."""
    return moment is not None and first <= moment <= last


def sql_sums(counters: Sequence[Counter]) -> str:
    """The ``sum(CASE …)`` column of each counter, in order, for a ``SELECT``."""
    return ",\n    ".join(f"sum(CASE WHEN {c.sql} THEN 1 ELSE 0 END)" for c in counters)
