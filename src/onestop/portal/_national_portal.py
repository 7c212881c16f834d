"""The national portal's HTTP interface (through a province's LGSP), with ``httpx``.

:class:`NationalPortal` logs in for a session token, then posts one JSON request per
outbox message: the service (DongBoHoSoMC or CapNhatTienDoHoSoMC), the session, the
sending agency's code (``madonvi``) and the record. Success is ``error_code`` "00";
anything else, an HTTP error or a network failure raises
:class:`~onestop.exceptions.PortalError`, and the sync worker retries later. Every
request carries the message's idempotency key in the ``Idempotency-Key`` header (and
the body's ``idempotencyKey``), so a repeat after a lost answer can be dropped.

Why httpx: connection pooling, timeouts on every phase, and a transport seam that
tests and provinces' proxies use; the portal is reached with nothing hand-written
below HTTP.

The URL paths differ between provinces' integration platforms; :attr:`LOGIN_PATH`
and :attr:`SERVICE_PATH` are the ones of onestop's stand-in portal
(:mod:`onestop.testing.portal`) — subclass to change them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from onestop._shown import shown
from onestop.domain._validators import is_storable
from onestop.domain.model._agency import check_agency_code
from onestop.domain.time._calendar import Calendar
from onestop.exceptions import MissingExtraError
from onestop.exceptions import PortalError
from onestop.exceptions import SerializationError
from onestop.exceptions import SettingsError
from onestop.exceptions import UsageError
from onestop.national._civil_service_calendar import vietnam_calendar
from onestop.portal._payloads import check_delivery
from onestop.portal._payloads import portal_request
from onestop.serialization import parse_json
from onestop.settings import Settings
from onestop.storage._arguments import check_timeout

try:
    import httpx
except ImportError as missing:  # pragma: no cover - exercised without the extra installed
    raise MissingExtraError("portal", "the portal adapter", missing) from None

if TYPE_CHECKING:
    from onestop.domain.model._dossier import Dossier
    from onestop.storage._store_values import OutboxMessage

__all__ = ["NationalPortal"]

#: The portal's success code.
SUCCESS = "00"


class NationalPortal:
    """A :class:`~onestop.portal.PortalAdapter` for the national portal.

    :param url: the integration endpoint's base URL.
    :param user: the account.
    :param password: its password.
    :param agency: the sending agency's code (``madonvi``).
    :param calendar: the calendar appointments are computed on (default: national).
    :param client: an ``httpx.Client`` to use (default: a new one with ``timeout``).
    :param timeout: seconds for each request phase.

    .. versionadded:: 0.3
    """

    LOGIN_PATH = "/login"
    SERVICE_PATH = "/service"

    def __init__(
        self,
        url: str,
        *,
        user: str,
        password: str,
        agency: str,
        calendar: Calendar | None = None,
        client: httpx.Client | None = None,
        timeout: float = 10.0,
    ) -> None:
        """A portal adapter; nothing is sent until the first delivery."""
        self.url = _portal_url(url)
        for name, value in (("user", user), ("password", password)):
            if not isinstance(value, str) or not value or not is_storable(value):
                raise UsageError(
                    f"the portal {name} is a non-empty text (UTF-8, no NUL), got {shown(value)}"
                )
        check_agency_code(agency)
        if calendar is not None and not isinstance(calendar, Calendar):
            raise UsageError(f"calendar is a Calendar or None, got {shown(calendar)}")
        if client is not None and not isinstance(client, httpx.Client):
            raise UsageError(f"client is an httpx.Client or None, got {shown(client)}")
        if check_timeout(timeout) == 0:
            raise UsageError(f"timeout is a number of seconds > 0, got {shown(timeout)}")
        self.user = user
        self._password = password
        self.agency = agency
        self.calendar = calendar if calendar is not None else vietnam_calendar()
        self._client = client if client is not None else httpx.Client(timeout=timeout)
        self._session: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, calendar: Calendar | None = None) -> NationalPortal:
        """The adapter the ``portal_*`` settings describe, its appointments on ``calendar``.

        :raises SettingsError: when the URL, account or agency is missing.
        """
        if not isinstance(settings, Settings):
            raise UsageError(f"settings is a Settings, got {shown(settings)}")
        missing = [
            name
            for name in ("portal_url", "portal_user", "portal_password", "portal_agency")
            if getattr(settings, name) is None
        ]
        if missing:
            raise SettingsError(f"the portal needs these settings too: {', '.join(missing)}")
        return cls(
            settings.portal_url,  # type: ignore[arg-type]
            user=settings.portal_user,  # type: ignore[arg-type]
            password=settings.portal_password,  # type: ignore[arg-type]
            agency=settings.portal_agency,  # type: ignore[arg-type]
            calendar=calendar,
        )

    def close(self) -> None:
        """Close the HTTP client."""
        self._client.close()

    def _post(self, path: str, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        headers = {"Idempotency-Key": key} if key else {}
        try:
            response = self._client.post(self.url + path, json=body, headers=headers)
        except httpx.HTTPError as error:
            raise PortalError(f"the portal at {self.url} cannot be reached: {error}") from None
        if response.status_code >= 400:
            raise PortalError(f"the portal answered HTTP {response.status_code}")
        try:
            answer = parse_json(response.content, "the portal's answer")
        except SerializationError as error:
            raise PortalError(str(error)) from None
        if not isinstance(answer, dict):
            raise PortalError(f"the portal answered {shown(answer)}, not an object")
        return answer

    def _login(self) -> str:
        answer = self._post(self.LOGIN_PATH, {"username": self.user, "password": self._password})
        session = answer.get("session")
        if answer.get("error_code") != SUCCESS or not isinstance(session, str):
            raise PortalError(
                f"the portal refused the login: {shown(answer.get('message', answer))}"
            )
        return session

    def deliver(self, message: OutboxMessage, dossier: Dossier) -> None:
        """Send the record(s) of ``message``'s event; return when the portal said "00".

        :raises PortalError: on any other answer or a network failure.
        """
        check_delivery(message, dossier)
        event = dossier.events[message.version - 1]
        service, fields = portal_request(dossier, event, message.version, self.calendar)
        for attempt in range(2):  # a session that expired is renewed once
            if self._session is None:
                self._session = self._login()
            body = {
                "session": self._session,
                "madonvi": self.agency,
                "service": service,
                "idempotencyKey": message.key,
                **fields,
            }
            answer = self._post(self.SERVICE_PATH, body, message.key)
            code = answer.get("error_code")
            if code == SUCCESS:
                return
            if code == "401" and attempt == 0:
                self._session = None
                continue
            raise PortalError(
                f"the portal refused {service} for {message.key}: "
                f"error_code {shown(code)}, {shown(answer.get('message', ''))}"
            )

    def __repr__(self) -> str:
        """The endpoint and agency (never the password)."""
        return f"<NationalPortal {self.url} as {self.agency}>"


def _portal_url(url: object) -> str:
    """``url`` without its trailing slash, if it is an http(s) URL httpx can send to.

    :raises UsageError: when it is not (``http://[::1`` and the like included).
    """
    problem = f"the portal URL is an http:// or https:// URL, got {shown(url)}"
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise UsageError(problem)
    if not is_storable(url):
        raise UsageError(problem)
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise UsageError(problem) from None
    if not parsed.host or not 0 < (parsed.port or 80) < 65_536:
        raise UsageError(problem)
    return url.rstrip("/")
