"""Reading a database file without sqlite-utils: what the command line tells of a file named with --db before Qt
loads (a file that cannot be ours is one line, not a window), and the read-only connection the Overview's first
figures are counted with meanwhile, in a process of their own (ops.kept.CountAhead).

The store's modules load sqlite-utils (~35 ms at every start that counts before its first paint); this one loads
sqlite3 alone. store.db opens files for the window and the commands, with the same checks of the file and more.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from imet_desktop.store.errors import NewerSchemaError, NotADatabaseError, StoreError
from imet_desktop.store.location import sqlite_uri

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000

SCHEMA_VERSION = 10
"""The schema this program writes: its number of migrations (store.schema), which a file's user_version is set to
when they are applied. A test checks that they agree."""


class Reads(Protocol):
    """What counting needs of a connection: its execute. The store's Database (sqlite-utils) has it, and so has a
    plain sqlite3 connection (connect_read_only), opened before sqlite-utils is loaded."""

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ..., /) -> sqlite3.Cursor: ...


def check_file(path: Path) -> bool:
    """True if the file exists and has content; raises when it cannot be one of ours."""
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a database file")
    if not path.parent.is_dir():
        raise StoreError(f"the folder {path.parent} does not exist")
    if not path.exists():
        return False
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except PermissionError:
        raise StoreError(f"{path} cannot be read: permission denied") from None
    except OSError as e:
        raise StoreError(f"{path} cannot be read: {e.strerror or e}") from None
    if not header:
        return False
    if header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path} is not an IMET Desktop database (not an SQLite file)")
    return True


def connect_read_only(path: Path, timeout_s: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    """A connection that cannot write to the file, nor make it should it have gone; it waits for another's write to
    end at most timeout_s seconds."""
    return sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=timeout_s)


def newer_schema(path: Path, version: int) -> NewerSchemaError:
    """The error for a file written by a newer version of the program (its schema's number)."""
    return NewerSchemaError(f"{path} was written by a newer version of IMET Desktop (schema {version}, this program "
                            f"knows {SCHEMA_VERSION}). Install the newer version to open it.")


def schema_version(path: Path) -> int | None:
    """The schema number of a database file (SQLite's header, read without sqlite-utils): raises when it cannot be
    one of ours (not an SQLite file, a folder) or was written by a newer version; None when it is empty or cannot
    be read here at once (held by another program's write, damaged: the window, which opens it, says so and offers a
    way out). It waits for no other program: the window is not shown until it has answered."""
    if not check_file(path):
        return None
    try:
        conn = connect_read_only(path, timeout_s=0)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if version > SCHEMA_VERSION:
        raise newer_schema(path, version)
    return version
