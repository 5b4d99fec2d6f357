"""Tables and seats: the tables of a ceremony, who sits where, and seating by precedence."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    Rsvp,
)
from imet_desktop.domain.seating import INDUCTEE_PRECEDENCE, Person, SeatingPlan, Table, seat_by_precedence
from imet_desktop.store.ceremonies.details import require_ceremony, require_planned
from imet_desktop.store.ceremonies.guests import list_guest_rows
from imet_desktop.store.ceremonies.inductees import list_inductees
from imet_desktop.store.db import audit, insert_record, write
from imet_desktop.store.errors import RecordNotFoundError, ValidationError


@dataclass(frozen=True, slots=True)
class TableRow:
    """A seating table and how many sit at it."""

    id: int
    ceremony_id: int
    name: str
    capacity: int
    sort_order: int
    seated: int

    @property
    def label(self) -> str:
        """'Head table (9 of 10)'."""
        return f"{self.name} ({self.seated} of {self.capacity})"


def list_tables(db: Database, ceremony_id: int) -> list[TableRow]:
    """A ceremony's tables in order, with the number of people seated at each."""
    return [TableRow(*r) for r in db.execute(
        "SELECT t.id, t.ceremony_id, t.name, t.capacity, t.sort_order, "
        "(SELECT count(*) FROM ceremony_guests g WHERE g.table_id = t.id) + "
        "(SELECT count(*) FROM ceremony_inductees i WHERE i.table_id = t.id) "
        "FROM ceremony_tables t WHERE t.ceremony_id = ? ORDER BY t.sort_order, t.id", [ceremony_id])]


def _table_problems(name: str, capacity: int) -> list[Problem]:
    problems = []
    if not name.strip():
        problems.append(Problem("Table", name, "needs a name"))
    if capacity <= 0:
        problems.append(Problem("Capacity", capacity, "must be positive"))
    return problems


def add_table(db: Database, ceremony_id: int, name: str, capacity: int = 8) -> int:
    """Add a seating table to a ceremony; returns its id."""
    problems = _table_problems(name, capacity)
    if problems:
        raise ValidationError(list(problems))
    require_ceremony(db, ceremony_id)
    if db.execute("SELECT 1 FROM ceremony_tables WHERE ceremony_id = ? AND name = ?",
                  [ceremony_id, name]).fetchone() is not None:
        raise ValidationError([Problem("Table", name, "already exists at this ceremony")])
    with write(db):
        sort_order = int(db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM ceremony_tables "
                                    "WHERE ceremony_id = ?", [ceremony_id]).fetchone()[0])
        return insert_record(db, "ceremony_tables", {"ceremony_id": ceremony_id, "name": name, "capacity": capacity,
                                                     "sort_order": sort_order},
                             {"ceremony_id": ceremony_id, "name": name})


