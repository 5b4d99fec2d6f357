"""Students: the roster's queries (ids sorted, searched and filtered in SQL, rows fetched by page) and changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.names import search_fold, search_text
from imet_desktop.domain.overview import StudentSelection
from imet_desktop.domain.records import FundingProgram, StatusChange, Student, StudentStatus
from imet_desktop.domain.validation import validate_student
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.db import audit, current_user, now_text, write
from imet_desktop.store.errors import RecordNotFoundError, StoreError, ValidationError


@dataclass(frozen=True, slots=True)
class RosterRow:
    """What the roster table shows for one student."""

    id: int
    legal_family_name: str
    legal_given_names: str
    display_name: str
    native_name: str
    country_code: str
    country_name: str
    country_rank: str
    service: str
    funding_program: str
    current_class: str
    status: str
    arrival_date: str
    ecl_score: int | None
    wcn: str
    ito_number: str
    has_photo: bool
    archived_at: str | None = None

    @property
    def legal_name(self) -> str:
        """FAMILY, Given."""
        return f"{self.legal_family_name}, {self.legal_given_names}" if self.legal_given_names \
            else self.legal_family_name


@dataclass(frozen=True, slots=True)
class RosterFilter:
    """The roster's filters; an empty field filters nothing, and the filters combine (AND)."""

    country_code: str = ""
    region: str = ""  # State Department bureau code (AF, EAP, EUR, NEA, SCA, WHA)
    status: str = ""
    funding_program: str = ""
    course_id: int | None = None
    class_id: int | None = None
    arrival_year: int | None = None
    selection: StudentSelection | None = None  # the students behind an Overview figure

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return any((self.country_code, self.region, self.status, self.funding_program,
                    self.course_id is not None, self.class_id is not None, self.arrival_year is not None,
                    self.selection is not None))


NO_FILTER = RosterFilter()

# The legal name breaks ties in every sort; the roster indexes (schema 0002) carry it after their key.
_NAME = "s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE"
_CURRENT_CLASS = """(SELECT cl.designator FROM enrollments e JOIN classes cl ON cl.id = e.class_id
                 WHERE e.student_id = s.id AND e.status IN ('Enrolled', 'Completed')
                 ORDER BY cl.start_date DESC, cl.id DESC LIMIT 1)"""
_HAS_CLASS = "s.id IN (SELECT student_id FROM enrollments WHERE status IN ('Enrolled', 'Completed'))"
_HAS_PHOTO = "s.id IN (SELECT student_id FROM student_photos)"

# Sort keys the roster offers: key -> ORDER BY terms (the direction is applied to each term). Sorting
# a few thousand matches by these is a quick temporary B-tree; the whole roster is read from indexes
# instead (see _whole_roster_order).
SORT_COLUMNS: dict[str, str] = {
    "legal_name": f"{_NAME}, s.id",
    "display_name": f"s.display_name COLLATE NOCASE, {_NAME}, s.id",
    "native_name": f"s.native_name, {_NAME}, s.id",
    "country": f"coalesce((SELECT c.name FROM countries c WHERE c.code = s.country_code), ''), s.country_code, "
               f"{_NAME}, s.id",
    "country_rank": f"s.country_rank COLLATE NOCASE, {_NAME}, s.id",
    "service": f"s.service COLLATE NOCASE, {_NAME}, s.id",
    "funding_program": f"s.funding_program, {_NAME}, s.id",
    "current_class": f"coalesce({_CURRENT_CLASS}, ''), {_NAME}, s.id",
    "status": f"s.status, {_NAME}, s.id",
    "arrival_date": f"s.arrival_date, {_NAME}, s.id",
    "ecl_score": f"s.ecl_score, {_NAME}, s.id",
    "wcn": f"s.wcn, {_NAME}, s.id",
    "ito_number": f"s.ito_number, {_NAME}, s.id",
    "photo": f"{_HAS_PHOTO}, {_NAME}, s.id",
    "id": "s.id",
}
# Keys whose whole-roster order is one scan of an index; the others are read in parts.
_INDEXED_SORTS = frozenset({"legal_name", "display_name", "native_name", "country_rank", "service",
                            "funding_program", "status", "arrival_date", "ecl_score", "wcn", "ito_number", "id"})
# Above this many matches, reading the whole roster's order from its index and keeping the matches
# beats sorting the matches in a temporary B-tree (measured: the two break even near 100,000).
LARGE_MATCH = 100_000

