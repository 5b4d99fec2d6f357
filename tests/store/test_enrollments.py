"""Placing students through the store: the rules, overrides with who and when, the waitlist, seat offers, outcomes."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlite_utils import Database

from imet_desktop.domain.placement import Rule, Verdict
from imet_desktop.domain.records import TrainingClass
from imet_desktop.store import class_lists as L
from imet_desktop.store import enrollments as E
from imet_desktop.store import seats as S
from imet_desktop.store.courses import add_class, get_class, update_class
from imet_desktop.store.errors import RecordNotFoundError
from imet_desktop.store.history import record_history
from imet_desktop.store.students import get_student, status_history, update_student

from .placing import PLACED_ON, D, a_school, a_student


def audit_actions(db: Database, table: str, row_id: int) -> list[str]:
    return [r[0] for r in db.execute("SELECT action FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id",
                                     [table, row_id])]


def test_a_student_who_meets_every_rule_is_placed_and_the_placement_audited(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH")
    result = E.assign(db, sid, school.prep, today=D(2026, 6, 2))
    assert result.verdict is Verdict.ENROLL and result.enrollment_id
    [entry] = L.class_roster(db, school.prep)
    assert (entry.student_id, entry.status, entry.enrolled_date) == (sid, "Enrolled", "2026-06-02")
    assert entry.override_reason == ""
    assert audit_actions(db, "enrollments", result.enrollment_id) == ["assign"]


def test_a_refused_placement_raises_with_the_rules_reason_and_writes_nothing(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH", 72)
    with pytest.raises(E.PlacementRefused, match="ECL 72 is below the IOS-PREP minimum of 80") as caught:
        E.assign(db, sid, school.prep, today=PLACED_ON)
    assert caught.value.verdict is Verdict.NEEDS_OVERRIDE
    assert "The school may waive this with a reason" in str(caught.value)
    assert L.class_roster(db, school.prep) == []


def test_an_override_is_recorded_with_who_and_when(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("imet_desktop.store.enrollments.current_user", lambda: "clerk.jones")
    school = a_school(db)
    sid = a_student(db, "MENSAH", 72)
    result = E.assign(db, sid, school.prep, override_reason="ECL 72 accepted by the Commandant", today=PLACED_ON)
    [entry] = L.class_roster(db, school.prep)
    assert entry.override_reason == "ECL 72 accepted by the Commandant"
    assert entry.override_by == "clerk.jones"
    assert entry.override_at[:4] >= "2025"
    details = json.loads(db.execute("SELECT details FROM audit_log WHERE table_name = 'enrollments' AND row_id = ?",
                                    [result.enrollment_id]).fetchone()[0])
    assert details["override"] == {"reason": "ECL 72 accepted by the Commandant",
                                   "waived": ["ECL 72 is below the IOS-PREP minimum of 80"]}


def test_an_override_reason_is_not_stored_when_nothing_needed_waiving(db: Database) -> None:
    school = a_school(db)
    E.assign(db, a_student(db, "MENSAH"), school.prep, override_reason="just in case", today=PLACED_ON)
    assert L.class_roster(db, school.prep)[0].override_reason == ""


def test_no_override_places_a_withdrawn_student(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH", status="Withdrawn")
    result = E.try_assign(db, sid, school.prep, override_reason="please", today=PLACED_ON)
    assert result.verdict is Verdict.REFUSED
    assert result.check.findings[0].rule is Rule.STATUS_NOT_ELIGIBLE


def test_preparatory_class_then_acsc_meets_the_prerequisite(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH")
    E.assign(db, sid, school.prep, today=PLACED_ON)
    assert E.assign(db, sid, school.acsc, today=PLACED_ON).verdict is Verdict.ENROLL


def test_acsc_without_the_preparatory_class_needs_an_override(db: Database) -> None:
    school = a_school(db)
    result = E.try_assign(db, a_student(db, "MENSAH"), school.acsc, today=PLACED_ON)
    assert result.verdict is Verdict.NEEDS_OVERRIDE
    assert [f.rule for f in result.check.findings] == [Rule.PREREQUISITE_MISSING]


def test_assigning_many_places_some_and_says_why_not_for_the_others(db: Database) -> None:
    school = a_school(db)
    ok, low, gone = a_student(db, "A"), a_student(db, "B", 70), a_student(db, "C", status="Eliminated")
    results = E.assign_many(db, [ok, low, gone, ok], school.prep, today=PLACED_ON)
    assert [r.verdict for r in results] == [Verdict.ENROLL, Verdict.NEEDS_OVERRIDE, Verdict.REFUSED]
    assert [e.student_id for e in L.class_roster(db, school.prep)] == [ok]


def test_a_full_class_waitlists_in_order_and_offers_a_freed_seat_to_the_first(db: Database) -> None:
    school = a_school(db, prep_seats=2)
    a, b, c, d = (a_student(db, n) for n in ("ADAMS", "BAKER", "CLARK", "DAVIS"))
    E.assign_many(db, [a, b], school.prep, today=PLACED_ON)
    waiting = E.assign_many(db, [c, d], school.prep, today=PLACED_ON)
    assert [(r.verdict, r.waitlist_position) for r in waiting] == [(Verdict.WAITLIST, 1), (Verdict.WAITLIST, 2)]
    seats = S.class_seats(db, school.prep)
    assert (seats.taken, seats.free, seats.waitlisted) == (2, 0, 2)
    seated = {e.student_id: e.enrollment_id for e in L.class_roster(db, school.prep)}
    offered = E.unassign(db, seated[a])
    assert offered == [waiting[0].enrollment_id]
    roster = {e.student_id: e for e in L.class_roster(db, school.prep)}
    assert roster[c].seat_offered and not roster[d].seat_offered
    assert S.class_seats(db, school.prep).free == 0  # the offered seat is held for CLARK
    # A newcomer cannot take the held seat: the waitlist again.
    assert E.try_assign(db, a_student(db, "EVANS"), school.prep, today=PLACED_ON).verdict is Verdict.WAITLIST
    E.accept_seat(db, waiting[0].enrollment_id, today=PLACED_ON)
    roster = {e.student_id: e for e in L.class_roster(db, school.prep)}
    assert roster[c].status == "Enrolled" and roster[c].waitlist_position is None
    assert roster[d].waitlist_position == 1  # the waitlist closes up


def test_a_declined_seat_goes_to_the_next_on_the_waitlist(db: Database) -> None:
    school = a_school(db, prep_seats=1)
    a, b, c = (a_student(db, n) for n in ("ADAMS", "BAKER", "CLARK"))
    first = E.assign(db, a, school.prep, today=PLACED_ON)
    wb, wc = E.assign_many(db, [b, c], school.prep, today=PLACED_ON)
    E.unassign(db, first.enrollment_id or 0)
    assert E.decline_seat(db, wb.enrollment_id or 0) == [wc.enrollment_id]
    [entry] = L.class_roster(db, school.prep)
    assert (entry.student_id, entry.seat_offered, entry.waitlist_position) == (c, True, 1)
    assert "seat declined" in audit_actions(db, "enrollments", wb.enrollment_id or 0)


def test_a_larger_capacity_offers_seats_to_the_waitlist(db: Database) -> None:
    school = a_school(db, prep_seats=1)
    E.assign(db, a_student(db, "ADAMS"), school.prep, today=PLACED_ON)
    w = E.assign(db, a_student(db, "BAKER"), school.prep, today=PLACED_ON)
    klass = get_class(db, school.prep)
    klass.capacity = 2
    update_class(db, klass)
    assert L.roster_entry(db, w.enrollment_id or 0).seat_offered


def test_capacity_cannot_drop_below_the_seats_taken(db: Database) -> None:
    from imet_desktop.store.errors import ValidationError

    school = a_school(db)
    E.assign_many(db, [a_student(db, "A"), a_student(db, "B")], school.prep, today=PLACED_ON)
    klass = get_class(db, school.prep)
    klass.capacity = 1
    with pytest.raises(ValidationError, match="less than the 2 seats"):
        update_class(db, klass)


def test_the_waitlist_order_can_be_changed(db: Database) -> None:
    school = a_school(db, prep_seats=0)
    ids = [E.assign(db, a_student(db, n), school.prep, today=PLACED_ON).enrollment_id or 0 for n in ("A", "B", "C")]
    E.move_on_waitlist(db, ids[2], 1)
    assert [e.enrollment_id for e in L.class_roster(db, school.prep)] == [ids[2], ids[0], ids[1]]


def test_moving_a_student_checks_the_rules_in_the_new_class_and_frees_the_old_seat(db: Database) -> None:
    school = a_school(db, prep_seats=1)
    sid = a_student(db, "MENSAH")
    first = E.assign(db, sid, school.prep, today=PLACED_ON)
    waiting = E.assign(db, a_student(db, "OWUSU"), school.prep, today=PLACED_ON)
    with pytest.raises(E.PlacementRefused, match="requires IOS-PREP"):
        E.move(db, first.enrollment_id or 0, school.acsc, today=PLACED_ON)  # moving out of prep loses the prerequisite
    moved = E.move(db, first.enrollment_id or 0, school.acsc, override_reason="did the course in Lackland",
                   today=PLACED_ON)
    assert moved.verdict is Verdict.ENROLL and moved.enrollment_id == first.enrollment_id
    assert [e.student_id for e in L.class_roster(db, school.acsc)] == [sid]
    assert L.roster_entry(db, waiting.enrollment_id or 0).seat_offered


def test_already_in_the_course_is_refused_even_with_an_override(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH")
    E.assign(db, sid, school.prep, today=PLACED_ON)
    result = E.try_assign(db, sid, school.prep, override_reason="again", today=PLACED_ON)
    assert result.verdict is Verdict.REFUSED
    assert "already in IOS ACSC Prep 2026" in result.check.explain()


def test_overlapping_dates_need_an_override(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH")
    E.assign(db, sid, school.prep, today=PLACED_ON)
    E.assign(db, sid, school.acsc, today=PLACED_ON)
    result = E.try_assign(db, sid, school.sos, today=PLACED_ON)
    assert [f.rule for f in result.check.findings] == [Rule.DATES_OVERLAP]
    assert "SOS 27A (12 OCT 2026 to 04 DEC 2026) overlaps ACSC AY2027" in result.check.explain()


def test_completing_the_last_class_makes_the_student_a_graduate(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH")
    prep = E.assign(db, sid, school.prep, today=PLACED_ON).enrollment_id or 0
    acsc = E.assign(db, sid, school.acsc, today=PLACED_ON).enrollment_id or 0
    E.record_outcome(db, prep, "Completed", D(2026, 7, 17))
    assert get_student(db, sid).status == "Arrived"  # ACSC is still ahead
    E.record_outcome(db, acsc, "Completed", D(2027, 6, 4), distinction="Distinguished Graduate")
    assert get_student(db, sid).status == "Graduated"
    assert status_history(db, sid)[-1].effective_date == D(2027, 6, 4)
    entry = L.roster_entry(db, acsc)
    assert (entry.status, entry.outcome_date, entry.distinction) == ("Completed", "2027-06-04",
                                                                     "Distinguished Graduate")


def test_a_withdrawal_has_a_date_and_note_frees_the_seat_and_changes_the_students_status(db: Database) -> None:
    school = a_school(db, prep_seats=1)
    sid = a_student(db, "MENSAH")
    enrollment = E.assign(db, sid, school.prep, today=PLACED_ON).enrollment_id or 0
    waiting = E.assign(db, a_student(db, "OWUSU"), school.prep, today=PLACED_ON).enrollment_id or 0
    offered = E.record_outcome(db, enrollment, "Withdrawn", D(2026, 6, 20), note="recalled by his government")
    assert offered == [waiting]
    assert get_student(db, sid).status == "Withdrawn"
    assert status_history(db, sid)[-1].note == "IOS ACSC Prep 2026: recalled by his government"
    with pytest.raises(E.EnrollmentError, match="record another outcome"):
        E.unassign(db, enrollment)


def test_an_outcome_other_than_enrolled_needs_a_date(db: Database) -> None:
    school = a_school(db)
    enrollment = E.assign(db, a_student(db, "MENSAH"), school.prep, today=PLACED_ON).enrollment_id or 0
    with pytest.raises(E.EnrollmentError, match="needs its date"):
        E.record_outcome(db, enrollment, "Eliminated", None)
    with pytest.raises(E.EnrollmentError, match="not an outcome"):
        E.record_outcome(db, enrollment, "Waitlisted", D(2026, 6, 1))


def test_graduating_the_class_completes_everyone_but_the_exceptions(db: Database) -> None:
    school = a_school(db)
    ids = [E.assign(db, a_student(db, n), school.prep, today=PLACED_ON).enrollment_id or 0 for n in ("A", "B", "C")]
    done = E.graduate_class(db, school.prep, D(2026, 7, 17), exceptions=[ids[1]],
                            distinctions={ids[0]: "Distinguished Graduate"})
    assert done == [ids[0], ids[2]]
    statuses = {e.enrollment_id: (e.status, e.distinction) for e in L.class_roster(db, school.prep)}
    assert statuses == {ids[0]: ("Completed", "Distinguished Graduate"), ids[1]: ("Enrolled", ""),
                        ids[2]: ("Completed", "")}
    assert "graduate" in audit_actions(db, "classes", school.prep)


def test_seminars_spread_students_and_countries(db: Database) -> None:
    from imet_desktop.store.courses import list_seminars, set_seminars

    school = a_school(db)
    set_seminars(db, school.prep, ["Seminar 01", "Seminar 02"])
    for n, country in enumerate(["GH", "GH", "NG", "NG"]):
        E.assign(db, a_student(db, f"S{n}", country=country), school.prep, today=PLACED_ON)
    assert E.spread_over_seminars(db, school.prep) == 4
    by_seminar: dict[str, set[str]] = {}
    for e in L.class_roster(db, school.prep):
        by_seminar.setdefault(e.seminar, set()).add(e.country_code)
    assert by_seminar == {"Seminar 01": {"GH", "NG"}, "Seminar 02": {"GH", "NG"}}
    assert [s.students for s in list_seminars(db, school.prep)] == [2, 2]
    seminar = list_seminars(db, school.prep)[0]
    entry = L.class_roster(db, school.prep)[0]
    E.set_seminar(db, entry.enrollment_id, None)
    assert L.roster_entry(db, entry.enrollment_id).seminar == ""
    with pytest.raises(E.EnrollmentError, match="not a seminar of"):
        E.set_seminar(db, entry.enrollment_id, seminar.id + 1000)


def test_candidates_leave_out_students_already_in_the_course_and_follow_the_filters(db: Database) -> None:
    school = a_school(db)
    placed = a_student(db, "PLACED")
    E.assign(db, placed, school.prep, today=PLACED_ON)
    early = a_student(db, "EARLY", 70, arrival=D(2026, 5, 1), country="NG")
    late = a_student(db, "LATE", 90, arrival=D(2026, 6, 20))
    a_student(db, "GONE", status="Withdrawn")
    names = [c.legal_name for c in L.candidates(db, school.prep)]
    assert names == ["EARLY, Kwame", "LATE, Kwame"]
    assert [c.id for c in L.candidates(db, school.acsc)] == [early, late, placed]  # by name
    assert [c.id for c in L.candidates(db, school.prep, L.CandidateFilter(arrival_from=D(2026, 6, 10)))] == [late]
    assert [c.id for c in L.candidates(db, school.prep, L.CandidateFilter(ecl_max=79))] == [early]
    assert [c.id for c in L.candidates(db, school.prep, L.CandidateFilter(country_code="NG"))] == [early]
    assert [c.id for c in L.candidates(db, school.acsc, L.CandidateFilter(without_current_class=True))] == \
        [early, late]
    assert [c.id for c in L.candidates(db, school.prep, L.CandidateFilter(search="late"))] == [late]
    current = {c.id: c.current_class for c in L.candidates(db, school.acsc)}
    assert current[placed] == "IOS ACSC Prep 2026"


def test_missing_ids_are_reported_by_id(db: Database) -> None:
    school = a_school(db)
    with pytest.raises(RecordNotFoundError, match="no student with id 99"):
        E.assign(db, 99, school.prep, today=PLACED_ON)
    with pytest.raises(RecordNotFoundError, match="no class with id 99"):
        E.assign(db, a_student(db, "A"), 99, today=PLACED_ON)
    with pytest.raises(RecordNotFoundError, match="no enrollment with id 99"):
        E.unassign(db, 99)


def test_a_student_withdrawn_from_a_class_can_be_placed_in_it_again(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH")
    first = E.assign(db, sid, school.prep, today=PLACED_ON).enrollment_id or 0
    E.record_outcome(db, first, "Withdrawn", D(2026, 6, 10), note="family emergency",
                     update_student_status=False)
    again = E.assign(db, sid, school.prep, today=PLACED_ON)
    assert again.enrollment_id == first  # the same row, taken up again (one row per student and class)
    entry = L.roster_entry(db, first)
    assert (entry.status, entry.outcome_date, entry.note) == ("Enrolled", "", "")


def test_a_class_that_has_already_ended_is_refused_with_the_day_it_ended(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH")
    with pytest.raises(E.PlacementRefused, match=r"IOS ACSC Prep 2026 has already ended \(on 17 JUL 2026\)") as caught:
        E.assign(db, sid, school.prep, today=D(2026, 12, 4))
    assert caught.value.verdict is Verdict.NEEDS_OVERRIDE
    assert L.class_roster(db, school.prep) == []


def test_a_placement_in_an_ended_class_is_overridden_and_the_override_shows_in_its_history(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("imet_desktop.store.enrollments.current_user", lambda: "clerk.jones")
    school = a_school(db)
    sid = a_student(db, "MENSAH")
    reason = "Attended in full; placement recorded late (registrar's memo of 3 DEC)"
    result = E.assign(db, sid, school.prep, override_reason=reason, today=D(2026, 12, 4))
    assert result.verdict is Verdict.ENROLL and [f.rule for f in result.check.waivable] == [Rule.CLASS_ENDED]
    [added, why, who, when] = record_history(db, "enrollments", result.enrollment_id or 0)
    assert added.what == "added"
    assert (why.field, why.new, why.what) == ("Override reason", reason, "recorded")
    assert (who.field, who.new) == ("Override by", "clerk.jones")
    assert when.field == "Override at" and str(when.new)[:4] >= "2026"


def test_moving_into_an_ended_class_is_refused_too(db: Database) -> None:
    school = a_school(db)
    first = E.assign(db, a_student(db, "MENSAH"), school.sos, today=PLACED_ON)
    other = add_class(db, TrainingClass(get_class(db, school.sos).course_id, "SOS 26B", D(2026, 8, 3),
                                        D(2026, 9, 25), 36))
    with pytest.raises(E.PlacementRefused, match="SOS 26B has already ended"):
        E.move(db, first.enrollment_id or 0, other, today=D(2026, 10, 1))


def test_a_class_starting_after_the_students_departure_is_refused_unless_overridden(db: Database) -> None:
    school = a_school(db)
    sid = a_student(db, "MENSAH")
    student = get_student(db, sid)
    update_student(db, dataclasses.replace(student, departure_date=D(2026, 7, 18)))
    result = E.try_assign(db, sid, school.sos, today=PLACED_ON)
    assert result.verdict is Verdict.NEEDS_OVERRIDE
    assert result.check.explain() == ("SOS 27A starts on 12 OCT 2026, after MENSAH, Kwame's departure on 18 JUL 2026 "
                                      "(may be waived)")
    placed = E.assign(db, sid, school.sos, override_reason="ITO amended to 5 DEC; amendment not received yet",
                      today=PLACED_ON)
    assert L.class_roster(db, school.sos)[0].override_reason.startswith("ITO amended")
    assert placed.enrollment_id
