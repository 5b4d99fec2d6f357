"""Counting for the Overview: every figure for a date and a year, read in one call, and the students behind each.

The populations, as of a date D:
- **in residence**: arrived (status past Projected, arrival on or before D or not recorded) and not
  gone: a departure date after D, or no departure date while the status is still Arrived or In
  training (an alumnus imported without a departure date is not in residence for ever);
- **arriving** between two dates: the arrival (report) date between them, whatever the status;
- **departing** between two dates: the departure date between them, or, for a student in
  residence without one, the end of the last class they are enrolled in;
- **not yet reported**: still Projected although the report date has come (D or before);
- **alumni**: Graduated.
Archived students are never counted. The program records no leave, so there is no "on leave".

``selection_ids_sql`` gives the SQL of the students behind a figure; each count is that same SQL
counted or grouped, so the roster opened from a figure lists exactly the students counted.
Every query reads indexes (see OVERVIEW_INDEXES and tests/store/test_overview.py): on the
600,000-student demo all of them together take well under 0.1 s.
"""

from __future__ import annotations

import datetime as dt

from imet_desktop.domain.countries import REGIONS
from imet_desktop.domain.overview import (
    CLASS_DAYS,
    NOT_RECORDED,
    REPORTS_DUE_DAYS,
    TASKS_DUE_DAYS,
    TOP_COUNTRIES,
    TOP_SERVICES,
    Breakdown,
    CeremonyState,
    ClassFill,
    Count,
    CountryFigures,
    Deadlines,
    Dimension,
    HonorRollHistory,
    MonthlyFlow,
    Overview,
    Population,
    StudentSelection,
    headline,
    top_with_others,
)
from imet_desktop.domain.records import CeremonyStatus, EnrollmentStatus, StudentStatus
from imet_desktop.store.reading import Reads

# The indexes the Overview's queries read (created by migration 0005 or earlier), checked by a test
# with EXPLAIN QUERY PLAN: removing one turns a query into a scan of every student.
OVERVIEW_INDEXES = ("students_departure", "students_status_country", "roster_arrival")

_PRESENT = (StudentStatus.ARRIVED.value, StudentStatus.IN_TRAINING.value)
_PRESENT_SQL = "('" + "', '".join(_PRESENT) + "')"

# The end of the last class a student is enrolled in: when they are expected to leave if no
# departure date is recorded.
_CLASS_END = (f"(SELECT max(cl.end_date) FROM enrollments e JOIN classes cl ON cl.id = e.class_id "
              f"WHERE e.student_id = s.id AND e.status = '{EnrollmentStatus.ENROLLED.value}')")
_DEPARTURE = f"coalesce(s.departure_date, CASE WHEN s.status IN {_PRESENT_SQL} THEN {_CLASS_END} END)"

_ALUMNI = f"s.archived_at IS NULL AND s.status = '{StudentStatus.GRADUATED.value}'"

# Read from the (status, country, archived) index alone: 580,000 alumni on the demo, ~60 ms, no table rows.
# (A partial index "WHERE archived_at IS NULL" was not used as covering: SQLite read every row to check it.)
ALUMNI_BY_COUNTRY_SQL = f"SELECT s.country_code, count(*) FROM students s WHERE {_ALUMNI} GROUP BY s.country_code"

_DIMENSIONS: dict[Dimension, str] = {
    Dimension.COUNTRY: "coalesce(s.country_code, '')",
    Dimension.REGION: "coalesce((SELECT c.region FROM countries c WHERE c.code = s.country_code), '')",
    Dimension.COMMAND: "coalesce((SELECT c.combatant_command FROM countries c WHERE c.code = s.country_code), '')",
    Dimension.PROGRAM: "+s.funding_program",
    Dimension.SERVICE: "+s.service",
    Dimension.STATUS: "+s.status",
}
# The unary + (a no-op on any value) keeps SQLite from grouping a few hundred residents by walking the
# whole funding or status index in its order (1.4 s on 600,000 students) instead of reading them by date.


def _branches(population: Population, start: dt.date, end: dt.date) -> list[tuple[str, list[object]]]:
    """A population as conditions on students s, each read from one index (their union is the population)."""
    first, last = start.isoformat(), end.isoformat()
    live = "s.archived_at IS NULL"
    if population is Population.IN_RESIDENCE:
        arrived = "(s.arrival_date IS NULL OR s.arrival_date <= ?)"
        return [(f"{live} AND s.departure_date > ? AND s.status <> '{StudentStatus.PROJECTED.value}' AND {arrived}",
                 [first, first]),
                (f"{live} AND s.departure_date IS NULL AND s.status IN {_PRESENT_SQL} AND {arrived}", [first])]
    if population is Population.ARRIVING:
        return [(f"{live} AND s.arrival_date BETWEEN ? AND ?", [first, last])]
    if population is Population.DEPARTING:
        return [(f"{live} AND s.departure_date BETWEEN ? AND ?", [first, last]),
                (f"{live} AND s.departure_date IS NULL AND s.status IN {_PRESENT_SQL} AND {_CLASS_END} BETWEEN ? AND ?",
                 [first, last])]
    if population is Population.NOT_YET_REPORTED:
        return [(f"{live} AND s.status = '{StudentStatus.PROJECTED.value}' AND s.arrival_date <= ?", [first])]
    return [(_ALUMNI, [])]


