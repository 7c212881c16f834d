"""A throwaway PostgreSQL cluster for tests: ``initdb`` and ``pg_ctl`` in a temporary folder.

The cluster listens only on a Unix socket in its own folder (no TCP port, nothing shared
with the machine's own server), trusts local connections, and is stopped and removed
on exit. Run as root (a CI container), it runs the server as the ``postgres`` user, as
PostgreSQL requires. Debian keeps the binaries under ``/usr/lib/postgresql/N/bin``;
:func:`server_binaries` finds them there or on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Self

from onestop.exceptions import StorageError

__all__ = ["ThrowawayCluster", "server_binaries"]


def server_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or ``None`` when there is none."""
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


class ThrowawayCluster:
    """A PostgreSQL cluster that lives as long as the ``with`` block.

    :param binaries: where ``initdb`` and ``pg_ctl`` are (default: :func:`server_binaries`).
    """

    def __init__(self, binaries: Path | None = None) -> None:
        """A cluster not started yet."""
        found = binaries or server_binaries()
        if found is None:
            raise StorageError("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
        self.binaries = found
        self.folder: Path | None = None

    @property
    def dsn(self) -> str:
        """The connection string of the cluster's ``postgres`` database."""
        if self.folder is None:
            raise StorageError("the throwaway cluster is not started")
        return f"host={self.folder} user=postgres dbname=postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(  # noqa: S603 - our own arguments
            [*prefix, *command], check=True, capture_output=True, timeout=120
        )

    def start(self) -> Self:
        """Create the cluster and start its server."""
        self.folder = Path(tempfile.mkdtemp(prefix="onestop-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run(
            str(self.binaries / "initdb"), "-D", str(self.folder / "data"), "-A", "trust",
            "-U", "postgres", "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self.resume()
        return self

    def _pg_ctl(self, *arguments: str) -> None:
        if self.folder is None:
            raise StorageError("the throwaway cluster is not started")
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"), *arguments)

    def pause(self) -> None:
        """Stop the server at once, keeping its data: the outage a store must survive.

        .. versionadded:: 0.5
        """
        self._pg_ctl("-m", "immediate", "-w", "stop")

    def resume(self) -> None:
        """Start the (paused) server, on the cluster's own socket folder.

        .. versionadded:: 0.5
        """
        folder = self.folder
        if folder is None:
            raise StorageError("the throwaway cluster is not started")
        self._pg_ctl(
            "-w", "-l", str(folder / "log"),
            "-o", f"-c listen_addresses='' -k {folder} -c max_connections=60",
            "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Stop the server and remove the cluster."""
        if self.folder is None:
            return
        try:
            self.pause()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> Self:
        """Start the cluster."""
        return self.start()

    def __exit__(self, *_: object) -> None:
        """Stop and remove it."""
        self.stop()
