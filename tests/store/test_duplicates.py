"""Possible duplicates: the same legal name and birth date, passport number or WCN; saved only with a reason."""

import datetime as dt
import json
import unicodedata

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store import duplicates
from imet_desktop.store import students as st
from imet_desktop.store.errors import ValidationError


def test_possible_duplicates_by_name_and_birth_passport_or_wcn(db: Database) -> None:
    first = st.add_student(db, Student("NGUYỄN", "Văn Đức", date_of_birth=dt.date(1988, 6, 5),
                                       passport_number="C1234567", wcn="VN0001"))
    nfd = unicodedata.normalize("NFD", "nguyễn")
    same_person = Student(nfd, "văn đức", date_of_birth=dt.date(1988, 6, 5))
    assert [(d.id, d.reasons) for d in duplicates.possible_duplicates(db, same_person)] == [
        (first, ("same legal name and date of birth",))]
    other_day = Student("NGUYỄN", "Văn Đức", date_of_birth=dt.date(1988, 6, 6))
    assert duplicates.possible_duplicates(db, other_day) == []
    both = Student("TRAN", "Anh", passport_number="C1234567", wcn="VN0001")
    assert duplicates.possible_duplicates(db, both)[0].reasons == ("same passport number", "same WCN")
    itself = st.get_student(db, first)
    assert duplicates.possible_duplicates(db, itself) == []  # editing a record is not a duplicate of itself


def test_a_duplicate_is_added_only_with_a_reason_which_is_audited_and_noted(db: Database) -> None:
    first = st.add_student(db, Student("OKAFOR", "Ngozi", wcn="NG0001", notes="Prefers Ngozi"))
    twin = Student("OKAFOR", "Ngozi", wcn="NG0001", notes="Prefers Ngozi")
    found = duplicates.possible_duplicates(db, twin)
    with pytest.raises(ValidationError, match="only with a reason"):
        st.add_student(db, twin, duplicates=found)
    second = st.add_student(db, twin, duplicates=found, duplicate_reason="SCO re-issued the WCN")
    details = json.loads(db.execute("SELECT details FROM audit_log WHERE row_id = ? AND action = 'insert' "
                                    "AND table_name = 'students'", [second]).fetchone()[0])
    assert details == {"legal_name": "OKAFOR, Ngozi", "possible_duplicates": [first],
                       "reason": "SCO re-issued the WCN"}
    notes = st.get_student(db, second).notes
    assert notes.startswith("Prefers Ngozi\n") and notes.endswith("Reason: SCO re-issued the WCN")
    assert f"#{first} OKAFOR, Ngozi (same WCN)" in notes


def test_the_keys_of_a_files_earlier_rows_are_kept_out_of_memory_and_found_again() -> None:
    from imet_desktop.store.duplicates import FileKeys

    keys = FileKeys()
    try:
        keys.remember("passport", [("M1", 2, "KIM", "Min-jun"), ("M2", 3, "LEE", "")])
        keys.remember("passport", [("M1", 9, "PARK", "")])  # the first row that held it stays
        assert keys.earlier("passport", ["M1", "M3"]) == {"M1": (2, "KIM", "Min-jun")}
        assert keys.earlier("wcn", ["M1"]) == {}
    finally:
        keys.close()


def test_the_rows_that_passed_are_kept_out_of_memory_and_given_back_in_file_order_in_chunks_of_the_size_asked() -> None:
    from imet_desktop.store.duplicates import FileKeys

    keys = FileKeys()
    try:
        assert list(keys.kept_rows()) == []
        rows = [(n, ("KIM", f"Min-jun {n}", None, 7, "")) for n in range(2, 12)]
        keys.keep_rows(rows[:3])
        keys.keep_rows([])
        keys.keep_rows(rows[3:])
        assert keys.kept == 10
        assert list(keys.kept_rows(4)) == [rows[:4], rows[4:8], rows[8:]]
        first, second = keys.kept_rows(3), keys.kept_rows(5)  # two readings at once do not disturb each other
        assert [next(first), next(second), next(first), next(second)] == [rows[:3], rows[:5], rows[3:6], rows[5:]]
    finally:
        keys.close()
