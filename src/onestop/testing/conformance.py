"""The conformance kit: checks a province runs against its own plugins.

A province that writes its own store (or signer, or portal adapter) proves it keeps
onestop's contract by running these checks on it; the built-in ones pass them in
onestop's own tests. Each check is a plain function, so the kit runs under any test
runner::

    from onestop.testing.conformance import check_store

    def test_my_store_keeps_the_contract(tmp_path):
        report = check_store(lambda: MyStore(tmp_path / "new.db"))
        assert report.ok, report

or, one pytest test per check::

    @pytest.mark.parametrize("check", STORE_CHECKS, ids=lambda check: check.__name__)
    def test_store(check, tmp_path): check(MyStore(tmp_path / "new.db"))

A check raises :class:`ConformanceFailure` naming what the plugin did wrong. Store
checks take a new empty store each; signer checks take the signer (the
``signing`` extra must be installed: they forge signatures with another key); portal
checks take a stand-in national portal on loopback and an adapter pointed at it
(:func:`check_portal`), for adapters that speak the national portal's shape.
"""

from __future__ import annotations

import functools
import threading
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any
from typing import TypeVar
from typing import cast

import attrs

from onestop._shown import shown
from onestop.catalogs import sample_catalog
from onestop.domain.model._actor import Actor
from onestop.domain.model._actor import Role
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._events import Paid
from onestop.domain.model._events import Rated
from onestop.domain.model._events import Received
from onestop.domain.model._events import Refused
from onestop.domain.model._events import Resolved
from onestop.domain.model._intake import Intake
from onestop.domain.model._procedure import Channel
from onestop.domain.model._satisfaction import Satisfaction
from onestop.domain.model._status import TRANSITIONS
from onestop.domain.model._status import DossierStatus
from onestop.exceptions import ConcurrencyError
from onestop.exceptions import DossierError
from onestop.exceptions import OneStopError
from onestop.exceptions import PortalError
from onestop.exceptions import SignatureError
from onestop.exceptions import StorageError
from onestop.exceptions import UnknownDossierError
from onestop.exceptions import UsageError
from onestop.portal._contract import PortalAdapter
from onestop.rules._indicators import quality_of
from onestop.rules._statistics import statistics_of
from onestop.signing._contract import SignatureInfo
from onestop.signing._contract import Signer
from onestop.storage._checkpoint_file import checkpoints_from_json
from onestop.storage._checkpoint_file import checkpoints_to_json
from onestop.storage._contract import DossierStore
from onestop.storage._store_values import DossierQuery
from onestop.storage._summary import summarize
from onestop.testing.portal import StandInPortal
from onestop.testing.strategies import OTHER_AGENCY
from onestop.testing.strategies import RECEIVING_AGENCY
from onestop.testing.strategies import event_for

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Iterable

_P = TypeVar("_P")
_Check = TypeVar("_Check", bound="Callable[..., None]")


def _on(*contracts: type) -> Callable[[_Check], _Check]:
    """Mark a check of plugins of ``contracts``: called with anything else, UsageError."""

    def decorate(check: _Check) -> _Check:
        @functools.wraps(check)
        def run(*plugins: Any) -> None:  # noqa: ANN401 - the plugins under check
            for plugin, contract in zip(plugins, contracts, strict=False):
                if not isinstance(plugin, contract):
                    raise UsageError(
                        f"{check.__name__} checks a {contract.__name__}, got {shown(plugin)}"
                    )
            check(*plugins)

        return cast("_Check", run)

    return decorate


def _factory(factory: object) -> None:
    if not callable(factory):
        raise UsageError(f"the factory makes a new plugin when called, got {shown(factory)}")


__all__ = [
    "PORTAL_CHECKS",
    "SIGNER_CHECKS",
    "STORE_CHECKS",
    "ConformanceFailure",
    "ConformanceReport",
    "check_changed_payload_fails",
    "check_changed_signature_fails",
    "check_claims",
    "check_delivers_in_order",
    "check_down_portal_is_a_portal_error",
    "check_expired_session_recovers",
    "check_import",
    "check_numbered_appends",
    "check_other_signer_refused",
    "check_outbox",
    "check_portal",
    "check_projection",
    "check_quality",
    "check_queries",
    "check_refused_events",
    "check_repeats_carry_the_key",
    "check_round_trip",
    "check_sequences",
    "check_signature_verifies",
    "check_signer",
    "check_stale_version",
    "check_statistics",
    "check_store",
    "check_tamper_evidence",
    "check_unique_codes",
    "check_wait",
    "sample_dossiers",
]


