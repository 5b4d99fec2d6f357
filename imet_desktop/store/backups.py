"""Backups of the live database: written with SQLite's online backup, checked, rotated, listed, restored.

Every backup is a whole, consistent copy taken while the database is in use, written 0600 from its
first byte beside its final name (files.atomic_path), checked by SQLite before it gets that name,
and never written over another file. The automatic ones live in the backups folder (the data
folder's ``backups`` unless the clerk chose another), named after the database, the moment and the
kind: ``imet-20270422-143015-daily.db``. Daily backups are kept in rotation (the newest of each of
the last 7 days, 8 weeks and 12 months that have one); backups taken before a migration or a
restore, and those the clerk asked for, are kept until the clerk removes them.

A restore copies a backup into the live database through the same online backup, as one SQLite
transaction: a restore killed half way leaves the database as it was. The current file is backed
up first (kind ``before-restore``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from imet_desktop import preferences
from imet_desktop.files import FileWriteError, TargetExistsError, atomic_path, check_target
from imet_desktop.store.errors import CorruptDatabaseError, NewerSchemaError, NotADatabaseError, StoreError
from imet_desktop.store.integrity import problems
from imet_desktop.store.location import sqlite_uri

KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "imet_desktop"


class BackupKind(StrEnum):
    """Why a backup was taken."""

    DAILY = "daily"
    PRE_MIGRATION = "pre-migration"
    BEFORE_RESTORE = "before-restore"
    MANUAL = "manual"


_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>daily|pre-migration|before-restore|manual)"
                   r"(?:-(?P<n>\d+))?\.db$")


@dataclass(frozen=True)
class Backup:
    """One backup file in the backups folder."""

    path: Path
    database: str  # the stem of the database it copies
    taken_at: dt.datetime
    kind: BackupKind
    size: int


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, for the clerk choosing one to restore; problems empty when it is whole."""

    students: int | None
    courses: int | None
    classes: int | None
    honorees: int | None
    ceremonies: int | None
    schema: int | None
    problems: tuple[str, ...]


def backups_folder() -> Path:
    """The folder of automatic backups (created on demand)."""
    return preferences.backups_folder()


def backup_name(db_path: Path, kind: BackupKind, at: dt.datetime, n: int = 1) -> str:
    """'imet-20270422-143015-daily.db' (with '-2', '-3'... when that name is taken)."""
    suffix = f"-{n}" if n > 1 else ""
    return f"{db_path.stem}-{at:%Y%m%d-%H%M%S}-{kind.value}{suffix}.db"


def parse_backup(path: Path) -> Backup | None:
    """The backup a file name describes, or None when it is not one of ours."""
    m = _NAME.match(path.name)
    if m is None:
        return None
    try:
        taken = dt.datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S")
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return Backup(path=path, database=m.group("stem"), taken_at=taken, kind=BackupKind(m.group("kind")), size=size)


