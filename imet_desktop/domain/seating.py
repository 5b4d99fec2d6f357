"""Automatic seating for a ceremony: by precedence, each inductee with their own guests, within table capacities.

People are grouped in parties: an inductee with the guests who come with them (attaché, family),
or a guest alone. Parties are seated in order of precedence (1 first; none last), table after
table in the tables' order, and a party stays at one table. A table is not gone back to while a
later one has room, so the head table never gets a lower-precedence guest just to fill a gap;
only when the later tables are full are the gaps filled. A party larger than any table's free
seats is split over consecutive tables, and said so. The clerk moves people by hand afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# An attending inductee's precedence: after the official party, with representatives.
INDUCTEE_PRECEDENCE = 10
_LAST = 1_000_000


@dataclass(frozen=True, slots=True)
class Person:
    """Someone to seat: a guest or an attending inductee."""

    kind: str  # "guest" or "inductee"
    id: int
    name: str
    precedence: int | None = None
    party: int | None = None  # the inductee (ceremony_inductees id) whose party this is; None: alone
    order: int = 0  # breaks ties: program order for inductees, list order for guests

    @property
    def key(self) -> tuple[str, int]:
        """Who this is, across guests and inductees."""
        return (self.kind, self.id)


@dataclass(frozen=True, slots=True)
class Table:
    """A table and its number of seats."""

    id: int
    name: str
    capacity: int


@dataclass(frozen=True, slots=True)
class Placement:
    """A person at a table, on a numbered seat."""

    person: Person
    table_id: int
    seat: int


@dataclass(frozen=True, slots=True)
class SeatingPlan:
    """The result: who sits where, who did not fit, and which parties had to be split."""

    placements: tuple[Placement, ...]
    unseated: tuple[Person, ...] = ()
    split_parties: tuple[int, ...] = ()

    def summary(self) -> str:
        """One sentence for the clerk."""
        text = f"{len(self.placements)} seated"
        if self.unseated:
            text += f"; {len(self.unseated)} without a seat (add tables or seats)"
        if self.split_parties:
            text += f"; {len(self.split_parties)} inductee's party split over two tables (too large for one)"
        return text + "."


def _precedence(p: Person) -> int:
    return _LAST if p.precedence is None else p.precedence


def parties(people: Sequence[Person]) -> list[list[Person]]:
    """People grouped in parties and put in seating order: the inductee first, then by precedence."""
    groups: dict[tuple[str, int], list[Person]] = {}
    for p in people:
        key = ("party", p.party) if p.party is not None else p.key
        groups.setdefault(key, []).append(p)
    ordered = []
    for members in groups.values():
        members.sort(key=lambda p: (p.kind != "inductee", _precedence(p), p.order, p.name.casefold()))
        ordered.append(members)
    ordered.sort(key=lambda m: (min(_precedence(p) for p in m), min(p.order for p in m),
                                m[0].name.casefold()))
    return ordered


def seat_by_precedence(people: Sequence[Person], tables: Sequence[Table]) -> SeatingPlan:
    """Seat everyone by precedence, keeping each party at one table when it can."""
    free = [t.capacity for t in tables]
    used = [0] * len(tables)
    placements: list[Placement] = []
    unseated: list[Person] = []
    split: list[int] = []
    cursor = 0

    def place(person: Person, i: int) -> None:
        free[i] -= 1
        used[i] += 1
        placements.append(Placement(person, tables[i].id, used[i]))

    for party in parties(people):
        size = len(party)
        target = next((i for i in range(cursor, len(tables)) if free[i] >= size), None)
        if target is None:  # the later tables are full: fill the gaps left earlier
            target = next((i for i in range(len(tables)) if free[i] >= size), None)
        if target is not None:
            for person in party:
                place(person, target)
            cursor = max(cursor, target)
            continue
        # Too large for any table's free seats: over consecutive tables, in order.
        tables_used: set[int] = set()
        for person in party:
            i = next((i for i in range(cursor, len(tables)) if free[i] > 0), None)
            if i is None:
                i = next((i for i in range(len(tables)) if free[i] > 0), None)
            if i is None:
                unseated.append(person)
                continue
            place(person, i)
            cursor = max(cursor, i)
            tables_used.add(i)
        if len(tables_used) > 1 and party[0].party is not None:
            split.append(party[0].party)
    return SeatingPlan(tuple(placements), tuple(unseated), tuple(split))
