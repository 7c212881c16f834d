"""The built-in ``signing`` plugin: the key file named by ``settings.signing_key``.

Needs the ``signing`` extra (``cryptography``); without a configured key it gives no
signer, and the office issues unsigned receipts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.plugins import hookimpl

if TYPE_CHECKING:
    from onestop.settings import Settings
    from onestop.signing._contract import Signer


__all__ = ["onestop_signer"]


@hookimpl
def onestop_signer(settings: Settings) -> Signer | None:
    """A :class:`~onestop.signing.KeySigner` from the configured key file, if any."""
    if settings.signing_key is None:
        return None
    from onestop.signing._keys import KeySigner  # noqa: PLC0415 - an optional extra

    return KeySigner.from_file(
        settings.signing_key,
        password=settings.signing_password,
        certificate=settings.signing_certificate,
    )
