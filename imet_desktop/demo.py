"""A demo database: invented but realistic students, courses, Honor Roll history and ceremonies.

Everyone in it is fictional. Names come from the pools in resources/demo/ (native scripts and
passport spellings), ranks from each country's own rank system. The same seed writes the same
records, because every random choice comes from a generator seeded from it and the records are
dated against a fixed day, DEMO_TODAY, not the real one.

Bulk students are written with executemany on the raw connection in the caller's single
transaction; the student name index (FTS5) is rebuilt once afterwards instead of row by row.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import math
import random
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.countries import country_by_code
from imet_desktop.domain.eligibility import DEFAULT_CLEARANCE_STEPS, parse_schools
from imet_desktop.domain.names import name_key, search_text
from imet_desktop.domain.seating import Table, seat_by_precedence
from imet_desktop.paths import resource
from imet_desktop.store.ceremonies import (
    DEFAULT_ORDER_OF_EVENTS,
    DEFAULT_TASKS,
    FOR_EACH_INDUCTEE,
    INDUCTEE_EVENTS,
    list_tables,
    people_to_seat,
    write_seating,
)
from imet_desktop.store.changes import not_recorded
from imet_desktop.store.db import audit, open_database, write
from imet_desktop.store.errors import StoreError

# The day the demo's records are "as of": classes before it are finished, after it planned.
DEMO_TODAY = dt.date(2026, 11, 15)
LOCATION = "Maxwell AFB, Alabama"
DEMO_USER = "demo"
HONOR_ROLL_FIRST_YEAR = 1985
HONOR_ROLL_LAST_YEAR = 2025

Progress = Callable[[str], None]


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


# --- bundled data ----------------------------------------------------------------------------

Pair = tuple[str, str]  # (as written in the native script, passport spelling)


def _pair(entry: str) -> Pair:
    native, sep, legal = entry.partition("|")
    return native, (legal if sep else native)


@dataclass(frozen=True, slots=True)
class _Culture:
    """How people of one naming tradition are named."""

    name: str
    family: tuple[Pair, ...]
    family_f: tuple[Pair, ...]
    male: tuple[Pair, ...]
    female: tuple[Pair, ...]
    order: str = "gf"  # given-family or family-given, for the native-script name
    join: str = " "  # "" for Chinese, Korean and Japanese names
    patronymic: str = ""  # "bin" (Gulf), "plain" (father's name added), "malay" (bin/binti as family)
    double_family: bool = False  # two family names (Spanish)
    two_given: float = 0.0
    one_word: float = 0.0
    mononyms: tuple[str, ...] = ()
    upper: str = ""  # "tr": Turkish capitals (i -> İ)
    no_native: bool = False  # no font for the script is bundled: keep only the passport spelling


@dataclass(frozen=True, slots=True)
class _Country:
    """A country's students: naming, ranks, services, birthplaces, the air chief's title."""

    code: str
    name: str
    culture: _Culture
    ranks: tuple[str, ...]  # O-3 .. O-10
    air_force: str
    army: str
    navy: str  # "" when the country sends no naval officers
    weight: int
    fms: bool
    cities: tuple[str, ...]
    chief: str
    chief_category: str
    since: int = 1955  # the first year its officers came to Air University


# Land-locked countries, or ones whose students come only from their air and land forces.
_NO_NAVY = frozenset({"HU", "CZ", "SK", "NP", "ML", "NE", "BF", "TD", "MN", "AM", "UZ", "RW", "UG", "ZM", "BW",
                      "XK", "MK", "RS", "BA", "MD", "KZ", "SI"})
US_AIR_RANKS = ("Captain", "Major", "Lieutenant Colonel", "Colonel", "Brigadier General", "Major General",
                "Lieutenant General", "General")
US_NAVY_RANKS = ("Lieutenant", "Lieutenant Commander", "Commander", "Captain", "Rear Admiral (lower half)",
                 "Rear Admiral", "Vice Admiral", "Admiral")
PAY_GRADES = ("O-3", "O-4", "O-5", "O-6", "O-7", "O-8", "O-9", "O-10")


def _load(name: str) -> Any:
    with resource("demo", name).open(encoding="utf-8") as f:
        return json.load(f)


@cache
def _cultures() -> dict[str, _Culture]:
    result = {}
    for name, spec in _load("names.json").items():
        if name.startswith("_"):
            continue
        result[name] = _Culture(
            name=name,
            family=tuple(_pair(e) for e in spec["family"]),
            family_f=tuple(_pair(e) for e in spec.get("family_f", ())),
            male=tuple(_pair(e) for e in spec["male"]),
            female=tuple(_pair(e) for e in spec.get("female", ())),
            order=spec.get("order", "gf"), join=spec.get("join", " "), patronymic=spec.get("patronymic", ""),
            double_family=bool(spec.get("double_family", False)), two_given=float(spec.get("two_given", 0)),
            one_word=float(spec.get("one_word", 0)), mononyms=tuple(spec.get("mononyms", ())),
            upper=spec.get("upper", ""), no_native=bool(spec.get("no_native", False)))
    return result


@cache
def _countries() -> tuple[_Country, ...]:
    cultures = _cultures()
    ranks = {k: tuple(v) for k, v in _load("ranks.json").items() if not k.startswith("_")}
    result = []
    for spec in _load("countries.json")["countries"]:
        code, adj = spec["code"], spec["adj"]
        air_force = spec.get("air_force", f"{adj} Air Force")
        result.append(_Country(
            code=code, name=country_by_code(code).name, culture=cultures[spec["culture"]],
            ranks=ranks[spec["ranks"]], air_force=air_force, army=spec.get("army", f"{adj} Army"),
            navy="" if code in _NO_NAVY else spec.get("navy", f"{adj} Navy"), weight=int(spec["weight"]),
            fms=bool(spec.get("fms", False)), cities=tuple(spec["cities"]), chief=spec["chief"],
            chief_category=spec.get("chief_category", "Commander of the Air Force"),
            since=int(spec.get("since", 1955))))
    return tuple(result)


def _country(code: str) -> _Country:
    return next(c for c in _countries() if c.code == code)


# --- names -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Name:
    """A person's names as the records hold them."""

    family: str  # legal, in capitals
    given: str
    display: str
    native: str
    sex: str

    @property
    def search(self) -> tuple[str, str]:
        """The folded names for the search index, and the duplicate check's name key."""
        return search_text(self.family, self.given, self.display, self.native), name_key(self.family, self.given)


def _capitals(text: str, mode: str) -> str:
    if mode == "tr":
        text = text.replace("i", "İ")
    return text.upper()


def _is_ascii(text: str) -> bool:
    return all(ord(ch) < 128 for ch in text)


