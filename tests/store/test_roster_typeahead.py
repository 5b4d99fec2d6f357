"""The clerk types a few letters: the first screen found by checking students in roster order (their names remembered)
is the same, row for row, as the one the full-text index gives (hypothesis: names in many scripts, accents,
apostrophes, letters, several words)."""

from __future__ import annotations

import sqlite3
import tempfile
import tracemalloc
from array import array
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from sqlite_utils import Database

from imet_desktop.domain.names import search_fold
from imet_desktop.domain.records import Student
from imet_desktop.store import roster as rs
from imet_desktop.store import students as st
from imet_desktop.store.db import open_database
from imet_desktop.store.search import Marks, Places, fts_query, query_tokens
from tests.store.conftest import NAMES

# Letters from the scripts and marks clerks meet, and the punctuation that sits inside names.
LETTERS = "abcmnrsz" + "ÁáéÉøØßłŁİıçÇőŐüÜñ\u212a" + "иванПЕТРОВ" + "νίκοςΣς" + "فهد" + "김민준" + "e\u0301a\u0308"
NAME = hs.text(alphabet=LETTERS + " '-_.", min_size=0, max_size=14)
PREFIX = hs.text(alphabet=LETTERS + " '", min_size=1, max_size=5).filter(
    lambda s: bool(query_tokens(fts_query(search_fold(s)))))  # a few letters, perhaps words, as the clerk types them


def _students(rows: list[tuple[str, str, str, str]]) -> list[Student]:
    return [Student(family if family.strip() else "X", given, display_name=display, native_name=native)
            for family, given, display, native in rows]


def _first_screens(db: Database, search: str, sort: str, count: int) -> None:
    every = rs.student_ids(db, sort=sort)  # the whole roster's order, remembered
    assert len(every) > 0
    checked = rs._checked_first(db, search, sort, False, count, at_most=1_000_000)
    expected = list(rs.student_ids(db, sort=sort, search=search)[:count])
    # The exact-number searches (a WCN someone has) are left to the index; names are always checked.
    assert checked is not None
    assert list(checked) == expected, (search, sort)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=hs.lists(hs.tuples(NAME, NAME, NAME, NAME), min_size=1, max_size=30), search=PREFIX,
       sort=hs.sampled_from(["legal_name", "display_name", "native_name", "status", "id"]),
       count=hs.sampled_from([1, 3, 256]))
def test_the_checked_first_screen_is_the_index_s_first_screen(rows: list[tuple[str, str, str, str]], search: str,
                                                              sort: str, count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "office.db")
        try:
            for student in [*NAMES, *_students(rows)]:
                st.add_student(db, student)
            _first_screens(db, search, sort, count)
        finally:
            db.close()


@pytest.mark.parametrize("search", ["n", "N", "Ö", "o", "'o", "и", "Ν", "ν", "김", "ç", "c", "ł", "ş", "s", "é",
                                    "ng", "n k", "ngu", "İs", "i̇", "o'b", "per", "kim min"])
def test_the_names_in_many_scripts_are_found_the_same_way(db: Database, search: str) -> None:
    for student in NAMES:
        st.add_student(db, student)
    _first_screens(db, search, "legal_name", 256)
    _first_screens(db, search, "country", 2)


def test_the_names_checked_are_remembered_until_the_database_changes(db: Database) -> None:
    for student in NAMES:
        st.add_student(db, student)
    rs.student_ids(db)
    assert list(rs._checked_first(db, "ng", "legal_name", False, 256) or []) == list(rs.student_ids(db, search="ng"))
    head = rs._cache(db).head
    assert head is not None and head.rows == len(rs.student_ids(db))
    assert rs._checked_first(db, "n k", "legal_name", False, 256) is not None
    assert rs._cache(db).head is head  # the same text searched again
    student_id = st.add_student(db, Student("NGOZI", "Ada"))
    rs.student_ids(db)
    assert rs._cache(db).head is not head  # a change: read again
    assert student_id in (rs._checked_first(db, "ngo", "legal_name", False, 256) or [])


def test_a_name_holding_a_separator_leaves_the_search_to_the_index(db: Database) -> None:
    for student in [*NAMES, Student("ODD\x1fNAME", "Ng")]:
        st.add_student(db, student)
    rs.student_ids(db)
    assert rs._checked_first(db, "ng", "legal_name", False, 256) is None
    assert list(rs.first_student_ids(db, search="ng")) == list(rs.student_ids(db, search="ng"))


