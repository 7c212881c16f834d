"""What the ``onestop`` command's exit statuses mean: each one thing (0 is success)."""

from __future__ import annotations

__all__ = ["CHECK_FAILED", "REFUSED"]

#: A check found something: ``verify``'s problems, a signature that does not verify, a
#: drain that left messages waiting.
CHECK_FAILED = 1
#: Something was refused: bad input, a store or file that cannot be used, a missing
#: extra. The one line on standard error says which.
REFUSED = 2
