"""Errors the user can fix (a wrong file, a locked database) as opposed to our bugs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from imet_desktop.domain.errors import UserError


class StoreError(UserError):
    """Something about the database file that the user can act on; str() is the message."""


class NotADatabaseError(StoreError):
    """The file is not an SQLite database, or not one of ours."""


class CorruptDatabaseError(StoreError):
    """The file is an SQLite database but damaged or truncated."""


class NewerSchemaError(StoreError):
    """The file was written by a newer version of the program."""


class DatabaseLockedError(StoreError):
    """Another program holds the database."""


class RecordNotFoundError(StoreError):
    """A record id that does not exist (any more)."""


class ValidationError(StoreError):
    """A record failed the domain's rules; carries every problem."""

    def __init__(self, problems: list[object]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


# SQLite's primary result codes that mean the file or the machine, not our SQL, is at fault.
_ENVIRONMENT_ERRORS = {
    sqlite3.SQLITE_PERM, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PROTOCOL, sqlite3.SQLITE_NOLFS, sqlite3.SQLITE_NOTADB,
}


def database_problem(error: sqlite3.Error, where: Path | str | None = None) -> StoreError | None:
    """The StoreError for an SQLite error the user can act on (locked, damaged, disk full...), or None: our bug."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        # Raised without a result code: only the bare DatabaseError ("malformed") is the file's fault.
        if type(error) is not sqlite3.DatabaseError:
            return None
        code = sqlite3.SQLITE_CORRUPT
    code &= 0xFF  # extended codes carry the primary code in their low byte
    if code not in _ENVIRONMENT_ERRORS:
        return None
    name = str(where) if where is not None else "the database"
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseLockedError(f"{name} is locked by another program; close it and try again")
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return CorruptDatabaseError(f"{name} is damaged ({error}). Restore it from a backup.")
    if code == sqlite3.SQLITE_FULL:
        return StoreError(f"{name} was not changed: the disk is full ({error}). Make room, then try again")
    if code == sqlite3.SQLITE_READONLY:
        return StoreError(f"{name} is open read-only: nothing can be changed in it ({error})")
    return StoreError(f"{name} cannot be used: {error}")