def _restricted(selection: StudentSelection) -> list[tuple[str, list[object]]]:
    """The selection's population branches, each narrowed to the selection's group."""
    branches = _branches(selection.population, selection.start, selection.end)
    if selection.dimension is None:
        return branches
    values = list(selection.values)
    if not values:
        condition = "1" if selection.others else "0"
    else:
        condition = (f"{_DIMENSIONS[selection.dimension]} {'NOT IN' if selection.others else 'IN'} "
                     f"({','.join('?' * len(values))})")
    return [(f"{where} AND {condition}", [*params, *values]) for where, params in branches]


def population_ids_sql(population: Population, start: dt.date, end: dt.date) -> tuple[str, list[object]]:
    """A SELECT of the ids of a population's students (dates: see the module's docstring), and its parameters."""
    return selection_ids_sql(StudentSelection(population, start, end))


def selection_ids_sql(selection: StudentSelection) -> tuple[str, list[object]]:
    """A SELECT of the ids of the students behind one figure, and its parameters (for the roster's filter)."""
    branches = _restricted(selection)
    return (" UNION ALL ".join(f"SELECT s.id FROM students s WHERE {where}" for where, _ in branches),
            [p for _, params in branches for p in params])


def grouped_sql(key: str, selection: StudentSelection) -> tuple[str, list[object]]:
    """A SELECT of (key, count) for the selection's students, grouped in each index branch, and its parameters."""
    branches = _restricted(selection)
    return (" UNION ALL ".join(f"SELECT {key} AS k, count(*) AS n FROM students s WHERE {where} GROUP BY 1"
                               for where, _ in branches), [p for _, params in branches for p in params])


def dimension_sql(dimension: Dimension) -> str:
    """The SQL expression (over students s) of a breakdown's key."""
    return _DIMENSIONS[dimension]


def _grouped(db: Reads, key: str, selection: StudentSelection) -> dict[str, int]:
    """How many of the selection's students have each value of a key expression."""
    found: dict[str, int] = {}
    for k, n in db.execute(*grouped_sql(key, selection)):
        found[str(k)] = found.get(str(k), 0) + int(n)
    return found


def count_selection(db: Reads, selection: StudentSelection) -> int:
    """How many students a selection holds."""
    return sum(_grouped(db, "''", selection).values())


def _group(db: Reads, dimension: Dimension, population: StudentSelection) -> dict[str, int]:
    return _grouped(db, _DIMENSIONS[dimension], population)


def country_names(db: Reads) -> dict[str, str]:
    """Every country's name as the office writes it (its own countries table), by code."""
    return {str(code): str(name) for code, name in db.execute("SELECT code, name FROM countries")}


def _label(dimension: Dimension, key: str, countries: dict[str, str]) -> str:
    if not key:
        return "No country recorded" if dimension is Dimension.COUNTRY else NOT_RECORDED
    if dimension is Dimension.COUNTRY:
        return countries.get(key, key)
    if dimension is Dimension.REGION:
        return REGIONS.get(key, key)
    return key


def breakdowns(db: Reads, population: StudentSelection, countries: dict[str, str]
               ) -> tuple[tuple[Breakdown, ...], dict[str, int]]:
    """The population by each dimension (countries: top 15 and Others), and its whole count by country."""
    found = []
    by_country: dict[str, int] = {}
    for dimension in Dimension:
        groups = _group(db, dimension, population)
        if dimension is Dimension.COUNTRY:
            by_country = groups
        counts = [Count(_label(dimension, key, countries), n, key) for key, n in groups.items()]
        if dimension is Dimension.COUNTRY:
            shown = top_with_others(counts, TOP_COUNTRIES)
        elif dimension is Dimension.SERVICE:
            shown = top_with_others(counts, TOP_SERVICES)
        else:
            shown = tuple(sorted(counts, key=lambda c: (-c.value, c.label.casefold())))
        found.append(Breakdown(dimension, population, shown))
    return tuple(found), by_country