class ConformanceFailure(AssertionError):  # noqa: N818 - a failed check, as pytest's
    """A plugin broke its contract; the message says how."""


@attrs.frozen
class ConformanceReport:
    """What a run of the kit found.

    :param passed: the names of the checks that passed.
    :param failures: ``(check name, message)`` for each that failed.
    """

    passed: tuple[str, ...]
    failures: tuple[tuple[str, str], ...]

    @property
    def ok(self) -> bool:
        """Whether every check passed."""
        return not self.failures

    def __str__(self) -> str:
        """One line per failure (or a line saying all passed)."""
        if self.ok:
            return f"all {len(self.passed)} checks passed"
        return "\n".join(f"{name}: {message}" for name, message in self.failures)


def _expect(condition: object, message: str) -> None:
    if not condition:
        raise ConformanceFailure(message)


def _raises(kind: type[BaseException], call: Callable[[], object], what: str) -> BaseException:
    try:
        call()
    except kind as error:
        return error
    except Exception as error:  # noqa: BLE001 - the check reports whatever else came out
        raise ConformanceFailure(f"{what}: raised {type(error).__name__}: {error}") from None
    raise ConformanceFailure(f"{what}: did not raise {kind.__name__}")


_START = datetime(2026, 3, 2, 9)  # a Monday
_DESK = Actor("Cán bộ một cửa", {Role.RECEPTION_CLERK}, RECEIVING_AGENCY)
_APPLICANT = Actor.applicant("Người nộp hồ sơ")


