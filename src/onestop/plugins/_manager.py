"""The plugin host: builds the pluggy manager, loads plugins, and calls hooks for onestop.

:func:`plugin_host` registers the built-in plugins (``national``, ``storage``,
``signing``, ``portal``), then every entry point of the ``onestop`` group, unless the
environment variable ``ONESTOP_DISABLE_PLUGIN_AUTOLOAD`` is set (to anything but
empty) or ``load_entry_points=False`` is passed. :class:`PluginHost` is the typed
facade: one method per hook, each checking what every plugin returns.

Why onestop calls each implementation itself (through pluggy's registry, in pluggy's
order) rather than ``manager.hook.X()``: pluggy's call returns the results but not
who gave each, and a province's operator needs the name of the plugin that failed.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from collections.abc import Iterator
from datetime import datetime
from importlib import metadata
from typing import TYPE_CHECKING
from typing import Any
from typing import TypeVar

import attrs
import pluggy

from onestop._shown import shown
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._boundary_free import BoundaryFreeList
from onestop.domain.model._catalog import Catalog
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._hand_over import HandOverRule
from onestop.domain.model._procedure import Channel
from onestop.domain.model._procedure import Procedure
from onestop.domain.time._calendar import Calendar
from onestop.domain.time._policy import DeadlinePolicy
from onestop.exceptions import OneStopError
from onestop.exceptions import PluginError
from onestop.exceptions import UsageError
from onestop.plugins import hookspecs
from onestop.rules._fees import FeeBook
from onestop.settings import Settings

if TYPE_CHECKING:
    from onestop.domain.model._dossier_code import DossierCoder
    from onestop.domain.model._dossier_code import SequenceSource
    from onestop.domain.model._events import DossierEvent
    from onestop.portal._contract import PortalAdapter
    from onestop.signing._contract import Signer
    from onestop.storage._contract import DossierStore

__all__ = ["AUTOLOAD_VARIABLE", "BUILTIN_PLUGINS", "PluginHost", "PluginInfo", "plugin_host"]

_T = TypeVar("_T")

#: Set this environment variable to stop entry points from loading (tests, audits).
AUTOLOAD_VARIABLE = "ONESTOP_DISABLE_PLUGIN_AUTOLOAD"

#: The built-in plugins, by name, registered before any entry point.
BUILTIN_PLUGINS = {
    "national": "onestop.plugins._builtin.national",
    "storage": "onestop.plugins._builtin.storage",
    "signing": "onestop.plugins._builtin.signing",
    "portal": "onestop.plugins._builtin.portal",
}


@attrs.frozen
class PluginInfo:
    """One registered plugin, as ``onestop plugins`` lists it.

    :param name: its registered name (the entry point's name).
    :param distribution: the package that provides it.
    :param version: that package's version.
    :param builtin: whether it ships with onestop.
    :param hooks: the hooks it implements, sorted.
    """

    name: str
    distribution: str
    version: str
    builtin: bool
    hooks: tuple[str, ...]


def _onestop_version() -> str:
    try:
        return metadata.version("onestop")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


class PluginHost:
    """The typed facade over the plugin manager: one method per hook.

    Every method checks each plugin's result; an exception inside a plugin, or a
    result of the wrong type, raises :class:`~onestop.exceptions.PluginError` naming
    the plugin and the hook.

    .. versionadded:: 0.3
    """

    def __init__(self) -> None:
        """An empty host with onestop's hook specifications (see :func:`plugin_host`)."""
        self.manager = pluggy.PluginManager(hookspecs.PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self._distributions: dict[str, tuple[str, str]] = {}
        self._builtin: set[str] = set()

    # -- registration -----------------------------------------------------------

    def register(
        self, plugin: object, name: str, *, distribution: str = "", version: str = ""
    ) -> None:
        """Register ``plugin`` (a module or object with hook implementations) as ``name``.

        :raises PluginError: when it implements a hook onestop does not have, or a
            hook with arguments it does not have, or the name is taken.
        """
        if not isinstance(name, str) or not name:
            raise UsageError(f"a plugin's name is a non-empty text, got {shown(name)}")
        try:
            self.manager.register(plugin, name=name)
            self.manager.check_pending()
        except Exception as error:  # noqa: BLE001 - pluggy refuses in several ways; name them all
            if self.manager.is_registered(plugin):
                self.manager.unregister(plugin)
            raise PluginError(str(error), plugin=name, hook="(registration)") from None
        self._distributions[name] = (distribution or name, version or "unknown")

    def register_builtins(self) -> None:
        """Register the built-in plugins (:data:`BUILTIN_PLUGINS`)."""
        for name, module in BUILTIN_PLUGINS.items():
            self.register(
                importlib.import_module(module),
                name,
                distribution="onestop",
                version=_onestop_version(),
            )
            self._builtin.add(name)

    def load_entry_points(self) -> None:
        """Register every plugin published in the ``onestop`` entry-point group.

        :raises PluginError: naming the entry point that cannot be imported or registered.
        """
        for entry_point in metadata.entry_points(group=hookspecs.PROJECT):
            if self.manager.has_plugin(entry_point.name):
                continue
            try:
                plugin = entry_point.load()
            except Exception as error:
                raise PluginError(
                    f"cannot load {entry_point.value}: {type(error).__name__}: {error}",
                    plugin=entry_point.name,
                    hook="(loading)",
                ) from error
            dist = entry_point.dist
            self.register(
                plugin,
                entry_point.name,
                distribution=dist.name if dist else entry_point.module,
                version=dist.version if dist else "unknown",
            )

    def plugins(self) -> tuple[PluginInfo, ...]:
        """The registered plugins in registration order, with the hooks each implements."""
        found = []
        for name, plugin in self.manager.list_name_plugin():
            hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())
            distribution, version = self._distributions.get(name, (name, "unknown"))
            found.append(
                PluginInfo(name, distribution, version, name in self._builtin, tuple(hooks))
            )
        return tuple(found)

    # -- calling ----------------------------------------------------------------

    @staticmethod
    def _call_one(impl: Any, hook: str, **arguments: Any) -> Any:  # noqa: ANN401
        """One implementation's result; anything it raises becomes a PluginError naming it."""
        try:
            return impl.function(*(arguments[name] for name in impl.argnames))
        except Exception as error:
            raise PluginError(
                f"raised {type(error).__name__}: {error}", plugin=impl.plugin_name, hook=hook
            ) from error

    def _results(self, hook: str, **arguments: Any) -> Iterator[tuple[str, Any]]:  # noqa: ANN401
        """``(plugin name, result)`` of each implementation, in pluggy's call order."""
        caller = getattr(self.manager.hook, hook)
        for impl in reversed(caller.get_hookimpls()):
            result = self._call_one(impl, hook, **arguments)
            if result is not None:
                yield impl.plugin_name, result

    def _chained(
        self,
        hook: str,
        name: str,
        value: _T,
        what: str,
        **arguments: Any,  # noqa: ANN401
    ) -> _T:
        """``value`` passed through each implementation as the argument ``name``.

        Implementations run in registration order, built-ins first; ``None`` from one
        leaves the value as it was.
        """
        caller = getattr(self.manager.hook, hook)
        for impl in caller.get_hookimpls():
            result = self._call_one(impl, hook, **arguments, **{name: value})
            if result is not None:
                value = _checked(result, type(value), what, impl.plugin_name, hook)
        return value

    def _first(
        self,
        hook: str,
        kind: type[_T] | tuple[type, ...],
        what: str,
        **arguments: Any,  # noqa: ANN401
    ) -> _T | None:
        for plugin, result in self._results(hook, **arguments):
            return _checked(result, kind, what, plugin, hook)
        return None

    def _protocol(self, hook: str, methods: tuple[str, ...], what: str, **arguments: Any) -> Any:  # noqa: ANN401
        for plugin, result in self._results(hook, **arguments):
            if not all(callable(getattr(result, method, None)) for method in methods):
                raise PluginError(f"returned {shown(result)}, not {what}", plugin=plugin, hook=hook)
            return result
        return None

    # -- the calendar -----------------------------------------------------------

    def calendar(self, first_year: int = 2015, last_year: int = 2035) -> Calendar:
        """The working calendar: the base calendar, then every plugin's adjustments.

        :raises PluginError: when no plugin gives a base calendar, or one fails.
        :raises UsageError: when the years are not ints in order.
        """
        if not (type(first_year) is int and type(last_year) is int and first_year <= last_year):
            raise UsageError(
                f"the years are ints in order, got {shown(first_year)}, {shown(last_year)}"
            )
        base = self._first(
            "onestop_base_calendar",
            Calendar,
            "a Calendar",
            first_year=first_year,
            last_year=last_year,
        )
        if base is None:
            raise PluginError(
                "no plugin gives a base calendar", plugin="(none)", hook="onestop_base_calendar"
            )
        return self._chained("onestop_calendar", "calendar", base, "a Calendar")

    def deadline_policy(self, procedure: Procedure) -> DeadlinePolicy | None:
        """The province's deadline policy for ``procedure``, or ``None`` to keep its own."""
        if not isinstance(procedure, Procedure):
            raise UsageError(f"procedure is a Procedure, got {shown(procedure)}")
        return self._first(
            "onestop_deadline_policy", DeadlinePolicy, "a DeadlinePolicy", procedure=procedure
        )

    # -- procedures and fees ----------------------------------------------------

    def catalog(self) -> Catalog:
        """Every plugin's procedures in one catalog (a province's replace built-in ones).

        The catalog holds every plugin's boundary-free lists too.
        """
        chosen: dict[tuple[str, int], tuple[str, Procedure]] = {}
        for plugin, result in self._results("onestop_procedures"):
            procedures = _iterable(result, "procedures", plugin, "onestop_procedures")
            for procedure in procedures:
                _checked(procedure, Procedure, "a Procedure", plugin, "onestop_procedures")
                key = (procedure.code, procedure.version)
                if key not in chosen:
                    chosen[key] = (plugin, procedure)
                    continue
                other = chosen[key][0]
                if other not in self._builtin and plugin not in self._builtin:
                    raise PluginError(
                        f"procedure {procedure.code} version {procedure.version} is also given "
                        f"by plugin {shown(other)}",
                        plugin=plugin,
                        hook="onestop_procedures",
                    )
                if other in self._builtin and plugin not in self._builtin:
                    chosen[key] = (plugin, procedure)
        lists = []
        for plugin, result in self._results("onestop_boundary_free"):
            for listing in _iterable(
                result, "boundary-free lists", plugin, "onestop_boundary_free"
            ):
                _checked(
                    listing, BoundaryFreeList, "a BoundaryFreeList", plugin, "onestop_boundary_free"
                )
                lists.append(listing)
        try:
            return Catalog(
                tuple(procedure for _, procedure in chosen.values()), boundary_free=tuple(lists)
            )
        except OneStopError as error:
            raise PluginError(str(error), plugin="(several)", hook="onestop_procedures") from error

    def hand_over_rule(self) -> HandOverRule | None:
        """The province's hand-over rule, or ``None`` for provincial practice.

        .. versionadded:: 0.5
        """
        return self._first("onestop_hand_over_rule", HandOverRule, "a HandOverRule")

    def fee_book(self) -> FeeBook:
        """Every plugin's fees in one book: a province's schedules override built-in ones."""
        builtin: list[FeeBook] = []
        local: list[tuple[str, FeeBook]] = []
        for plugin, result in self._results("onestop_fee_book"):
            book = _checked(result, FeeBook, "a FeeBook", plugin, "onestop_fee_book")
            if plugin in self._builtin:
                builtin.append(book)
            else:
                local.append((plugin, book))
        overridden = {s.procedure for _, book in local for s in book.schedules}
        schedules = [s for book in builtin for s in book.schedules if s.procedure not in overridden]
        schedules += [s for _, book in local for s in book.schedules]
        books = [*builtin, *(book for _, book in local)]
        try:
            return FeeBook(
                tuple(schedules),
                tuple(e for book in books for e in book.exemptions),
                tuple(r for book in books for r in book.reductions),
            )
        except OneStopError as error:
            names = ", ".join(plugin for plugin, _ in local) or "(built-in)"
            raise PluginError(str(error), plugin=names, hook="onestop_fee_book") from error

    # -- adapters ---------------------------------------------------------------

    def store(self, settings: Settings, calendar: Calendar | None = None) -> DossierStore:
        """The dossier store ``settings`` names, its deadlines on ``calendar``.

        :param calendar: default: :meth:`calendar`.
        :raises PluginError: when no plugin knows the store setting.
        """
        _settings(settings)
        if calendar is not None and not isinstance(calendar, Calendar):
            raise UsageError(f"calendar is a Calendar or None, got {shown(calendar)}")
        store = self._protocol(
            "onestop_dossier_store",
            ("append", "load", "query", "pending", "verify_all"),
            "a DossierStore",
            settings=settings,
            calendar=calendar if calendar is not None else self.calendar(),
        )
        if store is None:
            raise PluginError(
                f"no plugin opens the store {shown(settings.store)}",
                plugin="(none)",
                hook="onestop_dossier_store",
            )
        return store  # type: ignore[no-any-return]

    def dossier_coder(self) -> DossierCoder | None:
        """The province's dossier coder, or ``None`` for the built-in coding.

        .. versionadded:: 0.5
        """
        return self._protocol(  # type: ignore[no-any-return]
            "onestop_dossier_coder", ("series", "code"), "a DossierCoder"
        )

    def sequence(self, settings: Settings) -> SequenceSource | None:
        """A province's source of running numbers, or ``None`` to use the store's."""
        _settings(settings)
        return self._protocol(  # type: ignore[no-any-return]
            "onestop_sequence", ("next",), "a SequenceSource", settings=settings
        )

    def signer(self, settings: Settings) -> Signer | None:
        """The configured signer, or ``None`` when nothing is configured."""
        _settings(settings)
        return self._protocol(  # type: ignore[no-any-return]
            "onestop_signer", ("sign", "verify"), "a Signer", settings=settings
        )

    def portal(self, settings: Settings, calendar: Calendar | None = None) -> PortalAdapter | None:
        """The configured portal adapter, or ``None`` when nothing is configured.

        :param calendar: the office's calendar, for the appointments it sends (default:
            :meth:`calendar`).
        """
        _settings(settings)
        if calendar is not None and not isinstance(calendar, Calendar):
            raise UsageError(f"calendar is a Calendar or None, got {shown(calendar)}")
        return self._protocol(  # type: ignore[no-any-return]
            "onestop_portal",
            ("deliver",),
            "a PortalAdapter",
            settings=settings,
            calendar=calendar if calendar is not None else self.calendar(),
        )

    # -- the dossier's life -----------------------------------------------------

    def check_receipt(
        self,
        procedure: Procedure,
        applicant: Applicant,
        components: tuple[str, ...],
        channel: Channel,
    ) -> tuple[str, ...]:
        """Every plugin's reasons not to receive the dossier (empty: none)."""
        _case(procedure, applicant)
        if not isinstance(channel, Channel):
            raise UsageError(f"channel is a Channel, got {shown(channel)}")
        if not isinstance(components, tuple) or not all(isinstance(c, str) for c in components):
            raise UsageError(f"components is a tuple of names, got {shown(components)}")
        problems: list[str] = []
        for plugin, result in self._results(
            "onestop_check_receipt",
            procedure=procedure,
            applicant=applicant,
            components=components,
            channel=channel,
        ):
            problems.extend(
                _checked(reason, str, "a reason as text", plugin, "onestop_check_receipt")
                for reason in _iterable(result, "reasons", plugin, "onestop_check_receipt")
            )
        return tuple(problems)

    def enrich_applicant(self, applicant: Applicant, procedure: Procedure) -> Applicant:
        """The applicant after every plugin's enrichment."""
        _case(procedure, applicant)
        return self._chained(
            "onestop_enrich_applicant", "applicant", applicant, "an Applicant", procedure=procedure
        )

    def notify(
        self, dossier: Dossier, event: DossierEvent, at: datetime
    ) -> tuple[PluginError, ...]:
        """Tell every notification plugin about ``event``; return the failures, never raise them.

        The event is stored already: a failing notifier must not make the caller think
        otherwise, so its error is returned (and the office logs it).
        """
        if not isinstance(dossier, Dossier) or not isinstance(at, datetime):
            raise UsageError(
                f"notify takes a Dossier and a datetime, got {shown(dossier)}, {shown(at)}"
            )
        if event not in dossier.events[-1:]:
            raise UsageError(f"the event is the dossier's last one, got {shown(event)}")
        failures = []
        for impl in reversed(self.manager.hook.onestop_dossier_event.get_hookimpls()):
            try:
                self._call_one(impl, "onestop_dossier_event", dossier=dossier, event=event, at=at)
            except PluginError as error:
                failures.append(error)
        return tuple(failures)


def _case(procedure: object, applicant: object) -> None:
    if not isinstance(procedure, Procedure):
        raise UsageError(f"procedure is a Procedure, got {shown(procedure)}")
    if not isinstance(applicant, Applicant):
        raise UsageError(f"applicant is an Applicant, got {shown(applicant)}")


def _settings(settings: object) -> None:
    if not isinstance(settings, Settings):
        raise UsageError(f"settings is a Settings, got {shown(settings)}")


def _checked(
    value: object, kind: type[_T] | tuple[type, ...], what: str, plugin: str, hook: str
) -> _T:
    if not isinstance(value, kind):
        raise PluginError(f"returned {shown(value)}, not {what}", plugin=plugin, hook=hook)
    return value  # type: ignore[return-value]


def _iterable(value: object, what: str, plugin: str, hook: str) -> list[Any]:
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise PluginError(
            f"returned {shown(value)}, not a list of {what}", plugin=plugin, hook=hook
        )
    try:  # a generator runs the plugin's code: it may fail midway
        return list(value)
    except Exception as error:
        raise PluginError(
            f"failed while listing its {what}: {type(error).__name__}: {error}",
            plugin=plugin,
            hook=hook,
        ) from error


def plugin_host(
    *, load_entry_points: bool | None = None, plugins: Iterable[tuple[str, object]] = ()
) -> PluginHost:
    """A host with the built-ins, then ``plugins`` (``(name, plugin)`` pairs), then entry points.

    :param load_entry_points: load the ``onestop`` entry points; by default, unless
        :data:`AUTOLOAD_VARIABLE` is set in the environment.
    """
    host = PluginHost()
    host.register_builtins()
    for name, plugin in plugins:
        host.register(plugin, name)
    if load_entry_points is None:
        load_entry_points = not os.environ.get(AUTOLOAD_VARIABLE)
    if load_entry_points:
        host.load_entry_points()
    return host
