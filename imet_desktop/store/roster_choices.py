"""What the roster's filters offer: the countries that have students, the regions, courses, classes and years,
read on the reader's thread when the roster opens (see ui/roster/filters.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.records import FundingProgram, StudentStatus


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
    # The roster's students from their arrival index, the few archived ones apart (schema 0009: no index of
    # every student's arrival date).
    first, last = db.execute(
        "SELECT min(coalesce((SELECT min(arrival_date) FROM students WHERE archived_at IS NULL), '9999'), "
        "coalesce((SELECT min(arrival_date) FROM students WHERE archived_at IS NOT NULL), '9999')), "
        "max(coalesce((SELECT max(arrival_date) FROM students WHERE archived_at IS NULL), ''), "
        "coalesce((SELECT max(arrival_date) FROM students WHERE archived_at IS NOT NULL), ''))").fetchone()
    first = None if first == "9999" else first
    last = last or None
    years: tuple[int, ...] = ()
    if first and last:
        years = tuple(range(int(str(last)[:4]), int(str(first)[:4]) - 1, -1))
    return RosterFilterChoices(countries, tuple(REGIONS.items()), tuple(s.value for s in StudentStatus),
                               tuple(f.value for f in FundingProgram), courses, classes, years)


