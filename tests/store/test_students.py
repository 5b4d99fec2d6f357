"""One student's record: saved exactly as typed, validated, audited, its status history, archive and delete."""

import datetime as dt
import json

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store import photos as photo_store
from imet_desktop.store import roster as rs
from imet_desktop.store import students as st
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.students import NewStatus, PhotoChange
from tests.store.conftest import JPEG, NAMES


def test_a_student_reads_back_exactly_as_typed(db: Database, roster: dict[str, int]) -> None:
    saved = st.get_student(db, roster["NGUYỄN"])
    assert (saved.legal_family_name, saved.legal_given_names, saved.native_name) == (
        "NGUYỄN", "Văn Đức", "Nguyễn Văn Đức")


def test_an_invalid_student_is_not_saved(db: Database) -> None:
    with pytest.raises(ValidationError, match="ECL score"):
        st.add_student(db, Student("ALI", ecl_score=150))
    assert rs.count_students(db) == 0


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
    assert sid not in rs.student_ids(db)
    assert sid in rs.student_ids(db, include_archived=True)
    assert rs.count_students(db) == len(NAMES) - 1
    st.restore_students(db, [sid])
    assert sid in rs.student_ids(db)


def test_a_missing_student_is_named(db: Database) -> None:
    with pytest.raises(RecordNotFoundError, match="id 42"):
        st.get_student(db, 42)


def test_saving_a_record_with_its_status_change_and_photo_is_one_change(db: Database) -> None:
    sid = st.save_student(db, Student("BAKER", "Eve"), status=NewStatus("Arrived", dt.date(2026, 6, 5), "MGM"),
                          photo=PhotoChange(JPEG, JPEG, "image/jpeg"))
    assert st.get_student(db, sid).status == "Arrived"
    assert ("Arrived", dt.date(2026, 6, 5), "MGM") in [(h.status, h.effective_date, h.note)
                                                       for h in st.status_history(db, sid)]
    assert photo_store.get_photo(db, sid) is not None
    student = st.get_student(db, sid)
    student.country_rank = "Major"
    with pytest.raises(photo_store.PhotoError):  # a bad photo type: the rank is not saved either
        st.save_student(db, student, photo=PhotoChange(b"GIF89a", b"GIF89a", "image/gif"))
    assert st.get_student(db, sid).country_rank == ""
    st.save_student(db, student, photo=PhotoChange())
    assert photo_store.get_photo(db, sid) is None and st.get_student(db, sid).country_rank == "Major"


def test_several_students_change_status_at_once(db: Database, office: dict[str, int]) -> None:
    ids = [office["ZULU Ann"], office["ADAMS Bob"]]
    assert st.change_status_many(db, ids, "Withdrawn", dt.date(2026, 2, 1), "recalled") == 2
    for sid in ids:
        assert st.get_student(db, sid).status == "Withdrawn"
        assert ("Withdrawn", dt.date(2026, 2, 1), "recalled") in [(h.status, h.effective_date, h.note)
                                                                  for h in st.status_history(db, sid)]
    with pytest.raises(ValidationError):
        st.change_status_many(db, ids, "Gone fishing", dt.date(2026, 2, 1))


def test_deleting_for_good_only_archived_students_with_everything_about_them(db: Database,
                                                                             office: dict[str, int]) -> None:
    sid = office["ZULU Ann"]
    photo_store.set_photo(db, sid, JPEG, JPEG, "image/jpeg")
    with pytest.raises(st.DeleteRefusedError, match="ZULU, Ann is not archived"):
        st.delete_students(db, [sid])
    st.archive_students(db, [sid])
    assert st.delete_students(db, [sid]) == 1
    assert db.execute("SELECT count(*) FROM students WHERE id = ?", [sid]).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM student_status_history WHERE student_id = ?", [sid]).fetchone()[0] == 0
    assert photo_store.get_photo(db, sid) is None
    assert sid not in rs.student_ids(db, search="zulu", include_archived=True)
    entry = db.execute("SELECT action, details FROM audit_log WHERE row_id = ? AND table_name = 'students' "
                       "ORDER BY id DESC LIMIT 1", [sid]).fetchone()
    assert entry[0] == "delete" and json.loads(entry[1]) == {"legal_name": "ZULU, Ann"}


def test_a_student_on_the_honor_roll_is_not_deleted(db: Database, office: dict[str, int]) -> None:
    sid = office["MÜLLER Carl"]
    db.table("inductions").insert({"student_id": sid, "induction_date": "2020-05-01"})
    st.archive_students(db, [sid, office["ADAMS Bob"]])
    with pytest.raises(st.DeleteRefusedError, match=r"MÜLLER, Carl \(is on the Honor Roll\)"):
        st.delete_students(db, [sid, office["ADAMS Bob"]])
    assert rs.count_students(db, archived_only=True) == 2  # neither was deleted


@pytest.mark.parametrize("typed, family", [
    ("obrien", "O'BRIEN"), ("o'brien", "O'BRIEN"), ("OBRIEN", "O'BRIEN"),
    ("minjun", "KIM"), ("min-jun", "KIM"),
    ("mueller", "MÜLLER"), ("muller", "MÜLLER"), ("Müller", "MÜLLER"),
    ("oestergaard", "ØSTERGÅRD"), ("ostergard", "ØSTERGÅRD"),
    ("wang xiao", "王"), ("ivanov", "Иванов"), ("papadopoulos", "Παπαδόπουλος"),
])
def test_a_name_is_found_however_passports_and_upstream_systems_spell_it(db: Database, typed: str,
                                                                          family: str) -> None:
    ids = {st.add_student(db, Student(f, g, native_name=n)): f for f, g, n in [
        ("O'BRIEN", "Seán", ""), ("KIM", "Min-jun", ""), ("MÜLLER", "Jörg", ""), ("ØSTERGÅRD", "Mette", ""),
        ("王", "小明", "王小明"), ("Иванов", "Пётр", ""), ("Παπαδόπουλος", "Γιώργος", "")]}
    assert [ids[i] for i in rs.student_ids(db, search=typed)] == [family]
