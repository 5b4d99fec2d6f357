"""The Overview for the window and the command line: its figures, its printed report, its spreadsheet.

``overview_figures`` is the one place the figures are counted (store.overview); the tab shows what
it returns, ``write_report`` prints it and ``write_figures`` exports it, so the three always agree.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from imet_desktop.domain.overview import Overview
from imet_desktop.domain.progress import Progress
from imet_desktop.files import check_target, write_atomically

if TYPE_CHECKING:  # documents.data is read when something is printed, not when the tab counts
    from sqlite_utils import Database

    from imet_desktop.documents.data import SchoolInfo
    from imet_desktop.store.reading import Reads

REPORT_FORMATS = ("pdf", "csv", "xlsx")


def overview_figures(db: Reads, on: dt.date | None = None, year: int | None = None, *,
                     alumni: bool = True) -> Overview:
    """Every figure of the Overview as of a date (default today), arrivals by month of a year (default its year).

    alumni=False leaves out the one slow count (alumni by country, for the map); ``with_alumni`` adds it.
    """
    from imet_desktop.store.overview import overview

    return overview(db, on, year, alumni=alumni)


def with_alumni(db: Reads, figures: Overview) -> Overview:
    """Figures counted without the alumni, completed with them."""
    from imet_desktop.store.overview import with_alumni as complete

    return complete(db, figures)


def school(db: Database) -> SchoolInfo:
    """The school as printed (names, paper size) from the office's settings."""
    from imet_desktop.ops.wording import school_info

    return school_info(db)


def draw_report(figures: Overview, info: SchoolInfo, out: BinaryIO | Path,
                progress: Progress | None = None, prepared_by: str = "") -> int:
    """Draw the report of these figures, with the world map, into a stream or file; its page count
    (ReportLab and the map's shapes are loaded here)."""
    from imet_desktop.documents.overview import overview_report
    from imet_desktop.ops.world import world_shapes

    return overview_report(figures, info, out, progress, prepared_by=prepared_by, world=world_shapes())


def write_report(db: Database, target: Path, on: dt.date | None = None, year: int | None = None,
                 prepared_by: str = "") -> int:
    """Write the Overview's printed report (PDF) to a file, whole or not at all; its page count."""
    check_target(target)
    buffer = io.BytesIO()
    pages = draw_report(overview_figures(db, on, year), school(db), buffer, prepared_by=prepared_by)
    write_atomically(target, buffer.getvalue(), private=False)  # figures only: no personal data
    return pages


def write_figures(db: Database, target: Path, file_format: str, on: dt.date | None = None,
                  year: int | None = None) -> int:
    """Write the Overview's figures to a CSV or XLSX file; the number of rows."""
    from imet_desktop.exchange.overview_figures import write_figures as write

    check_target(target)
    return write(overview_figures(db, on, year), target, file_format)


def format_of(target: Path, asked: str | None) -> str:
    """The format asked for, else the one the file name ends with, else PDF."""
    if asked:
        return asked
    suffix = target.suffix.lower().lstrip(".")
    return suffix if suffix in REPORT_FORMATS else "pdf"
