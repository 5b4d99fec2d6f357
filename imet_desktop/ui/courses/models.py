"""Table models of the Courses tab: the course catalogue and the classes (offerings)."""

from __future__ import annotations

from imet_desktop.ui.common.formatting import display_date
from imet_desktop.ui.common.table_model import Column, RowListModel


def _number(value: object) -> str:
    return "" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


class CoursesModel(RowListModel):
    """Rows are ``domain.records.Course``."""

    CODE, TITLE, MASL, MIN_ECL, WEEKS, PREREQUISITES, RESIDENT = range(7)
    COLUMNS = (
        Column("Code", lambda c: c.code, width=8),
        Column("Title", lambda c: c.title, width=45),
        Column("MASL", lambda c: c.masl_id, width=9),
        Column("Min ECL", lambda c: c.min_ecl, _number, width=8, numeric=True),
        Column("Weeks", lambda c: c.length_weeks, _number, width=6, numeric=True),
        Column("Prerequisites", lambda c: ", ".join(c.prerequisite_codes), width=16),
        Column("In residence", lambda c: c.in_residence, lambda v: "Yes" if v else "No", width=11),
    )


class ClassesModel(RowListModel):
    """Rows are ``store.courses.ClassRow``."""

    DESIGNATOR, COURSE, START, END, CAPACITY, ENROLLED, COMPLETED, LOCATION = range(8)
    COLUMNS = (
        Column("Designator", lambda r: r.designator, width=20),
        Column("Course", lambda r: r.course_code, width=8, tooltip=lambda r: r.course_title),
        Column("Start", lambda r: r.start_date, display_date, width=11),
        Column("End", lambda r: r.end_date, display_date, width=11),
        Column("Capacity", lambda r: r.capacity, _number, width=8, numeric=True),
        Column("Enrolled", lambda r: r.enrolled, _number, width=8, numeric=True),
        Column("Completed", lambda r: r.completed, _number, width=9, numeric=True),
        Column("Location", lambda r: r.location, width=28),
    )
