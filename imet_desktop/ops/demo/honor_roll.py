"""The demo's Honor Roll: about 350 inductions from 1985 to 2025, the ceremonies' people, the eligible graduates.

Graduates from before the database are alumni rows (no passport or orders kept, a general's rank
now), with their positions, inductions and the schools their transcripts show.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from imet_desktop.domain.eligibility import parse_schools
from imet_desktop.domain.records import FundingProgram, StudentStatus
from imet_desktop.ops.demo import pools
from imet_desktop.ops.demo.people import StudentRow
from imet_desktop.ops.demo.pools import PAY_GRADES, US_AIR_RANKS, Country, Name, load, make_name
from imet_desktop.ops.demo.state import HONOR_ROLL_FIRST_YEAR, HONOR_ROLL_LAST_YEAR, DemoRun, Person
from imet_desktop.store import bulk


def honor_roll(run: DemoRun) -> None:
    """About 350 inductions 1985-2025 (2000: the held ceremony's eleven), with positions."""
    rng = random.Random(f"{run.seed}:honor-roll")
    for year in range(HONOR_ROLL_FIRST_YEAR, HONOR_ROLL_LAST_YEAR + 1):
        if year == 2000:
            continue
        # Countries whose officers could have been at Air University when these were majors.
        countries = [c for c in pools.countries() if c.since <= year - 14]
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
            _honoree(run, country, rng.choice(days), rng)


def _honoree(run: DemoRun, country: Country, inducted: dt.date, rng: random.Random) -> None:
    sex = "F" if inducted.year >= 2012 and rng.random() < 0.06 else "M"
    name = make_name(rng, country.culture, sex)
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
    person: Person = {
        "name": name, "country": country, "grade": grade, "category": category, "position": title,
        "appointed": appointed, "inducted": inducted, "schools": "; ".join(schools),
        "arrival": arrival, "dob": dt.date(acsc - 35, 1, 1).toordinal() + rng.randint(0, 700),
        "earlier": f"Deputy Commander, {country.air_force}" if rng.random() < 0.5 else "",
    }
    alumnus_row(run, person, rng)
    run.honorees.append((int(person["seq"]), person))


def alumnus_row(run: DemoRun, person: Person, rng: random.Random) -> None:
    """A graduate from before the database: no passport or orders kept, a general's rank now."""
    country: Country = person["country"]
    name: Name = person["name"]
    grade: int = person["grade"]
    seq = run.next_seq()
    person["seq"] = seq
    rank = person.get("rank") or country.ranks[grade]
    us_rank = person.get("us_rank") or US_AIR_RANKS[grade]
    pay_grade = person.get("pay_grade") or PAY_GRADES[grade]
    arrival: int = person["arrival"]
    values = (
        name.family, name.given, name.display, name.native, person.get("pronunciation", ""), name.sex,
        run.date(person["dob"]), person.get("place") or rng.choice(country.cities), country.code,
        country.air_force, rank, us_rank, pay_grade, "", "", None, "", "", "", "", FundingProgram.IMET, "", "", "",
        None, run.date(arrival), "", run.date(arrival + 320), StudentStatus.GRADUATED, "", "",
        f"Alumnus: {person['schools']}", *name.search,
    )
    run.rows.append(StudentRow(run.date(arrival), seq, values))


def special_people(run: DemoRun) -> None:
    """The two ceremonies' inductees and the other nominees, from resources/demo/ceremonies.json."""
    rng = random.Random(f"{run.seed}:ceremonies")
    spec = load("ceremonies.json")
    run.ceremony_spec = spec
    for key, target in (("held", run.held_people), ("planned", run.planned_people)):
        for p in spec[key]["inductees"]:
            country = pools.country(p["country"])
            native = p["native"] if p["native"] != f"{p['given']} {p['family']}" else ""
            name = Name(p["family"], p["given"], f"{p['given'].split()[0]} {p['family'].title()}", native,
                         p.get("sex", "M"))
            schools = p["schools"]
            first_year = int(schools.split(";")[0].split()[-1])
            person = {
                **p, "name": name, "country": country, "grade": 6, "position": p["position"],
                "appointed": dt.date.fromisoformat(p["appointed"]), "schools": schools,
                "arrival": dt.date(first_year - 1, 7, 1).toordinal() + rng.randint(-40, 20),
                "dob": dt.date.fromisoformat(p["born"]).toordinal(), "earlier": "",
            }
            alumnus_row(run, person, rng)
            target.append(person)
    for p in spec["other_nominations"]:
        country = pools.country(p["country"])
        name = make_name(rng, country.culture, "M")
        if "family" in p:
            display = f"{p['given'].split()[0]} {p['family'].title()}" if p["given"] else p["family"].title()
            name = Name(p["family"], p["given"], display, p["native"], "M")
        first_year = int(p["schools"].split(";")[0].split()[-1])
        person = {
            **p, "name": name, "country": country, "grade": 6,
            "appointed": dt.date.fromisoformat(p["date"]) - dt.timedelta(days=rng.randint(100, 400)),
            "arrival": dt.date(first_year - 1, 7, 1).toordinal(),
            "dob": dt.date(first_year - 33, 1, 1).toordinal() + rng.randint(0, 700), "earlier": "",
        }
        alumnus_row(run, person, rng)
        run.other_nominees.append(person)
    eligible_people(run)


def eligible_people(run: DemoRun) -> None:
    """Air chiefs appointed lately whom nobody has nominated yet: the eligible list's, and two near misses."""
    rng = random.Random(f"{run.seed}:eligible")
    for code, schools, appointed, note in ELIGIBLE_GRADUATES:
        country = pools.country(code)
        first_year = int(schools.split(";")[0].split()[-1])
        person: Person = {
            "name": make_name(rng, country.culture, "M"), "country": country, "grade": 6,
            "position": country.chief, "category": country.chief_category,
            "appointed": dt.date.fromisoformat(appointed), "schools": schools, "school_note": note,
            "arrival": dt.date(first_year - 1, 7, 1).toordinal() + rng.randint(-40, 20),
            "dob": dt.date(first_year - 34, 1, 1).toordinal() + rng.randint(0, 700),
            "earlier": f"Deputy Commander, {country.air_force}",
        }
        alumnus_row(run, person, rng)
        run.eligible.append(person)


def positions_and_inductions(run: DemoRun) -> None:
    """The positions and inductions of the Honor Roll's graduates (their ids are known now)."""
    for _seq, person in run.honorees:
        write_positions(run, person)
        write_induction(run, person, None)
    run.counts["honorees"] = len(run.honorees) + len(run.held_people)


def write_positions(run: DemoRun, person: Person) -> int:
    """The graduate's earlier and qualifying positions; the qualifying one's id."""
    sid = run.ids[person["seq"]]
    appointed: dt.date = person["appointed"]
    if person.get("earlier"):
        bulk.add(run.db, bulk.PositionRow(sid, person["earlier"], person["country"].air_force, "",
                                          (appointed - dt.timedelta(days=900)).isoformat(),
                                          (appointed - dt.timedelta(days=30)).isoformat(), "Defense attaché report"))
    position_id = bulk.add(run.db, bulk.PositionRow(sid, person["position"], organisation(person),
                                                    person.get("category", ""), appointed.isoformat(), None,
                                                    "Nomination package"))
    person["position_id"] = position_id
    return position_id


def write_induction(run: DemoRun, person: Person, ceremony_id: int | None) -> None:
    """The graduate's place on the Honor Roll (with the ceremony that inducted them, if any)."""
    bulk.add(run.db, bulk.InductionRow(run.ids[person["seq"]], ceremony_id, person["inducted"].isoformat(),
                                       person["position_id"], person["position"], person["schools"], citation(person)))


def graduate_schools(run: DemoRun) -> None:
    """The schools of the graduates from before the database, as the registrar's transcripts show them."""
    people = [p for _seq, p in run.honorees] + run.held_people + run.planned_people + run.other_nominees
    rows: list[bulk.GraduateSchoolRow] = []
    for person in people + run.eligible:
        note = person.get("school_note", "")
        if note == "not recorded":
            continue  # an earlier graduate whose transcript has not been entered yet
        for school in parse_schools(person["schools"]):
            residence = 0 if note == "correspondence" else 1
            rows.append(bulk.GraduateSchoolRow(run.ids[person["seq"]], school.course_code, school.year, residence,
                                               "AU registrar transcript" if residence
                                               else "Distance learning transcript"))
    bulk.add_all(run.db, rows)


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


def citation(person: Person) -> str:
    """The citation read at the ceremony."""
    name: Name = person["name"]
    return (f"{name.given} {name.family}, a graduate of Air University ({person['schools']}), "
            f"served as {person['position']}.").replace("  ", " ")


def organisation(person: Person) -> str:
    """Where a position is held: the part of the title after the comma, else the air force."""
    title: str = person["position"]
    return title.split(", ", 1)[1] if ", " in title else person["country"].air_force
