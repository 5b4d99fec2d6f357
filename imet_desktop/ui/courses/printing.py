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

type Progress = Callable[[int, int], bool]


def _file_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text).strip("-") or "document"


def _preview(parent: QWidget, title: str, build: Callable[[BinaryIO, Progress], int], name: str) -> None:
    from imet_desktop.ui.documents.preview import open_document_preview

    open_document_preview(parent, title, build, suggested_name=name)


def print_class_roster(parent: QWidget, db: Database, class_id: int, *, include_personal: bool = False) -> None:
    """Preview and print a class's roster."""
    from imet_desktop.documents.roster import class_roster
    from imet_desktop.store.db import current_user
    from imet_desktop.store.printing import class_roster as roster_data
    from imet_desktop.store.printing import school_info

    data = roster_data(db, class_id, include_personal=include_personal, prepared_by=current_user())
    school = school_info(db)
    _preview(parent, f"Class roster of {data.class_designator}",
             lambda out, progress: class_roster(data, school, out, progress),
             f"{_file_name(data.class_designator)}-roster.pdf")


def print_completion_certificates(parent: QWidget, db: Database, class_id: int,
                                  student_ids: Sequence[int] | None = None) -> int:
    """Preview and print the completion certificates of a class's graduates (or of these students).

    Returns how many certificates are being made (0: nobody has completed the class, nothing opens).
    """
    from imet_desktop.documents.certificate import course_certificates
    from imet_desktop.store.courses import get_class
    from imet_desktop.store.printing import course_certificates as certificate_data
    from imet_desktop.store.printing import school_info
    from imet_desktop.store.reports import completed_student_ids

    ids = list(student_ids) if student_ids is not None else completed_student_ids(db, class_id)
    if not ids:
        return 0
    items = certificate_data(db, class_id, ids)
    school = school_info(db)
    designator = get_class(db, class_id).designator
    _preview(parent, f"Completion certificates, {designator}",
             lambda out, progress: course_certificates(items, school, out, progress),
             f"{_file_name(designator)}-certificates.pdf")
    return len(items)


def print_academic_reports(parent: QWidget, db: Database, enrollment_ids: Sequence[int]) -> int:
    """Preview and print the academic reports of these enrollments (one page each)."""
    from imet_desktop.documents.academic_report import academic_reports
    from imet_desktop.store.printing import school_info
    from imet_desktop.store.reports import academic_report_data

    items = [academic_report_data(db, i) for i in enrollment_ids]
    if not items:
        return 0
    school = school_info(db)
    title = (f"Academic report of {items[0].name_latin}" if len(items) == 1
             else f"Academic reports, {items[0].class_designator}")
    name = _file_name(items[0].name_latin if len(items) == 1 else items[0].class_designator)
    _preview(parent, title, lambda out, progress: academic_reports(items, school, out, progress),
             f"{name}-academic-report{'s' if len(items) > 1 else ''}.pdf")
    return len(items)
