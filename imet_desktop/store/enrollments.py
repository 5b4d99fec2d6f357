"""Placing students in classes: the rules at assignment, overrides, the waitlist and seat offers, outcomes.

Every placement goes through `domain.placement.check_placement`. A waivable objection needs an
override reason, stored on the enrollment with who (`db.current_user()`) and when. A full class
puts the student on its waitlist, in order; when a seat frees (an unassignment, a withdrawal, a
move, a larger capacity) the first waitlisted student is offered it, and the seat is held for them
until the clerk records their answer (`accept_seat` or `decline_seat`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain import dates
from imet_desktop.domain.names import legal_name
from imet_desktop.domain.placement import (
    ClassFacts,
    HeldEnrollment,
    PlacementCheck,
    Rule,
    StudentFacts,
    Verdict,
    check_placement,
)
from imet_desktop.domain.records import EnrollmentStatus, StudentStatus
from imet_desktop.store.courses import get_class, get_course, list_seminars
from imet_desktop.store.db import audit, current_user, now_text, write
from imet_desktop.store.errors import RecordNotFoundError, StoreError
from imet_desktop.store.seats import class_seats, next_waitlist_position, offer_free_seats, renumber_waitlist
from imet_desktop.store.students import change_status

ENROLLED = EnrollmentStatus.ENROLLED.value
WAITLISTED = EnrollmentStatus.WAITLISTED.value
COMPLETED = EnrollmentStatus.COMPLETED.value
WITHDRAWN = EnrollmentStatus.WITHDRAWN.value
ELIMINATED = EnrollmentStatus.ELIMINATED.value
OUTCOMES = (ENROLLED, COMPLETED, WITHDRAWN, ELIMINATED)

class PlacementRefused(StoreError):
    """The rules refuse the placement, or need an override reason; str() is the reason in plain words."""

    def __init__(self, check: PlacementCheck, verdict: Verdict) -> None:
        self.check = check
        self.verdict = verdict
        who, where = check.student.name, check.training_class.designator
        if verdict is Verdict.NEEDS_OVERRIDE:
            message = (f"{who} cannot be placed in {where} without an override: {check.explain()}. "
                       "The school may waive this with a reason")
        else:
            message = f"{who} cannot be placed in {where}: {check.explain()}"
        super().__init__(message)


class EnrollmentError(StoreError):
    """An enrollment cannot change as asked (wrong state); str() says why."""


@dataclass(frozen=True, slots=True)
class AssignResult:
    """What became of one student the clerk assigned."""

    student_id: int
    student_name: str
    class_id: int
    verdict: Verdict
    check: PlacementCheck
    enrollment_id: int | None = None
    waitlist_position: int | None = None

    @property
    def placed(self) -> bool:
        """True when the student holds a seat or a waitlist place."""
        return self.verdict in (Verdict.ENROLL, Verdict.WAITLIST)

    def describe(self) -> str:
        """One line for the clerk."""
        where = self.check.training_class.designator
        if self.verdict is Verdict.ENROLL:
            return f"{self.student_name} placed in {where}"
        if self.verdict is Verdict.WAITLIST:
            return f"{self.student_name} is number {self.waitlist_position} on the waitlist of {where} (class full)"
        if self.verdict is Verdict.NEEDS_OVERRIDE:
            return f"{self.student_name} needs an override: {self.check.explain()}"
        return f"{self.student_name} cannot be placed: {self.check.explain()}"


# --- facts for the rules --------------------------------------------------------------------------------------

def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def student_facts(db: Database, student_id: int) -> StudentFacts:
    """The student as the placement rules see them: status, ECL, departure date and enrollments."""
    row = db.execute("SELECT legal_family_name, legal_given_names, status, ecl_score, departure_date FROM students "
                     "WHERE id = ?", [student_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no student with id {student_id}")
    held = tuple(HeldEnrollment(int(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]), _date(r[5]), _date(r[6]))
                 for r in db.execute(
                     "SELECT e.id, e.class_id, cl.designator, co.code, e.status, cl.start_date, cl.end_date "
                     "FROM enrollments e JOIN classes cl ON cl.id = e.class_id JOIN courses co ON co.id = cl.course_id "
                     "WHERE e.student_id = ? ORDER BY cl.start_date", [student_id]))
    return StudentFacts(student_id, legal_name(str(row[0]), str(row[1])), str(row[2]), row[3], held, _date(row[4]))


def class_facts(db: Database, class_id: int) -> ClassFacts:
    """The class and its course as the placement rules see them."""
    training_class = get_class(db, class_id)
    course = get_course(db, training_class.course_id)
    seats = class_seats(db, class_id)
    return ClassFacts(class_id, training_class.designator, training_class.course_id, course.code,
                      training_class.start_date, training_class.end_date, training_class.capacity, seats.taken,
                      course.min_ecl, course.prerequisite_codes)


def check_assignment(db: Database, student_id: int, class_id: int, *, moving_enrollment_id: int | None = None,
                     today: dt.date | None = None) -> PlacementCheck:
    """What the rules say about placing this student in this class on today (default: today; nothing is written)."""
    return check_placement(student_facts(db, student_id), class_facts(db, class_id),
                           moving_enrollment_id=moving_enrollment_id, today=today or dates.today())


# --- assigning ----------------------------------------------------------------------------------------------

def _override_columns(check: PlacementCheck, reason: str) -> dict[str, object]:
    if not check.waivable:
        return {"override_reason": "", "override_by": "", "override_at": None}
    return {"override_reason": reason.strip(), "override_by": current_user(), "override_at": now_text()}


def _write_placement(db: Database, check: PlacementCheck, verdict: Verdict, reason: str, today: dt.date,
                     moving_enrollment_id: int | None = None) -> tuple[int, int | None]:
    """Insert (or take up again) the enrollment row; call inside a transaction. Returns (id, waitlist position)."""
    student_id, class_id = check.student.student_id, check.training_class.class_id
    position = next_waitlist_position(db, class_id) if verdict is Verdict.WAITLIST else None
    columns: dict[str, object] = {
        "status": WAITLISTED if position else ENROLLED, "waitlist_position": position,
        "enrolled_date": today.isoformat(), "outcome_date": None, "distinction": "", "note": "",
        "seminar_id": None, "seat_offered_at": None, **_override_columns(check, reason)}
    existing = db.execute("SELECT id FROM enrollments WHERE student_id = ? AND class_id = ?",
                          [student_id, class_id]).fetchone()
    if moving_enrollment_id is not None:
        db.table("enrollments").update(moving_enrollment_id, {"class_id": class_id, **columns})
        enrollment_id = moving_enrollment_id
    elif existing is not None:  # a withdrawn or eliminated enrollment taken up again
        enrollment_id = int(existing[0])
        db.table("enrollments").update(enrollment_id, columns)
    else:
        enrollment_id = int(db.table("enrollments").insert(
            {"student_id": student_id, "class_id": class_id, **columns}).last_rowid or 0)
    return enrollment_id, position


def _audit_placement(db: Database, enrollment_id: int, action: str, check: PlacementCheck, reason: str,
                     position: int | None, extra: Mapping[str, object] | None = None) -> None:
    details: dict[str, object] = {"student_id": check.student.student_id,
                                  "class": check.training_class.designator}
    if position:
        details["waitlist_position"] = position
    if check.waivable:
        details["override"] = {"reason": reason.strip(), "waived": [f.reason for f in check.waivable]}
    details.update(extra or {})
    audit(db, "enrollments", enrollment_id, action, details)


def try_assign(db: Database, student_id: int, class_id: int, *, override_reason: str = "",
               today: dt.date | None = None) -> AssignResult:
    """Place a student if the rules allow (with the override reason for waivable ones); never raises for a rule."""
    today = today or dates.today()
    check = check_assignment(db, student_id, class_id, today=today)
    verdict = check.verdict(override_reason)
    if verdict in (Verdict.REFUSED, Verdict.NEEDS_OVERRIDE):
        return AssignResult(student_id, check.student.name, class_id, verdict, check)
    with write(db):
        enrollment_id, position = _write_placement(db, check, verdict, override_reason, today)
        _audit_placement(db, enrollment_id, "assign", check, override_reason, position)
    return AssignResult(student_id, check.student.name, class_id, verdict, check, enrollment_id, position)


def assign(db: Database, student_id: int, class_id: int, *, override_reason: str = "",
           today: dt.date | None = None) -> AssignResult:
    """Place a student in a class (or on its waitlist); raises PlacementRefused with the rules' reasons."""
    result = try_assign(db, student_id, class_id, override_reason=override_reason, today=today)
    if not result.placed:
        raise PlacementRefused(result.check, result.verdict)
    return result