_TOKEN = re.compile(r"[\w]+", re.UNICODE)


def fts_query(text: str) -> str:
    """User text as a safe FTS5 prefix query: every word quoted, each a prefix.

    "o'brien" becomes '"o"* "brien"*', which cannot be an FTS5 syntax error.
    """
    tokens = _TOKEN.findall(text)
    return " ".join('"' + t.replace('"', '""') + '"*' for t in tokens)


@dataclass(frozen=True, slots=True)
class _Part:
    """One condition of a roster query, and how to count (cheaply, up to a cap) the students it lets through."""

    clause: str
    params: tuple[object, ...]
    counted_by: str  # SELECT ... of the ids the condition lets through, for a capped count
    selective: float  # the planner's hint: the share of students it lets through


def _search_part(search: str) -> _Part | None:
    text = search.strip()
    if not text:
        return None
    query = fts_query(search_fold(text))
    # One UNION of index lookups: an OR across columns would make SQLite scan every student.
    # The "<> ''" terms let it use the partial indexes on these columns.
    exact = ("SELECT id FROM students WHERE wcn = ? AND wcn <> '' "
             "UNION SELECT id FROM students WHERE ito_number = ? AND ito_number <> '' "
             "UNION SELECT id FROM students WHERE passport_number = ? AND passport_number <> ''")
    if not query:
        return _Part(f"s.id IN ({exact})", (text, text, text), exact, 0.0)
    ids = f"SELECT rowid FROM students_fts WHERE students_fts MATCH ? UNION {exact}"
    return _Part(f"s.id IN ({ids})", (query, text, text, text), ids, 0.01)


def _likely(condition: str, probability: float) -> str:
    """A condition with SQLite's hint of how often it holds, so the planner starts from the most
    selective filter's index: without hints it took 'region EUR' (a sixth of all students) over
    'arrived in 1999' and read 150,000 rows to find 3,000 (260 ms against 6 ms)."""
    return f"likelihood({condition}, {probability})"


def _column_part(condition: str, params: tuple[object, ...], probability: float) -> _Part:
    return _Part(_likely(condition, probability), params, f"SELECT s.id FROM students s WHERE {condition}",
                 probability)


def _filter_parts(filters: RosterFilter) -> list[_Part]:
    parts: list[_Part] = []
    if filters.country_code:
        parts.append(_column_part("s.country_code = ?", (filters.country_code,), 0.02))
    if filters.region:
        parts.append(_column_part("s.country_code IN (SELECT code FROM countries WHERE region = ?)",
                                  (filters.region,), 0.2))
    if filters.status:
        parts.append(_column_part("s.status = ?", (filters.status,), 0.5))
    if filters.funding_program:
        parts.append(_column_part("s.funding_program = ?", (filters.funding_program,), 0.5))
    if filters.class_id is not None:
        parts.append(_column_part("s.id IN (SELECT student_id FROM enrollments WHERE class_id = ?)",
                                  (filters.class_id,), 0.001))
    elif filters.course_id is not None:
        parts.append(_column_part("s.id IN (SELECT e.student_id FROM enrollments e JOIN classes cl "
                                  "ON cl.id = e.class_id WHERE cl.course_id = ?)", (filters.course_id,), 0.01))
    if filters.arrival_year is not None:
        first, after = f"{filters.arrival_year:04d}-01-01", f"{filters.arrival_year + 1:04d}-01-01"
        parts.append(_Part(f"{_likely('s.arrival_date >= ?', 0.1)} AND {_likely('s.arrival_date < ?', 0.1)}",
                           (first, after), "SELECT s.id FROM students s WHERE s.arrival_date >= ? "
                                           "AND s.arrival_date < ?", 0.01))
    if filters.selection is not None:
        from imet_desktop.store.overview import selection_ids_sql

        sql, params = selection_ids_sql(filters.selection)
        parts.append(_Part(f"s.id IN ({sql})", tuple(params), sql, 0.001))
    return parts


def _matches_many(db: Database, parts: Sequence[_Part]) -> bool:
    """Whether every condition lets more than LARGE_MATCH students through (then, likely, so do all together).

    Each count stops at the cap and reads only its own index: a few milliseconds, most selective first.
    """
    for part in sorted(parts, key=lambda p: p.selective):
        capped = db.execute(f"SELECT count(*) FROM ({part.counted_by} LIMIT {LARGE_MATCH + 1})",
                            list(part.params)).fetchone()[0]
        if capped <= LARGE_MATCH:
            return False
    return True


