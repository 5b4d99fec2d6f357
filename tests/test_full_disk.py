"""A full disk: an import, a backup, a PDF batch, an export and an upgrade fail saying so, and change nothing.

Two ways of filling the disk: a real, size-limited file system (a tmpfs mounted for the test, where
the machine allows it: it needs root) and, everywhere, an injected failure: OSError(ENOSPC) at the
file layer for the files the program writes itself, and PRAGMA max_page_count for SQLite's own writes.
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from imet_desktop import files
from imet_desktop.domain.records import Student
from imet_desktop.files import FileWriteError
from imet_desktop.ops.backups import backup_now
from imet_desktop.ops.documents import PrintOptions, write_document
from imet_desktop.ops.imports import import_valid_rows, plan, read_file
from imet_desktop.ops.roster import export_students
from imet_desktop.store import schema
from imet_desktop.store.db import open_database
from imet_desktop.store.errors import StoreError
from imet_desktop.store.roster import count_students
from imet_desktop.store.students import add_student


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """A folder on a file system of size_kb kilobytes (skips the test where mounting is not allowed)."""
    mounted: list[Path] = []

    def make(size_kb: int) -> Path:
        folder = tmp_path / f"small-disk-{len(mounted)}"
        folder.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0700", "tmpfs", str(folder)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            pytest.skip(f"no size-limited file system on this machine ({result.stderr.strip() or 'mount failed'})")
        mounted.append(folder)
        return folder

    yield make
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave_kb: int) -> None:
    """Fill the file system of folder, leaving about leave_kb kilobytes free."""
    filler = folder / "filler"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError as e:
            assert e.errno == errno.ENOSPC
    size = filler.stat().st_size
    with filler.open("r+b") as f:
        f.truncate(max(size - leave_kb * 1024, 0))


def an_office(path: Path, students: int = 200) -> Path:
    db = open_database(path)
    for i in range(students):
        add_student(db, Student(f"WANG{i}", "Jianguo", country_code="CN", passport_number=f"E{i:08d}",
                                notes="Sponsor: Maj. Smith. " * 10))
    db.close()
    return path


def roster_csv(path: Path, rows: int) -> Path:
    lines = "\n".join(f"OKONKWO{i},Chinedu,P{i:07d},{'x' * 200}" for i in range(rows))
    path.write_text(f"Surname,Given names,Passport No,Notes\n{lines}\n", encoding="utf-8")
    return path


def _import(db_path: Path, csv: Path, before: Callable[[Database], None] | None = None) -> None:
    db = open_database(db_path, daily_backup=False)
    try:
        if before is not None:
            before(db)
        import_valid_rows(db, plan(db, read_file(csv))[1], csv.name)
    finally:
        db.close()


def _students(path: Path) -> int:
    db = open_database(path, read_only=True)
    try:
        return count_students(db, include_archived=True)
    finally:
        db.close()


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


# --- import ------------------------------------------------------------------------------------------------

def test_an_import_onto_a_full_disk_imports_nothing_and_says_so(small_disk: Callable[[int], Path],
                                                                 tmp_path: Path) -> None:
    disk = small_disk(16384)
    db_path = an_office(disk / "office.db")
    fill(disk, leave_kb=64)
    with pytest.raises(StoreError, match="the disk is full"):
        _import(db_path, roster_csv(tmp_path / "itos.csv", 3000))
    assert _students(db_path) == 200 and _integrity(db_path) == "ok"


def test_an_import_when_sqlite_reaches_its_page_limit_imports_nothing(tmp_path: Path) -> None:
    db_path = an_office(tmp_path / "office.db")

    def cramped(db: Database) -> None:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 4}")

    with pytest.raises(StoreError, match="the disk is full"):
        _import(db_path, roster_csv(tmp_path / "itos.csv", 3000), cramped)
    assert _students(db_path) == 200 and _integrity(db_path) == "ok"


# --- backup ------------------------------------------------------------------------------------------------

def test_a_backup_to_a_full_disk_leaves_no_partial_file(small_disk: Callable[[int], Path], tmp_path: Path) -> None:
    db_path = an_office(tmp_path / "office.db")
    disk = small_disk(256)  # smaller than the database
    with pytest.raises(FileWriteError, match="the disk is full"):
        backup_now(db_path, disk / "backup.db")
    assert list(disk.iterdir()) == [] and _integrity(db_path) == "ok"


# --- a PDF batch -------------------------------------------------------------------------------------------

@pytest.fixture
def ceremony_office(tmp_path: Path) -> Path:
    from imet_desktop.ops.demo import generate_demo

    path = tmp_path / "office.db"
    generate_demo(path, students=40)
    return path


def _ceremony(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute("SELECT min(ceremony_id) FROM ceremony_inductees").fetchone()[0])
    finally:
        conn.close()


def test_certificates_onto_a_full_disk_write_nothing(small_disk: Callable[[int], Path], ceremony_office: Path) -> None:
    disk = small_disk(64)
    target = disk / "certificates.pdf"
    with pytest.raises(FileWriteError, match="the disk is full"):
        write_document(ceremony_office, "certificates", _ceremony(ceremony_office), PrintOptions(), target)
    assert list(disk.iterdir()) == []


class _FullFile:
    """A file whose writes fail with ENOSPC after limit bytes, as a full disk does."""

    def __init__(self, real: Any, limit: int) -> None:
        self.real, self.left = real, limit

    def write(self, data: bytes | str) -> int:
        if len(data) > self.left:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.left -= len(data)
        return int(self.real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def test_certificates_when_the_disk_fills_half_way_write_nothing(
        ceremony_office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Injected at the file layer: files.py's own open() gets a file that runs out of room after 10 KB."""
    monkeypatch.setattr(files, "open", lambda *a, **k: _FullFile(open(*a, **k), 10_000), raising=False)  # noqa: SIM115
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FileWriteError, match="the disk is full"):
        write_document(ceremony_office, "certificates", _ceremony(ceremony_office), PrintOptions(), out / "c.pdf")
    assert list(out.iterdir()) == []


