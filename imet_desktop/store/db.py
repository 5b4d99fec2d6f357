"""Opening a database file: one writer, checks, pragmas, backups, and every pending migration in one transaction."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date_time
from imet_desktop.domain.errors import UserError
from imet_desktop.domain.problems import Problem
from imet_desktop.store.backups import (
    Backup,
    BackupKind,
    newest_good_backup,
    take_backup,
    take_daily_backup,
    write_backup,
)
from imet_desktop.store.changes import begin_group, end_group, install_capture, remove_capture
from imet_desktop.store.convert import from_row
from imet_desktop.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NotADatabaseError,
    RecordNotFoundError,
    StoreError,
    ValidationError,
    database_problem,
)
from imet_desktop.store.location import refuse_network_location, sqlite_uri
from imet_desktop.store.lock import DatabaseInUseError, LockHolder, WriterLock, acquire, holder_of
from imet_desktop.store.reading import BUSY_TIMEOUT_MS, check_file, connect_read_only, newer_schema
from imet_desktop.store.schema import migration_names, migrations
from imet_desktop.store.versions import check_version
from imet_desktop.store.whole import quick_check


def now_text() -> str:
    """The current local time as stored: ISO 8601 to the second."""
    return dt.datetime.now().replace(microsecond=0).isoformat()


def current_user() -> str:
    """Who is working, for the audit log."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


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
            st = p.stat() if p.exists() else None
            # only when needed: a chmod is a change (ctime) that store.whole would take for a write
            if st is not None and st.st_uid == os.getuid() and st.st_mode & 0o777 != 0o600:
                p.chmod(0o600)
        except (OSError, AttributeError):
            pass


# The program's connections run no sqlite-utils plugins: none is the program's, and looking for them (every installed
# package's entry points read through importlib.metadata) cost ~65 ms of the first connection of every start.
PLUGINS = False


