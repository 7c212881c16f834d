"""The plugin host: registration, the typed facade, and errors that name plugin and hook."""

import inspect
import re
from datetime import date
from datetime import datetime
from importlib import metadata
from pathlib import Path

import attrs
import pytest

from onestop import Applicant
from onestop import Calendar
from onestop import vietnam_calendar
from onestop.catalogs import sample_catalog
from onestop.exceptions import PluginError
from onestop.exceptions import UsageError
from onestop.fees import FeeBook
from onestop.fees import FeeLine
from onestop.fees import FeeSchedule
from onestop.fees import Flat
from onestop.fees import LegalBasis
from onestop.plugins import hookimpl
from onestop.plugins import hookspecs
from onestop.plugins._manager import AUTOLOAD_VARIABLE
from onestop.plugins._manager import PluginHost
from onestop.plugins._manager import plugin_host
from onestop.settings import Settings
from onestop.settings import default_store_path
from onestop.storage import MemoryStore
from onestop.testing import InMemorySequence

SETTINGS = Settings(store="memory:")
RESIDENCE = sample_catalog().get("1.004222")
BASIS = LegalBasis("Nghị quyết mẫu", illustrative=True)


def host(*plugins):
    return plugin_host(
        load_entry_points=False, plugins=[(f"p{i}", p) for i, p in enumerate(plugins)]
    )


class Plugin:
    """A plugin object built from keyword hooks: Plugin(onestop_procedures=lambda: [...])."""

    def __init__(self, **hooks):
        for name, function in hooks.items():
            parameters = list(inspect.signature(function).parameters)
            setattr(self, name, hookimpl(_named(name, function, parameters)))


def _named(name, function, parameters):
    namespace = {"function": function}
    arguments = ", ".join(parameters)
    exec(f"def {name}({arguments}):\n    return function({arguments})", namespace)  # noqa: S102
    return namespace[name]


def test_the_built_ins_are_registered_first_and_provide_the_national_data():
    plugins = host().plugins()
    assert [p.name for p in plugins] == ["national", "storage", "signing", "portal"]
    plain = host()
    assert plain.calendar() == vietnam_calendar()
    assert len(plain.catalog()) == len(sample_catalog())
    assert plain.fee_book().schedule_for("1.004222", date(2026, 1, 5)).lines[0].rule == Flat(20_000)
    assert isinstance(plain.store(SETTINGS), MemoryStore)
    assert plain.sequence(SETTINGS) is None
    assert plain.signer(SETTINGS) is None
    assert plain.portal(SETTINGS) is None


def test_calendar_adjustments_chain_and_the_base_can_be_replaced():
    day = date(2026, 10, 15)
    first = Plugin(
        onestop_calendar=lambda calendar: calendar.with_days_off([day], name="A", source="s")
    )
    second = Plugin(onestop_calendar=lambda calendar: calendar.with_office_hours("07:00-11:00"))
    calendar = host(first, second).calendar()
    assert not calendar.is_working_day(day)
    assert str(calendar.office_hours_on(date(2026, 10, 16))) == "07:00-11:00"
    small = Plugin(
        onestop_base_calendar=lambda first_year, last_year: Calendar(first_year, last_year)
    )
    assert host(small).calendar(2026, 2027).changes == ()


def test_a_province_procedure_replaces_the_built_in_one_and_two_provinces_clash():
    local = attrs.evolve(RESIDENCE, name="Đăng ký thường trú (Tỉnh Mẫu)")
    catalog = host(Plugin(onestop_procedures=lambda: [local])).catalog()
    assert catalog.get("1.004222").name == "Đăng ký thường trú (Tỉnh Mẫu)"
    assert len(catalog) == len(sample_catalog())
    twice = host(
        Plugin(onestop_procedures=lambda: [local]), Plugin(onestop_procedures=lambda: [local])
    )
    with pytest.raises(PluginError, match="also given by plugin 'p1'") as error:
        twice.catalog()
    assert (error.value.plugin, error.value.hook) == ("p0", "onestop_procedures")


def test_a_province_fee_schedule_overrides_the_national_one():
    schedule = FeeSchedule("1.004222", [FeeLine("Lệ phí", Flat(15_000), BASIS)], date(2023, 1, 1))
    book = host(Plugin(onestop_fee_book=lambda: FeeBook([schedule]))).fee_book()
    assert book.schedule_for("1.004222", date(2026, 1, 5)) == schedule
    assert book.schedule_for("1.001193", date(2026, 1, 5))  # the rest stays national
    later = FeeSchedule("1.004222", [FeeLine("x", Flat(1), BASIS)], date(2024, 1, 1))
    clash = host(
        Plugin(onestop_fee_book=lambda: FeeBook([schedule])),
        Plugin(onestop_fee_book=lambda: FeeBook([later])),
    )
    with pytest.raises(PluginError, match="overlap") as error:
        clash.fee_book()
    assert error.value.hook == "onestop_fee_book"


