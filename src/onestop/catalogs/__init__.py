"""Reading and writing catalogs and process definitions as JSON; the sample catalog.

Records exported from the national procedure database are read by
:func:`catalog_from_records` (see ``onestop.catalogs._database_records``), which reports
every field it could not read.

A catalog file is ``{"name": ..., "procedures": [...]}`` with each procedure in the
wire format of :mod:`onestop.serialization`. Loading is all or nothing: a malformed
catalog raises :class:`~onestop.exceptions.CatalogError` listing every bad field with
its path, and no partial catalog is returned. ISO 9001 process definitions
(:class:`~onestop.processes.ProcessDefinition`) are read and written the same
way. Saving writes a temporary file and renames it over the target, so an existing
file is never left half-written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop._lazy import lazy_exports

if TYPE_CHECKING:
    from onestop.catalogs._database_records import RecordFee as RecordFee
    from onestop.catalogs._database_records import RecordProblem as RecordProblem
    from onestop.catalogs._database_records import RecordsLoad as RecordsLoad
    from onestop.catalogs._database_records import catalog_from_records as catalog_from_records
    from onestop.catalogs._database_records import load_records as load_records
    from onestop.catalogs._files import catalog_from_json as catalog_from_json
    from onestop.catalogs._files import catalog_to_json as catalog_to_json
    from onestop.catalogs._files import load_catalog as load_catalog
    from onestop.catalogs._files import load_process as load_process
    from onestop.catalogs._files import process_from_json as process_from_json
    from onestop.catalogs._files import process_to_json as process_to_json
    from onestop.catalogs._files import sample_catalog as sample_catalog
    from onestop.catalogs._files import sample_records as sample_records
    from onestop.catalogs._files import save_catalog as save_catalog
    from onestop.catalogs._files import save_process as save_process


_EXPORTS = {
    "RecordFee": "onestop.catalogs._database_records",
    "RecordProblem": "onestop.catalogs._database_records",
    "RecordsLoad": "onestop.catalogs._database_records",
    "catalog_from_json": "onestop.catalogs._files",
    "catalog_from_records": "onestop.catalogs._database_records",
    "catalog_to_json": "onestop.catalogs._files",
    "load_catalog": "onestop.catalogs._files",
    "load_process": "onestop.catalogs._files",
    "load_records": "onestop.catalogs._database_records",
    "process_from_json": "onestop.catalogs._files",
    "process_to_json": "onestop.catalogs._files",
    "sample_catalog": "onestop.catalogs._files",
    "sample_records": "onestop.catalogs._files",
    "save_catalog": "onestop.catalogs._files",
    "save_process": "onestop.catalogs._files",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
