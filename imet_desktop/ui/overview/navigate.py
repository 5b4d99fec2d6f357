"""Following a figure of the Overview to the list behind it, in the tab that keeps those records."""

from __future__ import annotations

from typing import Any, Protocol

from imet_desktop.ui.overview.links import (
    CeremonyLink,
    ClassLink,
    DemoLink,
    HonorRollLink,
    ImportLink,
    Link,
    NominationsLink,
    ReportsLink,
    StudentsLink,
)


class Window(Protocol):
    """What following a link needs of the main window (which imports this module: no import back)."""

    roster_tab: Any
    courses_tab: Any
    honor_roll_tab: Any
    ceremonies_tab: Any

    def show_tab(self, tab: Any) -> None: ...

    def fill_demo_data(self, students: int = ...) -> Any: ...


def follow(window: Window, link: Link) -> None:
    """Bring the tab holding the figure's records to the front, showing just those records."""
    if isinstance(link, StudentsLink):
        roster = window.roster_tab
        window.show_tab(roster)
        roster.show_selection(link.selection)
    elif isinstance(link, ReportsLink):
        courses = window.courses_tab
        window.show_tab(courses)
        courses.show_reports(link.overdue)
    elif isinstance(link, ClassLink):
        courses = window.courses_tab
        window.show_tab(courses)
        courses.place_in_class(link.class_id)
    elif isinstance(link, CeremonyLink):
        ceremonies = window.ceremonies_tab
        window.show_tab(ceremonies)
        ceremonies.select_ceremony(link.ceremony_id)
        if link.tasks:
            ceremonies.views.setCurrentWidget(ceremonies.tasks_page)
    elif isinstance(link, NominationsLink):
        honor_roll = window.honor_roll_tab
        window.show_tab(honor_roll)
        honor_roll.show_nominations_awaiting_clearance()
    elif isinstance(link, HonorRollLink):
        honor_roll = window.honor_roll_tab
        window.show_tab(honor_roll)
        honor_roll.show_register(link.country_code, link.year)
    elif isinstance(link, ImportLink):
        roster = window.roster_tab
        window.show_tab(roster)
        roster.import_students()
    elif isinstance(link, DemoLink):
        window.fill_demo_data()