def test_a_search_someone_s_number_equals_is_left_to_the_index(db: Database) -> None:
    for student in NAMES:
        st.add_student(db, student)
    rs.student_ids(db)
    assert rs._checked_first(db, "VN1234567", "legal_name", False, 256) is None
    assert list(rs.first_student_ids(db, search="VN1234567")) == list(rs.student_ids(db, search="VN1234567"))


def test_a_student_whose_name_is_a_number_of_theirs_is_on_the_first_screen_once(db: Database) -> None:
    for student in NAMES:
        st.add_student(db, student)
    odd = st.add_student(db, Student("X4471", "Ann", passport_number="X4471"))  # the index lists them twice
    rs.student_ids(db)
    rs.read_ahead(db)  # each student's place known: the first screen is picked by them
    assert rs._checked_first(db, "X4471", "legal_name", False, 256) is None
    assert list(rs.first_student_ids(db, search="X4471")) == list(rs.student_ids(db, search="X4471")) == [odd]


def test_without_the_roster_s_order_or_with_sparse_matches_the_index_answers(db: Database) -> None:
    for student in NAMES:
        st.add_student(db, student)
    assert rs._checked_first(db, "p", "legal_name", False, 256) is None  # the order is not known yet
    rs.student_ids(db)
    assert rs._checked_first(db, "p", "legal_name", False, 256, at_most=0) is None
    assert rs._checked_first(db, "z", "legal_name", False, 1, at_most=3) is None  # none in the rows checked


