"""The day's list of student records whose status is due to move, for the clerk to move (nothing moves itself).

The office chose a daily list over moving statuses automatically: a class's start or end date is
planned, not proof that the officer attended, and the end of training needs the outcome the clerk
records (Graduated, Withdrawn or Eliminated: the reporting states). A student Projected or Arrived
whose class has started is due for In training; one In training whose last class has ended, with
none running or to come, is due for the outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.names import legal_name
from imet_desktop.domain.records import EnrollmentStatus, StudentStatus

OUTCOME = f"{StudentStatus.GRADUATED}, {StudentStatus.WITHDRAWN} or {StudentStatus.ELIMINATED}"


@dataclass(frozen=True, slots=True)
class StatusDue:
    """One student whose status is due to move, to what, and why."""

    student_id: int
    legal_name: str
    status: str
    due: str  # 'In training', or the outcome's choice
    why: str


_STARTED = """
SELECT s.id, s.legal_family_name, s.legal_given_names, s.status, cl.designator, min(cl.start_date)
FROM students s JOIN enrollments e ON e.student_id = s.id JOIN classes cl ON cl.id = e.class_id
WHERE s.archived_at IS NULL AND s.status IN (:projected, :arrived) AND e.status = :enrolled
  AND cl.start_date <= :today AND (cl.end_date IS NULL OR cl.end_date >= :today)
GROUP BY s.id ORDER BY s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE
"""

_ENDED = """
SELECT s.id, s.legal_family_name, s.legal_given_names, s.status, cl.designator, max(cl.end_date)
FROM students s JOIN enrollments e ON e.student_id = s.id JOIN classes cl ON cl.id = e.class_id
WHERE s.archived_at IS NULL AND s.status = :in_training AND cl.end_date < :today
  AND NOT EXISTS (SELECT 1 FROM enrollments e2 JOIN classes c2 ON c2.id = e2.class_id
                  WHERE e2.student_id = s.id AND e2.status IN (:enrolled, :waitlisted)
                    AND (c2.end_date IS NULL OR c2.end_date >= :today))
GROUP BY s.id ORDER BY s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE
"""


def status_due(db: Database, today: dt.date) -> list[StatusDue]:
    """The students whose status is due to move on today: In training first, then the outcomes."""
    values = {"projected": StudentStatus.PROJECTED.value, "arrived": StudentStatus.ARRIVED.value,
              "in_training": StudentStatus.IN_TRAINING.value, "enrolled": EnrollmentStatus.ENROLLED.value,
              "waitlisted": EnrollmentStatus.WAITLISTED.value, "today": today.isoformat()}
    due = [StatusDue(int(r[0]), legal_name(str(r[1]), str(r[2] or "")), str(r[3]), StudentStatus.IN_TRAINING.value,
                     f"{r[4]} started on {format_date(dt.date.fromisoformat(r[5]))}")
           for r in db.execute(_STARTED, values)]
    due += [StatusDue(int(r[0]), legal_name(str(r[1]), str(r[2] or "")), str(r[3]), OUTCOME,
                      f"{r[4]}, the last class, ended on {format_date(dt.date.fromisoformat(r[5]))}: record the "
                      "outcome")
            for r in db.execute(_ENDED, values)]
    return due
