"""The demo's course catalogue and its classes from AY2022 to AY2028, each with its preparatory class."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CourseSpec:
    """A course of the demo's catalogue."""

    code: str
    title: str
    masl_id: str
    min_ecl: int
    length_weeks: int
    prerequisites: tuple[str, ...]
    description: str


COURSES: tuple[CourseSpec, ...] = (
    CourseSpec("IOS-PREP", "International Officer School Preparatory Course", "D171001", 80, 6, (),
                "Orientation, academic writing and American life before an Air University course."),
    CourseSpec("SOS", "Squadron Officer School", "D171010", 80, 8, ("IOS-PREP",),
                "Leadership and air power for captains."),
    CourseSpec("ACSC", "Air Command and Staff College", "D171020", 80, 44, ("IOS-PREP",),
                "Intermediate developmental education for majors; master's degree."),
    CourseSpec("AWC", "Air War College", "D171030", 80, 44, ("IOS-PREP",),
                "Senior developmental education for lieutenant colonels and colonels; master's degree."),
    CourseSpec("SAASS", "School of Advanced Air and Space Studies", "D171040", 85, 48, ("ACSC",),
                "Advanced strategist course for selected ACSC graduates."),
)
FIRST_ACADEMIC_YEAR = 2022
LAST_ACADEMIC_YEAR = 2028
CAPACITY = {"SOS": 36, "ACSC": 72, "AWC": 45, "SAASS": 4}
DISTINCTIONS = ("Distinguished Graduate", "Distinguished Graduate", "Distinguished Graduate",
                "Commandant's Award for Research")


@dataclass(slots=True)
class ClassSpec:
    """A class of the demo (its id and seminars once written)."""

    course: str
    designator: str
    start: dt.date
    end: dt.date
    capacity: int
    prep: ClassSpec | None = None
    id: int = 0
    seminar_ids: list[int] = field(default_factory=list)


def monday_on_or_after(day: dt.date) -> dt.date:
    """The day itself when a Monday, else the Monday after."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def class_plan() -> list[ClassSpec]:
    """Every class of the demo, preparatory classes before the class they prepare for."""
    plan: list[ClassSpec] = []

    def add(course: str, designator: str, start: dt.date, weeks: int, prep_name: str = "",
            prep_weeks: int = 6) -> None:
        end = start + dt.timedelta(weeks=weeks, days=-3)
        prep = None
        if prep_name:
            prep_start = start - dt.timedelta(weeks=prep_weeks)
            prep = ClassSpec("IOS-PREP", prep_name, prep_start, start - dt.timedelta(days=3), CAPACITY[course])
            plan.append(prep)
        plan.append(ClassSpec(course, designator, start, end, CAPACITY[course], prep))

    for ay in range(FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR + 1):
        year = ay - 1
        add("SAASS", f"SAASS AY{ay}", monday_on_or_after(dt.date(year, 6, 20)), 50)
        add("ACSC", f"ACSC AY{ay}", monday_on_or_after(dt.date(year, 7, 20)), 46, f"IOS ACSC Prep {year}")
        add("AWC", f"AWC AY{ay}", monday_on_or_after(dt.date(year, 7, 27)), 45, f"IOS AWC Prep {year}")
        if ay < LAST_ACADEMIC_YEAR:
            yy = ay % 100
            for letter, start in (("A", dt.date(year, 10, 12)), ("B", dt.date(ay, 1, 18)),
                                  ("C", dt.date(ay, 4, 12))):
                add("SOS", f"SOS {yy:02d}{letter}", monday_on_or_after(start), 8, f"IOS SOS Prep {yy:02d}{letter}",
                    prep_weeks=5)
    return plan