def _ids(db: Database, sql: str, params: Sequence[object] = ()) -> array[int]:
    """The ids a query returns, in its order, as a compact array.

    One JSON string of all ids parsed in C is ~3 times faster than 600,000 Python rows.
    """
    text = db.execute(f"SELECT json_group_array(id) FROM ({sql})", list(params)).fetchone()[0]
    return array("q", json.loads(text) if text else [])


def _order(sort: str, descending: bool) -> str:
    direction = " DESC" if descending else ""
    return ", ".join(term + direction for term in _split_terms(SORT_COLUMNS[sort]))


def _split_terms(order: str) -> list[str]:
    """ORDER BY terms split at top-level commas (subqueries hold commas of their own)."""
    terms, depth, start = [], 0, 0
    for i, ch in enumerate(order):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            terms.append(order[start:i].strip())
            start = i + 1
    terms.append(order[start:].strip())
    return terms


_CURRENT = "s.archived_at IS NULL"


def _roster_order_queries(db: Database, sort: str, descending: bool) -> list[tuple[str, list[object]]]:
    """The queries whose results, one after the other, are every student not archived in roster order,
    each read from an index (no temporary B-tree over the whole roster).

    Keys with an index of their own are one index scan. The country is sorted by its name, which
    no students index holds: one scan of the country index per country, countries in name order.
    Photo and current class are yes/no for most students: the few with one are sorted on their own.
    """
    direction = " DESC" if descending else ""
    if sort in _INDEXED_SORTS:
        return [(f"SELECT s.id FROM students s WHERE {_CURRENT} ORDER BY {_order(sort, descending)}", [])]
    name_order = ", ".join(t + direction for t in _split_terms(f"{_NAME}, s.id"))
    if sort == "country":
        codes = [r[0] for r in db.execute("SELECT code FROM countries ORDER BY name, code")]
        # Students without a country come first ('' sorts first); a code is always in countries (foreign key).
        queries: list[tuple[str, list[object]]] = [
            (f"SELECT s.id FROM students s WHERE {_CURRENT} AND s.country_code IS NULL ORDER BY {name_order}", [])]
        queries += [(f"SELECT s.id FROM students s WHERE {_CURRENT} AND s.country_code = ? ORDER BY {name_order}",
                     [code]) for code in codes]
        return queries[::-1] if descending else queries
    has = _HAS_PHOTO if sort == "photo" else _HAS_CLASS
    without: tuple[str, list[object]] = (
        f"SELECT s.id FROM students s WHERE {_CURRENT} AND NOT {has} ORDER BY {name_order}", [])
    with_one: tuple[str, list[object]] = (
        f"SELECT s.id FROM students s WHERE {_CURRENT} AND {has} ORDER BY {_order(sort, descending)}", [])
    return [with_one, without] if descending else [without, with_one]


def _whole_roster_order(db: Database, sort: str, descending: bool, limit: int | None = None) -> array[int]:
    """Every student not archived (or the first `limit`), in roster order, read from indexes."""
    result: array[int] = array("q")
    for sql, params in _roster_order_queries(db, sort, descending):
        if limit is not None:
            if len(result) >= limit:
                break
            sql = f"{sql} LIMIT {limit - len(result)}"
        result.extend(_ids(db, sql, params))
    return result


def first_student_ids(db: Database, *, sort: str = "legal_name", descending: bool = False,
                      count: int = 256) -> array[int]:
    """The first students of the whole roster (not archived; no search, no filter) in roster order.

    The first screen of rows, read in a millisecond or two from an index while the whole order
    (600,000 ids, ~0.1 s) is still on its way.
    """
    if sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort!r}")
    return _whole_roster_order(db, sort, descending, count)


