"""Files named by callers: refused paths, atomic writes, and what is never replaced."""

import os
import stat
from pathlib import Path

import pytest

from onestop._file_io import file_path
from onestop._file_io import read_file
from onestop._file_io import write_atomically
from onestop.exceptions import CatalogError
from onestop.exceptions import StorageError
from onestop.storage import SQLiteStore


@pytest.mark.parametrize("value", ["", "a\x00b", "\ud800.json", 3, None, b"bytes.json"])
def test_what_cannot_name_a_file_is_refused(value):
    with pytest.raises(CatalogError, match="catalog file is a path"):
        file_path(value, "catalog", CatalogError)


def test_a_write_replaces_a_regular_file_whole(tmp_path):
    path = tmp_path / "catalog.json"
    write_atomically(path, b"first", "catalog", CatalogError)
    write_atomically(path, b"second", "catalog", CatalogError)
    assert read_file(path, "catalog", CatalogError) == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.json"]


def test_a_device_a_folder_or_a_link_is_never_replaced(tmp_path):
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    for target in (os.devnull, tmp_path, link):
        with pytest.raises(CatalogError, match="not a regular file"):
            write_atomically(target, b"x", "catalog", CatalogError)
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)  # still the device
    assert link.is_symlink()


def test_a_store_is_opened_only_on_a_regular_file(tmp_path):
    for target in (os.devnull, tmp_path):
        with pytest.raises(StorageError, match="not a regular file"):
            SQLiteStore(target)
    assert not list(tmp_path.iterdir())  # nothing written beside it


def test_an_unreadable_file_is_named(tmp_path):
    with pytest.raises(CatalogError, match=r"cannot read the catalog file .*missing"):
        read_file(tmp_path / "missing.json", "catalog", CatalogError)
    with pytest.raises(CatalogError, match="cannot read the catalog file"):
        read_file(tmp_path, "catalog", CatalogError)