def _make_name(rng: random.Random, culture: _Culture, sex: str) -> _Name:
    """An invented person of this naming culture."""
    female = sex == "F" and bool(culture.female)
    sex = "F" if female else "M"
    if culture.one_word and rng.random() < culture.one_word:
        mono = rng.choice(culture.mononyms)
        return _Name(_capitals(mono, culture.upper), "", mono, "", sex)
    families = culture.family_f if female and culture.family_f else culture.family
    i = rng.randrange(len(families))
    fam_n, fam_l = families[i]
    if culture.double_family:
        j = (i + 1 + rng.randrange(len(families) - 1)) % len(families)
        fam_n, fam_l = f"{fam_n} {families[j][0]}", f"{fam_l} {families[j][1]}"
    givens = culture.female if female else culture.male
    first_n, first_l = rng.choice(givens)
    given_n, given_l = first_n, first_l
    if culture.two_given and rng.random() < culture.two_given:
        second_n, second_l = rng.choice([g for g in givens if g[0] != first_n])
        given_n, given_l = f"{given_n} {second_n}", f"{given_l} {second_l}"
    if culture.patronymic == "bin" and rng.random() < 0.5:
        father_n, father_l = rng.choice(culture.male)
        given_n += (" بنت " if female else " بن ") + father_n
        given_l += (" bint " if female else " bin ") + father_l
    elif culture.patronymic == "plain" and rng.random() < 0.4:
        father_n, father_l = rng.choice(culture.male)
        given_n, given_l = f"{given_n} {father_n}", f"{given_l} {father_l}"
    elif culture.patronymic == "malay":
        particle = "binti" if female else "bin"
        fam_n, fam_l = f"{particle} {fam_n}", f"{particle} {fam_l}"
    if culture.no_native:
        native = ""
    elif culture.order == "fg":
        native = fam_n + culture.join + given_n
    else:
        native = f"{given_n} {fam_n}"
    if culture.order == "gf" and _is_ascii(native):
        native = ""  # nothing the passport spelling does not already say
    if culture.join == "" or culture.name == "vietnamese":
        display = f"{fam_l} {given_l}"
    elif culture.patronymic == "malay":
        display = first_l
    else:
        display = f"{first_l} {fam_l}"
    return _Name(_capitals(fam_l, culture.upper), given_l, display, native, sex)


# --- courses and classes ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _CourseSpec:
    code: str
    title: str
    masl_id: str
    min_ecl: int
    length_weeks: int
    prerequisites: tuple[str, ...]
    description: str


COURSES: tuple[_CourseSpec, ...] = (
    _CourseSpec("IOS-PREP", "International Officer School Preparatory Course", "D171001", 80, 6, (),
                "Orientation, academic writing and American life before an Air University course."),
    _CourseSpec("SOS", "Squadron Officer School", "D171010", 80, 8, ("IOS-PREP",),
                "Leadership and air power for captains."),
    _CourseSpec("ACSC", "Air Command and Staff College", "D171020", 80, 44, ("IOS-PREP",),
                "Intermediate developmental education for majors; master's degree."),
    _CourseSpec("AWC", "Air War College", "D171030", 80, 44, ("IOS-PREP",),
                "Senior developmental education for lieutenant colonels and colonels; master's degree."),
    _CourseSpec("SAASS", "School of Advanced Air and Space Studies", "D171040", 85, 48, ("ACSC",),
                "Advanced strategist course for selected ACSC graduates."),
)
FIRST_ACADEMIC_YEAR = 2022
LAST_ACADEMIC_YEAR = 2028
CAPACITY = {"SOS": 36, "ACSC": 72, "AWC": 45, "SAASS": 4}
DISTINCTIONS = ("Distinguished Graduate", "Distinguished Graduate", "Distinguished Graduate",
                "Commandant's Award for Research")


@dataclass(slots=True)
class _ClassSpec:
    course: str
    designator: str
    start: dt.date
    end: dt.date
    capacity: int
    prep: _ClassSpec | None = None
    id: int = 0
    seminar_ids: list[int] = field(default_factory=list)


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _class_plan() -> list[_ClassSpec]:
    """Every class of the demo, preparatory classes before the class they prepare for."""
    plan: list[_ClassSpec] = []

    def add(course: str, designator: str, start: dt.date, weeks: int, prep_name: str = "",
            prep_weeks: int = 6) -> None:
        end = start + dt.timedelta(weeks=weeks, days=-3)
        prep = None
        if prep_name:
            prep_start = start - dt.timedelta(weeks=prep_weeks)
            prep = _ClassSpec("IOS-PREP", prep_name, prep_start, start - dt.timedelta(days=3), CAPACITY[course])
            plan.append(prep)
        plan.append(_ClassSpec(course, designator, start, end, CAPACITY[course], prep))

    for ay in range(FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR + 1):
        year = ay - 1
        add("SAASS", f"SAASS AY{ay}", _monday_on_or_after(dt.date(year, 6, 20)), 50)
        add("ACSC", f"ACSC AY{ay}", _monday_on_or_after(dt.date(year, 7, 20)), 46, f"IOS ACSC Prep {year}")
        add("AWC", f"AWC AY{ay}", _monday_on_or_after(dt.date(year, 7, 27)), 45, f"IOS AWC Prep {year}")
        if ay < LAST_ACADEMIC_YEAR:
            yy = ay % 100
            for letter, start in (("A", dt.date(year, 10, 12)), ("B", dt.date(ay, 1, 18)),
                                  ("C", dt.date(ay, 4, 12))):
                add("SOS", f"SOS {yy:02d}{letter}", _monday_on_or_after(start), 8, f"IOS SOS Prep {yy:02d}{letter}",
                    prep_weeks=5)
    return plan


# --- generating students ---------------------------------------------------------------------

_EPOCH = dt.date(1900, 1, 1).toordinal()


class _Dates:
    """ISO text of every day from 1900 to 2040, so bulk rows format no dates."""

    def __init__(self) -> None:
        first = dt.date(1900, 1, 1)
        self.text = [(first + dt.timedelta(days=n)).isoformat() for n in range(dt.date(2040, 1, 1).toordinal()
                                                                               - _EPOCH)]

    def __call__(self, ordinal: int) -> str:
        return self.text[ordinal - _EPOCH]


STUDENT_COLUMNS = (
    "id", "legal_family_name", "legal_given_names", "display_name", "native_name", "pronunciation", "sex",
    "date_of_birth", "place_of_birth", "country_code", "service", "country_rank", "us_rank", "pay_grade",
    "service_number", "passport_number", "passport_expiry", "visa_type", "visa_number", "email", "phone",
    "funding_program", "fms_case_id", "ito_number", "wcn", "ecl_score", "arrival_date", "arrival_airport",
    "departure_date", "status", "sponsor", "dependents", "notes", "search_text", "name_key",
)
_AGE_YEARS = {"O-3": 27, "O-4": 33, "O-5": 38, "O-6": 43}
_LETTERS = [a + b for a in "ABCDEFGHJKLMNPRSTUVWXYZ" for b in "ABCDEFGHJKLMNPRSTUVWXYZ"]
_ECL = [70, 72, 74, 75, 76, 77, 78, 79] + [80 + n % 21 for n in range(90)]
_DEPENDENTS = ("", "", "", "Spouse", "Spouse, 1 child", "Spouse, 2 children", "Spouse, 3 children")
_SPONSOR_RANKS = ("Maj", "Lt Col", "Capt", "Col (ret.)", "Mr.", "Ms.", "Dr.")


@dataclass(slots=True)
class _Row:
    """A student row before it has an id; rows are written in order of key."""

    key: str  # arrival date, for id order
    seq: int  # >= 0: someone the rest of the generation refers to by this number
    values: tuple[Any, ...]


class _People:
    """Invented people for each country, drawn from name pools built once."""

    def __init__(self, rng: random.Random, dates: _Dates) -> None:
        self.rng = rng
        self.date = dates
        self.serial = 0
        self._pools: dict[str, list[tuple[_Name, tuple[str, str]]]] = {}

    def name(self, country: _Country, sex: str) -> _Name:
        """A new invented name, not from the pool."""
        return _make_name(self.rng, country.culture, sex)

    def pool(self, country: _Country, size: int) -> list[tuple[_Name, tuple[str, str]]]:
        """size names for bulk students (with their search text), women about one in ten."""
        have = self._pools.setdefault(country.code, [])
        while len(have) < size:
            name = _make_name(self.rng, country.culture, "F" if self.rng.random() < 0.1 else "M")
            have.append((name, name.search))
        return have

    def next_serial(self) -> int:
        """A number unique in this generation, for ITO numbers and WCNs."""
        self.serial += 1
        return self.serial

    def funding(self, country: _Country) -> tuple[str, str]:
        """Funding program and FMS case id."""
        r = self.rng.random()
        if country.fms and r < 0.75 or not country.fms and r < 0.06:
            case = "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3))
            return "FMS", f"{country.code}-D-{case}"
        if country.fms or r < 0.84:
            return "IMET", ""
        if r < 0.92:
            return "Sec 333", ""
        if r < 0.98:
            return "CTFP", ""
        return "INL", ""

    def service(self, country: _Country, grade_index: int) -> tuple[str, str, str]:
        """Service, country rank and US-equivalent rank for a grade (0 = O-3)."""
        r = self.rng.random()
        if r < 0.05 and country.navy:
            return country.navy, US_NAVY_RANKS[grade_index], US_NAVY_RANKS[grade_index]
        if r < 0.15:
            return country.army, country.ranks[grade_index], US_AIR_RANKS[grade_index]
        return country.air_force, country.ranks[grade_index], US_AIR_RANKS[grade_index]


