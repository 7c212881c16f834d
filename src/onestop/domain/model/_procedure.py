"""Administrative procedures (thủ tục hành chính, TTHC) as the national database publishes them.

A :class:`Procedure` is one *version* of a procedure: the fields published by the
National Database on Administrative Procedures, valid over a date range. A dossier
keeps the version in force when it was received, so a later catalog change never
alters its deadline.

References:
    * Decree 63/2010/NĐ-CP Art. 8, as amended by Decree 48/2013/NĐ-CP (required
      elements of a published procedure).
    * Decree 42/2022/NĐ-CP (online service levels "toàn trình" and "một phần").
    * Decision 45/2016/QĐ-TTg (the public postal service channel).
"""

from __future__ import annotations

import re
from datetime import date
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._enumeration import Enumeration
from onestop.domain._validators import count
from onestop.domain._validators import optional
from onestop.domain._validators import text
from onestop.domain._validators import texts
from onestop.domain._validators import to_tuple
from onestop.domain._validators import typed
from onestop.domain._validity import Validity
from onestop.domain.model._agency import Level
from onestop.domain.time._duration import Duration
from onestop.domain.time._duration import DurationUnit
from onestop.domain.time._policy import ClockRule
from onestop.domain.time._policy import DeadlinePolicy
from onestop.exceptions import InvalidProcedureError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "AgencyShare",
    "Channel",
    "ChannelTerms",
    "Component",
    "OnlineLevel",
    "Procedure",
    "ProcedureResult",
    "Requirement",
    "Terms",
    "check_procedure_code",
]

_PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")


def check_procedure_code(code: str) -> str:
    """Return ``code`` if it is a national procedure code such as ``1.001612``, else raise.

    :raises InvalidProcedureError: naming the expected format.
    """
    if not isinstance(code, str) or not _PROCEDURE_CODE.match(code):
        raise InvalidProcedureError(
            f"{shown(code)} is not a national procedure code; codes are a digit, a dot and "
            "six digits, e.g. '1.001612'"
        )
    return code


class Channel(Enumeration):
    """How a dossier reaches the one-stop department and its result goes back."""

    IN_PERSON = "in_person"  #: Trực tiếp
    ONLINE = "online"  #: Trực tuyến
    POSTAL = "postal"  #: Qua bưu chính công ích (Decision 45/2016/QĐ-TTg)

    @property
    def portal_code(self) -> int:
        """The channel's code in national-portal integrations (1, 2 or 3)."""
        return {Channel.IN_PERSON: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}[self]


class OnlineLevel(Enumeration):
    """Online public-service level under Decree 42/2022/NĐ-CP."""

    FULL = "full"  #: Toàn trình: every step online
    PARTIAL = "partial"  #: Một phần: at least one step in person
    NONE = "none"  #: not offered online


class Requirement(Enumeration):
    """Whether a dossier component is always needed."""

    REQUIRED = "required"
    CONDITIONAL = "conditional"  #: "nếu có", "đối với trường hợp…"


_text = text(InvalidProcedureError)
_count = count(InvalidProcedureError)
_each_text = texts(InvalidProcedureError)


def _texts(value: Any) -> tuple[str, ...]:  # noqa: ANN401 - converter input is open
    """Normalise a sequence of strings to a tuple (trivial conversion)."""
    if isinstance(value, str):
        raise InvalidProcedureError(f"expected a list of texts, got the single text {shown(value)}")
    return to_tuple(value, InvalidProcedureError)


