"""What one demo generation keeps while it runs: the people invented so far, and the ids they got."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from imet_desktop.ops.demo.catalogue import ClassSpec, class_plan
from imet_desktop.ops.demo.people import Dates, People, Recent, StudentRow

# The day the demo's records are "as of": classes before it are finished, after it planned.
DEMO_TODAY = dt.date(2026, 11, 15)
LOCATION = "Maxwell AFB, Alabama"
DEMO_USER = "demo"
HONOR_ROLL_FIRST_YEAR = 1985
HONOR_ROLL_LAST_YEAR = 2025

type Say = Callable[[str], None]
"""How the generation tells what it is doing ("courses and classes", "students: 60,000 written")."""

Person = dict[str, Any]  # an Honor Roll graduate, inductee or nominee, as the ceremonies' data describes them


@dataclass
class DemoRun:
    """The generation's state; every step writes through the store, in the caller's one transaction."""

    db: Database
    students: int
    seed: int
    say: Say
    date: Dates = field(default_factory=Dates)
    today: int = DEMO_TODAY.toordinal()
    rows: list[StudentRow] = field(default_factory=list)  # students to load, with their seq numbers
    ids: dict[int, int] = field(default_factory=dict)  # seq number -> student id, once loaded
    recent: list[Recent] = field(default_factory=list)
    seq: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    course_ids: dict[str, int] = field(default_factory=dict)
    classes: list[ClassSpec] = field(default_factory=class_plan)
    honorees: list[tuple[int, Person]] = field(default_factory=list)
    ceremony_spec: dict[str, Any] = field(default_factory=dict)
    held_people: list[Person] = field(default_factory=list)
    planned_people: list[Person] = field(default_factory=list)
    other_nominees: list[Person] = field(default_factory=list)
    eligible: list[Person] = field(default_factory=list)
    ceremony_ids: list[int] = field(default_factory=list)
    people: People = field(init=False)

    def __post_init__(self) -> None:
        self.people = People(random.Random(f"{self.seed}:people"), self.date)

    def next_seq(self) -> int:
        """A number for someone the rest of the generation refers to (their id comes with the load)."""
        self.seq += 1
        return self.seq
