"""The Overview's figures as plain data: what the office looks like on a date, and who is behind each figure.

The store counts (store/overview.py), the tab, the printed report and the CSV/XLSX export only
read these records, so the screen, the paper and the spreadsheet always show the same numbers.
Every count that can be opened as a list carries the ``StudentSelection`` behind it: the roster,
given that selection, lists exactly the students counted (the store builds both from one SQL text).

The records are named tuples rather than frozen dataclasses: as immutable, compared and hashed by their values,
and made ~7× faster when this module is imported, which every start does before its first paint (to read the
figures kept from the last one, ops.kept): Python 3.12 compiles each method of a dataclass apart, ~0.7 ms a
record. A named tuple also equals a plain tuple of the same values, so tests compare records with their types.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from enum import StrEnum
from typing import NamedTuple

from imet_desktop.domain.dates import format_date

ARRIVING_DAYS = 30
DEPARTING_DAYS = 30
CLASS_DAYS = 90
REPORTS_DUE_DAYS = 7
TASKS_DUE_DAYS = 14
TOP_COUNTRIES = 15
TOP_SERVICES = 10
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOT_RECORDED = "Not recorded"
OTHERS = "Others"


class Population(StrEnum):
    """A set of students the Overview counts, as of a date or over a span of dates."""

    IN_RESIDENCE = "in residence"
    ARRIVING = "arriving"
    DEPARTING = "departing"
    NOT_YET_REPORTED = "not yet reported"
    ALUMNI = "alumni"


class Dimension(StrEnum):
    """What a breakdown groups students by."""

    COUNTRY = "country"
    REGION = "region"
    COMMAND = "combatant command"
    PROGRAM = "program"
    SERVICE = "service"
    STATUS = "status"


class StudentSelection(NamedTuple):
    """The students behind one figure: a population over dates, optionally one group of a breakdown.

    ``start``/``end`` are the dates: the same day for "in residence on", the first and last day
    for "arriving between". With a dimension, only the students whose value is one of ``values``
    ('' means not recorded), or with ``others``, whose value is none of them.
    """

    population: Population
    start: dt.date
    end: dt.date
    dimension: Dimension | None = None
    values: tuple[str, ...] = ()
    others: bool = False
    label: str = ""  # the group's name as shown ("Ghana", "Others"), for describe()

    def describe(self) -> str:
        """The selection in the clerk's words: 'In residence on 04 DEC 2026 · country: Ghana'."""
        if self.population is Population.IN_RESIDENCE:
            words = f"In residence on {format_date(self.start)}"
        elif self.population is Population.NOT_YET_REPORTED:
            words = f"Not yet reported on {format_date(self.start)}"
        elif self.population in (Population.ARRIVING, Population.DEPARTING):
            verb = "Arriving" if self.population is Population.ARRIVING else "Departing"
            words = f"{verb} {format_date(self.start)} to {format_date(self.end)}"
        else:
            words = "Alumni"
        if self.dimension is not None:
            words += f" · {self.dimension.value}: {self.label or ', '.join(v or NOT_RECORDED for v in self.values)}"
        return words


class Count(NamedTuple):
    """One bar of a breakdown: a group's name, its key ('' = not recorded) and how many."""

    label: str
    value: int
    key: str = ""
    others: bool = False  # the "Others" bar: every group not shown on its own


class Breakdown(NamedTuple):
    """A population split by one dimension, largest group first."""

    dimension: Dimension
    population: StudentSelection
    counts: tuple[Count, ...]

    @property
    def total(self) -> int:
        """The population's size (the groups add up to it)."""
        return sum(c.value for c in self.counts)

    def selection(self, count: Count) -> StudentSelection:
        """The students of one bar."""
        base = self.population
        if count.others:
            keys = tuple(c.key for c in self.counts if not c.others)
            return StudentSelection(base.population, base.start, base.end, self.dimension, keys, True, count.label)
        return StudentSelection(base.population, base.start, base.end, self.dimension, (count.key,), False,
                                count.label)


