"""Kill operations at random moments and check what they leave: `python -m tests.kill_harness OPS KILLS SEED WORK`.

For one operation (import, certificates, export, backup, restore, migration) the harness prepares a
small office once, measures how long the operation takes, then again and again: copies the office
into a fresh folder, forks a child that runs the operation, and SIGKILLs it after a random delay
drawn from the measured duration (a run that finishes first does not count as a kill).
After each kill it checks, as the next start of the program would find things:

- SQLite's integrity_check passes (opening replays or drops the write-ahead log, as a restart does);
- the operation's result is whole or absent: every imported row or none, a backup or export or PDF
  complete or not there, a restore all of the backup or none of it, a migration all or none;
- no partial or temporary file is readable by anyone but the owner, and the next start's cleanup
  (files.remove_stale_partials) removes every partial file.

Forking from one process that imported everything keeps a kill to milliseconds (a new Python would
cost ~0.4 s each). Prints one JSON object: kills, finished, problems, and the file modes seen.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STUDENTS = 120
IMPORT_ROWS = 100
EXPORT_ROWS = 100


def _integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _students(db: Path) -> int:
    return _count(db, "SELECT count(*) FROM students")


class Run:
    """One iteration's folder: the database, the data folder (backups), the temp folder, the outputs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.db = root / "office.db"
        self.data = root / "xdg-data"
        self.temp = root / "tmp"
        self.out = root / "out"
        for folder in (self.data, self.temp, self.out):
            folder.mkdir(parents=True, exist_ok=True)

    def enter(self) -> None:
        """In the child: the program's data folder and temp folder are this run's."""
        os.environ["XDG_DATA_HOME"] = str(self.data)
        os.environ["TMPDIR"] = str(self.temp)
        tempfile.tempdir = str(self.temp)


# --- the operations ------------------------------------------------------------------------------------

class Operation:
    """What one kill test runs and checks."""

    name = ""

    def __init__(self, base: Path) -> None:
        self.base = base  # the prepared office
        self.students_before = _students(base / "office.db")

    def prepare(self, run: Run) -> None:
        shutil.copy(self.base / "office.db", run.db)
        _todays_backup(self.base, run)

    def run(self, run: Run) -> None:
        raise NotImplementedError

    def check(self, run: Run) -> list[str]:
        return []

    def untouched(self, run: Run) -> bool:
        """True when the database is still as it was before the operation (killed before it wrote anything)."""
        return False


class Import(Operation):
    name = "import"

    def prepare(self, run: Run) -> None:
        super().prepare(run)
        shutil.copy(self.base / "itos.csv", run.root / "itos.csv")

    def run(self, run: Run) -> None:
        from imet_desktop.ops.imports import import_valid_rows, plan, read_file
        from imet_desktop.store.db import open_database

        db = open_database(run.db, daily_backup=False)
        table = read_file(run.root / "itos.csv")
        import_valid_rows(db, plan(db, table)[1], "itos.csv")
        db.close()

    def check(self, run: Run) -> list[str]:
        found = _students(run.db)
        if found not in (self.students_before, self.students_before + IMPORT_ROWS):
            return [f"import half done: {found} students (before {self.students_before}, +{IMPORT_ROWS} whole)"]
        return []


class Certificates(Operation):
    name = "certificates"

    def run(self, run: Run) -> None:
        from imet_desktop.ops.documents import PrintOptions, write_document

        ceremony = _count(run.db, "SELECT min(ceremony_id) FROM ceremony_inductees")
        write_document(run.db, "certificates", ceremony, PrintOptions(), run.out / "certificates.pdf")

    def check(self, run: Run) -> list[str]:
        target = run.out / "certificates.pdf"
        if not target.exists():
            return []
        data = target.read_bytes()
        if not data.startswith(b"%PDF") or not data.rstrip().endswith(b"%%EOF"):
            return [f"certificates.pdf is half written ({len(data)} bytes)"]
        return []


class Export(Operation):
    name = "export"

    def run(self, run: Run) -> None:
        from imet_desktop.ops.roster import export_students
        from imet_desktop.store.db import open_for_reading

        db = open_for_reading(run.db)
        ids = [int(r[0]) for r in db.execute(f"SELECT id FROM students ORDER BY id LIMIT {EXPORT_ROWS}")]
        export_students(db, ids, run.out / "students.xlsx", include_personal=True)
        db.close()

    def check(self, run: Run) -> list[str]:
        target = run.out / "students.xlsx"
        if not target.exists():
            return []
        import zipfile

        try:
            with zipfile.ZipFile(target) as book:
                if book.testzip() is not None:
                    return ["students.xlsx is damaged"]
                sheet = book.read("xl/worksheets/sheet1.xml")
        except (zipfile.BadZipFile, KeyError) as e:
            return [f"students.xlsx cannot be read: {e}"]
        rows = sheet.count(b"<row ")
        if rows != EXPORT_ROWS + 2:  # the CUI marking and the header, then one row per student
            return [f"students.xlsx holds {rows} rows for {EXPORT_ROWS} students"]
        return []


