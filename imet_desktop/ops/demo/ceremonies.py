"""The demo's ceremonies: the 2000 ceremony (held, eleven air chiefs) and the 2027 one being planned.

Each with its nominations and their clearances, inductees, order of events, checklist, guests
with their answers, tables and seats, from resources/demo/ceremonies.json.
"""

from __future__ import annotations

import datetime as dt
import random

from imet_desktop.domain.eligibility import DEFAULT_CLEARANCE_STEPS
from imet_desktop.domain.names import printed_name
from imet_desktop.domain.records import CeremonyStatus, NominationStatus, Rsvp
from imet_desktop.domain.seating import Table, seat_by_precedence
from imet_desktop.ops.demo.honor_roll import citation, write_induction, write_positions
from imet_desktop.ops.demo.pools import Country, country_us, make_name
from imet_desktop.ops.demo.state import DEMO_TODAY, DEMO_USER, DemoRun, Person
from imet_desktop.store import bulk
from imet_desktop.store.ceremonies import (
    DEFAULT_ORDER_OF_EVENTS,
    DEFAULT_TASKS,
    FOR_EACH_INDUCTEE,
    INDUCTEE_EVENTS,
    list_tables,
    people_to_seat,
    write_seating,
)


def write_ceremonies(run: DemoRun) -> None:
    """The held 2000 ceremony and the planned 2027 one, their nominations, order of events, checklist, guests."""
    rng = random.Random(f"{run.seed}:guests")
    guests = 0
    nominations = 0
    for key, people, status in (("held", run.held_people, CeremonyStatus.HELD),
                                ("planned", run.planned_people, CeremonyStatus.PLANNED)):
        spec = run.ceremony_spec[key]
        day = dt.date.fromisoformat(spec["date"])
        ceremony_id = bulk.add(run.db, bulk.CeremonyRow(
            spec["title"], spec["date"], spec["time"], spec["venue"], spec["presiding_official"], spec["host"],
            status, spec["notes"]))
        run.ceremony_ids.append(ceremony_id)
        inductees: list[tuple[int, Person]] = []
        for n, person in enumerate(people, 1):
            write_positions(run, person)
            person["inducted"] = day
            nomination_id = _nomination(
                run, person, NominationStatus.INDUCTED if status == CeremonyStatus.HELD else NominationStatus.APPROVED,
                day - dt.timedelta(days=rng.randint(200, 320)), ceremony_id, rng)
            nominations += 1
            representative = person.get("representative_name", "")
            inductee_id = bulk.add(run.db, bulk.InducteeRow(
                ceremony_id, run.ids[person["seq"]], nomination_id, person["position"], 0 if representative else 1,
                representative, person.get("representative_title", ""), citation(person), n))
            inductees.append((inductee_id, person))
            if status == CeremonyStatus.HELD:
                write_induction(run, person, ceremony_id)
        lines: list[tuple[str, str, int | None]] = []
        for title in DEFAULT_ORDER_OF_EVENTS:
            if title == FOR_EACH_INDUCTEE:
                for inductee_id, person in inductees:
                    who = printed_name(person["name"].family, person["name"].given, person["country"].code)
                    lines.extend((step, who, inductee_id) for step in INDUCTEE_EVENTS)
            else:
                lines.append((title, "", None))
        bulk.add_all(run.db, (bulk.EventRow(ceremony_id, n, title, who, iid)
                              for n, (title, who, iid) in enumerate(lines, 1)))
        bulk.add_all(run.db, (bulk.TaskRow(ceremony_id, title, offset, task_done(day, offset, title), n)
                              for n, (title, offset) in enumerate(DEFAULT_TASKS, 1)))
        guests += _guests(run, ceremony_id, day, status, inductees, rng)
    for person in run.eligible:
        write_positions(run, person)
    for person in run.other_nominees:
        write_positions(run, person)
        _nomination(run, person, person["status"], dt.date.fromisoformat(person["date"]), None, rng)
        nominations += 1
    run.counts["ceremonies"], run.counts["guests"], run.counts["nominations"] = 2, guests, nominations


