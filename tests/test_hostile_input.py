"""Bad input never escapes: every public entry point raises only OneStopError subclasses.

The entry points are discovered from the public namespaces, so a new one cannot be
forgotten: every public class and function, and every public method of a sample
instance of each public class. Each is called with hypothesis-generated hostile
arguments that fit its signature; any exception that is not a ``OneStopError`` fails.
"""

import contextlib
import enum
import importlib
import inspect
import math
import pkgutil
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import onestop
import onestop.catalogs
import onestop.demo._run
import onestop.demo._simulation
import onestop.domain.model
import onestop.domain.time
import onestop.events
import onestop.fees
import onestop.national
import onestop.office
import onestop.office._forms
import onestop.office._quality_score
import onestop.office._reports
import onestop.office._year_report
import onestop.plugins
import onestop.plugins._manager
import onestop.portal
import onestop.portal._national_portal
import onestop.portal._payloads
import onestop.portal._sync
import onestop.processes
import onestop.rules
import onestop.rules._indicators
import onestop.rules._statistics
import onestop.serialization
import onestop.settings
import onestop.signing
import onestop.signing._certificate
import onestop.signing._keys
import onestop.signing._pdf
import onestop.storage
import onestop.storage._projection_sql
import onestop.storage._sql_store
import onestop.testing
from onestop import Channel
from onestop import Duration
from onestop._shown import shown
from onestop.catalogs import sample_catalog
from onestop.exceptions import OneStopError
from onestop.national._fee_schedules import VIETNAM_FEES
from onestop.testing import strategies as ost
from onestop.testing.certificates import self_signed
from onestop.testing.strategies import national_calendar

#: Every public home (a module no part of whose name is private), found by walking the
#: package, so a new one is fuzzed without being listed here; but the command line
#: (``main`` exits), the Hypothesis strategies (they refuse with Hypothesis's own
#: InvalidArgument) and the throwaway PostgreSQL server (it starts processes).
HOMES = [
    onestop,
    *(
        importlib.import_module(name)
        for _, name, _ in pkgutil.walk_packages(onestop.__path__, "onestop.")
        if not any(part.startswith("_") for part in name.split("."))
        and name not in {"onestop.cli", "onestop.testing.strategies", "onestop.testing.postgres"}
    ),
]
#: Implementation modules whose functions take caller data from their public callers.
INTERNAL = [
    onestop.plugins._manager,
    onestop.portal._payloads,
    onestop.portal._sync,
    onestop.portal._national_portal,
    onestop.signing._keys,
    onestop.office._reports,
    onestop.rules._statistics,
    onestop.office._year_report,
    onestop.office._quality_score,
    onestop.office._forms,
    onestop.signing._pdf,
    onestop.signing._certificate,
    onestop.rules._indicators,
    onestop.storage._projection_sql,
    onestop.storage._sql_store,
    onestop.demo._simulation,
    onestop.demo._run,
]
NAMESPACES = [*HOMES, *INTERNAL]
#: Entry points that legitimately accept anything or do I/O on purpose.
SKIPPED = {
    "make_converter",  # builds a converter, takes nothing
    "converter",
    "configure_converter",  # takes a converter the caller owns
    "describe_error",  # formats any exception it is given
    "save_catalog",  # writes files: tested in test_catalog with tmp_path
    "save_process",
    "SQLiteStore",  # opens files: its methods are fuzzed on an in-memory database below
    "from_env",  # reads the environment; its checks are tested in test_plugins
    "from_file",  # reads files: tested in test_signing with tmp_path
    "load_entry_points",  # imports installed packages: tested in test_plugins
    "register_builtins",  # registers onestop's own modules once per host
    "drain",  # sleeps until a timeout: run_once is fuzzed instead
    "wait",  # blocks for its timeout: the conformance kit's check_wait gives it bad ones
    "run_demo",  # writes a folder and serves a portal: its checks are tested in test_demo
}


def _nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