def test_matches_that_cluster_after_a_sparse_start_are_still_checked(db: Database,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # The order's first chunk holds one match in four rows, the next is all matches: the screen of five fills within
    # the 8 rows checked at most, though the first chunk alone projected it at row 20 (2.5 times 8). "mar" on the
    # 600,000-student demo: 17 matches in the first 7,168 rows, its 64th at row 8,915, left to the index before.
    monkeypatch.setattr(rs, "CHUNK", 4)
    given = ["Zed", "Bob", "Bob", "Bob", "Zed", "Zed", "Zed", "Zed", "Bob"]
    for n, name in enumerate(given):
        st.add_student(db, Student(f"A{n}", name))
    every = rs.student_ids(db)
    checked = rs._checked_first(db, "zed", "legal_name", False, 5, at_most=8)
    assert checked is not None
    assert list(checked) == list(rs.student_ids(db, search="zed")) == [every[i] for i in (0, 4, 5, 6, 7)]


def test_the_names_read_ahead_are_the_ones_the_first_search_checks(db: Database,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rs, "CHUNK", 2)
    for student in NAMES:
        st.add_student(db, student)
    assert rs.read_ahead(db) == 0  # the roster's order is not known yet: nothing to read ahead
    every = rs.student_ids(db)
    assert rs.read_ahead(db, rows=5) == 5  # a chunk (here 2 students) at a time, up to the first 5
    head = rs._cache(db).head
    assert head is not None and head.rows == 5 and [len(s) for s in head.starts] == [2, 2, 1]
    assert rs.read_ahead(db, rows=5) == 5 and len(head.starts) == 3  # read once
    assert rs.read_ahead(db, sort="status") == 0  # another order: not the one known
    assert rs.read_ahead(db) == len(every) == len(NAMES) == head.rows

    def no_more_reading(*args: object) -> None:
        raise AssertionError("the search read names that were read ahead")

    monkeypatch.setattr(type(head), "extend", no_more_reading)
    for search in ("p", "ng", "kim min"):
        assert list(rs._checked_first(db, search, "legal_name", False, 256) or []) \
            == list(rs.student_ids(db, search=search))


def test_a_chunk_stopped_while_read_ahead_is_not_remembered_and_the_next_reading_goes_on(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rs, "CHUNK", 2)
    for student in NAMES:
        st.add_student(db, student)
    rs.student_ids(db)
    stop, read_on = [False], rs._read_on

    def then_stopped(*args: Any) -> None:
        read_on(*args)
        stop[0] = True  # the clerk asks for something else after the first chunk (the reader's progress handler)

    monkeypatch.setattr(rs, "_read_on", then_stopped)
    db.conn.set_progress_handler(lambda: stop[0], 1)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        rs.read_ahead(db, rows=5)
    db.conn.set_progress_handler(None, 0)
    head = rs._cache(db).head
    assert head is not None and head.rows == 2 and len(head.texts) == len(head.starts) == 1  # the first chunk only
    monkeypatch.setattr(rs, "_read_on", read_on)
    assert rs.read_ahead(db, rows=5) == 5 and [len(s) for s in head.starts] == [2, 2, 1]
    assert list(rs._checked_first(db, "p", "legal_name", False, 256, at_most=5) or []) \
        == [i for i in rs.student_ids(db, search="p") if i in set(rs.student_ids(db)[:5])]


def test_ids_too_sparse_for_places_by_id_leave_the_first_screens_to_the_pass_over_the_order(db: Database) -> None:
    for student in NAMES:
        st.add_student(db, student)
    far = st.add_student(db, Student("PAPADAKIS", "Eleni"))
    db.execute("PRAGMA foreign_keys = OFF")  # its history row keeps the old id: not what this test reads
    db.execute("UPDATE students SET id = 5000000 WHERE id = ?", [far])  # as another program might have
    db.execute("PRAGMA foreign_keys = ON")
    rs.student_ids(db)
    assert rs.read_ahead(db) == len(NAMES) + 1 and rs._cache(db).places is None  # 20 MB for a few students: none
    for search in ("p", "papada", "ng", "kim min"):
        assert list(rs.first_student_ids(db, search=search)) == list(rs.student_ids(db, search=search))
    assert 5000000 in rs.student_ids(db, search="papada")


def test_a_search_over_ids_set_very_far_apart_marks_its_matches_in_a_set_not_a_byte_an_id(db: Database) -> None:
    for student in NAMES:
        st.add_student(db, student)
    far = st.add_student(db, Student("PAPADAKIS", "Eleni"))
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("UPDATE students SET id = 3000000000 WHERE id = ?", [far])  # a byte an id: 3 GB for one search
    db.execute("PRAGMA foreign_keys = ON")
    rs.student_ids(db)
    rs.read_ahead(db)
    tracemalloc.start()
    try:
        for search in ("p", "papada", "ng", "kim min"):
            first, every = rs.first_student_ids(db, search=search), rs.student_ids(db, search=search)
            assert list(first) == list(every) and list(every) == [i for i in rs.student_ids(db)
                                                                  if i in set(rs._matched(db, *_candidates(search))[0])]
        assert tracemalloc.get_traced_memory()[1] < 2**20  # a few students: a few kB, not gigabytes
    finally:
        tracemalloc.stop()
    assert 3000000000 in rs.student_ids(db, search="papada")


def _candidates(search: str) -> tuple[str, list[object]]:
    scope, parts = rs._query("legal_name", search, rs.NO_FILTER, False, False)
    return rs._candidates(scope, parts)


@settings(max_examples=200, deadline=None)
@given(hs.permutations(range(1, 60)), hs.lists(hs.integers(1, 59)), hs.booleans())
def test_marks_keep_the_marked_ids_in_order_by_bytes_or_by_a_set(order: list[int], ids: list[int],
                                                                  sparse: bool) -> None:
    # students=0 with last beyond a million: not dense, so a set; else a byte an id
    last = 2_000_000 if sparse else 59
    marks = Marks(array("q", ids), last, 0 if sparse else 59)
    assert list(marks.kept(array("q", order))) == [i for i in order if i in set(ids)]


def test_the_names_read_ahead_are_forgotten_when_the_database_changes(db: Database) -> None:
    for student in NAMES:
        st.add_student(db, student)
    rs.student_ids(db)
    assert rs.read_ahead(db) == len(NAMES)  # every student's name
    st.add_student(db, Student("PAPADAKIS", "Eleni"))
    assert rs.read_ahead(db) == 0 and rs._cache(db).head is None  # the new order not read yet
    rs.student_ids(db)
    rs.read_ahead(db)
    assert rs._checked_first(db, "papada", "legal_name", False, 256) == rs.student_ids(db, search="papada")


@settings(max_examples=200, deadline=None)
@given(hs.permutations(range(1, 60)), hs.integers(0, 59), hs.lists(hs.integers(1, 90)), hs.integers(0, 12),
       hs.integers(1, 7))
def test_each_place_picks_the_first_of_any_ids_in_the_order(every: list[int], kept: int, ids: list[int], count: int,
                                                            slice_size: int) -> None:
    # The others (and ids up to 70) are in no place: archived, say; ids beyond 70, none the places know, and ids
    # twice: the index lists a student twice when a name and a number match.
    order = array("q", every[:kept])
    places = Places(("legal_name", False), array("i", [len(order)]) * 71)
    places.fill(order, lambda: places.filled > 0, slice_size)  # the clerk types after the first slice
    places.fill(order, lambda: True, slice_size)  # and at once: no more
    assert places.filled == min(slice_size, len(order))
    places.fill(order, lambda: False, slice_size)  # on from there
    assert places.filled == len(order) and [places.at[i] for i in order] == list(range(len(order)))
    assert list(places.first(ids, count, order)) == [i for i in order if i in set(ids)][:count]
