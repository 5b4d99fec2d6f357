"""The demo's students: those placed in its classes, and hundreds of thousands of earlier graduates."""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
from collections.abc import Iterator
from typing import Any

from imet_desktop.domain.records import StudentStatus
from imet_desktop.ops.demo.people import (
    AGE_YEARS,
    ECL,
    EPOCH,
    FUNDING_SLOTS,
    LETTERS,
    SERVICE_SLOTS,
    BulkProfile,
    People,
    Recent,
    StudentRow,
    current_student_values,
    weighted,
)
from imet_desktop.ops.demo.pools import PAY_GRADES, countries
from imet_desktop.ops.demo.state import DemoRun
from imet_desktop.store import bulk


def add_row(run: DemoRun, s: Recent) -> None:
    """A student placed in a class, as a row to load (with its seq number, for its id)."""
    name = run.people.name(s.country, "F" if run.people.rng.random() < 0.1 else "M")
    values = current_student_values(run.people, s.country, name, s.grade, s.arrival, s.departure, s.status)
    run.rows.append(StudentRow(run.date(s.arrival), s.seq, values))


def historical_rows(run: DemoRun, n: int) -> Iterator[StudentRow]:
    """n graduates from 1955 to 2021, oldest first, more of them in later years.

    The hot loop of a big demo: every per-country choice is made once into small tables,
    and each row costs a handful of random() calls and string formats.
    """
    rng = random.Random(f"{run.seed}:history")
    people = People(rng, run.date)
    r = rng.random
    first, last = dt.date(1955, 7, 1).toordinal(), dt.date(2021, 5, 31).toordinal()
    span = last - first
    arrivals = sorted(first + int(math.sqrt(r()) * span) for _ in range(n))
    every = countries()
    chosen = rng.choices(range(len(every)), cum_weights=weighted(every), k=n)
    # Nobody arrives before their country sent officers (Warsaw Pact states before 1991...):
    # such rows go to a country that was sending them then.
    since = [dt.date(c.since, 1, 1).toordinal() for c in every]
    veterans = [i for i, c in enumerate(every) if c.since <= 1955]
    veteran_weights = weighted([every[i] for i in veterans])
    for k, (arrival, index) in enumerate(zip(arrivals, chosen, strict=True)):
        if arrival < since[index]:
            chosen[k] = rng.choices(veterans, cum_weights=veteran_weights)[0]
    per_country = [0] * len(every)
    for index in chosen:
        per_country[index] += 1
    profiles = [BulkProfile(people, c, min(per_country[i], 500)) if per_country[i] else None
                for i, c in enumerate(every)]
    grades = rng.choices((0, 1, 2, 3), weights=(35, 40, 18, 7), k=n)
    lengths = (8 * 7, 46 * 7, 45 * 7, 12 * 7)
    age_days = [int(AGE_YEARS[g] * 365.25) for g in PAY_GRADES[:4]]
    text, epoch, letters, ecl = run.date.text, EPOCH, LETTERS, ECL
    n_letters, n_ecl = len(letters), len(ecl)
    serial = 1_000_000  # WCNs and ITO numbers apart from the current students'
    for arrival, index, grade in zip(arrivals, chosen, grades, strict=True):
        profile = profiles[index]
        assert profile is not None
        family, given, display, native, sex, search = profile.names[int(r() * profile.n_names)]
        service, country_rank, us_rank = profile.services[grade][int(r() * SERVICE_SLOTS)]
        funding, case = profile.funding[int(r() * FUNDING_SLOTS)]
        serial += 1
        x = r()
        if x < 0.965:
            status, departure = StudentStatus.GRADUATED.value, arrival + lengths[grade] + int(r() * 14)
        else:
            status = StudentStatus.WITHDRAWN.value if x < 0.99 else StudentStatus.ELIMINATED.value
            departure = arrival + int(r() * lengths[grade])
        day = text[arrival - epoch]
        code = profile.code
        yield StudentRow(day, -1, (
            family, given, display, native, "", sex, text[arrival - epoch - age_days[grade] - int(r() * 2190)],
            profile.cities[int(r() * profile.n_cities)], code, service, country_rank, us_rank,
            PAY_GRADES[grade], str(int(r() * 90_000_000) + 10_000_000),
            f"{letters[int(r() * n_letters)]}{int(r() * 10_000_000):07d}",
            text[arrival - epoch + 1095 + int(r() * 2000)], "A-2", str(int(r() * 90_000_000) + 10_000_000),
            "", "", funding, case, f"{day[2:4]}{code}{serial:07d}", f"{code}{serial:07d}",
            ecl[int(r() * n_ecl)], day, "MGM", text[departure - epoch], status, "", "", "", *search,
        ))


def write_students(run: DemoRun, historical: int) -> None:
    """All student rows in order of arrival (ids follow it), loaded by the store in one go."""
    base = bulk.next_student_id(run.db)
    run.rows.sort(key=lambda row: (row.key, row.seq))
    merged = heapq.merge(historical_rows(run, historical), run.rows, key=lambda row: row.key)
    ids = run.ids
    step = max(50_000, (historical + len(run.rows)) // 10)

    def values() -> Iterator[tuple[Any, ...]]:
        for n, row in enumerate(merged):
            student_id = base + n
            if row.seq >= 0:
                ids[row.seq] = student_id
            if n and n % step == 0:
                run.say(f"students: {n:,} written")
            yield (student_id, *row.values)

    run.counts["students"] = bulk.load_students(run.db, values())
    run.rows = []
