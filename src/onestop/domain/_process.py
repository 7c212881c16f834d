"""ISO 9001 process definitions (quy trình nội bộ) for administrative procedures.

A :class:`ProcessDefinition` is the controlled document an agency publishes for one
procedure: its code, issue number, dates, approver, revision history, scope,
references, forms, and the flow of steps — who does what, in how much time, producing
which records. The flow may split (e.g. *needs a field inspection or not*): a
:class:`Branching` offers alternative :class:`Branch` es, and every way through the
flow is a *path*. The checks live in ``onestop.rules._process_checks``.

References:
    * Decision 19/2014/QĐ-TTg, replaced by Decree 31/2024/NĐ-CP (unconfirmed) on TCVN
      Decision 19/2014/QĐ-TTg and TCVN ISO 9001:2015 in state administration.
"""

from __future__ import annotations

import itertools
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._enumeration import Enumeration
from onestop.domain._validators import count
from onestop.domain._validators import day
from onestop.domain._validators import optional
from onestop.domain._validators import text
from onestop.domain._validators import texts
from onestop.domain._validators import to_tuple
from onestop.domain._validators import typed
from onestop.domain._validity import Validity
from onestop.domain.time._duration import Duration
from onestop.domain.time._duration import DurationUnit
from onestop.exceptions import InvalidProcessError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Iterator

    from onestop.domain.time._calendar import Calendar

__all__ = [
    "Branch",
    "Branching",
    "FormDefinition",
    "ProcessDefinition",
    "ProcessStep",
    "Revision",
    "StepKind",
    "StepTiming",
]


class StepKind(Enumeration):
    """What a step is, for the checks on where a flow starts and ends."""

    RECEPTION = "reception"  #: at the one-stop department
    PROCESSING = "processing"
    RETURN = "return"  #: handing the result back


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return to_tuple(value, InvalidProcessError)


def _step_time(_: object, __: attrs.Attribute[Any], value: Duration | None) -> None:
    if value is not None and not isinstance(value, Duration):
        raise InvalidProcessError(f"a step's time is a Duration or None, got {shown(value)}")
    if value is not None and value.unit not in (
        DurationUnit.WORKING_DAYS,
        DurationUnit.WORKING_HOURS,
    ):
        raise InvalidProcessError(
            f"a step's time is in working days or hours (8 hours a day), got {value}"
        )


_TEXT = text(InvalidProcessError)
_TEXTS = texts(InvalidProcessError)


@attrs.frozen
class ProcessStep:
    """One step of a flow (B1, B2…).

    :param name: the work, e.g. ``"Thẩm định hồ sơ"``.
    :param unit: the responsible unit, e.g. ``"Bộ phận Một cửa"``.
    :param role: the responsible role, e.g. ``"Công chức tiếp nhận"``.
    :param time: the time allowed (``None``: no time, e.g. a "0 days" return step).
    :param kind: reception, processing or return.
    :param records: the records or results the step produces.
    :param forms: codes of the forms it uses (``BM.01``…), defined by the process.
    :param retention: how long its records are kept, e.g. ``"5 năm"``.
    """

    name: str = attrs.field(validator=_TEXT)
    # A blank unit or role is allowed here and reported by the review checks
    # (onestop.processes.check, "responsible-role"), which list every finding at once.
    unit: str = attrs.field(validator=typed(str, InvalidProcessError))
    role: str = attrs.field(validator=typed(str, InvalidProcessError))
    time: Duration | None = attrs.field(default=None, validator=_step_time)
    kind: StepKind = attrs.field(
        default=StepKind.PROCESSING, validator=typed(StepKind, InvalidProcessError)
    )
    records: tuple[str, ...] = attrs.field(default=(), converter=_texts, validator=_TEXTS)
    forms: tuple[str, ...] = attrs.field(default=(), converter=_texts, validator=_TEXTS)
    retention: str | None = attrs.field(default=None, validator=optional(_TEXT))

    @property
    def office_time(self) -> timedelta:
        """The step's time as office time (zero when it has none)."""
        return self.time.office_time if self.time is not None else timedelta()