def student_ids(db: Database, *, search: str = "", sort: str = "legal_name", descending: bool = False,
                filters: RosterFilter = NO_FILTER, include_archived: bool = False,
                archived_only: bool = False) -> array[int]:
    """The ids of the students matching search and filters, in roster order, as a compact array.

    By default only students not archived; archived_only gives the archive's view.
    """
    if sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort!r}")
    parts = _filter_parts(filters)
    search_part = _search_part(search)
    if search_part is not None:
        parts.append(search_part)
    if archived_only:
        scope: str | None = "s.archived_at IS NOT NULL"
    elif include_archived:
        scope = None
    else:
        scope = _CURRENT
    if scope == _CURRENT and not parts:
        return _whole_roster_order(db, sort, descending)
    conditions = " AND ".join(([scope] if scope else []) + [p.clause for p in parts])
    params = [v for p in parts for v in p.params]
    matched_sql = f"SELECT s.id FROM students s {'WHERE ' + conditions if conditions else ''}"
    if scope == _CURRENT and _matches_many(db, parts):
        # 100,000 matches or more: the whole roster's order, read from its indexes, kept where it matches
        # beats sorting them all in a temporary B-tree (~3 µs a row against ~0.3 µs).
        matched = _ids(db, matched_sql, params)
        if len(matched) > LARGE_MATCH:
            return _keep(_whole_roster_order(db, sort, descending), matched)
    return _ids(db, f"{matched_sql} ORDER BY {_order(sort, descending)}", params)


def _keep(ordered: array[int], wanted: array[int]) -> array[int]:
    """The ids of ordered that are in wanted, in ordered's order (a bitmap, not a set of 600,000 ints)."""
    if not wanted or not ordered:
        return array("q")
    marks = bytearray(max(max(wanted), max(ordered)) + 1)
    for i in wanted:
        marks[i] = 1
    return array("q", compress(ordered, map(marks.__getitem__, ordered)))


def count_students(db: Database, *, include_archived: bool = False, archived_only: bool = False) -> int:
    """How many students there are (not archived, unless asked; or only the archived ones).

    Counted as all minus the archived (a partial index): filtering archived_at IS NULL directly
    scans the whole table, ~85 ms on 600,000 students against ~2 ms this way.
    """
    archived = int(db.execute("SELECT count(*) FROM students WHERE archived_at IS NOT NULL").fetchone()[0])
    if archived_only:
        return archived
    total = int(db.execute("SELECT count(*) FROM students").fetchone()[0])
    return total if include_archived else total - archived


_ROSTER_SQL = f"""
SELECT s.id, s.legal_family_name, s.legal_given_names, s.display_name, s.native_name,
       coalesce(s.country_code, ''), coalesce(c.name, ''), s.country_rank, s.service, s.funding_program,
       coalesce({_CURRENT_CLASS}, ''),
       s.status, coalesce(s.arrival_date, ''), s.ecl_score, s.wcn, s.ito_number,
       EXISTS (SELECT 1 FROM student_photos p WHERE p.student_id = s.id), s.archived_at
FROM students s LEFT JOIN countries c ON c.code = s.country_code
WHERE s.id IN ({{marks}})
"""


