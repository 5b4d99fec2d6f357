"""Printing from the Courses tab: class roster, completion certificates, academic reports.

The data is read on the GUI thread (a few quick queries on the tab's connection); only the drawing
runs on the PDF worker, through ``ui.documents.preview.open_document_preview``, which shows
progress, then the preview (Print…, Save as PDF…), or the pre-print check when a name cannot be drawn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget
    from sqlite_utils import Database

    from imet_desktop.domain.progress import Progress


def _file_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text).strip("-") or "document"


def _preview(parent: QWidget, title: str, build: Callable[[BinaryIO, Progress], int], name: str,
             warnings: Sequence[str] = ()) -> None:
    from imet_desktop.ui.documents.preprint import checked_countries
    from imet_desktop.ui.documents.preview import open_document_preview

    if checked_countries(parent, title, warnings):
        open_document_preview(parent, title, build, suggested_name=name)


def print_class_roster(parent: QWidget, db: Database, class_id: int, *, include_personal: bool = False) -> None:
    """Preview and print a class's roster."""
    from imet_desktop.ops.documents import PrintOptions, prepare
    from imet_desktop.store.db import current_user

    prepared = prepare(db, "class-roster", class_id,
                       PrintOptions(include_personal=include_personal, prepared_by=current_user()))
    designator = prepared.data.class_designator
    _preview(parent, f"Class roster of {designator}", prepared.render, f"{_file_name(designator)}-roster.pdf",
             prepared.warnings)


def print_completion_certificates(parent: QWidget, db: Database, class_id: int,
                                  student_ids: Sequence[int] | None = None) -> int:
    """Preview and print the completion certificates of a class's graduates (or of these students).

    Returns how many certificates are being made (0: nobody has completed the class, nothing opens).
    """
    from imet_desktop.ops.documents import PrintOptions, prepare
    from imet_desktop.store.courses import get_class
    from imet_desktop.store.reports import completed_student_ids

    ids = list(student_ids) if student_ids is not None else completed_student_ids(db, class_id)
    if not ids:
        return 0
    prepared = prepare(db, "course-certificates", class_id, PrintOptions(ids=tuple(ids)))
    designator = get_class(db, class_id).designator
    _preview(parent, f"Completion certificates, {designator}", prepared.render,
             f"{_file_name(designator)}-certificates.pdf", prepared.warnings)
    return prepared.count


def print_academic_reports(parent: QWidget, db: Database, enrollment_ids: Sequence[int]) -> int:
    """Preview and print the academic reports of these enrollments (one page each)."""
    from imet_desktop.ops.documents import PrintOptions, prepare

    if not enrollment_ids:
        return 0
    prepared = prepare(db, "academic-reports", None, PrintOptions(ids=tuple(enrollment_ids)))
    items = prepared.data
    title = (f"Academic report of {items[0].name_latin}" if len(items) == 1
             else f"Academic reports, {items[0].class_designator}")
    name = _file_name(items[0].name_latin if len(items) == 1 else items[0].class_designator)
    _preview(parent, title, prepared.render, f"{name}-academic-report{'s' if len(items) > 1 else ''}.pdf",
             prepared.warnings)
    return len(items)
