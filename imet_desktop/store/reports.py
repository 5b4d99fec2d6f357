"""The reporting clock (what must be reported, by when), and the academic reports' data.

Each arrival, status change and completion must be reported within a number of working days
(weekends and US federal holidays skipped; 3 by default, configurable per kind). The clock looks
at events since a start date (so decades of history imported from older records do not all show
as overdue), and a report marked as filed leaves the list.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from imet_desktop.domain.calendar import add_working_days, week_of, working_days_between
from imet_desktop.domain.names import legal_name
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import EnrollmentStatus
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.reading import Reads

if TYPE_CHECKING:
    from sqlite_utils import Database

SETTINGS_KEY = "reporting_clock"  # a key of its own in the settings table (store.settings ignores it)
DEFAULT_WORKING_DAYS = 3
DEFAULT_LOOKBACK_DAYS = 90
MAX_WORKING_DAYS = 60


class ReportKind(StrEnum):
    """What happened that must be reported."""

    ARRIVAL = "arrival"
    STATUS_CHANGE = "status change"
    COMPLETION = "completion"


class Urgency(StrEnum):
    """Where a report stands against its due date."""

    OVERDUE = "Overdue"
    DUE_THIS_WEEK = "Due this week"
    LATER = "Due later"
    FILED = "Reported"


@dataclass(frozen=True, slots=True)
class ReportingRules:
    """Working days allowed for each kind of report, and the day the clock starts looking."""

    arrival_days: int = DEFAULT_WORKING_DAYS
    status_change_days: int = DEFAULT_WORKING_DAYS
    completion_days: int = DEFAULT_WORKING_DAYS
    tracking_since: dt.date | None = None  # None: the last DEFAULT_LOOKBACK_DAYS days

    def days_for(self, kind: ReportKind) -> int:
        """Working days allowed for a kind of report."""
        return {ReportKind.ARRIVAL: self.arrival_days, ReportKind.STATUS_CHANGE: self.status_change_days,
                ReportKind.COMPLETION: self.completion_days}[kind]

    def since(self, today: dt.date) -> dt.date:
        """The first event date the clock looks at."""
        return self.tracking_since or today - dt.timedelta(days=DEFAULT_LOOKBACK_DAYS)


@dataclass(frozen=True, slots=True)
class DueReport:
    """One event and its report: due when, and whether it has been filed."""

    kind: ReportKind
    ref_id: int
    student_id: int
    legal_name: str
    country_code: str
    event_date: dt.date
    detail: str
    due_date: dt.date
    filed_on: dt.date | None = None
    filed_by: str = ""

    def urgency(self, today: dt.date) -> Urgency:
        """Overdue, due this week, due later, or already reported."""
        if self.filed_on is not None:
            return Urgency.FILED
        if self.due_date < today:
            return Urgency.OVERDUE
        if self.due_date <= week_of(today)[1]:
            return Urgency.DUE_THIS_WEEK
        return Urgency.LATER

    def due_within(self, today: dt.date, days: int) -> bool:
        """Not yet reported, not overdue, and due within the next `days` days (the Overview's deadline)."""
        return self.filed_on is None and today <= self.due_date <= today + dt.timedelta(days=days)

    def when_text(self, today: dt.date) -> str:
        """'2 working days overdue', 'due today', 'due in 3 working days', 'reported 05 JUN 2026'."""
        from imet_desktop.domain.dates import format_date

        if self.filed_on is not None:
            return f"reported {format_date(self.filed_on)}" + (f" by {self.filed_by}" if self.filed_by else "")
        days = working_days_between(today, self.due_date)
        if self.due_date == today:
            return "due today"
        if self.due_date < today:
            late = max(1, -days)
            return f"{late} working day{'s' if late != 1 else ''} overdue"
        return f"due in {days} working day{'s' if days != 1 else ''}" if days else "due next working day"


def validate_rules(rules: ReportingRules) -> list[Problem]:
    """Every problem with the reporting rules."""
    problems = []
    for label, days in (("Arrival", rules.arrival_days), ("Status change", rules.status_change_days),
                        ("Completion", rules.completion_days)):
        if not 0 <= days <= MAX_WORKING_DAYS:
            problems.append(Problem(f"{label} report", days, f"must be 0 to {MAX_WORKING_DAYS} working days"))
    return problems


def load_reporting_rules(db: Reads) -> ReportingRules:
    """The office's reporting rules (defaults for anything not saved or unreadable)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [SETTINGS_KEY]).fetchone()
    if row is None:
        return ReportingRules()
    try:
        saved = json.loads(row[0])
        since = saved.get("tracking_since")
        rules = ReportingRules(int(saved.get("arrival_days", DEFAULT_WORKING_DAYS)),
                               int(saved.get("status_change_days", DEFAULT_WORKING_DAYS)),
                               int(saved.get("completion_days", DEFAULT_WORKING_DAYS)),
                               dt.date.fromisoformat(since) if since else None)
    except (ValueError, TypeError, AttributeError):
        return ReportingRules()
    return rules if not validate_rules(rules) else ReportingRules()


def save_reporting_rules(db: Database, rules: ReportingRules) -> None:
    """Save the reporting rules (audited)."""
    from imet_desktop.store.db import audit, write  # here: the Overview's count reads this without sqlite-utils

    problems = validate_rules(rules)
    if problems:
        raise ValidationError(list(problems))
    before = load_reporting_rules(db)
    value = {"arrival_days": rules.arrival_days, "status_change_days": rules.status_change_days,
             "completion_days": rules.completion_days,
             "tracking_since": rules.tracking_since.isoformat() if rules.tracking_since else None}
    with write(db):
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [SETTINGS_KEY, json.dumps(value)])
        audit(db, "settings", None, "update", {SETTINGS_KEY: [str(before), value]})


_EVENTS_SQL = """
SELECT 'arrival', s.id, s.id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''),
       s.arrival_date, 'Arrived' || CASE WHEN s.arrival_airport <> '' THEN ' at ' || s.arrival_airport ELSE '' END
