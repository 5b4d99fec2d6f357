"""What the benchmarks run on: the 600,000-student demo (migrated once), a copy of it with a ceremony of
1,000 inductees, an empty database, and import files of invented students (CSV and XLSX).

Everything is made once per folder and reused by later runs (the names say what they hold). The import
files are SC-TMS-like exports of invented officers from the demo's own naming traditions (every script,
particles, two family names, one-word names), none of whom is a duplicate of a student of the demo or of
another row: every row of them imports.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

HEADERS = ["Student Last Name", "Student First Name", "Name in Own Script", "Country of Citizenship", "Grade/Rank",
           "US Equivalent Rank", "Pay Grade", "Branch of Service", "Sex", "Date of Birth", "Place of Birth",
           "Work Control No.", "English Comprehension Level (ECL)", "ITO Number", "FMS Case Designator",
           "Funding Source", "Report NLT", "Passport Number", "Student Status"]
SEED = 16
CEREMONY_INDUCTEES = 1_000


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a database file (its write-ahead log folded in first), replacing target and its -wal/-shm, on the
    disk before it is used: a copy left in the system's unwritten pages (450 MB of the demo) was written out by the
    first sync of whatever came next, and timed as its own (0.6 s of an import, in the fsync of its lock file)."""
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    target.chmod(0o600)
    with target.open("rb+") as copy:
        os.fsync(copy.fileno())
    return target


def migrated(demo: Path, folder: Path) -> Path:
    """The demo database with this program's schema: the file itself if current, else a migrated copy (once)."""
    from imet_desktop.store.db import connect, open_database
    from imet_desktop.store.schema import migrations

    db = connect(demo)
    try:
        pending = migrations.pending(db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    if not pending:
        return demo
    copy = folder / f"{demo.stem}-migrated-{demo.stat().st_size}-schema{len(migrations._migrations)}.db"
    if not copy.exists():
        partial = copy_database(demo, folder / "migrating.db")
        open_database(partial, daily_backup=False).close()
        partial.rename(copy)
    return copy


def empty_database(folder: Path) -> Path:
    """An empty database of this program's schema."""
    from imet_desktop.store.db import open_database

    path = folder / "empty.db"
    if not path.exists():
        open_database(folder / "empty-making.db", daily_backup=False).close()
        (folder / "empty-making.db").rename(path)
    return path


def ceremony_database(base: Path, folder: Path, inductees: int = CEREMONY_INDUCTEES) -> tuple[Path, int]:
    """A copy of base with a planned ceremony of `inductees` graduates (every country and script; the longest
    names included), with its order of events; the path and the ceremony's id."""
    from imet_desktop.domain.records import Ceremony
    from imet_desktop.store.ceremonies import add_ceremony, add_default_order_of_events
    from imet_desktop.store.db import open_database, write

    path = folder / f"ceremony{inductees}-{base.stem}.db"
    if path.exists():
        con = sqlite3.connect(path)
        row = con.execute("SELECT id FROM ceremonies WHERE title = 'Benchmark ceremony'").fetchone()
        con.close()
        if row is not None:
            return path, int(row[0])
    partial = copy_database(base, folder / "ceremony-making.db")
    db = open_database(partial, daily_backup=False)
    try:
        ceremony_id = add_ceremony(db, Ceremony("Benchmark ceremony", dt.date(2031, 5, 1), "14:00",
                                                "Polifka Auditorium", "Commander", "Commandant"))
        add_default_order_of_events(db, ceremony_id)
        chosen = _varied_graduates(db.conn, inductees)
        sql = ("INSERT INTO ceremony_inductees (ceremony_id, student_id, position_title, attending, "
               "representative_name, representative_title, citation, sort_order) VALUES (?, ?, ?, ?, ?, ?, '', ?)")
        with write(db):
            db.conn.executemany(sql, [(ceremony_id, sid, "Chief of the Air Staff", int(n % 7 != 0),
                                       "" if n % 7 else "Col. A. Attaché", "" if n % 7 else "Air Attaché", n)
                                      for n, sid in enumerate(chosen, 1)])
    finally:
        db.close()
    partial.rename(path)
    return path, ceremony_id


def _varied_graduates(con: sqlite3.Connection, count: int) -> list[int]:
    """Graduates not yet inducted, round-robin over the countries (so every script comes), the longest names
    first within each country."""
    by_country: dict[str, list[int]] = {}
    rows = con.execute(
        "SELECT id, coalesce(country_code, '') FROM students WHERE archived_at IS NULL "
        "AND id NOT IN (SELECT student_id FROM inductions) "
        "ORDER BY length(legal_family_name) + length(legal_given_names) + length(native_name) DESC, id LIMIT 200000")
    for sid, code in rows:
        by_country.setdefault(code, []).append(sid)
    queues = [iter(v) for _k, v in sorted(by_country.items())]
    chosen: list[int] = []
    while len(chosen) < count and queues:
        for q in list(queues):
            sid = next(q, None)
            if sid is None:
                queues.remove(q)
            elif len(chosen) < count:
                chosen.append(sid)
    return chosen


# --- import files ----------------------------------------------------------------------------------

def _known_keys(database: Path) -> set[tuple[str, str]]:
    con = sqlite3.connect(database)
    try:
        return {(k, d) for k, d in con.execute("SELECT name_key, coalesce(date_of_birth, '') FROM students")}
    finally:
        con.close()


def _rows(count: int, avoid: set[tuple[str, str]]) -> Iterator[list[object]]:
    """Invented officers, none sharing a name and date of birth with `avoid` or with each other."""
    from imet_desktop.domain.names import name_key
    from imet_desktop.ops.demo import pools

    rng = random.Random(SEED)
    countries = [c for c in pools.countries() if c.code != "US"]
    weights = [c.weight for c in countries]
    seen = set(avoid)
    made = 0
    statuses = ["Projected", "Projected", "Projected", "Arrived", "In training"]
    while made < count:
        country = rng.choices(countries, weights)[0]
        name = pools.make_name(rng, country.culture, "F" if rng.random() < 0.12 else "M")
        grade = rng.randrange(4)
        born = dt.date(1976, 1, 1) + dt.timedelta(days=rng.randrange(9000))
        key = (name_key(name.family, name.given), born.isoformat())
        if key in seen:
            continue
        seen.add(key)
        made += 1
        service = country.air_force if rng.random() < 0.85 else country.army
        report = dt.date(2031, 6, 1) + dt.timedelta(days=rng.randrange(300))
        yield [name.family, name.given, name.native, country.name, country.ranks[grade],
               pools.US_AIR_RANKS[grade], pools.PAY_GRADES[grade], service, name.sex, born,
               rng.choice(country.cities), f"ZB{made:08d}", 70 + rng.randrange(31), f"31ZB{made:08d}",
               f"{country.code}-D-Q{made % 1000:03d}" if country.fms else "",
               "FMS" if country.fms else "IMET", report, f"Z{made:08d}", rng.choice(statuses)]


def import_csv(folder: Path, rows: int, database: Path) -> Path:
    """A CSV (UTF-8) of `rows` invented students, none a duplicate of one in database."""
    path = folder / f"import-{rows}.csv"
    if not path.exists():
        partial = folder / "import-making.csv"
        with partial.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(HEADERS)
            for row in _rows(rows, _known_keys(database)):
                writer.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in row])
        partial.rename(path)
    return path