@pytest.mark.parametrize(
    ("hook", "result", "call"),
    [
        ("onestop_procedures", lambda: "1.004222", lambda h: h.catalog()),
        ("onestop_procedures", lambda: [42], lambda h: h.catalog()),
        ("onestop_fee_book", lambda: {"1.004222": 20_000}, lambda h: h.fee_book()),
        ("onestop_base_calendar", lambda first_year: "2026", lambda h: h.calendar()),
        ("onestop_calendar", lambda calendar: calendar.first_year, lambda h: h.calendar()),
        ("onestop_dossier_store", lambda settings: "sqlite", lambda h: h.store(SETTINGS)),
        ("onestop_sequence", lambda settings: 7, lambda h: h.sequence(SETTINGS)),
        ("onestop_signer", lambda settings: object(), lambda h: h.signer(SETTINGS)),
        ("onestop_portal", lambda settings: "https://x", lambda h: h.portal(SETTINGS)),
        (
            "onestop_deadline_policy",
            lambda procedure: "office",
            lambda h: h.deadline_policy(RESIDENCE),
        ),
        (
            "onestop_check_receipt",
            lambda procedure: [1],
            lambda h: h.check_receipt(RESIDENCE, Applicant("A"), (), RESIDENCE.channels[0]),
        ),
        (
            "onestop_enrich_applicant",
            lambda applicant: "A",
            lambda h: h.enrich_applicant(Applicant("A"), RESIDENCE),
        ),
    ],
)
def test_a_wrong_result_names_the_plugin_and_the_hook(hook, result, call):
    with pytest.raises(PluginError) as error:
        call(host(Plugin(**{hook: result})))
    assert (error.value.plugin, error.value.hook) == ("p0", hook)
    assert str(error.value).startswith(f"plugin 'p0', hook {hook}: returned")


def boom(*_):
    raise KeyError("the province database is down")


@pytest.mark.parametrize(
    ("hook", "call"),
    [
        ("onestop_procedures", lambda h: h.catalog()),
        ("onestop_calendar", lambda h: h.calendar()),
        ("onestop_dossier_store", lambda h: h.store(SETTINGS)),
        ("onestop_enrich_applicant", lambda h: h.enrich_applicant(Applicant("A"), RESIDENCE)),
    ],
)
def test_a_plugin_that_raises_is_named(hook, call):
    parameters = {
        "onestop_procedures": [],
        "onestop_calendar": ["calendar"],
        "onestop_dossier_store": ["settings"],
        "onestop_enrich_applicant": ["applicant"],
    }[hook]
    plugin = Plugin(**{hook: _named("f", boom, parameters)})
    with pytest.raises(PluginError, match="raised KeyError: 'the province database is down'") as e:
        call(host(plugin))
    assert (e.value.plugin, e.value.hook) == ("p0", hook)


def test_custom_stores_sequences_and_enrichment():
    class Shared(MemoryStore):
        pass

    def open_store(settings, calendar):
        return Shared(calendar) if settings.store.startswith("shared:") else None

    class ProvincePlatform:
        """A province whose portal traffic goes through its own platform."""

        def deliver(self, message, dossier):
            return None

    platform = ProvincePlatform()

    def onestop_portal(settings):
        return platform if settings.portal_url == "lgsp://tinh-mau" else None

    assert (
        host(Plugin(onestop_portal=onestop_portal)).portal(
            Settings(store="memory:", portal_url="lgsp://tinh-mau")
        )
        is platform
    )
    sequence = InMemorySequence()
    with_address = Plugin(
        onestop_enrich_applicant=lambda applicant: attrs.evolve(applicant, address="Hà Nội"),
        onestop_dossier_store=open_store,
        onestop_sequence=lambda settings: sequence,
    )
    upper = Plugin(
        onestop_enrich_applicant=lambda applicant: attrs.evolve(
            applicant, name=applicant.name.upper()
        )
    )
    plugins = host(with_address, upper)
    assert isinstance(plugins.store(Settings(store="shared://x")), Shared)
    assert isinstance(plugins.store(SETTINGS), MemoryStore)
    with pytest.raises(PluginError, match="no plugin opens the store 'mongodb://x'"):
        plugins.store(Settings(store="mongodb://x"))
    assert plugins.sequence(SETTINGS) is sequence
    assert plugins.enrich_applicant(Applicant("Lê B"), RESIDENCE) == Applicant(
        "LÊ B", address="Hà Nội"
    )


