"""The hook specifications: everything a plugin can provide to onestop.

A plugin is any module or object with functions named after these hooks and marked
with :data:`onestop.plugins.hookimpl`; a province publishes it in a package with an
entry point in the ``onestop`` group (see "Writing a province plugin"). onestop's own
national data, stores, signer and portal adapter are registered the same way, first,
so a province's implementation of a first-result hook wins over the built-in one.

Each hook's documentation says what is asked, when onestop calls it, whether the
first result wins or every result counts, and who implements it. Plugins may take
any subset of a hook's arguments (pluggy passes those they name). The
:class:`~onestop.plugins.PluginHost` calls every hook and checks what comes
back: a wrong type, or an exception, becomes a
:class:`~onestop.exceptions.PluginError` naming the plugin and the hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from onestop.domain.model._applicant import Applicant
    from onestop.domain.model._boundary_free import BoundaryFreeList
    from onestop.domain.model._dossier import Dossier
    from onestop.domain.model._dossier_code import DossierCoder
    from onestop.domain.model._dossier_code import SequenceSource
    from onestop.domain.model._events import DossierEvent
    from onestop.domain.model._hand_over import HandOverRule
    from onestop.domain.model._procedure import Channel
    from onestop.domain.model._procedure import Procedure
    from onestop.domain.time._calendar import Calendar
    from onestop.domain.time._policy import DeadlinePolicy
    from onestop.portal._contract import PortalAdapter
    from onestop.rules._fees import FeeBook
    from onestop.settings import Settings
    from onestop.signing._contract import Signer
    from onestop.storage._contract import DossierStore

__all__ = [
    "PROJECT",
    "hookspec",
    "onestop_base_calendar",
    "onestop_boundary_free",
    "onestop_calendar",
    "onestop_check_receipt",
    "onestop_deadline_policy",
    "onestop_dossier_coder",
    "onestop_dossier_event",
    "onestop_dossier_store",
    "onestop_enrich_applicant",
    "onestop_fee_book",
    "onestop_hand_over_rule",
    "onestop_portal",
    "onestop_procedures",
    "onestop_sequence",
    "onestop_signer",
]

#: The pluggy project name, and the entry-point group plugins are published in.
PROJECT = "onestop"

#: Marks a hook specification (onestop's own use).
hookspec = pluggy.HookspecMarker(PROJECT)


# -- the working calendar ------------------------------------------------------------


@hookspec(firstresult=True)
def onestop_base_calendar(first_year: int, last_year: int) -> Calendar | None:
    """The calendar every adjustment starts from, covering ``first_year..last_year``.

    **Called** when the host builds the working calendar
    (:meth:`PluginHost.calendar <onestop.plugins.PluginHost.calendar>`), once
    per range of years. **First result wins**. **Implemented by** the built-in
    ``national`` plugin (the national civil-service calendar); a province implements
    it only to replace the national calendar outright, which it should not need.
    """


@hookspec
def onestop_calendar(calendar: Calendar) -> Calendar | None:
    """Adjust the working calendar: days off, closures, make-up days, hours, cut-offs.

    Local days off, closures, make-up days, office hours, seasonal hours and
    reception cut-offs are all adjustments of one calendar. **Called** after
    :func:`onestop_base_calendar`, with the calendar so far: the host passes each
    implementation the result of the one before (``None`` leaves it as it was).
    Build the result with the calendar's ``with_*`` methods (``with_days_off``,
    ``with_closures``, ``with_makeup_days``, ``with_office_hours``, ``with_season``,
    ``with_reception_cutoff``, ``with_same_day_cutoff``). **Every implementation
    runs**, chained, built-ins first. **Implemented by** province plugins.
    """


@hookspec(firstresult=True)
def onestop_deadline_policy(procedure: Procedure) -> DeadlinePolicy | None:
    """The deadline policy the province applies to ``procedure``'s dossiers.

    **Called** by the office when a dossier of ``procedure`` starts, before its terms
    are fixed in the dossier's intake; ``None`` keeps the procedure's own policy.
    **First result wins**. **Implemented by** province plugins that pick a policy
    (e.g. office time counted from the receipt moment rather than whole days).
    """


# -- procedures and fees ---------------------------------------------------------------


@hookspec
def onestop_procedures() -> Iterable[Procedure] | None:
    """The procedures this plugin contributes to the catalog.

    **Called** once when the host builds the catalog. **Every result counts**: the
    catalog holds them all. A province's procedure with the same code and version
    as a built-in one replaces it; two province plugins giving the same one is an
    error. **Implemented by** the ``national`` plugin (the sample national catalog)
    and province plugins (their local procedures and localized terms).
    """


@hookspec
def onestop_boundary_free() -> Iterable[BoundaryFreeList] | None:
    """The province's dated lists of procedures received regardless of administrative boundary.

    Each list is a decision of the provincial People's Committee (Decree 118/2025
    Art. 14): the procedures any of the province's one-stop departments receives, from
    a day to a day. **Called** once when the host builds the catalog (they become
    :attr:`Catalog.boundary_free <onestop.Catalog.boundary_free>`). **Every result
    counts**. **Implemented by** province plugins.

    .. versionadded:: 0.5
    """


@hookspec(firstresult=True)
def onestop_hand_over_rule() -> HandOverRule | None:
    """How soon boundary-free dossiers go to their competent agency, and where deadlines start.

    **Called** when the office starts; the rule is written into each boundary-free
    dossier's intake. **First result wins**; with none, provincial practice
    (:class:`~onestop.HandOverRule`'s defaults). **Implemented by** provinces with
    another practice (HCMC counts from the competent agency's receipt).

    .. versionadded:: 0.5
    """


@hookspec(firstresult=True)
def onestop_dossier_coder() -> DossierCoder | None:
    """Which code each received dossier gets, and whose daily counter numbers it.

    **Called** when the office starts. **First result wins**; with none, the built-in
    :class:`~onestop.rules.DossierCoding` with no centrally processed procedure
    (Circular 01/2018's code, headed by the reception point). **Implemented by**
    provinces whose centrally processed services take Circular 04/2025's code
    (a ``DossierCoding`` with their procedures and ID codes), or that head
    boundary-free dossiers' codes otherwise.

    .. versionadded:: 0.5
    """


@hookspec
def onestop_fee_book() -> FeeBook | None:
    """Fee schedules, exemptions and reductions this plugin adds or overrides.

    **Called** once when the host builds the fee book. **Every result counts**: a
    province's schedules for a procedure replace the built-in schedules of that
    procedure (an override, e.g. a provincial council's resolution); exemptions and
    reductions are added. **Implemented by** the ``national`` plugin and provinces.
    """


# -- adapters --------------------------------------------------------------------------


@hookspec(firstresult=True)
def onestop_dossier_store(settings: Settings, calendar: Calendar) -> DossierStore | None:
    """The dossier store ``settings.store`` names, or ``None`` when it names another kind.

    ``calendar`` is the working calendar the projection's deadlines are computed on.

    **Called** when the office starts. **First result wins**, and province plugins are
    asked before the built-ins. **Implemented by** the built-in ``storage`` plugin
    (``memory:`` and SQLite files) and by plugins of other stores (PostgreSQL, a
    province's own database).
    """


@hookspec(firstresult=True)
def onestop_sequence(settings: Settings) -> SequenceSource | None:
    """Where dossier running numbers come from, when not from the dossier store.

    **Called** when the office starts. **First result wins**; with none, the office
    takes numbers from its store (:meth:`DossierStore.next_sequence
    <onestop.storage.DossierStore.next_sequence>`). **Implemented by**
    provinces whose codes are issued by a shared provincial service.
    """


@hookspec(firstresult=True)
def onestop_signer(settings: Settings) -> Signer | None:
    """The signer of receipts, results and checkpoints.

    **Called** when the office starts. **First result wins**. **Implemented by** the
    built-in ``signing`` plugin (a key file named in ``settings``) and by plugins of
    hardware tokens (PKCS#11) or remote signing services; a signer keeps
    :class:`~onestop.signing.Signer`.
    """


@hookspec(firstresult=True)
def onestop_portal(settings: Settings, calendar: Calendar) -> PortalAdapter | None:
    """The adapter that delivers the outbox to the national portal.

    ``calendar`` is the office's: the appointments an adapter sends are computed on it
    (one calendar, as the store's projection).

    **Called** when the outbox is drained (``onestop outbox drain``, or the office's
    :meth:`~onestop.office.OneStopOffice.sync`). **First result wins**.
    **Implemented by** the built-in ``portal`` plugin (the national portal's HTTP
    interface, when ``settings.portal_url`` is set) and by provinces whose systems
    go through their own integration platform.

    .. versionchanged:: 0.5
       ``calendar`` is new (an implementation may still take only ``settings``).
    """


# -- the dossier's life ----------------------------------------------------------------


@hookspec
def onestop_check_receipt(
    procedure: Procedure, applicant: Applicant, components: tuple[str, ...], channel: Channel
) -> Iterable[str] | None:
    """Reasons, in words for the applicant, not to receive this dossier.

    **Called** by the office before it receives a dossier, after its own
    completeness check. **Every result counts**: any reason refuses the receipt
    (:class:`~onestop.exceptions.ReceiptRefusedError` lists them all). **Implemented by**
    provinces with local checks (a population-database lookup, a local form).
    """


@hookspec
def onestop_enrich_applicant(applicant: Applicant, procedure: Procedure) -> Applicant | None:
    """The applicant with facts a province fills in at receipt (``None``: unchanged).

    **Called** by the office before a dossier starts; each implementation gets the
    result of the one before. **Every implementation runs**, chained.
    **Implemented by** provinces that look applicants up (the national population
    database gives the address from the citizen ID).
    """


@hookspec
def onestop_dossier_event(dossier: Dossier, event: DossierEvent, at: datetime) -> None:
    """React to an event stored on a dossier: SMS, Zalo, e-mail, a dashboard.

    **Called** by the office after each successful append, once per event, with the
    dossier after the event; ``at`` is when the office stored it. **Every
    implementation runs.** A failure is logged and reported in the office's result,
    never undoes the stored event. **Implemented by** notification plugins.
    """
