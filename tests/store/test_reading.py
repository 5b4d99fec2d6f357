"""What the command line reads of a database file before Qt and sqlite-utils load (store.reading)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from imet_desktop.store.db import open_database
from imet_desktop.store.errors import NewerSchemaError, NotADatabaseError, StoreError
from imet_desktop.store.reading import SCHEMA_VERSION, connect_read_only, schema_version
from imet_desktop.store.schema import migration_names


def test_the_schema_s_number_is_the_number_of_migrations_a_file_is_brought_to(tmp_path: Path) -> None:
    assert len(migration_names()) == SCHEMA_VERSION  # a migration added: its number goes up with it
    path = tmp_path / "office.db"
    open_database(path).close()
    assert schema_version(path) == SCHEMA_VERSION


def test_a_file_that_cannot_be_ours_is_refused_and_one_that_cannot_be_read_here_is_left_to_the_window(
        tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database\n")
    with pytest.raises(NotADatabaseError, match="not an SQLite file"):
        schema_version(text)
    with pytest.raises(NotADatabaseError, match="is a folder"):
        schema_version(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        schema_version(tmp_path / "gone" / "office.db")
    empty = tmp_path / "empty.db"
    empty.touch()
    assert schema_version(empty) is None  # the window makes it a database
    header_only = tmp_path / "damaged.db"
    header_only.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    assert schema_version(header_only) is None  # damaged: the window says so and offers the newest backup


def test_a_file_from_a_newer_version_is_refused_naming_both_schemas(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    db = open_database(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(NewerSchemaError, match=f"schema {SCHEMA_VERSION + 1}, this program knows {SCHEMA_VERSION}"):
        schema_version(path)


def test_a_file_held_by_another_window_is_read_and_not_written(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    db = open_database(path)  # holds the lock, its log open
    try:
        assert schema_version(path) == SCHEMA_VERSION
        conn = connect_read_only(path)
        try:
            with pytest.raises(Exception, match="readonly"):
                conn.execute("CREATE TABLE t (x)")
        finally:
            conn.close()
    finally:
        db.close()



def test_a_file_another_program_is_writing_is_not_waited_for(tmp_path: Path) -> None:
    """The window is not shown until its file has been looked at: a file locked by another program's write (here
    in rollback mode, where a write keeps readers out) is left to the window, which waits and explains, at once
    rather than after the store's five-second wait for a lock."""
    import sqlite3
    import time

    from imet_desktop.store.reading import BUSY_TIMEOUT_MS

    path = tmp_path / "office.db"
    with contextlib.closing(sqlite3.connect(path)) as setup:
        setup.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        setup.execute("CREATE TABLE t (x)")
        setup.commit()
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        assert schema_version(path) is None
        assert time.monotonic() - started < BUSY_TIMEOUT_MS / 1000 / 2  # not the store's wait for the lock
    finally:
        other.close()
    assert schema_version(path) == SCHEMA_VERSION
