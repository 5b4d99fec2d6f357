"""What the reader's worker counts for the Overview, in a module of its own (no widgets): the window starts the
first count with the database, before the tab's module is imported and its widgets built, so the count (mostly
SQLite, on the worker) and the building (Python, on the GUI thread) overlap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.domain.overview import Overview


def count(db: Database, on: dt.date, year: int, path: Path | None = None) -> Overview:
    """The figures as of a date without the alumni (see OverviewTab.show_figures), and the map's outlines, read
    and built on the worker rather than in the first paint. With the database's path, the figures are kept for the
    next start on the unchanged file (ops.overview.kept_figures)."""
    from imet_desktop.ops.overview import file_state, keep_figures, overview_figures
    from imet_desktop.ui.overview.worldmap import shapes

    state = file_state(path) if path is not None else None  # before counting: a change meanwhile never matches
    figures = overview_figures(db, on, year, alumni=False)  # first: SQLite lets the GUI thread run meanwhile
    shapes()
    if path is not None:
        keep_figures(path, state, figures)
    return figures


def outlines(_db: Database) -> None:
    """The map's outlines, built on the worker (when the figures kept from the last start are shown)."""
    from imet_desktop.ui.overview.worldmap import shapes

    shapes()
