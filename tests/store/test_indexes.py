"""Every index on students is paid for by every insert, so each one that stays must be read by a screen:
here each is named with the store call a screen makes, and SQLite's EXPLAIN QUERY PLAN of the statements
that call runs must read it. An index no query reads (or a query that stops reading its index) fails here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlite_utils import Database

from imet_desktop.domain.names import name_key
from imet_desktop.ops.demo.generator import fill_demo
from imet_desktop.store import overview, roster, roster_choices
from imet_desktop.store.duplicates import students_matching
from imet_desktop.store.imports import batch_student_ids
from imet_desktop.store.schema import DROPPED_STUDENT_INDEXES


def _figures(db: Database) -> object:
    return overview.overview(db, dt.date(2027, 4, 22))


# index -> (the screen that needs it, the store call it makes)
READERS: dict[str, tuple[str, Callable[[Database], object]]] = {
    "students_family_name": ("the roster in its default order (legal name)", lambda db: roster.student_ids(db)),
    "roster_country": ("the roster sorted by country", lambda db: roster.student_ids(db, sort="country")),
    "roster_status": ("the roster sorted by status", lambda db: roster.student_ids(db, sort="status")),
    "roster_arrival": ("the roster sorted by arrival; the Overview's arrivals",
                       lambda db: roster.student_ids(db, sort="arrival_date")),
    "students_country": ("the roster's country filter offers the countries that have students",
                         lambda db: roster_choices.roster_filter_choices(db)),
    "students_archived": ("the roster's count (all but the archived)", lambda db: roster.count_students(db)),
    "students_name_key": ("the duplicate check of the editor and the import (name and date of birth)",
                          lambda db: students_matching(db, names=[(name_key("KIM", "Min-jun"), "1990-01-15")])),
    "students_passport": ("the duplicate check by passport number", lambda db: students_matching(
        db, passport_numbers=["C1234567"])),
    "students_wcn": ("the duplicate check by WCN", lambda db: students_matching(db, wcns=["KR1000001"])),
    "students_ito": ("the roster's search by ITO number", lambda db: roster.student_ids(db, search="55KR1000001")),
    "students_batch": ("an import's students (its status history, its undo)", lambda db: batch_student_ids(db, 1)),
    "students_departure": ("the Overview's departures and who is in residence", _figures),
    "students_status_country": ("the Overview's alumni by country and residents by status", _figures),
}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """A demo office, its statistics gathered (as the program's tidy-up after a load does)."""
    from imet_desktop.store.db import open_database

    db = open_database(tmp_path_factory.mktemp("indexes") / "office.db", daily_backup=False)
    fill_demo(db, 600)
    db.execute("ANALYZE")
    return db


def _plans(db: Database, call: Callable[[Database], object]) -> str:
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        call(db)
    finally:
        db.conn.set_trace_callback(None)
    plans = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            plans += [str(r[3]) for r in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return "\n".join(plans)


def test_every_index_on_students_is_read_by_a_screen(office: Database) -> None:
    indexes = {str(r[0]) for r in office.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'students' AND sql IS NOT NULL")}
    assert sorted(indexes - set(READERS)) == [], "an index with no reader named here: name its query, or drop it"
    assert sorted(set(READERS) - indexes) == []
    unread = {}
    for index, (screen, call) in READERS.items():
        plans = _plans(office, call)
        if f"INDEX {index} " not in plans + " " and f"INDEX {index}\n" not in plans:
            unread[index] = (screen, plans)
    assert unread == {}


def test_the_dropped_indexes_stay_dropped(office: Database) -> None:
    names = {str(r[0]) for r in office.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert names & set(DROPPED_STUDENT_INDEXES) == set()


@pytest.mark.parametrize("sort", sorted(roster.SORT_COLUMNS))
def test_the_roster_still_sorts_by_every_column(office: Database, sort: str) -> None:
    ids = roster.student_ids(office, sort=sort)
    assert sorted(ids) == sorted(roster.student_ids(office))
    assert list(roster.first_student_ids(office, sort=sort, count=50)) == list(ids[:50])
