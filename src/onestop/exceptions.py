"""The exceptions onestop raises.

Every error onestop raises on bad input derives from :class:`OneStopError`, so a
provincial system can catch one class at its boundary. Leaf classes also derive from
the matching built-in (``ValueError``, ``LookupError``) so that generic handlers keep
working.
"""

from __future__ import annotations

from onestop._shown import shown

__all__ = [
    "CalendarConfigError",
    "CalendarError",
    "CalendarInputError",
    "CalendarRangeError",
    "CatalogError",
    "ClockError",
    "ConcurrencyError",
    "DeadlineError",
    "DossierError",
    "DurationError",
    "FeeError",
    "FormError",
    "InvalidAgencyError",
    "InvalidApplicantError",
    "InvalidProcedureError",
    "InvalidProcessError",
    "MissingExtraError",
    "NoFeeScheduleError",
    "OfficeError",
    "OneStopError",
    "PermissionDenied",
    "PermissionDeniedError",
    "PluginError",
    "PortalError",
    "ReceiptRefused",
    "ReceiptRefusedError",
    "RuleSetError",
    "SerializationError",
    "SettingsError",
    "SignatureError",
    "SigningError",
    "StorageError",
    "TransitionError",
    "UnknownAgencyError",
    "UnknownDossierError",
    "UnknownProcedureError",
    "UnsignedEventError",
    "UsageError",
    "ValidityError",
]


class OneStopError(Exception):
    """Root of every exception onestop raises on purpose."""


class CalendarError(OneStopError):
    """Base class of the working-calendar errors."""


class CalendarRangeError(CalendarError, LookupError):
    """A date, or the result of an operation, falls outside the years a calendar covers.

    A calendar never guesses about years it has no data for: widen the range with
    ``vietnam_calendar(first_year=..., last_year=...)`` instead.
    """


class CalendarConfigError(CalendarError, ValueError):
    """A calendar was given impossible settings.

    Examples: office-hour intervals that overlap or run backwards, a season whose
    month-day does not exist, a year range that is empty.
    """


class CalendarInputError(CalendarError, TypeError):
    """A calendar query was given a value of the wrong type.

    Dates are ``datetime.date`` (a ``datetime`` stands for its local date), instants
    are ``datetime.datetime``, day counts are ``int`` and office time is a number of
    hours or a ``timedelta``.
    """


class DurationError(OneStopError, ValueError):
    """A processing time could not be parsed, or has an impossible amount or unit."""


class DeadlineError(OneStopError, ValueError):
    """A deadline cannot be computed from the given receipt moment and duration."""


class ClockError(OneStopError, ValueError):
    """An SLA clock was asked to do something its state does not allow.

    Examples: pausing a clock that is already paused, resuming a running clock, or
    recording an event earlier than the previous one.
    """


class InvalidAgencyError(OneStopError, ValueError):
    """An agency's code, level or validity dates are impossible.

    Codes follow QCVN 102:2016/BTTTT, e.g. ``000.00.12.H38``.
    """


class InvalidProcedureError(OneStopError, ValueError):
    """A procedure's code or fields are impossible.

    Codes follow the national database's format, e.g. ``1.001612``.
    """


class UnknownProcedureError(OneStopError, LookupError):
    """No procedure in a catalog has the code asked for (in force on the date asked)."""


class CatalogError(OneStopError, ValueError):
    """A procedure catalog could not be loaded or saved.

    The message names the path to each bad field, e.g.
    ``$.procedures[3].processing_time``; nothing is half-loaded.
    """


class DossierError(OneStopError, ValueError):
    """A dossier, its events or its code are impossible (e.g. events out of order)."""


class TransitionError(DossierError):
    """An event is not allowed in the dossier's current status.

    The message names the status and the event, e.g. ``a dossier in status 9
    (resolved) cannot take 'supplement_requested'``.
    """


class InvalidApplicantError(OneStopError, ValueError):
    """An applicant's personal data is malformed (e.g. a citizen ID that is not 12 digits)."""


class PermissionDeniedError(OneStopError):
    """An actor may not do this to this dossier: the role, the agency or the applicant.

    Not an ``OSError``: it is the office's rule refusing, not the operating system.

    .. versionchanged:: 0.5
       Named ``PermissionDenied`` before, and a ``PermissionError``; the old name stays
       as an alias.
    """


#: The name before 0.5, kept as an alias of :class:`PermissionDeniedError`.
PermissionDenied = PermissionDeniedError


class UnknownAgencyError(OneStopError, LookupError):
    """No agency in a directory has the code asked for, or none succeeds it on the date."""


class ValidityError(OneStopError, ValueError):
    """A validity period is impossible (not dates, or it ends before it starts)."""


class RuleSetError(OneStopError, LookupError):
    """No one-stop rule set governs the reception date asked about (before 21/6/2018)."""


