"""Every change to the records, row by row, grouped by what the clerk did: history, the database log, undo.

SQLite triggers on every table of records write each insert, update and delete into
``row_changes`` (an update: only the columns that changed, old and new; an insert: the new row; a
delete: the old row), tagged with the ``change_groups`` row of the store's ``write()`` in progress:
one group per thing the clerk did (an edit, an import of 500 rows, a ceremony planned), with the
time, the workstation user and the program session. Because the triggers see every row, the log is
complete by construction (cascaded deletes, status history, photos) whatever module wrote the row.

Undo applies a group's inverse (delete what it inserted, put back what it deleted, set back what
it updated) as a new group, after checking that each row is still as the group left it; a row
someone changed since refuses the undo, naming who and when. Redo is the undo of that undo.

Tables that carry a ``version`` (the records an editor saves) have it raised by the same trigger
on every real change, so an editor can tell that the record changed since it was loaded.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from imet_desktop.store.errors import StoreError

SESSION = f"{os.getpid()}-{secrets.token_hex(4)}"
"""This program run: the clerk's own changes of this session are those of its groups."""

TRIGGER_PREFIX = "imet_change_"
CHANGE_TABLES = ("change_groups", "row_changes", "change_context")
NOT_CAPTURED = frozenset({"_sqlite_migrations", "audit_log", *CHANGE_TABLES})
VERSIONED = ("students", "courses", "classes", "enrollments", "ceremonies", "nominations", "positions",
             "inductions", "ceremony_inductees", "ceremony_events", "ceremony_guests", "ceremony_tables",
             "ceremony_tasks", "fsp_events", "graduate_schools")
"""The records an editor loads and saves: each carries a version raised on every change."""

SCHEMA = """
CREATE TABLE change_groups (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL DEFAULT '',
    session TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    undoes INTEGER REFERENCES change_groups(id),
    undone_by INTEGER REFERENCES change_groups(id)
);
CREATE INDEX change_groups_at ON change_groups(at);
CREATE INDEX change_groups_session ON change_groups(session, id);
CREATE TABLE row_changes (
    id INTEGER PRIMARY KEY,
    group_id INTEGER REFERENCES change_groups(id),
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    old TEXT,                            -- JSON: the deleted row, or the updated columns' old values
    new TEXT                             -- JSON: the inserted row, or the updated columns' new values
);
CREATE INDEX row_changes_group ON row_changes(group_id);
CREATE INDEX row_changes_row ON row_changes(table_name, row_id);
-- the group of the write in progress, and whether changes are recorded at all (not for demo data)
CREATE TABLE change_context (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    group_id INTEGER,
    capture INTEGER NOT NULL DEFAULT 1
);
INSERT INTO change_context (id, group_id, capture) VALUES (1, NULL, 1);
"""


def field_label(table: str, column: str) -> str:
    """A column as the clerk reads it: 'Passport number'."""
    from imet_desktop.domain.validation import STUDENT_FIELD_LABELS

    if table == "students" and column in STUDENT_FIELD_LABELS:
        return STUDENT_FIELD_LABELS[column]
    return column.replace("_", " ").capitalize()


# --- the triggers ---------------------------------------------------------------------------------------

def _columns(db: Database, table: str) -> list[tuple[str, bool]]:
    """(name, is a BLOB) of each column."""
    return [(str(r[1]), str(r[2]).upper() == "BLOB") for r in db.execute(f"PRAGMA table_info([{table}])")]


def captured_tables(db: Database) -> list[str]:
    """The tables whose changes are recorded: every table of records (not FTS indexes, logs or SQLite's)."""
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [str(name) for name, sql in rows if "VIRTUAL TABLE" in str(sql or "").upper()]
    tables = []
    for name, _sql in rows:
        name = str(name)
        if name.startswith("sqlite_") or name in NOT_CAPTURED or name in virtual:
            continue
        if any(name.startswith(v + "_") for v in virtual):
            continue  # an FTS index's shadow tables
        tables.append(name)
    return tables


def _value(prefix: str, column: str, blob: bool) -> str:
    ref = f"{prefix}.[{column}]"
    return f"CASE WHEN {ref} IS NULL THEN NULL ELSE hex({ref}) END" if blob else ref


def _image(prefix: str, columns: list[tuple[str, bool]]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {_value(prefix, c, b)}" for c, b in columns) + ")"


def _changed(prefix: str, columns: list[tuple[str, bool]]) -> str:
    parts = [f"SELECT '{c}' AS k, {_value(prefix, c, b)} AS v WHERE OLD.[{c}] IS NOT NEW.[{c}]" for c, b in columns]
    return f"(SELECT json_group_object(k, v) FROM ({' UNION ALL '.join(parts)}))"


