"""Automatic backups, their rotation and checks, restoring one, and upgrades that complete or change nothing."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.files import FileWriteError
from imet_desktop.ops.backups import restore_database, restore_into
from imet_desktop.preferences import backups_folder
from imet_desktop.store import schema
from imet_desktop.store.backups import (
    Backup,
    BackupKind,
    backup_contents,
    backups_to_keep,
    list_backups,
    take_backup,
    take_daily_backup,
)
from imet_desktop.store.db import DamagedDatabaseError, open_database
from imet_desktop.store.errors import CorruptDatabaseError, NewerSchemaError, StoreError
from imet_desktop.store.lock import DatabaseInUseError
from imet_desktop.store.roster import count_students
from imet_desktop.store.students import add_student


def _students(db: Database, n: int, prefix: str = "OKONKWO") -> None:
    for i in range(n):
        add_student(db, Student(legal_family_name=f"{prefix}{i}", legal_given_names="Chinedu"))


def _backups_folder(tmp_path: Path) -> Path:
    return backups_folder()


def test_the_first_open_of_the_day_backs_up_the_database_privately_and_checked(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path)
    _students(db, 3)
    db.close()
    assert list_backups(db_path) == []  # a new database has nothing to back up yet
    db = open_database(db_path)
    assert db.daily_backup is not None
    db.close()
    again = open_database(db_path)
    assert again.daily_backup is None  # once a day
    again.close()
    [daily] = list_backups(db_path)
    assert daily.kind is BackupKind.DAILY and daily.taken_at.date() == dt.date.today()
    assert daily.path.parent == _backups_folder(tmp_path)
    assert stat.S_IMODE(daily.path.stat().st_mode) == 0o600
    contents = backup_contents(daily.path, full=True)
    assert contents.students == 3 and contents.problems == ()
    conn = sqlite3.connect(daily.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    conn.close()


def _backup(day: dt.datetime) -> Backup:
    return Backup(Path(f"imet-{day:%Y%m%d-%H%M%S}-daily.db"), "imet", day, BackupKind.DAILY, 1)


def test_rotation_keeps_the_newest_of_7_days_8_weeks_and_12_months() -> None:
    start = dt.datetime(2026, 1, 1, 9, 0)
    every_day = [_backup(start + dt.timedelta(days=d)) for d in range(2 * 365)]
    keep = backups_to_keep(every_day)
    kept = sorted(b.taken_at.date() for b in every_day if b.path in keep)
    last = every_day[-1].taken_at.date()
    assert kept[-7:] == [last - dt.timedelta(days=d) for d in range(6, -1, -1)]
    weeks = {tuple(d.isocalendar())[:2] for d in kept}
    months = {(d.year, d.month) for d in kept}
    assert len(weeks) >= 8 and len(months) == 12
    assert len(kept) <= 7 + 8 + 12
    assert min(kept) >= last - dt.timedelta(days=366)


def test_rotation_removes_only_daily_backups_the_rotation_no_longer_keeps(db: Database, db_path: Path) -> None:
    folder = db_path.parent / "rotation"
    start = dt.datetime(2026, 3, 1, 9, 0)
    for d in range(40):
        take_daily_backup(db.conn, db_path, folder=folder, now=start + dt.timedelta(days=d))
    migration = take_backup(db.conn, db_path, BackupKind.PRE_MIGRATION, folder=folder, now=start)
    kinds = [b.kind for b in list_backups(db_path, folder)]
    assert kinds.count(BackupKind.DAILY) == len(backups_to_keep(list_backups(db_path, folder))) < 40
    assert migration.exists()


def test_two_backups_in_the_same_second_get_two_names_and_neither_is_replaced(db: Database, db_path: Path) -> None:
    at = dt.datetime(2027, 4, 22, 14, 0, 15)
    first = take_backup(db.conn, db_path, BackupKind.MANUAL, now=at)
    first_bytes = first.read_bytes()
    _students(db, 1)
    second = take_backup(db.conn, db_path, BackupKind.MANUAL, now=at)
    assert first != second and second.name == "office-20270422-140015-manual-2.db"
    assert first.read_bytes() == first_bytes


def test_a_backup_on_a_full_disk_leaves_nothing_behind(db: Database, db_path: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Full disk injected at the file layer: the first write into the backup's partial file fails with ENOSPC."""
    import imet_desktop.store.backups as backups

    def full(source: sqlite3.Connection, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "_copy_into", full)
    with pytest.raises(FileWriteError, match="disk is full"):
        take_backup(db.conn, db_path, BackupKind.MANUAL)
    assert list(_backups_folder(tmp_path).iterdir()) == []


def test_a_damaged_database_is_refused_for_writing_naming_the_newest_good_backup(db_path: Path) -> None:
    db = open_database(db_path)
    _students(db, 400)
    db.close()
    open_database(db_path).close()  # today's backup, good
    data = bytearray(db_path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 16384] = b"\xff" * 16384
    db_path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError) as refused:
        open_database(db_path)
    [good] = list_backups(db_path)
    assert refused.value.newest_backup == good
    assert f"The newest good backup is {good.path.name}" in str(refused.value)
    reader = open_database(db_path, read_only=True)  # it can still be looked at
    try:
        assert reader.read_only and reader.problems
    finally:
        reader.close()
    kept = restore_database(db_path, good.path)
    healthy = open_database(db_path)
    try:
        assert count_students(healthy) == 400
    finally:
        healthy.close()
    assert kept.name.endswith("-before-restore.db") and stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_restore_keeps_the_current_file_then_brings_back_the_backup(db_path: Path) -> None:
    db = open_database(db_path)
    _students(db, 5)
    backup = take_backup(db.conn, db_path, BackupKind.MANUAL)
    _students(db, 7, prefix="WANG")
    kept = restore_into(db, backup)
    assert count_students(db) == 5
    db.close()
    assert backup_contents(kept).students == 12
    again = open_database(db_path)
    try:
        assert count_students(again) == 5
        assert again.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        again.close()


