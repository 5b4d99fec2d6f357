"""Opening a database file: checks, pragmas, migrations, and a backup before migrating."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.problems import Problem
from imet_desktop.store.convert import from_row
from imet_desktop.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerSchemaError,
    NotADatabaseError,
    RecordNotFoundError,
    StoreError,
    ValidationError,
)
from imet_desktop.store.schema import migration_names, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000


def now_text() -> str:
    """The current local time as stored: ISO 8601 to the second."""
    return dt.datetime.now().replace(microsecond=0).isoformat()


def current_user() -> str:
    """Who is working, for the audit log."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _check_file(path: Path) -> bool:
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


def _check_not_truncated(db: Database, path: Path) -> None:
    page_size = db.execute("PRAGMA page_count").fetchone()
    size = db.execute("PRAGMA page_size").fetchone()
    expected = int(page_size[0]) * int(size[0])
    on_disk = path.stat().st_size
    wal = Path(f"{path}-wal")
    if wal.exists():
        on_disk += wal.stat().st_size
    if on_disk < expected:
        raise CorruptDatabaseError(
            f"{path} is damaged: it is {on_disk:,} bytes long but should be {expected:,} "
            "(truncated?). Restore it from a backup."
        )


def _restrict_permissions(path: Path) -> None:
    """The file holds personal data: readable by its owner only (where the OS allows)."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if p.exists() and p.stat().st_uid == os.getuid():
                p.chmod(0o600)
        except (OSError, AttributeError):
            pass


def connect(path: Path | str) -> Database:
    """A connection with the pragmas every connection needs; no checks or migrations."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def open_database(path: Path | str, *, create: bool = True) -> Database:
    """Open (or create) a database file and bring its schema up to date.

    Raises a StoreError subclass with a message naming the file when the file is not a
    database, is damaged, was written by a newer version, or is locked.
    """
    path = Path(path).expanduser()
    existed = _check_file(path)
    if not existed and not create:
        raise StoreError(f"{path} does not exist")
    try:
        db = connect(path)
        if not existed:
            path.touch(mode=0o600, exist_ok=True)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if existed:
            _check_not_truncated(db, path)
        _migrate(db, path)
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise DatabaseLockedError(f"{path} is locked by another program; close it and try again") from None
        if "readonly" in str(e) or "unable to open" in str(e):
            raise StoreError(f"{path} cannot be opened for writing: {e}") from None
        raise CorruptDatabaseError(f"{path} cannot be read: {e}") from None
    except sqlite3.DatabaseError as e:
        raise CorruptDatabaseError(f"{path} is damaged ({e}). Restore it from a backup.") from None
    _restrict_permissions(path)
    return db


def _user_tables(db: Database) -> list[str]:
    return [t for t in db.table_names() if not t.startswith("sqlite_")]


def _migrate(db: Database, path: Path) -> None:
    known = migration_names()
    tables = _user_tables(db)
    applied = [m.name for m in migrations.applied(db)]
    if tables and not applied:
        raise NotADatabaseError(f"{path} is an SQLite database but not an IMET Desktop one")
    unknown = [name for name in applied if name not in known]
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if unknown or version > len(known):
        raise NewerSchemaError(
            f"{path} was written by a newer version of IMET Desktop (schema {version}, "
            f"this program knows {len(known)}). Install the newer version to open it."
        )
    pending = migrations.pending(db)
    if not pending:
        return
    if applied:
        backup_before_migration(db, path, version)
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {len(known)}")


def backup_before_migration(db: Database, path: Path, version: int) -> Path:
    """Copy an older database beside itself before changing its schema."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.schema{version}-backup-{stamp}{path.suffix or '.db'}")
    backup_to(db, target)
    return target


def backup_to(db: Database, target: Path | str) -> Path:
    """A consistent copy of the open database at target (works while it is in use)."""
    target = Path(target)
    if not target.parent.is_dir():
        raise StoreError(f"the folder {target.parent} does not exist")
    tmp = target.with_name(target.name + ".partial")
    try:
        dest = sqlite3.connect(str(tmp))
        try:
            db.conn.backup(dest)
        finally:
            dest.close()
        tmp.replace(target)
    except sqlite3.Error as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"backup to {target} failed: {e}") from None
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"backup to {target} failed: {e.strerror or e}") from None
    _restrict_permissions(target)
    return target


def database_path(db: Database) -> Path:
    """The file behind an open database."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2])


def audit(db: Database, table: str, row_id: int | None, action: str, details: dict[str, Any] | None = None) -> None:
    """Append one entry to the audit log; call inside the change's own transaction."""
    db.execute(
        "INSERT INTO audit_log (at, user_name, table_name, row_id, action, details) VALUES (?, ?, ?, ?, ?, ?)",
        [now_text(), current_user(), table, row_id, action, json.dumps(details or {}, ensure_ascii=False,
                                                                       default=str)],
    )


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """One transaction for a change; a locked database becomes a message, not a traceback."""
    try:
        with db.atomic():
            yield db
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise DatabaseLockedError("the database is locked by another program; try again") from None
        raise


# --- one record at a time: read, insert, update, each audited in its own transaction -------------------

def fetch_record[T](db: Database, cls: type[T], table: str, row_id: int, missing: str) -> T:
    """The row of table with this id as a cls; RecordNotFoundError(missing) when there is none."""
    rows = list(db.query(f"SELECT * FROM {table} WHERE id = ?", [row_id]))
    if not rows:
        raise RecordNotFoundError(missing)
    return from_row(cls, rows[0])


@contextmanager
def _refusing(refused: tuple[str, object] | None) -> Iterator[None]:
    """With refused given, an IntegrityError (a constraint the checks before did not see) becomes a ValidationError."""
    try:
        yield
    except sqlite3.IntegrityError as e:
        if refused is None:
            raise
        field, value = refused
        raise ValidationError([Problem(field, value, str(e))]) from None


def insert_record(db: Database, table: str, row: Mapping[str, object], details: Mapping[str, object], *,
                  refused: tuple[str, object] | None = None) -> int:
    """Insert one row and its audit entry in one transaction; returns the new id.

    refused names the (field, value) to blame when the schema refuses the row (its message becomes
    the problem's); without it an IntegrityError stays what it is, a bug.
    """
    with _refusing(refused), write(db):
        row_id = int(db.table(table).insert(dict(row)).last_rowid or 0)
        audit(db, table, row_id, "insert", dict(details))
    return row_id


def update_record(db: Database, table: str, row_id: int, old: Mapping[str, object], new: Mapping[str, object], *,
                  fields: tuple[str, ...] | None = None, refused: tuple[str, object] | None = None) -> bool:
    """Save the columns (of fields, else all of new) whose value changed, auditing old and new values.

    Returns False, writing nothing, when nothing changed. refused: as for insert_record.
    """
    keys = fields if fields is not None else tuple(new)
    changes = {k: [old[k], new[k]] for k in keys if old[k] != new[k]}
    if not changes:
        return False
    with _refusing(refused), write(db):
        db.table(table).update(row_id, {k: new[k] for k in keys})
        audit(db, table, row_id, "update", changes)
    return True
