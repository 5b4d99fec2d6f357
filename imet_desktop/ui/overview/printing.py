"""The Overview's figures printed through the preview (File > Print overview, Ctrl+P on the tab): the figures on
screen, the alumni counted for them first if they are still to come."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget
    from sqlite_utils import Database

    from imet_desktop.domain.overview import Overview
    from imet_desktop.domain.progress import Progress


def print_figures(parent: QWidget, figures: Overview, db: Database, path: Path) -> None:
    """Print these figures of the database (open as db, its file path) through the print preview (3 or 4 pages)."""
    from imet_desktop.ops.overview import draw_report, school, with_alumni
    from imet_desktop.store.db import connect, current_user
    from imet_desktop.ui.documents.preview import open_document_preview

    info, user = school(db), current_user()

    def build(out: BinaryIO, progress: Progress) -> int:
        whole = figures
        if not whole.alumni_counted:  # printed whole: the alumni are counted here (the worker) if still to come
            db = connect(path)
            try:
                whole = with_alumni(db, figures)
            finally:
                db.close()
        return draw_report(whole, info, out, progress, prepared_by=user)

    open_document_preview(parent, "Overview", build, suggested_name=f"Overview {figures.on.isoformat()}.pdf")
