"""onestop's dossier model, catalog and import against what a developer would do instead.

Run with ``nox -s bench`` (or ``python benchmarks/bench_domain.py``). In one run:

* **apply** at 10, 100 and 1,000 events: ``Dossier.apply`` (folds one event into the
  state, O(1)) against rebuilding the dossier from its whole history after each event
  (what an event-sourced system does without a folded state);
* **deadline on pause-heavy histories** (one supplement request and answer per 2
  events): ``Dossier.deadline`` on a dossier (its clock built once per calendar),
  against replaying the history into a fresh ``Clock`` on every question (what the
  previous dossier did); and rebuilding the dossier from its stored events (every
  event validated and folded) plus its first deadline, against the same replay;
* **import time**: ``import onestop``, ``from onestop import Calendar, Duration`` and
  ``from onestop import Dossier, Catalog`` against ``import holidays``, each in a fresh
  interpreter, interpreter start-up subtracted;
* **catalog lookups** at 20 and 2,000 procedures, known and unknown codes:
  ``Catalog.get`` (an index) against a scan over the versions;
* **the JSON round trip** of dossiers (dossier → JSON text → dossier, with every
  event validated and the history folded) against plain ``json.dumps`` and
  ``json.loads`` of the same data.

Timings are wall-clock, best of ``--repeat`` runs; ratios are printed, nothing is
asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import time
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop import Actor
from onestop import Applicant
from onestop import Calendar
from onestop import Catalog
from onestop import Clock
from onestop import Dossier
from onestop import DossierCode
from onestop import Role
from onestop import vietnam_calendar
from onestop.catalogs import sample_catalog
from onestop.events import Supplemented
from onestop.events import SupplementRequested
from onestop.events import Transferred
from onestop.serialization import converter

if TYPE_CHECKING:
    from collections.abc import Callable

DESK = "000.00.12.H38"
CLERK = Actor("Cán bộ", {Role.RECEPTION_CLERK, Role.SPECIALIST}, DESK)
APPLICANT = Actor.applicant("Lê Thị B")
START = datetime(2026, 1, 5, 9)


def best_of(repeat: int, number: int, run: Callable[[], Any]) -> float:
    """Seconds per call: the fastest of ``repeat`` timings of ``number`` calls."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        for _ in range(number):
            run()
        best = min(best, (time.perf_counter() - began) / number)
    return best


def row(label: str, ours: float, theirs: float, peer: str) -> None:
    """One line: onestop's time, the peer's, and the ratio."""
    print(
        f"  {label:<38} onestop {ours * 1e6:10.2f} µs   {peer} {theirs * 1e6:12.2f} µs   "
        f"{theirs / ours:8.1f}×"
    )


def history(events: int) -> Dossier:
    """A received dossier with ``events`` events: supplements asked and answered."""
    procedure = sample_catalog().get("1.012787")
    dossier = Dossier.receive(
        procedure,
        Applicant("Lê Thị B"),
        agency=DESK,
        at=START,
        actor=CLERK,
        code=DossierCode(DESK, START.date(), 1),
        dossier_id="0" * 32,
    )
    at = START
    while len(dossier.events) < events:
        at += timedelta(hours=3)
        if len(dossier.events) % 2:
            dossier = dossier.apply(SupplementRequested(at=at, actor=CLERK, items=["bản sao"]))
        else:
            dossier = dossier.apply(Supplemented(at=at, actor=APPLICANT))
    return dossier


def next_event(dossier: Dossier) -> Any:
    """An event the dossier accepts next."""
    at = dossier.events[-1].at + timedelta(minutes=1)
    if dossier.status.value == 5:
        return Supplemented(at=at, actor=APPLICANT)
    return Transferred(at=at, actor=CLERK, to_agency="000.00.13.H38", step="appraisal")


def bench_apply(repeat: int) -> None:
    print("Dossier.apply: fold one event, against rebuilding from the whole history")
    for size in (10, 100, 1_000):
        dossier = history(size)
        event = next_event(dossier)
        events = dossier.events
        ours = best_of(repeat, 2_000, lambda d=dossier, e=event: d.apply(e))
        rebuild = best_of(
            repeat, 5 if size >= 1_000 else 50, lambda h=events, e=event: Dossier((*h, e))
        )
        row(f"apply at {size:,} events", ours, rebuild, "rebuild")


def replayed_deadline(dossier: Dossier, calendar: Calendar) -> datetime:
    """The deadline as the previous dossier computed it: replay the history into a clock."""
    terms = dossier.terms
    received = dossier.received_at
    assert received is not None  # noqa: S101 - a received dossier
    clock = Clock.start(
        calendar,
        received,
        terms.processing_time,
        policy=terms.deadline_policy,
        rule=terms.clock_rule,
    )
    for event in dossier.events[1:]:
        if isinstance(event, SupplementRequested):
            clock = clock.pause(event.at, event.kind)
        elif isinstance(event, Supplemented):
            clock = clock.resume(event.at)
    return clock.deadline()