def _nomination(run: DemoRun, person: Person, status: str, nominated: dt.date, ceremony_id: int | None,
                rng: random.Random) -> int:
    sid = run.ids[person["seq"]]
    nomination_id = bulk.add(run.db, bulk.NominationRow(
        sid, person["position_id"], person.get("nominated_by", "Security Cooperation Office"),
        person.get("kind", "SCO"), nominated.isoformat(),
        f"Appointment order for {person['position']}; AU registrar transcript ({person['schools']}).",
        status, ceremony_id))
    order = (NominationStatus.NOMINATED, NominationStatus.VERIFIED, NominationStatus.APPROVED,
             NominationStatus.INDUCTED)
    steps = order[:order.index(NominationStatus(status)) + 1] if status in order \
        else (NominationStatus.NOMINATED, NominationStatus(status))
    day = nominated
    steps_done = []
    for step in steps:
        note = person.get("note", "") if step == NominationStatus.DECLINED else ""
        steps_done.append(bulk.NominationHistoryRow(nomination_id, step, day.isoformat(), note,
                                                    f"{day.isoformat()}T10:00:00", DEMO_USER))
        day = min(day + dt.timedelta(days=rng.randint(20, 60)), max(DEMO_TODAY, nominated))
        if step == NominationStatus.APPROVED and ceremony_id is not None:
            day = person["inducted"]
    bulk.add_all(run.db, steps_done)
    cleared = {NominationStatus.APPROVED: 4, NominationStatus.INDUCTED: 4, NominationStatus.VERIFIED: 1}.get(
        NominationStatus(status), 0)
    if cleared:
        country: Country = person["country"]
        by = ("IOS Commandant", "HQ AETC International Affairs", f"Ministry of Defence, {country.name}",
              "Nominee, by letter")
        day = nominated
        rows = []
        for n, clearance in enumerate(DEFAULT_CLEARANCE_STEPS[:cleared], 1):
            day = min(day + dt.timedelta(days=rng.randint(7, 30)), max(DEMO_TODAY, nominated))
            rows.append(bulk.ClearanceRow(nomination_id, clearance, n, day.isoformat(), by[n - 1]))
        bulk.add_all(run.db, rows)
    return nomination_id