def list_backups(db_path: Path, folder: Path | None = None) -> list[Backup]:
    """The backups of the database at db_path in folder (default: the backups folder), newest first."""
    folder = folder or backups_folder()
    try:
        candidates = list(folder.glob(f"{glob_escape(db_path.stem)}-*.db"))
    except OSError:
        return []
    found = [b for b in (parse_backup(p) for p in candidates) if b is not None and b.database == db_path.stem]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def glob_escape(text: str) -> str:
    """text with glob's special characters taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", text)


# --- writing a backup -----------------------------------------------------------------------------------

def _copy_into(source: sqlite3.Connection, target: Path) -> None:
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
        # a backup is one self-contained file: no write-ahead log to lose when it is copied elsewhere
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def _check_copy(path: Path, *, full: bool) -> list[str]:
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        return problems(conn, full=full)
    finally:
        conn.close()


def write_backup(source: sqlite3.Connection, target: Path, *, replace: bool = False, full_check: bool = True,
                 check: bool = True) -> Path:
    """Copy the open database into target (0600, renamed into place only once SQLite finds it whole).

    replace=False never writes over an existing file (TargetExistsError). A copy that fails the
    check means the live database is damaged: CorruptDatabaseError, and no file is left.
    """
    check_target(target)
    try:
        with atomic_path(target, private=True, replace=replace) as partial:
            _copy_into(source, partial)
            found = _check_copy(partial, full=full_check) if check else []
            if found:
                raise CorruptDatabaseError(
                    f"the database is damaged: SQLite found {len(found)} problem(s) in its copy "
                    f"({found[0]}); the copy was not kept as a backup")
    except sqlite3.Error as e:
        if (getattr(e, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_FULL:
            raise FileWriteError(f"cannot write {target}: the disk is full; nothing was written") from None
        raise StoreError(f"backup to {target} failed: {e}") from None
    return target


def take_backup(source: sqlite3.Connection, db_path: Path, kind: BackupKind, *, folder: Path | None = None,
                now: dt.datetime | None = None, full_check: bool = True) -> Path:
    """A new backup of the open database in the backups folder, under a name no other file has."""
    folder = folder or backups_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"the backups folder {folder} cannot be created: {e.strerror or e}") from None
    at = (now or dt.datetime.now()).replace(microsecond=0)
    for n in range(1, 1000):
        target = folder / backup_name(db_path, kind, at, n)
        if target.exists():
            continue
        try:
            return write_backup(source, target, replace=False, full_check=full_check)
        except TargetExistsError:
            continue  # another process took this name between our look and our write
    raise StoreError(f"no free backup name left in {folder} for {at}")


def daily_backup_due(db_path: Path, folder: Path | None = None, today: dt.date | None = None) -> bool:
    """True when no daily backup of this database was taken today."""
    today = today or dt.date.today()
    return not any(b.kind is BackupKind.DAILY and b.taken_at.date() == today
                   for b in list_backups(db_path, folder))


def backups_to_keep(backups: list[Backup]) -> set[Path]:
    """Of the daily backups, those the rotation keeps: the newest of each of the last 7 days, 8 weeks, 12 months."""
    daily = sorted((b for b in backups if b.kind is BackupKind.DAILY), key=lambda b: b.taken_at, reverse=True)
    keep: set[Path] = set()
    for bucket, count in ((lambda d: d.date(), KEEP_DAILY),
                          (lambda d: tuple(d.isocalendar())[:2], KEEP_WEEKLY),
                          (lambda d: (d.year, d.month), KEEP_MONTHLY)):
        seen: list[object] = []
        for b in daily:
            key = bucket(b.taken_at)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            keep.add(b.path)
    return keep


def rotate(db_path: Path, folder: Path | None = None) -> list[Path]:
    """Remove the daily backups the rotation no longer keeps; the paths removed."""
    backups = list_backups(db_path, folder)
    keep = backups_to_keep(backups)
    removed = []
    for b in backups:
        if b.kind is BackupKind.DAILY and b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return removed


def take_daily_backup(source: sqlite3.Connection, db_path: Path, *, folder: Path | None = None,
                      now: dt.datetime | None = None) -> Path | None:
    """Today's backup (fully checked) if none was taken yet, then the rotation; the new backup or None."""
    now = now or dt.datetime.now()
    if not daily_backup_due(db_path, folder, now.date()):
        return None
    written = take_backup(source, db_path, BackupKind.DAILY, folder=folder, now=now, full_check=True)
    rotate(db_path, folder)
    return written


# --- reading a backup -----------------------------------------------------------------------------------

def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError(f"{path} does not exist")
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise NotADatabaseError(f"{path} is not a backup of an IMET Desktop database (not an SQLite file)")
    return sqlite3.connect(sqlite_uri(path, "ro"), uri=True)


def _count(conn: sqlite3.Connection, sql: str) -> int | None:
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return None