class Backup(Operation):
    name = "backup"

    def run(self, run: Run) -> None:
        from imet_desktop.ops.backups import backup_now

        backup_now(run.db, run.out / "backup.db")

    def check(self, run: Run) -> list[str]:
        target = run.out / "backup.db"
        if not target.exists():
            return []
        if _integrity(target) != "ok" or _students(target) != self.students_before:
            return ["backup.db is there but not whole"]
        return []


class Restore(Operation):
    name = "restore"

    def prepare(self, run: Run) -> None:
        super().prepare(run)
        shutil.copy(self.base / "monday.db", run.root / "monday.db")

    def run(self, run: Run) -> None:
        from imet_desktop.ops.backups import restore_database

        restore_database(run.db, run.root / "monday.db")

    def check(self, run: Run) -> list[str]:
        found = _students(run.db)
        monday = _students(self.base / "monday.db")
        if found not in (self.students_before, monday):
            return [f"restore half done: {found} students (now {self.students_before}, the backup {monday})"]
        return []


class Migration(Operation):
    name = "migration"

    def prepare(self, run: Run) -> None:
        shutil.copy(self.base / "old.db", run.db)
        _todays_backup(self.base, run)

    def run(self, run: Run) -> None:
        from imet_desktop.store.db import open_database

        open_database(run.db, daily_backup=False).close()

    def check(self, run: Run) -> list[str]:
        from imet_desktop.store.schema import migration_names

        applied = _count(run.db, "SELECT count(*) FROM _sqlite_migrations")
        old = _count(self.base / "old.db", "SELECT count(*) FROM _sqlite_migrations")
        if applied not in (old, len(migration_names())):
            return [f"migration half done: {applied} migrations applied (old {old}, new {len(migration_names())})"]
        if _students(run.db) != _students(self.base / "old.db"):
            return ["students lost in the migration"]
        return []

    def untouched(self, run: Run) -> bool:
        return run.db.read_bytes() == (self.base / "old.db").read_bytes()


OPERATIONS: dict[str, type[Operation]] = {op.name: op for op in (Import, Certificates, Export, Backup, Restore,
                                                                    Migration)}


def _todays_backup(base: Path, run: Run) -> None:
    """Today's automatic backup is taken already (linked in): the kills land in the operation, not in it."""
    backups = run.data / "IMET Desktop" / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    for daily in (base / "daily").iterdir():
        os.link(daily, backups / daily.name)


# --- the office ----------------------------------------------------------------------------------------

def prepare_office(base: Path) -> None:
    """The office every run starts from: a small demo, an ITO spreadsheet, a backup, an older database."""
    from sqlite_utils import Database

    from imet_desktop.ops.demo import generate_demo
    from imet_desktop.store import schema
    from imet_desktop.store.backups import BackupKind, take_backup, write_backup

    os.environ["XDG_DATA_HOME"] = str(base / "xdg-data")
    generate_demo(base / "office.db", students=STUDENTS)
    conn = sqlite3.connect(base / "office.db")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    write_backup(conn, base / "monday.db")
    conn.execute("DELETE FROM students WHERE id IN (SELECT id FROM students WHERE id NOT IN "
                 "(SELECT student_id FROM enrollments) AND id NOT IN (SELECT student_id FROM inductions) "
                 "AND id NOT IN (SELECT student_id FROM ceremony_inductees) AND id NOT IN "
                 "(SELECT student_id FROM nominations) LIMIT 40)")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    take_backup(conn, base / "office.db", BackupKind.DAILY, folder=base / "daily")
    conn.close()
    rows = "\n".join(f"OKONKWO{i},Chinedu,1985-03-{1 + i % 28:02d},P{i:07d},NG,W{i:07d}" for i in range(IMPORT_ROWS))
    (base / "itos.csv").write_text(f"Surname,Given names,DOB,Passport No,Country,WCN\n{rows}\n", encoding="utf-8")
    names = schema.migration_names()
    old = Database(base / "old.db")
    old.execute("PRAGMA journal_mode = WAL")
    schema.migrations.apply(old, stop_before=names[3])
    with old.conn:
        old.conn.executemany("INSERT INTO students (legal_family_name, legal_given_names, passport_number) "
                             "VALUES (?, ?, ?)", [(f"WANG{i}", "Jianguo", f"E{i:08d}") for i in range(400)])
    old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old.close()


# --- one kill ----------------------------------------------------------------------------------------------

def _fork(run: Run, work: Callable[[Run], None]) -> int:
    pid = os.fork()
    if pid == 0:  # the child: run the operation, then leave without any cleanup of the parent's
        code = 0
        try:
            run.enter()
            work(run)
        except BaseException:  # noqa: BLE001 - reported through the exit status
            import traceback

            traceback.print_exc()
            code = 3
        os._exit(code)
    return pid


