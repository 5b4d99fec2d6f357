import datetime as dt
import json
import unicodedata
from array import array

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store import photos as photo_store
from imet_desktop.store import students as st
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.students import NewStatus, PhotoChange, RosterFilter

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


# --- sorting, filtering, the archive, duplicates, saving and deleting (the Roster tab's store) -------------

JPEG = b"\xff\xd8\xff\xe0" + b"0" * 64
ROSTER = [
    Student("ZULU", "Ann", display_name="Ann Zulu", country_code="ZA", status="Arrived", funding_program="IMET",
            ecl_score=70, arrival_date=dt.date(2025, 6, 1), wcn="ZA0001", ito_number="I-9", service="Army",
            country_rank="Major", native_name="b"),
    Student("ADAMS", "Bob", display_name="bob", country_code="ZA", status="Projected", funding_program="FMS",
            ecl_score=90, arrival_date=dt.date(2026, 1, 5), wcn="ZA0002", ito_number="I-1", service="air force",
            country_rank="colonel", native_name="a"),
    Student("MÜLLER", "Carl", display_name="Carl", country_code="DE", status="Arrived", funding_program="IMET",
            arrival_date=dt.date(2025, 7, 1), wcn="DE0001", ito_number="I-5", service="Navy", country_rank="Major"),
    Student("ADAMS", "Alice", display_name="alice", country_code="AL", status="Graduated", funding_program="IMET",
            ecl_score=80, arrival_date=dt.date(2024, 3, 3), wcn="AL0001", ito_number="I-3", service="Army",
            country_rank="Captain"),
    Student("NOCOUNTRY", "Dan", status="Graduated", ecl_score=85),
]


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    return {f"{s.legal_family_name} {s.legal_given_names}": st.add_student(db, s) for s in ROSTER}


def _expected(db: Database, key: str, descending: bool) -> list[int]:
    """The roster order computed in Python from the rows: the key, then the legal name (case-insensitive), then id."""
    rows = st.roster_rows(db, list(st.student_ids(db, sort="id")))

    def sort_value(r: st.RosterRow) -> tuple[object, ...]:
        value: object = {
            "legal_name": "", "display_name": r.display_name.casefold(), "native_name": r.native_name,
            "country": (r.country_name, r.country_code), "country_rank": r.country_rank.casefold(),
            "service": r.service.casefold(), "funding_program": r.funding_program, "current_class": r.current_class,
            "status": r.status, "arrival_date": r.arrival_date, "ecl_score": -1 if r.ecl_score is None else r.ecl_score,
            "wcn": r.wcn, "ito_number": r.ito_number, "photo": r.has_photo}[key]
        return (value, r.legal_family_name.casefold(), r.legal_given_names.casefold(), r.id)

    return [r.id for r in sorted(rows, key=sort_value, reverse=descending)]


SORT_KEYS = [k for k in st.SORT_COLUMNS if k != "id"]


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_every_roster_column_sorts_in_sql_with_the_legal_name_breaking_ties(
        db: Database, office: dict[str, int], key: str, descending: bool) -> None:
    photo_store.set_photo(db, office["ADAMS Bob"], JPEG, JPEG, "image/jpeg")
    assert list(st.student_ids(db, sort=key, descending=descending)) == _expected(db, key, descending)