def roster_rows(db: Database, ids: Sequence[int]) -> list[RosterRow]:
    """The roster rows for these ids, in the order given (missing ids are skipped)."""
    found: dict[int, RosterRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        sql = _ROSTER_SQL.format(marks=",".join("?" * len(chunk)))
        for r in db.execute(sql, chunk):
            values = list(r)
            values[16] = bool(values[16])
            found[r[0]] = RosterRow(*values)
    return [found[i] for i in ids if i in found]


# --- what the filters offer ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ClassChoice:
    """A class the roster can be filtered by."""

    id: int
    course_id: int
    designator: str


@dataclass(frozen=True, slots=True)
class RosterFilterChoices:
    """The values each roster filter offers."""

    countries: tuple[tuple[str, str], ...]  # (code, name) of the countries that have students
    regions: tuple[tuple[str, str], ...]  # (bureau code, name)
    statuses: tuple[str, ...]
    funding_programs: tuple[str, ...]
    courses: tuple[tuple[int, str, str], ...]  # (id, code, title)
    classes: tuple[ClassChoice, ...]
    arrival_years: tuple[int, ...]  # newest first


def roster_filter_choices(db: Database) -> RosterFilterChoices:
    """What the roster's filters offer, read from the database (a few milliseconds at 600,000 students)."""
    from imet_desktop.domain.countries import REGIONS

    countries = tuple((str(code), str(name)) for code, name in db.execute(
        "SELECT c.code, c.name FROM countries c WHERE EXISTS (SELECT 1 FROM students s WHERE s.country_code = c.code) "
        "ORDER BY c.name"))
    courses = tuple((int(i), str(code), str(title)) for i, code, title in db.execute(
        "SELECT id, code, title FROM courses ORDER BY code"))
    classes = tuple(ClassChoice(int(i), int(course), str(designator)) for i, course, designator in db.execute(
        "SELECT id, course_id, designator FROM classes ORDER BY start_date DESC, designator"))
    first, last = db.execute("SELECT (SELECT min(arrival_date) FROM students), "
                             "(SELECT max(arrival_date) FROM students)").fetchone()
    years: tuple[int, ...] = ()
    if first and last:
        years = tuple(range(int(str(last)[:4]), int(str(first)[:4]) - 1, -1))
    return RosterFilterChoices(countries, tuple(REGIONS.items()), tuple(s.value for s in StudentStatus),
                               tuple(f.value for f in FundingProgram), courses, classes, years)


# --- one student ------------------------------------------------------------------------------------------

def get_student(db: Database, student_id: int) -> Student:
    """One student's whole record."""
    rows = list(db.query("SELECT * FROM students WHERE id = ?", [student_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no student with id {student_id}")
    row = rows[0]
    row["country_code"] = row["country_code"] or ""
    return from_row(Student, row)


def student_columns(student: Student) -> dict[str, object]:
    """A student as the students table's columns (with the folded names for search)."""
    row = to_row(student, exclude=("id", "archived_at"))
    row["country_code"] = row["country_code"] or None
    row["search_text"] = student_search_text(student)
    return row


def student_search_text(student: Student) -> str:
    """What the full-text index holds for a student besides the names as written."""
    return search_text(student.legal_family_name, student.legal_given_names, student.display_name,
                       student.native_name)


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    """A student already recorded who may be the one being added, and why."""

    id: int
    legal_name: str
    date_of_birth: str
    passport_number: str
    wcn: str
    archived: bool
    reasons: tuple[str, ...]


def _name_key(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def possible_duplicates(db: Database, student: Student) -> list[PossibleDuplicate]:
    """Students (archived ones too) with the same legal name and date of birth, passport number or WCN.

    Names are compared ignoring case and Unicode composition only; passport numbers and WCNs exactly,
    as the import does. The student itself (when it has an id) is not its own duplicate.
    """
    from imet_desktop.store.imports import students_matching

    birth = student.date_of_birth.isoformat() if student.date_of_birth else ""
    candidates = students_matching(db, dates_of_birth=[birth] if birth else [],
                                   passport_numbers=[student.passport_number] if student.passport_number else [],
                                   wcns=[student.wcn] if student.wcn else [])
    found: list[PossibleDuplicate] = []
    for c in candidates:
        if c.id == student.id:
            continue
        reasons: list[str] = []
        if birth and c.date_of_birth == birth and (_name_key(c.legal_family_name), _name_key(c.legal_given_names)) \
                == (_name_key(student.legal_family_name), _name_key(student.legal_given_names)):
            reasons.append("same legal name and date of birth")
        if student.passport_number and c.passport_number == student.passport_number:
            reasons.append("same passport number")
        if student.wcn and c.wcn == student.wcn:
            reasons.append("same WCN")
        if reasons:
            found.append(PossibleDuplicate(c.id, c.legal_name, c.date_of_birth, c.passport_number, c.wcn,
                                           c.archived, tuple(reasons)))
    return found


def add_student(db: Database, student: Student, *, import_batch_id: int | None = None,
                today: dt.date | None = None, duplicate_reason: str = "",
                duplicates: Sequence[PossibleDuplicate] = ()) -> int:
    """Save a new student after validation; records the first status and the audit entry.

    A student saved although it matches existing records (duplicates) needs the clerk's reason:
    it goes in the audit entry and, as a dated line, at the end of the student's notes.
    """
    problems = validate_student(student, today)
    if problems:
        raise ValidationError(list(problems))
    if duplicates and not duplicate_reason.strip():
        raise ValidationError(["a student matching existing records is saved only with a reason"])
    details: dict[str, Any] = {"legal_name": student.legal_name}
    if duplicates:
        details["possible_duplicates"] = [d.id for d in duplicates]
        details["reason"] = duplicate_reason
        line = (f"{now_text()[:10]}: saved as a separate student although it matches "
                + ", ".join(f"#{d.id} {d.legal_name} ({', '.join(d.reasons)})" for d in duplicates)
                + f". Reason: {duplicate_reason}")
        student = dataclasses.replace(student, notes=f"{student.notes}\n{line}" if student.notes else line)
    row = student_columns(student)
    row["import_batch_id"] = import_batch_id
    with write(db):
        student_id = int(db.table("students").insert(row).last_rowid or 0)
        db.table("student_status_history").insert({
            "student_id": student_id, "status": student.status,
            "effective_date": (today or dt.date.today()).isoformat(),
            "note": "record opened", "recorded_at": now_text(), "recorded_by": current_user()})
        audit(db, "students", student_id, "insert", details)
    return student_id


def update_student(db: Database, student: Student, *, today: dt.date | None = None) -> None:
    """Save changes to an existing student; the audit log keeps old and new values."""
    if student.id is None:
        raise ValueError("update_student needs a student with an id")
    problems = validate_student(student, today)
    if problems:
        raise ValidationError(list(problems))
    before = get_student(db, student.id)
    old, new = student_columns(before), student_columns(student)
    changes = {k: [old[k], new[k]] for k in new if old.get(k) != new[k] and k != "search_text"}
    if not changes:
        return
    with write(db):
        db.table("students").update(student.id, {**{k: new[k] for k in changes},
                                                 "search_text": new["search_text"], "updated_at": now_text()})
        if "status" in changes:
            _record_status(db, student.id, student.status, today or dt.date.today(), "")
        audit(db, "students", student.id, "update", changes)


@dataclass(frozen=True, slots=True)
class NewStatus:
    """A status change the clerk asked for: the status, the date it took effect, a note."""

    status: str
    effective_date: dt.date
    note: str = ""


@dataclass(frozen=True, slots=True)
class PhotoChange:
    """A new photo for a student (scaled JPEG or PNG bytes), or its removal when image is empty."""

    image: bytes = b""
    thumbnail: bytes = b""
    mime_type: str = ""

    @property
    def removes(self) -> bool:
        """True when the change removes the photo."""
        return not self.image


def save_student(db: Database, student: Student, *, status: NewStatus | None = None,
                 photo: PhotoChange | None = None, duplicate_reason: str = "",
                 duplicates: Sequence[PossibleDuplicate] = (), today: dt.date | None = None) -> int:
    """What the record editor's Save does, as one change: add or update the student, then its
    status change (with its own date) and its photo. Returns the student's id."""
    from imet_desktop.store import photos

    with write(db):
        if student.id is None:
            student_id = add_student(db, student, today=today, duplicate_reason=duplicate_reason,
                                     duplicates=duplicates)
        else:
            student_id = student.id
            update_student(db, student, today=today)
        if status is not None:
            change_status(db, student_id, status.status, status.effective_date, status.note)
        if photo is not None:
            if photo.removes:
                photos.remove_photo(db, student_id)
            else:
                photos.set_photo(db, student_id, photo.image, photo.thumbnail, photo.mime_type)
    return student_id


def _record_status(db: Database, student_id: int, status: str, effective: dt.date, note: str) -> None:
    db.table("student_status_history").insert({
        "student_id": student_id, "status": status, "effective_date": effective.isoformat(),
        "note": note, "recorded_at": now_text(), "recorded_by": current_user()})


def change_status(db: Database, student_id: int, status: str, effective: dt.date, note: str = "") -> None:
    """Change a student's status as of a date, keeping the history."""
    student = get_student(db, student_id)
    previous = student.status
    student.status = status
    problems = validate_student(student)
    if problems:
        raise ValidationError(list(problems))
    with write(db):
        db.table("students").update(student_id, {"status": status, "updated_at": now_text()})
        _record_status(db, student_id, status, effective, note)
        audit(db, "students", student_id, "status", {"status": [previous, status], "date": effective.isoformat(),
                                                     "note": note})


def change_status_many(db: Database, ids: Iterable[int], status: str, effective: dt.date, note: str = "") -> int:
    """Change several students' status as of one date, as one change; returns how many."""
    if status not in {s.value for s in StudentStatus}:
        raise ValidationError([f"Status {status!r}: must be one of " + ", ".join(s.value for s in StudentStatus)])
    count = 0
    with write(db):
        for student_id in dict.fromkeys(ids):
            change_status(db, student_id, status, effective, note)
            count += 1
    return count


def status_history(db: Database, student_id: int) -> list[StatusChange]:
    """A student's status changes, oldest first."""
    return [from_row(StatusChange, r) for r in db.query(
        "SELECT * FROM student_status_history WHERE student_id = ? ORDER BY effective_date, id", [student_id])]


@dataclass(frozen=True, slots=True)
class StudentClass:
    """A class a student is or was placed in, for the record editor's Training page."""

    designator: str
    course_code: str
    course_title: str
    status: str
    start_date: str
    end_date: str


def student_classes(db: Database, student_id: int) -> list[StudentClass]:
    """The classes a student is or was placed in, latest first."""
    return [StudentClass(*(("" if v is None else str(v)) for v in r)) for r in db.execute(
        "SELECT cl.designator, co.code, co.title, e.status, cl.start_date, cl.end_date FROM enrollments e "
        "JOIN classes cl ON cl.id = e.class_id JOIN courses co ON co.id = cl.course_id "
        "WHERE e.student_id = ? ORDER BY cl.start_date DESC, cl.id DESC", [student_id])]


# --- archive and delete ------------------------------------------------------------------------------------

class DeleteRefusedError(StoreError):
    """Students that cannot be deleted for good (not archived, or records elsewhere depend on them)."""


def archive_students(db: Database, ids: Iterable[int]) -> None:
    """Hide students from the default roster (restorable)."""
    with write(db):
        for sid in ids:
            db.execute("UPDATE students SET archived_at = ? WHERE id = ? AND archived_at IS NULL",
                       [now_text(), sid])
            audit(db, "students", sid, "archive")


def restore_students(db: Database, ids: Iterable[int]) -> None:
    """Bring archived students back to the roster."""
    with write(db):
        for sid in ids:
            db.execute("UPDATE students SET archived_at = NULL WHERE id = ?", [sid])
            audit(db, "students", sid, "restore")


_KEEPERS = {
    "inductions": "is on the Honor Roll",
    "ceremony_inductees": "is on a ceremony",
}


def _blocking_references(db: Database, ids: Sequence[int]) -> dict[int, list[str]]:
    """For each student: the records elsewhere that would stop its deletion (foreign keys that do not cascade)."""
    found: dict[int, list[str]] = {}
    marks = ",".join("?" * len(ids))
    for table in db.table_names():
        for fk in db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
            if fk[2] != "students" or str(fk[6]).upper() in {"CASCADE", "SET NULL"}:
                continue
            reason = _KEEPERS.get(table, f"has {table.replace('_', ' ')} records")
            for (student_id,) in db.execute(f"SELECT DISTINCT [{fk[3]}] FROM [{table}] WHERE [{fk[3]}] IN ({marks})",
                                            list(ids)):
                found.setdefault(int(student_id), []).append(reason)
    return found


def delete_students(db: Database, ids: Iterable[int]) -> int:
    """Delete archived students for good, with everything recorded about them; returns how many.

    Only from the archive: a student not archived is refused, and so is one that other records
    (the Honor Roll, a ceremony) still name. Nothing is deleted when any student is refused.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return 0
    with write(db):
        marks = ",".join("?" * len(wanted))
        rows = {int(r[0]): (str(r[1]), str(r[2]), r[3]) for r in db.execute(
            f"SELECT id, legal_family_name, legal_given_names, archived_at FROM students WHERE id IN ({marks})",
            wanted)}
        missing = [i for i in wanted if i not in rows]
        if missing:
            raise RecordNotFoundError(f"there is no student with id {missing[0]}")
        current = [i for i in wanted if rows[i][2] is None]
        if current:
            raise DeleteRefusedError(f"{_named(rows, current)} {'is' if len(current) == 1 else 'are'} not archived: "
                                     "archive first, then delete from the archive")
        blocked = _blocking_references(db, wanted)
        if blocked:
            examples = "; ".join(f"#{sid} {_named(rows, [sid])} ({', '.join(r)})" for sid, r in
                                 sorted(blocked.items())[:5])
            raise DeleteRefusedError(f"{len(blocked)} of the students cannot be deleted: {examples}")
        for sid in wanted:
            family, given, _ = rows[sid]
            audit(db, "students", sid, "delete", {"legal_name": f"{family}, {given}" if given else family})
        db.execute(f"DELETE FROM students WHERE id IN ({marks})", wanted)
    return len(wanted)


def _named(rows: dict[int, tuple[str, str, object]], ids: Sequence[int]) -> str:
    names = [f"{rows[i][0]}, {rows[i][1]}" if rows[i][1] else rows[i][0] for i in ids[:3]]
    more = f" and {len(ids) - 3} more" if len(ids) > 3 else ""
    return "; ".join(names) + more