def schema_version(conn: sqlite3.Connection) -> int | None:
    """How many of our migrations the database has had (None: not one of ours)."""
    try:
        row = conn.execute(f"SELECT count(*) FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                           [MIGRATION_SET]).fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) or None


def backup_contents(path: Path, *, full: bool = False, check: bool = True) -> BackupContents:
    """The record counts and schema of a backup, and what SQLite finds wrong with it (a quick check by default;
    none with check=False: the counts alone are read in milliseconds, a check reads the whole file)."""
    conn = _open_read_only(path)
    try:
        found = tuple(problems(conn, full=full)) if check else ()
        return BackupContents(
            students=_count(conn, "SELECT count(*) FROM students WHERE archived_at IS NULL"),
            courses=_count(conn, "SELECT count(*) FROM courses"),
            classes=_count(conn, "SELECT count(*) FROM classes"),
            honorees=_count(conn, "SELECT count(*) FROM inductions"),
            ceremonies=_count(conn, "SELECT count(*) FROM ceremonies"),
            schema=schema_version(conn),
            problems=found,
        )
    finally:
        conn.close()


def newest_good_backup(db_path: Path, folder: Path | None = None) -> Backup | None:
    """The newest backup of the database that passes SQLite's quick check, or None."""
    for b in list_backups(db_path, folder):
        try:
            contents = backup_contents(b.path)
        except (StoreError, sqlite3.Error, OSError):
            continue
        if not contents.problems and contents.schema is not None:
            return b
    return None


# --- restoring ------------------------------------------------------------------------------------------

def _copy_current(live: sqlite3.Connection, db_path: Path, folder: Path | None) -> Path:
    """Keep the current file before a restore: by online backup, or byte for byte when it is too damaged for that."""
    try:
        return take_backup(live, db_path, BackupKind.BEFORE_RESTORE, folder=folder, full_check=False)
    except CorruptDatabaseError:
        pass
    except StoreError:
        if not db_path.exists():
            raise
    folder = folder or backups_folder()
    at = dt.datetime.now().replace(microsecond=0)
    with contextlib.suppress(sqlite3.Error):
        live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for n in range(1, 1000):
        target = folder / backup_name(db_path, BackupKind.BEFORE_RESTORE, at, n)
        if target.exists():
            continue
        try:
            with atomic_path(target, private=True, replace=False) as partial, \
                    db_path.open("rb") as src, partial.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            return target
        except TargetExistsError:
            continue
    raise StoreError(f"no free backup name left in {folder}")


def restore(live: sqlite3.Connection, db_path: Path, backup: Path, *, known_migrations: int,
            folder: Path | None = None) -> Path:
    """Replace the live database's contents with the backup's, as one transaction; returns the copy kept first.

    The backup must be whole (SQLite's full check) and from this program (not newer); the current
    file is backed up before anything changes. live must be the connection of the lock's holder;
    reopen the database afterwards (a backup from an older version is then migrated as usual).
    """
    backup = Path(backup)
    if backup.resolve() == db_path.resolve():
        raise StoreError(f"{backup} is the open database itself; choose a backup")
    contents = backup_contents(backup, full=True)
    if contents.schema is None:
        raise NotADatabaseError(f"{backup} is not a backup of an IMET Desktop database")
    if contents.problems:
        raise CorruptDatabaseError(f"{backup} is damaged ({contents.problems[0]}); choose another backup")
    if contents.schema > known_migrations:
        raise NewerSchemaError(f"{backup} was written by a newer version of IMET Desktop (schema "
                               f"{contents.schema}, this program knows {known_migrations}); it cannot be restored here")
    kept = _copy_current(live, db_path, folder)
    source = sqlite3.connect(sqlite_uri(backup, "ro"), uri=True)
    try:
        if live.in_transaction:
            live.commit()
        source.backup(live)  # one write transaction on the live database: all of it, or nothing
    except sqlite3.Error as e:
        raise StoreError(f"restoring {backup.name} failed; the database is as it was ({e}). "
                         f"A copy of it is kept at {kept}") from None
    finally:
        source.close()
    return kept
