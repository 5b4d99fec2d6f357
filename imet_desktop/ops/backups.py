"""Backing up, checking and restoring a database: what File ▸ Backup now…, File ▸ Restore… and the commands share.

Reading work (a backup, a check, the list of backups) needs no lock: SQLite's online backup and
its checks read a consistent state while another window writes. A restore writes, so it needs the
database to itself: the lock of the window that asks (``restore_into``), or its own
(``restore_database``), which fails with DatabaseInUseError while anyone else holds it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from imet_desktop.domain.progress import Progress
from imet_desktop.files import remove_stale_partials
from imet_desktop.store import backups
from imet_desktop.store.backups import Backup, BackupContents, BackupKind
from imet_desktop.store.db import OpenDatabase, open_database
from imet_desktop.store.errors import StoreError
from imet_desktop.store.integrity import problems
from imet_desktop.store.lock import acquire
from imet_desktop.store.schema import migration_names
from imet_desktop.store.whole import quick_check


def _read_connection(db_path: Path) -> sqlite3.Connection:
    if not db_path.is_file():
        raise StoreError(f"{db_path} does not exist")
    from imet_desktop.store.location import sqlite_uri

    return sqlite3.connect(sqlite_uri(db_path, "ro"), uri=True, timeout=5)


def backup_now(db_path: Path, out: Path | None = None, *, replace: bool = False) -> Path:
    """A checked, private backup of the database: at out, or in the backups folder when out is None."""
    conn = _read_connection(db_path)
    try:
        if out is None:
            return backups.take_backup(conn, db_path, BackupKind.MANUAL)
        if out.resolve() == db_path.resolve():
            raise StoreError(f"{out} is the database itself; a backup needs another name")
        return backups.write_backup(conn, out, replace=replace)
    finally:
        conn.close()


@dataclass(frozen=True)
class ListedBackup:
    """A backup with what it holds (contents is None when it cannot be read at all)."""

    backup: Backup
    contents: BackupContents | None
    unreadable: str = ""


def listed_backups(db_path: Path, *, check: bool = False, progress: Progress | None = None) -> list[ListedBackup]:
    """The database's backups, newest first, each with its record counts (and SQLite's quick check, with check).

    A restore checks its backup fully first, whatever this list said.
    """
    found = backups.list_backups(db_path)
    listed = []
    for i, b in enumerate(found):
        if progress is not None:
            progress(i, len(found), f"Reading {b.path.name}…")
        try:
            listed.append(ListedBackup(b, backups.backup_contents(b.path, check=check)))
        except (StoreError, sqlite3.Error, OSError) as e:
            listed.append(ListedBackup(b, None, str(e)))
    return listed


@dataclass(frozen=True)
class CheckReport:
    """What the full check of a database found."""

    path: Path
    problems: tuple[str, ...]
    schema: int | None
    known_schema: int
    size: int

    @property
    def healthy(self) -> bool:
        """True when SQLite found nothing wrong and the file is one of ours."""
        return not self.problems and self.schema is not None


def check_database(db_path: Path) -> CheckReport:
    """SQLite's full integrity check and foreign-key check of the database (works while another window writes)."""
    conn = _read_connection(db_path)
    try:
        with db_path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return CheckReport(db_path, ("not an SQLite database file",), None, len(migration_names()),
                                   db_path.stat().st_size)
        found = tuple(problems(conn, full=True))
        schema = backups.schema_version(conn)
    finally:
        conn.close()
    if schema is None and not found:
        found = ("an SQLite file, but not an IMET Desktop database",)
    return CheckReport(db_path, found, schema, len(migration_names()), db_path.stat().st_size)


def restore_into(db: OpenDatabase, backup: Path) -> Path:
    """Restore backup into the database this window holds; the copy of the current file kept first.

    The caller closes db and opens the database again afterwards (a backup from an older version
    is migrated then).
    """
    if db.read_only:
        raise StoreError(f"{db.path.name} is open read-only ({db.read_only_reason}); it cannot be restored from here")
    return backups.restore(db.conn, db.path, backup, known_migrations=len(migration_names()))


def restore_database(db_path: Path, backup: Path) -> Path:
    """Restore backup into the database at db_path, holding its lock (DatabaseInUseError while another holds it).

    Works on a damaged database too (the check that refuses to open one is not needed to overwrite
    it). Returns the copy of the current file kept first.
    """
    lock = acquire(db_path)
    try:
        conn = sqlite3.connect(str(db_path), timeout=5)
        try:
            kept = backups.restore(conn, db_path, backup, known_migrations=len(migration_names()))
        finally:
            conn.close()
    finally:
        lock.release()
    open_database(db_path).close()  # migrate a backup from an older version now, under the lock again
    return kept


