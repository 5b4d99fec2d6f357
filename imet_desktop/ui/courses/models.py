"""Table models of the Courses tab: catalogue, classes, placement, the waitlist, FSP and the reporting clock."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from imet_desktop.domain.placement import Verdict
from imet_desktop.domain.records import EnrollmentStatus
from imet_desktop.ui.common.formatting import display_date
from imet_desktop.ui.common.table_model import ROW_ROLE, Column, RowListModel

STUDENT_IDS_MIME = "application/x-imet-student-ids"
"""Drag payload: a JSON list of student ids (from the students waiting to be placed)."""
ENROLLMENT_IDS_MIME = "application/x-imet-enrollment-ids"
"""Drag payload: a JSON list of enrollment ids (from a class's roster)."""

WARNING = QColor("#B3261E")
OFFER = QColor("#7A4F01")
MUTED = QColor("#6B6B6B")

type AnyIndex = QModelIndex | QPersistentModelIndex


def _number(value: object) -> str:
    return "" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def encode_ids(mime_type: str, ids: Sequence[int]) -> QMimeData:
    """Ids as drag-and-drop data (and as plain text, for dropping elsewhere)."""
    mime = QMimeData()
    mime.setData(mime_type, json.dumps(list(ids)).encode())
    return mime


def decode_ids(mime: QMimeData, mime_type: str) -> list[int]:
    """The ids carried by drag-and-drop data of this type ([] if none or unreadable)."""
    if not mime.hasFormat(mime_type):
        return []
    try:
        values = json.loads(bytes(mime.data(mime_type).data()).decode())
    except ValueError:
        return []
    return [int(v) for v in values if isinstance(v, int)]


class _DraggableRows(RowListModel):
    """Rows that can be dragged: the payload is the ids of the rows under the dragged indexes."""

    MIME_TYPE = ""

    def row_id(self, row: Any) -> int:
        raise NotImplementedError

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [self.MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_ids(self.MIME_TYPE, [self.row_id(self.row_at(r)) for r in rows])

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction


class CoursesModel(RowListModel):
    """Rows are ``domain.records.Course``."""

    CODE, TITLE, MASL, MIN_ECL, WEEKS, PREREQUISITES, RESIDENT = range(7)
    COLUMNS = (
        Column("Code", lambda c: c.code, width=8, fit=True),
        Column("Title", lambda c: c.title, width=45),
        Column("MASL", lambda c: c.masl_id, samples=["D000000"]),
        Column("Min ECL", lambda c: c.min_ecl, _number, width=8, numeric=True),
        Column("Weeks", lambda c: c.length_weeks, _number, width=6, numeric=True),
        Column("Prerequisites", lambda c: ", ".join(c.prerequisite_codes), width=16),
        Column("In residence", lambda c: c.in_residence, lambda v: "Yes" if v else "No", width=11),
    )


class ClassesModel(RowListModel):
    """Rows are ``store.courses.ClassRow``."""

    DESIGNATOR, COURSE, START, END, CAPACITY, ENROLLED, COMPLETED, LOCATION = range(8)
    COLUMNS = (
        Column("Designator", lambda r: r.designator, width=16, fit=True),
        Column("Course", lambda r: r.course_code, width=8, tooltip=lambda r: r.course_title, fit=True),
        Column("Start", lambda r: r.start_date, display_date, width=11),
        Column("End", lambda r: r.end_date, display_date, width=11),
        Column("Capacity", lambda r: r.capacity, _number, width=8, numeric=True),
        Column("Enrolled", lambda r: r.enrolled, _number, width=8, numeric=True),
        Column("Completed", lambda r: r.completed, _number, width=9, numeric=True),
        Column("Location", lambda r: r.location, width=28),
    )


class CandidatesModel(_DraggableRows):
    """Students waiting to be placed; rows are ``store.enrollments.Candidate``. ECL below the minimum shows red."""

    MIME_TYPE = STUDENT_IDS_MIME
    NAME, COUNTRY, STATUS, ARRIVAL, ECL, CURRENT_CLASS = range(6)
    COLUMNS = (
        Column("Legal name", lambda r: r.legal_name, width=20, tooltip=lambda r: f"{r.legal_name}, {r.rank}",
               person=True),
        Column("Country", lambda r: r.country_code, width=4, tooltip=lambda r: r.country_name, fit=True),
        Column("Status", lambda r: r.status, width=9),
        Column("Arrival", lambda r: r.arrival_date, display_date, width=10),
        Column("ECL", lambda r: r.ecl_score, _number, width=3, numeric=True),
        Column("Current class", lambda r: r.current_class, width=11),
    )

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self.min_ecl: int | None = None

    def row_id(self, row: Any) -> int:
        return int(row.id)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.ECL:
            ecl = self.row_at(index.row()).ecl_score
            if self.min_ecl is not None and (ecl is None or ecl < self.min_ecl):
                return QBrush(WARNING)
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == self.ECL:
            ecl = self.row_at(index.row()).ecl_score
            if self.min_ecl is not None and (ecl is None or ecl < self.min_ecl):
                return f"Below the course minimum of {self.min_ecl}" if ecl is not None else "No ECL score on record"
        return super().data(index, role)


def roster_status_text(entry: Any) -> str:
    """'Enrolled', 'Waitlist 2', 'Waitlist 1 · seat offered', 'Completed 05 JUN 2027'."""
    if entry.status == EnrollmentStatus.WAITLISTED:
        text = f"Waitlist {entry.waitlist_position}"
        return f"{text} · seat offered" if entry.seat_offered_at else text
    if entry.outcome_date:
        return f"{entry.status} {display_date(entry.outcome_date)}"
    return str(entry.status)


def _override_tip(entry: Any) -> str:
    if not entry.override_reason:
        return ""
    when = display_date(entry.override_at[:10])
    return f"Override: {entry.override_reason}\nby {entry.override_by or 'unknown'} on {when}"


class ClassRosterModel(_DraggableRows):
    """One class's students and waitlist; rows are ``store.enrollments.RosterEntry``."""

    MIME_TYPE = ENROLLMENT_IDS_MIME
    NAME, COUNTRY, ECL, SEMINAR, STATUS, DISTINCTION, OVERRIDE = range(7)
    COLUMNS = (
        Column("Legal name", lambda r: r.legal_name, width=19, tooltip=lambda r: f"{r.legal_name}, {r.rank}",
               person=True),
        Column("Country", lambda r: r.country_code, width=4, tooltip=lambda r: r.country_name, fit=True),
        Column("ECL", lambda r: r.ecl_score, _number, width=3, numeric=True),
        Column("Seminar", lambda r: r.seminar, width=9),
        Column("Status", roster_status_text, width=13, tooltip=lambda r: r.note or roster_status_text(r)),
        Column("Distinction", lambda r: r.distinction, width=11),
        Column("Override", lambda r: r.override_reason, width=10, tooltip=_override_tip),
    )

    def row_id(self, row: Any) -> int:
        return int(row.enrollment_id)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            entry = self.row_at(index.row())
            if entry.seat_offered:
                return QBrush(OFFER)
            if entry.status in (EnrollmentStatus.WAITLISTED, EnrollmentStatus.WITHDRAWN, EnrollmentStatus.ELIMINATED):
                return QBrush(MUTED)
        if role == Qt.ItemDataRole.FontRole and index.isValid() and index.column() == self.STATUS:
            entry = self.row_at(index.row())
            if entry.seat_offered:
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


class PlacementIssuesModel(RowListModel):
    """Students the rules kept out; rows are ``store.enrollments.AssignResult``."""

    NAME, CLASS, OVERRIDE, REASONS = range(4)
    COLUMNS = (
        Column("Student", lambda r: r.student_name, width=22, person=True),
        Column("Class", lambda r: r.check.training_class.designator, width=13, fit=True),
        Column("Override?", lambda r: r.verdict.value, lambda v: "Possible" if v == Verdict.NEEDS_OVERRIDE else "No",
               width=9),
        Column("Why not placed", lambda r: r.check.explain(), width=60),
    )


class FspEventsModel(RowListModel):
    """FSP events; rows are ``store.fsp.EventRow``."""

    DATE, TITLE, PLACE, TOPICS, ATTENDED = range(5)
    COLUMNS = (
        Column("Date", lambda r: r.event_date, display_date, width=11),
        Column("Event", lambda r: r.title, width=30, stretch=True),
        Column("Place", lambda r: r.place, width=16),
        Column("Topics", lambda r: "; ".join(r.topics), width=30),
        Column("Attended", lambda r: r.attended, _number, width=8, numeric=True),
    )


class AttendanceModel(RowListModel):
    """A class's students at one FSP event, the first column a check box; rows are ``store.fsp.AttendanceRow``.

    Ticking or clearing a box calls ``on_toggle(student_id, attended)``: the tab writes it through the store.
    """

    ATTENDED, NAME, COUNTRY, NOTE = range(4)
    COLUMNS = (
        Column("Present", lambda r: r.attended, lambda v: "", width=6),
        Column("Legal name", lambda r: r.legal_name, width=22, person=True),
        Column("Country", lambda r: r.country_code, width=6, fit=True),
        Column("Note", lambda r: r.note if r.recorded else "not recorded", width=20),
    )

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self.on_toggle: Callable[[int, bool], None] | None = None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.ATTENDED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == self.ATTENDED:
            row = self.row_at(index.row())
            return Qt.CheckState.Checked if row.attended else Qt.CheckState.Unchecked
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.NOTE
                and not self.row_at(index.row()).recorded):
            return QBrush(MUTED)
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != self.ATTENDED:
            return False
        attended = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if self.on_toggle is not None:
            self.on_toggle(self.row_at(index.row()).student_id, attended)
        return True

    def replace_row(self, row: int, value: Any) -> None:
        """Show a changed row in place (after the store saved it)."""
        self._rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))


