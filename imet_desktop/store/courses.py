"""Courses and their classes: the catalogue, prerequisites, and each class's head counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import Course, TrainingClass
from imet_desktop.domain.validation import validate_class, validate_course
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.db import audit, fetch_record, insert_record, write
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.seats import offer_free_seats
from imet_desktop.store.versions import check_version


@dataclass(frozen=True, slots=True)
class ClassRow:
    """What the classes list shows for one class."""

    id: int
    course_id: int
    course_code: str
    course_title: str
    designator: str
    start_date: str
    end_date: str
    capacity: int | None
    location: str
    enrolled: int
    completed: int
    waitlisted: int


_COURSE_COLUMNS = ("code", "title", "masl_id", "min_ecl", "length_weeks", "in_residence")


def _prerequisites(db: Database) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for course_id, code in db.execute(
            "SELECT p.course_id, c.code FROM course_prerequisites p JOIN courses c ON c.id = p.prerequisite_id "
            "ORDER BY c.code"):
        found.setdefault(int(course_id), []).append(str(code))
    return {k: tuple(v) for k, v in found.items()}


def _course(row: dict[str, object], prerequisites: dict[int, tuple[str, ...]]) -> Course:
    course = from_row(Course, row)
    course.prerequisite_codes = prerequisites.get(int(course.id or 0), ())
    return course


def list_courses(db: Database) -> list[Course]:
    """Every course in the catalogue, by code, with its prerequisite codes."""
    prerequisites = _prerequisites(db)
    return [_course(r, prerequisites) for r in db.query("SELECT * FROM courses ORDER BY code COLLATE NOCASE")]


def get_course(db: Database, course_id: int) -> Course:
    """One course with its prerequisite codes."""
    rows = list(db.query("SELECT * FROM courses WHERE id = ?", [course_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no course with id {course_id}")
    return _course(rows[0], _prerequisites(db))


def course_id_by_code(db: Database, code: str) -> int | None:
    """The id of the course with this code, or None."""
    row = db.execute("SELECT id FROM courses WHERE code = ?", [code]).fetchone()
    return None if row is None else int(row[0])


def _check_course(db: Database, course: Course) -> list[int]:
    """Validate and resolve the prerequisite codes to ids; raises ValidationError with every problem."""
    problems = list(validate_course(course))
    row = db.execute("SELECT id FROM courses WHERE code = ? AND id IS NOT ?", [course.code, course.id]).fetchone()
    if row is not None:
        problems.append(Problem("Code", course.code, "is already used by another course"))
    prerequisite_ids: list[int] = []
    for code in dict.fromkeys(course.prerequisite_codes):
        if code == course.code:
            continue  # validate_course has said so already
        found = course_id_by_code(db, code)
        if found is None:
            problems.append(Problem("Prerequisites", code, "is not a course in the catalogue"))
        else:
            prerequisite_ids.append(found)
    if problems:
        raise ValidationError(list(problems))
    return prerequisite_ids


def _course_columns(course: Course) -> dict[str, object]:
    row = to_row(course, exclude=("id", "prerequisite_codes"))
    return {k: row[k] for k in _COURSE_COLUMNS}


def add_course(db: Database, course: Course) -> int:
    """Add a course to the catalogue with its prerequisites; returns its id."""
    prerequisite_ids = _check_course(db, course)
    with write(db):
        course_id = int(db.table("courses").insert(_course_columns(course)).last_rowid or 0)
        for pid in prerequisite_ids:
            db.execute("INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES (?, ?)", [course_id, pid])
        audit(db, "courses", course_id, "insert",
              {"code": course.code, "prerequisites": list(course.prerequisite_codes)})
    return course_id


def update_course(db: Database, course: Course) -> None:
    """Save changes to a course, prerequisites included; the audit log keeps old and new values."""
    if course.id is None:
        raise ValueError("update_course needs a course with an id")
    before = get_course(db, course.id)
    prerequisite_ids = _check_course(db, course)
    old, new = _course_columns(before), _course_columns(course)
    changes: dict[str, object] = {k: [old[k], new[k]] for k in new if old[k] != new[k]}
    if set(before.prerequisite_codes) != set(course.prerequisite_codes):
        changes["prerequisites"] = [list(before.prerequisite_codes), sorted(set(course.prerequisite_codes))]
    if not changes:
        return
    with write(db):
        check_version(db, "courses", course.id, course.version, f"the course {course.code}")
        db.table("courses").update(course.id, new)
        db.execute("DELETE FROM course_prerequisites WHERE course_id = ?", [course.id])
        for pid in prerequisite_ids:
            db.execute("INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES (?, ?)",
                       [course.id, pid])
        audit(db, "courses", course.id, "update", changes)


_CLASS_ROWS_SQL = """
SELECT cl.id, cl.course_id, co.code, co.title, cl.designator, coalesce(cl.start_date, ''),
       coalesce(cl.end_date, ''), cl.capacity, cl.location,
       coalesce(sum(e.status = 'Enrolled'), 0), coalesce(sum(e.status = 'Completed'), 0),
       coalesce(sum(e.status = 'Waitlisted'), 0)
