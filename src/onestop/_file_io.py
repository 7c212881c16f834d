"""Files named by callers: one check of the path, one read, one atomic write.

Every onestop function that opens a caller's file (catalogs, processes, records, key
files, forms, store files) names it through :func:`file_path`, so a path with a NUL
or a lone surrogate, a folder where a file belongs, or a file that cannot be read is
one of onestop's errors naming the path — never ``ValueError: embedded null byte``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from onestop._shown import shown

if TYPE_CHECKING:
    from onestop.exceptions import OneStopError

__all__ = ["file_path", "read_file", "write_atomically"]


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def file_path(value: object, what: str, error: type[OneStopError]) -> Path:
    """``value`` as a :class:`~pathlib.Path`, if it can name a file.

    :param what: what the file is, for the message (``"catalog"``).
    :raises error: when it is not a non-empty text or path in UTF-8 without NUL.
    """
    name = os.fspath(value) if isinstance(value, str | os.PathLike) else None
    if type(name) is not str or not name or not _storable(name):
        raise error(f"a {what} file is a path (UTF-8 text, no NUL), got {shown(value)}")
    return Path(name)


def read_file(value: object, what: str, error: type[OneStopError]) -> bytes:
    """The bytes of the file ``value`` names.

    :raises error: when the path is no path (see :func:`file_path`) or the file cannot
        be read (missing, a folder, no permission), naming it and why.
    """
    path = file_path(value, what, error)
    try:
        return path.read_bytes()
    except OSError as failure:
        raise _cannot("read", what, path, failure, error) from None


def write_atomically(value: object, data: bytes, what: str, error: type[OneStopError]) -> Path:
    """Write ``data`` to the file ``value`` names, whole or not at all; returns its path.

    The bytes go to a temporary file beside it, are flushed to disk, then replace the
    file in one rename: a crash leaves the old file or the new one, never half of it.
    Only a regular file (or none) is replaced: a device such as ``/dev/null``, a
    folder or a symbolic link is refused, since the rename would replace it.

    :raises error: when the path is no path, names something other than a regular
        file, or the file cannot be written.
    """
    path = file_path(value, what, error)
    try:
        existing = path.lstat()
    except FileNotFoundError:
        existing = None
    except OSError as failure:
        raise _cannot("write", what, path, failure, error) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # a rename over a device, a folder or a link would replace it, not write to it
        raise error(f"cannot write the {what} file {shown(str(path))}: it is not a regular file")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as failure:
        raise _cannot("write", what, path, failure, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except OSError as failure:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot("write", what, path, failure, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _cannot(
    doing: str, what: str, path: Path, failure: OSError, error: type[OneStopError]
) -> OneStopError:
    reason = failure.strerror or str(failure)
    return error(f"cannot {doing} the {what} file {shown(str(path))}: {reason}")
