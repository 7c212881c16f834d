"""A persistent stack: appending shares the older items, so it costs O(1)."""

from __future__ import annotations

from typing import Generic
from typing import TypeVar

__all__ = [
    "Chain",
    "items",
]

_T = TypeVar("_T")


class Chain(Generic[_T]):
    """An immutable linked list, newest item first; ``None`` is the empty chain."""

    __slots__ = ("item", "previous")

    item: _T
    previous: Chain[_T] | None

    def __init__(self, item: _T, previous: Chain[_T] | None) -> None:
        """The chain ``previous`` with ``item`` appended."""
        self.item = item
        self.previous = previous

    def replace_last(self, item: _T) -> Chain[_T]:
        """This chain with its newest item replaced."""
        return Chain(item, self.previous)


def items(chain: Chain[_T] | None) -> tuple[_T, ...]:
    """The items of ``chain``, oldest first (iterative: long chains do not recurse)."""
    out: list[_T] = []
    while chain is not None:
        out.append(chain.item)
        chain = chain.previous
    out.reverse()
    return tuple(out)