def _get_table(db: Database, table_id: int) -> TableRow:
    row = db.execute("SELECT ceremony_id FROM ceremony_tables WHERE id = ?", [table_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no table with id {table_id}")
    return next(t for t in list_tables(db, int(row[0])) if t.id == table_id)


def update_table(db: Database, table_id: int, name: str, capacity: int) -> None:
    """Rename a table or change its number of seats (not below the number seated at it)."""
    table = _get_table(db, table_id)
    problems = _table_problems(name, capacity)
    if capacity < table.seated:
        problems.append(Problem("Capacity", capacity, f"is less than the {table.seated} people seated at {table.name}"))
    if name != table.name and db.execute("SELECT 1 FROM ceremony_tables WHERE ceremony_id = ? AND name = ?",
                                         [table.ceremony_id, name]).fetchone() is not None:
        problems.append(Problem("Table", name, "already exists at this ceremony"))
    if problems:
        raise ValidationError(list(problems))
    with write(db):
        db.execute("UPDATE ceremony_tables SET name = ?, capacity = ? WHERE id = ?", [name, capacity, table_id])
        audit(db, "ceremony_tables", table_id, "update", {"name": [table.name, name],
                                                          "capacity": [table.capacity, capacity]})


def delete_table(db: Database, table_id: int) -> None:
    """Remove a table; whoever sat at it is left without a seat."""
    table = _get_table(db, table_id)
    with write(db):
        db.execute("UPDATE ceremony_inductees SET table_id = NULL, seat_number = NULL WHERE table_id = ?", [table_id])
        db.execute("UPDATE ceremony_guests SET table_id = NULL, seat_number = NULL WHERE table_id = ?", [table_id])
        db.execute("DELETE FROM ceremony_tables WHERE id = ?", [table_id])
        audit(db, "ceremony_tables", table_id, "delete", {"ceremony_id": table.ceremony_id, "name": table.name})

# --- seating -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SeatedPerson:
    """Someone to seat at a ceremony: an attending inductee or a guest who accepted."""

    kind: str  # "inductee" or "guest"
    id: int
    name: str
    title: str
    country_code: str
    category: str
    precedence: int | None
    party: int | None  # the inductee whose party this is
    party_name: str
    table_id: int | None
    table_name: str
    seat_number: int | None


def list_seating(db: Database, ceremony_id: int) -> list[SeatedPerson]:
    """Everyone with a seat or needing one: attending inductees and guests who accepted, by table and seat."""
    people = []
    for r in list_inductees(db, ceremony_id):
        if r.attending:
            people.append(SeatedPerson("inductee", r.id, r.name, r.position_title, r.country_code, "Inductee",
                                       INDUCTEE_PRECEDENCE, r.id, r.name, r.table_id, r.table_name, r.seat_number))
    for g in list_guest_rows(db, ceremony_id, rsvp=Rsvp.ACCEPTED.value):
        people.append(SeatedPerson("guest", g.id, g.name, g.title, g.country_code, g.category, g.precedence,
                                   g.guest_of_inductee_id, g.guest_of, g.table_id, g.table_name, g.seat_number))
    order = {t.id: t.sort_order for t in list_tables(db, ceremony_id)}
    people.sort(key=lambda p: (p.table_id is None, order.get(p.table_id or 0, 0), p.seat_number or 0,
                               p.precedence if p.precedence is not None else 1_000_000))
    return people


def people_to_seat(db: Database, ceremony_id: int) -> list[Person]:
    """Attending inductees (in program order) and guests who accepted (by precedence), for the seating rules."""
    people = [Person("inductee", r.id, r.name, INDUCTEE_PRECEDENCE, r.id, r.sort_order)
              for r in list_inductees(db, ceremony_id) if r.attending]
    people += [Person("guest", g.id, g.name, g.precedence, g.guest_of_inductee_id, 10_000 + n)
               for n, g in enumerate(list_guest_rows(db, ceremony_id, rsvp=Rsvp.ACCEPTED.value))]
    return people


def auto_seat(db: Database, ceremony_id: int) -> SeatingPlan:
    """Seat everyone afresh by precedence, each inductee with their party (see domain.seating)."""
    require_planned(db, ceremony_id)
    tables = [Table(t.id, t.name, t.capacity) for t in list_tables(db, ceremony_id)]
    if not tables:
        raise ValidationError([Problem("Tables", 0, "none yet: add the tables and their seats first")])
    plan = seat_by_precedence(people_to_seat(db, ceremony_id), tables)
    with write(db):
        write_seating(db, ceremony_id, plan)
        audit(db, "ceremony_tables", None, "automatic seating",
              {"ceremony_id": ceremony_id, "seated": len(plan.placements), "unseated": len(plan.unseated)})
    return plan


def write_seating(db: Database, ceremony_id: int, plan: SeatingPlan) -> None:
    """Seat everyone as the plan says (call inside a transaction); whoever the plan leaves out has no seat."""
    db.execute("UPDATE ceremony_guests SET table_id = NULL, seat_number = NULL WHERE ceremony_id = ?", [ceremony_id])
    db.execute("UPDATE ceremony_inductees SET table_id = NULL, seat_number = NULL WHERE ceremony_id = ?",
               [ceremony_id])
    for place in plan.placements:
        table = "ceremony_inductees" if place.person.kind == "inductee" else "ceremony_guests"
        db.execute(f"UPDATE {table} SET table_id = ?, seat_number = ? WHERE id = ?",
                   [place.table_id, place.seat, place.person.id])


def seat_person(db: Database, kind: str, person_id: int, table_id: int | None) -> None:
    """Move an inductee or guest to a table (the next free seat), or off any table with None."""
    if kind not in {"inductee", "guest"}:
        raise ValueError(f"kind must be 'inductee' or 'guest', not {kind!r}")
    table = "ceremony_inductees" if kind == "inductee" else "ceremony_guests"
    row = db.execute(f"SELECT ceremony_id, table_id FROM {table} WHERE id = ?", [person_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no {kind} with id {person_id}")
    ceremony_id, current = int(row[0]), row[1]
    require_planned(db, ceremony_id)
    seat = None
    if table_id is not None:
        target = _get_table(db, table_id)
        if target.ceremony_id != ceremony_id:
            raise ValidationError([Problem("Table", target.name, "is not a table at this ceremony")])
        if current == table_id:
            return
        if target.seated >= target.capacity:
            raise ValidationError([Problem("Table", target.name, f"is full ({target.seated} of {target.capacity})")])
        taken = {int(r[0]) for r in db.execute(
            "SELECT seat_number FROM ceremony_guests WHERE table_id = ? AND seat_number IS NOT NULL UNION "
            "SELECT seat_number FROM ceremony_inductees WHERE table_id = ? AND seat_number IS NOT NULL",
            [table_id, table_id])}
        seat = next(n for n in range(1, target.capacity + 2) if n not in taken)
    with write(db):
        db.execute(f"UPDATE {table} SET table_id = ?, seat_number = ? WHERE id = ?", [table_id, seat, person_id])
        audit(db, table, person_id, "seat", {"table_id": [current, table_id], "seat": seat})