def _components(value: Iterable[Component]) -> tuple[Component, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return to_tuple(value, InvalidProcedureError)


def _shares(value: Iterable[AgencyShare]) -> tuple[AgencyShare, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return to_tuple(value, InvalidProcedureError)


def _channels(value: Iterable[Channel]) -> tuple[Channel, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return to_tuple(value, InvalidProcedureError)


def _channel_terms(value: Any) -> tuple[ChannelTerms, ...]:  # noqa: ANN401 - converter input
    """Normalise to a tuple, refusing text (trivial conversion)."""
    return to_tuple(value, InvalidProcedureError)


@attrs.frozen
class Component:
    """One document of a dossier (thành phần hồ sơ).

    :param name: the document, e.g. ``"Tờ khai đăng ký khai sinh"``.
    :param originals: originals required (bản chính).
    :param copies: copies required (bản sao).
    :param requirement: always required, or only in some cases.
    :param condition: when a conditional component is needed.
    :param form: the form template, e.g. ``"Mẫu số 15, Decree 151/2025/NĐ-CP"``.
    """

    name: str = attrs.field(validator=_text)
    originals: int = attrs.field(default=1, validator=_count)
    copies: int = attrs.field(default=0, validator=_count)
    requirement: Requirement = attrs.field(
        default=Requirement.REQUIRED, validator=typed(Requirement, InvalidProcedureError)
    )
    condition: str | None = None
    form: str | None = None

    def __attrs_post_init__(self) -> None:
        """A conditional component says when it is needed."""
        if self.requirement is Requirement.CONDITIONAL and not self.condition:
            raise InvalidProcedureError(
                f"conditional component {shown(self.name)} needs a condition"
            )


_RESULT_CODE = re.compile(r"KQ\.[A-Z]\d{2}\.\d{6}")


def _result_code(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not str or not _RESULT_CODE.fullmatch(value)):
        raise InvalidProcedureError(
            f"a result code is written KQ.G01.000084 (the national database's), got {shown(value)}"
        )


@attrs.frozen
class ProcedureResult:
    """One result a procedure issues, as the national database lists it.

    :param name: what the applicant receives, e.g. ``"Giấy chứng nhận đăng ký xe"``.
    :param code: its code in the national database (``KQ.G01.000014``), when listed.

    .. versionadded:: 0.5
    """

    name: str = attrs.field(validator=_text)
    code: str | None = attrs.field(default=None, validator=_result_code)


def _results(value: Iterable[ProcedureResult]) -> tuple[ProcedureResult, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return to_tuple(value, InvalidProcedureError)


@attrs.frozen
class AgencyShare:
    """One agency's share of an inter-agency (liên thông) procedure's time.

    :param agency: who holds the dossier for this step (agency name or code).
    :param step: what it does, e.g. ``"appraisal"`` or ``"tax calculation"``.
    :param time: the time allotted (working days or hours).
    """

    agency: str = attrs.field(validator=_text)
    step: str = attrs.field(validator=_text)
    time: Duration = attrs.field(validator=typed(Duration, InvalidProcedureError))


def _optional_date(_: object, attribute: attrs.Attribute[Any], value: date | None) -> None:
    if value is not None and type(value) is not date:
        raise InvalidProcedureError(f"{attribute.name} must be a date or None, got {shown(value)}")


@attrs.frozen
class Procedure:
    """One version of an administrative procedure.

    :param code: national code, e.g. ``1.001612``.
    :param name: name as published (Vietnamese).
    :param field: lĩnh vực, e.g. ``"Hộ tịch"``.
    :param level: where it is carried out.
    :param agencies: implementing agencies (names as published).
    :param processing_time: the legal time limit.
    :param processing_time_text: the time limit as published, kept verbatim (ranges,
        extensions and conditions live here; ``processing_time`` is the limit the
        deadline uses).
    :param result: what the applicant receives.
    :param components: the dossier components.
    :param shares: for inter-agency procedures, each agency's share of the time;
        together they must fit in ``processing_time``.
    :param deadline_policy: how whole working days end.
    :param clock_rule: whether a supplement pauses or restarts the clock.
    :param fee_schedule: reference of the fee schedule (see ``onestop.rules``), or
        ``None`` when the procedure is free.
    :param legal_bases: documents it rests on.
    :param applicants: who may apply (đối tượng thực hiện).
    :param online_level: online service level.
    :param channels: channels offered.
    :param version: version number, increasing with each published change.
    :param valid_from: first day this version is in force.
    :param valid_until: last day, or ``None`` while in force.
    :param notes: remarks, e.g. which values are illustrative rather than confirmed.
    :param field_code: the field's code in the national catalogue of fields, as the
        portal's records carry it (``MaLinhVuc``); ``None`` where the source gives only
        the name, as the national database's published records do.
    :param results: every result the procedure issues, each with its national code
        (``result`` stays the first one's words, as forms print it).

    .. versionadded:: 0.1
    .. versionchanged:: 0.5
       ``field_code`` and ``results``.
    """

    code: str = attrs.field(validator=lambda _, __, value: check_procedure_code(value))
    name: str = attrs.field(validator=_text)
    field: str = attrs.field(validator=_text)
    level: Level = attrs.field(validator=typed(Level, InvalidProcedureError))
    agencies: tuple[str, ...] = attrs.field(converter=_texts, validator=_each_text)
    processing_time: Duration = attrs.field(validator=typed(Duration, InvalidProcedureError))
    processing_time_text: str = attrs.field(validator=_text)
    result: str = attrs.field(validator=_text)
    components: tuple[Component, ...] = attrs.field(default=(), converter=_components)
    shares: tuple[AgencyShare, ...] = attrs.field(default=(), converter=_shares)
    deadline_policy: DeadlinePolicy = DeadlinePolicy.END_OF_DAY
    clock_rule: ClockRule = ClockRule.PAUSE
    fee_schedule: str | None = None
    legal_bases: tuple[str, ...] = attrs.field(default=(), converter=_texts, validator=_each_text)
    applicants: tuple[str, ...] = attrs.field(default=(), converter=_texts, validator=_each_text)
    online_level: OnlineLevel = OnlineLevel.NONE
    channels: tuple[Channel, ...] = attrs.field(default=(Channel.IN_PERSON,), converter=_channels)
    version: int = attrs.field(default=1, validator=_count)
    valid_from: date | None = attrs.field(default=None, validator=_optional_date)
    valid_until: date | None = attrs.field(default=None, validator=_optional_date)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_texts, validator=_each_text)
    channel_terms: tuple[ChannelTerms, ...] = attrs.field(default=(), converter=_channel_terms)
    field_code: str | None = attrs.field(
        default=None, validator=optional(text(InvalidProcedureError))
    )
    results: tuple[ProcedureResult, ...] = attrs.field(default=(), converter=_results)

    def __attrs_post_init__(self) -> None:
        """Check the fields against each other."""
        where = f"procedure {self.code} v{self.version}"
        for kind, items in (
            (Component, self.components),
            (AgencyShare, self.shares),
            (Channel, self.channels),
            (ChannelTerms, self.channel_terms),
            (ProcedureResult, self.results),
        ):
            for item in items:
                if not isinstance(item, kind):
                    raise InvalidProcedureError(
                        f"{where}: expected {kind.__name__}, got {shown(item)}"
                    )
        if not self.channels:
            raise InvalidProcedureError(f"{where} offers no channel")
        if self.online_level is not OnlineLevel.NONE and Channel.ONLINE not in self.channels:
            raise InvalidProcedureError(f"{where} has an online level but no online channel")
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise InvalidProcedureError(f"{where} ends before it starts")
        seen = [terms.channel for terms in self.channel_terms]
        for channel in seen:
            if channel not in self.channels or seen.count(channel) > 1:
                raise InvalidProcedureError(
                    f"{where}: channel terms for {channel.value} must name an offered channel, once"
                )
        if self.shares:
            self._check_shares(where)

    def _check_shares(self, where: str) -> None:
        office_units = (DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS)
        times = [share.time for share in self.shares]
        times += [self.processing_time, *(terms.processing_time for terms in self.channel_terms)]
        for duration in times:
            if duration.unit not in office_units:
                raise InvalidProcedureError(
                    f"{where}: inter-agency shares need working days or hours, got {duration}"
                )
        total = sum((share.time.office_time for share in self.shares), timedelta())
        if total > min(duration.office_time for duration in times[len(self.shares) :]):
            raise InvalidProcedureError(
                f"{where}: the agencies' shares add up to {total} of office time, more than "
                f"the legal {self.processing_time} (Decree 61/2018 Art. 19: the sum of the "
                "parts must not exceed the total)"
            )

    @property
    def is_inter_agency(self) -> bool:
        """Whether the procedure splits its time between agencies (liên thông)."""
        return bool(self.shares)

    @property
    def validity(self) -> Validity:
        """The days this version is in force."""
        return Validity(self.valid_from, self.valid_until)

    def processing_time_for(self, channel: Channel) -> Duration:
        """The processing time for dossiers arriving by ``channel``.

        :raises InvalidProcedureError: when the procedure does not offer ``channel``.
        """
        return self._channel_terms(channel).processing_time

    def fee_schedule_for(self, channel: Channel) -> str | None:
        """The fee schedule reference for ``channel`` (the procedure's own by default)."""
        return self._channel_terms(channel).fee_schedule

    def _channel_terms(self, channel: Channel) -> ChannelTerms:
        if not isinstance(channel, Channel) or channel not in self.channels:
            offered = ", ".join(c.value for c in self.channels)
            raise InvalidProcedureError(
                f"procedure {self.code} v{self.version} is offered by {offered}; got "
                f"{shown(channel)}"
            )
        for terms in self.channel_terms:
            if terms.channel is channel:
                fee = terms.fee_schedule if terms.fee_schedule is not None else self.fee_schedule
                return attrs.evolve(terms, fee_schedule=fee)
        return ChannelTerms(channel, self.processing_time, self.fee_schedule)

    def terms(self, channel: Channel) -> Terms:
        """The terms that govern a dossier of this version arriving by ``channel``.

        A dossier's first event records them, so that its history alone rebuilds it
        and a later catalog edit never changes it.

        :raises InvalidProcedureError: when the procedure does not offer ``channel``.
        """
        channel_terms = self._channel_terms(channel)
        return Terms(
            code=self.code,
            version=self.version,
            name=self.name,
            processing_time=channel_terms.processing_time,
            deadline_policy=self.deadline_policy,
            clock_rule=self.clock_rule,
            shares=self.shares,
            fee_schedule=channel_terms.fee_schedule,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            field=self.field,
            field_code=self.field_code,
        )


@attrs.frozen
class ChannelTerms:
    """What differs for one channel of a procedure (the national database lists times per channel).

    :param channel: the channel.
    :param processing_time: its processing time.
    :param fee_schedule: its fee schedule reference, when it differs from the
        procedure's.

    .. versionadded:: 0.2
    """

    channel: Channel = attrs.field(validator=typed(Channel, InvalidProcedureError))
    processing_time: Duration = attrs.field(validator=typed(Duration, InvalidProcedureError))
    fee_schedule: str | None = attrs.field(
        default=None, validator=optional(text(InvalidProcedureError))
    )


@attrs.frozen
class Terms:
    """The procedure terms that govern one dossier, fixed when it starts.

    :param code: the procedure code.
    :param version: the procedure version.
    :param name: the procedure's name.
    :param processing_time: the processing time for the dossier's channel.
    :param deadline_policy: how whole working days end.
    :param clock_rule: whether a supplement pauses or restarts the clock.
    :param shares: each agency's share of the time (inter-agency procedures).
    :param fee_schedule: the fee schedule reference for the dossier's channel.
    :param valid_from: first day the version is in force.
    :param valid_until: last day, or ``None``.
    :param field: the procedure's field (lĩnh vực), for statistics per field; ``None``
        in histories written before it was recorded.
    :param field_code: the field's code (``MaLinhVuc``), when the catalog has one.

    .. versionadded:: 0.2
    .. versionchanged:: 0.3
       ``field``.
    """

    code: str = attrs.field(validator=lambda _, __, value: check_procedure_code(value))
    version: int = attrs.field(validator=_count)
    name: str = attrs.field(validator=_text)
    processing_time: Duration = attrs.field(validator=typed(Duration, InvalidProcedureError))
    deadline_policy: DeadlinePolicy = attrs.field(
        default=DeadlinePolicy.END_OF_DAY, validator=typed(DeadlinePolicy, InvalidProcedureError)
    )
    clock_rule: ClockRule = attrs.field(
        default=ClockRule.PAUSE, validator=typed(ClockRule, InvalidProcedureError)
    )
    shares: tuple[AgencyShare, ...] = attrs.field(default=(), converter=_shares)
    fee_schedule: str | None = attrs.field(
        default=None, validator=optional(text(InvalidProcedureError))
    )
    valid_from: date | None = attrs.field(default=None, validator=_optional_date)
    valid_until: date | None = attrs.field(default=None, validator=_optional_date)
    field: str | None = attrs.field(default=None, validator=optional(text(InvalidProcedureError)))
    field_code: str | None = attrs.field(
        default=None, validator=optional(text(InvalidProcedureError))
    )

    def __attrs_post_init__(self) -> None:
        """Shares are agency shares."""
        for share in self.shares:
            if not isinstance(share, AgencyShare):
                raise InvalidProcedureError(
                    f"terms' shares are AgencyShare values, got {shown(share)}"
                )

    @property
    def validity(self) -> Validity:
        """The days the procedure version is in force."""
        return Validity(self.valid_from, self.valid_until)
