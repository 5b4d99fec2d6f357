"""The roster's queries: search in any script, every column sorted in SQL, filters, the archive view."""

from array import array
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store import photos as photo_store
from imet_desktop.store import roster as rs
from imet_desktop.store import students as st
from imet_desktop.store.db import connect
from imet_desktop.store.roster import RosterFilter
from tests.store.conftest import JPEG, NAMES


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
    assert list(rs.student_ids(db, search=typed)) == [roster[expected]]


@pytest.mark.parametrize("hostile", ['"', "*", "AND", "NEAR(", "'; DROP TABLE students; --", "^", "()"])
def test_search_text_never_breaks_the_query(db: Database, roster: dict[str, int], hostile: str) -> None:
    rs.student_ids(db, search=hostile)


def test_sorting_happens_in_sql_in_both_directions(db: Database, roster: dict[str, int]) -> None:
    ids = list(rs.student_ids(db, sort="legal_name"))
    rows = rs.roster_rows(db, ids)
    assert [r.legal_family_name for r in rows] == sorted((s.legal_family_name for s in NAMES), key=str.casefold)
    assert list(rs.student_ids(db, sort="legal_name", descending=True)) == ids[::-1]
    with pytest.raises(ValueError):
        rs.student_ids(db, sort="1; DROP TABLE students")


def test_roster_rows_come_back_in_the_order_asked(db: Database, roster: dict[str, int]) -> None:
    wanted = [roster["KIM"], roster["NGUYỄN"], 999_999]
    rows = rs.roster_rows(db, wanted)
    assert [r.id for r in rows] == wanted[:2]
    assert rows[1].country_name == "Vietnam"
    assert rows[1].legal_name == "NGUYỄN, Văn Đức"


def _expected(db: Database, key: str, descending: bool) -> list[int]:
    """The roster order computed in Python from the rows: the key, then the legal name (case-insensitive), then id."""
    rows = rs.roster_rows(db, list(rs.student_ids(db, sort="id")))

    def sort_value(r: rs.RosterRow) -> tuple[object, ...]:
        value: object = {
            "legal_name": "", "display_name": r.display_name.casefold(), "native_name": r.native_name,
            "country": (r.country_name, r.country_code), "country_rank": r.country_rank.casefold(),
            "service": r.service.casefold(), "funding_program": r.funding_program, "current_class": r.current_class,
            "status": r.status, "arrival_date": r.arrival_date, "ecl_score": -1 if r.ecl_score is None else r.ecl_score,
            "wcn": r.wcn, "ito_number": r.ito_number, "photo": r.has_photo}[key]
        return (value, r.legal_family_name.casefold(), r.legal_given_names.casefold(), r.id)

    return [r.id for r in sorted(rows, key=sort_value, reverse=descending)]


SORT_KEYS = [k for k in rs.SORT_COLUMNS if k != "id"]


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_every_roster_column_sorts_in_sql_with_the_legal_name_breaking_ties(
        db: Database, office: dict[str, int], key: str, descending: bool) -> None:
    photo_store.set_photo(db, office["ADAMS Bob"], JPEG, JPEG, "image/jpeg")
    assert list(rs.student_ids(db, sort=key, descending=descending)) == _expected(db, key, descending)