def _flow(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value and not isinstance(instance, Branch):  # a branch may add no step
        raise InvalidProcessError(f"{attribute.name}: a flow has at least one step")
    for item in value:
        if not isinstance(item, ProcessStep | Branching):
            raise InvalidProcessError(
                f"{attribute.name}: a flow holds ProcessStep and Branching values, got "
                f"{shown(item)}"
            )


def _steps(value: Iterable[ProcessStep | Branching]) -> tuple[ProcessStep | Branching, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return to_tuple(value, InvalidProcessError)


@attrs.frozen
class Branch:
    """One alternative of a :class:`Branching`: its condition and its steps.

    A branch may have no step: the usual "no verification needed" alternative, which
    goes straight on to the step after the branching.

    .. versionchanged:: 0.5
       A branch with no step is allowed.
    """

    condition: str = attrs.field(validator=_TEXT)
    steps: tuple[ProcessStep | Branching, ...] = attrs.field(converter=_steps, validator=_flow)


def _branches(value: Iterable[Branch]) -> tuple[Branch, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return to_tuple(value, InvalidProcessError)


@attrs.frozen
class Branching:
    """A point where the flow splits; exactly one branch is followed."""

    branches: tuple[Branch, ...] = attrs.field(converter=_branches)

    def __attrs_post_init__(self) -> None:
        """A split offers at least two ways."""
        for branch in self.branches:
            if not isinstance(branch, Branch):
                raise InvalidProcessError(f"a branching holds Branch values, got {shown(branch)}")
        if len(self.branches) < 2:
            raise InvalidProcessError("a branching offers at least two branches")
        if not any(branch.steps for branch in self.branches):
            raise InvalidProcessError("a branching none of whose branches has a step adds nothing")


def _paths(items: tuple[ProcessStep | Branching, ...]) -> Iterator[tuple[ProcessStep, ...]]:
    """Every way through ``items``: one branch chosen at each branching."""
    options: list[list[tuple[ProcessStep, ...]]] = []
    for item in items:
        if isinstance(item, ProcessStep):
            options.append([(item,)])
        else:
            options.append([path for branch in item.branches for path in _paths(branch.steps)])
    for combination in itertools.product(*options):
        yield tuple(step for part in combination for step in part)


@attrs.frozen
class Revision:
    """One line of the change history (theo dõi sửa đổi)."""

    version: int = attrs.field(validator=count(InvalidProcessError, minimum=1))
    date: date = attrs.field(validator=day(InvalidProcessError))
    change: str = attrs.field(validator=_TEXT)
    section: str | None = attrs.field(default=None, validator=optional(_TEXT))


@attrs.frozen
class FormDefinition:
    """A form the process uses (biểu mẫu), e.g. ``FormDefinition("BM.01", "Phiếu kiểm soát")``."""

    code: str = attrs.field(validator=_TEXT)
    name: str = attrs.field(validator=_TEXT)


def _revisions(value: Iterable[Revision]) -> tuple[Revision, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return to_tuple(value, InvalidProcessError)


def _forms(value: Iterable[FormDefinition]) -> tuple[FormDefinition, ...]:
    """Normalise to a tuple (trivial conversion)."""
    return to_tuple(value, InvalidProcessError)


@attrs.frozen
class ProcessDefinition:
    """A documented process for one procedure.

    :param code: the document code, e.g. ``"QT.01/UBND"``.
    :param title: its title.
    :param procedure: the procedure's national code.
    :param version: the issue number (lần ban hành).
    :param issue_date: when issued.
    :param effective_date: first day in force.
    :param approver: who approved it (the head of the agency).
    :param steps: the flow, in order; a :class:`Branching` splits it.
    :param committed_time: the time the province commits to, if shorter than the
        legal time.
    :param valid_until: last day in force, once replaced.
    :param revisions: the change history.
    :param scope: units and cases covered.
    :param references: laws and decisions it rests on.
    :param forms: the forms it defines.

    .. versionadded:: 0.1
    """

    code: str = attrs.field(validator=_TEXT)
    title: str = attrs.field(validator=_TEXT)
    procedure: str = attrs.field(validator=_TEXT)
    version: int = attrs.field(validator=count(InvalidProcessError, minimum=1))
    issue_date: date = attrs.field(validator=day(InvalidProcessError))
    effective_date: date = attrs.field(validator=day(InvalidProcessError))
    approver: str = attrs.field(validator=_TEXT)
    steps: tuple[ProcessStep | Branching, ...] = attrs.field(converter=_steps, validator=_flow)
    committed_time: Duration | None = attrs.field(default=None, validator=_step_time)
    valid_until: date | None = attrs.field(
        default=None, validator=optional(day(InvalidProcessError))
    )
    revisions: tuple[Revision, ...] = attrs.field(default=(), converter=_revisions)
    scope: str = attrs.field(default="", validator=typed(str, InvalidProcessError))
    references: tuple[str, ...] = attrs.field(default=(), converter=_texts, validator=_TEXTS)
    forms: tuple[FormDefinition, ...] = attrs.field(default=(), converter=_forms)

    def __attrs_post_init__(self) -> None:
        """Dates in order; revisions and forms of the right kind."""
        if self.effective_date < self.issue_date:
            raise InvalidProcessError(
                f"process {self.code} takes effect ({self.effective_date}) before it is issued "
                f"({self.issue_date})"
            )
        if self.valid_until is not None and self.valid_until < self.effective_date:
            raise InvalidProcessError(
                f"process {self.code} ends ({self.valid_until}) before it takes effect "
                f"({self.effective_date})"
            )
        for kind, items in ((Revision, self.revisions), (FormDefinition, self.forms)):
            for item in items:
                if not isinstance(item, kind):
                    raise InvalidProcessError(
                        f"process {self.code}: expected {kind.__name__}, got {shown(item)}"
                    )

    def paths(self) -> tuple[tuple[ProcessStep, ...], ...]:
        """Every way through the flow (one per combination of branches)."""
        return tuple(_paths(self.steps))

    def all_steps(self) -> tuple[ProcessStep, ...]:
        """Every step of every branch, each once, in document order."""
        seen: list[ProcessStep] = []
        for path in self.paths():
            seen.extend(step for step in path if step not in seen)
        return tuple(seen)

    def longest_time(self) -> timedelta:
        """The office time of the longest path."""
        return max(sum((s.office_time for s in path), timedelta()) for path in self.paths())

    @property
    def validity(self) -> Validity:
        """The days this version is in force: from its effective date."""
        return Validity(self.effective_date, self.valid_until)

    def schedule(
        self, calendar: Calendar, start: datetime, path: tuple[ProcessStep, ...] | None = None
    ) -> tuple[tuple[ProcessStep, datetime], ...]:
        """Each step's deadline along ``path`` (default: the only path), from ``start``.

        A step is due when the office time of it and every step before it has
        elapsed from the receipt moment.
        """
        if path is None:
            paths = self.paths()
            if len(paths) != 1:
                raise InvalidProcessError("the flow branches: say which path the dossier took")
            path = paths[0]
        due, out = calendar.receipt_moment(start), []
        for step in path:
            due = calendar.add_working_hours(due, step.office_time) if step.time else due
            out.append((step, due))
        return tuple(out)

    def timings(
        self,
        calendar: Calendar,
        start: datetime,
        completed: Iterable[datetime],
        path: tuple[ProcessStep, ...] | None = None,
    ) -> tuple[StepTiming, ...]:
        """Step-level timeliness: each completed step against its deadline and its share.

        :param completed: when each step of the path was finished, in order (as many
            as are done).
        :raises InvalidProcessError: when more steps are finished than the path has, or
            a step finishes before it could start.
        """
        done_at = to_tuple(completed, InvalidProcessError)
        for done in done_at:
            if not isinstance(done, datetime):
                raise InvalidProcessError(f"a step is completed at a datetime, got {shown(done)}")
        schedule = self.schedule(calendar, start, path)
        if len(done_at) > len(schedule):
            raise InvalidProcessError(
                f"{len(done_at)} finished steps given, but the path has {len(schedule)} "
                f"step(s): {', '.join(step.name for step, _ in schedule)}"
            )
        timings = []
        previous = calendar.receipt_moment(start)
        for (step, due), done in zip(schedule, done_at, strict=False):
            if done < previous:
                raise InvalidProcessError(
                    f"step {shown(step.name)} is completed at {done.isoformat()}, before it could "
                    f"start ({previous.isoformat()})"
                )
            used = calendar.working_time_between(previous, done)
            timings.append(StepTiming(step, due, done, used))
            previous = done
        return tuple(timings)


@attrs.frozen
class StepTiming:
    """A completed step: its deadline, when it was done, the office time it used."""

    step: ProcessStep
    due: datetime
    done: datetime
    used: timedelta

    @property
    def late(self) -> bool:
        """Whether the step finished after its deadline."""
        return self.done > self.due

    @property
    def over_share(self) -> timedelta:
        """Office time used beyond the step's own allowance (zero if within it)."""
        return max(self.used - self.step.office_time, timedelta())
