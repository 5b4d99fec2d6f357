"""The school's placement rules: each one's reason in plain words, and whether the school may waive it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from imet_desktop.domain.placement import (
    WAIVABLE,
    ClassFacts,
    HeldEnrollment,
    Rule,
    StudentFacts,
    Verdict,
    check_placement,
)

D = dt.date
ACSC = ClassFacts(10, "ACSC AY2027", 3, "ACSC", D(2026, 7, 20), D(2027, 6, 4), capacity=72, seats_taken=10,
                  min_ecl=80, prerequisite_codes=("IOS-PREP",))
PREP_DONE = HeldEnrollment(1, 5, "IOS ACSC Prep 2026", "IOS-PREP", "Completed", D(2026, 6, 8), D(2026, 7, 17))


def student(ecl: int | None = 85, status: str = "Arrived", *held: HeldEnrollment) -> StudentFacts:
    return StudentFacts(7, "OKAFOR, Chinedu", status, ecl, held or (PREP_DONE,))


def rules(check: object) -> list[Rule]:
    return [f.rule for f in check.findings]  # type: ignore[attr-defined]


def test_a_student_meeting_every_rule_is_enrolled() -> None:
    check = check_placement(student(), ACSC)
    assert check.findings == ()
    assert check.verdict() is Verdict.ENROLL


def test_ecl_below_the_minimum_needs_an_override_with_the_numbers_in_the_reason() -> None:
    check = check_placement(student(74), ACSC)
    assert rules(check) == [Rule.ECL_BELOW_MINIMUM]
    assert check.findings[0].reason == "ECL 74 is below the ACSC minimum of 80"
    assert check.findings[0].waivable
    assert check.verdict() is Verdict.NEEDS_OVERRIDE
    assert check.verdict("Commandant's waiver") is Verdict.ENROLL


def test_no_ecl_on_record_counts_as_below_the_minimum() -> None:
    check = check_placement(student(None), ACSC)
    assert rules(check) == [Rule.ECL_BELOW_MINIMUM]
    assert "no ECL score on record" in check.findings[0].reason


def test_a_course_without_a_minimum_takes_any_ecl() -> None:
    no_minimum = ClassFacts(11, "Seminar", 9, "SEM", min_ecl=None)
    assert check_placement(student(None), no_minimum).findings == ()


def test_a_withdrawn_or_eliminated_student_is_refused_and_no_override_helps() -> None:
    for status in ("Withdrawn", "Eliminated"):
        check = check_placement(student(85, status), ACSC)
        assert rules(check) == [Rule.STATUS_NOT_ELIGIBLE]
        assert check.findings[0].reason == f"OKAFOR, Chinedu is {status.lower()} and cannot be placed in a class"
        assert check.verdict("please") is Verdict.REFUSED


def test_a_student_already_in_the_course_is_refused_and_told_to_move_instead() -> None:
    other = HeldEnrollment(2, 11, "ACSC AY2026", "ACSC", "Enrolled", D(2025, 7, 14), D(2026, 6, 5))
    check = check_placement(student(85, "Arrived", PREP_DONE, other), ACSC)
    assert Rule.ALREADY_ENROLLED in rules(check)
    assert "is enrolled in ACSC AY2026, a class of the same course (ACSC); move the student instead" in check.explain()
    assert check.verdict("override") is Verdict.REFUSED


def test_a_student_already_in_this_class_is_told_so() -> None:
    same = HeldEnrollment(2, 10, "ACSC AY2027", "ACSC", "Waitlisted", ACSC.start_date, ACSC.end_date)
    check = check_placement(student(85, "Arrived", PREP_DONE, same), ACSC)
    assert check.findings[0].reason == "OKAFOR, Chinedu is already on the waitlist of ACSC AY2027"


def test_a_withdrawn_enrollment_in_the_course_does_not_block_a_new_one() -> None:
    gone = HeldEnrollment(2, 11, "ACSC AY2026", "ACSC", "Withdrawn", D(2025, 7, 14), D(2026, 6, 5))
    assert check_placement(student(85, "Arrived", PREP_DONE, gone), ACSC).findings == ()


def test_a_missing_prerequisite_is_waivable_and_named() -> None:
    check = check_placement(StudentFacts(7, "OKAFOR, Chinedu", "Arrived", 90, ()), ACSC)
    assert rules(check) == [Rule.PREREQUISITE_MISSING]
    assert check.findings[0].reason.startswith("ACSC requires IOS-PREP first: OKAFOR, Chinedu has not completed")
    assert check.verdict() is Verdict.NEEDS_OVERRIDE


def test_a_prerequisite_class_ending_before_the_start_counts_even_before_it_is_completed() -> None:
    enrolled = HeldEnrollment(1, 5, "IOS ACSC Prep 2026", "IOS-PREP", "Enrolled", D(2026, 6, 8), D(2026, 7, 17))
    assert check_placement(student(85, "Arrived", enrolled), ACSC).findings == ()
    late = HeldEnrollment(1, 5, "IOS Prep late", "IOS-PREP", "Enrolled", D(2026, 7, 1), D(2026, 7, 24))
    assert rules(check_placement(student(85, "Arrived", late), ACSC)) == [Rule.PREREQUISITE_MISSING, Rule.DATES_OVERLAP]


def test_overlapping_dates_name_both_classes() -> None:
    sos = HeldEnrollment(3, 20, "SOS 27A", "SOS", "Enrolled", D(2026, 10, 12), D(2026, 12, 4))
    check = check_placement(student(85, "Arrived", PREP_DONE, sos), ACSC)
    assert rules(check) == [Rule.DATES_OVERLAP]
    assert check.findings[0].reason == ("ACSC AY2027 (20 JUL 2026 to 04 JUN 2027) overlaps "
                                        "SOS 27A (12 OCT 2026 to 04 DEC 2026)")
    assert check.findings[0].waivable


def test_a_waitlist_place_elsewhere_does_not_overlap() -> None:
    sos = HeldEnrollment(3, 20, "SOS 27A", "SOS", "Waitlisted", D(2026, 10, 12), D(2026, 12, 4))
    assert check_placement(student(85, "Arrived", PREP_DONE, sos), ACSC).findings == ()


def test_a_full_class_sends_the_student_to_the_waitlist() -> None:
    full = replace(ACSC, seats_taken=72)
    check = check_placement(student(), full)
    assert rules(check) == [Rule.CLASS_FULL]
    assert check.verdict() is Verdict.WAITLIST
    assert check.explain() == ""
    assert "goes on its waitlist" in check.findings[0].reason


def test_a_full_class_and_a_waivable_rule_need_the_override_then_the_waitlist() -> None:
    full = replace(ACSC, seats_taken=72)
    check = check_placement(student(70), full)
    assert check.verdict() is Verdict.NEEDS_OVERRIDE
    assert check.verdict("waived") is Verdict.WAITLIST


def test_a_class_without_a_limit_is_never_full() -> None:
    unlimited = ClassFacts(12, "Open", 3, "ACSC", capacity=None, seats_taken=500, prerequisite_codes=())
    assert check_placement(student(), unlimited).findings == ()


def test_every_objection_is_reported_at_once() -> None:
    sos = HeldEnrollment(3, 20, "SOS 27A", "SOS", "Enrolled", D(2026, 10, 12), D(2026, 12, 4))
    check = check_placement(StudentFacts(7, "OKAFOR, Chinedu", "Withdrawn", 60, (sos,)), ACSC)
    assert set(rules(check)) == {Rule.STATUS_NOT_ELIGIBLE, Rule.PREREQUISITE_MISSING, Rule.ECL_BELOW_MINIMUM,
                                 Rule.DATES_OVERLAP}
    assert check.verdict("waiver") is Verdict.REFUSED
    assert "(may be waived)" in check.explain()


def test_the_enrollment_being_moved_does_not_count_against_its_new_class() -> None:
    moving = HeldEnrollment(9, 11, "ACSC AY2026", "ACSC", "Enrolled", D(2026, 7, 20), D(2027, 6, 4))
    check = check_placement(student(85, "Arrived", PREP_DONE, moving), ACSC, moving_enrollment_id=9)
    assert check.findings == ()


def test_which_rules_the_school_may_waive() -> None:
    assert {r for r, w in WAIVABLE.items() if w} == {Rule.ECL_BELOW_MINIMUM, Rule.PREREQUISITE_MISSING,
                                                      Rule.DATES_OVERLAP, Rule.CLASS_ENDED,
                                                      Rule.STARTS_AFTER_DEPARTURE}


def test_a_class_that_has_already_ended_needs_an_override_saying_when_it_ended() -> None:
    check = check_placement(student(), ACSC, today=D(2027, 6, 5))
    assert rules(check) == [Rule.CLASS_ENDED]
    assert check.findings[0].reason == "ACSC AY2027 has already ended (on 04 JUN 2027)"
    assert check.verdict() is Verdict.NEEDS_OVERRIDE
    assert check.verdict("Attended in full; placement recorded late, registrar's memo 6 Jun") is Verdict.ENROLL


def test_a_class_ending_today_or_later_is_not_an_ended_one() -> None:
    for day in (D(2026, 1, 1), D(2027, 6, 4)):
        assert check_placement(student(), ACSC, today=day).findings == ()


def test_a_class_starting_after_the_students_departure_needs_an_override() -> None:
    leaving = replace(student(), departure_date=D(2026, 7, 1))
    check = check_placement(leaving, ACSC, today=D(2026, 6, 1))
    assert rules(check) == [Rule.STARTS_AFTER_DEPARTURE]
    assert check.findings[0].reason == ("ACSC AY2027 starts on 20 JUL 2026, after OKAFOR, Chinedu's departure "
                                        "on 01 JUL 2026")
    assert check.findings[0].waivable
    staying = replace(student(), departure_date=D(2027, 6, 20))
    assert check_placement(staying, ACSC, today=D(2026, 6, 1)).findings == ()
