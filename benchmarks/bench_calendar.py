"""onestop's working-time primitives against the tools a developer would pick instead.

Run with ``nox -s bench`` (or ``python benchmarks/bench_calendar.py`` with numpy and
pandas installed). The same random queries over 2016–2034 — add working days,
count working days between two dates, add working hours — go to:

* onestop (one call per query);
* numpy ``busday_offset`` / ``busday_count``, vectorised over all queries and one call
  per query, with the Vietnamese holidays from the ``holidays`` package;
* pandas ``CustomBusinessDay`` / ``CustomBusinessHour`` (08–12, 13–17), same holidays;
* ``holidays``' own ``get_nth_working_day`` / ``get_working_days_count``.

For each peer it prints microseconds per call, the ratio to onestop, and how many of
its answers differ from onestop's (onestop is checked against a slow reference in the
test suite; numpy and pandas cannot express make-up Saturdays, and none of the peers
has onestop's sourced amendments such as the 2/1 ↔ 10/1/2026 swap; pandas moves a
result that lands on a closing time to the next opening, 12:00 → 13:00 and 17:00 →
08:00 next day, where DESIGN.md keeps it at the closing time). Slow peers run
on a sample of the queries (the sample size is printed). Timings are wall-clock,
best of ``--repeat`` runs; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any

import holidays
import numpy as np
import pandas as pd

from onestop import vietnam_calendar

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Sequence

FIRST, LAST = date(2016, 1, 1), date(2034, 6, 30)


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds of the fastest of ``repeat`` runs, and its result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


class Table:
    """Rows of one benchmark, printed with ratios to the first (onestop) row."""

    def __init__(self, title: str, truth: Sequence[Any]) -> None:
        self.title = title
        self.truth = truth
        self.rows: list[tuple[str, float, int, int]] = []

    def add(self, name: str, seconds: float, answers: Sequence[Any]) -> None:
        wrong = sum(a != b for a, b in zip(answers, self.truth, strict=False))
        self.rows.append((name, seconds / len(answers) * 1e6, len(answers), wrong))

    def print(self) -> None:
        base = self.rows[0][1]
        print(f"\n{self.title}")
        print(
            f"  {'implementation':<44} {'µs/call':>9} {'× onestop':>10} {'sample':>8} {'wrong':>8}"
        )
        for name, micros, count, wrong in self.rows:
            share = f"{wrong / count:.1%}"
            print(f"  {name:<44} {micros:>9.3f} {micros / base:>10.1f} {count:>8} {share:>8}")


class Peers:
    """The calendars under test, built once outside the timings."""

    def __init__(self) -> None:
        self.cal = vietnam_calendar()
        self.cal.is_working_day(FIRST)  # build the index outside the timings
        self.vn = holidays.country_holidays("VN", years=range(2015, 2036))
        days_off = sorted(self.vn)
        self.busdaycal = np.busdaycalendar(weekmask="1111100", holidays=days_off)
        self.cbd = pd.offsets.CustomBusinessDay(holidays=days_off, weekmask="Mon Tue Wed Thu Fri")
        self.cbh = pd.offsets.CustomBusinessHour(
            start=["08:00", "13:00"],
            end=["12:00", "17:00"],
            holidays=days_off,
            weekmask="Mon Tue Wed Thu Fri",
        )


def bench_add_working_days(
    peers: Peers, starts: list[date], rng: random.Random, repeat: int
) -> None:
    """add_working_days against numpy, pandas and holidays."""
    cal, vn, busdaycal, cbd = peers.cal, peers.vn, peers.busdaycal, peers.cbd
    n = len(starts)
    steps = [rng.randrange(1, 61) for _ in range(n)]
    seconds, truth = best_of(
        repeat,
        lambda: [cal.add_working_days(d, k) for d, k in zip(starts, steps, strict=True)],
    )
    table = Table("add_working_days(d, n), n in 1..60", truth)
    table.add("onestop Calendar.add_working_days", seconds, truth)
    np_starts = np.array(starts, dtype="datetime64[D]")
    np_steps = np.array(steps)
    seconds, out = best_of(
        repeat,
        lambda: np.busday_offset(np_starts, np_steps, roll="backward", busdaycal=busdaycal),
    )
    table.add("numpy busday_offset, vectorised", seconds, out.astype(object).tolist())
    seconds, out = best_of(
        repeat,
        lambda: [
            np.busday_offset(d, k, roll="backward", busdaycal=busdaycal).astype(object)
            for d, k in zip(starts, steps, strict=True)
        ],
    )
    table.add("numpy busday_offset, one call per query", seconds, out)
    sample = min(n, 5_000)
    seconds, out = best_of(
        1,
        lambda: [
            (pd.Timestamp(d) + k * cbd).date() for d, k in zip(starts[:sample], steps, strict=False)
        ],
    )
    table.add("pandas CustomBusinessDay", seconds, out)
    sample = min(n, 3_000)
    seconds, out = best_of(
        1,
        lambda: [
            vn.get_nth_working_day(d, k) for d, k in zip(starts[:sample], steps, strict=False)
        ],
    )
    table.add("holidays get_nth_working_day", seconds, out)
    table.print()


def bench_working_days_between(
    peers: Peers, starts: list[date], rng: random.Random, repeat: int
) -> None:
    """working_days_between against numpy, pandas and holidays."""
    cal, vn, busdaycal, cbd = peers.cal, peers.vn, peers.busdaycal, peers.cbd
    n = len(starts)
    np_starts = np.array(starts, dtype="datetime64[D]")
    ends = [d + timedelta(days=rng.randrange(-120, 121)) for d in starts]
    seconds, truth = best_of(
        repeat,
        lambda: [cal.working_days_between(a, b) for a, b in zip(starts, ends, strict=True)],
    )
    table = Table("working_days_between(a, b), |b - a| <= 120 days", truth)
    table.add("onestop Calendar.working_days_between", seconds, truth)
    # busday_count counts [begin, end); for (a, b] count [a+1, b+1), and for b < a
    # count the other way round and negate (numpy's own negative counts differ).
    np_ends = np.array(ends, dtype="datetime64[D]")
    one = np.timedelta64(1, "D")

    def numpy_between_vectorised() -> Any:
        low, high = np.minimum(np_starts, np_ends), np.maximum(np_starts, np_ends)
        sign = np.where(np_ends < np_starts, -1, 1)
        return sign * np.busday_count(low + one, high + one, busdaycal=busdaycal)

    seconds, out = best_of(repeat, numpy_between_vectorised)
    table.add("numpy busday_count, vectorised", seconds, out.tolist())

    def numpy_between(a: date, b: date) -> int:
        low, high, sign = (a, b, 1) if a <= b else (b, a, -1)
        return sign * int(
            np.busday_count(low + timedelta(days=1), high + timedelta(days=1), busdaycal=busdaycal)
        )

    seconds, out = best_of(
        repeat, lambda: [numpy_between(a, b) for a, b in zip(starts, ends, strict=True)]
    )
    table.add("numpy busday_count, one call per query", seconds, out)

    def pandas_between(a: date, b: date) -> int:
        low, high, sign = (a, b, 1) if a <= b else (b, a, -1)
        return sign * len(pd.date_range(low + timedelta(days=1), high, freq=cbd))

    sample = min(n, 2_000)
    seconds, out = best_of(
        1, lambda: [pandas_between(a, b) for a, b in zip(starts[:sample], ends, strict=False)]
    )
    table.add("pandas date_range(freq=CustomBusinessDay)", seconds, out)

    def holidays_between(a: date, b: date) -> int:
        if a == b:
            return 0
        low, high, sign = (a, b, 1) if a < b else (b, a, -1)
        return sign * vn.get_working_days_count(low + timedelta(days=1), high)

    sample = min(n, 300)
    seconds, out = best_of(
        1, lambda: [holidays_between(a, b) for a, b in zip(starts[:sample], ends, strict=False)]
    )
    table.add("holidays get_working_days_count", seconds, out)
    table.print()


def bench_add_working_hours(
    peers: Peers, starts: list[date], rng: random.Random, repeat: int
) -> None:
    """add_working_hours against pandas CustomBusinessHour."""
    cal, cbh = peers.cal, peers.cbh
    n = len(starts)
    moments = [
        datetime.combine(d, datetime.min.time()) + timedelta(minutes=rng.randrange(8 * 60, 17 * 60))
        for d in starts
    ]
    moments = [
        cal.receipt_moment(m) for m in moments
    ]  # start inside office time, as pandas expects
    hours = [rng.randrange(1, 200) for _ in range(n)]
    seconds, truth = best_of(
        repeat,
        lambda: [cal.add_working_hours(m, h) for m, h in zip(moments, hours, strict=True)],
    )
    table = Table("add_working_hours(t, h), h in 1..199 hours, 08-12 + 13-17", truth)
    table.add("onestop Calendar.add_working_hours", seconds, truth)
    sample = min(n, 2_000)
    seconds, out = best_of(
        1,
        lambda: [
            (pd.Timestamp(m) + h * cbh).to_pydatetime()
            for m, h in zip(moments[:sample], hours, strict=False)
        ],
    )
    table.add("pandas CustomBusinessHour", seconds, out)
    table.print()


def main() -> None:
    """Run the three benchmarks on the same random start dates."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="queries per benchmark")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best kept)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    peers = Peers()
    print(
        f"onestop vs peers: {args.n:,} queries each over {FIRST}..{LAST}; numpy {np.__version__}, "
        f"pandas {pd.__version__}, holidays {holidays.__version__}"
    )
    span = (LAST - FIRST).days
    starts = [FIRST + timedelta(days=rng.randrange(span)) for _ in range(args.n)]
    bench_add_working_days(peers, starts, rng, args.repeat)
    bench_working_days_between(peers, starts, rng, args.repeat)
    bench_add_working_hours(peers, starts, rng, args.repeat)
    print("\nwrong = answers that differ from onestop's (see the module docstring for why).")


if __name__ == "__main__":
    main()
