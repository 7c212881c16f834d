"""Reading and writing procedure catalogs as JSON, and the sample catalog onestop ships.

A catalog file is ``{"name": ..., "procedures": [...]}`` with each procedure in the
wire format of :mod:`onestop.serialization`. Loading is all or nothing: a malformed
catalog raises :class:`~onestop.exceptions.CatalogError` listing every bad field with
its path, and no partial catalog is returned. Saving writes a temporary file and
renames it over the target, so an existing catalog is never left half-written.
"""

from __future__ import annotations

import json
import os
import tempfile
from importlib import resources
from pathlib import Path

import cattrs

from onestop.domain.catalog import Catalog
from onestop.exceptions import CatalogError
from onestop.serialization import describe_error, make_converter

__all__ = ["catalog_from_json", "catalog_to_json", "load_catalog", "sample_catalog", "save_catalog"]


def catalog_from_json(text: str) -> Catalog:
    """Read a catalog from JSON text.

    :raises CatalogError: for invalid JSON or any bad field (all are listed).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"a catalog must be JSON: {exc}") from None
    try:
        return make_converter().structure(data, Catalog)
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        problems = describe_error(exc)
        raise CatalogError(
            f"the catalog has {len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in problems)
        ) from None


def catalog_to_json(catalog: Catalog) -> str:
    """The catalog as JSON text (UTF-8 Vietnamese kept as is, fields at default omitted)."""
    return json.dumps(make_converter().unstructure(catalog), ensure_ascii=False, indent=2) + "\n"


def load_catalog(path: str | os.PathLike[str]) -> Catalog:
    """Read a catalog file.

    :raises CatalogError: when the file cannot be read or holds a bad catalog.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"cannot read catalog {os.fspath(path)!r}: {exc.strerror}") from None
    return catalog_from_json(text)


def save_catalog(catalog: Catalog, path: str | os.PathLike[str]) -> None:
    """Write ``catalog`` to ``path`` atomically (a temporary file renamed over it)."""
    target = Path(path)
    text = catalog_to_json(catalog)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sample_catalog() -> Catalog:
    """Real procedures from the national database, for examples, demos and tests.

    Values the sources did not confirm are marked in each procedure's ``notes``.
    """
    text = resources.files(__package__).joinpath("sample.json").read_text(encoding="utf-8")
    return catalog_from_json(text)
