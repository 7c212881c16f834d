"""Catalogs and process definitions as JSON files, and the sample catalog shipped with onestop.

Loading is all or nothing; saving replaces the file atomically (a temporary file renamed
over it). The package documentation (:mod:`onestop.catalogs`) describes the format.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING
from typing import TypeVar

from onestop._file_io import read_file
from onestop._file_io import write_atomically
from onestop._shown import shown
from onestop.catalogs._database_records import RecordsLoad
from onestop.catalogs._database_records import catalog_from_records
from onestop.domain._process import ProcessDefinition
from onestop.domain.model._catalog import Catalog
from onestop.exceptions import CatalogError
from onestop.exceptions import SerializationError
from onestop.serialization import converter
from onestop.serialization import parse_json

if TYPE_CHECKING:
    import os

__all__ = [
    "catalog_from_json",
    "catalog_to_json",
    "load_catalog",
    "load_process",
    "process_from_json",
    "process_to_json",
    "sample_catalog",
    "sample_records",
    "save_catalog",
    "save_process",
]

_T = TypeVar("_T")


def _from_json(text: str | bytes, kind: type[_T], what: str) -> _T:
    if not isinstance(text, str | bytes):
        raise CatalogError(f"a {what} is read from JSON text, got {shown(text)}")
    try:
        data = parse_json(text, f"a {what}")
    except SerializationError as exc:
        raise CatalogError(str(exc)) from None
    if not isinstance(data, dict):
        raise CatalogError(f"a {what} is a JSON object, got {type(data).__name__}")
    try:
        return converter().structure(data, kind)
    except SerializationError as exc:
        problems = exc.problems
        raise CatalogError(
            f"the {what} has {len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in problems)
        ) from None


def _to_json(value: object, kind: type) -> str:
    if not isinstance(value, kind):
        raise CatalogError(f"expected a {kind.__name__} to write, got {shown(value)}")
    return json.dumps(converter().unstructure(value), ensure_ascii=False, indent=2) + "\n"


def catalog_from_json(text: str | bytes) -> Catalog:
    """Read a catalog from JSON text.

    :raises CatalogError: for invalid JSON or any bad field (all are listed).
    """
    return _from_json(text, Catalog, "catalog")


def catalog_to_json(catalog: Catalog) -> str:
    """The catalog as JSON text (UTF-8 Vietnamese kept as is, fields at default omitted)."""
    return _to_json(catalog, Catalog)


def load_catalog(path: str | os.PathLike[str]) -> Catalog:
    """Read a catalog file.

    :raises CatalogError: when the file cannot be read or holds a bad catalog.
    """
    return catalog_from_json(read_file(path, "catalog", CatalogError))


def save_catalog(catalog: Catalog, path: str | os.PathLike[str]) -> None:
    """Write ``catalog`` to ``path`` atomically (a temporary file renamed over it).

    :raises CatalogError: when ``path`` cannot be written.
    """
    write_atomically(path, catalog_to_json(catalog).encode(), "catalog", CatalogError)


def process_from_json(text: str | bytes) -> ProcessDefinition:
    """Read a process definition from JSON text.

    :raises CatalogError: for invalid JSON or any bad field (all are listed).
    """
    return _from_json(text, ProcessDefinition, "process definition")


def process_to_json(definition: ProcessDefinition) -> str:
    """The process definition as JSON text."""
    return _to_json(definition, ProcessDefinition)


def load_process(path: str | os.PathLike[str]) -> ProcessDefinition:
    """Read a process definition file.

    :raises CatalogError: when the file cannot be read or holds a bad definition.
    """
    return process_from_json(read_file(path, "process definition", CatalogError))


def save_process(definition: ProcessDefinition, path: str | os.PathLike[str]) -> None:
    """Write ``definition`` to ``path`` atomically.

    :raises CatalogError: when ``path`` cannot be written.
    """
    write_atomically(path, process_to_json(definition).encode(), "process definition", CatalogError)


def sample_catalog() -> Catalog:
    """Real procedures from the national database, for examples, demos and tests.

    Values the sources did not confirm are marked in each procedure's ``notes``.
    """
    text = resources.files("onestop.national").joinpath("catalog.json").read_text(encoding="utf-8")
    return catalog_from_json(text)


def sample_records() -> RecordsLoad:
    """The 22 national-database records shipped with onestop, read by the records loader.

    The file (``onestop/national/procedure-records.json``) holds the records unmodified,
    with their provenance under ``"source"``; 15 become procedures and the loader
    reports why the others were left out.
    """
    text = resources.files("onestop.national").joinpath("procedure-records.json")
    return catalog_from_records(parse_json(text.read_bytes(), "the shipped records")["records"])
