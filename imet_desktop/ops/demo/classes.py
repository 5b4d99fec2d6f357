"""The demo's courses, classes and seminars; students placed in them (preparatory class first), the FSP.

As of DEMO_TODAY: classes that ended have their graduates (and a few withdrawn), current ones
their students, next year's a waiting list.
"""

from __future__ import annotations

import json
import random

from imet_desktop.domain.records import EnrollmentStatus, StudentStatus
from imet_desktop.ops.demo.catalogue import COURSES, DISTINCTIONS, ClassSpec
from imet_desktop.ops.demo.people import Recent, weighted
from imet_desktop.ops.demo.pools import countries
from imet_desktop.ops.demo.state import DEMO_TODAY, DEMO_USER, LOCATION, DemoRun
from imet_desktop.ops.demo.students import add_row
from imet_desktop.store import bulk


def write_courses(run: DemoRun) -> None:
    """The catalogue, its prerequisites, every class and the ACSC/AWC seminars."""
    for spec in COURSES:
        run.course_ids[spec.code] = bulk.add(run.db, bulk.CourseRow(
            spec.code, spec.title, spec.masl_id, spec.min_ecl, spec.length_weeks, 1, spec.description))
    bulk.add_all(run.db, (bulk.PrerequisiteRow(run.course_ids[spec.code], run.course_ids[prerequisite])
                          for spec in COURSES for prerequisite in spec.prerequisites))
    for c in run.classes:
        c.id = bulk.add(run.db, bulk.ClassRow(run.course_ids[c.course], c.designator, c.start.isoformat(),
                                              c.end.isoformat(), c.capacity, LOCATION))
        if c.course in {"ACSC", "AWC"}:
            for n in range(1, 13 if c.course == "ACSC" else 9):
                c.seminar_ids.append(bulk.add(run.db, bulk.SeminarRow(c.id, f"Seminar {n:02d}")))
    run.counts["courses"], run.counts["classes"] = len(COURSES), len(run.classes)


def placed_students(run: DemoRun, budget: int) -> None:
    """Up to budget students placed in a preparatory class then their class, 90 % full at most."""
    rng = random.Random(f"{run.seed}:classes")
    mains = [c for c in run.classes if c.course in {"SOS", "ACSC", "AWC"}]
    seats = sum(c.capacity for c in mains)
    fill = min(0.9, budget / seats) if seats else 0.0
    by_class: dict[str, list[Recent]] = {}
    every = countries()
    cumulative = weighted(every)
    for c in sorted(mains, key=lambda m: m.start, reverse=True):  # current classes first, older get the rest
        if budget <= 0:
            break
        share = fill * (0.85 + 0.3 * rng.random()) * (0.6 if c.start > DEMO_TODAY else 1.0)
        k = min(c.capacity, budget, max(1, round(c.capacity * share)))
        budget -= k
        placed = by_class.setdefault(c.designator, [])
        for n in range(k):
            country = rng.choices(every, cum_weights=cumulative)[0]
            grade = _grade_for(c.course, rng)
            assert c.prep is not None
            arrival = c.prep.start.toordinal() - rng.randint(3, 10)
            student = Recent(run.next_seq(), country, grade, arrival)
            _place(run, student, c, rng, seminar=n)
            placed.append(student)
            run.recent.append(student)
        if c.start > DEMO_TODAY and c.course == "ACSC":
            for position in range(1, 3):  # a waiting list for next year's class
                country = rng.choices(every, cum_weights=cumulative)[0]
                student = Recent(run.next_seq(), country, 1, c.prep.start.toordinal() - 7 if c.prep else 0)
                student.enrollments.append((c, EnrollmentStatus.WAITLISTED, None, "", position))
                student.history.append((StudentStatus.PROJECTED, c.start.toordinal() - 150, "ITO received"))
                run.recent.append(student)
    for c in run.classes:
        if c.course != "SAASS":
            continue
        feeders = [s for s in by_class.get(f"ACSC AY{int(c.designator[-4:]) - 1}", [])
                   if s.grade == 1 and s.status not in {EnrollmentStatus.WITHDRAWN, EnrollmentStatus.ELIMINATED}]
        for s in rng.sample(feeders, min(len(feeders), rng.randint(1, c.capacity))):
            _continue_to(run, s, c, rng)
    for s in run.recent:
        add_row(run, s)


def _grade_for(course: str, rng: random.Random) -> int:
    r = rng.random()
    if course == "SOS":
        return 0 if r < 0.9 else 1
    if course == "ACSC":
        return 1 if r < 0.75 else 0 if r < 0.9 else 2
    return 2 if r < 0.65 else 3


def _outcome(run: DemoRun, c: ClassSpec, rng: random.Random) -> tuple[str, int | None, str]:
    """Status, outcome date and distinction of a main-class enrollment as of DEMO_TODAY."""
    start, end = c.start.toordinal(), c.end.toordinal()
    r = rng.random()
    if end < run.today:
        if r < 0.03:
            return EnrollmentStatus.WITHDRAWN, start + int(rng.random() * (end - start)), ""
        if r < 0.05:
            return EnrollmentStatus.ELIMINATED, start + int(rng.random() * (end - start)), ""
        distinction = rng.choice(DISTINCTIONS) if rng.random() < 0.1 else ""
        return EnrollmentStatus.COMPLETED, end, distinction
    if start <= run.today and r < 0.01:
        return EnrollmentStatus.WITHDRAWN, start + int(rng.random() * (run.today - start)), ""
    return EnrollmentStatus.ENROLLED, None, ""