@pytest.mark.parametrize("key", SORT_KEYS)
def test_a_large_match_is_sorted_the_same_way_as_a_small_one(db: Database, office: dict[str, int], key: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    photo_store.set_photo(db, office["ZULU Ann"], JPEG, JPEG, "image/jpeg")
    for filters in (RosterFilter(status="Arrived"), RosterFilter(funding_program="IMET"), RosterFilter()):
        small = st.student_ids(db, sort=key, filters=filters, search="a")
        monkeypatch.setattr(st, "LARGE_MATCH", 0)  # the path for 100,000 matches and more
        large = st.student_ids(db, sort=key, filters=filters, search="a")
        monkeypatch.setattr(st, "LARGE_MATCH", 100_000)
        assert isinstance(large, array) and list(large) == list(small), (key, filters)


def test_the_country_sorts_by_its_name_with_students_without_one_first(db: Database, office: dict[str, int]) -> None:
    names = [r.country_name for r in st.roster_rows(db, st.student_ids(db, sort="country"))]
    assert names == ["", "Albania", "Germany", "South Africa", "South Africa"]


def test_filters_combine_with_each_other_and_the_search(db: Database, office: dict[str, int]) -> None:
    def names(**kwargs: object) -> list[str]:
        search = str(kwargs.pop("search", ""))
        ids = st.student_ids(db, search=search, filters=RosterFilter(**kwargs))  # type: ignore[arg-type]
        return [r.legal_name for r in st.roster_rows(db, ids)]

    assert names(country_code="ZA") == ["ADAMS, Bob", "ZULU, Ann"]
    assert names(country_code="ZA", status="Arrived") == ["ZULU, Ann"]
    assert names(region="EUR") == ["ADAMS, Alice", "MÜLLER, Carl"]
    assert names(region="AF", funding_program="FMS") == ["ADAMS, Bob"]
    assert names(arrival_year=2025) == ["MÜLLER, Carl", "ZULU, Ann"]
    assert names(arrival_year=2025, search="muller") == ["MÜLLER, Carl"]
    assert names(status="Graduated", search="adams") == ["ADAMS, Alice"]
    assert not RosterFilter().active and RosterFilter(arrival_year=2025).active


def test_filtering_by_course_and_class(db: Database, office: dict[str, int]) -> None:
    course = int(db.table("courses").insert({"code": "ACSC", "title": "Air Command and Staff College"}).last_rowid)
    early = int(db.table("classes").insert({"course_id": course, "designator": "ACSC AY2025",
                                            "start_date": "2024-08-01"}).last_rowid)
    late = int(db.table("classes").insert({"course_id": course, "designator": "ACSC AY2026",
                                           "start_date": "2025-08-01"}).last_rowid)
    db.table("enrollments").insert_all([
        {"student_id": office["ZULU Ann"], "class_id": early, "status": "Completed"},
        {"student_id": office["ZULU Ann"], "class_id": late, "status": "Enrolled"},
        {"student_id": office["MÜLLER Carl"], "class_id": early, "status": "Completed"}])
    assert set(st.student_ids(db, filters=RosterFilter(class_id=late))) == {office["ZULU Ann"]}
    in_course = set(st.student_ids(db, filters=RosterFilter(course_id=course)))
    assert in_course == {office["ZULU Ann"], office["MÜLLER Carl"]}
    rows = {r.id: r.current_class for r in st.roster_rows(db, st.student_ids(db))}
    assert rows[office["ZULU Ann"]] == "ACSC AY2026"  # the latest class
    assert [c.designator for c in st.student_classes(db, office["ZULU Ann"])] == ["ACSC AY2026", "ACSC AY2025"]
    choices = st.roster_filter_choices(db)
    assert [c.designator for c in choices.classes] == ["ACSC AY2026", "ACSC AY2025"]
    assert choices.courses == ((course, "ACSC", "Air Command and Staff College"),)
    assert choices.countries == (("AL", "Albania"), ("DE", "Germany"), ("ZA", "South Africa"))
    assert choices.arrival_years == (2026, 2025, 2024)
    assert "Graduated" in choices.statuses and "Sec 333" in choices.funding_programs


def test_the_archive_view_shows_only_archived_students(db: Database, office: dict[str, int]) -> None:
    st.archive_students(db, [office["ZULU Ann"], office["ADAMS Bob"]])
    assert list(st.student_ids(db, archived_only=True)) == [office["ADAMS Bob"], office["ZULU Ann"]]
    assert list(st.student_ids(db, archived_only=True, search="zulu")) == [office["ZULU Ann"]]
    assert st.count_students(db, archived_only=True) == 2
    assert st.count_students(db) == 3
    assert st.count_students(db, include_archived=True) == 5


def test_possible_duplicates_by_name_and_birth_passport_or_wcn(db: Database) -> None:
    first = st.add_student(db, Student("NGUYỄN", "Văn Đức", date_of_birth=dt.date(1988, 6, 5),
                                       passport_number="C1234567", wcn="VN0001"))
    nfd = unicodedata.normalize("NFD", "nguyễn")
    same_person = Student(nfd, "văn đức", date_of_birth=dt.date(1988, 6, 5))
    assert [(d.id, d.reasons) for d in st.possible_duplicates(db, same_person)] == [
        (first, ("same legal name and date of birth",))]
    other_day = Student("NGUYỄN", "Văn Đức", date_of_birth=dt.date(1988, 6, 6))
    assert st.possible_duplicates(db, other_day) == []
    both = Student("TRAN", "Anh", passport_number="C1234567", wcn="VN0001")
    assert st.possible_duplicates(db, both)[0].reasons == ("same passport number", "same WCN")
    itself = st.get_student(db, first)
    assert st.possible_duplicates(db, itself) == []  # editing a record is not a duplicate of itself


def test_a_duplicate_is_added_only_with_a_reason_which_is_audited_and_noted(db: Database) -> None:
    first = st.add_student(db, Student("OKAFOR", "Ngozi", wcn="NG0001", notes="Prefers Ngozi"))
    twin = Student("OKAFOR", "Ngozi", wcn="NG0001", notes="Prefers Ngozi")
    found = st.possible_duplicates(db, twin)
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
    assert sid not in st.student_ids(db, search="zulu", include_archived=True)
    entry = db.execute("SELECT action, details FROM audit_log WHERE row_id = ? AND table_name = 'students' "
                       "ORDER BY id DESC LIMIT 1", [sid]).fetchone()
    assert entry[0] == "delete" and json.loads(entry[1]) == {"legal_name": "ZULU, Ann"}


def test_a_student_on_the_honor_roll_is_not_deleted(db: Database, office: dict[str, int]) -> None:
    sid = office["MÜLLER Carl"]
    db.table("inductions").insert({"student_id": sid, "induction_date": "2020-05-01"})
    st.archive_students(db, [sid, office["ADAMS Bob"]])
    with pytest.raises(st.DeleteRefusedError, match=r"MÜLLER, Carl \(is on the Honor Roll\)"):
        st.delete_students(db, [sid, office["ADAMS Bob"]])
    assert st.count_students(db, archived_only=True) == 2  # neither was deleted
