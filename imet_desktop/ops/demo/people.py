"""Invented students: their dates, names, services, funding and the rows the store loads.

The hot loop of a big demo lives here (historical rows): every per-country choice is made once
into small tables, and each row costs a handful of random() calls and string formats.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from imet_desktop.domain.records import FundingProgram, StudentStatus
from imet_desktop.ops.demo.catalogue import ClassSpec
from imet_desktop.ops.demo.pools import (
    PAY_GRADES,
    US_AIR_RANKS,
    US_NAVY_RANKS,
    Country,
    Name,
    country_us,
    make_name,
)

EPOCH = dt.date(1900, 1, 1).toordinal()


class Dates:
    """ISO text of every day from 1900 to 2040, so bulk rows format no dates."""

    def __init__(self) -> None:
        first = dt.date(1900, 1, 1)
        self.text = [(first + dt.timedelta(days=n)).isoformat() for n in range(dt.date(2040, 1, 1).toordinal()
                                                                               - EPOCH)]

    def __call__(self, ordinal: int) -> str:
        return self.text[ordinal - EPOCH]


AGE_YEARS = {"O-3": 27, "O-4": 33, "O-5": 38, "O-6": 43}
LETTERS = [a + b for a in "ABCDEFGHJKLMNPRSTUVWXYZ" for b in "ABCDEFGHJKLMNPRSTUVWXYZ"]
ECL = [70, 72, 74, 75, 76, 77, 78, 79] + [80 + n % 21 for n in range(90)]
_DEPENDENTS = ("", "", "", "Spouse", "Spouse, 1 child", "Spouse, 2 children", "Spouse, 3 children")
_SPONSOR_RANKS = ("Maj", "Lt Col", "Capt", "Col (ret.)", "Mr.", "Ms.", "Dr.")


@dataclass(slots=True)
class StudentRow:
    """A student row before it has an id; rows are written in order of key."""

    key: str  # arrival date, for id order
    seq: int  # >= 0: someone the rest of the generation refers to by this number
    values: tuple[Any, ...]


class People:
    """Invented people for each country, drawn from name pools built once."""

    def __init__(self, rng: random.Random, dates: Dates) -> None:
        self.rng = rng
        self.date = dates
        self.serial = 0
        self._pools: dict[str, list[tuple[Name, tuple[str, str]]]] = {}

    def name(self, country: Country, sex: str) -> Name:
        """A new invented name, not from the pool."""
        return make_name(self.rng, country.culture, sex)

    def pool(self, country: Country, size: int) -> list[tuple[Name, tuple[str, str]]]:
        """size names for bulk students (with their search text), women about one in ten."""
        have = self._pools.setdefault(country.code, [])
        while len(have) < size:
            name = make_name(self.rng, country.culture, "F" if self.rng.random() < 0.1 else "M")
            have.append((name, name.search))
        return have

    def next_serial(self) -> int:
        """A number unique in this generation, for ITO numbers and WCNs."""
        self.serial += 1
        return self.serial

    def funding(self, country: Country) -> tuple[str, str]:
        """Funding program and FMS case id."""
        r = self.rng.random()
        if country.fms and r < 0.75 or not country.fms and r < 0.06:
            case = "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3))
            return FundingProgram.FMS.value, f"{country.code}-D-{case}"
        if country.fms or r < 0.84:
            return FundingProgram.IMET.value, ""
        if r < 0.92:
            return FundingProgram.SEC_333.value, ""
        if r < 0.98:
            return FundingProgram.CTFP.value, ""
        return FundingProgram.INL.value, ""

    def service(self, country: Country, grade_index: int) -> tuple[str, str, str]:
        """Service, country rank and US-equivalent rank for a grade (0 = O-3)."""
        r = self.rng.random()
        if r < 0.05 and country.navy:
            return country.navy, US_NAVY_RANKS[grade_index], US_NAVY_RANKS[grade_index]
        if r < 0.15:
            return country.army, country.ranks[grade_index], US_AIR_RANKS[grade_index]
        return country.air_force, country.ranks[grade_index], US_AIR_RANKS[grade_index]


def current_student_values(people: People, country: Country, name: Name, grade: int, arrival: int,
                            departure: int | None, status: str) -> tuple[Any, ...]:
    """A current (or recent) student's row values without the id, in STUDENT_COLUMNS order."""
    rng, date = people.rng, people.date
    r = rng.random
    serial = people.next_serial()
    dob = arrival - int((AGE_YEARS[PAY_GRADES[grade]] + r() * 6) * 365.25)
    service, country_rank, us_rank = people.service(country, grade)
    funding, case = people.funding(country)
    first = name.given.split()[0] if name.given else name.family
    local = unicodedata.normalize("NFKD", f"{first}.{name.family}".replace(" ", "").casefold())
    local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch in ".-"))
    sponsor = f"{rng.choice(_SPONSOR_RANKS)} {people.name(country_us(), 'M' if r() < 0.7 else 'F').display}"
    return (
        name.family, name.given, name.display, name.native, "", name.sex, date(dob), rng.choice(country.cities),
        country.code, service, country_rank, us_rank, PAY_GRADES[grade], f"{int(r() * 90_000_000) + 10_000_000}",
        f"{LETTERS[int(r() * len(LETTERS))]}{int(r() * 10_000_000):07d}",
        date(arrival + 365 * 3 + int(r() * 2000)), "A-2", f"{int(r() * 90_000_000) + 10_000_000}",
        f"{local}{serial % 100}@mail.example", f"+1 334-555-01{serial % 100:02d}", funding, case,
        f"{date(arrival)[2:4]}{country.code}{serial:07d}", f"{country.code}{serial:07d}", ECL[int(r() * len(ECL))],
        date(arrival), "MGM" if r() < 0.85 else "ATL", None if departure is None else date(departure), status,
        sponsor, rng.choice(_DEPENDENTS), "", *name.search,
    )


SERVICE_SLOTS = 20
FUNDING_SLOTS = 50


class BulkProfile:
    """One country's choices for bulk rows, drawn once: names, services by grade, funding."""

    def __init__(self, people: People, country: Country, pool_size: int) -> None:
        self.code = country.code
        self.names = [(nm.family, nm.given, nm.display, nm.native, nm.sex, search)
                      for nm, search in people.pool(country, pool_size)]
        self.n_names = len(self.names)
        self.cities = country.cities
        self.n_cities = len(country.cities)
        self.services = [[people.service(country, grade) for _ in range(SERVICE_SLOTS)] for grade in range(4)]
        self.funding = [people.funding(country) for _ in range(FUNDING_SLOTS)]


@dataclass(slots=True)
class Recent:
    """A student placed in a demo class, while the rows are being built."""

    seq: int
    country: Country
    grade: int
    arrival: int
    status: str = StudentStatus.PROJECTED
    departure: int | None = None
    enrollments: list[tuple[ClassSpec, str, int | None, str, int | None]] = field(default_factory=list)
    history: list[tuple[str, int, str]] = field(default_factory=list)


def weighted(countries: Sequence[Country]) -> list[int]:
    total, cumulative = 0, []
    for c in countries:
        total += c.weight
        cumulative.append(total)
    return cumulative