def _current_student_values(people: _People, country: _Country, name: _Name, grade: int, arrival: int,
                            departure: int | None, status: str) -> tuple[Any, ...]:
    """A current (or recent) student's row values without the id, in STUDENT_COLUMNS order."""
    rng, date = people.rng, people.date
    r = rng.random
    serial = people.next_serial()
    dob = arrival - int((_AGE_YEARS[PAY_GRADES[grade]] + r() * 6) * 365.25)
    service, country_rank, us_rank = people.service(country, grade)
    funding, case = people.funding(country)
    first = name.given.split()[0] if name.given else name.family
    local = unicodedata.normalize("NFKD", f"{first}.{name.family}".replace(" ", "").casefold())
    local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch in ".-"))
    sponsor = f"{rng.choice(_SPONSOR_RANKS)} {people.name(_country_us(), 'M' if r() < 0.7 else 'F').display}"
    return (
        name.family, name.given, name.display, name.native, "", name.sex, date(dob), rng.choice(country.cities),
        country.code, service, country_rank, us_rank, PAY_GRADES[grade], f"{int(r() * 90_000_000) + 10_000_000}",
        f"{_LETTERS[int(r() * len(_LETTERS))]}{int(r() * 10_000_000):07d}",
        date(arrival + 365 * 3 + int(r() * 2000)), "A-2", f"{int(r() * 90_000_000) + 10_000_000}",
        f"{local}{serial % 100}@mail.example", f"+1 334-555-01{serial % 100:02d}", funding, case,
        f"{date(arrival)[2:4]}{country.code}{serial:07d}", f"{country.code}{serial:07d}", _ECL[int(r() * len(_ECL))],
        date(arrival), "MGM" if r() < 0.85 else "ATL", None if departure is None else date(departure), status,
        sponsor, rng.choice(_DEPENDENTS), "", *name.search,
    )


_SERVICE_SLOTS = 20
_FUNDING_SLOTS = 50


class _BulkProfile:
    """One country's choices for bulk rows, drawn once: names, services by grade, funding."""

    def __init__(self, people: _People, country: _Country, pool_size: int) -> None:
        self.code = country.code
        self.names = [(nm.family, nm.given, nm.display, nm.native, nm.sex, search)
                      for nm, search in people.pool(country, pool_size)]
        self.n_names = len(self.names)
        self.cities = country.cities
        self.n_cities = len(country.cities)
        self.services = [[people.service(country, grade) for _ in range(_SERVICE_SLOTS)] for grade in range(4)]
        self.funding = [people.funding(country) for _ in range(_FUNDING_SLOTS)]


@cache
def _country_us() -> _Country:
    """Sponsors are American: a pseudo-country for their names only."""
    return _Country("US", "United States", _cultures()["american"], US_AIR_RANKS, "US Air Force", "US Army",
                    "US Navy", 0, False, ("Montgomery",), "", "")


# --- the generator ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Recent:
    """A student placed in a demo class, while the rows are being built."""

    seq: int
    country: _Country
    grade: int
    arrival: int
    status: str = "Projected"
    departure: int | None = None
    enrollments: list[tuple[_ClassSpec, str, int | None, str, int | None]] = field(default_factory=list)
    history: list[tuple[str, int, str]] = field(default_factory=list)


def _weighted(countries: Sequence[_Country]) -> list[int]:
    total, cumulative = 0, []
    for c in countries:
        total += c.weight
        cumulative.append(total)
    return cumulative


