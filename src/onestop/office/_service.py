"""``OneStopOffice``: the service a provincial system calls.

Every call runs, in order: the permission rule (:func:`onestop.rules.authorize`),
the domain transition (:meth:`Dossier.apply`), one atomic append to the store (events,
projection and outbox together), the signer for receipts and results, and the
notification plugins. If another process changed the dossier between the load and
the append, the store raises :class:`~onestop.exceptions.ConcurrencyError`: nothing
was written, and the call can be retried on the reloaded dossier.

Build one from the plugins (:func:`onestop.office.open_office`: the configured store,
signer, calendar, catalog and fees, SQLite when nothing else is configured) or from
explicit parts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from collections.abc import Sequence
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop import events
from onestop._shown import shown
from onestop.domain.model._actor import Actor
from onestop.domain.model._agency import check_agency_code
from onestop.domain.model._applicant import Applicant
from onestop.domain.model._catalog import Catalog
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._dossier_code import DossierCode
from onestop.domain.model._hand_over import PROVINCIAL_PRACTICE
from onestop.domain.model._hand_over import HandOverRule
from onestop.domain.model._procedure import Channel
from onestop.domain.model._procedure import Procedure
from onestop.domain.model._timeliness import Standing
from onestop.domain.time._calendar import Calendar
from onestop.domain.time._local_time import now as vietnam_now
from onestop.domain.time._local_time import to_local
from onestop.exceptions import NoFeeScheduleError
from onestop.exceptions import OfficeError
from onestop.exceptions import OneStopError
from onestop.exceptions import PluginError
from onestop.exceptions import UnsignedEventError
from onestop.exceptions import UsageError
from onestop.office._issued_documents import receipt_document
from onestop.office._issued_documents import result_document
from onestop.office._queries import OfficeQueries
from onestop.rules._dossier_coding import DossierCoding
from onestop.rules._fees import Assessment
from onestop.rules._fees import Facts
from onestop.rules._fees import FeeBook
from onestop.rules._permissions import authorize
from onestop.rules._receipt import level_problems
from onestop.rules._receipt import missing_components
from onestop.rules._receipt import place_problems
from onestop.rules._receipt import refuse_unless_complete
from onestop.signing._documents import SignedDocument
from onestop.signing._documents import sign_document

if TYPE_CHECKING:
    from onestop.domain.model._dossier_code import DossierCoder
    from onestop.domain.model._dossier_code import SequenceSource
    from onestop.domain.model._satisfaction import Satisfaction
    from onestop.plugins._manager import PluginHost
    from onestop.portal._contract import PortalAdapter
    from onestop.portal._sync import OutboxSync
    from onestop.portal._sync import SyncReport
    from onestop.signing._contract import Signer
    from onestop.storage._contract import DossierStore

__all__ = ["OfficeResult", "OneStopOffice"]

_log = logging.getLogger(__name__)


@attrs.frozen(kw_only=True)
class OfficeResult:
    """What an office call did.

    :param dossier: the dossier after the call, as stored.
    :param event: the event the call stored.
    :param document: the receipt or result document (JSON data), for calls that issue one.
    :param signed: that document signed, when the office has a signer.
    :param assessment: the fees assessed at receipt.
    :param appointment: when the result is promised, once received.
    :param notification_failures: notification plugins that failed (the event is stored).
    """

    dossier: Dossier
    event: events.DossierEvent
    document: dict[str, Any] | None = None
    signed: SignedDocument | None = None
    assessment: Assessment | None = None
    appointment: datetime | None = None
    notification_failures: tuple[PluginError, ...] = ()


class OneStopOffice(OfficeQueries):
    """A one-stop office over a dossier store: the commands, and the queries it inherits.

    The commands (receive, transfer, resolve, …) are methods of this class, each in the
    order permission → domain → one atomic append → signer → notify; the queries
    (lookup, statistics, quality, late, form, log book) are those of
    :class:`~onestop.office.OfficeQueries`, their one home.

    :param store: where dossiers live.
    :param calendar: the working calendar (the province's, with its days off and hours).
    :param catalog: the procedures the office receives.
    :param fee_book: the fees it assesses.
    :param signer: signs receipts and results (``None``: documents are issued unsigned).
    :param sequence: running numbers of dossier codes (default: the store's).
    :param coder: which code a received dossier gets (default:
        :class:`~onestop.rules.DossierCoding` with no centrally processed procedure:
        Circular 01/2018's code, headed by the reception point).
    :param plugins: the plugin host for receipt checks, enrichment, the deadline
        policy, notifications and the portal (``None``: no plugins).
    :param portal: where :meth:`sync` delivers the outbox when given no adapter.
    :param hand_over: the rule boundary-free dossiers are received under (default:
        provincial practice, :class:`~onestop.HandOverRule`'s defaults).
    :param now: the clock, for calls given no instant (Vietnam time).
    :raises UsageError: when a part is not of its kind, or the store computes its
        projection's deadlines on another calendar than ``calendar`` (one calendar:
        open the store with the office's).

    Build the office a deployment describes with :func:`onestop.office.open_office`
    (settings and plugins).

    .. versionadded:: 0.3
    .. versionchanged:: 0.5
       ``from_plugins`` became :func:`onestop.office.open_office`; ``portal``,
       ``hand_over`` and ``coder`` are new.
    """

    def __init__(
        self,
        store: DossierStore,
        *,
        calendar: Calendar,
        catalog: Catalog,
        fee_book: FeeBook | None = None,
        signer: Signer | None = None,
        sequence: SequenceSource | None = None,
        coder: DossierCoder | None = None,
        plugins: PluginHost | None = None,
        portal: PortalAdapter | None = None,
        hand_over: HandOverRule | None = None,
        now: Callable[[], datetime] = vietnam_now,
    ) -> None:
        """An office over ``store`` (see the class documentation)."""
        _check_parts(
            calendar=calendar,
            catalog=catalog,
            fee_book=fee_book,
            hand_over=hand_over,
            store=store,
            signer=signer,
            sequence=sequence,
            coder=coder,
            plugins=plugins,
            portal=portal,
        )
        if not callable(now):
            raise UsageError(f"now is a clock: a function returning a datetime, got {shown(now)}")
        super().__init__(store, calendar=calendar)
        self.catalog = catalog
        self.fee_book = fee_book if fee_book is not None else FeeBook(())
        self.signer = signer
        self.sequence = sequence
        self.coder: DossierCoder = coder if coder is not None else DossierCoding()
        self.plugins = plugins
        self.portal = portal
        self.hand_over_rule = hand_over if hand_over is not None else PROVINCIAL_PRACTICE
        self.now = now

    def close(self) -> None:
        """Close the store (and the portal adapter, when it has a ``close``)."""
        self.store.close()
        close = getattr(self.portal, "close", None)
        if callable(close):
            close()

    # -- the pipeline -------------------------------------------------------------

    def _instant(self, at: datetime | None) -> datetime:
        if at is None:
            now = self.now()
            if not isinstance(now, datetime):
                raise UsageError(f"the office's clock returned {shown(now)}, not a datetime")
            return to_local(now)
        if not isinstance(at, datetime):
            raise UsageError(f"at is a datetime or None (now), got {shown(at)}")
        return to_local(at)

    def _store(
        self,
        current: Dossier | None,
        event: events.DossierEvent,
        document: dict[str, Any] | None = None,
        **extra: Any,  # noqa: ANN401 - the OfficeResult's optional fields
    ) -> OfficeResult:
        """The append, the signature, the notifications — in that order.

        The caller has checked the permission (before the domain step). The signature
        comes after the append, so no signed document ever names an event the store
        refused; if the signer fails, the event is stored all the same and the error
        says so.
        """
        version = 0 if current is None else len(current)
        stored = self.store.append(current, version, [event])
        return self._issue(stored, event, document, **extra)

    def _issue(
        self,
        stored: Dossier,
        event: events.DossierEvent,
        document: dict[str, Any] | None = None,
        **extra: Any,  # noqa: ANN401 - the OfficeResult's optional fields
    ) -> OfficeResult:
        """After the append: the signature, then the notifications."""
        signed = None
        if document is not None and self.signer is not None:
            try:
                signed = sign_document(document, self.signer)
            except OneStopError as error:
                raise UnsignedEventError(
                    f"dossier {stored.id}: the {shown(event.kind)} event is stored (version "
                    f"{len(stored)}), but its document could not be signed: {error}",
                    dossier_id=stored.id,
                    version=len(stored),
                    kind=event.kind,
                ) from error
        failures: tuple[PluginError, ...] = ()
        if self.plugins is not None:
            failures = self.plugins.notify(stored, event, self._instant(None))
            for failure in failures:
                _log.warning("notification failed for dossier %s: %s", stored.id, failure)
        return OfficeResult(
            dossier=stored,
            event=event,
            document=document,
            signed=signed,
            notification_failures=failures,
            **extra,
        )

    def _act(self, dossier_id: str, event: events.DossierEvent, **extra: Any) -> OfficeResult:  # noqa: ANN401
        current = self.store.load(dossier_id)
        authorize(current, event)  # the permission rule first; the append applies the
        return self._store(current, event, **extra)  # event, refusing what does not follow

    def _procedure(self, code: str, at: datetime) -> Procedure:
        procedure = self.catalog.get(code, at.date())
        if self.plugins is not None:
            policy = self.plugins.deadline_policy(procedure)
            if policy is not None and policy is not procedure.deadline_policy:
                procedure = attrs.evolve(procedure, deadline_policy=policy)
        return procedure

    def _applicant(self, applicant: Applicant, procedure: Procedure) -> Applicant:
        if not isinstance(applicant, Applicant):
            raise UsageError(f"applicant is an Applicant, got {shown(applicant)}")
        if self.plugins is None:
            return applicant
        return self.plugins.enrich_applicant(applicant, procedure)

    def _check_receipt(
        self,
        procedure: Procedure,
        applicant: Applicant,
        components: tuple[str, ...],
        channel: Channel,
        at: datetime,
        *,
        places: dict[str, Any],
    ) -> None:
        problems = level_problems(procedure, at.date())
        problems += place_problems(
            procedure,
            self.catalog,
            at.date(),
            competent_agency=places.get("competent_agency"),
            return_point=places.get("return_point"),
        )
        problems += missing_components(procedure, components)
        if self.plugins is not None:
            problems += self.plugins.check_receipt(procedure, applicant, components, channel)
        refuse_unless_complete(problems)

    def _assess(self, dossier: Dossier, facts: Facts | None) -> Assessment | None:
        received_at = dossier.received_at
        if received_at is None:  # pragma: no cover - assessed at receipt only
            return None
        key = dossier.terms.fee_schedule
        if key is None:  # a free procedure: a zero assessment, not "no assessment"
            return Assessment.free(dossier.terms.code, received_at.date())
        facts = facts if facts is not None else Facts.from_dossier(dossier)
        try:
            return self.fee_book.assess(
                key, attrs.evolve(facts, channel=dossier.channel), received_at.date()
            )
        except NoFeeScheduleError:
            return None

    def _receipt(
        self, provisional: Dossier, current: Dossier | None, facts: Facts | None
    ) -> OfficeResult:
        """Number and store the receipt event of ``provisional`` (numbered 1), then issue it.

        The running number is taken in the append's own transaction (unless a province
        plugin gives the numbers), so a failed receipt leaves no gap and costs one
        commit. Fees and the appointment do not depend on the number: they are
        computed before anything is written.
        """
        assessment = self._assess(provisional, facts)
        appointment = provisional.appointment(self.calendar)
        if appointment is None:  # pragma: no cover - a received dossier has one
            raise OfficeError("a received dossier has an appointment")
        event = provisional.events[-1]
        if not isinstance(event, events.Received):  # pragma: no cover - built by receive calls
            raise OfficeError("a receipt stores a reception event")
        intake, at = provisional.intake, event.at
        agency = self._coder_call("series", intake)
        version = 0 if current is None else len(current)

        def numbered(number: int) -> list[events.DossierEvent]:
            code = self._coder_call("code", intake, at.date(), number)
            return [attrs.evolve(event, code=code)]

        if self.sequence is not None:
            number = self._next_number(agency, at)
            stored = self.store.append(current, version, numbered(number))
        else:
            stored = self.store.append_numbered(current, version, agency, at, numbered)
        return self._issue(
            stored,
            stored.events[-1],
            document=receipt_document(stored, appointment, assessment),
            assessment=assessment,
            appointment=appointment,
        )

    def _coder_call(self, method: str, *arguments: object) -> Any:  # noqa: ANN401
        """The coder's answer, checked: a province's coder that fails is named."""
        hook = f"DossierCoder.{method}"
        plugin = type(self.coder).__name__
        try:
            answer = getattr(self.coder, method)(*arguments)
        except OneStopError:
            raise
        except Exception as error:
            raise PluginError(
                f"raised {type(error).__name__}: {error}", plugin=plugin, hook=hook
            ) from error
        if method == "code" and not isinstance(answer, DossierCode):
            raise PluginError(
                f"returned {shown(answer)}, not a DossierCode", plugin=plugin, hook=hook
            )
        if method == "series":
            try:
                check_agency_code(answer)
            except OneStopError:
                raise PluginError(
                    f"returned {shown(answer)}, not an agency code", plugin=plugin, hook=hook
                ) from None
        return answer

    def _next_number(self, agency: str, at: datetime) -> int:
        """The province's running number (a plugin): what it raises names it."""
        try:
            number = self.sequence.next(agency, at.date())  # type: ignore[union-attr]
        except OneStopError:
            raise
        except Exception as error:
            raise PluginError(
                f"raised {type(error).__name__}: {error}",
                plugin=type(self.sequence).__name__,
                hook="SequenceSource.next",
            ) from error
        if type(number) is not int:
            raise PluginError(
                f"returned {shown(number)}, not a running number",
                plugin=type(self.sequence).__name__,
                hook="SequenceSource.next",
            )
        return number

    @staticmethod
    def _desk_agency(actor: Actor) -> str:
        if not isinstance(actor, Actor):
            raise UsageError(f"actor is an Actor, got {shown(actor)}")
        if actor.agency is None:
            raise OfficeError(f"{actor.name} acts for no agency; a one-stop desk receives dossiers")
        return actor.agency

    def _places(
        self, agency: str, competent_agency: str | None, return_point: str | None
    ) -> dict[str, Any]:
        """The intake's places apart from the desk: none for an ordinary dossier."""
        for name, value in (("competent_agency", competent_agency), ("return_point", return_point)):
            if value is not None and not isinstance(value, str):
                raise UsageError(f"{name} is an agency code or None, got {shown(value)}")
        competent = None if competent_agency == agency else competent_agency
        returning = None if return_point == agency else return_point
        return {
            "competent_agency": competent,
            "return_point": returning,
            "hand_over": None if competent is None else self.hand_over_rule,
        }

    # -- starting a dossier ---------------------------------------------------------

    def submit(
        self,
        procedure: str,
        applicant: Applicant,
        *,
        agency: str,
        actor: Actor,
        channel: Channel = Channel.ONLINE,
        at: datetime | None = None,
        dossier_id: str | None = None,
        competent_agency: str | None = None,
        return_point: str | None = None,
    ) -> OfficeResult:
        """A dossier submitted online (default) or by post, waiting at ``agency``'s desk.

        ``dossier_id`` is the dossier's identity when the calling system has one (a new
        random one by default), here and in :meth:`receive` and :meth:`refuse`.

        ``competent_agency`` and ``return_point``, here and in :meth:`receive` and
        :meth:`refuse`, name the agency that decides and where the result is handed
        over, when they are not the desk's agency: a boundary-free dossier (the
        procedure on one of the catalog's lists that day), received under the office's
        hand-over rule. The competent agency is the one the procedure version names for
        the applicant's case, as the calling system knows its agencies: onestop never
        takes it from where the dossier was lodged.

        :raises ReceiptRefusedError: when the procedure is not boundary-free that day
            and a place apart is named.

        .. versionchanged:: 0.5
           ``competent_agency`` and ``return_point``.
        """
        at = self._instant(at)
        if channel is Channel.IN_PERSON:
            raise OfficeError("a dossier brought in person is received or refused at the desk")
        chosen = self._procedure(procedure, at)
        applicant = self._applicant(applicant, chosen)
        places = self._places(agency, competent_agency, return_point)
        refuse_unless_complete(
            place_problems(
                chosen,
                self.catalog,
                at.date(),
                competent_agency=places["competent_agency"],
                return_point=places["return_point"],
            )
        )
        dossier = Dossier.submit(
            chosen,
            applicant,
            agency=agency,
            at=at,
            actor=actor,
            channel=channel,
            dossier_id=dossier_id,
            **places,
        )
        authorize(dossier, dossier.events[0])
        return self._store(None, dossier.events[0])

    def receive(
        self,
        procedure: str,
        applicant: Applicant,
        *,
        actor: Actor,
        components: Sequence[str],
        channel: Channel = Channel.IN_PERSON,
        facts: Facts | None = None,
        at: datetime | None = None,
        dossier_id: str | None = None,
        digitised: bool = False,
        competent_agency: str | None = None,
        return_point: str | None = None,
    ) -> OfficeResult:
        """Receive a dossier brought to the desk: check, assess fees, code it, sign the receipt.

        :param procedure: the procedure code (the version in force today is used).
        :param components: the components handed in, by name.
        :param facts: the counted facts fees depend on (pages, copies, values).
        :param digitised: whether the paper components were scanned and signed here.
        :param competent_agency: the agency that decides, when not the desk's (see
            :meth:`submit`).
        :param return_point: where the result is handed over, when not the desk.
        :raises ReceiptRefusedError: listing each missing component, a place the
            procedure may not be lodged or returned at, and each plugin's reason.

        .. versionchanged:: 0.5
           ``competent_agency`` and ``return_point``.
        """
        at = self._instant(at)
        _check_facts(facts)
        agency = self._desk_agency(actor)
        chosen = self._procedure(procedure, at)
        applicant = self._applicant(applicant, chosen)
        given = _names(components)
        places = self._places(agency, competent_agency, return_point)
        self._check_receipt(chosen, applicant, given, channel, at, places=places)

        provisional = Dossier.receive(
            chosen,
            applicant,
            agency=agency,
            at=at,
            actor=actor,
            code=DossierCode(agency, at.date(), 1),  # numbered when stored
            channel=channel,
            components=given,
            dossier_id=dossier_id,
            digitised=digitised,
            **places,
        )
        authorize(provisional, provisional.events[0])  # before a running number is used
        return self._receipt(provisional, None, facts)

    def receive_submitted(
        self,
        dossier_id: str,
        *,
        actor: Actor,
        components: Sequence[str],
        facts: Facts | None = None,
        at: datetime | None = None,
        digitised: bool = False,
    ) -> OfficeResult:
        """Receive a dossier submitted online or by post, after checking it like one at the desk.

        ``digitised`` says a postal dossier's paper components were scanned and signed.
        """
        at = self._instant(at)
        _check_facts(facts)
        current = self.store.load(dossier_id)
        agency = self._desk_agency(actor)
        given = _names(components)
        procedure = self.catalog.get(current.terms.code, at.date())
        intake = current.intake
        places = {"competent_agency": intake.competent_agency, "return_point": intake.return_point}
        self._check_receipt(procedure, current.applicant, given, current.channel, at, places=places)
        event = events.Received(
            at=at,
            actor=actor,
            code=DossierCode(agency, at.date(), 1),  # numbered when stored
            components=given,
            digitised=digitised,
        )
        authorize(current, event)  # before a running number is used
        return self._receipt(current.apply(event), current, facts)

    def refuse(
        self,
        procedure: str,
        applicant: Applicant,
        *,
        actor: Actor,
        reason: str,
        channel: Channel = Channel.IN_PERSON,
        at: datetime | None = None,
        dossier_id: str | None = None,
        competent_agency: str | None = None,
        return_point: str | None = None,
    ) -> OfficeResult:
        """Refuse a dossier at the desk, with the reasons (a refusal slip is the record).

        A desk may refuse any dossier: the places are recorded as the applicant asked.

        .. versionchanged:: 0.5
           ``competent_agency`` and ``return_point``.
        """
        at = self._instant(at)
        agency = self._desk_agency(actor)
        chosen = self._procedure(procedure, at)
        dossier = Dossier.refuse(
            chosen,
            applicant,
            agency=agency,
            at=at,
            actor=actor,
            reason=reason,
            channel=channel,
            dossier_id=dossier_id,
            **self._places(agency, competent_agency, return_point),
        )
        authorize(dossier, dossier.events[0])
        return self._store(None, dossier.events[0])

    def refuse_submitted(
        self, dossier_id: str, *, actor: Actor, reason: str, at: datetime | None = None
    ) -> OfficeResult:
        """Refuse a dossier submitted online or by post."""
        return self._act(
            dossier_id, events.Refused(at=self._instant(at), actor=actor, reason=reason)
        )

    # -- processing -----------------------------------------------------------------

    def request_supplement(
        self, dossier_id: str, *, actor: Actor, items: Sequence[str], at: datetime | None = None
    ) -> OfficeResult:
        """Ask the applicant for every missing or wrong item at once; the clock pauses."""
        event = events.SupplementRequested(at=self._instant(at), actor=actor, items=items)
        return self._act(dossier_id, event)

    def record_supplement(
        self, dossier_id: str, *, actor: Actor, at: datetime | None = None
    ) -> OfficeResult:
        """The supplemented dossier arrived; the clock runs again."""
        return self._act(dossier_id, events.Supplemented(at=self._instant(at), actor=actor))

    def request_payment(
        self, dossier_id: str, *, actor: Actor, amount: int, at: datetime | None = None
    ) -> OfficeResult:
        """Ask the applicant to pay ``amount`` đồng (a tax, fee or charge) before going on."""
        return self._act(
            dossier_id, events.PaymentRequested(at=self._instant(at), actor=actor, amount=amount)
        )

    def record_payment(
        self,
        dossier_id: str,
        *,
        actor: Actor,
        amount: int,
        online: bool = False,
        at: datetime | None = None,
    ) -> OfficeResult:
        """The applicant paid ``amount`` đồng (``online``: on the portal's payment platform)."""
        event = events.Paid(at=self._instant(at), actor=actor, amount=amount, online=online)
        return self._act(dossier_id, event)

    def hand_over(
        self, dossier_id: str, *, actor: Actor, at: datetime | None = None
    ) -> OfficeResult:
        """Hand a boundary-free dossier to its competent agency (the reception point's clerk).

        The competent agency holds it from then on; :meth:`Dossier.hand_over
        <onestop.Dossier.hand_over>` says whether it went in time.

        :raises OfficeError: when the dossier is decided at its reception point.

        .. versionadded:: 0.5
        """
        current = self.store.load(dossier_id)
        if not current.boundary_free:
            raise OfficeError(
                f"dossier {dossier_id} is decided where it was received ({current.agency}); "
                "only a boundary-free dossier is handed over"
            )
        event = events.HandedOver(
            at=self._instant(at), actor=actor, to_agency=current.competent_agency
        )
        authorize(current, event)
        return self._store(current, event)

    def transfer(
        self,
        dossier_id: str,
        *,
        actor: Actor,
        to_agency: str,
        step: str,
        at: datetime | None = None,
    ) -> OfficeResult:
        """Hand the dossier to ``to_agency`` for ``step`` (appraisal, an inter-agency share)."""
        event = events.Transferred(
            at=self._instant(at), actor=actor, to_agency=to_agency, step=step
        )
        return self._act(dossier_id, event)

    def resolve(
        self,
        dossier_id: str,
        *,
        actor: Actor,
        result: str,
        digitised: bool = False,
        at: datetime | None = None,
    ) -> OfficeResult:
        """The result is ready; the signed result notice is issued.

        ``digitised``: the result exists as a signed electronic document.
        """
        at = self._instant(at)
        current = self.store.load(dossier_id)
        event = events.Resolved(at=at, actor=actor, result=result, digitised=digitised)
        authorize(current, event)
        new = current.apply(event)
        document = result_document(new, result, at)
        return self._store(current, event, document=document)

    def reject(
        self, dossier_id: str, *, actor: Actor, reason: str, at: datetime | None = None
    ) -> OfficeResult:
        """Not eligible: the written refusal is the result."""
        return self._act(
            dossier_id, events.Rejected(at=self._instant(at), actor=actor, reason=reason)
        )

    def apologize(
        self,
        dossier_id: str,
        *,
        actor: Actor,
        reason: str,
        new_appointment: datetime,
        at: datetime | None = None,
    ) -> OfficeResult:
        """Apologize and set a new appointment: once, and only when late or about to be.

        The apology states the real deadline from the calendar, not one given here.

        :raises OfficeError: when the dossier is neither late nor due soon, or the new
            appointment is not after now.
        :raises CalendarRangeError: when the new appointment is past the calendar's years
            (nothing can be promised on days the calendar does not know).
        """
        at = self._instant(at)
        current = self.store.load(dossier_id)
        standing = current.timeliness(self.calendar, at)
        if standing is None:
            raise OfficeError(f"dossier {dossier_id} is not received: there is nothing late")
        if standing.standing not in {Standing.OVERDUE, Standing.DUE_SOON}:
            raise OfficeError(
                f"dossier {dossier_id} is in time (deadline {standing.deadline:%d/%m/%Y %H:%M}, "
                f"{standing.remaining} of office time left): no apology is due"
            )
        new_appointment = self._instant(new_appointment)
        if new_appointment <= at:
            raise OfficeError(f"the new appointment {new_appointment} is not after {at}")
        self.calendar.is_working_day(new_appointment.date())  # raises past the calendar's years
        event = events.Apologized(
            at=at,
            actor=actor,
            reason=reason,
            original_due=standing.deadline,
            new_appointment=new_appointment,
        )
        authorize(current, event)
        return self._store(current, event, appointment=new_appointment)

    def withdraw(
        self,
        dossier_id: str,
        *,
        actor: Actor,
        reason: str = "applicant's request",
        at: datetime | None = None,
    ) -> OfficeResult:
        """Withdrawn at the applicant's request."""
        return self._act(
            dossier_id, events.Withdrawn(at=self._instant(at), actor=actor, reason=reason)
        )

    def stop(
        self, dossier_id: str, *, actor: Actor, reason: str, at: datetime | None = None
    ) -> OfficeResult:
        """Stop processing, for the reason given."""
        return self._act(
            dossier_id, events.Stopped(at=self._instant(at), actor=actor, reason=reason)
        )

    def return_result(
        self,
        dossier_id: str,
        *,
        actor: Actor,
        channel: Channel = Channel.IN_PERSON,
        at: datetime | None = None,
    ) -> OfficeResult:
        """The result was handed over (at the desk, electronically or by post)."""
        return self._act(
            dossier_id, events.Returned(at=self._instant(at), actor=actor, channel=channel)
        )

    def rate(
        self,
        dossier_id: str,
        *,
        actor: Actor,
        level: Satisfaction,
        comment: str | None = None,
        at: datetime | None = None,
    ) -> OfficeResult:
        """The applicant's rating of how the dossier was handled, once it closed (once).

        :raises TransitionError: while the dossier is open, or when it is rated already.
        """
        event = events.Rated(at=self._instant(at), actor=actor, level=level, comment=comment)
        return self._act(dossier_id, event)

    # -- the outbox -----------------------------------------------------------------

    def outbox_sync(
        self,
        adapter: PortalAdapter | None = None,
        *,
        worker: str | None = None,
        lease: timedelta | None = None,
    ) -> OutboxSync:
        """An outbox worker delivering this office's outbox to ``adapter`` (or its portal).

        It reads the office's clock (Vietnam time). ``worker`` and ``lease`` are as in
        :class:`~onestop.portal.OutboxSync`.

        :raises OfficeError: when no portal is given or configured.

        .. versionadded:: 0.5
        """
        from onestop.portal._sync import OutboxSync  # noqa: PLC0415 - sync is optional

        if adapter is None:
            adapter = self.portal
        if adapter is None:
            raise OfficeError("no portal is configured (set ONESTOP_PORTAL_URL) or given")
        options: dict[str, Any] = {"worker": worker} if worker is not None else {}
        if lease is not None:
            options["lease"] = lease
        return OutboxSync(self.store, adapter, now=self.now, **options)

    def sync(self, adapter: PortalAdapter | None = None, *, timeout: float = 60.0) -> SyncReport:
        """Drain the outbox to the portal (``adapter``, or the configured one).

        :raises OfficeError: when no portal is given or configured.
        """
        return self.outbox_sync(adapter).drain(timeout=timeout)


#: Each part of an office: the kind it is (a class, or the methods it has), whether it
#: may be ``None``, and its name in messages.
_PARTS: dict[str, tuple[type | tuple[str, ...], bool, str]] = {
    "calendar": (Calendar, False, "a Calendar"),
    "catalog": (Catalog, False, "a Catalog"),
    "fee_book": (FeeBook, True, "a FeeBook"),
    "hand_over": (HandOverRule, True, "a HandOverRule"),
    "store": (("append",), False, "a DossierStore"),
    "signer": (("sign",), True, "a Signer"),
    "sequence": (("next",), True, "a SequenceSource"),
    "coder": (("series", "code"), True, "a DossierCoder"),
    "plugins": (("check_receipt", "notify"), True, "a PluginHost"),
    "portal": (("deliver",), True, "a PortalAdapter"),
}


def _check_parts(**parts: object) -> None:
    """Each part is of its kind (see :data:`_PARTS`), or ``None`` where it may be."""
    for name, value in parts.items():
        kind, optional, what = _PARTS[name]
        if value is None and optional:
            continue
        if isinstance(kind, type):
            fits = isinstance(value, kind)
        else:
            fits = all(callable(getattr(value, method, None)) for method in kind)
        if not fits:
            raise UsageError(
                f"{name} is {what}{' or None' if optional else ''}, got {shown(value)}"
            )


def _check_facts(facts: object) -> None:
    if facts is not None and not isinstance(facts, Facts):
        raise UsageError(f"facts is a Facts or None, got {shown(facts)}")


def _names(components: Sequence[str]) -> tuple[str, ...]:
    if isinstance(components, str) or not isinstance(components, Sequence):
        raise UsageError(f"components is a list of component names, got {shown(components)}")
    if not all(isinstance(name, str) and name.strip() for name in components):
        raise UsageError(f"each component is a name, got {shown(components)}")
    return tuple(name.strip() for name in components)