class _BadRepr:
    """A caller's object whose ``repr`` fails."""

    def __repr__(self):
        raise RuntimeError("no repr")


#: Python values ``repr`` cannot print: nested past the recursion limit, an integer past
#: Python's int-to-text limit, an object whose repr fails; and a text of 20,000 characters
#: (longer ones make Hypothesis warn about its own report).
UNPRINTABLE = [_nested(100_000), {"a": _nested(100_000)}, 10**5000, _BadRepr(), "x" * 20_000]


HOSTILE = st.one_of(
    st.none(),
    st.sampled_from(UNPRINTABLE),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, -1, 1, 10**9, -(10**9), 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0, 0.5]),
    st.text(max_size=20),
    st.sampled_from(
        [
            *("", " ", "1", "0", "abc", "3 ngày làm việc", "99999999999999 ngày", "{", "[]"),
            *("\ud800", "a\x00b", "\x00"),  # a lone surrogate, NUL
            *("[" * 10_000, '{"a":' * 5_000),  # JSON text nested deep
        ]
    ),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(
        [
            date(1, 1, 1),
            date(9999, 12, 31),
            date(1900, 1, 1),
            date(2026, 2, 17),
            datetime(1900, 1, 1),
            datetime(2026, 2, 13, 10),
            datetime(2026, 2, 13, 3, tzinfo=UTC),
            datetime(9999, 12, 31, 23),
            time(25 % 24),
            timedelta(days=-1),
            timedelta(days=10**6),
            Decimal("NaN"),
            Decimal("1e400"),
            Channel.ONLINE,
            object(),
        ]
    ),
)

CAL = national_calendar()
CATALOG = sample_catalog()
SAMPLES = {
    onestop.Calendar: CAL,
    onestop.Catalog: CATALOG,
    onestop.Duration: Duration.working_days(3),
    onestop.Procedure: CATALOG.get("1.012787"),
    onestop.fees.FeeBook: VIETNAM_FEES,
    onestop.storage.MemoryStore: onestop.storage.MemoryStore(CAL),
    onestop.storage.SQLiteStore: onestop.storage.SQLiteStore(":memory:", calendar=CAL),
    onestop.plugins._manager.PluginHost: onestop.plugins._manager.plugin_host(
        load_entry_points=False
    ),
    onestop.signing._keys.KeySigner: onestop.signing._keys.KeySigner(*self_signed()),
    onestop.portal._sync.OutboxSync: onestop.portal._sync.OutboxSync(
        onestop.storage.MemoryStore(CAL),
        onestop.portal._national_portal.NationalPortal(
            "http://127.0.0.1:9", user="u", password="p", agency="000.00.12.H38", calendar=CAL
        ),
    ),
    onestop.office.OneStopOffice: onestop.office.OneStopOffice(
        onestop.storage.MemoryStore(CAL), calendar=CAL, catalog=CATALOG, fee_book=VIETNAM_FEES
    ),
}


def public_callables():
    """Every public class and function of the public namespaces, but exceptions."""
    found = {}
    for module in NAMESPACES:
        for name in module.__all__:
            obj = getattr(module, name)
            if name in SKIPPED or (inspect.isclass(obj) and issubclass(obj, BaseException)):
                continue
            if inspect.isclass(obj) or inspect.isfunction(obj):
                found[f"{module.__name__}.{name}"] = obj
    return found


def sample_methods():
    methods = {}
    for cls, instance in SAMPLES.items():
        for name, member in inspect.getmembers(type(instance)):
            if name.startswith("_") or not callable(member) or isinstance(member, type):
                continue
            if name in SKIPPED:
                continue
            methods[f"{cls.__name__}.{name}"] = getattr(instance, name)
    return methods


def named_constructors():
    """Every public classmethod of every public class (``Duration.parse``, ``Dossier.submit``)."""
    methods = {}
    for name, cls in public_callables().items():
        if not inspect.isclass(cls):
            continue
        for attr, member in inspect.getmembers(cls):
            if attr in SKIPPED:
                continue
            if not attr.startswith("_") and inspect.ismethod(member) and member.__self__ is cls:
                methods[f"{name}.{attr}"] = member
    return methods


