"""The class roster: a landscape table with its header repeated on every page and "Page n of N".

With personal fields (date of birth, passport) it is Controlled Unclassified Information and
carries the CUI marking at the top and bottom of every page.
"""

from __future__ import annotations

from collections.abc import Callable

from imet_desktop.documents.common import Output, Progress, require_drawable
from imet_desktop.documents.data import ClassRosterData, RosterStudent, SchoolInfo, format_date
from imet_desktop.documents.student_roster import RosterColumn, StudentRosterData, student_roster

Column = tuple[str, Callable[[int, RosterStudent], str]]


def _short(day: object) -> str:
    return day.strftime("%d %b %Y") if hasattr(day, "strftime") else ""


def _seminar(name: str) -> str:
    """'Seminar 03' as '03': the column says what it is."""
    head, _, rest = name.partition(" ")
    return rest if head.casefold() == "seminar" and rest else name


def _columns(personal: bool) -> list[Column]:
    columns: list[Column] = [
        ("#", lambda n, s: str(n)),
        ("Name (as on passport)", lambda n, s: s.name),
        ("Rank", lambda n, s: s.rank),
        ("Country", lambda n, s: s.country),
        ("Service", lambda n, s: s.service),
        ("Sem.", lambda n, s: _seminar(s.seminar)),
        ("ECL", lambda n, s: "" if s.ecl is None else str(s.ecl)),
        ("Arrived", lambda n, s: _short(s.arrival_date)),
    ]
    if personal:
        columns += [
            ("Date of birth", lambda n, s: _short(s.date_of_birth)),
            ("Passport", lambda n, s: s.passport_number),
            ("Expires", lambda n, s: _short(s.passport_expiry)),
        ]
    else:
        columns.append(("E-mail", lambda n, s: s.email))
    return columns


def has_personal_data(data: ClassRosterData) -> bool:
    """True when the roster prints personal data (and so must carry the CUI marking)."""
    return data.include_personal and any(
        s.date_of_birth or s.passport_number or s.passport_expiry for s in data.students)


def class_roster(data: ClassRosterData, school: SchoolInfo, out: Output, progress: Progress | None = None) -> int:
    """Write the class roster; returns the page count. Drawn by the roster engine of student_roster."""
    require_drawable([data], school)
    columns = _columns(data.include_personal)
    period = " to ".join(format_date(d) for d in (data.start_date, data.end_date) if d)
    table = StudentRosterData(
        record=data.record,
        title=f"{data.course_title}  ·  {data.class_designator}",
        columns=tuple(RosterColumn(header) for header, _value in columns),
        rows=tuple(tuple(value(n, student) for _header, value in columns)
                   for n, student in enumerate(data.students, 1)),
        subtitle=period,
        personal=has_personal_data(data),
        prepared_by=data.prepared_by,
        name_column=1,
        counted_as="international student",
    )
    return student_roster(table, school, out, progress, check=False)
