"""A procedure catalog: every published version of a set of procedures, looked up by date.

Reading and writing catalogs as JSON is in :mod:`onestop.catalogs`; this module is the
pure value.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._shown import shown
from onestop.domain._validators import to_tuple
from onestop.domain.model._boundary_free import BoundaryFreeList
from onestop.domain.model._procedure import Procedure
from onestop.exceptions import InvalidProcedureError
from onestop.exceptions import UnknownProcedureError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Iterator

    from onestop.domain.model._agency import Level

__all__ = ["Catalog"]


def _procedures(value: Iterable[Procedure]) -> tuple[Procedure, ...]:
    """Normalise to a tuple ordered by code and version (trivial conversion)."""
    items = to_tuple(value, InvalidProcedureError)
    for item in items:
        if not isinstance(item, Procedure):
            raise InvalidProcedureError(f"a catalog holds Procedure values, got {shown(item)}")
    return tuple(sorted(items, key=lambda p: (p.code, p.version)))


def _lists(value: Iterable[BoundaryFreeList]) -> tuple[BoundaryFreeList, ...]:
    """Normalise to a tuple ordered by first day (trivial conversion)."""
    items = to_tuple(value, InvalidProcedureError)
    for item in items:
        if not isinstance(item, BoundaryFreeList):
            raise InvalidProcedureError(
                f"a catalog's boundary-free lists are BoundaryFreeList values, got {shown(item)}"
            )
    return tuple(sorted(items, key=lambda item: (item.valid_from or date.min, item.source)))


def _check_versions(_: object, __: attrs.Attribute[Any], value: tuple[Procedure, ...]) -> None:
    previous: Procedure | None = None
    for procedure in value:
        if previous is not None and previous.code == procedure.code:
            if previous.version == procedure.version:
                raise InvalidProcedureError(
                    f"procedure {procedure.code} has version {procedure.version} twice"
                )
            if previous.valid_until is None or (
                procedure.valid_from is None or procedure.valid_from <= previous.valid_until
            ):
                raise InvalidProcedureError(
                    f"procedure {procedure.code}: version {procedure.version} must start after "
                    f"version {previous.version} ends"
                )
        previous = procedure


@attrs.frozen
class Catalog:
    """Procedures by code, field and level; several versions of a code over time.

    :param procedures: every version of every procedure.
    :param name: what the catalog is (a province, the national sample).
    :param boundary_free: the province's dated lists of procedures received regardless
        of administrative boundary (:meth:`boundary_free_list`).

    .. versionadded:: 0.1
    .. versionchanged:: 0.5
       ``boundary_free``.
    """

    procedures: tuple[Procedure, ...] = attrs.field(
        default=(), converter=_procedures, validator=_check_versions
    )
    name: str = ""
    boundary_free: tuple[BoundaryFreeList, ...] = attrs.field(default=(), converter=_lists)

    def __iter__(self) -> Iterator[Procedure]:
        """Every procedure version, ordered by code and version."""
        return iter(self.procedures)

    def __len__(self) -> int:
        """How many procedure versions the catalog holds."""
        return len(self.procedures)

    @functools.cached_property
    def codes(self) -> tuple[str, ...]:
        """The distinct procedure codes, sorted."""
        return tuple(sorted(self._versions))

    @property
    def fields(self) -> tuple[str, ...]:
        """The distinct fields (lĩnh vực), sorted."""
        return tuple(sorted({p.field for p in self.procedures}))

    @functools.cached_property
    def _versions(self) -> dict[str, tuple[Procedure, ...]]:
        """Each code's versions in order, built once per catalog."""
        index: dict[str, list[Procedure]] = {}
        for procedure in self.procedures:
            index.setdefault(procedure.code, []).append(procedure)
        return {code: tuple(versions) for code, versions in index.items()}

    def get(self, code: str, on: date | None = None) -> Procedure:
        """The version of ``code`` in force on ``on`` (default: the latest version).

        Looked up by index: the cost does not grow with the catalog.

        :raises UnknownProcedureError: when the catalog has no such code, or no version
            in force that day.
        :raises InvalidProcedureError: when ``code`` is not text or ``on`` not a date.
        """
        if not isinstance(code, str):
            raise InvalidProcedureError(
                f"a procedure code is text such as '1.001612', got {shown(code)}"
            )
        if on is not None and type(on) is not date:
            raise InvalidProcedureError(f"a catalog is asked about a date, got {shown(on)}")
        versions = self._versions.get(code)
        if versions is None:
            raise UnknownProcedureError(
                f"no procedure {shown(code)} in this catalog; it has {len(self.codes)} codes, "
                f"e.g. {', '.join(self.codes[:3])}"
            )
        if on is None:
            return versions[-1]
        for procedure in versions:
            if procedure.validity.covers(on):
                return procedure
        raise UnknownProcedureError(f"no version of procedure {code} is in force on {on}")

    def __contains__(self, code: object) -> bool:
        """Whether some version of ``code`` is in the catalog."""
        return isinstance(code, str) and code in self._versions

    def by_field(self, field: str, on: date | None = None) -> tuple[Procedure, ...]:
        """Procedures of a field, in force on ``on`` if given."""
        return tuple(
            p for p in self.procedures if p.field == field and (on is None or p.validity.covers(on))
        )

    def by_level(self, level: Level, on: date | None = None) -> tuple[Procedure, ...]:
        """Procedures carried out at ``level``, in force on ``on`` if given."""
        return tuple(
            p for p in self.procedures if p.level is level and (on is None or p.validity.covers(on))
        )

    def boundary_free_list(self, code: str, on: date) -> BoundaryFreeList | None:
        """The list in force on ``on`` that makes procedure ``code`` boundary-free, if any.

        :raises InvalidProcedureError: when ``on`` is not a date.

        .. versionadded:: 0.5
        """
        for listing in reversed(self.boundary_free):  # the latest decision first
            if listing.covers(code, on):
                return listing
        if type(on) is not date:
            raise InvalidProcedureError(f"a catalog is asked about a date, got {shown(on)}")
        return None

    def with_boundary_free(self, *lists: BoundaryFreeList) -> Catalog:
        """A catalog with the boundary-free ``lists`` added.

        .. versionadded:: 0.5
        """
        return attrs.evolve(self, boundary_free=(*self.boundary_free, *lists))

    def with_procedures(self, *procedures: Procedure) -> Catalog:
        """A catalog with ``procedures`` added (new versions of existing codes too)."""
        return attrs.evolve(self, procedures=(*self.procedures, *procedures))
