"""The whole roster's order by legal name (the roster's default sort), read a page at a time.

Read in one query, the 600,000 ids of the demo were one JSON text of 3.9 MB: SQLite's buffer for it (grown by
doubling), then Python's copy of it, then the array of ids, all at once; the process's peak memory rose by ~12 MiB
while the roster opened, and most of it stayed with the C allocator after. Read in pages of PAGE ids, each page
starting after the last id of the one before in the index of legal names (a seek, not an OFFSET: no page reads the
ones before it), the texts are ~100 kB each and the array is made at its full size once. Every page is read in one
read transaction: the pages are of the same snapshot, as the one query's rows were.
"""

from __future__ import annotations

import json
import sqlite3
from array import array

from sqlite_utils import Database

from imet_desktop.store.ids import NARROW, extended, placed

PAGE = 16_384  # ids a page (a JSON text of ~110 kB)

_NAME_KEY = "s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE, s.id"


def _page_sql(descending: bool, start: str) -> str:
    direction, after = (" DESC", "<") if descending else ("", ">")
    order = ", ".join(f"{term}{direction}" for term in _NAME_KEY.split(", "))
    where = {"first": "",
             # the rest of the family name the page before ended in: the index seeks to the name, then its rows are
             # compared with the last one read (the given names and the id break ties)
             "rest": f" AND s.legal_family_name COLLATE NOCASE = ? AND "
                     f"(s.legal_given_names COLLATE NOCASE, s.id) {after} (?, ?)",
             # the names after it: a seek, and no row compared (a comparison on every row cost ~20% more time)
             "next": f" AND s.legal_family_name COLLATE NOCASE {after} ?"}[start]
    return (f"SELECT json_group_array(id) FROM (SELECT s.id FROM students s WHERE s.archived_at IS NULL{where} "
            f"ORDER BY {order} LIMIT ?)")


def _read(db: Database, sql: str, params: list[object]) -> list[int]:
    text = db.execute(sql, params).fetchone()[0]
    ids: list[int] = json.loads(text) if text else []
    return ids


def legal_name_order(db: Database, descending: bool) -> array[int]:
    """Every student not archived, ordered by legal name (ties: the id), as the roster's one query orders them."""
    own_transaction = not db.conn.in_transaction
    if own_transaction:
        db.execute("BEGIN")
    try:
        expected = int(db.execute("SELECT (SELECT count(*) FROM students) - "
                                  "(SELECT count(*) FROM students WHERE archived_at IS NOT NULL)").fetchone()[0])
        ids: array[int] = array(NARROW, [0]) * expected  # the array at its size at once: never grown (and copied)
        filled = 0
        last: tuple[str, str, int] | None = None  # the last student read: family name, given names, id
        while True:
            if last is None:
                page = _read(db, _page_sql(descending, "first"), [PAGE])
            else:
                page = _read(db, _page_sql(descending, "rest"), [*last, PAGE])
                if len(page) < PAGE:
                    page += _read(db, _page_sql(descending, "next"), [last[0], PAGE - len(page)])
            if not page:
                break
            if filled + len(page) <= len(ids):
                ids = placed(ids, filled, page)
            else:  # not expected: the count is of the same snapshot
                del ids[filled:]
                ids = extended(ids, page)
            filled += len(page)
            if len(page) < PAGE:
                break
            family, given = db.execute("SELECT legal_family_name, legal_given_names FROM students WHERE id = ?",
                                       [page[-1]]).fetchone()
            last = (family, given, page[-1])
        del ids[filled:]
        return ids
    finally:
        if own_transaction and db.conn.in_transaction:
            # Never left open, even when a page was stopped (the reader's cancel): the connection would read this
            # snapshot ever after. A progress handler that stopped the page stops the COMMIT too: it goes first.
            try:
                db.execute("COMMIT")
            except sqlite3.Error:
                db.conn.set_progress_handler(None, 0)
                db.execute("COMMIT")