def warm(op: Operation, root: Path) -> None:
    """Run the operation once in this process, so every child starts with its modules imported and its fonts
    registered, as a long-running program has them (a kill then lands in the operation's own work)."""
    run = Run(root / "warm")
    op.prepare(run)
    saved = dict(os.environ)
    try:
        run.enter()
        op.run(run)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        tempfile.tempdir = None


def measure(op: Operation, root: Path) -> float:
    """How long the operation takes here, start to end (median of three)."""
    times = []
    for i in range(3):
        run = Run(root / f"measure-{i}")
        op.prepare(run)
        start = time.perf_counter()
        pid = _fork(run, op.run)
        _pid, status = os.waitpid(pid, 0)
        times.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{op.name} fails without being killed (exit {os.waitstatus_to_exitcode(status)})")
    return sorted(times)[1]


def _files(run: Run) -> list[Path]:
    return [p for p in run.root.rglob("*") if p.is_file()]


def check_files(run: Run, modes: dict[str, set[str]], op: Operation) -> list[str]:
    """No partial or temporary file readable by others; what every file's mode is.

    An older program's database killed before the upgrade touched it keeps its old mode (the first
    thing the next opening does is make it owner-only).
    """
    from imet_desktop.files import PARTIAL_SUFFIX

    problems = []
    untouched = op.untouched(run)
    for path in _files(run):
        mode = stat.S_IMODE(path.stat().st_mode)
        kind = _kind(path, run, PARTIAL_SUFFIX)
        if kind == "database" and untouched:
            kind = "older program's database, untouched"
        modes.setdefault(kind, set()).add(f"{mode:o}")
        if kind in ("partial file", "temporary file", "database", "backup", "export with personal data") \
                and mode & 0o077:
            problems.append(f"{path.relative_to(run.root)} is {mode:o}: readable by others")
    return problems


def _kind(path: Path, run: Run, partial_suffix: str) -> str:
    name = path.name
    if name.endswith(partial_suffix) or name.endswith(".partial"):
        return "partial file"
    if run.temp in path.parents:
        return "temporary file"
    if name.startswith("office.db"):
        return "database" if not name.endswith(".lock") else "lock file"
    if "backups" in path.parts or name in ("backup.db", "monday.db"):
        return "backup"
    if name == "students.xlsx":
        return "export with personal data"
    if name.endswith(".pdf"):
        return "certificates (no personal data)"
    return "input"


def cleanup_as_next_start(run: Run) -> list[str]:
    """What the next start does: remove the partial files of dead processes; none may remain."""
    from imet_desktop.files import PARTIAL_SUFFIX, remove_stale_partials

    for folder in {p.parent for p in _files(run)}:
        remove_stale_partials(folder)
    left = [p for p in _files(run) if p.name.endswith(PARTIAL_SUFFIX)]
    return [f"{p.relative_to(run.root)} survived the next start's cleanup" for p in left]


def kill_repeatedly(op: Operation, kills: int, work: Path) -> dict[str, Any]:
    """Kill op at random moments until it was killed kills times; what was found."""
    warm(op, work)
    duration = measure(op, work)
    report: dict[str, Any] = {"operation": op.name, "kills": 0, "finished_first": 0, "problems": [],
                              "duration_s": round(duration, 3), "modes": {}}
    modes: dict[str, set[str]] = {}
    i = -1
    while report["kills"] < kills and i < 5 * kills:  # runs that finish before their kill do not count
        i += 1
        run = Run(work / f"run-{i}")
        op.prepare(run)
        delay = random.uniform(0, duration)
        pid = _fork(run, op.run)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):  # it finished first
            os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status):
            report["finished_first"] += 1
            # The measured run was slower than this one (the machine is shared): aim the kills earlier.
            duration *= 0.8
            if os.WEXITSTATUS(status) != 0:
                report["problems"].append(f"run {i}: the operation failed by itself (exit {os.WEXITSTATUS(status)})")
        else:
            report["kills"] += 1
        found = check_files(run, modes, op)
        if _integrity(run.db) != "ok":
            found.append("integrity_check fails")
        found += op.check(run)
        found += cleanup_as_next_start(run)
        report["problems"] += [f"run {i} (killed after {delay:.3f} s): {p}" for p in found]
        shutil.rmtree(run.root, ignore_errors=True)
    report["modes"] = {k: sorted(v) for k, v in modes.items()}
    return report


def main(argv: list[str]) -> int:
    """OPS (comma-separated) KILLS SEED WORK: one JSON report per operation, one per line."""
    names, kills, seed, work = argv[0].split(","), int(argv[1]), int(argv[2]), Path(argv[3])
    random.seed(seed)
    base = work / "base"
    base.mkdir(parents=True, exist_ok=True)
    prepare_office(base)
    for name in names:
        folder = work / name
        folder.mkdir()
        print(json.dumps(kill_repeatedly(OPERATIONS[name](base), kills, folder)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
