import datetime as dt
import json

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store import students as st
from imet_desktop.store.errors import RecordNotFoundError, ValidationError

NAMES = [
    Student("NGUYỄN", "Văn Đức", native_name="Nguyễn Văn Đức", country_code="VN", wcn="VN1234567"),
    Student("GYŐZŐ", "Ödön", country_code="HU", passport_number="HU7654321"),
    Student("O'BRIEN", "Seán", country_code="IE", ito_number="ITO-IE-0042"),
    Student("AL-SABAH", "Fahad", native_name="فهد الصباح", country_code="KW"),
    Student("PETROV", "Ivan", native_name="Иван Петров", country_code="UA"),
    Student("KIM", "Min-jun", native_name="김민준", country_code="KR"),
    Student("SUKARNO", country_code="ID"),
    Student("YILDIZ", "Çağlar", native_name="Çağlar Yıldız", country_code="TR"),
    Student("PAPADOPOULOS", "Nikos", native_name="Νίκος Παπαδόπουλος", country_code="GR"),
]


@pytest.fixture
def roster(db: Database) -> dict[str, int]:
    return {s.legal_family_name: st.add_student(db, s) for s in NAMES}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("nguyen", "NGUYỄN"), ("gyozo", "GYŐZŐ"), ("odon", "GYŐZŐ"), ("o'brien", "O'BRIEN"),
     ("al-sabah", "AL-SABAH"), ("Иван", "PETROV"), ("فهد", "AL-SABAH"), ("김", "KIM"),
     ("VN1234567", "NGUYỄN"), ("HU7654321", "GYŐZŐ"), ("ITO-IE-0042", "O'BRIEN"), ("suk", "SUKARNO"),
     ("duc", "NGUYỄN"), ("yildiz", "YILDIZ"), ("yıldız", "YILDIZ"), ("caglar", "YILDIZ"),
     ("ΠΑΠΑΔΟΠΟΥΛΟΣ", "PAPADOPOULOS"),
     ("νικος", "PAPADOPOULOS")],
)
def test_a_clerk_finds_a_student_by_typing_part_of_a_name(
    db: Database, roster: dict[str, int], typed: str, expected: str
) -> None:
    assert list(st.student_ids(db, search=typed)) == [roster[expected]]


@pytest.mark.parametrize("hostile", ['"', "*", "AND", "NEAR(", "'; DROP TABLE students; --", "^", "()"])
def test_search_text_never_breaks_the_query(db: Database, roster: dict[str, int], hostile: str) -> None:
    st.student_ids(db, search=hostile)


def test_sorting_happens_in_sql_in_both_directions(db: Database, roster: dict[str, int]) -> None:
    ids = list(st.student_ids(db, sort="legal_name"))
    rows = st.roster_rows(db, ids)
    assert [r.legal_family_name for r in rows] == sorted((s.legal_family_name for s in NAMES), key=str.casefold)
    assert list(st.student_ids(db, sort="legal_name", descending=True)) == ids[::-1]
    with pytest.raises(ValueError):
        st.student_ids(db, sort="1; DROP TABLE students")


def test_roster_rows_come_back_in_the_order_asked(db: Database, roster: dict[str, int]) -> None:
    wanted = [roster["KIM"], roster["NGUYỄN"], 999_999]
    rows = st.roster_rows(db, wanted)
    assert [r.id for r in rows] == wanted[:2]
    assert rows[1].country_name == "Vietnam"
    assert rows[1].legal_name == "NGUYỄN, Văn Đức"


def test_a_student_reads_back_exactly_as_typed(db: Database, roster: dict[str, int]) -> None:
    saved = st.get_student(db, roster["NGUYỄN"])
    assert (saved.legal_family_name, saved.legal_given_names, saved.native_name) == (
        "NGUYỄN", "Văn Đức", "Nguyễn Văn Đức")


def test_an_invalid_student_is_not_saved(db: Database) -> None:
    with pytest.raises(ValidationError, match="ECL score"):
        st.add_student(db, Student("ALI", ecl_score=150))
    assert st.count_students(db) == 0


def test_an_edit_is_audited_with_old_and_new_values(db: Database, roster: dict[str, int]) -> None:
    student = st.get_student(db, roster["KIM"])
    student.ecl_score = 85
    st.update_student(db, student)
    entry = db.execute("SELECT action, details FROM audit_log WHERE table_name='students' AND row_id=? "
                       "ORDER BY id DESC LIMIT 1", [student.id]).fetchone()
    assert entry[0] == "update"
    assert json.loads(entry[1]) == {"ecl_score": [None, 85]}


def test_status_changes_keep_their_history(db: Database, roster: dict[str, int]) -> None:
    sid = roster["PETROV"]
    today = dt.date.today()
    st.change_status(db, sid, "Arrived", today + dt.timedelta(days=3), "arrived MGM")
    st.change_status(db, sid, "In training", today + dt.timedelta(days=8))
    history = st.status_history(db, sid)
    assert [h.status for h in history] == ["Projected", "Arrived", "In training"]
    assert history[1].note == "arrived MGM"
    assert st.get_student(db, sid).status == "In training"


def test_archived_students_leave_the_roster_and_can_come_back(db: Database, roster: dict[str, int]) -> None:
    sid = roster["SUKARNO"]
    st.archive_students(db, [sid])
    assert sid not in st.student_ids(db)
    assert sid in st.student_ids(db, include_archived=True)
    assert st.count_students(db) == len(NAMES) - 1
    st.restore_students(db, [sid])
    assert sid in st.student_ids(db)


def test_a_missing_student_is_named(db: Database) -> None:
    with pytest.raises(RecordNotFoundError, match="id 42"):
        st.get_student(db, 42)