class _Generator:
    """Fills one empty database; every method writes through the caller's transaction."""

    def __init__(self, db: Database, students: int, seed: int, progress: Progress | None) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.students = students
        self.seed = seed
        self.progress = progress or (lambda _message: None)
        self.date = _Dates()
        self.people = _People(random.Random(f"{seed}:people"), self.date)
        self.today = DEMO_TODAY.toordinal()
        self.rows: list[_Row] = []
        self.ids: dict[int, int] = {}
        self.recent: list[_Recent] = []
        self.seq = 0
        self.counts: dict[str, int] = {}
        self.course_ids: dict[str, int] = {}
        self.classes = _class_plan()
        self.honorees: list[tuple[int, dict[str, Any]]] = []
        self.ceremony_spec: dict[str, Any] = {}
        self.held_people: list[dict[str, Any]] = []
        self.planned_people: list[dict[str, Any]] = []
        self.other_nominees: list[dict[str, Any]] = []
        self.eligible: list[dict[str, Any]] = []
        self.ceremony_ids: list[int] = []

    # -- helpers --

    def _insert(self, sql: str, values: Sequence[Any]) -> int:
        return int(self.conn.execute(sql, values).lastrowid or 0)

    def _next_seq(self) -> int:
        self.seq += 1
        return self.seq

    # -- courses --

    def courses(self) -> None:
        """The catalogue, its prerequisites, every class and the ACSC/AWC seminars."""
        for spec in COURSES:
            self.course_ids[spec.code] = self._insert(
                "INSERT INTO courses (code, title, masl_id, min_ecl, length_weeks, in_residence, description) "
                "VALUES (?, ?, ?, ?, ?, 1, ?)",
                [spec.code, spec.title, spec.masl_id, spec.min_ecl, spec.length_weeks, spec.description])
        for spec in COURSES:
            for prerequisite in spec.prerequisites:
                self.conn.execute("INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES (?, ?)",
                                  [self.course_ids[spec.code], self.course_ids[prerequisite]])
        for c in self.classes:
            c.id = self._insert(
                "INSERT INTO classes (course_id, designator, start_date, end_date, capacity, location) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [self.course_ids[c.course], c.designator, c.start.isoformat(), c.end.isoformat(), c.capacity,
                 LOCATION])
            if c.course in {"ACSC", "AWC"}:
                for n in range(1, 13 if c.course == "ACSC" else 9):
                    c.seminar_ids.append(self._insert(
                        "INSERT INTO class_seminars (class_id, name) VALUES (?, ?)", [c.id, f"Seminar {n:02d}"]))
        self.counts["courses"], self.counts["classes"] = len(COURSES), len(self.classes)

    # -- students placed in the demo's classes --

    def placed_students(self, budget: int) -> None:
        """Up to budget students placed in a preparatory class then their class, 90 % full at most."""
        rng = random.Random(f"{self.seed}:classes")
        mains = [c for c in self.classes if c.course in {"SOS", "ACSC", "AWC"}]
        seats = sum(c.capacity for c in mains)
        fill = min(0.9, budget / seats) if seats else 0.0
        by_class: dict[str, list[_Recent]] = {}
        countries = _countries()
        cumulative = _weighted(countries)
        for c in sorted(mains, key=lambda m: m.start, reverse=True):  # current classes first, older get the rest
            if budget <= 0:
                break
            share = fill * (0.85 + 0.3 * rng.random()) * (0.6 if c.start > DEMO_TODAY else 1.0)
            k = min(c.capacity, budget, max(1, round(c.capacity * share)))
            budget -= k
            placed = by_class.setdefault(c.designator, [])
            for n in range(k):
                country = rng.choices(countries, cum_weights=cumulative)[0]
                grade = self._grade_for(c.course, rng)
                assert c.prep is not None
                arrival = c.prep.start.toordinal() - rng.randint(3, 10)
                student = _Recent(self._next_seq(), country, grade, arrival)
                self._place(student, c, rng, seminar=n)
                placed.append(student)
                self.recent.append(student)
            if c.start > DEMO_TODAY and c.course == "ACSC":
                for position in range(1, 3):  # a waiting list for next year's class
                    country = rng.choices(countries, cum_weights=cumulative)[0]
                    student = _Recent(self._next_seq(), country, 1, c.prep.start.toordinal() - 7 if c.prep else 0)
                    student.enrollments.append((c, "Waitlisted", None, "", position))
                    student.history.append(("Projected", c.start.toordinal() - 150, "ITO received"))
                    self.recent.append(student)
        for c in self.classes:
            if c.course != "SAASS":
                continue
            feeders = [s for s in by_class.get(f"ACSC AY{int(c.designator[-4:]) - 1}", [])
                       if s.grade == 1 and s.status not in {"Withdrawn", "Eliminated"}]
            for s in rng.sample(feeders, min(len(feeders), rng.randint(1, c.capacity))):
                self._continue_to(s, c, rng)
        for s in self.recent:
            self._add_row(s)

    @staticmethod
    def _grade_for(course: str, rng: random.Random) -> int:
        r = rng.random()
        if course == "SOS":
            return 0 if r < 0.9 else 1
        if course == "ACSC":
            return 1 if r < 0.75 else 0 if r < 0.9 else 2
        return 2 if r < 0.65 else 3

    def _outcome(self, c: _ClassSpec, rng: random.Random) -> tuple[str, int | None, str]:
        """Status, outcome date and distinction of a main-class enrollment as of DEMO_TODAY."""
        start, end = c.start.toordinal(), c.end.toordinal()
        r = rng.random()
        if end < self.today:
            if r < 0.03:
                return "Withdrawn", start + int(rng.random() * (end - start)), ""
            if r < 0.05:
                return "Eliminated", start + int(rng.random() * (end - start)), ""
            distinction = rng.choice(DISTINCTIONS) if rng.random() < 0.1 else ""
            return "Completed", end, distinction
        if start <= self.today and r < 0.01:
            return "Withdrawn", start + int(rng.random() * (self.today - start)), ""
        return "Enrolled", None, ""

    def _place(self, s: _Recent, c: _ClassSpec, rng: random.Random, seminar: int) -> None:
        prep = c.prep
        assert prep is not None
        itos = s.arrival - rng.randint(90, 150)
        s.history.append(("Projected", itos, "ITO received"))
        prep_status = "Completed" if prep.end.toordinal() < self.today else "Enrolled"
        s.enrollments.append((prep, prep_status, prep.end.toordinal() if prep_status == "Completed" else None,
                              "", None))
        status, outcome, distinction = self._outcome(c, rng)
        s.enrollments.append((c, status, outcome, distinction, seminar))
        if s.arrival <= self.today:
            s.status = "Arrived"
            s.history.append(("Arrived", s.arrival, "arrived MGM"))
        if prep.start.toordinal() <= self.today:
            s.status = "In training"
            s.history.append(("In training", prep.start.toordinal(), prep.designator))
        if status == "Completed":
            s.status, s.departure = "Graduated", (outcome or 0) + rng.randint(2, 6)
            s.history.append(("Graduated", outcome or 0, c.designator))
        elif status in {"Withdrawn", "Eliminated"}:
            s.status, s.departure = status, (outcome or 0) + 7
            s.history.append((status, outcome or 0, c.designator))

    def _continue_to(self, s: _Recent, c: _ClassSpec, rng: random.Random) -> None:
        """An ACSC graduate stays on for SAASS."""
        status, outcome, distinction = self._outcome(c, rng)
        s.enrollments.append((c, status, outcome, distinction, None))
        if c.start > DEMO_TODAY:
            return  # still at ACSC; SAASS is next
        s.history = [h for h in s.history if h[0] != "Graduated"]
        s.status, s.departure = "In training", None
        if status == "Completed":
            s.status, s.departure = "Graduated", (outcome or 0) + rng.randint(2, 6)
            s.history.append(("Graduated", outcome or 0, c.designator))
        elif status in {"Withdrawn", "Eliminated"}:
            s.status, s.departure = status, (outcome or 0) + 7
            s.history.append((status, outcome or 0, c.designator))

    def _add_row(self, s: _Recent) -> None:
        name = self.people.name(s.country, "F" if self.people.rng.random() < 0.1 else "M")
        values = _current_student_values(self.people, s.country, name, s.grade, s.arrival, s.departure, s.status)
        self.rows.append(_Row(self.date(s.arrival), s.seq, values))

    # -- students from before the demo's classes --

    def historical_rows(self, n: int) -> Iterator[_Row]:
        """n graduates from 1955 to 2021, oldest first, more of them in later years.

        The hot loop of a big demo: every per-country choice is made once into small tables,
        and each row costs a handful of random() calls and string formats.
        """
        rng = random.Random(f"{self.seed}:history")
        people = _People(rng, self.date)
        r = rng.random
        first, last = dt.date(1955, 7, 1).toordinal(), dt.date(2021, 5, 31).toordinal()
        span = last - first
        arrivals = sorted(first + int(math.sqrt(r()) * span) for _ in range(n))
        countries = _countries()
        chosen = rng.choices(range(len(countries)), cum_weights=_weighted(countries), k=n)
        # Nobody arrives before their country sent officers (Warsaw Pact states before 1991...):
        # such rows go to a country that was sending them then.
        since = [dt.date(c.since, 1, 1).toordinal() for c in countries]
        veterans = [i for i, c in enumerate(countries) if c.since <= 1955]
        veteran_weights = _weighted([countries[i] for i in veterans])
        for k, (arrival, index) in enumerate(zip(arrivals, chosen, strict=True)):
            if arrival < since[index]:
                chosen[k] = rng.choices(veterans, cum_weights=veteran_weights)[0]
        per_country = [0] * len(countries)
        for index in chosen:
            per_country[index] += 1
        profiles = [_BulkProfile(people, c, min(per_country[i], 500)) if per_country[i] else None
                    for i, c in enumerate(countries)]
        grades = rng.choices((0, 1, 2, 3), weights=(35, 40, 18, 7), k=n)
        lengths = (8 * 7, 46 * 7, 45 * 7, 12 * 7)
        age_days = [int(_AGE_YEARS[g] * 365.25) for g in PAY_GRADES[:4]]
        text, epoch, letters, ecl = self.date.text, _EPOCH, _LETTERS, _ECL
        n_letters, n_ecl = len(letters), len(ecl)
        serial = 1_000_000  # WCNs and ITO numbers apart from the current students'
        for arrival, index, grade in zip(arrivals, chosen, grades, strict=True):
            profile = profiles[index]
            assert profile is not None
            family, given, display, native, sex, search = profile.names[int(r() * profile.n_names)]
            service, country_rank, us_rank = profile.services[grade][int(r() * _SERVICE_SLOTS)]
            funding, case = profile.funding[int(r() * _FUNDING_SLOTS)]
            serial += 1
            x = r()
            if x < 0.965:
                status, departure = "Graduated", arrival + lengths[grade] + int(r() * 14)
            else:
                status = "Withdrawn" if x < 0.99 else "Eliminated"
                departure = arrival + int(r() * lengths[grade])
            day = text[arrival - epoch]
            code = profile.code
            yield _Row(day, -1, (
                family, given, display, native, "", sex, text[arrival - epoch - age_days[grade] - int(r() * 2190)],
                profile.cities[int(r() * profile.n_cities)], code, service, country_rank, us_rank,
                PAY_GRADES[grade], str(int(r() * 90_000_000) + 10_000_000),
                f"{letters[int(r() * n_letters)]}{int(r() * 10_000_000):07d}",
                text[arrival - epoch + 1095 + int(r() * 2000)], "A-2", str(int(r() * 90_000_000) + 10_000_000),
                "", "", funding, case, f"{day[2:4]}{code}{serial:07d}", f"{code}{serial:07d}",
                ecl[int(r() * n_ecl)], day, "MGM", text[departure - epoch], status, "", "", "", *search,
            ))

    # -- honor roll --

    def honor_roll(self) -> None:
        """About 350 inductions 1985-2025 (2000: the held ceremony's eleven), with positions."""
        rng = random.Random(f"{self.seed}:honor-roll")
        for year in range(HONOR_ROLL_FIRST_YEAR, HONOR_ROLL_LAST_YEAR + 1):
            if year == 2000:
                continue
            # Countries whose officers could have been at Air University when these were majors.
            countries = [c for c in _countries() if c.since <= year - 14]
            cumulative = []
            total = 0.0
            for c in countries:
                total += math.sqrt(c.weight)
                cumulative.append(total)
            days = [dt.date(year, 4, 10) + dt.timedelta(days=rng.randint(0, 40))]
            if rng.random() < 0.3:
                days.append(dt.date(year, 10, 5) + dt.timedelta(days=rng.randint(0, 30)))
            for _ in range(rng.randint(4, 13)):
                country = rng.choices(countries, cum_weights=cumulative)[0]
                self._honoree(country, rng.choice(days), rng)

    def _honoree(self, country: _Country, inducted: dt.date, rng: random.Random) -> None:
        sex = "F" if inducted.year >= 2012 and rng.random() < 0.06 else "M"
        name = _make_name(rng, country.culture, sex)
        r = rng.random()
        grade = 6 if r < 0.6 else 7 if r < 0.8 else 5
        category, title = country.chief_category, country.chief
        r = rng.random()
        if r < 0.1:
            category, title = "Chief of Defence", f"Chief of Defence, {country.name}"
        elif r < 0.13:
            category, title = "Minister of Defence", f"Minister of Defence, {country.name}"
        appointed = inducted - dt.timedelta(days=rng.randint(150, 1100))
        acsc = min(max(appointed.year - rng.randint(12, 19), country.since + rng.randint(0, 2)), appointed.year - 5)
        schools = [f"ACSC {acsc}"]
        sos = acsc - rng.randint(5, 8)
        if rng.random() < 0.3 and sos >= country.since:
            schools.insert(0, f"SOS {sos}")
        if rng.random() < 0.35 and acsc + 4 < appointed.year:
            schools.append(f"AWC {acsc + rng.randint(4, min(9, appointed.year - acsc))}")
        elif acsc >= 1992 and rng.random() < 0.08:
            schools.append(f"SAASS {acsc + 1}")
        first_year = int(schools[0].split()[-1])
        arrival = dt.date(first_year - 1, 7, 1).toordinal() + rng.randint(-40, 20)
        person: dict[str, Any] = {
            "name": name, "country": country, "grade": grade, "category": category, "position": title,
            "appointed": appointed, "inducted": inducted, "schools": "; ".join(schools),
            "arrival": arrival, "dob": dt.date(acsc - 35, 1, 1).toordinal() + rng.randint(0, 700),
            "earlier": f"Deputy Commander, {country.air_force}" if rng.random() < 0.5 else "",
        }
        self._alumnus_row(person, rng)
        self.honorees.append((int(person["seq"]), person))

    def _alumnus_row(self, person: dict[str, Any], rng: random.Random) -> None:
        """A graduate from before the database: no passport or orders kept, a general's rank now."""
        country: _Country = person["country"]
        name: _Name = person["name"]
        grade: int = person["grade"]
        seq = self._next_seq()
        person["seq"] = seq
        rank = person.get("rank") or country.ranks[grade]
        us_rank = person.get("us_rank") or US_AIR_RANKS[grade]
        pay_grade = person.get("pay_grade") or PAY_GRADES[grade]
        arrival: int = person["arrival"]
        values = (
            name.family, name.given, name.display, name.native, person.get("pronunciation", ""), name.sex,
            self.date(person["dob"]), person.get("place") or rng.choice(country.cities), country.code,
            country.air_force, rank, us_rank, pay_grade, "", "", None, "", "", "", "", "IMET", "", "", "",
            None, self.date(arrival), "", self.date(arrival + 320), "Graduated", "", "",
            f"Alumnus: {person['schools']}", *name.search,
        )
        self.rows.append(_Row(self.date(arrival), seq, values))

    def special_people(self) -> None:
        """The two ceremonies' inductees and the other nominees, from resources/demo/ceremonies.json."""
        rng = random.Random(f"{self.seed}:ceremonies")
        spec = _load("ceremonies.json")
        self.ceremony_spec = spec
        for key, target in (("held", self.held_people), ("planned", self.planned_people)):
            for p in spec[key]["inductees"]:
                country = _country(p["country"])
                native = p["native"] if p["native"] != f"{p['given']} {p['family']}" else ""
                name = _Name(p["family"], p["given"], f"{p['given'].split()[0]} {p['family'].title()}", native,
                             p.get("sex", "M"))
                schools = p["schools"]
                first_year = int(schools.split(";")[0].split()[-1])
                person = {
                    **p, "name": name, "country": country, "grade": 6, "position": p["position"],
                    "appointed": dt.date.fromisoformat(p["appointed"]), "schools": schools,
                    "arrival": dt.date(first_year - 1, 7, 1).toordinal() + rng.randint(-40, 20),
                    "dob": dt.date.fromisoformat(p["born"]).toordinal(), "earlier": "",
                }
                self._alumnus_row(person, rng)
                target.append(person)
        for p in spec["other_nominations"]:
            country = _country(p["country"])
            name = _make_name(rng, country.culture, "M")
            if "family" in p:
                display = f"{p['given'].split()[0]} {p['family'].title()}" if p["given"] else p["family"].title()
                name = _Name(p["family"], p["given"], display, p["native"], "M")
            first_year = int(p["schools"].split(";")[0].split()[-1])
            person = {
                **p, "name": name, "country": country, "grade": 6,
                "appointed": dt.date.fromisoformat(p["date"]) - dt.timedelta(days=rng.randint(100, 400)),
                "arrival": dt.date(first_year - 1, 7, 1).toordinal(),
                "dob": dt.date(first_year - 33, 1, 1).toordinal() + rng.randint(0, 700), "earlier": "",
            }
            self._alumnus_row(person, rng)
            self.other_nominees.append(person)
        self.eligible_people()

    def eligible_people(self) -> None:
        """Air chiefs appointed lately whom nobody has nominated yet: the eligible list's, and two near misses."""
        rng = random.Random(f"{self.seed}:eligible")
        for code, schools, appointed, note in ELIGIBLE_GRADUATES:
            country = _country(code)
            first_year = int(schools.split(";")[0].split()[-1])
            person: dict[str, Any] = {
                "name": _make_name(rng, country.culture, "M"), "country": country, "grade": 6,
                "position": country.chief, "category": country.chief_category,
                "appointed": dt.date.fromisoformat(appointed), "schools": schools, "school_note": note,
                "arrival": dt.date(first_year - 1, 7, 1).toordinal() + rng.randint(-40, 20),
                "dob": dt.date(first_year - 34, 1, 1).toordinal() + rng.randint(0, 700),
                "earlier": f"Deputy Commander, {country.air_force}",
            }
            self._alumnus_row(person, rng)
            self.eligible.append(person)

    # -- writing students --

    def write_students(self, historical: int) -> None:
        """All student rows in order of arrival (ids follow it), the name index rebuilt once."""
        base = int(self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM students").fetchone()[0])
        columns = [r[1] for r in self.conn.execute("PRAGMA table_info(students)")]
        names = [c for c in STUDENT_COLUMNS if c in columns]
        keep = [i for i, c in enumerate(STUDENT_COLUMNS[1:]) if c in columns]
        whole = len(keep) == len(STUDENT_COLUMNS) - 1
        sql = f"INSERT INTO students ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        self.rows.sort(key=lambda row: (row.key, row.seq))
        merged = heapq.merge(self.historical_rows(historical), self.rows, key=lambda row: row.key)
        ids = self.ids
        step = max(50_000, (historical + len(self.rows)) // 10)

        def values() -> Iterator[tuple[Any, ...]]:
            for n, row in enumerate(merged):
                student_id = base + n
                if row.seq >= 0:
                    ids[row.seq] = student_id
                if n and n % step == 0:
                    self.progress(f"students: {n:,} written")
                if whole:
                    yield (student_id, *row.values)
                else:
                    yield (student_id, *(row.values[i] for i in keep))

        triggers = [(name, text) for name, text in self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'students'")
            if "AFTER INSERT" in text.upper() and "STUDENTS_FTS" in text.upper()]
        # Loading into bare tables and indexing once is twice as fast as updating eight indexes
        # and the name index row by row. Both are put back exactly as the migrations made them
        # (their SQL is read from sqlite_master), in this same transaction.
        indexes = list(self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'students' AND sql IS NOT NULL"))
        for trigger_name, _sql in triggers:
            self.conn.execute(f'DROP TRIGGER "{trigger_name}"')
        for index_name, _sql in indexes:
            self.conn.execute(f'DROP INDEX "{index_name}"')
        self.conn.executemany(sql, values())
        self.counts["students"] = int(self.conn.execute("SELECT count(*) FROM students").fetchone()[0])
        self.progress("students: indexing")
        for _name, index_sql in indexes:
            self.conn.execute(index_sql)
        if self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'students_fts'").fetchone():
            self.conn.execute("INSERT INTO students_fts (students_fts) VALUES ('rebuild')")
        for _name, trigger_sql in triggers:
            self.conn.execute(trigger_sql)
        self.rows = []

    def enrollments(self) -> None:
        """The placed students' enrollments and status histories (their ids are known now)."""
        rows, history = [], []
        for s in self.recent:
            sid = self.ids[s.seq]
            enrolled = self.date(min(s.arrival - 60, self.today))
            for c, status, outcome, distinction, extra in s.enrollments:
                seminar = c.seminar_ids[extra % len(c.seminar_ids)] if c.seminar_ids and status != "Waitlisted" \
                    and extra is not None else None
                waitlist = extra if status == "Waitlisted" else None
                rows.append((sid, c.id, seminar, status, waitlist, enrolled,
                             None if outcome is None else self.date(outcome), distinction))
            for status, day, note in s.history:
                history.append((sid, status, self.date(day), note, f"{self.date(day)}T09:00:00", DEMO_USER))
        self.conn.executemany(
            "INSERT INTO enrollments (student_id, class_id, seminar_id, status, waitlist_position, enrolled_date, "
            "outcome_date, distinction) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.conn.executemany(
            "INSERT INTO student_status_history (student_id, status, effective_date, note, recorded_at, "
            "recorded_by) VALUES (?, ?, ?, ?, ?, ?)", history)
        self.counts["enrollments"] = len(rows)

    def field_studies(self) -> None:
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
        attendees = [self.ids[s.seq] for s in self.recent if any(
            c.course in {"ACSC", "AWC"} and c.designator.endswith("AY2027") and status == "Enrolled"
            for c, status, *_ in s.enrollments)]
        rng = random.Random(f"{self.seed}:fsp")
        for day, title, place, topics in events:
            event_id = self._insert("INSERT INTO fsp_events (event_date, title, place, topics) VALUES (?, ?, ?, ?)",
                                    [day, title, place, json.dumps(topics)])
            if day <= DEMO_TODAY.isoformat():
                self.conn.executemany(
                    "INSERT INTO fsp_attendance (event_id, student_id, attended, note) VALUES (?, ?, ?, ?)",
                    [(event_id, sid, *((1, "") if rng.random() < 0.95 else (0, "excused: medical appointment")))
                     for sid in attendees])

    def positions_and_inductions(self) -> None:
        for _seq, person in self.honorees:
            self._positions(person)
            self._induction(person, None)
        self.counts["honorees"] = len(self.honorees) + len(self.held_people)

    def _positions(self, person: dict[str, Any]) -> int:
        sid = self.ids[person["seq"]]
        appointed: dt.date = person["appointed"]
        if person.get("earlier"):
            self._insert("INSERT INTO positions (student_id, title, organisation, category, appointment_date, "
                         "end_date, source) VALUES (?, ?, ?, '', ?, ?, ?)",
                         [sid, person["earlier"], person["country"].air_force,
                          (appointed - dt.timedelta(days=900)).isoformat(),
                          (appointed - dt.timedelta(days=30)).isoformat(), "Defense attaché report"])
        position_id = self._insert(
            "INSERT INTO positions (student_id, title, organisation, category, appointment_date, source) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [sid, person["position"], _organisation(person), person.get("category", ""), appointed.isoformat(),
             "Nomination package"])
        person["position_id"] = position_id
        return position_id

    def _induction(self, person: dict[str, Any], ceremony_id: int | None) -> None:
        self.conn.execute(
            "INSERT INTO inductions (student_id, ceremony_id, induction_date, position_id, position_title, "
            "schools_attended, citation) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self.ids[person["seq"]], ceremony_id, person["inducted"].isoformat(), person["position_id"],
             person["position"], person["schools"], _citation(person)])

    # -- ceremonies --

    def ceremonies(self) -> None:
        rng = random.Random(f"{self.seed}:guests")
        guests = 0
        nominations = 0
        for key, people, status in (("held", self.held_people, "Held"), ("planned", self.planned_people, "Planned")):
            spec = self.ceremony_spec[key]
            day = dt.date.fromisoformat(spec["date"])
            ceremony_id = self._insert(
                "INSERT INTO ceremonies (title, ceremony_date, ceremony_time, venue, presiding_official, host, "
                "status, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [spec["title"], spec["date"], spec["time"], spec["venue"], spec["presiding_official"], spec["host"],
                 status, spec["notes"]])
            self.ceremony_ids.append(ceremony_id)
            inductees = []
            for n, person in enumerate(people, 1):
                self._positions(person)
                person["inducted"] = day
                nomination_id = self._nomination(person, "Inducted" if status == "Held" else "Approved",
                                                 day - dt.timedelta(days=rng.randint(200, 320)), ceremony_id, rng)
                nominations += 1
                representative = person.get("representative_name", "")
                inductee_id = self._insert(
                    "INSERT INTO ceremony_inductees (ceremony_id, student_id, nomination_id, position_title, "
                    "attending, representative_name, representative_title, citation, sort_order) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [ceremony_id, self.ids[person["seq"]], nomination_id, person["position"],
                     0 if representative else 1, representative, person.get("representative_title", ""),
                     _citation(person), n])
                inductees.append((inductee_id, person))
                if status == "Held":
                    self._induction(person, ceremony_id)
            lines: list[tuple[str, str, int | None]] = []
            for title in DEFAULT_ORDER_OF_EVENTS:
                if title == FOR_EACH_INDUCTEE:
                    for inductee_id, person in inductees:
                        who = f"{person['name'].given} {person['name'].family}"
                        lines.extend((step, who, inductee_id) for step in INDUCTEE_EVENTS)
                else:
                    lines.append((title, "", None))
            self.conn.executemany(
                "INSERT INTO ceremony_events (ceremony_id, sort_order, title, who, inductee_id) VALUES (?, ?, ?, ?, ?)",
                [(ceremony_id, n, title, who, iid) for n, (title, who, iid) in enumerate(lines, 1)])
            self.conn.executemany(
                "INSERT INTO ceremony_tasks (ceremony_id, title, due_offset_days, done_date, sort_order) "
                "VALUES (?, ?, ?, ?, ?)",
                [(ceremony_id, title, offset, _task_done(day, offset, title), n)
                 for n, (title, offset) in enumerate(DEFAULT_TASKS, 1)])
            guests += self._guests(ceremony_id, day, status, inductees, rng)
        for person in self.eligible:
            self._positions(person)
        for person in self.other_nominees:
            self._positions(person)
            self._nomination(person, person["status"], dt.date.fromisoformat(person["date"]), None, rng)
            nominations += 1
        self.counts["ceremonies"], self.counts["guests"], self.counts["nominations"] = 2, guests, nominations

    def _nomination(self, person: dict[str, Any], status: str, nominated: dt.date, ceremony_id: int | None,
                    rng: random.Random) -> int:
        sid = self.ids[person["seq"]]
        nomination_id = self._insert(
            "INSERT INTO nominations (student_id, position_id, nominated_by, nominated_by_kind, nomination_date, "
            "evidence, status, ceremony_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [sid, person["position_id"], person.get("nominated_by", "Security Cooperation Office"),
             person.get("kind", "SCO"), nominated.isoformat(),
             f"Appointment order for {person['position']}; AU registrar transcript ({person['schools']}).",
             status, ceremony_id])
        order = ("Nominated", "Verified", "Approved", "Inducted")
        steps = order[:order.index(status) + 1] if status in order else ("Nominated", status)
        day = nominated
        steps_done = []
        for step in steps:
            note = person.get("note", "") if step == "Declined" else ""
            steps_done.append((nomination_id, step, day.isoformat(), note, f"{day.isoformat()}T10:00:00", DEMO_USER))
            day = min(day + dt.timedelta(days=rng.randint(20, 60)), max(DEMO_TODAY, nominated))
            if step == "Approved" and ceremony_id is not None:
                day = person["inducted"]
        self.conn.executemany(
            "INSERT INTO nomination_status_history (nomination_id, status, effective_date, note, recorded_at, "
            "recorded_by) VALUES (?, ?, ?, ?, ?, ?)", steps_done)
        cleared = {"Approved": 4, "Inducted": 4, "Verified": 1}.get(status, 0)
        if cleared:
            country: _Country = person["country"]
            by = ("IOS Commandant", "HQ AETC International Affairs", f"Ministry of Defence, {country.name}",
                  "Nominee, by letter")
            day = nominated
            rows = []
            for n, step in enumerate(DEFAULT_CLEARANCE_STEPS[:cleared], 1):
                day = min(day + dt.timedelta(days=rng.randint(7, 30)), max(DEMO_TODAY, nominated))
                rows.append((nomination_id, step, n, day.isoformat(), by[n - 1]))
            self.conn.executemany(
                "INSERT INTO nomination_clearances (nomination_id, step, sort_order, cleared_date, cleared_by) "
                "VALUES (?, ?, ?, ?, ?)", rows)
        return nomination_id

    def _guests(self, ceremony_id: int, day: dt.date, status: str, inductees: list[tuple[int, dict[str, Any]]],
                rng: random.Random) -> int:
        tables = ["Head table", "Table 1", "Table 2", "Table 3", "Table 4"]
        if status == "Held":
            tables = tables[:4]  # eleven inductees and their guests
        table_ids = {}
        for n, name in enumerate(tables, 1):
            table_ids[name] = self._insert(
                "INSERT INTO ceremony_tables (ceremony_id, name, capacity, sort_order) VALUES (?, ?, ?, ?)",
                [ceremony_id, name, 10 if name == "Head table" else 8, n])
        spec = self.ceremony_spec["held" if status == "Held" else "planned"]
        guests: list[dict[str, Any]] = [
            {"name": spec["presiding_official"].split(",")[0], "title": spec["presiding_official"].split(", ", 1)[1],
             "organisation": "Air University", "category": "Official party", "precedence": 1, "country": "US"},
            {"name": spec["host"].split(",")[0], "title": spec["host"].split(", ", 1)[1],
             "organisation": "International Officer School", "category": "Official party", "precedence": 2,
             "country": "US"},
            {"name": f"Chaplain (Lt Col) {self._american(rng)}", "title": "Wing Chaplain",
             "organisation": "42nd Air Base Wing", "category": "Official party", "precedence": 5, "country": "US"},
        ]
        for inductee_id, person in inductees:
            country: _Country = person["country"]
            if person.get("representative_name"):
                guests.append({"name": person["representative_name"], "title": person["representative_title"],
                               "organisation": f"Embassy of {country.name}", "category": "Representative",
                               "precedence": 10, "country": country.code, "inductee": inductee_id})
            else:
                attache = _make_name(rng, country.culture, "M")
                guests.append({"name": f"Colonel {attache.display}",
                               "title": f"Air Attaché, Embassy of {country.name}",
                               "organisation": f"Embassy of {country.name}", "category": "Attaché",
                               "precedence": 20, "country": country.code, "inductee": inductee_id})
                spouse = _make_name(rng, country.culture, "F")
                guests.append({"name": spouse.display,
                               "title": "Spouse of the inductee", "organisation": "", "category": "Inductee family",
                               "precedence": 30, "country": country.code, "inductee": inductee_id})
        extra = 30 if status == "Planned" else 8
        while len(guests) < extra:
            kind = rng.random()
            if kind < 0.4:
                country = rng.choice([p["country"] for _i, p in inductees])
                student = _make_name(rng, country.culture, "M")
                guests.append({"name": student.display, "title": "International student",
                               "organisation": "Air Command and Staff College", "category": "Current student",
                               "precedence": 60, "country": country.code})
            elif kind < 0.7:
                guests.append({"name": f"Dr. {self._american(rng)}", "title": "Faculty",
                               "organisation": "Air War College", "category": "Faculty", "precedence": 50,
                               "country": "US"})
            else:
                guests.append({"name": f"{rng.choice(('Mr.', 'Ms.', 'Maj', 'Lt Col'))} {self._american(rng)}",
                               "title": "Sponsor", "organisation": "Montgomery community sponsors",
                               "category": "Sponsor", "precedence": 70, "country": "US"})
        invited = day - dt.timedelta(days=60)
        if status == "Planned":
            invited = dt.date(2026, 10, 15)
        rows = []
        seats: dict[str, int] = {}
        for n, g in enumerate(guests):
            if status == "Held":
                rsvp = "Accepted" if rng.random() < 0.85 else "Declined"
            elif g["category"] in {"Official party", "Representative"}:
                rsvp = "Accepted"
            else:
                x = rng.random()
                rsvp = "Accepted" if x < 0.45 else "Declined" if x < 0.55 else "Invited"
            answered = None if rsvp == "Invited" else min(invited + dt.timedelta(days=rng.randint(3, 30)),
                                                          DEMO_TODAY if status == "Planned" else day)
            table = seat = None
            if rsvp == "Accepted":
                name = tables[0] if g["precedence"] <= 20 else tables[1 + n % (len(tables) - 1)]
                capacity = 10 if name == "Head table" else 8
                if seats.get(name, 0) >= capacity:
                    name = next((t for t in tables[1:] if seats.get(t, 0) < 8), "")
                if name:
                    seats[name] = seats.get(name, 0) + 1
                    table, seat = table_ids[name], seats[name]
            rows.append((ceremony_id, g["name"], g["title"], g["organisation"], g["country"], g["category"], rsvp,
                         invited.isoformat(), None if answered is None else answered.isoformat(),
                         "Halal" if g["country"] in {"SA", "JO", "KW", "QA", "AE"} and rng.random() < 0.5 else "",
                         g["precedence"], g.get("inductee"), table, seat))
        self.conn.executemany(
            "INSERT INTO ceremony_guests (ceremony_id, name, title, organisation, country_code, category, rsvp, "
            "invited_date, rsvp_date, dietary, precedence, guest_of_inductee_id, table_id, seat_number) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def _american(self, rng: random.Random) -> str:
        name = _make_name(rng, _country_us().culture, "M" if rng.random() < 0.6 else "F")
        return f"{name.given} {name.family.title()}"

    def graduate_schools(self) -> None:
        """The schools of the graduates from before the database, as the registrar's transcripts show them."""
        people = [p for _seq, p in self.honorees] + self.held_people + self.planned_people + self.other_nominees
        rows = []
        for person in people + self.eligible:
            note = person.get("school_note", "")
            if note == "not recorded":
                continue  # an earlier graduate whose transcript has not been entered yet
            for school in parse_schools(person["schools"]):
                residence = 0 if note == "correspondence" else 1
                rows.append((self.ids[person["seq"]], school.course_code, school.year, residence,
                             "AU registrar transcript" if residence else "Distance learning transcript"))
        self.conn.executemany("INSERT INTO graduate_schools (student_id, course_code, class_year, in_residence, "
                              "source) VALUES (?, ?, ?, ?, ?)", rows)

    def signatories(self) -> None:
        """The certificates' signature blocks: the school's commandant and the Air University commander."""
        blocks = [{key: str(b.get(key, "")) for key in ("name", "rank", "title")}
                  for b in self.ceremony_spec["signatories"]]
        # straight into the settings table (the demo leaves only its summary in the audit log);
        # signatories the office saved already are kept
        self.conn.execute("INSERT INTO settings (key, value) VALUES ('signatories', ?) ON CONFLICT(key) DO NOTHING",
                          [json.dumps(blocks, ensure_ascii=False)])

    def seat_everyone(self) -> None:
        """Seat each ceremony's inductees and accepted guests as the automatic seating does."""
        for ceremony_id in self.ceremony_ids:
            tables = [Table(t.id, t.name, t.capacity) for t in list_tables(self.db, ceremony_id)]
            plan = seat_by_precedence(people_to_seat(self.db, ceremony_id), tables)
            write_seating(self.db, ceremony_id, plan)  # no audit entry: the demo leaves only its summary

    # -- the whole run --

    def run(self) -> DemoSummary:
        started = time.perf_counter()
        self.progress("courses and classes")
        self.courses()
        self.progress("students placed in classes")
        self.placed_students(min(self.students, max(1, round(self.students * 0.8))))
        self.progress("honor roll")
        self.honor_roll()
        self.special_people()
        historical = max(0, self.students - len(self.recent))
        self.progress(f"students: {historical:,} earlier graduates")
        self.write_students(historical)
        self.progress("enrollments")
        self.enrollments()
        self.field_studies()
        self.progress("positions and inductions")
        self.positions_and_inductions()
        self.progress("ceremonies")
        self.ceremonies()
        self.graduate_schools()
        self.seat_everyone()
        self.signatories()
        countries = int(self.conn.execute("SELECT count(DISTINCT country_code) FROM students").fetchone()[0])
        summary = DemoSummary(
            students=self.counts["students"], countries=countries, courses=self.counts["courses"],
            classes=self.counts["classes"], enrollments=self.counts["enrollments"], honorees=self.counts["honorees"],
            ceremonies=self.counts["ceremonies"], guests=self.counts["guests"],
            nominations=self.counts["nominations"], seconds=round(time.perf_counter() - started, 2))
        audit(self.db, "students", None, "demo", {
            "seed": self.seed, "requested_students": self.students, "demo_today": DEMO_TODAY.isoformat(),
            **{k: v for k, v in vars(summary).items() if k != "seconds"}})
        return summary


# Graduates who reached a qualifying position and are not nominated yet: (country, schools,
# appointed, note). "correspondence" and "not recorded" are the eligible list's near misses.
ELIGIBLE_GRADUATES: tuple[tuple[str, str, str, str], ...] = (
    ("PE", "SOS 2002; ACSC 2009", "2026-01-02", ""),
    ("RO", "ACSC 2008", "2025-07-15", ""),
    ("PH", "ACSC 2007; AWC 2014", "2026-03-01", ""),
    ("GH", "ACSC 2010", "2025-11-20", ""),
    ("BG", "ACSC 2011", "2026-05-04", "correspondence"),
    ("EE", "ACSC 2009", "2026-02-16", "not recorded"),
)


def _citation(person: dict[str, Any]) -> str:
    name: _Name = person["name"]
    return (f"{name.given} {name.family}, a graduate of Air University ({person['schools']}), "
            f"served as {person['position']}.").replace("  ", " ")


def _organisation(person: dict[str, Any]) -> str:
    """Where a position is held: the part of the title after the comma, else the air force."""
    title: str = person["position"]
    return title.split(", ", 1)[1] if ", " in title else person["country"].air_force


def _task_done(day: dt.date, offset: int, title: str) -> str | None:
    due = day + dt.timedelta(days=offset)
    if day < DEMO_TODAY:
        return (due - dt.timedelta(days=2)).isoformat()
    if title == "Invitations sent":
        return "2026-10-15"
    return None


# --- entry points ----------------------------------------------------------------------------

def _refuse_unless_empty(db: Database) -> None:
    for table, what in (("students", "students"), ("courses", "courses"), ("ceremonies", "ceremonies")):
        count = int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if count:
            raise StoreError(f"the database already holds {count:,} {what}; the demo goes only into an empty one")


def fill_demo(db: Database, students: int = 400, seed: int = 2000, progress: Progress | None = None) -> DemoSummary:
    """Fill an open, empty database with the demo records, in one transaction.

    students counts the students placed in the demo's classes and earlier graduates; the Honor
    Roll's alumni (about 360) and the ceremonies' people come on top. Raises StoreError when the
    database already holds students, courses or ceremonies.
    """
    if students < 1:
        raise ValueError("students must be 1 or more")
    _refuse_unless_empty(db)
    generator = _Generator(db, students, seed, progress)
    cache_size = int(db.execute("PRAGMA cache_size").fetchone()[0])
    if students >= 50_000:
        db.execute("PRAGMA cache_size = -400000")  # 400 MB at most, for building the indexes
    try:
        with write(db), not_recorded(db):  # invented records: not the clerk's changes to undo
            summary = generator.run()
    finally:
        db.execute(f"PRAGMA cache_size = {cache_size}")
    if progress:
        progress("done")
    return summary


def generate_demo(path: Path, students: int = 400, seed: int = 2000,
                  progress: Progress | None = None) -> DemoSummary:
    """Create (or fill an empty) database file at path with the demo records.

    Refuses, with StoreError, a file that already holds records.
    """
    db = open_database(path)
    try:
        summary = fill_demo(db, students=students, seed=seed, progress=progress)
        db.execute("PRAGMA optimize")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return summary


def demo_countries() -> list[str]:
    """The codes of the countries the demo invents people for."""
    return [c.code for c in _countries()]


def iter_native_names() -> Iterable[str]:
    """Every native-script name and rank in the demo's pools (for font coverage checks)."""
    for culture in _cultures().values():
        for pairs in (culture.family, culture.family_f, culture.male, culture.female):
            for native, _legal in pairs:
                yield native
    for country in _countries():
        yield from country.ranks