@pytest.mark.parametrize("key", SORT_KEYS)
def test_a_large_match_is_sorted_the_same_way_as_a_small_one(db: Database, office: dict[str, int], key: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    photo_store.set_photo(db, office["ZULU Ann"], JPEG, JPEG, "image/jpeg")
    for filters in (RosterFilter(status="Arrived"), RosterFilter(funding_program="IMET"), RosterFilter()):
        small = rs.student_ids(db, sort=key, filters=filters, search="a")
        monkeypatch.setattr(rs, "LARGE_MATCH", 0)  # the path for 100,000 matches and more
        monkeypatch.setattr(rs, "ORDERED_MATCH", 0)  # kept in the whole roster's order, not sorted in SQL
        monkeypatch.setattr(rs, "FIRST_SCREEN_ORDERED", 0)
        large = rs.student_ids(db, sort=key, filters=filters, search="a")
        remembered = rs.student_ids(db, sort=key, filters=filters, search="a")  # the whole order remembered
        monkeypatch.setattr(rs, "LARGE_MATCH", 100_000)
        monkeypatch.setattr(rs, "ORDERED_MATCH", 15_000)
        monkeypatch.setattr(rs, "FIRST_SCREEN_ORDERED", 2_000)
        assert isinstance(large, array) and list(large) == list(small), (key, filters)
        assert list(remembered) == list(small), (key, filters)


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize("ordered_match", [0, 2_000])
@pytest.mark.parametrize("placed", [False, True])
def test_the_first_screen_is_the_start_of_every_match(db: Database, office: dict[str, int], key: str,
                                                      ordered_match: int, placed: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rs, "ORDERED_MATCH", ordered_match)
    monkeypatch.setattr(rs, "FIRST_SCREEN_ORDERED", ordered_match)
    rs.student_ids(db, sort=key)  # the whole roster's order, remembered
    st.archive_students(db, [office["ZULU Ann"]])
    if placed:  # each student's place in the order known (read ahead), and every search left to the index
        rs.student_ids(db, sort=key)
        rs.read_ahead(db, sort=key)
        places = rs._cache(db).places
        assert places is not None and places.filled == len(rs.student_ids(db, sort=key))
        assert places.at[office["ZULU Ann"]] == places.filled  # archived: in no place
        monkeypatch.setattr(rs, "_checked_first", lambda *args, **kwargs: None)
    for search, filters, archived in (("a", RosterFilter(), False), ("", RosterFilter(status="Arrived"), False),
                                      ("a", RosterFilter(funding_program="IMET"), False),
                                      ("zzz", RosterFilter(), False), ("", RosterFilter(), False),
                                      ("a", RosterFilter(), True), ("", RosterFilter(), True)):
        every = rs.student_ids(db, sort=key, search=search, filters=filters, archived_only=archived)
        for count in (1, 2, 100):
            first = rs.first_student_ids(db, sort=key, search=search, filters=filters, archived_only=archived,
                                         count=count)
            assert list(first) == list(every[:count]), (key, search, filters, count)


def test_the_places_read_ahead_stop_when_asked_and_go_on_from_there(db: Database, office: dict[str, int],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rs, "_SLICE", 3)
    order = rs.student_ids(db)
    cache = rs._cache(db)
    rs.read_ahead(db, stopped=lambda: cache.places is not None and cache.places.filled > 0)  # the clerk types
    assert cache.places is not None and cache.places.filled == 3 < len(order)
    before = [rs.student_ids(db, search=s)[:2] for s in ("a", "o", "zz")]
    assert [rs.first_student_ids(db, search=s, count=2) for s in ("a", "o", "zz")] == before  # not used half done
    rs.read_ahead(db)
    assert cache.places.filled == len(order)
    assert [cache.places.at[i] for i in order] == list(range(len(order)))
    assert [rs.first_student_ids(db, search=s, count=2) for s in ("a", "o", "zz")] == before


def test_a_remembered_order_is_forgotten_when_the_students_change(db: Database, db_path: Path,
                                                                  office: dict[str, int],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rs, "ORDERED_MATCH", 0)
    monkeypatch.setattr(rs, "FIRST_SCREEN_ORDERED", 0)
    before = list(rs.student_ids(db, search="a"))
    added = st.add_student(db, Student(legal_family_name="AAALTO", legal_given_names="Aino"))  # this connection
    assert list(rs.student_ids(db, search="a")) == [added, *before]
    assert list(rs.first_student_ids(db, search="a", count=1)) == [added]
    assert list(rs.student_ids(db))[0] == added
    reader = connect(db_path)  # another connection (the window's reader thread) remembers too
    try:
        assert list(rs.student_ids(reader, search="a")) == [added, *before]
        st.archive_students(db, [added])
        assert list(rs.student_ids(reader, search="a")) == before
        assert list(rs.first_student_ids(reader, search="a", count=1)) == before[:1]
    finally:
        reader.close()


def test_the_country_sorts_by_its_name_with_students_without_one_first(db: Database, office: dict[str, int]) -> None:
    names = [r.country_name for r in rs.roster_rows(db, rs.student_ids(db, sort="country"))]
    assert names == ["", "Albania", "Germany", "South Africa", "South Africa"]


def test_filters_combine_with_each_other_and_the_search(db: Database, office: dict[str, int]) -> None:
    def names(**kwargs: object) -> list[str]:
        search = str(kwargs.pop("search", ""))
        ids = rs.student_ids(db, search=search, filters=RosterFilter(**kwargs))  # type: ignore[arg-type]
        return [r.legal_name for r in rs.roster_rows(db, ids)]

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
    assert set(rs.student_ids(db, filters=RosterFilter(class_id=late))) == {office["ZULU Ann"]}
    in_course = set(rs.student_ids(db, filters=RosterFilter(course_id=course)))
    assert in_course == {office["ZULU Ann"], office["MÜLLER Carl"]}
    rows = {r.id: r.current_class for r in rs.roster_rows(db, rs.student_ids(db))}
    assert rows[office["ZULU Ann"]] == "ACSC AY2026"  # the latest class
    assert [c.designator for c in st.student_classes(db, office["ZULU Ann"])] == ["ACSC AY2026", "ACSC AY2025"]


def test_the_archive_view_shows_only_archived_students(db: Database, office: dict[str, int]) -> None:
    st.archive_students(db, [office["ZULU Ann"], office["ADAMS Bob"]])
    assert list(rs.student_ids(db, archived_only=True)) == [office["ADAMS Bob"], office["ZULU Ann"]]
    assert list(rs.student_ids(db, archived_only=True, search="zulu")) == [office["ZULU Ann"]]
    assert rs.count_students(db, archived_only=True) == 2
    assert rs.count_students(db) == 3
    assert rs.count_students(db, include_archived=True) == 5


@pytest.mark.parametrize("piece", [1, 2, 5, 64])
def test_ids_read_a_piece_at_a_time_are_the_same_ids(db: Database, office: dict[str, int], piece: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    every = list(rs.student_ids(db, sort="status", include_archived=True))
    monkeypatch.setattr(rs, "_PIECE", piece)  # the pieces of a long list of ids (~9,000 ids each)
    assert list(rs.student_ids(db, sort="status", include_archived=True)) == every
    assert list(rs.student_ids(db, sort="status", search="zzz")) == []
