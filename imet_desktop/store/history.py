"""Reading the record of changes: a record's History, the database log, and what each change is called.

Each change group is named for the clerk from what it did ("edit of WANG Jianguo's passport
number", "import of 412 students from itos.csv", "addition of the ceremony Spring 2027 Honor Roll
Induction"); the Undo and Redo menu items and the log use these names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.names import printed_name
from imet_desktop.store.changes import SESSION, RowChange, field_label, group_changes, row_history, undo_group

HIDDEN_COLUMNS = frozenset({"search_text", "name_key", "updated_at", "version", "id"})
"""Columns the program keeps for itself: never shown in a History."""

SHOWN_ON_ADDITION = ("override_reason", "override_by", "override_at")
"""Columns a History shows, when filled, under the line of a record's addition: a rule the school waived
to write it (a placement, an inductee), with why, by whom and when."""

TABLE_NOUNS = {
    "students": "student", "courses": "course", "classes": "class", "enrollments": "placement",
    "ceremonies": "ceremony", "nominations": "nomination", "positions": "position", "inductions": "induction",
    "ceremony_inductees": "inductee", "ceremony_events": "step of the order of events",
    "ceremony_guests": "guest", "ceremony_tables": "table", "ceremony_tasks": "task", "fsp_events": "FSP event",
    "fsp_attendance": "FSP attendance", "student_status_history": "status", "student_photos": "photo",
    "settings": "setting", "countries": "country", "import_batches": "import", "graduate_schools": "school",
    "class_seminars": "seminar", "course_prerequisites": "prerequisite", "report_filings": "report filing",
    "nomination_clearances": "clearance", "nomination_status_history": "nomination status",
}
_SUPPORTING = frozenset({"student_status_history", "nomination_status_history", "import_batches",
                         "report_filings", "ceremony_events", "ceremony_tasks", "nomination_clearances"})
"""Rows written alongside a record (its status history, the default order of events of a new ceremony)."""


def _image(db: Database, change: RowChange) -> dict[str, Any]:
    """What is known of the row: its recorded image, else its current columns."""
    if change.op == "insert":
        return change.new
    if change.op == "delete":
        return change.old
    row = db.execute(f"SELECT * FROM [{change.table}] WHERE rowid = ?", [change.row_id]).fetchone()
    if row is None:
        return change.new
    names = [d[0] for d in db.execute(f"SELECT * FROM [{change.table}] LIMIT 0").description]
    return dict(zip(names, row, strict=True))


def _student_name(db: Database, student_id: object) -> str:
    row = db.execute("SELECT legal_family_name, legal_given_names, country_code FROM students WHERE id = ?",
                     [student_id]).fetchone()
    if row is None:
        found = db.execute("SELECT old FROM row_changes WHERE table_name = 'students' AND row_id = ? AND op = 'delete' "
                           "ORDER BY id DESC LIMIT 1", [student_id]).fetchone()
        if found is None:
            return f"student #{student_id}"
        import json

        old = json.loads(found[0])
        return printed_name(str(old.get("legal_family_name", "")), str(old.get("legal_given_names", "")),
                            str(old.get("country_code") or ""))
    return printed_name(str(row[0]), str(row[1] or ""), str(row[2] or ""))


def record_name(db: Database, change: RowChange) -> str:
    """The record a change is about, as the clerk knows it: 'WANG Jianguo', 'the ceremony Spring 2027'."""
    image = _image(db, change)
    table = change.table
    if table == "students":
        return printed_name(str(image.get("legal_family_name", "")), str(image.get("legal_given_names") or ""),
                            str(image.get("country_code") or ""))
    noun = TABLE_NOUNS.get(table, table.replace("_", " "))
    for key in ("title", "name", "designator", "code", "key"):
        if image.get(key):
            owner = f" of {_student_name(db, image['student_id'])}" if image.get("student_id") else ""
            return f"the {noun} {image[key]}{owner}"
    if image.get("student_id") is not None:
        return f"the {noun} of {_student_name(db, image['student_id'])}"
    return f"{noun} #{change.row_id}"


def _fields(table: str, columns: list[str]) -> str:
    shown = [field_label(table, c).lower() if table == "students" else field_label(table, c).lower()
             for c in columns if c not in HIDDEN_COLUMNS]
    if not shown:
        return "record"
    if len(shown) == 1:
        return shown[0]
    if len(shown) == 2:
        return f"{shown[0]} and {shown[1]}"
    return f"{shown[0]} and {len(shown) - 1} other fields"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") and not name.startswith("the ") else f"{name}'s"


def name_changes(db: Database, changes: list[RowChange]) -> str:
    """What a group of row changes amounts to, in the clerk's words."""
    if not changes:
        return "no change"
    batches = [c for c in changes if c.table == "import_batches" and c.op == "insert"]
    if batches:
        added = sum(1 for c in changes if c.table == "students" and c.op == "insert")
        file_name = str(batches[0].new.get("file_name", ""))
        return f"import of {added:,} student{'s' if added != 1 else ''} from {file_name}".rstrip()
    main = [c for c in changes if c.table not in _SUPPORTING] or changes
    students = {c.row_id for c in main if c.table == "students"}
    if len(students) == 1:  # a student's photo, placements or positions go with the student
        student = next(iter(students))
        owned = [c for c in main if c.table != "students" and (c.new or c.old).get("student_id") == student]
        main = [c for c in main if c not in owned]
    records = {(c.table, c.row_id) for c in main}
    if len(records) == 1:
        first = main[0]
        ops = {c.op for c in main}
        name = record_name(db, first)
        if ops == {"update"}:
            columns = list(dict.fromkeys(col for c in main for col in c.new))
            return f"edit of {_possessive(name)} {_fields(first.table, columns)}"
        if "insert" in ops and "delete" not in ops:
            return f"addition of {name}"
        if "delete" in ops and "insert" not in ops:
            return f"deletion of {name}"
        return f"change of {name}"
    tables = list(dict.fromkeys(c.table for c in main))
    nouns = ", ".join(TABLE_NOUNS.get(t, t) + "s" for t in tables[:3])
    return f"changes to {len(records):,} records ({nouns}{', …' if len(tables) > 3 else ''})"