def sample_dossiers(count: int = 12, start: datetime = _START, first: int = 0) -> list[Dossier]:
    """Varied dossiers for checking a store: statuses, channels, procedures and days differ.

    Deterministic: the same arguments give the same dossiers (identities included);
    dossiers are numbered from ``first`` (the number gives the id, the code and the day).

    :raises UsageError: unless ``count`` is an int in 0..10,000, ``start`` a datetime
        and ``first`` an int in 0..999,999.
    """
    if type(count) is not int or not 0 <= count <= 10_000:
        raise UsageError(f"count is an int in 0..10,000, got {shown(count)}")
    if not isinstance(start, datetime):
        raise UsageError(f"start is a datetime, got {shown(start)}")
    if type(first) is not int or not 0 <= first < 1_000_000:
        raise UsageError(f"first is an int in 0..999,999, got {shown(first)}")
    catalog = sample_catalog()
    procedures = [catalog.get(code) for code in ("1.012787", "1.004222", "1.001612")]
    endings: list[list[str]] = [
        [],
        ["transferred"],
        ["transferred", "resolved"],
        ["supplement_requested"],
        ["supplement_requested", "supplemented", "resolved", "returned"],
        ["payment_requested", "paid"],
        ["withdrawn"],
        ["transferred", "stopped"],
    ]
    made = []
    for number in range(first, first + count):
        procedure = procedures[number % len(procedures)]
        channel = procedure.channels[number % len(procedure.channels)]
        at = start + timedelta(days=number // 3 % 1000, hours=number % 3)
        intake = Intake(
            dossier_id=f"{number:032x}",
            agency=RECEIVING_AGENCY,
            channel=channel,
            applicant=Applicant(f"Người nộp {number}"),
            terms=procedure.terms(channel),
        )
        code = DossierCode(RECEIVING_AGENCY, at.date(), number + 1)
        dossier = Dossier([Received(at=at, actor=_DESK, code=code, intake=intake)])
        for kind in endings[number % len(endings)]:
            at += timedelta(hours=2)
            dossier = dossier.apply(event_for(kind, at, dossier))
        made.append(dossier)
    return made


def _store_all(store: DossierStore, dossiers: list[Dossier]) -> None:
    for dossier in dossiers:
        events = dossier.events
        stored = store.append(None, 0, events[:1])
        if len(events) > 1:
            store.append(stored, 1, events[1:])


@_on(DossierStore)
def check_round_trip(store: DossierStore) -> None:
    """What is appended loads back equal, by id and by code, at the right version."""
    dossiers = sample_dossiers()
    _store_all(store, dossiers)
    for dossier in dossiers:
        _expect(store.load(dossier.id) == dossier, f"{dossier.id} does not load back equal")
        _expect(
            store.version(dossier.id) == len(dossier),
            f"{dossier.id} is at version {store.version(dossier.id)}, not {len(dossier)}",
        )
        _expect(store.find(str(dossier.code)) == dossier, f"{dossier.code} is not found by code")
    _expect(store.version("f" * 32) == 0, "an unknown dossier is not at version 0")
    _raises(UnknownDossierError, lambda: store.load("f" * 32), "loading an unknown id")
    _raises(UnknownDossierError, lambda: store.find("000.00.12.H38-990101-0001"), "an unknown code")


@_on(DossierStore)
def check_stale_version(store: DossierStore) -> None:
    """A stale expected version raises ConcurrencyError and stores nothing."""
    dossier = sample_dossiers(1)[0]
    stored = store.append(None, 0, dossier.events)
    event = event_for("transferred", dossier.events[-1].at + timedelta(hours=1), stored)
    store.append(stored, len(stored), [event])
    error = _raises(
        ConcurrencyError,
        lambda: store.append(stored, len(stored), [event]),
        "appending at a version already taken",
    )
    _expect(
        isinstance(error, ConcurrencyError) and error.actual == len(stored) + 1,
        f"the concurrency error does not report the stored version: {error}",
    )
    _raises(ConcurrencyError, lambda: store.append(None, 0, dossier.events[:1]), "a second start")
    _expect(store.version(dossier.id) == len(stored) + 1, "a refused append changed the version")


@_on(DossierStore)
def check_refused_events(store: DossierStore) -> None:
    """Events that do not follow are refused by the domain; nothing is stored."""
    dossier = sample_dossiers(1)[0]
    stored = store.append(None, 0, dossier.events)
    late = dossier.events[-1].at + timedelta(hours=1)
    bad = [event_for("transferred", late, stored), event_for("supplemented", late, stored)]
    _raises(DossierError, lambda: store.append(stored, len(stored), bad), "an impossible event")
    _expect(store.load(dossier.id) == stored, "part of a refused append was stored")
    _expect(len(store.outbox()) == len(stored), "a refused append left outbox messages")


@_on(DossierStore)
def check_projection(store: DossierStore) -> None:
    """Each summary is the dossier's projection on the store's calendar."""
    dossiers = sample_dossiers()
    _store_all(store, dossiers)
    calendar = getattr(store, "calendar", None)
    for dossier in dossiers:
        summary = store.summary(dossier.id)
        if calendar is not None:
            expected = summarize(dossier, len(dossier), calendar)
            _expect(summary == expected, f"{dossier.id}: summary {summary} is not {expected}")
        _expect(summary.status is dossier.status, f"{dossier.id}: wrong status in the projection")


@_on(DossierStore)
def check_queries(store: DossierStore) -> None:
    """Queries agree with DossierQuery.matches; pages cover every match exactly once."""
    dossiers = sample_dossiers(20)
    _store_all(store, dossiers)
    summaries = [store.summary(d.id) for d in dossiers]
    first, last = _START, _START + timedelta(days=3)
    queries = [
        DossierQuery(),
        DossierQuery(status=DossierStatus.PROCESSING),
        DossierQuery(status=DossierStatus.RETURNED),
        DossierQuery(agency=RECEIVING_AGENCY),
        DossierQuery(holder=OTHER_AGENCY),
        DossierQuery(procedure="1.004222"),
        DossierQuery(channel=Channel.ONLINE),
        DossierQuery(received=(first, last)),
        DossierQuery(due=(first, last + timedelta(days=30))),
        DossierQuery(overdue_at=_START + timedelta(days=20)),
        DossierQuery(channel=Channel.IN_PERSON, procedure="1.012787"),
    ]
    for query in queries:
        expected = [s.dossier_id for s in summaries if query.matches(s)]
        _expect(store.count(query) == len(expected), f"count({query}) is not {len(expected)}")
        for limit in (1, 3, 100):
            found: list[str] = []
            page = store.query(attrs.evolve(query, limit=limit))
            found.extend(s.dossier_id for s in page.items)
            while page.next is not None:
                page = store.query(attrs.evolve(query, limit=limit, after=page.next))
                _expect(page.items, f"{query}: a page cursor led to an empty page")
                found.extend(s.dossier_id for s in page.items)
            _expect(found == expected, f"{query} with limit {limit} listed {found}, not {expected}")


@_on(DossierStore)
def check_outbox(store: DossierStore) -> None:
    """One message per event; in order per dossier; delivery and backoff."""
    dossiers = sample_dossiers(4)
    _store_all(store, dossiers)
    messages = store.outbox()
    _expect(len(messages) == sum(len(d) for d in dossiers), "not one outbox message per event")
    keys = [m.key for m in messages]
    _expect(len(set(keys)) == len(keys), "two outbox messages share an idempotency key")
    now = _START + timedelta(days=60)
    ready = store.pending(now)
    _expect(
        sorted(m.dossier_id for m in ready) == sorted(d.id for d in dossiers)
        and all(m.version == 1 for m in ready),
        "pending() does not offer exactly each dossier's oldest message",
    )
    first = ready[0]
    store.failed(first.id, "portal down", now + timedelta(minutes=5))
    later = store.pending(now)
    _expect(
        first.dossier_id not in {m.dossier_id for m in later}, "a failed message is retried early"
    )
    retried = [m for m in store.pending(now + timedelta(minutes=5)) if m.id == first.id]
    _expect(
        retried and retried[0].attempts == 1, "a failed message is not offered after its backoff"
    )
    _expect(retried[0].last_error == "portal down", "the failure's message is not kept")
    store.delivered(first.id, now)
    store.delivered(first.id, now)  # twice is harmless
    following = [m for m in store.pending(now) if m.dossier_id == first.dossier_id]
    dossier = next(d for d in dossiers if d.id == first.dossier_id)
    if len(dossier) > 1:
        _expect(following and following[0].version == 2, "delivery does not advance the dossier")
    _expect(
        len(store.outbox()) == len(messages) - 1
        and len(store.outbox(include_delivered=True)) == len(messages),
        "outbox() does not separate delivered messages",
    )
    for message in store.outbox(include_delivered=True):
        event = _dossier_event(store, message.dossier_id, message.version)
        _expect(message.kind == event.kind, f"message {message.key} names the wrong kind")


@_on(DossierStore)
def check_claims(store: DossierStore) -> None:
    """Claims take what is ready and hold it from other workers until its end.

    A hold ends with delivery, a recorded failure or the lease; a worker under its old
    name takes back what it holds.
    """
    dossiers = sample_dossiers(4)
    _store_all(store, dossiers)
    now, lease = _START + timedelta(days=60), timedelta(minutes=10)
    ready = [m.id for m in store.pending(now, 2)]
    first = store.claim(now, "a", lease, 2)
    _expect(
        [m.id for m in first] == ready and len(ready) == 2,
        f"claim(limit=2) took {[m.id for m in first]}, not the two ready messages {ready}",
    )
    _expect(
        all(m.claimed_by == "a" and m.claimed_until == now + lease for m in first),
        "a claimed message does not name its worker and the end of its lease",
    )
    held = {m.id for m in first}
    _expect(
        not held & {m.id for m in store.pending(now)}, "a held message is still offered as ready"
    )
    second = store.claim(now, "b", lease)
    _expect(
        len(second) == 2 and not held & {m.id for m in second},
        "a second worker's claim did not take exactly the other dossiers' heads",
    )
    _expect(not store.claim(now, "c", lease), "a third worker took messages others hold")
    again = store.claim(now, "a", lease)
    _expect(
        {m.id for m in again} == held,
        "a worker under its old name (restarted) cannot take back what it held",
    )
    delivered, failing = first
    store.delivered(delivered.id, now)
    following = [m for m in store.claim(now, "c", lease) if m.dossier_id == delivered.dossier_id]
    dossier = next(d for d in dossiers if d.id == delivered.dossier_id)
    if len(dossier) > 1:
        _expect(
            following and following[0].version == delivered.version + 1,
            "a delivery does not make its dossier's next message claimable",
        )
    store.failed(failing.id, "portal down", now + timedelta(minutes=1))
    _expect(
        failing.id not in {m.id for m in store.claim(now, "c", lease)},
        "a failed message is claimable before its backoff",
    )
    retried = store.claim(now + timedelta(minutes=1), "c", lease)
    _expect(failing.id in {m.id for m in retried}, "a failure does not end the hold")
    expired = store.claim(now + lease, "d", lease)
    _expect(
        {m.id for m in second} <= {m.id for m in expired},
        "a message is still held after its worker's lease ran out",
    )
    bad_claims: list[tuple[object, object]] = [("", lease), ("a", timedelta(0)), (None, lease)]
    for worker, bad_lease in [*bad_claims, ("a", 60)]:
        _raises(
            UsageError,
            functools.partial(store.claim, now, worker, bad_lease),  # type: ignore[arg-type]
            f"claim by {shown(worker)} for {shown(bad_lease)}",
        )
    _raises(UsageError, lambda: store.claim(now, "a", lease, 0), "claim with limit 0")


@_on(DossierStore)
def check_wait(store: DossierStore) -> None:
    """``wait`` times out when nothing is stored and wakes when a message is."""
    _expect(store.wait(0) is False, "wait(0) on an idle store did not answer False")
    for bad in (-1, "1", None, float("nan")):
        _raises(UsageError, functools.partial(store.wait, bad), f"wait({shown(bad)})")  # type: ignore[arg-type]
    woken: list[bool] = []
    waiter = threading.Thread(target=lambda: woken.append(store.wait(60)), daemon=True)
    waiter.start()
    for dossier in sample_dossiers(40):  # append until the waiter has seen one
        store.append(None, 0, dossier.events[:1])
        waiter.join(0.05)
        if not waiter.is_alive():
            break
    waiter.join(60)
    _expect(woken == [True], "an append did not wake a waiting worker")


def _dossier_event(store: DossierStore, dossier_id: str, version: int) -> Any:  # noqa: ANN401
    """The event at ``version`` (from 1) of a stored dossier."""
    return store.load(dossier_id).events[version - 1]


@_on(DossierStore)
def check_sequences(store: DossierStore) -> None:
    """Running numbers count from 1 per agency and day, never repeating."""
    day, other_day = _START, _START + timedelta(days=1)
    numbers = [store.next_sequence(RECEIVING_AGENCY, day) for _ in range(3)]
    _expect(numbers == [1, 2, 3], f"running numbers went {numbers}, not [1, 2, 3]")
    _expect(store.next_sequence(OTHER_AGENCY, day) == 1, "agencies share a running number")
    _expect(store.next_sequence(RECEIVING_AGENCY, other_day) == 1, "days share a running number")
    _raises(OneStopError, lambda: store.next_sequence("not an agency", day), "a bad agency code")


@_on(DossierStore)
def check_numbered_appends(store: DossierStore) -> None:
    """A numbered append takes its number in its own transaction: a failed one leaves no gap."""
    first, second, third = sample_dossiers(3)

    def numbered(dossier: Dossier) -> Callable[[int], list[Any]]:
        received = dossier.events[0]
        if not isinstance(received, Received):  # pragma: no cover - the samples are received
            raise TypeError(received)
        return lambda number: [
            attrs.evolve(received, code=DossierCode(RECEIVING_AGENCY, _START.date(), number))
        ]

    stored = store.append_numbered(None, 0, RECEIVING_AGENCY, _START, numbered(first))
    _expect(stored.code is not None and stored.code.sequence == 1, f"numbered {stored.code}")
    _expect(store.load(first.id) == stored, "a numbered append does not load back equal")

    def fails(number: int) -> list[Any]:
        raise OneStopError(f"refused with number {number}")

    _raises(
        OneStopError,
        lambda: store.append_numbered(None, 0, RECEIVING_AGENCY, _START, fails),
        "a builder that fails",
    )
    _raises(
        ConcurrencyError,
        lambda: store.append_numbered(None, 0, RECEIVING_AGENCY, _START, numbered(first)),
        "a numbered start of a stored dossier",
    )
    again = store.append_numbered(None, 0, RECEIVING_AGENCY, _START, numbered(second))
    _expect(
        again.code is not None and again.code.sequence == 2,
        f"a failed numbered append used a number: the next is {again.code}",
    )
    _expect(store.next_sequence(RECEIVING_AGENCY, _START) == 3, "the two ways share numbers")
    _raises(
        OneStopError,
        lambda: store.append_numbered(None, 0, "not an agency", _START, numbered(third)),
        "a bad agency code",
    )
    _raises(
        OneStopError,
        lambda: store.append_numbered(None, 0, RECEIVING_AGENCY, _START, "not a builder"),  # type: ignore[arg-type]
        "a builder that is not callable",
    )


@_on(DossierStore)
def check_tamper_evidence(store: DossierStore) -> None:
    """Fresh chains verify; checkpoints cover every dossier and verify later too."""
    dossiers = sample_dossiers(6)
    _store_all(store, dossiers[:4])
    for dossier in dossiers[:4]:
        _expect(store.verify(dossier.id).ok, f"a fresh history of {dossier.id} does not verify")
    checkpoint = store.checkpoint(_START + timedelta(days=30))
    _expect(checkpoint.size == 4 and checkpoint.number == 1, f"checkpoint covers {checkpoint.size}")
    _store_all(store, dossiers[4:])
    stored = store.load(dossiers[0].id)
    store.append(stored, len(stored), [event_for("stopped", _START + timedelta(days=31), stored)])
    second = store.checkpoint(_START + timedelta(days=32))
    _expect(second.size == 6 and second.root != checkpoint.root, "a later checkpoint is not new")
    report = store.verify_all()
    _expect(report.ok and report.checked == 6, f"verify_all after later appends: {report}")
    _expect(store.checkpoints() == (checkpoint, second), "checkpoints are not kept as taken")
    kept = checkpoints_from_json(checkpoints_to_json(store.checkpoints()))
    report = store.verify_all(against=kept)
    _expect(report.ok, f"verify_all against its own checkpoints kept elsewhere: {report}")
    other_root = attrs.evolve(second, number=3, root=bytes(32))  # one the store never took
    report = store.verify_all(against=(*kept, other_root))
    _expect(
        len(report.problems) == 2,
        f"a kept checkpoint the store does not hold and whose root differs: {report}",
    )


@_on(DossierStore)
def check_import(store: DossierStore) -> None:
    """Imported histories load back; importing one twice is refused."""
    dossiers = sample_dossiers(7)
    stored = store.import_histories(iter(dossiers), batch=3)
    _expect(stored == sum(len(d) for d in dossiers), f"import reported {stored} events")
    for dossier in dossiers:
        _expect(store.load(dossier.id) == dossier, f"imported {dossier.id} does not load back")
    _expect(store.verify_all().ok, "imported histories do not verify")
    _raises(ConcurrencyError, lambda: store.import_histories(dossiers[:1]), "a second import")


@_on(DossierStore)
def check_unique_codes(store: DossierStore) -> None:
    """Two dossiers cannot share a code."""
    first, second = sample_dossiers(2)
    store.append(None, 0, first.events)
    code = first.code
    assert code is not None  # noqa: S101 - every sample dossier is received
    clash = Received(at=first.events[0].at, actor=_DESK, code=code, intake=second.intake)
    _raises(StorageError, lambda: store.append(None, 0, [clash]), "a second dossier with one code")


@_on(DossierStore)
def check_statistics(store: DossierStore) -> None:
    """The statistics table equals the reference computed from every summary."""
    dossiers = sample_dossiers(30)
    _store_all(store, dossiers)
    refused = sample_dossiers(1, first=40)[0]
    store.append(None, 0, [_refusal(refused)])
    summaries = [store.summary(d.id) for d in [*dossiers, refused]]
    periods = [
        (_START - timedelta(days=30), _START - timedelta(days=1)),
        (_START, _START + timedelta(days=2)),
        (_START + timedelta(days=3), _START + timedelta(days=6, hours=23)),
        (_START + timedelta(days=1, hours=10), _START + timedelta(days=40)),
        (_START - timedelta(days=365), _START + timedelta(days=365)),
    ]
    for first, last in periods:
        expected = statistics_of(summaries, first, last)
        found = store.statistics(first, last)
        _expect(found == expected, f"statistics {first}..{last}: {found} is not {expected}")
    whole = store.statistics(*periods[-1])
    _expect(
        sum(row.received for row in whole) == len(dossiers)
        and sum(row.refused for row in whole) == 1,
        "the whole-year table does not count every dossier",
    )


def _varied(number: int, dossier: Dossier) -> Dossier:
    """``dossier`` with some digitisation, online payment and a rating, by ``number``."""
    events = list(dossier.events)
    for index, event in enumerate(events):
        if isinstance(event, Received) and number % 3 == 0:
            events[index] = attrs.evolve(event, digitised=True)
        elif isinstance(event, Paid) and number // 8 % 2:
            events[index] = attrs.evolve(event, online=True)
        elif isinstance(event, Resolved) and number % 4:
            events[index] = attrs.evolve(event, digitised=True)
    varied = Dossier(events)
    if "rated" in TRANSITIONS[varied.status]:
        level = list(Satisfaction)[number % len(Satisfaction)]
        rating = Rated(at=events[-1].at + timedelta(hours=1), actor=_APPLICANT, level=level)
        varied = varied.apply(rating)
    return varied


@_on(DossierStore)
def check_quality(store: DossierStore) -> None:
    """The Decision 766 counts equal the reference over every summary and the outbox."""
    dossiers = [_varied(n, d) for n, d in enumerate(sample_dossiers(40))]
    _store_all(store, dossiers)
    for message in store.outbox()[::3]:  # some dossiers' events reach the portal
        store.delivered(message.id, _START + timedelta(days=400))
    summaries = [store.summary(d.id) for d in dossiers]
    unsynced = {message.dossier_id for message in store.outbox()}
    periods = [
        (_START, _START + timedelta(days=2)),
        (_START + timedelta(days=1, hours=10), _START + timedelta(days=40)),
        (_START - timedelta(days=365), _START + timedelta(days=365)),
    ]
    for first, last in periods:
        expected = quality_of(summaries, first, last, unsynced=unsynced)
        found = store.quality(first, last)
        _expect(found == expected, f"quality {first}..{last}: {found} is not {expected}")
    (row,) = store.quality(*periods[-1])
    _expect(
        0 < row.synced < row.received == len(dossiers)
        and 0 < row.paid_online < row.fee_dossiers
        and 0 < row.unsatisfied < row.rated
        and 0 < row.results_digitised < row.results
        and 0 < row.finished_on_time <= row.finished,
        f"the year's counts miss a kind of dossier: {row}",
    )


def _refusal(dossier: Dossier) -> Refused:
    return Refused(
        at=dossier.events[0].at, actor=_DESK, reason="Ngoài thẩm quyền", intake=dossier.intake
    )


#: Every store check, in the order :func:`check_store` runs them.
STORE_CHECKS: tuple[Callable[[DossierStore], None], ...] = (
    check_round_trip,
    check_stale_version,
    check_refused_events,
    check_projection,
    check_queries,
    check_outbox,
    check_claims,
    check_wait,
    check_sequences,
    check_numbered_appends,
    check_tamper_evidence,
    check_import,
    check_unique_codes,
    check_statistics,
    check_quality,
)


def _attempt(run: Callable[[], None], plugin: object) -> str | None:
    """Run one check; ``None`` when it passed, else what went wrong. Closes the plugin."""
    try:
        run()
    except ConformanceFailure as failure:
        return str(failure)
    except Exception as error:  # noqa: BLE001 - a plugin's own crash is a failure too
        return f"{type(error).__name__}: {error}"
    finally:
        close = getattr(plugin, "close", None)
        if callable(close):
            close()
    return None


def _report(results: Iterable[tuple[str, str | None]]) -> ConformanceReport:
    """The report of ``(check name, failure or None)`` pairs."""
    done = list(results)
    return ConformanceReport(
        tuple(name for name, failure in done if failure is None),
        tuple((name, failure) for name, failure in done if failure is not None),
    )


def _run(checks: Iterable[Callable[[_P], None]], factory: Callable[[], _P]) -> ConformanceReport:
    results = []
    for check in checks:
        plugin = factory()
        results.append((check.__name__, _attempt(functools.partial(check, plugin), plugin)))
    return _report(results)


def check_store(factory: Callable[[], DossierStore]) -> ConformanceReport:
    """Run every store check, each on a new empty store from ``factory``."""
    _factory(factory)
    return _run(STORE_CHECKS, factory)


# -- signers ---------------------------------------------------------------------------

_PAYLOAD = b'{"code":"000.00.12.H38-260302-0001","kind":"receipt","t\xe1\xbb\x95ng":"50000"}'


@_on(Signer)
def check_signature_verifies(signer: Signer) -> None:
    """A signature over a payload verifies, and names a subject."""
    signature = signer.sign(_PAYLOAD)
    _expect(isinstance(signature, str) and signature, "sign() did not return JWS text")
    info = signer.verify(_PAYLOAD, signature)
    _expect(isinstance(info, SignatureInfo) and info.subject, f"verify() returned {shown(info)}")
    parts = signature.split(".")
    _expect(len(parts) == 3 and parts[1] == "", "the JWS does not have a detached payload")


@_on(Signer)
def check_changed_payload_fails(signer: Signer) -> None:
    """Any change to the payload — one byte, a byte added or removed — fails verification."""
    signature = signer.sign(_PAYLOAD)
    changes = [
        _PAYLOAD.replace(b"0001", b"0002"),
        _PAYLOAD.replace(b"50000", b"5000"),
        _PAYLOAD + b" ",
        _PAYLOAD[:-1],
        b"",
    ]
    for changed in changes:
        verify = functools.partial(signer.verify, changed, signature)
        _raises(SignatureError, verify, f"payload {shown(changed)}")


@_on(Signer)
def check_changed_signature_fails(signer: Signer) -> None:
    """A damaged or foreign signature fails verification with SignatureError."""
    signature = signer.sign(_PAYLOAD)
    header, _, value = signature.partition("..")
    flipped = value[:10] + ("A" if value[10] != "A" else "B") + value[11:]
    for bad in (f"{header}..{flipped}", f"{header}..", "not a jws", f"{header}.{header}.{value}"):
        _raises(SignatureError, functools.partial(signer.verify, _PAYLOAD, bad), repr(bad[:30]))


@_on(Signer)
def check_other_signer_refused(signer: Signer) -> None:
    """A signature by another key does not verify as this signer's."""
    from onestop.signing._keys import KeySigner  # noqa: PLC0415 - needs the signing extra
    from onestop.testing.certificates import self_signed  # noqa: PLC0415 - same

    other = KeySigner(*self_signed("Kẻ giả mạo"))
    _raises(
        SignatureError,
        lambda: signer.verify(_PAYLOAD, other.sign(_PAYLOAD)),
        "a signature by another key",
    )


#: Every signer check, in the order :func:`check_signer` runs them.
SIGNER_CHECKS: tuple[Callable[[Signer], None], ...] = (
    check_signature_verifies,
    check_changed_payload_fails,
    check_changed_signature_fails,
    check_other_signer_refused,
)


def check_signer(factory: Callable[[], Signer]) -> ConformanceReport:
    """Run every signer check on a signer from ``factory``."""
    _factory(factory)
    return _run(SIGNER_CHECKS, factory)


# -- portal adapters -------------------------------------------------------------------
#
# A portal adapter is checked against onestop's stand-in for the national portal, which
# speaks the DVCQG shape (login, then DongBoHoSoMC / CapNhatTienDoHoSoMC with an
# idempotency key): the factory receives the running stand-in and returns an adapter
# pointed at it.


def _outbox(count: int = 4) -> tuple[DossierStore, list[Dossier]]:
    from onestop.storage._memory import MemoryStore  # noqa: PLC0415 - the kit's own store

    store = MemoryStore()
    dossiers = sample_dossiers(count)
    _store_all(store, dossiers)
    return store, dossiers


@_on(StandInPortal, PortalAdapter)
def check_delivers_in_order(portal: StandInPortal, adapter: PortalAdapter) -> None:
    """Every event reaches the portal once, in order per dossier, keyed by its idempotency key."""
    from onestop.portal._sync import OutboxSync  # noqa: PLC0415 - the kit's own worker

    store, dossiers = _outbox()
    report = OutboxSync(store, adapter, base_delay=timedelta(milliseconds=10)).drain(timeout=10)
    _expect(report.pending == 0, f"the outbox did not drain: {report}")
    for dossier in dossiers:
        versions = [d.version for d in portal.deliveries if d.dossier_id == dossier.id]
        _expect(
            versions == list(range(1, len(dossier) + 1)),
            f"{dossier.id} arrived as versions {versions}",
        )
    _expect(portal.duplicates == 0, f"{portal.duplicates} repeats reached the portal")


@_on(StandInPortal, PortalAdapter)
def check_down_portal_is_a_portal_error(portal: StandInPortal, adapter: PortalAdapter) -> None:
    """A portal that answers 503 makes ``deliver`` raise PortalError, nothing else."""
    store, _ = _outbox(1)
    message = store.outbox()[0]
    portal.down = True
    _raises(
        PortalError,
        lambda: adapter.deliver(message, store.load(message.dossier_id)),
        "delivering while the portal is down",
    )
    portal.down = False


@_on(StandInPortal, PortalAdapter)
def check_repeats_carry_the_key(portal: StandInPortal, adapter: PortalAdapter) -> None:
    """Delivering one message twice (a crash before it was marked) is dropped by its key."""
    store, _ = _outbox(1)
    message = store.outbox()[0]
    dossier = store.load(message.dossier_id)
    adapter.deliver(message, dossier)
    adapter.deliver(message, dossier)
    _expect(len(portal.deliveries) == 1, f"the portal recorded {len(portal.deliveries)} copies")
    _expect(portal.duplicates == 1, "the repeat did not carry the idempotency key")


@_on(StandInPortal, PortalAdapter)
def check_expired_session_recovers(portal: StandInPortal, adapter: PortalAdapter) -> None:
    """After the portal forgets the session, the next delivery logs in again and succeeds."""
    store, _ = _outbox(2)
    first, second = store.pending(_START + timedelta(days=60))[:2]
    adapter.deliver(first, store.load(first.dossier_id))
    portal.expire_sessions()
    adapter.deliver(second, store.load(second.dossier_id))
    _expect(len(portal.deliveries) == 2, "the delivery after the session expired was lost")


#: Every portal-adapter check, in the order :func:`check_portal` runs them.
PORTAL_CHECKS: tuple[Callable[[StandInPortal, PortalAdapter], None], ...] = (
    check_delivers_in_order,
    check_down_portal_is_a_portal_error,
    check_repeats_carry_the_key,
    check_expired_session_recovers,
)


def check_portal(factory: Callable[[StandInPortal], PortalAdapter]) -> ConformanceReport:
    """Run every portal check, each against a new stand-in portal and a new adapter."""
    _factory(factory)
    results = []
    for check in PORTAL_CHECKS:
        with StandInPortal(lifetime=120, max_requests=1_000) as portal:
            adapter = factory(portal)
            run = functools.partial(check, portal, adapter)
            results.append((check.__name__, _attempt(run, adapter)))
    return _report(results)