_CAPTURING = "(SELECT capture FROM change_context WHERE id = 1)"
_GROUP = "(SELECT group_id FROM change_context WHERE id = 1)"


def _trigger_sql(db: Database, table: str) -> list[str]:
    columns = _columns(db, table)
    names = {c for c, _b in columns}
    tracked = [(c, b) for c, b in columns if c != "version"]
    insert_into = f"INSERT INTO row_changes (group_id, table_name, row_id, op, old, new) VALUES ({_GROUP}, '{table}', "
    any_change = " OR ".join(f"OLD.[{c}] IS NOT NEW.[{c}]" for c, _b in tracked) or "0"
    versioned = "version" in names
    update_when = f"{_CAPTURING} AND ({any_change})"
    update_body = f"{insert_into}NEW.rowid, 'update', {_changed('OLD', tracked)}, {_changed('NEW', tracked)});"
    if versioned:
        # the write itself leaves version alone; this trigger raises it (its own update, which changes
        # only the version, fires nothing more)
        update_when = f"NEW.version IS OLD.version AND ({any_change})"
        update_body = (f"INSERT INTO row_changes (group_id, table_name, row_id, op, old, new) SELECT {_GROUP}, "
                       f"'{table}', NEW.rowid, 'update', {_changed('OLD', tracked)}, {_changed('NEW', tracked)} "
                       f"WHERE {_CAPTURING}; UPDATE [{table}] SET version = OLD.version + 1 WHERE rowid = NEW.rowid;")
    return [
        f"CREATE TRIGGER [{TRIGGER_PREFIX}{table}_insert] AFTER INSERT ON [{table}] WHEN {_CAPTURING} BEGIN "
        f"{insert_into}NEW.rowid, 'insert', NULL, {_image('NEW', columns)}); END",
        f"CREATE TRIGGER [{TRIGGER_PREFIX}{table}_update] AFTER UPDATE ON [{table}] WHEN {update_when} BEGIN "
        f"{update_body} END",
        f"CREATE TRIGGER [{TRIGGER_PREFIX}{table}_delete] AFTER DELETE ON [{table}] WHEN {_CAPTURING} BEGIN "
        f"{insert_into}OLD.rowid, 'delete', {_image('OLD', columns)}, NULL); END",
    ]


def remove_capture(db: Database) -> None:
    """Drop the recording triggers (before a migration rewrites tables: its changes are not the clerk's)."""
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
                              [TRIGGER_PREFIX + "%"]).fetchall():
        db.execute(f"DROP TRIGGER [{name}]")


def install_capture(db: Database) -> None:
    """(Re)create the recording triggers for every table of records as the schema now stands."""
    if not db["change_context"].exists():
        return
    remove_capture(db)
    for table in captured_tables(db):
        for sql in _trigger_sql(db, table):
            db.execute(sql)


# --- groups: one per write -----------------------------------------------------------------------------

_open: dict[int, list[int | None]] = {}
"""Per connection: the nesting depth of write() and the group its outermost level opened."""


def begin_group(db: Database, now: str, user: str) -> None:
    """Called by the store's write() as it starts: the outermost write opens a group."""
    key = id(db.conn)
    if key in _open:
        depth = _open[key][0] or 0
        _open[key][0] = depth + 1
        return
    group: int | None = None
    if _has_context(db):
        group = db.execute("INSERT INTO change_groups (at, user_name, session) VALUES (?, ?, ?)",
                           [now, user, SESSION]).lastrowid
        db.execute("UPDATE change_context SET group_id = ? WHERE id = 1", [group])
    _open[key] = [1, group]


def end_group(db: Database, *, completed: bool) -> None:
    """Called by the store's write() as it ends: the outermost write closes its group (dropped if empty)."""
    key = id(db.conn)
    depth, group = _open.get(key, [1, None])
    if (depth or 1) > 1:
        _open[key][0] = (depth or 1) - 1
        return
    _open.pop(key, None)
    if not completed or group is None:
        return  # rolled back with the transaction
    db.execute("UPDATE change_context SET group_id = NULL WHERE id = 1")
    if db.execute("SELECT 1 FROM row_changes WHERE group_id = ? LIMIT 1", [group]).fetchone() is None:
        db.execute("DELETE FROM change_groups WHERE id = ?", [group])


def _has_context(db: Database) -> bool:
    try:
        return db.execute("SELECT 1 FROM change_context WHERE id = 1").fetchone() is not None
    except sqlite3.OperationalError:
        return False  # an older database, not migrated yet (or not one that records changes)


