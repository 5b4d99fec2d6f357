"""The whole roster's rows for an export, read in one query: the same students, order and text as by id."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.exchange.student_export import export_fields
from imet_desktop.store.export_rows import whole_roster_texts
from imet_desktop.store.roster import student_ids
from imet_desktop.store.students import add_student, archive_students, student_texts

NAMES = [("smith", "anna"), ("Smith", "Anna"), ("SMITH", "ANNA"), ("Ångström", "Eva"), ("angstrom", "eva"),
         ("O'Brien", "Seán"), ("Zhang", "Wei"), ("zhang", "wei"), ("Abdel Aziz", "Ahmed"), ("Abdel-Aziz", "Ahmed")]


@pytest.fixture
def ids(db: Database) -> list[int]:
    made = []
    for n, (family, given) in enumerate(NAMES * 2):
        made.append(add_student(db, Student(
            legal_family_name=family, legal_given_names=given, phone="+1 334" if n % 3 else "",
            ecl_score=n if n % 2 else None, date_of_birth=dt.date(1980, 1, 1 + n),
            arrival_date=dt.date(2026, 5, 1) if n % 2 else None)))
    archive_students(db, made[3:5])
    return made


@pytest.mark.parametrize("chunk", [1, 3, 2_000])
@pytest.mark.parametrize("include_personal", [False, True])
def test_the_whole_roster_is_read_in_the_rosters_order_with_the_same_text_as_by_id(
        db: Database, ids: list[int], chunk: int, include_personal: bool) -> None:
    names = export_fields(include_personal=include_personal)
    chunks = list(whole_roster_texts(db, names, chunk=chunk))
    rows = [row for c in chunks for row in c]
    ordered = list(student_ids(db))
    assert [int(r[0]) for r in rows] == ordered and len(ordered) == len(ids) - 2
    assert rows == student_texts(db, ordered, names)
    assert all(0 < len(c) <= chunk for c in chunks)


def test_an_unknown_field_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="not student fields: nope"):
        list(whole_roster_texts(db, ["legal_family_name", "nope"]))


def test_only_columns_declared_text_not_null_are_read_as_stored(db: Database) -> None:
    from imet_desktop.store.export_rows import _text_columns

    as_stored = _text_columns(db)
    assert {"legal_family_name", "phone", "notes"} <= as_stored
    # a number, and columns that may be NULL, are still made text by SQLite
    assert not as_stored & {"ecl_score", "arrival_date", "date_of_birth", "country_code"}


def test_a_number_and_an_empty_value_are_text_in_the_rows(db: Database, ids: list[int]) -> None:
    rows = [row for c in whole_roster_texts(db, ["ecl_score", "arrival_date", "phone"]) for row in c]
    assert all(isinstance(v, str) for row in rows for v in row)
    assert {r[1] for r in rows} >= {"", "1"} and {r[2] for r in rows} == {"", "2026-05-01"}


def test_the_memory_map_is_used_while_reading_and_set_back_after(db: Database, ids: list[int]) -> None:
    from imet_desktop.store.export_rows import EXPORT_MMAP_BYTES

    before = db.execute("PRAGMA mmap_size").fetchone()[0]
    chunks = whole_roster_texts(db, ["legal_family_name"], chunk=1)
    next(chunks)
    assert db.execute("PRAGMA mmap_size").fetchone()[0] in (EXPORT_MMAP_BYTES, 0)  # 0: SQLite built without it
    list(chunks)
    assert db.execute("PRAGMA mmap_size").fetchone()[0] == before
    chunks = whole_roster_texts(db, ["legal_family_name"], chunk=1)
    next(chunks)
    chunks.close()  # the export stopped half way (the clerk's cancel, an error)
    assert db.execute("PRAGMA mmap_size").fetchone()[0] == before