def _guests(run: DemoRun, ceremony_id: int, day: dt.date, status: str, inductees: list[tuple[int, Person]],
            rng: random.Random) -> int:
    tables = ["Head table", "Table 1", "Table 2", "Table 3", "Table 4"]
    if status == CeremonyStatus.HELD:
        tables = tables[:4]  # eleven inductees and their guests
    table_ids = {}
    for n, name in enumerate(tables, 1):
        table_ids[name] = bulk.add(run.db, bulk.TableRow(ceremony_id, name, 10 if name == "Head table" else 8, n))
    spec = run.ceremony_spec["held" if status == CeremonyStatus.HELD else "planned"]
    guests: list[Person] = [
        {"name": spec["presiding_official"].split(",")[0], "title": spec["presiding_official"].split(", ", 1)[1],
         "organisation": "Air University", "category": "Official party", "precedence": 1, "country": "US"},
        {"name": spec["host"].split(",")[0], "title": spec["host"].split(", ", 1)[1],
         "organisation": "International Officer School", "category": "Official party", "precedence": 2,
         "country": "US"},
        {"name": f"Chaplain (Lt Col) {_american(run, rng)}", "title": "Wing Chaplain",
         "organisation": "42nd Air Base Wing", "category": "Official party", "precedence": 5, "country": "US"},
    ]
    for inductee_id, person in inductees:
        country: Country = person["country"]
        if person.get("representative_name"):
            guests.append({"name": person["representative_name"], "title": person["representative_title"],
                           "organisation": f"Embassy of {country.name}", "category": "Representative",
                           "precedence": 10, "country": country.code, "inductee": inductee_id})
        else:
            attache = make_name(rng, country.culture, "M")
            guests.append({"name": f"Colonel {attache.display}",
                           "title": f"Air Attaché, Embassy of {country.name}",
                           "organisation": f"Embassy of {country.name}", "category": "Attaché",
                           "precedence": 20, "country": country.code, "inductee": inductee_id})
            spouse = make_name(rng, country.culture, "F")
            guests.append({"name": spouse.display,
                           "title": "Spouse of the inductee", "organisation": "", "category": "Inductee family",
                           "precedence": 30, "country": country.code, "inductee": inductee_id})
    extra = 30 if status == CeremonyStatus.PLANNED else 8
    while len(guests) < extra:
        kind = rng.random()
        if kind < 0.4:
            country = rng.choice([p["country"] for _i, p in inductees])
            student = make_name(rng, country.culture, "M")
            guests.append({"name": student.display, "title": "International student",
                           "organisation": "Air Command and Staff College", "category": "Current student",
                           "precedence": 60, "country": country.code})
        elif kind < 0.7:
            guests.append({"name": f"Dr. {_american(run, rng)}", "title": "Faculty",
                           "organisation": "Air War College", "category": "Faculty", "precedence": 50,
                           "country": "US"})
        else:
            guests.append({"name": f"{rng.choice(('Mr.', 'Ms.', 'Maj', 'Lt Col'))} {_american(run, rng)}",
                           "title": "Sponsor", "organisation": "Montgomery community sponsors",
                           "category": "Sponsor", "precedence": 70, "country": "US"})
    invited = day - dt.timedelta(days=60)
    if status == CeremonyStatus.PLANNED:
        invited = dt.date(2026, 10, 15)
    rows: list[bulk.GuestRow] = []
    seats: dict[str, int] = {}
    for n, g in enumerate(guests):
        if status == CeremonyStatus.HELD:
            rsvp = Rsvp.ACCEPTED if rng.random() < 0.85 else Rsvp.DECLINED
        elif g["category"] in {"Official party", "Representative"}:
            rsvp = Rsvp.ACCEPTED
        else:
            x = rng.random()
            rsvp = Rsvp.ACCEPTED if x < 0.45 else Rsvp.DECLINED if x < 0.55 else Rsvp.INVITED
        answered = None if rsvp == Rsvp.INVITED else min(invited + dt.timedelta(days=rng.randint(3, 30)),
                                                         DEMO_TODAY if status == CeremonyStatus.PLANNED else day)
        table = seat = None
        if rsvp == Rsvp.ACCEPTED:
            name = tables[0] if g["precedence"] <= 20 else tables[1 + n % (len(tables) - 1)]
            capacity = 10 if name == "Head table" else 8
            if seats.get(name, 0) >= capacity:
                name = next((t for t in tables[1:] if seats.get(t, 0) < 8), "")
            if name:
                seats[name] = seats.get(name, 0) + 1
                table, seat = table_ids[name], seats[name]
        rows.append(bulk.GuestRow(
            ceremony_id, g["name"], g["title"], g["organisation"], g["country"], g["category"], rsvp,
            invited.isoformat(), None if answered is None else answered.isoformat(),
            "Halal" if g["country"] in {"SA", "JO", "KW", "QA", "AE"} and rng.random() < 0.5 else "",
            g["precedence"], g.get("inductee"), table, seat))
    return bulk.add_all(run.db, rows)


def _american(run: DemoRun, rng: random.Random) -> str:
    name = make_name(rng, country_us().culture, "M" if rng.random() < 0.6 else "F")
    return f"{name.given} {name.family.title()}"


def signatories(run: DemoRun) -> None:
    """The certificates' signature blocks: the school's commandant and the Air University commander."""
    blocks = [{key: str(b.get(key, "")) for key in ("name", "rank", "title")}
              for b in run.ceremony_spec["signatories"]]
    # the demo leaves only its summary in the audit log; signatories the office saved already are kept
    bulk.keep_signatories(run.db, blocks)


def seat_everyone(run: DemoRun) -> None:
    """Seat each ceremony's inductees and accepted guests as the automatic seating does."""
    for ceremony_id in run.ceremony_ids:
        tables = [Table(t.id, t.name, t.capacity) for t in list_tables(run.db, ceremony_id)]
        plan = seat_by_precedence(people_to_seat(run.db, ceremony_id), tables)
        write_seating(run.db, ceremony_id, plan)  # no audit entry: the demo leaves only its summary


def task_done(day: dt.date, offset: int, title: str) -> str | None:
    """When a checklist task was done: two days early for a held ceremony; invitations sent for the planned one."""
    due = day + dt.timedelta(days=offset)
    if day < DEMO_TODAY:
        return (due - dt.timedelta(days=2)).isoformat()
    if title == "Invitations sent":
        return "2026-10-15"
    return None
