import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.preferences import backups_folder
from imet_desktop.store import schema
from imet_desktop.store.db import open_database, write_backup_of
from imet_desktop.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
)


def test_a_new_database_has_the_whole_schema_and_safe_pragmas(db: Database, db_path: Path) -> None:
    for table in ["countries", "students", "student_status_history", "student_photos", "courses",
                  "course_prerequisites", "classes", "enrollments", "positions", "nominations",
                  "nomination_status_history", "inductions", "ceremonies", "ceremony_inductees",
                  "ceremony_events", "ceremony_guests", "ceremony_tables", "ceremony_tasks", "settings",
                  "import_batches", "audit_log", "fsp_events", "fsp_attendance", "students_fts"]:
        assert db[table].exists(), table
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(schema.migration_names())
    assert db.execute("SELECT count(*) FROM countries").fetchone()[0] >= 249


def test_the_database_file_is_readable_only_by_its_owner(db: Database, db_path: Path) -> None:
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


def test_a_row_that_breaks_a_foreign_key_is_refused(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO students (legal_family_name, country_code) VALUES ('ALI', 'QQ')")


def test_reopening_an_up_to_date_database_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path).close()
    open_database(db_path).close()
    assert sorted(p.name for p in db_path.parent.iterdir() if p.is_file()) == ["office.db"]
    backups = sorted(p.name for p in backups_folder().iterdir())
    assert len(backups) == 1 and backups[0].endswith("-daily.db")  # the day's first reopening only


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Dear clerk,\nthis is a letter.\n")
    with pytest.raises(NotADatabaseError, match="notes.db is not an IMET Desktop database"):
        open_database(path)
    assert path.read_text().startswith("Dear clerk")


def test_another_programs_sqlite_file_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(NotADatabaseError, match="not an IMET Desktop one"):
        open_database(path)