def _group(db: Database, group_id: int) -> tuple[str, int | None] | None:
    row = db.execute("SELECT description, undoes FROM change_groups WHERE id = ?", [group_id]).fetchone()
    return None if row is None else (str(row[0]), None if row[1] is None else int(row[1]))


def change_name(db: Database, group_id: int) -> str:
    """What a change is called. An undo's redo is named after the change it brings back."""
    seen: set[int] = set()
    while group_id not in seen:
        seen.add(group_id)
        found = _group(db, group_id)
        if found is None:
            return f"change #{group_id}"
        description, undoes = found
        if undoes is None:
            return description or name_changes(db, group_changes(db, group_id))
        inner = _group(db, undoes)
        if inner is None or inner[1] is None:  # an undo: named for what it undid
            return f"undo of {change_name(db, undoes)}"
        group_id = inner[1]  # a redo: the undo of an undo, named for the change it brings back
    return f"change #{group_id}"


# --- a record's History ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldChange:
    """One line of a record's History: when, who, which field, old and new values."""

    group_id: int | None
    at: str
    user: str
    field: str
    old: object
    new: object
    what: str  # 'changed', 'added', 'deleted', or 'recorded' (a value written with the record: an override)


def _groups_info(db: Database, ids: set[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {int(r[0]): (str(r[1]), str(r[2])) for r in db.execute(
        f"SELECT id, at, user_name FROM change_groups WHERE id IN ({marks})", list(ids))}


def record_history(db: Database, table: str, row_id: int) -> list[FieldChange]:
    """Every recorded change of one record, newest first: a line per field changed."""
    changes = row_history(db, table, row_id)
    info = _groups_info(db, {c.group_id for c in changes if c.group_id is not None})
    lines: list[FieldChange] = []
    for c in changes:
        at, user = info.get(c.group_id or -1, ("", ""))
        if c.op == "update":
            for column in c.new:
                if column not in HIDDEN_COLUMNS:
                    lines.append(FieldChange(c.group_id, at, user, field_label(table, column),
                                             c.old.get(column), c.new.get(column), "changed"))
        elif c.op == "insert":
            # newest first once reversed: the addition, then what was recorded with it
            lines.extend(FieldChange(c.group_id, at, user, field_label(table, column), None, c.new[column],
                                     "recorded")
                         for column in reversed(SHOWN_ON_ADDITION) if c.new.get(column))
            lines.append(FieldChange(c.group_id, at, user, "(the record)", None, None, "added"))
        else:
            lines.append(FieldChange(c.group_id, at, user, "(the record)", None, None, "deleted"))
    lines.reverse()
    return lines


# --- the database log ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LogEntry:
    """One change of the database log."""

    group_id: int
    at: str
    user: str
    name: str
    records: int
    undone: bool


def log_users(db: Database) -> list[str]:
    """The workstation users who changed something, for the log's filter."""
    return [str(r[0]) for r in db.execute("SELECT DISTINCT user_name FROM change_groups ORDER BY user_name")]


def database_log(db: Database, *, since: dt.date | None = None, until: dt.date | None = None,
                 user: str = "", record: tuple[str, int] | None = None, text: str = "",
                 limit: int = 5_000) -> list[LogEntry]:
    """The changes, newest first, filtered by date (inclusive), user, record (table, id) and words of their names."""
    where: list[str] = ["1"]
    params: list[object] = []
    if since is not None:
        where.append("g.at >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("g.at < ?")
        params.append((until + dt.timedelta(days=1)).isoformat())
    if user:
        where.append("g.user_name = ?")
        params.append(user)
    if record is not None:
        where.append("g.id IN (SELECT group_id FROM row_changes WHERE table_name = ? AND row_id = ?)")
        params += [record[0], record[1]]
    rows = db.execute(
        f"SELECT g.id, g.at, g.user_name, g.undone_by IS NOT NULL, "
        f"(SELECT count(*) FROM row_changes r WHERE r.group_id = g.id) FROM change_groups g "
        f"WHERE {' AND '.join(where)} ORDER BY g.id DESC LIMIT ?", [*params, limit]).fetchall()
    entries = [LogEntry(int(r[0]), str(r[1]), str(r[2]), change_name(db, int(r[0])), int(r[4]), bool(r[3]))
               for r in rows]
    if text:
        folded = text.casefold()
        entries = [e for e in entries if folded in e.name.casefold()]
    return entries


def session_changes_after(db: Database, after: int) -> list[int]:
    """This session's own changes (not undos or redos) with an id above after, oldest first."""
    return [int(r[0]) for r in db.execute(
        "SELECT id FROM change_groups WHERE session = ? AND id > ? AND undoes IS NULL ORDER BY id",
        [SESSION, after])]


# --- undo and redo ------------------------------------------------------------------------------------------

def undo(db: Database, group_id: int) -> int:
    """Undo one change (or redo one, by undoing its undo) as a new change; its id.

    Raises changes.StaleChangeError, changing nothing, when a record it touched was changed since.
    """
    from imet_desktop.store.db import current_user, now_text, write

    name = change_name(db, group_id)
    with write(db):  # a locked database becomes the store's message
        return undo_group(db, group_id, now=now_text(), user=current_user(), name=name)