# --- export ------------------------------------------------------------------------------------------------

def test_an_export_onto_a_full_disk_leaves_nothing(small_disk: Callable[[int], Path], tmp_path: Path) -> None:
    db_path = an_office(tmp_path / "office.db", 400)
    disk = small_disk(32)
    db = open_database(db_path, daily_backup=False)
    try:
        ids = [int(r[0]) for r in db.execute("SELECT id FROM students")]
        with pytest.raises(FileWriteError, match="the disk is full"):
            export_students(db, ids, disk / "students.xlsx", include_personal=True)
    finally:
        db.close()
    assert list(disk.iterdir()) == []


# --- upgrade -----------------------------------------------------------------------------------------------

def _older_database(path: Path, students: int) -> None:
    names = schema.migration_names()
    old = Database(path)
    old.execute("PRAGMA journal_mode = WAL")
    schema.migrations.apply(old, stop_before=names[3])
    with old.conn:
        old.conn.executemany("INSERT INTO students (legal_family_name, notes) VALUES (?, ?)",
                             [(f"WANG{i}", "x" * 500) for i in range(students)])
    old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old.close()


def _schema(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        conn.close()


def test_an_upgrade_on_a_full_disk_leaves_the_database_at_its_old_version(
        small_disk: Callable[[int], Path]) -> None:
    disk = small_disk(16384)
    db_path = disk / "office.db"
    _older_database(db_path, 1000)
    before = _schema(db_path)
    fill(disk, leave_kb=48)
    with pytest.raises(StoreError, match="disk is full"):
        open_database(db_path)  # the backup before it goes to the data folder, on another disk
    assert _schema(db_path) == before and _integrity(db_path) == "ok"


def test_an_upgrade_without_room_for_its_backup_does_not_start(
        small_disk: Callable[[int], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_path = tmp_path / "office.db"
    _older_database(db_path, 1000)
    before = _schema(db_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(small_disk(128)))  # the backups folder is on a full little disk
    with pytest.raises(StoreError, match="was not upgraded, and is unchanged.*disk is full"):
        open_database(db_path)
    assert _schema(db_path) == before

