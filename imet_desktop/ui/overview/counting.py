"""What the reader's worker counts for the Overview, in a module of its own (no widgets): the window starts the
first count with the database, before the tab's module is imported and its widgets built, so the count (mostly
SQLite, on the worker) and the building (Python, on the GUI thread) overlap. The map's outlines (Python) are built
on the worker once the figures are painted (outlines)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.domain.overview import Overview
    from imet_desktop.ui.common.reader import DatabaseReader


def count(db: Database, on: dt.date, year: int, path: Path | None = None) -> Overview:
    """The figures as of a date without the alumni (see OverviewTab.show_figures); with the database's path, kept for
    the next start on the unchanged file (ops.kept.count_and_keep). The map's outlines are not built here: the
    figures would wait for them (outlines)."""
    from imet_desktop.ops.kept import count_and_keep

    return count_and_keep(db, on, year, path)


def outlines(_db: Database) -> None:
    """The map's outlines, built on the worker once the first figures are painted (OverviewTab._painted).

    Not before: building them is Python (~30 ms: the shapes' file read, ~240 paths of ~13,500 points), which on the
    worker holds the interpreter's lock the GUI thread needs to build the tab and paint the figures (at start, the
    first tab waited for it), for a map below the figures, seen when the clerk scrolls to it. A map painted before
    they are built asks for them and shows its legend meanwhile (WorldMap.ask_for_outlines)."""
    from imet_desktop.ui.overview.worldmap import shapes

    shapes()


def ahead(reader: DatabaseReader, path: Path) -> tuple[dt.date | None, Overview | None]:
    """The Overview about to be shown: its figures of today asked of its reader now, counted while its module is
    imported and its widgets built (start-up: ~0.2 s sooner on screen); the day asked for, None if not asked.
    When the figures of today were kept from the last start on the unchanged file they are shown at once (and
    counted again once painted): nothing is asked, and the kept figures are returned."""
    from imet_desktop.ops.kept import todays_figures

    kept = todays_figures(path)
    if kept is not None:
        return None, kept
    today = dt.date.today()
    reader.submit("overview", path, lambda db: count(db, today, today.year, path), lambda _figures: None)
    return today, None
