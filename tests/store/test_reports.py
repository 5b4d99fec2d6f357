"""The reporting clock: what must be reported by when, in working days, and what is overdue or due this week."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from imet_desktop.store import reports as R
from imet_desktop.store.enrollments import assign, record_outcome
from imet_desktop.store.errors import ValidationError
from imet_desktop.store.students import change_status

from .placing import PLACED_ON, D, a_school, a_student

TODAY = D(2026, 6, 10)  # a Wednesday


def test_an_arrival_is_due_three_working_days_later(db: Database) -> None:
    sid = a_student(db, "MENSAH", arrival=D(2026, 6, 5))  # a Friday
    [report] = R.reports(db, TODAY)
    assert (report.kind, report.student_id, report.event_date, report.due_date) == \
        (R.ReportKind.ARRIVAL, sid, D(2026, 6, 5), D(2026, 6, 10))
    assert report.urgency(TODAY) is R.Urgency.DUE_THIS_WEEK
    assert report.when_text(TODAY) == "due today"
    assert report.urgency(D(2026, 6, 11)) is R.Urgency.OVERDUE
    assert report.when_text(D(2026, 6, 12)) == "2 working days overdue"


def test_status_changes_and_completions_are_reported_too(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH", arrival=D(2026, 6, 1))
    change_status(db, sid, "In training", D(2026, 6, 8), "IOS ACSC Prep 2026")
    enrollment = assign(db, sid, school.prep, today=PLACED_ON).enrollment_id or 0
    record_outcome(db, enrollment, "Completed", D(2026, 7, 17))
    found = R.reports(db, D(2026, 7, 20), R.ReportingRules(tracking_since=D(2026, 5, 1)))
    kinds = [(r.kind.value, r.event_date, r.detail) for r in found]
    assert kinds == [
        ("arrival", D(2026, 6, 1), "Arrived"),
        ("status change", D(2026, 6, 8), "Status: In training (IOS ACSC Prep 2026)"),
        ("completion", D(2026, 7, 17), "Completed IOS ACSC Prep 2026"),
    ]


def test_the_days_allowed_are_configurable_per_kind(db: Database) -> None:
    a_student(db, "MENSAH", arrival=D(2026, 6, 5))
    R.save_reporting_rules(db, R.ReportingRules(arrival_days=5, tracking_since=D(2026, 1, 1)))
    rules = R.load_reporting_rules(db)
    assert (rules.arrival_days, rules.tracking_since) == (5, D(2026, 1, 1))
    assert R.reports(db, TODAY)[0].due_date == D(2026, 6, 12)
    with pytest.raises(ValidationError, match="0 to 60"):
        R.save_reporting_rules(db, R.ReportingRules(completion_days=-1))


def test_events_before_the_clock_starts_are_not_listed(db: Database) -> None:
    a_student(db, "OLD", arrival=D(2020, 1, 6))
    a_student(db, "NEW", arrival=D(2026, 6, 5))
    assert [r.legal_name for r in R.reports(db, TODAY)] == ["NEW, Kwame"]  # default: the last 90 days
    rules = R.ReportingRules(tracking_since=D(2019, 1, 1))
    assert len(R.reports(db, TODAY, rules)) == 2


def test_pending_reports_are_the_overdue_and_this_weeks_and_a_filed_one_leaves(db: Database) -> None:
    a_student(db, "LATE", arrival=D(2026, 6, 1))  # due 4 June: overdue
    a_student(db, "NOW", arrival=D(2026, 6, 8))  # due 11 June: this week
    a_student(db, "NEXT", arrival=D(2026, 6, 10))  # due 15 June: next week
    pending = R.pending_reports(db, TODAY)
    assert [r.legal_name for r in pending] == ["LATE, Kwame", "NOW, Kwame"]
    assert R.mark_reported(db, pending[:1], TODAY) == 1
    assert R.mark_reported(db, pending[:1], TODAY) == 0  # once only
    assert [r.legal_name for r in R.pending_reports(db, TODAY)] == ["NOW, Kwame"]
    filed = [r for r in R.reports(db, TODAY) if r.filed_on]
    assert filed[0].urgency(TODAY) is R.Urgency.FILED and filed[0].filed_on == TODAY
    R.unmark_reported(db, filed)
    assert len(R.pending_reports(db, TODAY)) == 2


def test_an_unreadable_saved_rule_falls_back_to_the_defaults(db: Database) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [R.SETTINGS_KEY, "{not json"])
    assert R.load_reporting_rules(db) == R.ReportingRules()