def records_changes(db: Database) -> bool:
    """Whether the database keeps a log of changes (False for a damaged file opened read-only, or an old one)."""
    try:
        return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'change_groups'").fetchone() is not None
    except sqlite3.DatabaseError:
        return False


def latest_group(db: Database) -> int:
    """The newest change's id (0 when none). Here, not in store.history, for the window's start: its Undo is set
    before the first tab is painted, and store.history's modules (the names' romanisation) are not needed by it."""
    row = db.execute("SELECT max(id) FROM change_groups").fetchone()
    return int(row[0] or 0)


def current_group(db: Database) -> int | None:
    """The group of the write in progress (None outside one)."""
    if not _has_context(db):
        return None
    row = db.execute("SELECT group_id FROM change_context WHERE id = 1").fetchone()
    return int(row[0]) if row and row[0] is not None else None


def describe(db: Database, description: str) -> None:
    """Name the change in progress for the log and the Undo menu ("import of 412 students from itos.csv")."""
    group = current_group(db)
    if group is not None:
        db.execute("UPDATE change_groups SET description = ? WHERE id = ? AND description = ''", [description, group])


@contextlib.contextmanager
def not_recorded(db: Database) -> Iterator[bool]:
    """Changes in this block are not recorded by the triggers (demo data: thousands of invented rows nobody
    will undo; an import, which records its rows afterwards with record_inserted). Yields whether changes
    were being recorded before the block, and puts that back after it."""
    if not _has_context(db):
        yield False
        return
    capturing = bool(db.execute("SELECT capture FROM change_context WHERE id = 1").fetchone()[0])
    db.execute("UPDATE change_context SET capture = 0 WHERE id = 1")
    try:
        yield capturing
    finally:
        db.execute("UPDATE change_context SET capture = ? WHERE id = 1", [int(capturing)])


def record_inserted(db: Database, table: str, where: str, params: list[Any]) -> int:
    """Record, in one statement, the rows of table matching where as inserted by the write in progress:
    exactly the row changes the insert trigger would have written one by one (an import's rows, written
    under not_recorded). Returns how many."""
    columns = _columns(db, table)
    return int(db.execute(
        f"INSERT INTO row_changes (group_id, table_name, row_id, op, old, new) SELECT {_GROUP}, '{table}', "
        f"NEW.rowid, 'insert', NULL, {_image('NEW', columns)} FROM [{table}] AS NEW WHERE {where} ORDER BY NEW.rowid",
        params).rowcount)


# --- reading the log ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RowChange:
    """One row inserted, updated or deleted."""

    id: int
    group_id: int | None
    table: str
    row_id: int
    op: str
    old: dict[str, Any]
    new: dict[str, Any]


def _row_change(row: tuple[Any, ...]) -> RowChange:
    rid, group, table, row_id, op, old, new = row
    return RowChange(int(rid), None if group is None else int(group), str(table), int(row_id), str(op),
                     json.loads(old) if old else {}, json.loads(new) if new else {})


_ROW_CHANGE_COLUMNS = "id, group_id, table_name, row_id, op, old, new"


def group_changes(db: Database, group_id: int) -> list[RowChange]:
    """The rows one group changed, in the order it changed them."""
    return [_row_change(r) for r in db.execute(
        f"SELECT {_ROW_CHANGE_COLUMNS} FROM row_changes WHERE group_id = ? ORDER BY id", [group_id])]


def row_history(db: Database, table: str, row_id: int) -> list[RowChange]:
    """Every recorded change to one row, oldest first."""
    return [_row_change(r) for r in db.execute(
        f"SELECT {_ROW_CHANGE_COLUMNS} FROM row_changes WHERE table_name = ? AND row_id = ? ORDER BY id",
        [table, row_id])]


# --- undo -----------------------------------------------------------------------------------------------

class StaleChangeError(StoreError):
    """A change that cannot be undone because someone changed the same record since."""


def _blob_columns(db: Database, table: str) -> set[str]:
    return {c for c, b in _columns(db, table) if b}


def _stored(value: Any, column: str, blobs: set[str]) -> Any:
    return bytes.fromhex(value) if column in blobs and isinstance(value, str) else value


def _current(db: Database, table: str, row_id: int) -> dict[str, Any] | None:
    columns = _columns(db, table)
    row = db.execute(f"SELECT {', '.join(_value('t', c, b) + f' AS [{c}]' for c, b in columns)} "
                     f"FROM [{table}] AS t WHERE rowid = ?", [row_id]).fetchone()
    if row is None:
        return None
    return {c: json.loads(json.dumps(v)) for (c, _b), v in zip(columns, row, strict=True)}


def _same(recorded: Any, current: Any) -> bool:
    return bool(recorded == current)