class FeeError(OneStopError, ValueError):
    """A fee rule or schedule is impossible, or a case lacks a fact a rule needs.

    Examples: a percentage given as a float, a per-unit cap below its first-unit
    price, a negative or missing quantity, an empty ``Sum`` or ``Choice``.
    """


class NoFeeScheduleError(OneStopError, LookupError):
    """No fee schedule covers the procedure on the date asked; onestop never picks the nearest."""


class InvalidProcessError(OneStopError, ValueError):
    """A process definition cannot be built.

    Examples: a step time in calendar days, no steps, an effective date before the
    issue date, timings asked for before the process started.
    """


class UsageError(OneStopError, ValueError):
    """A public function was called with an argument of the wrong kind.

    Raised where no more specific class applies; the message names the argument,
    the value given and what is accepted.
    """


class SerializationError(OneStopError, ValueError):
    """JSON data does not describe the value asked for, or a value has no canonical form.

    ``problems`` lists one readable message per bad field, with its path
    (``"$.events[2].at"``).
    """

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        """Keep the message and the per-field problems."""
        super().__init__(message)
        self.problems: list[str] = problems if problems is not None else [message]


class PluginError(OneStopError):
    """A plugin failed or broke the contract of a hook; names the plugin and the hook.

    :param plugin: the plugin's registered name (its entry-point name).
    :param hook: the hook's name, e.g. ``"onestop_procedures"``.
    """

    def __init__(self, message: str, *, plugin: str, hook: str) -> None:
        """Keep the plugin's and the hook's names with the message."""
        super().__init__(f"plugin {shown(plugin)}, hook {hook}: {message}")
        self.plugin = plugin
        self.hook = hook


class MissingExtraError(OneStopError, ImportError):
    """A part of onestop needs an optional extra that is not installed.

    Every extra fails alike, with one line naming the extra and the command that
    installs it: ``the PostgreSQL store needs the "postgres" extra: pip install
    "onestop[postgres]" (no module named 'psycopg')``.

    :param extra: the extra's name, e.g. ``"postgres"``.
    :param what: what needs it, e.g. ``"the PostgreSQL store"``.
    :param missing: the module Python could not import.

    .. versionadded:: 0.5
    """

    def __init__(self, extra: str, what: str, missing: ImportError) -> None:
        """The one-line message naming the extra and how to install it."""
        module = missing.name or str(missing)
        super().__init__(
            f'{what} needs the "{extra}" extra: pip install "onestop[{extra}]" '
            f"(no module named {module!r})"
        )
        self.extra = extra


class SettingsError(OneStopError, ValueError):
    """A setting (store location, key file, portal address) is missing or impossible."""


class StorageError(OneStopError):
    """A dossier store could not do what was asked (the file is not a store, a newer schema)."""


class UnknownDossierError(StorageError, LookupError):
    """No stored dossier has the identity or code asked for."""


class ConcurrencyError(StorageError):
    """Someone else appended to the dossier first: reload it and retry.

    :param dossier_id: the dossier.
    :param expected: the version the caller read.
    :param actual: the version the store holds.
    """

    def __init__(self, dossier_id: str, expected: int, actual: int) -> None:
        """Name the dossier and both versions."""
        super().__init__(
            f"dossier {dossier_id} is at version {actual}, not {expected}: "
            "someone else changed it; reload it and retry"
        )
        self.dossier_id = dossier_id
        self.expected = expected
        self.actual = actual


class SigningError(OneStopError):
    """A key, certificate or signer could not be loaded or used."""


class UnsignedEventError(SigningError):
    """The event is stored, but its document could not be signed: sign it again later.

    The office signs after the append (no signed document names an event the store
    refused), so a failing signer leaves the event in the store. The caller learns both.

    :param dossier_id: the dossier whose event is stored.
    :param version: the dossier's version with the event.
    :param kind: the event's kind, e.g. ``"received"``.
    """

    def __init__(self, message: str, *, dossier_id: str, version: int, kind: str) -> None:
        """Name the stored event with the signer's failure."""
        super().__init__(message)
        self.dossier_id = dossier_id
        self.version = version
        self.kind = kind


class SignatureError(OneStopError, ValueError):
    """A signature does not verify: the document changed, or another key signed it."""


class PortalError(OneStopError):
    """The national portal refused a record or could not be reached."""


class OfficeError(OneStopError, ValueError):
    """The one-stop office cannot do what was asked with this dossier."""


class FormError(OfficeError):
    """A form cannot be issued for this dossier: what it records has not happened."""


class ReceiptRefusedError(OfficeError):
    """A dossier cannot be received: components missing or a receipt check failed.

    ``problems`` lists each reason, in the words shown to the applicant.

    .. versionchanged:: 0.5
       Named ``ReceiptRefused`` before; the old name stays as an alias.
    """

    def __init__(self, message: str, *, problems: tuple[str, ...]) -> None:
        """Keep the reasons."""
        super().__init__(message)
        self.problems = problems


#: The name before 0.5, kept as an alias of :class:`ReceiptRefusedError`.
ReceiptRefused = ReceiptRefusedError