class TopicProgressModel(RowListModel):
    """FSP topics covered and lacking per student; rows are ``store.fsp.TopicProgress``."""

    NAME, COUNTRY, COVERED, LACKING = range(4)
    COLUMNS = (
        Column("Legal name", lambda r: r.legal_name, width=24, person=True),
        Column("Country", lambda r: r.country_code, width=7, fit=True),
        Column("Covered", lambda r: len(r.covered), lambda v: f"{v} of 11", width=8),
        Column("Topics still lacking", lambda r: "; ".join(r.lacking) or "none: all 11 covered", width=60,
               tooltip=lambda r: "Covered: " + ("; ".join(r.covered) or "none")),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.LACKING
                and not self.row_at(index.row()).lacking):
            return QBrush(MUTED)
        return super().data(index, role)


@dataclass(frozen=True, slots=True)
class ReportLine:
    """A report due, with its state as of the day the list was read."""

    report: Any  # store.reports.DueReport
    state: str
    overdue: bool


class ReportsModel(RowListModel):
    """Reports due; rows are ``ReportLine``."""

    DUE, STATE, KIND, STUDENT, COUNTRY, EVENT_DATE, DETAIL = range(7)
    COLUMNS = (
        Column("Due", lambda r: r.report.due_date.isoformat(), display_date, width=11),
        Column("State", lambda r: r.state, width=22),
        Column("Report", lambda r: r.report.kind.value, lambda v: str(v).capitalize(), width=12),
        Column("Student", lambda r: r.report.legal_name, width=24, person=True),
        Column("Country", lambda r: r.report.country_code, width=7, fit=True),
        Column("Event date", lambda r: r.report.event_date.isoformat(), display_date, width=11),
        Column("What happened", lambda r: r.report.detail, width=36),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            line = self.row_at(index.row())
            if line.report.filed_on is not None:
                return QBrush(MUTED)
            if line.overdue:
                return QBrush(WARNING)
        return super().data(index, role)


def row_of(model: RowListModel, index: QModelIndex) -> Any:
    """The dataclass behind an index."""
    return model.data(index, ROW_ROLE)
