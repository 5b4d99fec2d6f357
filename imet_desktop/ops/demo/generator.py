"""Generating a demo database: every step in order, in one transaction, and the summary of what was written.

The same seed writes the same records, because every random choice comes from a generator seeded
from it and the records are dated against a fixed day, DEMO_TODAY, not the real one. Every row
goes through the store (store.bulk for the many, store.ceremonies for the seating), so the search
index and the students' indexes are those the store keeps; the audit log gets one summary entry.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from imet_desktop.ops.demo.ceremonies import seat_everyone, signatories, write_ceremonies
from imet_desktop.ops.demo.classes import field_studies, placed_students, write_courses, write_enrollments
from imet_desktop.ops.demo.honor_roll import graduate_schools, honor_roll, positions_and_inductions, special_people
from imet_desktop.ops.demo.pools import countries, cultures
from imet_desktop.ops.demo.state import DEMO_TODAY, DemoRun
from imet_desktop.ops.demo.students import write_students
from imet_desktop.store import bulk
from imet_desktop.store.changes import not_recorded
from imet_desktop.store.db import audit, open_database, write

Say = Callable[[str], None]


@dataclass(frozen=True)
class DemoSummary:
    """What a demo generation wrote."""

    students: int
    countries: int
    courses: int
    classes: int
    enrollments: int
    honorees: int
    ceremonies: int
    guests: int
    nominations: int
    seconds: float

    def __str__(self) -> str:
        return (f"{self.students:,} students from {self.countries} countries, {self.courses} courses, "
                f"{self.classes} classes, {self.enrollments:,} enrollments, {self.honorees} honorees, "
                f"{self.ceremonies} ceremonies ({self.guests} guests), {self.nominations} nominations "
                f"in {self.seconds:.1f} s")


def _run(run: DemoRun) -> DemoSummary:
    started = time.perf_counter()
    run.say("courses and classes")
    write_courses(run)
    run.say("students placed in classes")
    placed_students(run, min(run.students, max(1, round(run.students * 0.8))))
    run.say("honor roll")
    honor_roll(run)
    special_people(run)
    historical = max(0, run.students - len(run.recent))
    run.say(f"students: {historical:,} earlier graduates")
    write_students(run, historical)
    run.say("enrollments")
    write_enrollments(run)
    field_studies(run)
    run.say("positions and inductions")
    positions_and_inductions(run)
    run.say("ceremonies")
    write_ceremonies(run)
    graduate_schools(run)
    seat_everyone(run)
    signatories(run)
    summary = DemoSummary(
        students=run.counts["students"], countries=bulk.countries_of_students(run.db), courses=run.counts["courses"],
        classes=run.counts["classes"], enrollments=run.counts["enrollments"], honorees=run.counts["honorees"],
        ceremonies=run.counts["ceremonies"], guests=run.counts["guests"],
        nominations=run.counts["nominations"], seconds=round(time.perf_counter() - started, 2))
    audit(run.db, "students", None, "demo", {
        "seed": run.seed, "requested_students": run.students, "demo_today": DEMO_TODAY.isoformat(),
        **{k: v for k, v in vars(summary).items() if k != "seconds"}})
    return summary


def fill_demo(db: Database, students: int = 400, seed: int = 2000, progress: Say | None = None) -> DemoSummary:
    """Fill an open, empty database with the demo records, in one transaction.

    students counts the students placed in the demo's classes and earlier graduates; the Honor
    Roll's alumni (about 360) and the ceremonies' people come on top. Raises StoreError when the
    database already holds students, courses or ceremonies.
    """
    if students < 1:
        raise ValueError("students must be 1 or more")
    bulk.refuse_unless_empty(db)
    run = DemoRun(db, students, seed, progress or (lambda _message: None))
    # up to 400 MB of cache, for building the indexes; invented records are not the clerk's changes to undo
    with bulk.large_cache(db, students >= 50_000), write(db), not_recorded(db):
        summary = _run(run)
    if progress:
        progress("done")
    return summary


def generate_demo(path: Path, students: int = 400, seed: int = 2000, progress: Say | None = None) -> DemoSummary:
    """Create (or fill an empty) database file at path with the demo records.

    Refuses, with StoreError, a file that already holds records.
    """
    db = open_database(path)
    try:
        summary = fill_demo(db, students=students, seed=seed, progress=progress)
        bulk.tidy(db)
    finally:
        db.close()
    return summary


def demo_countries() -> list[str]:
    """The codes of the countries the demo invents people for."""
    return [c.code for c in countries()]


def iter_native_names() -> Iterable[str]:
    """Every native-script name and rank in the demo's pools (for font coverage checks)."""
    for culture in cultures().values():
        for pairs in (culture.family, culture.family_f, culture.male, culture.female):
            for native, _legal in pairs:
                yield native
    for country in countries():
        yield from country.ranks