FROM students s
WHERE s.arrival_date BETWEEN :since AND :today AND s.archived_at IS NULL
UNION ALL
SELECT 'status change', h.id, s.id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''),
       h.effective_date, 'Status: ' || h.status || CASE WHEN h.note <> '' THEN ' (' || h.note || ')' ELSE '' END
FROM student_status_history h JOIN students s ON s.id = h.student_id
WHERE h.effective_date BETWEEN :since AND :today AND s.archived_at IS NULL
  AND h.status NOT IN ('Projected', 'Arrived', 'Graduated') AND h.note <> 'record opened'
UNION ALL
SELECT 'completion', e.id, s.id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''),
       e.outcome_date, 'Completed ' || cl.designator || CASE WHEN e.distinction <> '' THEN ', ' || e.distinction
                                                          ELSE '' END
FROM enrollments e JOIN students s ON s.id = e.student_id JOIN classes cl ON cl.id = e.class_id
WHERE e.status = 'Completed' AND e.outcome_date BETWEEN :since AND :today AND s.archived_at IS NULL
"""


def reports(db: Reads, today: dt.date | None = None, rules: ReportingRules | None = None) -> list[DueReport]:
    """Every reportable event since the clock's start, filed or not, by due date."""
    today = today or dt.date.today()
    rules = rules or load_reporting_rules(db)
    filed = {(str(r[0]), int(r[1])): (dt.date.fromisoformat(r[2]), str(r[3])) for r in db.execute(
        "SELECT kind, ref_id, filed_on, filed_by FROM report_filings")}
    found = []
    for kind_text, ref_id, sid, family, given, country, day, detail in db.execute(
            _EVENTS_SQL, {"since": rules.since(today).isoformat(), "today": today.isoformat()}):
        kind = ReportKind(kind_text)
        event_date = dt.date.fromisoformat(day)
        filed_on, filed_by = filed.get((kind.value, int(ref_id)), (None, ""))
        found.append(DueReport(kind, int(ref_id), int(sid), legal_name(str(family), str(given)),
                               str(country), event_date, str(detail),
                               add_working_days(event_date, rules.days_for(kind)), filed_on, filed_by))
    found.sort(key=lambda r: (r.due_date, r.event_date, r.legal_name.casefold(), r.kind.value))
    return found


def pending_reports(db: Database, today: dt.date | None = None,
                    rules: ReportingRules | None = None) -> list[DueReport]:
    """What is overdue or due this week and not yet reported, oldest due first."""
    today = today or dt.date.today()
    return [r for r in reports(db, today, rules)
            if r.urgency(today) in (Urgency.OVERDUE, Urgency.DUE_THIS_WEEK)]


def mark_reported(db: Database, items: Iterable[DueReport], filed_on: dt.date, note: str = "") -> int:
    """Record these reports as filed on a date, by the current user; returns how many were newly marked."""
    from imet_desktop.store.db import audit, current_user, now_text, write

    marked = 0
    user = current_user()
    with write(db):
        for r in items:
            cursor = db.execute(
                "INSERT INTO report_filings (kind, ref_id, student_id, event_date, filed_on, filed_by, recorded_at, "
                "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(kind, ref_id) DO NOTHING",
                [r.kind.value, r.ref_id, r.student_id, r.event_date.isoformat(), filed_on.isoformat(), user,
                 now_text(), note])
            if cursor.rowcount:
                marked += 1
                audit(db, "report_filings", r.student_id, "reported",
                      {"kind": r.kind.value, "ref_id": r.ref_id, "filed_on": filed_on.isoformat()})
    return marked


def unmark_reported(db: Database, items: Iterable[DueReport]) -> None:
    """Take back a report marked as filed by mistake."""
    from imet_desktop.store.db import audit, write

    with write(db):
        for r in items:
            db.execute("DELETE FROM report_filings WHERE kind = ? AND ref_id = ?", [r.kind.value, r.ref_id])
            audit(db, "report_filings", r.student_id, "unreported", {"kind": r.kind.value, "ref_id": r.ref_id})


# --- printouts ----------------------------------------------------------------------------------------------------

def completed_student_ids(db: Database, class_id: int) -> list[int]:
    """The students who completed the class (its graduates), for their certificates."""
    return [int(r[0]) for r in db.execute(
        "SELECT student_id FROM enrollments WHERE class_id = ? AND status = ? ORDER BY student_id",
        [class_id, EnrollmentStatus.COMPLETED.value])]


def reported_enrollment_ids(db: Database, class_id: int) -> list[int]:
    """The class's enrollments that get an academic report (all but the waitlist), by the students' legal names."""
    from imet_desktop.store.courses import get_class

    get_class(db, class_id)
    return [int(r[0]) for r in db.execute(
        "SELECT e.id FROM enrollments e JOIN students s ON s.id = e.student_id WHERE e.class_id = ? "
        "AND e.status <> ? ORDER BY s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE",
        [class_id, EnrollmentStatus.WAITLISTED.value])]


def enrollment_of(db: Database, enrollment_id: int) -> tuple[int, int]:
    """(student id, class id) of an enrollment."""
    row = db.execute("SELECT student_id, class_id FROM enrollments WHERE id = ?", [enrollment_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no enrollment with id {enrollment_id}")
    return int(row[0]), int(row[1])