def top_with_others(counts: list[Count], top: int) -> tuple[Count, ...]:
    """The largest `top` groups (ties by name), then one "Others" bar for the rest (none when empty)."""
    ordered = sorted(counts, key=lambda c: (-c.value, c.label.casefold()))
    if len(ordered) <= top + 1:  # an "Others" bar of a single group would hide its name for nothing
        return tuple(ordered)
    rest = sum(c.value for c in ordered[top:])
    return (*ordered[:top], Count(OTHERS, rest, "", True))


class MonthlyFlow(NamedTuple):
    """Arrivals and departures in each month of one year (12 values each)."""

    year: int
    arrivals: tuple[int, ...]
    departures: tuple[int, ...]

    def month(self, index: int) -> tuple[dt.date, dt.date]:
        """First and last day of a month of the year (index 0 = January)."""
        first = dt.date(self.year, index + 1, 1)
        following = dt.date(self.year + (index + 1) // 12, (index + 1) % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)

    def selection(self, population: Population, index: int) -> StudentSelection:
        """The students arriving (or departing) in one month."""
        first, last = self.month(index)
        return StudentSelection(population, first, last)


class ClassFill(NamedTuple):
    """A class starting soon: seats taken, waiting, and its limits (None: no limit or minimum set)."""

    class_id: int
    designator: str
    course_code: str
    start_date: dt.date
    end_date: dt.date | None
    taken: int  # enrolled, completed, and seats offered to the waitlist
    waitlisted: int  # still waiting (not offered a seat)
    capacity: int | None
    minimum: int | None

    @property
    def over_capacity(self) -> bool:
        """More seats taken than the class has."""
        return self.capacity is not None and self.taken > self.capacity

    @property
    def under_minimum(self) -> bool:
        """Fewer students than the class needs to run."""
        return self.minimum is not None and self.taken < self.minimum

    @property
    def fill_text(self) -> str:
        """'18 taken of 24 seats', '18 taken (no limit)', with the waitlist when there is one."""
        limit = "(no limit)" if self.capacity is None else f"of {self.capacity} seats"
        text = f"{self.taken} taken {limit}"
        if self.waitlisted:
            text += f", {self.waitlisted} waiting"
        if self.minimum is not None:
            text += f", minimum {self.minimum}"
        return text


class Deadlines(NamedTuple):
    """What is late or due soon: reports (the reporting clock), ceremony tasks, nominations."""

    reports_overdue: int
    reports_due_soon: int  # not overdue, due within REPORTS_DUE_DAYS days
    tasks_overdue: int
    tasks_due_soon: int  # not overdue, due within TASKS_DUE_DAYS days
    task_ceremony_id: int | None  # the ceremony whose task is due first, to open its checklist
    nominations_awaiting_clearance: int


class CeremonyState(NamedTuple):
    """Where the newest ceremony stands."""

    ceremony_id: int
    title: str
    ceremony_date: dt.date | None
    status: str
    inductees: int
    attending: int
    guests: int
    guests_accepted: int
    tasks: int
    tasks_done: int
    tasks_overdue: int

    @property
    def when(self) -> str:
        """The date, or 'no date yet'."""
        return format_date(self.ceremony_date) if self.ceremony_date else "no date yet"


class HonorRollHistory(NamedTuple):
    """Inductees by year and region: counts[i][j] for years[i] and regions[j] (every year from first to last)."""

    years: tuple[int, ...]
    regions: tuple[str, ...]  # region codes ('' = not recorded), in REGIONS order
    region_names: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    @property
    def total(self) -> int:
        """Every inductee."""
        return sum(sum(row) for row in self.counts)

    def by_region(self) -> tuple[int, ...]:
        """Inductees of each region over all years."""
        return tuple(sum(row[j] for row in self.counts) for j in range(len(self.regions)))


class CountryFigures(NamedTuple):
    """One country on the map: its name in the office's table and its three figures."""

    code: str
    name: str
    in_residence: int
    alumni: int
    honor_roll: int


class Overview(NamedTuple):
    """Every figure of the Overview for one date and one year."""

    on: dt.date
    year: int
    office: str
    students: int  # every student not archived: 0 shows "No students yet"
    in_residence: int
    arriving: int
    departing: int
    not_yet_reported: int
    breakdowns: tuple[Breakdown, ...]  # in residence by country, region, command, program, service, status
    flows: tuple[MonthlyFlow, MonthlyFlow]  # the year, then the year before
    classes: tuple[ClassFill, ...]
    deadlines: Deadlines
    honor_roll: HonorRollHistory
    ceremony: CeremonyState | None
    countries: tuple[CountryFigures, ...] = ()
    alumni_counted: bool = True  # False: the countries' alumni are not counted yet (shown as such, never as 0)

    def breakdown(self, dimension: Dimension) -> Breakdown:
        """The in-residence breakdown by one dimension."""
        return next(b for b in self.breakdowns if b.dimension is dimension)

    def selection(self, population: Population) -> StudentSelection:
        """The students behind one of the four headline figures."""
        return headline(population, self.on)

    @property
    def empty(self) -> bool:
        """No students at all (the tab offers Import and Demo instead of charts)."""
        return self.students == 0


def headline(population: Population, on: dt.date) -> StudentSelection:
    """A headline figure's students as of a date: in residence or not yet reported on it, arriving or departing
    in the days after it."""
    if population is Population.ARRIVING:
        return StudentSelection(population, on + dt.timedelta(days=1), on + dt.timedelta(days=ARRIVING_DAYS))
    if population is Population.DEPARTING:
        return StudentSelection(population, on + dt.timedelta(days=1), on + dt.timedelta(days=DEPARTING_DAYS))
    return StudentSelection(population, on, on)


def share(part: int, whole: int) -> str:
    """A part as a percentage of a whole ('—' when the whole is 0: no division by zero)."""
    if whole <= 0:
        return "—"
    return f"{100 * part / whole:.0f} %"


def axis_top(largest: float) -> tuple[float, float]:
    """A value axis' top and step: a round number at or above the largest value, in at most 5 whole steps
    (1 and 1 for nothing at all, so that no chart divides by zero)."""
    if largest <= 0:
        return 1.0, 1.0
    magnitude = 10 ** math.floor(math.log10(largest))
    for step_factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = magnitude * step_factor
        if step >= 1 and math.ceil(largest / step) <= 5:
            return step * math.ceil(largest / step), step
    return largest, largest


# --- the figures as plain data (JSON's types) and back, checked: kept between starts (ops.overview) ---------------

type Plain = list[object]


class NotFigures(ValueError):
    """Plain data that is not figures as overview_to_plain writes them (a damaged, older or foreign file)."""


def overview_to_plain(figures: Overview) -> Plain:
    """The figures as JSON's types only (lists, str, int, bool, None; dates as ISO text): each record a list of
    its fields in the record's order (short to read back: the start reads them)."""
    d, h, c = figures.deadlines, figures.honor_roll, figures.ceremony
    return [
        figures.on.isoformat(), figures.year, figures.office, figures.students, figures.in_residence,
        figures.arriving, figures.departing, figures.not_yet_reported,
        [[b.dimension.value, _selection_plain(b.population), [[n.label, n.value, n.key, n.others] for n in b.counts]]
         for b in figures.breakdowns],
        [[f.year, list(f.arrivals), list(f.departures)] for f in figures.flows],
        [[k.class_id, k.designator, k.course_code, k.start_date.isoformat(), _day_plain(k.end_date), k.taken,
          k.waitlisted, k.capacity, k.minimum] for k in figures.classes],
        [d.reports_overdue, d.reports_due_soon, d.tasks_overdue, d.tasks_due_soon, d.task_ceremony_id,
         d.nominations_awaiting_clearance],
        [list(h.years), list(h.regions), list(h.region_names), [list(row) for row in h.counts]],
        None if c is None else [c.ceremony_id, c.title, _day_plain(c.ceremony_date), c.status, c.inductees,
                                c.attending, c.guests, c.guests_accepted, c.tasks, c.tasks_done, c.tasks_overdue],
        [[k.code, k.name, k.in_residence, k.alumni, k.honor_roll] for k in figures.countries],
        figures.alumni_counted,
    ]


def texts(figures: Overview) -> Iterator[str]:
    """Every text among the figures (names, labels, titles; dates as written): what a font must draw to show them."""
    stack: list[object] = [overview_to_plain(figures)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, list):
            stack.extend(item)


def overview_from_plain(data: object) -> Overview:
    """The figures overview_to_plain gave as plain data; NotFigures for anything else: a missing, extra or
    mistyped field, an unknown population or dimension, a date not in ISO form, a negative count, or figures
    the tab could not draw (not one breakdown per dimension in order, not two years of twelve months each,
    an Honor Roll table not one row per year and one column per region)."""
    (on, year, office, students, in_residence, arriving, departing, not_yet_reported, breakdowns, flows, classes,
     deadlines, honor_roll, ceremony, countries, alumni_counted) = _fields(data, _OVERVIEW_FIELDS)
    found = tuple(_breakdown(b) for b in _list(breakdowns))
    if tuple(b.dimension for b in found) != tuple(Dimension):
        raise NotFigures("not one breakdown per dimension")
    year = _int(year)
    both = tuple(_flow(f) for f in _list(flows))
    if len(both) != 2 or (both[0].year, both[1].year) != (year, year - 1):
        raise NotFigures("not the flows of the year and the year before")
    return Overview(_day(on), year, _str(office), _count(students), _count(in_residence), _count(arriving),
                    _count(departing), _count(not_yet_reported), found, (both[0], both[1]),
                    tuple(_class(k) for k in _list(classes)), _deadlines(deadlines), _honor_roll(honor_roll),
                    None if ceremony is None else _ceremony(ceremony),
                    tuple(_country(k) for k in _list(countries)), _bool(alumni_counted))


_OVERVIEW_FIELDS = ("on", "year", "office", "students", "in_residence", "arriving", "departing", "not_yet_reported",
                    "breakdowns", "flows", "classes", "deadlines", "honor_roll", "ceremony", "countries",
                    "alumni_counted")


def _selection_plain(s: StudentSelection) -> Plain:
    return [s.population.value, s.start.isoformat(), s.end.isoformat(),
            None if s.dimension is None else s.dimension.value, list(s.values), s.others, s.label]


def _day_plain(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _fields(data: object, names: tuple[str, ...]) -> list[object]:
    """A record's fields: a list of exactly as many values as it has names."""
    if type(data) is not list or len(data) != len(names):
        raise NotFigures(f"not a record of {', '.join(names)}")
    return data


def _list(value: object) -> list[object]:
    if type(value) is not list:
        raise NotFigures("not a list")
    return value


def _int(value: object) -> int:
    if type(value) is not int:  # never a bool, a float or text
        raise NotFigures(f"not a whole number: {value!r}")
    return value


def _count(value: object) -> int:
    if type(value) is not int or value < 0:
        raise NotFigures(f"not a count: {value!r}")
    return value


def _maybe_int(value: object) -> int | None:
    return None if value is None else _int(value)


def _maybe_count(value: object) -> int | None:
    return None if value is None else _count(value)


def _str(value: object) -> str:
    if type(value) is not str:
        raise NotFigures(f"not text: {value!r}")
    return value


def _bool(value: object) -> bool:
    if type(value) is not bool:
        raise NotFigures(f"not true or false: {value!r}")
    return value


def _day(value: object) -> dt.date:
    text = _str(value)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise NotFigures(f"not a date: {text!r}") from None
    if day.isoformat() != text:  # fromisoformat also reads 20261204 and 2026-W49-5: only what was written
        raise NotFigures(f"not a date as written: {text!r}")
    return day


def _maybe_day(value: object) -> dt.date | None:
    return None if value is None else _day(value)


def _counts(value: object) -> tuple[int, ...]:
    return tuple(_count(n) for n in _list(value))


def _strs(value: object) -> tuple[str, ...]:
    return tuple(_str(s) for s in _list(value))


def _enum[E: StrEnum](kind: type[E], value: object) -> E:
    try:
        return kind(_str(value))
    except ValueError:
        raise NotFigures(f"not a {kind.__name__}: {value!r}") from None


def _selection(data: object) -> StudentSelection:
    population, start, end, dimension, values, others, label = _fields(
        data, ("population", "start", "end", "dimension", "values", "others", "label"))
    return StudentSelection(_enum(Population, population), _day(start), _day(end),
                            None if dimension is None else _enum(Dimension, dimension), _strs(values), _bool(others),
                            _str(label))


def _breakdown(data: object) -> Breakdown:
    dimension, population, counts = _fields(data, ("dimension", "population", "counts"))
    bars = []
    for bar in _list(counts):
        label, value, key, others = _fields(bar, ("label", "value", "key", "others"))
        bars.append(Count(_str(label), _count(value), _str(key), _bool(others)))
    return Breakdown(_enum(Dimension, dimension), _selection(population), tuple(bars))


def _flow(data: object) -> MonthlyFlow:
    year, arrivals, departures = _fields(data, ("year", "arrivals", "departures"))
    flow = MonthlyFlow(_int(year), _counts(arrivals), _counts(departures))
    if len(flow.arrivals) != len(MONTHS) or len(flow.departures) != len(MONTHS) or not 1 <= flow.year <= 9999:
        raise NotFigures("not twelve months of a year")
    return flow


def _class(data: object) -> ClassFill:
    class_id, designator, course_code, start, end, taken, waitlisted, capacity, minimum = _fields(
        data, ("class_id", "designator", "course_code", "start_date", "end_date", "taken", "waitlisted", "capacity",
               "minimum"))
    return ClassFill(_int(class_id), _str(designator), _str(course_code), _day(start), _maybe_day(end), _count(taken),
                     _count(waitlisted), _maybe_count(capacity), _maybe_count(minimum))


def _deadlines(data: object) -> Deadlines:
    overdue, due_soon, tasks_overdue, tasks_due_soon, task_ceremony_id, awaiting = _fields(
        data, ("reports_overdue", "reports_due_soon", "tasks_overdue", "tasks_due_soon", "task_ceremony_id",
               "nominations_awaiting_clearance"))
    return Deadlines(_count(overdue), _count(due_soon), _count(tasks_overdue), _count(tasks_due_soon),
                     _maybe_int(task_ceremony_id), _count(awaiting))


def _honor_roll(data: object) -> HonorRollHistory:
    years, regions, names, counts = _fields(data, ("years", "regions", "region_names", "counts"))
    history = HonorRollHistory(tuple(_int(y) for y in _list(years)), _strs(regions), _strs(names),
                               tuple(_counts(row) for row in _list(counts)))
    width = len(history.regions)
    if len(history.region_names) != width or len(history.counts) != len(history.years) \
            or any(len(row) != width for row in history.counts):
        raise NotFigures("not one row per year and one column per region")
    return history


def _ceremony(data: object) -> CeremonyState:
    (ceremony_id, title, day, status, inductees, attending, guests, accepted, tasks, done,
     overdue) = _fields(data, ("ceremony_id", "title", "ceremony_date", "status", "inductees", "attending", "guests",
                               "guests_accepted", "tasks", "tasks_done", "tasks_overdue"))
    return CeremonyState(_int(ceremony_id), _str(title), _maybe_day(day), _str(status), _count(inductees),
                         _count(attending), _count(guests), _count(accepted), _count(tasks), _count(done),
                         _count(overdue))


def _country(data: object) -> CountryFigures:
    code, name, in_residence, alumni, honor_roll = _fields(data, ("code", "name", "in_residence", "alumni",
                                                                  "honor_roll"))
    return CountryFigures(_str(code), _str(name), _count(in_residence), _count(alumni), _count(honor_roll))
