"""The roster's default order (legal name) read a page at a time: the same ids as one query, from one snapshot."""

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store import roster as rs
from imet_desktop.store import roster_order as ro
from imet_desktop.store import students as st
from imet_desktop.store.db import connect

# Family names equal but for their case, given names equal but for their case, and the very same name twice:
# the pages must break these ties as the one query does (NOCASE, then the id).
TIES = [Student("SMITH", "Ann"), Student("smith", "ann"), Student("Smith", "Bob"), Student("SMITH", "Ann"),
        Student("JONES", "Carl"), Student("Jones", ""), Student("ÅBERG", "Eva"), Student("adams", "Zed"),
        Student("SMITH", "ann"), Student("ZULU", "Ann"), Student("smith", "Ann")]


@pytest.fixture
def ties(db: Database) -> list[int]:
    ids = [st.add_student(db, s) for s in TIES]
    st.archive_students(db, [ids[2], ids[5]])  # archived students are not in the roster's order
    return ids


def _one_query(db: Database, descending: bool) -> list[int]:
    (sql, params), = rs._roster_order_queries(db, "legal_name", descending)
    return list(rs._ids(db, sql, params))


@pytest.mark.parametrize("page", [1, 2, 3, 4, 100])
@pytest.mark.parametrize("descending", [False, True])
def test_the_order_read_in_pages_is_the_one_query_order(db: Database, ties: list[int], page: int,
                                                        descending: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _one_query(db, descending)
    assert len(expected) == len(TIES) - 2
    monkeypatch.setattr(ro, "PAGE", page)
    assert list(ro.legal_name_order(db, descending)) == expected
    assert list(rs.student_ids(db, descending=descending)) == expected  # the roster's whole order reads it so


def test_an_empty_roster_reads_no_id(db: Database) -> None:
    assert list(ro.legal_name_order(db, False)) == []


def test_the_pages_are_of_one_snapshot(db: Database, db_path: Path, ties: list[int],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A student added by another connection between two pages is in none of them (it would be in a later page)."""
    before = _one_query(db, False)
    monkeypatch.setattr(ro, "PAGE", 2)
    other = connect(db_path)
    read, added = ro._read, []

    def read_then_add(database: Database, sql: str, params: list[object]) -> list[int]:
        if not added:
            added.append(st.add_student(other, Student("ZZZ", "Late")))
        return read(database, sql, params)

    monkeypatch.setattr(ro, "_read", read_then_add)
    try:
        assert list(ro.legal_name_order(db, False)) == before
    finally:
        other.close()
    assert not db.conn.in_transaction  # its read transaction ended
    after = _one_query(db, False)
    assert added[0] in after and list(ro.legal_name_order(db, False)) == after


def test_a_transaction_already_open_is_left_open(db: Database, ties: list[int]) -> None:
    db.execute("BEGIN")
    db.execute("UPDATE students SET legal_given_names = 'Aaron' WHERE id = ?", [ties[9]])
    ro.legal_name_order(db, False)
    assert db.conn.in_transaction
    db.execute("ROLLBACK")
    assert db.execute("SELECT legal_given_names FROM students WHERE id = ?", [ties[9]]).fetchone()[0] == "Ann"


def test_a_read_stopped_between_pages_leaves_no_transaction_open(db: Database, ties: list[int],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped as the reader stops a request: a progress handler that stops every statement from then on."""
    monkeypatch.setattr(ro, "PAGE", 2)
    read, stop = ro._read, [False]

    def then_stop(database: Database, sql: str, params: list[object]) -> list[int]:
        page = read(database, sql, params)
        stop[0] = True  # the next page is stopped
        return page

    monkeypatch.setattr(ro, "_read", then_stop)
    db.conn.set_progress_handler(lambda: stop[0], 1)
    try:
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            ro.legal_name_order(db, False)
    finally:
        db.conn.set_progress_handler(None, 0)
    assert not db.conn.in_transaction
