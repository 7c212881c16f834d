"""Lazy re-exports for the public homes: a package's names load on first use (PEP 562).

Each public package (``onestop.storage``, ``onestop.office``, …) is the one home of the
names its private modules define. Its ``__init__`` maps each name to the private module
that defines it and hands the map to :func:`lazy_exports`, so importing the package
imports none of its modules until a name is used: ``import onestop.storage`` does not
load PostgreSQL's driver, and a private module can import a sibling without a cycle
through the package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Mapping
    from collections.abc import Sequence

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, which re-exports ``exports``.

    :param package: the package's ``__name__``.
    :param exports: each exported name and the module that defines it.
    :param public: the package's ``__all__``.
    """
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:  # noqa: ANN401, N807 - any exported value
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the module's dir()
        return sorted({*public, *namespace})

    return __getattr__, __dir__