FROM classes cl
JOIN courses co ON co.id = cl.course_id
LEFT JOIN enrollments e ON e.class_id = cl.id
{where}
GROUP BY cl.id
ORDER BY cl.start_date IS NULL, cl.start_date DESC, cl.designator COLLATE NOCASE
"""


def list_classes(db: Database, course_id: int | None = None) -> list[ClassRow]:
    """Every class (or one course's), newest start first, with enrolled/completed/waitlisted counts."""
    where, params = ("WHERE cl.course_id = ?", [course_id]) if course_id is not None else ("", [])
    return [ClassRow(*r) for r in db.execute(_CLASS_ROWS_SQL.format(where=where), params)]


def get_class(db: Database, class_id: int) -> TrainingClass:
    """One class."""
    return fetch_record(db, TrainingClass, "classes", class_id, f"there is no class with id {class_id}")


def _check_class(db: Database, training_class: TrainingClass) -> None:
    problems = list(validate_class(training_class))
    if db.execute("SELECT 1 FROM courses WHERE id = ?", [training_class.course_id]).fetchone() is None:
        problems.append(Problem("Course", training_class.course_id, "is not a course in the catalogue"))
    row = db.execute("SELECT 1 FROM classes WHERE designator = ? AND id IS NOT ?",
                     [training_class.designator, training_class.id]).fetchone()
    if row is not None:
        problems.append(Problem("Designator", training_class.designator, "is already used by another class"))
    if problems:
        raise ValidationError(list(problems))


def add_class(db: Database, training_class: TrainingClass) -> int:
    """Add a class (an offering of a course); returns its id."""
    _check_class(db, training_class)
    # refused: a concurrent writer beat the checks above
    return insert_record(db, "classes", to_row(training_class),
                         {"designator": training_class.designator, "course_id": training_class.course_id},
                         refused=("Class", training_class.designator))


def update_class(db: Database, training_class: TrainingClass) -> None:
    """Save changes to a class; the audit log keeps old and new values."""
    if training_class.id is None:
        raise ValueError("update_class needs a class with an id")
    before = get_class(db, training_class.id)
    _check_class(db, training_class)
    old, new = to_row(before), to_row(training_class)
    changes = {k: [old[k], new[k]] for k in new if old[k] != new[k]}
    if not changes:
        return
    if "capacity" in changes and training_class.capacity is not None:
        seated = int(db.execute("SELECT count(*) FROM enrollments WHERE class_id = ? AND (status IN "
                                "('Enrolled', 'Completed') OR seat_offered_at IS NOT NULL)",
                                [training_class.id]).fetchone()[0])
        if training_class.capacity < seated:
            raise ValidationError([Problem("Capacity", training_class.capacity,
                                           f"is less than the {seated} seats already taken or offered")])
    with write(db):
        check_version(db, "classes", training_class.id, training_class.version,
                      f"the class {training_class.designator}")
        db.table("classes").update(training_class.id, new)
        audit(db, "classes", training_class.id, "update", changes)
        if "capacity" in changes:
            offer_free_seats(db, training_class.id)


@dataclass(frozen=True, slots=True)
class Seminar:
    """A seminar group within a class."""

    id: int
    class_id: int
    name: str
    students: int = 0


def list_seminars(db: Database, class_id: int) -> list[Seminar]:
    """A class's seminars in name order, with how many enrolled or completed students each holds."""
    return [Seminar(*r) for r in db.execute(
        "SELECT s.id, s.class_id, s.name, (SELECT count(*) FROM enrollments e WHERE e.seminar_id = s.id "
        "AND e.status IN ('Enrolled', 'Completed')) FROM class_seminars s WHERE s.class_id = ? "
        "ORDER BY s.name COLLATE NOCASE", [class_id])]


def set_seminars(db: Database, class_id: int, names: list[str]) -> None:
    """Make the class's seminars exactly these names: new ones added, missing ones removed.

    Students in a removed seminar keep their place in the class, with no seminar.
    """
    get_class(db, class_id)
    wanted = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    too_long = [n for n in wanted if len(n) > 100]
    if too_long:
        raise ValidationError([Problem("Seminar", too_long[0][:20], "is longer than 100 characters")])
    current = {s.name: s.id for s in list_seminars(db, class_id)}
    removed = [sid for name, sid in current.items() if name not in wanted]
    added = [n for n in wanted if n not in current]
    if not removed and not added:
        return
    with write(db):
        for sid in removed:
            db.execute("UPDATE enrollments SET seminar_id = NULL WHERE seminar_id = ?", [sid])
            db.execute("DELETE FROM class_seminars WHERE id = ?", [sid])
        for name in added:
            db.execute("INSERT INTO class_seminars (class_id, name) VALUES (?, ?)", [class_id, name])
        audit(db, "classes", class_id, "seminars",
              {"added": added, "removed": [n for n in current if n not in wanted]})


def delete_class(db: Database, class_id: int) -> None:
    """Remove a class that nobody was ever placed in (otherwise its records must stay)."""
    training_class = get_class(db, class_id)
    used = int(db.execute("SELECT count(*) FROM enrollments WHERE class_id = ?", [class_id]).fetchone()[0])
    if used:
        raise ValidationError([Problem("Class", training_class.designator,
                                       f"has {used} enrollment(s) and cannot be deleted; unassign them first")])
    with write(db):
        db.execute("DELETE FROM classes WHERE id = ?", [class_id])
        audit(db, "classes", class_id, "delete", {"designator": training_class.designator})


def delete_course(db: Database, course_id: int) -> None:
    """Remove a course that has no classes and is nobody's prerequisite."""
    course = get_course(db, course_id)
    problems: list[Problem] = []
    classes = int(db.execute("SELECT count(*) FROM classes WHERE course_id = ?", [course_id]).fetchone()[0])
    if classes:
        problems.append(Problem("Course", course.code, f"has {classes} class(es) and cannot be deleted"))
    needed_by = [str(r[0]) for r in db.execute(
        "SELECT c.code FROM course_prerequisites p JOIN courses c ON c.id = p.course_id "
        "WHERE p.prerequisite_id = ? ORDER BY c.code", [course_id])]
    if needed_by:
        problems.append(Problem("Course", course.code, "is a prerequisite of " + ", ".join(needed_by)))
    if problems:
        raise ValidationError(list(problems))
    with write(db):
        db.execute("DELETE FROM courses WHERE id = ?", [course_id])
        audit(db, "courses", course_id, "delete", {"code": course.code})


def save_class(db: Database, training_class: TrainingClass, seminars: list[str] | None = None) -> int:
    """Add (no id) or update a class and, when given, make its seminars these names: all or nothing."""
    with write(db):
        if training_class.id is None:
            class_id = add_class(db, training_class)
        else:
            update_class(db, training_class)
            class_id = training_class.id
        if seminars is not None:
            set_seminars(db, class_id, seminars)
    return class_id


def save_course(db: Database, course: Course) -> int:
    """Add (no id) or update a course; returns its id."""
    if course.id is None:
        return add_course(db, course)
    update_course(db, course)
    return course.id
