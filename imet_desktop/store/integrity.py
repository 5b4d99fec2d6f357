"""Is a database file whole? SQLite's quick_check (every open) and integrity_check (backups, `check`)."""

from __future__ import annotations

import sqlite3

MAX_PROBLEMS = 20


def problems(conn: sqlite3.Connection, *, full: bool) -> list[str]:
    """What SQLite finds wrong with the open database (empty: healthy).

    full runs integrity_check (every index against its table) and foreign_key_check: seconds on a
    large file; otherwise quick_check (pages and records, no index cross-check: a fraction of that). A file too damaged
    to be checked at all is reported as one problem, not raised.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as e:
        return [f"SQLite cannot check it: {e}"]
    found = [str(row[0]) for row in rows]
    if found == ["ok"]:
        found = []
    if not full:
        return found
    try:
        violations = conn.execute("PRAGMA foreign_key_check").fetchmany(MAX_PROBLEMS)
    except sqlite3.DatabaseError as e:
        return [*found, f"SQLite cannot check its references: {e}"]
    found += [f"a row of {table} (rowid {rowid}) refers to a missing row of {parent}"
              for table, rowid, parent, _fk in violations]
    return found