def assign_many(db: Database, student_ids: Iterable[int], class_id: int, *, override_reason: str = "",
                today: dt.date | None = None) -> list[AssignResult]:
    """Place several students, each on their own: those the rules allow are placed, the rest say why."""
    return [try_assign(db, sid, class_id, override_reason=override_reason, today=today)
            for sid in dict.fromkeys(student_ids)]


def _enrollment(db: Database, enrollment_id: int) -> dict[str, object]:
    rows = list(db.query("SELECT e.*, cl.designator FROM enrollments e JOIN classes cl ON cl.id = e.class_id "
                         "WHERE e.id = ?", [enrollment_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no enrollment with id {enrollment_id}")
    return rows[0]


def _student_name(db: Database, student_id: int) -> str:
    row = db.execute("SELECT legal_family_name, legal_given_names FROM students WHERE id = ?", [student_id]).fetchone()
    return legal_name(str(row[0]), str(row[1])) if row else f"student {student_id}"


def unassign(db: Database, enrollment_id: int) -> list[int]:
    """Take a student out of a class or its waitlist; returns the enrollments offered the freed seat.

    A completed, withdrawn or eliminated enrollment is a record of what happened and stays.
    """
    row = _enrollment(db, enrollment_id)
    if row["status"] not in (ENROLLED, WAITLISTED):
        raise EnrollmentError(f"{_student_name(db, int(str(row['student_id'])))} is {str(row['status']).lower()} "
                              f"in {row['designator']}; record another outcome instead of unassigning")
    class_id = int(str(row["class_id"]))
    with write(db):
        db.execute("DELETE FROM enrollments WHERE id = ?", [enrollment_id])
        renumber_waitlist(db, class_id)
        audit(db, "enrollments", enrollment_id, "unassign",
              {"student_id": row["student_id"], "class": row["designator"], "status": row["status"],
               "override_reason": row["override_reason"]})
        offered = offer_free_seats(db, class_id)
    return offered


def move(db: Database, enrollment_id: int, to_class_id: int, *, override_reason: str = "",
         today: dt.date | None = None) -> AssignResult:
    """Move an enrolled or waitlisted student to another class, checking the rules there; frees the old seat."""
    row = _enrollment(db, enrollment_id)
    if row["status"] not in (ENROLLED, WAITLISTED):
        raise EnrollmentError(f"only enrolled or waitlisted students can be moved; this one is "
                              f"{str(row['status']).lower()} in {row['designator']}")
    from_class = int(str(row["class_id"]))
    student_id = int(str(row["student_id"]))
    if from_class == to_class_id:
        raise EnrollmentError(f"{_student_name(db, student_id)} is already in {row['designator']}")
    today = today or dates.today()
    check = check_assignment(db, student_id, to_class_id, moving_enrollment_id=enrollment_id, today=today)
    verdict = check.verdict(override_reason)
    if verdict in (Verdict.REFUSED, Verdict.NEEDS_OVERRIDE):
        raise PlacementRefused(check, verdict)
    with write(db):
        # A withdrawn row of the same student in the target class would break UNIQUE(student_id, class_id).
        db.execute("DELETE FROM enrollments WHERE student_id = ? AND class_id = ? AND id <> ? "
                   "AND status IN ('Withdrawn', 'Eliminated')", [student_id, to_class_id, enrollment_id])
        new_id, position = _write_placement(db, check, verdict, override_reason, today,
                                            moving_enrollment_id=enrollment_id)
        renumber_waitlist(db, from_class)
        _audit_placement(db, new_id, "move", check, override_reason, position, {"from": row["designator"]})
        offer_free_seats(db, from_class)
    return AssignResult(student_id, check.student.name, to_class_id, verdict, check, new_id, position)


# --- the waitlist ---------------------------------------------------------------------------------------------

def accept_seat(db: Database, enrollment_id: int, *, override_reason: str = "",
                today: dt.date | None = None) -> None:
    """The waitlisted student takes the seat offered: enrolled now (the rules are checked again)."""
    row = _enrollment(db, enrollment_id)
    if row["status"] != WAITLISTED or not row["seat_offered_at"]:
        raise EnrollmentError(f"{_student_name(db, int(str(row['student_id'])))} has not been offered a seat "
                              f"in {row['designator']}")
    class_id = int(str(row["class_id"]))
    today = today or dates.today()
    check = check_assignment(db, int(str(row["student_id"])), class_id, moving_enrollment_id=enrollment_id,
                             today=today)
    # The offered seat is the student's own: it counts among the seats taken, so "full" does not apply.
    check = PlacementCheck(check.student, check.training_class,
                           tuple(f for f in check.findings if f.rule is not Rule.CLASS_FULL))
    reason = override_reason or str(row["override_reason"] or "")
    verdict = check.verdict(reason)
    if verdict in (Verdict.REFUSED, Verdict.NEEDS_OVERRIDE):
        raise PlacementRefused(check, verdict)
    columns: dict[str, object] = {"status": ENROLLED, "waitlist_position": None, "seat_offered_at": None,
                                  "enrolled_date": today.isoformat()}
    if override_reason:
        columns.update(_override_columns(check, override_reason))
    with write(db):
        db.table("enrollments").update(enrollment_id, columns)
        renumber_waitlist(db, class_id)
        audit(db, "enrollments", enrollment_id, "seat accepted", {"class": row["designator"]})


def decline_seat(db: Database, enrollment_id: int, note: str = "") -> list[int]:
    """The waitlisted student turns the seat down and leaves the waitlist; the seat goes to the next one."""
    row = _enrollment(db, enrollment_id)
    if row["status"] != WAITLISTED:
        raise EnrollmentError(f"{_student_name(db, int(str(row['student_id'])))} is not on the waitlist of "
                              f"{row['designator']}")
    class_id = int(str(row["class_id"]))
    with write(db):
        db.execute("DELETE FROM enrollments WHERE id = ?", [enrollment_id])
        renumber_waitlist(db, class_id)
        audit(db, "enrollments", enrollment_id, "seat declined",
              {"student_id": row["student_id"], "class": row["designator"], "note": note})
        offered = offer_free_seats(db, class_id)
    return offered


def move_on_waitlist(db: Database, enrollment_id: int, position: int) -> None:
    """Put a waitlisted student at another place in the order (1 = first)."""
    row = _enrollment(db, enrollment_id)
    if row["status"] != WAITLISTED:
        raise EnrollmentError("only a waitlisted student has a place on the waitlist")
    class_id = int(str(row["class_id"]))
    ids = [int(r[0]) for r in db.execute("SELECT id FROM enrollments WHERE class_id = ? AND status = 'Waitlisted' "
                                         "ORDER BY waitlist_position, id", [class_id])]
    ids.remove(enrollment_id)
    ids.insert(max(0, min(len(ids), position - 1)), enrollment_id)
    with write(db):
        for n, eid in enumerate(ids, 1):
            db.execute("UPDATE enrollments SET waitlist_position = ? WHERE id = ?", [n, eid])
        audit(db, "enrollments", enrollment_id, "waitlist order", {"position": [row["waitlist_position"], position]})


# --- outcomes -------------------------------------------------------------------------------------------------

def _still_in_training(db: Database, student_id: int, except_enrollment: int) -> bool:
    row = db.execute("SELECT 1 FROM enrollments WHERE student_id = ? AND id <> ? AND status IN "
                     "('Enrolled', 'Waitlisted')", [student_id, except_enrollment]).fetchone()
    return row is not None


def record_outcome(db: Database, enrollment_id: int, status: str, outcome_date: dt.date | None, *,
                   distinction: str = "", note: str = "", update_student_status: bool = True) -> list[int]:
    """How an enrollment ended: Completed (with a graduation date and any distinction), Withdrawn or
    Eliminated (with a date and a note); Enrolled undoes an outcome recorded by mistake.

    With update_student_status, the student's own status follows (Withdrawn, Eliminated; Graduated
    when no other class is pending). Returns the waitlisted enrollments offered a seat that freed.
    """
    if status not in OUTCOMES:
        raise EnrollmentError(f"{status!r} is not an outcome; choose one of {', '.join(OUTCOMES)}")
    row = _enrollment(db, enrollment_id)
    student_id = int(str(row["student_id"]))
    class_id = int(str(row["class_id"]))
    name = _student_name(db, student_id)
    if row["status"] == WAITLISTED:
        raise EnrollmentError(f"{name} is on the waitlist of {row['designator']}; place or unassign them first")
    if status != ENROLLED and outcome_date is None:
        raise EnrollmentError(f"a {status.lower()} outcome needs its date")
    if status == ENROLLED and row["status"] != ENROLLED:
        seats = class_seats(db, class_id)
        if row["status"] in (WITHDRAWN, ELIMINATED) and seats.free == 0:
            raise EnrollmentError(f"{row['designator']} has no free seat to take {name} back")
    columns = {"status": status, "outcome_date": outcome_date.isoformat() if outcome_date else None,
               "distinction": distinction.strip() if status == COMPLETED else "", "note": note.strip()}
    before = {k: row[k] for k in columns}
    if before == columns:
        return []
    with write(db):
        db.table("enrollments").update(enrollment_id, columns)
        audit(db, "enrollments", enrollment_id, "outcome",
              {k: [before[k], columns[k]] for k in columns if before[k] != columns[k]})
        if update_student_status and outcome_date is not None:
            _follow_with_student_status(db, student_id, enrollment_id, status, outcome_date,
                                        f"{row['designator']}: {note}".rstrip(": "))
        offered = offer_free_seats(db, class_id) if status in (WITHDRAWN, ELIMINATED) else []
    return offered


def _follow_with_student_status(db: Database, student_id: int, enrollment_id: int, status: str, day: dt.date,
                                note: str) -> None:
    current = str(db.execute("SELECT status FROM students WHERE id = ?", [student_id]).fetchone()[0])
    if status in (WITHDRAWN, ELIMINATED):
        target = status
    elif status == COMPLETED and not _still_in_training(db, student_id, enrollment_id):
        target = StudentStatus.GRADUATED.value
    else:
        return
    if current != target:
        change_status(db, student_id, target, day, note)


def graduate_class(db: Database, class_id: int, graduation_date: dt.date, *,
                   exceptions: Iterable[int] = (), distinctions: Mapping[int, str] | None = None,
                   update_student_status: bool = True) -> list[int]:
    """Record every enrolled student of the class as completed on the graduation date, in one step.

    exceptions: enrollments left as they are (to record their own outcome); distinctions: enrollment
    id -> distinction (e.g. "Distinguished Graduate"). Returns the enrollments completed.
    """
    get_class(db, class_id)
    skip = set(exceptions)
    distinctions = dict(distinctions or {})
    ids = [int(r[0]) for r in db.execute("SELECT id FROM enrollments WHERE class_id = ? AND status = 'Enrolled' "
                                         "ORDER BY id", [class_id]) if int(r[0]) not in skip]
    with write(db):
        for enrollment_id in ids:
            record_outcome(db, enrollment_id, COMPLETED, graduation_date,
                           distinction=distinctions.get(enrollment_id, ""),
                           update_student_status=update_student_status)
        audit(db, "classes", class_id, "graduate",
              {"date": graduation_date.isoformat(), "completed": len(ids), "exceptions": sorted(skip)})
    return ids


def set_seminar(db: Database, enrollment_id: int, seminar_id: int | None) -> None:
    """Put an enrolled student in one of the class's seminars (None: no seminar)."""
    row = _enrollment(db, enrollment_id)
    if seminar_id is not None:
        found = db.execute("SELECT class_id FROM class_seminars WHERE id = ?", [seminar_id]).fetchone()
        if found is None or int(found[0]) != int(str(row["class_id"])):
            raise EnrollmentError(f"seminar {seminar_id} is not a seminar of {row['designator']}")
    if row["seminar_id"] == seminar_id:
        return
    with write(db):
        db.execute("UPDATE enrollments SET seminar_id = ? WHERE id = ?", [seminar_id, enrollment_id])
        audit(db, "enrollments", enrollment_id, "seminar", {"seminar_id": [row["seminar_id"], seminar_id]})


def spread_over_seminars(db: Database, class_id: int) -> int:
    """Put every enrolled student without a seminar into the emptiest seminar, spreading countries apart.

    Returns how many were placed in a seminar.
    """
    seminars = list_seminars(db, class_id)
    if not seminars:
        return 0
    load = {s.id: s.students for s in seminars}
    countries: dict[int, set[str]] = {s.id: set() for s in seminars}
    for seminar_id, code in db.execute(
            "SELECT e.seminar_id, coalesce(s.country_code, '') FROM enrollments e "
            "JOIN students s ON s.id = e.student_id WHERE e.class_id = ? AND e.seminar_id IS NOT NULL", [class_id]):
        countries[int(seminar_id)].add(str(code))
    waiting = list(db.execute(
        "SELECT e.id, coalesce(s.country_code, '') FROM enrollments e JOIN students s ON s.id = e.student_id "
        "WHERE e.class_id = ? AND e.status = 'Enrolled' AND e.seminar_id IS NULL "
        "ORDER BY s.country_code, s.legal_family_name", [class_id]))
    with write(db):
        for enrollment_id, code in waiting:
            best = min(load, key=lambda sid: (code in countries[sid] and code != "", load[sid], sid))
            db.execute("UPDATE enrollments SET seminar_id = ? WHERE id = ?", [best, enrollment_id])
            load[best] += 1
            countries[best].add(str(code))
        if waiting:
            audit(db, "classes", class_id, "seminars spread", {"students": len(waiting)})
    return len(waiting)