def _place(run: DemoRun, s: Recent, c: ClassSpec, rng: random.Random, seminar: int) -> None:
    prep = c.prep
    assert prep is not None
    itos = s.arrival - rng.randint(90, 150)
    s.history.append((StudentStatus.PROJECTED, itos, "ITO received"))
    prep_status = EnrollmentStatus.COMPLETED if prep.end.toordinal() < run.today else EnrollmentStatus.ENROLLED
    prep_end = prep.end.toordinal() if prep_status == EnrollmentStatus.COMPLETED else None
    s.enrollments.append((prep, prep_status, prep_end, "", None))
    status, outcome, distinction = _outcome(run, c, rng)
    s.enrollments.append((c, status, outcome, distinction, seminar))
    if s.arrival <= run.today:
        s.status = StudentStatus.ARRIVED
        s.history.append((StudentStatus.ARRIVED, s.arrival, "arrived MGM"))
    if prep.start.toordinal() <= run.today:
        s.status = StudentStatus.IN_TRAINING
        s.history.append((StudentStatus.IN_TRAINING, prep.start.toordinal(), prep.designator))
    _follow_outcome(s, c, status, outcome, rng)


def _follow_outcome(s: Recent, c: ClassSpec, status: str, outcome: int | None, rng: random.Random) -> None:
    """The student's own status after the class: graduated (leaving a few days later), withdrawn or eliminated."""
    if status == EnrollmentStatus.COMPLETED:
        s.status, s.departure = StudentStatus.GRADUATED, (outcome or 0) + rng.randint(2, 6)
        s.history.append((StudentStatus.GRADUATED, outcome or 0, c.designator))
    elif status in {EnrollmentStatus.WITHDRAWN, EnrollmentStatus.ELIMINATED}:
        s.status, s.departure = status, (outcome or 0) + 7
        s.history.append((status, outcome or 0, c.designator))


def _continue_to(run: DemoRun, s: Recent, c: ClassSpec, rng: random.Random) -> None:
    """An ACSC graduate stays on for SAASS."""
    status, outcome, distinction = _outcome(run, c, rng)
    s.enrollments.append((c, status, outcome, distinction, None))
    if c.start > DEMO_TODAY:
        return  # still at ACSC; SAASS is next
    s.history = [h for h in s.history if h[0] != StudentStatus.GRADUATED]
    s.status, s.departure = StudentStatus.IN_TRAINING, None
    _follow_outcome(s, c, status, outcome, rng)


def write_enrollments(run: DemoRun) -> None:
    """The placed students' enrollments and status histories (their ids are known now)."""
    rows: list[bulk.EnrollmentRow] = []
    history: list[bulk.StatusHistoryRow] = []
    for s in run.recent:
        sid = run.ids[s.seq]
        enrolled = run.date(min(s.arrival - 60, run.today))
        for c, status, outcome, distinction, extra in s.enrollments:
            waiting = status == EnrollmentStatus.WAITLISTED
            seminar = c.seminar_ids[extra % len(c.seminar_ids)] if c.seminar_ids and not waiting \
                and extra is not None else None
            waitlist = extra if waiting else None
            rows.append(bulk.EnrollmentRow(sid, c.id, seminar, status, waitlist, enrolled,
                                           None if outcome is None else run.date(outcome), distinction))
        for status, day, note in s.history:
            history.append(bulk.StatusHistoryRow(sid, status, run.date(day), note, f"{run.date(day)}T09:00:00",
                                                 DEMO_USER))
    bulk.add_all(run.db, rows)
    bulk.add_all(run.db, history)
    run.counts["enrollments"] = len(rows)


def field_studies(run: DemoRun) -> None:
    """The Field Studies Program of AY2027, with attendance at the events already held."""
    events = (
        ("2026-08-21", "Montgomery City Council session", "Montgomery, Alabama",
         ["U.S. government institutions", "Political processes"]),
        ("2026-09-11", "Alabama Supreme Court and Judicial Building", "Montgomery, Alabama",
         ["Judicial system", "Law of war"]),
        ("2026-10-02", "Legacy Museum and National Memorial for Peace and Justice", "Montgomery, Alabama",
         ["Human rights", "Diversity and American life"]),
        ("2026-10-23", "Automobile assembly plant tour", "Hope Hull, Alabama", ["Free market"]),
        ("2026-11-06", "Newsroom visit, Montgomery daily paper", "Montgomery, Alabama", ["Media"]),
        ("2027-01-22", "Auburn University at Montgomery", "Montgomery, Alabama", ["Education"]),
        ("2027-02-12", "Regional medical center and county health department", "Montgomery, Alabama",
         ["Health and human services"]),
        ("2027-03-15", "Washington, D.C.: Congress, State Department, Pentagon", "Washington, D.C.",
         ["U.S. government institutions", "International peace and security", "Political processes"]),
    )
    attendees = [run.ids[s.seq] for s in run.recent if any(
        c.course in {"ACSC", "AWC"} and c.designator.endswith("AY2027") and status == EnrollmentStatus.ENROLLED
        for c, status, *_ in s.enrollments)]
    rng = random.Random(f"{run.seed}:fsp")
    for day, title, place, topics in events:
        event_id = bulk.add(run.db, bulk.FspEventRow(day, title, place, json.dumps(topics)))
        if day <= DEMO_TODAY.isoformat():
            bulk.add_all(run.db, (bulk.AttendanceRow(event_id, sid, *((1, "") if rng.random() < 0.95
                                                                      else (0, "excused: medical appointment")))
                                  for sid in attendees))