def test_restore_is_refused_while_another_holds_the_database(db_path: Path) -> None:
    db = open_database(db_path)
    backup = take_backup(db.conn, db_path, BackupKind.MANUAL)
    try:
        with pytest.raises(DatabaseInUseError):
            restore_database(db_path, backup)
    finally:
        db.close()


def test_a_damaged_or_newer_backup_is_not_restored(db: Database, db_path: Path, tmp_path: Path) -> None:
    _students(db, 400)
    backup = take_backup(db.conn, db_path, BackupKind.MANUAL)
    newer = take_backup(db.conn, db_path, BackupKind.MANUAL)
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('imet_desktop', "
                 "'9999_from_the_future', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(NewerSchemaError):
        restore_into(db, newer)  # type: ignore[arg-type]
    data = bytearray(backup.read_bytes())
    data[len(data) // 2:len(data) // 2 + 16384] = b"\xff" * 16384
    backup.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="choose another backup"):
        restore_into(db, backup)  # type: ignore[arg-type]
    assert count_students(db) == 400
    text = tmp_path / "notes.db"
    text.write_text("not a backup")
    with pytest.raises(StoreError, match="not a backup"):
        restore_into(db, text)  # type: ignore[arg-type]


# --- upgrades: every pending migration, or none ------------------------------------------------------------

def _database_at(path: Path, last: str) -> None:
    """A database as an older program left it: the migrations up to and including last."""
    names = schema.migration_names()
    db = Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    schema.migrations.apply(db, stop_before=names[names.index(last) + 1])
    db.close()


def _old_students(path: Path, n: int) -> None:
    """Students as an older program wrote them (its columns only)."""
    db = Database(path)
    with db.conn:
        db.conn.executemany("INSERT INTO students (legal_family_name) VALUES (?)", [(f"OKONKWO{i}",) for i in range(n)])
    db.close()


def _schema_of(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        conn.close()


def test_a_failure_between_two_migrations_leaves_the_database_at_its_old_version(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _database_at(db_path, "0002_roster_indexes")
    _old_students(db_path, 3)
    before = _schema_of(db_path)
    failing = schema.migrations._migrations[3]  # the 4th runs after the 3rd has done its work

    def fail(db: Database) -> None:
        raise RuntimeError("power cut between two migrations")

    with monkeypatch.context() as patched:
        patched.setattr(failing, "fn", fail)
        with pytest.raises(RuntimeError, match="power cut"):
            open_database(db_path)
    assert _schema_of(db_path) == before
    conn = sqlite3.connect(db_path)
    try:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == schema.migration_names()[:2]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM students").fetchone()[0] == 3
    finally:
        conn.close()
    db = open_database(db_path)  # the retry completes, and its backup does not replace the first one
    db.close()
    pre = [b for b in list_backups(db_path) if b.kind is BackupKind.PRE_MIGRATION]
    assert len(pre) == 2 and len({b.path.name for b in pre}) == 2
    for b in pre:
        assert backup_contents(b.path).schema == 2


def test_a_migration_on_a_full_disk_changes_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Full disk injected in SQLite itself: PRAGMA max_page_count caps the file just above its size."""
    _database_at(db_path, "0002_roster_indexes")
    _old_students(db_path, 50)
    before = _schema_of(db_path)
    real_migrate = schema.migrations.apply

    def cramped(db: Database, **kwargs: object) -> None:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 2}")
        real_migrate(db, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(schema.migrations, "apply", cramped)
    with pytest.raises(StoreError, match="left as it was: the disk is full"):
        open_database(db_path)
    assert _schema_of(db_path) == before


def test_no_upgrade_without_its_backup(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _database_at(db_path, "0002_roster_indexes")
    before = _schema_of(db_path)
    import imet_desktop.store.backups as backups

    monkeypatch.setattr(backups, "_copy_into", lambda source, target: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(StoreError, match="was not upgraded, and is unchanged.*disk is full"):
        open_database(db_path)
    assert _schema_of(db_path) == before


def test_the_partial_file_of_a_backup_is_private_from_its_first_byte(db: Database, db_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import imet_desktop.store.backups as backups

    seen: list[int] = []
    real = backups._copy_into

    def watch(source: sqlite3.Connection, target: Path) -> None:
        seen.append(stat.S_IMODE(os.stat(target).st_mode))
        real(source, target)
        seen.append(stat.S_IMODE(os.stat(target).st_mode))

    monkeypatch.setattr(backups, "_copy_into", watch)
    take_backup(db.conn, db_path, BackupKind.MANUAL)
    assert seen == [0o600, 0o600]


@pytest.mark.parametrize("folder_name", ["Backups #2", "What? 100% backups"])
def test_a_backup_in_a_folder_whose_name_holds_a_hash_question_mark_or_percent_is_written_and_read(
        db_path: Path, tmp_path: Path, folder_name: str) -> None:
    """SQLite reads a file by a URI where a '#' or '?' would end it: every read-only opening quotes the path
    (store.location.sqlite_uri), so the backup is checked and read, not another file in its stead."""
    db = open_database(db_path)
    _students(db, 4)
    folder = tmp_path / folder_name
    path = take_backup(db.conn, db_path, BackupKind.MANUAL, folder=folder)
    db.close()
    assert path.parent == folder
    contents = backup_contents(path, full=True)
    assert contents.students == 4 and contents.problems == ()