def connect(path: Path | str, *, cache_kib: int | None = None, create: bool = True) -> Database:
    """A connection with the pragmas every connection needs; no checks or migrations.

    cache_kib: a page cache of that many KiB instead of SQLite's default (2 MiB), for connections that only read
    in a long-running window, where every connection's cache stays resident; None (the default) keeps SQLite's,
    which writers need (an import into the 600,000-student file writes ~20 large index trees). create=False: a
    file that is not there (moved or deleted meanwhile) is an error, never made anew, empty, in its place.
    """
    if create:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(sqlite_uri(path, "rw"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn, execute_plugins=PLUGINS)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if cache_kib is not None:
        use_page_cache(db, cache_kib)
    return db


def use_page_cache(db: Database, kib: int) -> None:
    """Give a connection a page cache of that many KiB (SQLite's default: 2 MiB). Work that writes many pages sets
    its own for its while (page_cache: an import, a bulk load) and puts this one back after."""
    db.execute(f"PRAGMA cache_size = -{int(kib)}")  # negative: KiB, not pages


@contextmanager
def page_cache(db: Database, kib: int) -> Iterator[None]:
    """A page cache of that many KiB for the block (index pages of a large roster stay in it while many rows go in);
    the connection's own after, whatever it was."""
    before = int(db.execute("PRAGMA cache_size").fetchone()[0])  # pages, or KiB when negative: put back as read
    use_page_cache(db, kib)
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {before}")


class OpenDatabase(Database):
    """A database opened by open_database: its file, whether it may be written, and what the clerk should know.

    A writable one holds the database's lock (store.lock) until close(); a read-only one says why
    it is read-only (another holder, or damage found by SQLite's check).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, lock: WriterLock | None, read_only_reason: str = "",
                 problems: list[str] | None = None) -> None:
        super().__init__(conn, execute_plugins=PLUGINS)
        self.path = path
        self.lock = lock
        self.read_only_reason = read_only_reason
        self.problems: list[str] = problems or []
        self.notices: list[str] = []
        """What happened while opening that the clerk should read (a backup that failed, an upgrade)."""
        self.daily_backup: Path | None = None
        self.checks_deferred = False
        """True when the quick check and the day's backup are the caller's to run (ops.backups.opening_checks)."""
        self.migration_backup: Path | None = None

    @property
    def read_only(self) -> bool:
        """True when this connection may not write (no lock held)."""
        return self.lock is None

    def close(self, *, before_release: Callable[[], None] | None = None) -> None:
        """Close the connection, then let go of the lock. before_release, if given, is called in between: the file
        as the close left it (the write-ahead log folded into it when this was its last connection), before another
        window or workstation may write to it (ops.kept.close_keeping reads its state there)."""
        try:
            super().close()
            if before_release is not None:
                before_release()
        finally:
            if self.lock is not None:
                self.lock.release()


class DamagedDatabaseError(CorruptDatabaseError):
    """SQLite's check found damage: the file may be opened read-only, and the newest good backup restored."""

    def __init__(self, path: Path, problems: list[str], newest: Backup | None) -> None:
        self.path = path
        self.problems = problems
        self.newest_backup = newest
        first = problems[0] if problems else "unknown damage"
        text = (f"{path} is damaged: SQLite found {len(problems)} problem{'s' if len(problems) != 1 else ''} "
                f"(the first: {first}). It can be opened read-only to look at, but nothing can be saved in it. ")
        if newest is not None:
            text += (f"The newest good backup is {newest.path.name} ({format_date_time(newest.taken_at)}): restore "
                     f"it with File \u25b8 Restore\u2026 or `imet-desktop restore {newest.path}`.")
        else:
            text += "No good backup of it was found in the backups folder."
        super().__init__(text)


def _create_private(path: Path) -> None:
    """An empty database file, owner-only from its first byte (SQLite gives its -wal and -shm the same mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def open_database(path: Path | str, *, create: bool = True, read_only: bool = False,
                  break_lock: LockHolder | None = None, daily_backup: bool = True,
                  defer_checks: bool = False) -> OpenDatabase:
    """Open (or create) a database file for writing, check it, back it up and bring its schema up to date.

    Raises a StoreError subclass with a message naming the file when the file is not a database,
    sits on a network file system, is held by another window, program or workstation
    (DatabaseInUseError), is damaged (DamagedDatabaseError: open it read_only instead), or was
    written by a newer version. read_only opens without the lock, migrations or backups; the
    damage SQLite finds is then in ``problems``. break_lock takes over a lock held by another
    workstation: pass the holder the clerk was shown and confirmed.

    defer_checks leaves SQLite's quick check and the day's backup to the caller (the window runs them
    in the background: on 600,000 students they take ~2 s and ~1 minute); ``checks_deferred`` says so.
    """
    path = Path(path).expanduser().absolute()
    existed = check_file(path)
    if not existed and (not create or read_only):
        raise StoreError(f"{path} does not exist")
    refuse_network_location(path)
    lock = None if read_only else acquire(path, break_foreign=break_lock)
    if existed and not read_only:
        _restrict_permissions(path)  # an older program's 0644 file: owner-only before anything is written
    try:
        if not existed:
            _create_private(path)
        conn = connect_read_only(path) if read_only else sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        db = OpenDatabase(conn, path, lock)
        lock = None  # the database owns it now: db.close() releases it
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    try:
        db.checks_deferred = existed and defer_checks
        _prepare(db, path, existed, daily_backup and not db.checks_deferred)
    except BaseException:
        db.close()
        raise
    if not read_only:
        _restrict_permissions(path)
    return db


def _prepare(db: OpenDatabase, path: Path, existed: bool, daily_backup: bool) -> None:
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not db.read_only:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        if existed:
            _check_not_truncated(db, path)
            found = [] if db.checks_deferred else quick_check(db.conn, path)
            if found and not db.read_only:
                raise DamagedDatabaseError(path, found, newest_good_backup(path))
            if found:
                db.problems = found
                db.read_only_reason = f"{path.name} is damaged"
        if db.read_only:
            _check_schema(db, path)
            if not db.read_only_reason:
                holder = holder_of(path)
                db.read_only_reason = f"{path.name} is {holder.sentence()}" if holder else "opened read-only"
            return
        if db.checks_deferred and _check_schema(db, path):
            # An upgrade writes: the file is checked first, whoever was to check it later.
            found = quick_check(db.conn, path)
            if found:
                raise DamagedDatabaseError(path, found, newest_good_backup(path))
        _migrate(db, path)
        if existed and daily_backup:
            _daily_backup(db, path)
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise DatabaseLockedError(f"{path} is locked by another program; close it and try again") from None
        if "readonly" in str(e) or "unable to open" in str(e):
            raise StoreError(f"{path} cannot be opened for writing: {e}") from None
        if "full" in str(e):
            raise StoreError(f"{path} was left as it was: the disk is full ({e}); make room and open it again") \
                from None
        raise DamagedDatabaseError(path, [str(e)], newest_good_backup(path)) from None
    except sqlite3.DatabaseError as e:
        raise DamagedDatabaseError(path, [str(e)], newest_good_backup(path)) from None


def _daily_backup(db: OpenDatabase, path: Path) -> None:
    """The first open of the day backs the database up (fully checked); a failure is a notice, not a refusal."""
    try:
        db.daily_backup = take_daily_backup(db.conn, path)
    except DamagedDatabaseError:
        raise
    except CorruptDatabaseError as e:  # the full check found what the quick one did not
        raise DamagedDatabaseError(path, [str(e)], newest_good_backup(path)) from None
    except UserError as e:
        db.notices.append(f"Today's automatic backup could not be written: {e}")


def _user_tables(db: Database) -> list[str]:
    return [t for t in db.table_names() if not t.startswith("sqlite_")]


def _check_schema(db: Database, path: Path) -> list[str]:
    """The migrations still to apply; raises when the file is not ours or is from a newer program."""
    known = migration_names()
    tables = _user_tables(db)
    applied = [m.name for m in migrations.applied(db)]
    if tables and not applied:
        raise NotADatabaseError(f"{path} is an SQLite database but not an IMET Desktop one")
    unknown = [name for name in applied if name not in known]
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if unknown or version > len(known):
        raise newer_schema(path, version)
    pending = [name for name in known if name not in applied]
    if pending and isinstance(db, OpenDatabase) and db.read_only and tables:
        raise StoreError(f"{path} was written by an older version of IMET Desktop and must be upgraded before it "
                         "can be read here; the upgrade needs it to itself (close the other window or program)")
    return pending


def _migrate(db: OpenDatabase, path: Path) -> None:
    """Every pending migration in one transaction, after a backup: the file ends at the new version or at the old."""
    pending = _check_schema(db, path)
    if not pending:
        return
    applied = [m.name for m in migrations.applied(db)]
    if applied:
        try:
            db.migration_backup = take_backup(db.conn, path, BackupKind.PRE_MIGRATION)
        except UserError as e:
            raise StoreError(f"{path} was not upgraded, and is unchanged: the backup taken before every upgrade "
                             f"could not be written ({e})") from None
        db.notices.append(f"{path.name} was upgraded to this version of IMET Desktop; the copy taken before is "
                          f"{db.migration_backup}")
    with db.atomic():
        remove_capture(db)  # what a migration rewrites is not the clerk's change
        migrations.apply(db)
        install_capture(db)  # every table as it now stands, new ones and new columns included
        db.execute(f"PRAGMA user_version = {len(migration_names())}")


def open_for_reading(path: Path | str, *, defer_checks: bool = False) -> OpenDatabase:
    """For commands that only read: the database for writing when it is free, else read-only (held or damaged).

    defer_checks: as for open_database (a read-only one too: its quick check is the caller's then).
    """
    try:
        return open_database(path, create=False, defer_checks=defer_checks)
    except (DatabaseInUseError, DamagedDatabaseError):
        return open_database(path, read_only=True, defer_checks=defer_checks)


def write_backup_of(db: Database, target: Path | str, *, replace: bool = True) -> Path:
    """A checked, private copy of the open database at target, chosen by the clerk (works while it is in use)."""
    target = Path(target)
    if not target.parent.is_dir():
        raise StoreError(f"the folder {target.parent} does not exist")
    return write_backup(db.conn, target, replace=replace)


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
    """One transaction for a change, recorded as one step of the log (store.changes); a locked database
    becomes a message, not a traceback."""
    try:
        with db.atomic():
            begin_group(db, now_text(), current_user())
            completed = False
            try:
                yield db
                completed = True
            finally:
                end_group(db, completed=completed)
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise DatabaseLockedError("the database is locked by another program; try again") from None
        problem = database_problem(e)  # the disk is full, the file is read-only: the clerk's to act on
        if problem is not None:
            raise problem from None
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
        row_id = insert_row(db, table, row)
        audit(db, table, row_id, "insert", dict(details))
    return row_id


def insert_row(db: Database, table: str, row: Mapping[str, object]) -> int:
    """Insert one row of plain values (text, numbers, None: dates already ISO text, booleans 0/1, as ``to_row`` gives)
    into one of the schema's tables; returns its id. One statement: sqlite-utils' insert reads the schema's table
    names first, each time (~0.4 ms of an inductee added)."""
    return int(db.execute(insert_sql(table, row), list(row.values())).lastrowid or 0)


def insert_sql(table: str, columns: Iterable[str]) -> str:
    """The INSERT of one row into table of these columns, its values bound (``?``). The table and columns are the
    schema's, named by the code, never by what the clerk typed."""
    names = list(columns)
    return f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in names)}) VALUES ({', '.join('?' * len(names))})"


def update_record(db: Database, table: str, row_id: int, old: Mapping[str, object], new: Mapping[str, object], *,
                  fields: tuple[str, ...] | None = None, refused: tuple[str, object] | None = None,
                  version: int = 0, what: str = "") -> bool:
    """Save the columns (of fields, else all of new) whose value changed, auditing old and new values.

    Returns False, writing nothing, when nothing changed. refused: as for insert_record. version:
    the one the editor loaded; a record saved by someone else since is refused (StaleRecordError
    naming it as what).
    """
    keys = fields if fields is not None else tuple(new)
    changes = {k: [old[k], new[k]] for k in keys if old[k] != new[k]}
    if not changes:
        return False
    with _refusing(refused), write(db):
        check_version(db, table, row_id, version, what or f"the {table.replace('_', ' ')} #{row_id}")
        db.table(table).update(row_id, {k: new[k] for k in keys})
        audit(db, table, row_id, "update", changes)
    return True