ENTRY_POINTS = {**public_callables(), **sample_methods(), **named_constructors()}


def fits(function, args):
    if isinstance(function, enum.EnumMeta) and len(args) != 1:
        return False  # more arguments reach Enum's functional API, not onestop's lookup
    if getattr(function, "_is_protocol", False):
        return False  # a Protocol describes what plugins provide; it is not called
    try:
        inspect.signature(function).bind(*args)
    except (TypeError, ValueError):
        return False
    return True


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
@settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=80
)
@given(args=st.lists(HOSTILE, min_size=0, max_size=4))
def test_only_onestop_errors_escape(name, args):
    function = ENTRY_POINTS[name]
    if not fits(function, args):
        return
    try:
        function(*args)
    except OneStopError as error:
        message = str(error)
    except Exception as error:  # noqa: BLE001 - the point of the test
        pytest.fail(f"{name}{shown(tuple(args))} raised {type(error).__name__}: {error}")
    else:
        return
    assert message, f"{name} raised an error with no message"


def test_the_entry_points_are_discovered():
    assert len(ENTRY_POINTS) > 80
    assert "onestop.Dossier" in ENTRY_POINTS
    assert "Calendar.add_working_days" in ENTRY_POINTS
    assert "onestop.fees.assess" in ENTRY_POINTS


@given(ost.dossiers(max_events=4), st.lists(HOSTILE, min_size=1, max_size=3))
def test_dossier_methods_take_only_onestop_errors(dossier, args):
    for name, member in inspect.getmembers(type(dossier)):
        if name.startswith("_") or not callable(member):
            continue
        method = getattr(dossier, name)
        if not fits(method, args):
            continue
        try:
            method(*args)
        except OneStopError:
            pass
        except Exception as error:  # noqa: BLE001
            pytest.fail(
                f"Dossier.{name}{shown(tuple(args))} raised {type(error).__name__}: {error}"
            )


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
WIRE_TYPES = sorted(
    {
        obj
        for module in NAMESPACES
        for name in module.__all__
        if inspect.isclass(obj := getattr(module, name)) and hasattr(obj, "__attrs_attrs__")
    }
    | {onestop.Dossier},
    key=lambda kind: kind.__name__,
)


@pytest.mark.parametrize("kind", WIRE_TYPES, ids=lambda kind: kind.__name__)
@given(data=JSON)
def test_malformed_json_data_raises_only_serialization_errors(kind, data):
    with contextlib.suppress(OneStopError):
        onestop.serialization.converter().structure(data, kind)


@given(data=JSON)
def test_malformed_events_raise_only_serialization_errors(data):
    with contextlib.suppress(OneStopError):
        onestop.serialization.converter().structure(data, onestop.events.DossierEvent)


KINDS = sorted(onestop.events.EVENT_TYPES)


@given(
    procedure=ost.procedures(),
    steps=st.lists(
        st.tuples(st.sampled_from(KINDS), st.timedeltas(timedelta(hours=-30), timedelta(days=5))),
        min_size=1,
        max_size=8,
    ),
    start=st.datetimes(datetime(2019, 1, 1), datetime(2033, 1, 1)),
)
def test_illegal_histories_raise_only_onestop_errors(procedure, steps, start):
    intake = onestop.events.Intake.of(
        procedure,
        onestop.Applicant("Lê Thị B"),
        agency=ost.RECEIVING_AGENCY,
        channel=procedure.channels[0],
    )
    at = start
    events = []
    for index, (kind, delay) in enumerate(steps):
        at += delay
        first = index == 0 and kind in {"submitted", "received", "refused"}
        events.append(ost.event_for(kind, at, intake=intake if first else None))
    try:
        dossier = onestop.Dossier(events)
    except OneStopError:
        return
    assert onestop.Dossier(dossier.events) == dossier