def monthly_flow(db: Reads, year: int) -> MonthlyFlow:
    """Arrivals and departures in each month of a year (the ARRIVING and DEPARTING populations, by month)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    result = []
    for population, day in ((Population.ARRIVING, "s.arrival_date"), (Population.DEPARTING, _DEPARTURE)):
        months = [0] * 12
        for month, n in _grouped(db, f"CAST(substr({day}, 6, 2) AS INTEGER)",
                                 StudentSelection(population, first, last)).items():
            months[int(month) - 1] = n
        result.append(tuple(months))
    return MonthlyFlow(year, result[0], result[1])


def class_fill(db: Reads, on: dt.date, days: int = CLASS_DAYS) -> tuple[ClassFill, ...]:
    """The classes starting from `on` to `days` days later: seats taken, waiting, capacity and minimum."""
    offered = f"e.status = '{EnrollmentStatus.WAITLISTED.value}' AND e.seat_offered_at IS NOT NULL"
    rows = db.execute(
        "SELECT cl.id, cl.designator, co.code, cl.start_date, cl.end_date, "
        f"coalesce(sum(e.status IN ('{EnrollmentStatus.ENROLLED.value}', '{EnrollmentStatus.COMPLETED.value}') "
        f"OR ({offered})), 0), "
        f"coalesce(sum(e.status = '{EnrollmentStatus.WAITLISTED.value}' AND e.seat_offered_at IS NULL), 0), "
        "cl.capacity, cl.minimum_seats "
        "FROM classes cl JOIN courses co ON co.id = cl.course_id LEFT JOIN enrollments e ON e.class_id = cl.id "
        "WHERE cl.start_date BETWEEN ? AND ? GROUP BY cl.id ORDER BY cl.start_date, cl.designator COLLATE NOCASE",
        [on.isoformat(), (on + dt.timedelta(days=days)).isoformat()])
    return tuple(ClassFill(int(i), str(designator), str(code), dt.date.fromisoformat(start),
                           dt.date.fromisoformat(end) if end else None, int(taken), int(waiting),
                           None if capacity is None else int(capacity), None if minimum is None else int(minimum))
                 for i, designator, code, start, end, taken, waiting, capacity, minimum in rows)


def deadlines(db: Reads, on: dt.date) -> Deadlines:
    """Reports overdue and due within 7 days (the reporting clock), ceremony tasks, nominations awaiting clearance."""
    from imet_desktop.store.clearances import awaiting_clearance
    from imet_desktop.store.reports import Urgency, reports

    found = reports(db, on)
    overdue = sum(1 for r in found if r.urgency(on) is Urgency.OVERDUE)
    due_soon = sum(1 for r in found if r.due_within(on, REPORTS_DUE_DAYS))

    tasks_overdue = tasks_soon = 0
    first_due: tuple[dt.date, int] | None = None
    for ceremony_id, day, offset in db.execute(
            "SELECT t.ceremony_id, c.ceremony_date, t.due_offset_days FROM ceremony_tasks t "
            "JOIN ceremonies c ON c.id = t.ceremony_id WHERE c.status = ? AND c.ceremony_date IS NOT NULL "
            "AND t.done_date IS NULL", [CeremonyStatus.PLANNED.value]):
        task_due = dt.date.fromisoformat(day) + dt.timedelta(days=int(offset))
        if task_due < on:
            tasks_overdue += 1
        elif task_due <= on + dt.timedelta(days=TASKS_DUE_DAYS):
            tasks_soon += 1
        else:
            continue
        if first_due is None or (task_due, int(ceremony_id)) < first_due:
            first_due = (task_due, int(ceremony_id))

    condition, params = awaiting_clearance(db)
    awaiting = int(db.execute(f"SELECT count(*) FROM nominations n WHERE {condition}", params).fetchone()[0])
    return Deadlines(overdue, due_soon, tasks_overdue, tasks_soon, first_due[1] if first_due else None, awaiting)


def honor_roll_history(db: Reads) -> HonorRollHistory:
    """Inductees by year of induction and region, every year from the first induction to the last."""
    # CROSS JOIN keeps inductions as the outer loop: a few hundred rows, each finding its student by id
    # (the planner otherwise walked 600,000 students to find them).
    found = {(int(year), str(region)): int(n) for year, region, n in db.execute(
        "SELECT CAST(substr(i.induction_date, 1, 4) AS INTEGER), coalesce(c.region, ''), count(*) "
        "FROM inductions i CROSS JOIN students s ON s.id = i.student_id "
        "LEFT JOIN countries c ON c.code = s.country_code GROUP BY 1, 2")}
    if not found:
        return HonorRollHistory((), (), (), ())
    years = tuple(range(min(y for y, _ in found), max(y for y, _ in found) + 1))
    regions = tuple(code for code in (*REGIONS, "") if any(r == code for _, r in found))
    names = tuple(REGIONS.get(code, NOT_RECORDED) for code in regions)
    counts = tuple(tuple(found.get((year, region), 0) for region in regions) for year in years)
    return HonorRollHistory(years, regions, names, counts)


def newest_ceremony(db: Reads, on: dt.date) -> CeremonyState | None:
    """The newest ceremony: one with no date yet (still being planned), else the latest date; ties by the last made."""
    row = db.execute("SELECT id, title, ceremony_date, status FROM ceremonies "
                     "ORDER BY ceremony_date IS NULL DESC, ceremony_date DESC, id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    ceremony_id, title, day, status = row
    inductees, attending = db.execute("SELECT count(*), coalesce(sum(attending), 0) FROM ceremony_inductees "
                                      "WHERE ceremony_id = ?", [ceremony_id]).fetchone()
    guests, accepted = db.execute("SELECT count(*), coalesce(sum(rsvp = 'Accepted'), 0) FROM ceremony_guests "
                                  "WHERE ceremony_id = ?", [ceremony_id]).fetchone()
    date = dt.date.fromisoformat(day) if day else None
    tasks = done = overdue = 0
    for offset, done_date in db.execute("SELECT due_offset_days, done_date FROM ceremony_tasks WHERE ceremony_id = ?",
                                        [ceremony_id]):
        tasks += 1
        if done_date is not None:
            done += 1
        elif date is not None and date + dt.timedelta(days=int(offset)) < on:
            overdue += 1
    return CeremonyState(int(ceremony_id), str(title), date, str(status), int(inductees), int(attending),
                         int(guests), int(accepted), tasks, done, overdue)


def country_figures(db: Reads, in_residence: dict[str, int], names: dict[str, str], *,
                    alumni: bool = True) -> tuple[CountryFigures, ...]:
    """Each country with students in residence, alumni or Honor Roll members (the map's shading).

    alumni=False leaves the alumni out (0): counting them reads the whole status index (~60 ms of the
    Overview's ~80 on 600,000 students), so the tab shows the rest first and asks for them right after.
    """
    graduates = alumni_by_country(db) if alumni else {}
    honor = {str(k): int(n) for k, n in db.execute(
        "SELECT coalesce(s.country_code, ''), count(*) FROM inductions i CROSS JOIN students s ON s.id = i.student_id "
        "GROUP BY 1")}
    codes = sorted((set(in_residence) | set(graduates) | set(honor)) - {""},
                   key=lambda c: (names.get(c) or c).casefold())
    return tuple(CountryFigures(c, names.get(c) or c, in_residence.get(c, 0), graduates.get(c, 0), honor.get(c, 0))
                 for c in codes)


def alumni_by_country(db: Reads) -> dict[str, int]:
    """Alumni (graduates not archived) by country code ('' for those without a country)."""
    return {str(k or ""): int(n) for k, n in db.execute(ALUMNI_BY_COUNTRY_SQL)}


def with_alumni(db: Reads, figures: Overview) -> Overview:
    """Figures counted without the alumni, completed with them."""
    in_residence = {c.code: c.in_residence for c in figures.countries if c.in_residence}
    return figures._replace(countries=country_figures(db, in_residence, country_names(db)), alumni_counted=True)


def count_students_present(db: Reads) -> int:
    """Every student not archived (all minus the archived: two index counts, not a scan)."""
    return int(db.execute("SELECT (SELECT count(*) FROM students) - "
                          "(SELECT count(*) FROM students WHERE archived_at IS NOT NULL)").fetchone()[0])


def overview(db: Reads, on: dt.date | None = None, year: int | None = None, *, alumni: bool = True) -> Overview:
    """Every figure of the Overview as of a date (default today), with the arrivals of a year (default: the date's).

    alumni=False: the same without the alumni by country (see country_figures; with_alumni adds them).
    """
    from imet_desktop.store.settings import load_settings

    on = on or dt.date.today()
    year = year or on.year
    names = country_names(db)
    found, by_country = breakdowns(db, headline(Population.IN_RESIDENCE, on), names)
    return Overview(
        on=on, year=year, office=load_settings(db).school_name, students=count_students_present(db),
        in_residence=sum(by_country.values()), arriving=count_selection(db, headline(Population.ARRIVING, on)),
        departing=count_selection(db, headline(Population.DEPARTING, on)),
        not_yet_reported=count_selection(db, headline(Population.NOT_YET_REPORTED, on)),
        breakdowns=found, flows=(monthly_flow(db, year), monthly_flow(db, year - 1)), classes=class_fill(db, on),
        deadlines=deadlines(db, on), honor_roll=honor_roll_history(db), ceremony=newest_ceremony(db, on),
        countries=country_figures(db, by_country, names, alumni=alumni), alumni_counted=alumni)
