"""Where a figure of the Overview leads: the list of the records it counts, in the tab that keeps them.

The Overview emits one of these (``OverviewTab.link_activated``); the main window follows it
(imet_desktop.ui.overview.navigate), so the tab knows no other tab.
"""

from __future__ import annotations

from dataclasses import dataclass

from imet_desktop.domain.overview import StudentSelection


@dataclass(frozen=True, slots=True)
class StudentsLink:
    """The Roster, showing exactly the students behind a figure."""

    selection: StudentSelection


@dataclass(frozen=True, slots=True)
class ReportsLink:
    """The Courses tab's reporting clock: the overdue reports, or those due within the next days."""

    overdue: bool


@dataclass(frozen=True, slots=True)
class ClassLink:
    """The Courses tab's assignment page on one class (its seats and waitlist)."""

    class_id: int


@dataclass(frozen=True, slots=True)
class CeremonyLink:
    """The Ceremonies tab on one ceremony (on its task list when tasks are the point)."""

    ceremony_id: int
    tasks: bool = False


@dataclass(frozen=True, slots=True)
class NominationsLink:
    """The Honor Roll's nominations still waiting for a clearance step."""


@dataclass(frozen=True, slots=True)
class HonorRollLink:
    """The Honor Roll register, of one country or one year of induction (empty: all)."""

    country_code: str = ""
    year: int | None = None


@dataclass(frozen=True, slots=True)
class ImportLink:
    """Import students from a spreadsheet (the empty database's first step)."""


@dataclass(frozen=True, slots=True)
class DemoLink:
    """Fill the empty database with demo data."""


type Link = (StudentsLink | ReportsLink | ClassLink | CeremonyLink | NominationsLink | HonorRollLink | ImportLink
             | DemoLink)