def test_registration_refuses_unknown_hooks_and_wrong_arguments():
    class Typo:
        @hookimpl
        def onestop_procedure(self):
            return []

    with pytest.raises(PluginError, match="unknown hook 'onestop_procedure'") as error:
        host(Typo())
    assert error.value.plugin == "p0"

    class WrongArgument:
        @hookimpl
        def onestop_calendar(self, calendars):
            return None

    with pytest.raises(PluginError, match="calendars"):
        host(WrongArgument())
    with pytest.raises(PluginError, match="already registered"):
        plugin_host(load_entry_points=False, plugins=[("national", Plugin())])
    with pytest.raises(UsageError):
        PluginHost().register(Plugin(), "")


class FakeEntryPoint:
    def __init__(self, name, value, plugin=None, error=None):
        self.name, self.value, self.module = name, value, value.split(":")[0]
        self._plugin, self._error = plugin, error
        self.dist = None

    def load(self):
        if self._error:
            raise self._error
        return self._plugin


def test_entry_points_load_unless_switched_off(monkeypatch):
    plugin = Plugin(onestop_procedures=lambda: [])
    points = [FakeEntryPoint("tinh-mau", "onestop_tinh_mau.plugin", plugin)]
    monkeypatch.setattr(
        metadata, "entry_points", lambda group: points if group == "onestop" else []
    )
    monkeypatch.delenv(AUTOLOAD_VARIABLE, raising=False)
    assert "tinh-mau" in [p.name for p in plugin_host().plugins()]
    monkeypatch.setenv(AUTOLOAD_VARIABLE, "1")
    assert "tinh-mau" not in [p.name for p in plugin_host().plugins()]
    broken = [FakeEntryPoint("hong", "onestop_hong.plugin", error=ImportError("no module"))]
    monkeypatch.setattr(metadata, "entry_points", lambda group: broken)
    with pytest.raises(
        PluginError, match=r"cannot load onestop_hong\.plugin: ImportError"
    ) as error:
        plugin_host(load_entry_points=True)
    assert (error.value.plugin, error.value.hook) == ("hong", "(loading)")


def test_notification_failures_are_returned_not_raised():
    from onestop.testing.conformance import sample_dossiers

    dossier = sample_dossiers(1)[0]
    seen = []
    good = Plugin(onestop_dossier_event=lambda dossier, event, at: seen.append(event.kind))
    bad = Plugin(onestop_dossier_event=lambda event: boom())
    failures = host(good, bad).notify(dossier, dossier.events[0], datetime(2026, 3, 2))
    assert seen == ["received"]
    assert [(f.plugin, f.hook) for f in failures] == [("p1", "onestop_dossier_event")]


def test_settings_from_the_environment():
    settings = Settings.from_env(
        {"ONESTOP_HOME": "/srv/onestop", "ONESTOP_PORTAL_URL": "https://lgsp.example.vn"}
    )
    assert settings.store == "/srv/onestop/onestop.sqlite3" == settings.store_path
    assert settings.portal_url == "https://lgsp.example.vn"
    assert default_store_path({"XDG_DATA_HOME": "/data"}) == Path("/data/onestop/onestop.sqlite3")
    assert default_store_path({}) == Path.home() / ".local/share/onestop/onestop.sqlite3"
    assert Settings(store="sqlite:////var/lib/o.db").store_path == "/var/lib/o.db"
    assert Settings(store="memory:").store_path is None
    assert Settings(store="postgresql://h/db").store_path is None


# -- the hook reference --------------------------------------------------------------

HOOKS = {
    name: function
    for name, function in vars(hookspecs).items()
    if name.startswith("onestop_") and callable(function)
}
ROOT = Path(__file__).resolve().parents[2]
IMPLEMENTATIONS = "\n".join(
    path.read_text(encoding="utf-8")
    for pattern in ("tests/**/*.py", "examples/**/*.py")
    for path in ROOT.glob(pattern)
)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_every_hook_is_documented_and_tested(name):
    doc = inspect.getdoc(HOOKS[name])
    assert doc, f"{name} has no documentation"
    for part in ("**Called**", "**Implemented by**"):
        assert part in doc, f"{name}'s documentation does not say {part}"
    firstresult = HOOKS[name].onestop_spec["firstresult"]
    assert ("**First result wins**" in doc) is firstresult, f"{name}: firstresult not stated"
    if not firstresult:
        assert "**Every" in doc, f"{name}: 'every implementation runs' not stated"
    assert re.search(rf"(def {name}\(|{name}=)", IMPLEMENTATIONS), f"{name} has no test"


def test_the_hook_reference_page_covers_the_hookspecs():
    page = (ROOT / "docs" / "plugins" / "hooks.rst").read_text(encoding="utf-8")
    assert ".. automodule:: onestop.plugins.hookspecs" in page
    assert set(hookspecs.__all__) >= set(HOOKS)
