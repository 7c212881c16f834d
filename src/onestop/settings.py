"""Where a onestop installation keeps its things: the store, the signing key, the portal.

:class:`Settings` is a plain value; :meth:`Settings.from_env` reads it from ``ONESTOP_*``
environment variables, so a provincial deployment configures onestop the way it
configures everything else. The built-in plugins read it to choose a store, a signer
and a portal adapter.

===============================  ===========================================
``ONESTOP_STORE``                ``memory:``, an SQLite file path, or ``sqlite:///PATH``
                                 (``sqlite:////srv/o.db`` for an absolute path)
                                 (default: ``<data home>/onestop/onestop.sqlite3``)
``ONESTOP_HOME``                 the folder of the default store file
``ONESTOP_SIGNING_KEY``          a PEM or PKCS#12 (``.p12``/``.pfx``) key file
``ONESTOP_SIGNING_PASSWORD``     its password, if any
``ONESTOP_SIGNING_CERTIFICATE``  the PEM certificate, when the key file has none
``ONESTOP_PORTAL_URL``           the national portal's (or the LGSP's) endpoint
``ONESTOP_PORTAL_USER``          its account
``ONESTOP_PORTAL_PASSWORD``      its password
``ONESTOP_PORTAL_AGENCY``        the sending agency's code (``madonvi``)
===============================  ===========================================

The data home is ``$XDG_DATA_HOME`` or ``~/.local/share``, as the XDG base directory
specification says.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from onestop._shown import shown
from onestop.exceptions import SettingsError

__all__ = ["Settings", "default_store_path"]


def default_store_path(environ: Mapping[str, str] | None = None) -> Path:
    """The default SQLite store file: ``$ONESTOP_HOME`` or the XDG data home, then ``onestop``."""
    environ = os.environ if environ is None else environ
    if not isinstance(environ, Mapping):
        raise SettingsError(f"environ is a mapping of names to texts, got {shown(environ)}")
    home, data_home = environ.get("ONESTOP_HOME"), environ.get("XDG_DATA_HOME")
    if not all(isinstance(value, str | None) for value in (home, data_home)):
        raise SettingsError(
            f"ONESTOP_HOME and XDG_DATA_HOME are paths, got {shown(home)}, {shown(data_home)}"
        )
    if home:
        return Path(home) / "onestop.sqlite3"
    data_home = data_home or str(Path.home() / ".local" / "share")
    return Path(data_home) / "onestop" / "onestop.sqlite3"


def _optional_text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise SettingsError(f"{attribute.name} is a non-empty text or None, got {shown(value)}")


def _store(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(
            f"store is 'memory:', a file path or 'sqlite:///PATH', got {shown(value)}"
        )


@attrs.frozen(kw_only=True)
class Settings:
    """How one installation is configured (see the module documentation).

    .. versionadded:: 0.3
    """

    store: str = attrs.field(factory=lambda: str(default_store_path()), validator=_store)
    signing_key: str | None = attrs.field(default=None, validator=_optional_text)
    signing_password: str | None = attrs.field(default=None, validator=_optional_text)
    signing_certificate: str | None = attrs.field(default=None, validator=_optional_text)
    portal_url: str | None = attrs.field(default=None, validator=_optional_text)
    portal_user: str | None = attrs.field(default=None, validator=_optional_text)
    portal_password: str | None = attrs.field(default=None, validator=_optional_text)
    portal_agency: str | None = attrs.field(default=None, validator=_optional_text)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``ONESTOP_*`` variables (``environ`` defaults to ``os.environ``)."""
        environ = os.environ if environ is None else environ
        if not isinstance(environ, Mapping):
            raise SettingsError(f"environ is a mapping of names to texts, got {shown(environ)}")

        def read(name: str) -> str | None:
            value = environ.get(f"ONESTOP_{name}")
            return value or None

        return cls(
            store=read("STORE") or str(default_store_path(environ)),
            signing_key=read("SIGNING_KEY"),
            signing_password=read("SIGNING_PASSWORD"),
            signing_certificate=read("SIGNING_CERTIFICATE"),
            portal_url=read("PORTAL_URL"),
            portal_user=read("PORTAL_USER"),
            portal_password=read("PORTAL_PASSWORD"),
            portal_agency=read("PORTAL_AGENCY"),
        )

    @property
    def store_path(self) -> str | None:
        """The SQLite file the store setting names (``None``: ``memory:`` or another scheme)."""
        store = self.store.strip()
        if store == "memory:":
            return None
        if store.startswith("sqlite:///"):
            return store.removeprefix("sqlite:///")
        if "://" in store:
            return None
        return store