def bench_deadline(repeat: int) -> None:
    print("Dossier.deadline on pause-heavy histories, against replaying into a new clock")
    calendar = vietnam_calendar()
    for size in (10, 100, 1_000):
        dossier = history(size)
        assert dossier.deadline(calendar) == replayed_deadline(dossier, calendar)  # noqa: S101
        ours = best_of(repeat, 200, lambda d=dossier: d.deadline(calendar))
        first = best_of(repeat, 20, lambda d=dossier: Dossier(d.events).deadline(calendar))
        theirs = best_of(repeat, 5, lambda d=dossier: replayed_deadline(d, calendar))
        row(f"deadline, {size:,} events", ours, theirs, "replay ")
        row(f"rebuild + deadline, {size:,} events", first, theirs, "replay ")


def import_seconds(statement: str, runs: int) -> float:
    """The fastest of ``runs`` fresh interpreters running ``statement``."""
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)  # noqa: S603
        best = min(best, time.perf_counter() - began)
    return best


def bench_import(repeat: int) -> None:
    runs = max(5, repeat * 3)
    print(f"Import time, fresh interpreters (best of {runs}, interpreter start-up subtracted)")
    bare = import_seconds("pass", runs)
    peer = import_seconds("import holidays", runs) - bare
    for statement in (
        "import onestop",
        "from onestop import Calendar, Duration",
        "from onestop import Dossier, Catalog",
    ):
        ours = import_seconds(statement, runs) - bare
        print(
            f"  {statement:<38} {ours * 1e3:7.1f} ms   import holidays {peer * 1e3:6.1f} ms   "
            f"{ours / peer:5.2f}× holidays"
        )


def big_catalog(size: int) -> Catalog:
    """``size`` procedure versions: the sample catalog's, copied under new codes."""
    sample = list(sample_catalog())
    procedures = [
        attrs.evolve(sample[i % len(sample)], code=f"9.{i:06d}", version=1) for i in range(size)
    ]
    return Catalog(procedures)


def scan(catalog: Catalog, code: str, on: date) -> Any:
    """What a caller writes without an index: a scan over every version."""
    return next((p for p in catalog.procedures if p.code == code and p.validity.covers(on)), None)


def bench_catalog(repeat: int) -> None:
    print("Catalog.get by index, against a scan over the versions")
    on = date(2026, 1, 5)
    for size in (20, 2_000):
        catalog = big_catalog(size)
        catalog.get("9.000000")  # the index is built once per catalog
        code = f"9.{size - 1:06d}"
        ours = best_of(repeat, 20_000, lambda c=catalog, k=code: c.get(k, on))
        theirs = best_of(repeat, 200, lambda c=catalog, k=code: scan(c, k, on))
        row(f"get, {size:,} procedures (last code)", ours, theirs, "scan   ")

        def unknown(c: Catalog = catalog) -> None:
            with contextlib.suppress(LookupError):
                c.get("8.888888", on)

        ours = best_of(repeat, 20_000, unknown)
        theirs = best_of(repeat, 200, lambda c=catalog: scan(c, "8.888888", on))
        row(f"get, {size:,} procedures (unknown code)", ours, theirs, "scan   ")


def bench_json(repeat: int) -> None:
    print("JSON round trip of dossiers, against plain json on the same data")
    for size in (10, 100):
        dossier = history(size)
        data = converter().unstructure(dossier)
        text = json.dumps(data, ensure_ascii=False)

        def ours(d: Dossier = dossier) -> Dossier:
            return converter().structure(
                json.loads(json.dumps(converter().unstructure(d), ensure_ascii=False)), Dossier
            )

        assert ours() == dossier  # noqa: S101 - the round trip is exact
        onestop_time = best_of(repeat, 50, ours)
        plain = best_of(
            repeat, 50, lambda d=data, t=text: (json.dumps(d, ensure_ascii=False), json.loads(t))
        )
        print(
            f"  round trip, {size:,} events                  onestop {onestop_time * 1e6:10.1f} µs"
            f"   plain json {plain * 1e6:10.1f} µs   {onestop_time / plain:5.2f}× plain json"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timings per measure (best kept)")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}; best of {args.repeat}\n")
    bench_apply(args.repeat)
    bench_deadline(args.repeat)
    bench_catalog(args.repeat)
    bench_json(args.repeat)
    bench_import(args.repeat)


if __name__ == "__main__":
    main()
