"""What the reader's worker counts for the Overview, in a module of its own (no widgets): the window starts the
first count with the database, before the tab's module is imported and its widgets built, so the count (mostly
SQLite, on the worker) and the building (Python, on the GUI thread) overlap."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.domain.overview import Overview


def count(db: Database, on: dt.date, year: int) -> Overview:
    """The figures as of a date without the alumni (see OverviewTab.show_figures), and the map's outlines, read
    and built on the worker rather than in the first paint."""
    from imet_desktop.ops.overview import overview_figures
    from imet_desktop.ui.overview.worldmap import shapes

    figures = overview_figures(db, on, year, alumni=False)  # first: SQLite lets the GUI thread run meanwhile
    shapes()
    return figures