def _who_changed_since(db: Database, change: RowChange) -> str:
    row = db.execute(
        "SELECT g.at, g.user_name FROM row_changes r JOIN change_groups g ON g.id = r.group_id "
        "WHERE r.table_name = ? AND r.row_id = ? AND r.id > ? ORDER BY r.id DESC LIMIT 1",
        [change.table, change.row_id, change.id]).fetchone()
    if row is None:
        return "it was changed since (outside this program's record)"
    from imet_desktop.domain.dates import format_date_time

    return f"{row[1] or 'someone'} changed it since, on {format_date_time(str(row[0]))}"


def _as_left(changes: list[RowChange]) -> dict[tuple[str, int], tuple[RowChange, dict[str, Any] | None]]:
    """Each row a group touched, as the group left it: its last change, and its columns (None: deleted).

    For a row the group only updated, only the columns it wrote are known.
    """
    left: dict[tuple[str, int], tuple[RowChange, dict[str, Any] | None]] = {}
    for change in changes:
        key = (change.table, change.row_id)
        image = left[key][1] if key in left else None
        if change.op == "insert":
            image = dict(change.new)
        elif change.op == "update":
            image = {**(image or {}), **change.new}
        else:
            image = None
        left[key] = (change, image)
    return left


def _check_still_as_left(db: Database, changes: list[RowChange], name: str) -> None:
    for (table, row_id), (last, image) in _as_left(changes).items():
        current = _current(db, table, row_id)
        if image is None:
            if current is not None:
                raise StaleChangeError(f"{name} cannot be undone: the {table} record #{row_id} exists again "
                                       f"({_who_changed_since(db, last)})")
            continue
        if current is None:
            raise StaleChangeError(f"{name} cannot be undone: the {table} record #{row_id} was deleted since "
                                   f"({_who_changed_since(db, last)})")
        for column, value in image.items():
            if column in current and column != "version" and not _same(value, current[column]):
                raise StaleChangeError(f"{name} cannot be undone: {_who_changed_since(db, last)} "
                                       f"({table} #{row_id}, {column})")


def _apply_inverse(db: Database, change: RowChange) -> None:
    blobs = _blob_columns(db, change.table)
    table = f"[{change.table}]"
    if change.op == "insert":
        db.execute(f"DELETE FROM {table} WHERE rowid = ?", [change.row_id])
    elif change.op == "update":
        columns = [c for c in change.old if c != "version"]
        if columns:
            db.execute(f"UPDATE {table} SET {', '.join(f'[{c}] = ?' for c in columns)} WHERE rowid = ?",
                       [*(_stored(change.old[c], c, blobs) for c in columns), change.row_id])
    else:
        existing = {c for c, _b in _columns(db, change.table)}
        columns = [c for c in change.old if c in existing]
        db.execute(f"INSERT INTO {table} (rowid, {', '.join(f'[{c}]' for c in columns)}) "
                   f"VALUES (?, {', '.join('?' for _ in columns)})",
                   [change.row_id, *(_stored(change.old[c], c, blobs) for c in columns)])


def undo_group(db: Database, group_id: int, *, now: str, user: str, name: str) -> int:
    """Apply the inverse of a group as a new group (whose id is returned), or change nothing.

    Raises StaleChangeError when a row the group changed is no longer as the group left it, or
    when putting it back would change more than the group did (a record added since that depends on
    one the group added).
    """
    group = db.execute("SELECT undone_by FROM change_groups WHERE id = ?", [group_id]).fetchone()
    if group is None:
        raise StoreError(f"there is no change #{group_id} to undo")
    if group[0] is not None:
        raise StaleChangeError(f"{name} was undone already")
    changes = group_changes(db, group_id)
    if not _has_context(db):
        raise StoreError("this database records no changes to undo")
    with db.atomic():
        _check_still_as_left(db, changes, name)
        outer = current_group(db)
        undo = int(db.execute("INSERT INTO change_groups (at, user_name, session, description, undoes) "
                              "VALUES (?, ?, ?, ?, ?)",
                              [now, user, SESSION, f"undo of {name}", group_id]).lastrowid or 0)
        db.execute("UPDATE change_context SET group_id = ? WHERE id = 1", [undo])
        try:
            for change in reversed(changes):
                _apply_inverse(db, change)
            done = db.execute("SELECT count(*) FROM row_changes WHERE group_id = ?", [undo]).fetchone()[0]
            if done > len(changes):
                raise StaleChangeError(f"{name} cannot be undone: records added since depend on it")
            db.execute("UPDATE change_groups SET undone_by = ? WHERE id = ?", [undo, group_id])
        finally:
            db.execute("UPDATE change_context SET group_id = ? WHERE id = 1", [outer])
    return undo