def copy_to_local(db_path: Path, folder: Path) -> Path:
    """A consistent copy of a database (from a network share) in a local folder, under a name not taken yet."""
    folder.mkdir(parents=True, exist_ok=True)
    conn = _read_connection(db_path)
    try:
        for n in range(1, 1000):
            target = folder / (db_path.name if n == 1 else f"{db_path.stem}-{n}{db_path.suffix or '.db'}")
            if target.exists():
                continue
            return backups.write_backup(conn, target, replace=False)
    finally:
        conn.close()
    raise StoreError(f"no free name for a copy of {db_path.name} in {folder}")


def clean_stale_partials(folders: list[Path]) -> list[Path]:
    """Remove the partial files killed processes left in these folders (each once); the paths removed."""
    removed: list[Path] = []
    seen: set[Path] = set()
    for folder in folders:
        with contextlib.suppress(OSError):
            folder = folder.resolve()
        if folder in seen or not folder.is_dir():
            continue
        seen.add(folder)
        removed += remove_stale_partials(folder)
    return removed


def backup_database(db_path: Path, target: Path, progress: Progress | None = None) -> Path:
    """File ▸ Backup now…: a checked, private copy where the clerk chose (who agreed to replace what was there)."""
    if progress is not None:
        progress(0, None, f"Backing up to {target}…")
    return backup_now(db_path, target, replace=True)


@dataclass(frozen=True)
class OpeningChecks:
    """What the checks of a database opened with its checks deferred found."""

    problems: tuple[str, ...]
    daily_backup: Path | None
    notice: str = ""


def opening_checks(db_path: Path, progress: Progress | None = None) -> OpeningChecks:
    """SQLite's quick check of the database, then (when it is whole) the day's backup, fully checked.

    On a connection of its own: runs on a worker while the window works with the database. Damage
    found by the backup's full check is a problem too; a backup that cannot be written is a notice.
    """
    from imet_desktop.domain.errors import UserError
    from imet_desktop.store.errors import CorruptDatabaseError

    if progress is not None:
        progress(0, 2, f"Checking {db_path.name}…")
    conn = _read_connection(db_path)
    try:
        found = tuple(quick_check(conn, db_path))
        if found:
            return OpeningChecks(found, None)
        if progress is not None:
            progress(1, 2, f"Today's backup of {db_path.name}…")
        try:
            return OpeningChecks((), backups.take_daily_backup(conn, db_path))
        except CorruptDatabaseError as e:
            return OpeningChecks((str(e),), None)
        except UserError as e:
            return OpeningChecks((), None, f"Today's automatic backup could not be written: {e}")
    finally:
        conn.close()


class ChecksMeanwhile:
    """opening_checks() of a database on a thread of its own, while a command works with the database.

    SQLite's quick check reads the whole file (~2 s on 600,000 students) in C, without the interpreter:
    on a second core it costs a command nothing. A command that writes waits for it before its first
    write (``wait``) and refuses a damaged file as it always did; one that only reads waits before it
    reports, and says what was found.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._found: OpeningChecks | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="opening checks", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._found = opening_checks(self.db_path)
        except BaseException as error:  # noqa: BLE001 - handed to the thread that waits
            self._error = error

    def wait(self) -> OpeningChecks:
        """What the checks found (after waiting for them); raises what they raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._found is not None
        return self._found

    def finish(self) -> None:
        """Let the checks end (a backup half written is never left behind), whatever they found or raised."""
        self._thread.join()

    def refuse_damage(self) -> None:
        """Wait, then raise DamagedDatabaseError (naming the newest good backup) if the file is damaged."""
        error = self._damage()
        if error is not None:
            raise error

    def damage_report(self) -> str:
        """Wait, then say what is damaged and which backup is the newest good one ('' when the file is whole)."""
        error = self._damage()
        return "" if error is None else str(error)

    def _damage(self) -> Exception | None:
        from imet_desktop.store.backups import newest_good_backup
        from imet_desktop.store.db import DamagedDatabaseError

        found = self.wait()
        if not found.problems:
            return None
        return DamagedDatabaseError(self.db_path, list(found.problems), newest_good_backup(self.db_path))


def checks_meanwhile(db: OpenDatabase) -> ChecksMeanwhile | None:
    """The checks an open database's caller was left to run (``checks_deferred``), started now; None if none."""
    return ChecksMeanwhile(db.path) if db.checks_deferred else None