def import_xlsx(folder: Path, rows: int, database: Path, *, shared: bool = False) -> Path:
    """The same students as import_csv's, as an Excel workbook (dates as dates): as openpyxl's write-only mode writes
    one (this program's exports among them: texts inline in each cell, no <dimension>), or with ``shared`` as Excel
    saves one (texts once in the shared strings table, cells pointing at them; a <dimension>), openpyxl's usual mode."""
    from openpyxl import Workbook

    path = folder / f"import-{rows}{'-shared' if shared else ''}.xlsx"
    if not path.exists():
        workbook = Workbook(write_only=not shared)
        if shared:
            sheet = workbook.active
            sheet.title = "Students"
        else:
            sheet = workbook.create_sheet("Students")
        sheet.append(HEADERS)
        for row in _rows(rows, _known_keys(database)):
            sheet.append(row)
        workbook.save(folder / "import-making.xlsx")
        (folder / "import-making.xlsx").rename(path)
    return path


def frequent_prefixes(database: Path, count: int = 200) -> list[str]:
    """The `count` most frequent 1-3 letter prefixes of the words of the students' names (folded as search folds
    them: no case, no accents), most frequent first: what a clerk's first keystrokes most often are."""
    from imet_desktop.domain.names import search_fold

    counts: dict[str, int] = {}
    con = sqlite3.connect(database)
    try:
        for family, given, display in con.execute(
                "SELECT legal_family_name, legal_given_names, display_name FROM students WHERE archived_at IS NULL"):
            words = set(search_fold(f"{family} {given} {display}").replace("-", " ").replace("'", " ").split())
            prefixes = {w[:n] for w in words for n in (1, 2, 3) if len(w) >= n and w[:n].isalpha()}
            for p in prefixes:
                counts[p] = counts.get(p, 0) + 1
    finally:
        con.close()
    return [p for p, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]