def test_a_truncated_database_is_reported_as_damaged(db_path: Path) -> None:
    db = open_database(db_path)
    db.execute("INSERT INTO audit_log (at, table_name, action, details) VALUES ('now', 't', 'x', ?)",
               ["x" * 200_000])
    db.conn.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    size = db_path.stat().st_size
    with db_path.open("r+b") as f:
        f.truncate(size // 2)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_database(db_path)


def test_a_database_from_a_newer_program_is_refused(db_path: Path) -> None:
    db = open_database(db_path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_database(db_path)


def test_an_older_database_is_backed_up_in_the_backups_folder_then_migrated(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path).close()

    @schema.migrations(name="9999_test_extra_column")
    def extra(db: Database) -> None:
        db.execute("ALTER TABLE students ADD COLUMN test_extra TEXT")

    try:
        db = open_database(db_path)
        assert "test_extra" in db["students"].columns_dict
        db.close()
        backups = list(backups_folder().glob("office-*-pre-migration.db"))
        assert len(backups) == 1
        assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
        old = sqlite3.connect(backups[0])
        columns = [r[1] for r in old.execute("PRAGMA table_info(students)")]
        old.close()
        assert "test_extra" not in columns
    finally:
        schema.migrations._migrations.pop()


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_database(tmp_path / "nowhere" / "office.db")


def test_a_locked_database_gives_a_clear_message(db_path: Path) -> None:
    open_database(db_path).close()
    locker = sqlite3.connect(db_path)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError, match="locked"):
            db = open_database(db_path)
            db.execute("PRAGMA busy_timeout = 50")
            from imet_desktop.store.db import write
            with write(db):
                db.execute("INSERT INTO settings VALUES ('k', '1')")
    finally:
        locker.rollback()
        locker.close()


def test_backup_copies_a_database_in_use(db: Database, tmp_path: Path) -> None:
    db.execute("INSERT INTO settings VALUES ('school', '\"IOS\"')")
    db.conn.commit()
    target = write_backup_of(db, tmp_path / "copy.db")
    copy = open_database(target)
    assert copy.execute("SELECT value FROM settings").fetchone()[0] == '"IOS"'
    copy.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert list(tmp_path.glob(".*partial")) == []


def test_backup_to_a_missing_folder_says_so(db: Database, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        write_backup_of(db, tmp_path / "gone" / "copy.db")


def test_migrations_are_numbered_in_the_order_they_run() -> None:
    names = schema.migration_names()
    numbers = [int(name.split("_", 1)[0]) for name in names]
    assert numbers == list(range(1, len(names) + 1))


def test_the_programs_connections_run_no_sqlite_utils_plugins(db_path: Path) -> None:
    """A plugin installed beside the program (sqlite-utils' prepare_connection hook) never touches its connections."""
    from sqlite_utils import hookimpl
    from sqlite_utils.plugins import pm

    from imet_desktop.store.db import connect

    prepared: list[sqlite3.Connection] = []

    class Plugin:
        @hookimpl
        def prepare_connection(self, conn: sqlite3.Connection) -> None:
            prepared.append(conn)

    plugin = Plugin()
    pm.register(plugin, name="test-plugin")
    try:
        Database(sqlite3.connect(":memory:")).close()
        assert len(prepared) == 1  # the plugin is one sqlite-utils would run
        open_database(db_path).close()
        open_database(db_path, read_only=True).close()
        connect(db_path).close()
        assert len(prepared) == 1
    finally:
        pm.unregister(plugin)


def test_a_plain_connection_keeps_sqlites_page_cache_and_a_reader_may_ask_for_a_smaller_one(db_path: Path) -> None:
    """The import and the export write or read through connect(): they keep SQLite's default cache (a small one
    would slow the import's index writes); only the window's readers ask for less (cache_kib)."""
    from imet_desktop.store.db import connect

    fresh = sqlite3.connect(":memory:")
    default = fresh.execute("PRAGMA cache_size").fetchone()[0]
    fresh.close()
    open_database(db_path).close()
    plain, small = connect(db_path), connect(db_path, cache_kib=500)
    try:
        assert plain.execute("PRAGMA cache_size").fetchone()[0] == default
        assert small.execute("PRAGMA cache_size").fetchone()[0] == -500
    finally:
        plain.close()
        small.close()


def test_a_page_cache_for_a_while_puts_the_connections_own_back_even_after_a_failure(db_path: Path) -> None:
    """An import or a bulk load in the window gives its connection a large cache for its while, then the window's
    small one again (not SQLite's default), whether the block ends or fails."""
    from imet_desktop.store.db import connect, page_cache, use_page_cache

    open_database(db_path).close()
    db = connect(db_path)
    try:
        use_page_cache(db, 500)
        with page_cache(db, 128 * 1024):
            assert db.execute("PRAGMA cache_size").fetchone()[0] == -128 * 1024
        assert db.execute("PRAGMA cache_size").fetchone()[0] == -500
        with pytest.raises(RuntimeError), page_cache(db, 64 * 1024):
            raise RuntimeError("the block failed")
        assert db.execute("PRAGMA cache_size").fetchone()[0] == -500
    finally:
        db.close()


def test_a_record_is_inserted_in_one_statement_with_its_audit_entry(db: Database) -> None:
    """insert_record (every add_* of a plain record) and insert_row write the row in one INSERT of its columns: the
    values as given, None kept, the new id returned; no reading of the schema first (sqlite-utils' insert did)."""
    from imet_desktop.store.db import insert_record, insert_row

    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        ceremony = insert_record(db, "ceremonies", {"title": "Induction <b>& 2027", "ceremony_date": None,
                                                    "venue": "Maxwell Club"}, {"title": "Induction"})
        table = insert_row(db, "ceremony_tables", {"ceremony_id": ceremony, "name": "Head table", "capacity": 10})
    finally:
        db.conn.set_trace_callback(None)
    assert not [s for s in statements if "sqlite_master" in s or "sqlite_schema" in s]
    assert [s for s in statements if s.startswith("INSERT INTO [ceremonies]")] and \
        [s for s in statements if s.startswith("INSERT INTO [ceremony_tables]")]
    assert db.execute("SELECT title, ceremony_date, venue FROM ceremonies WHERE id = ?", [ceremony]).fetchone() == \
        ("Induction <b>& 2027", None, "Maxwell Club")
    assert db.execute("SELECT ceremony_id, name, capacity FROM ceremony_tables WHERE id = ?", [table]).fetchone() == \
        (ceremony, "Head table", 10)
    assert db.execute("SELECT action, details FROM audit_log WHERE table_name = 'ceremonies' AND row_id = ?",
                      [ceremony]).fetchone() == ("insert", '{"title": "Induction"}')
