"""The Field Studies Program: events and their topics, attendance per student, and the topics still lacking."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.courses.common import ClassCombo, CourseView
from imet_desktop.ui.courses.follow_up_dialogs import FspEventDialog, NoteDialog
from imet_desktop.ui.courses.models import AttendanceModel, FspEventsModel, TopicProgressModel

if TYPE_CHECKING:
    from imet_desktop.store.fsp import AttendanceRow


class FieldStudiesView(CourseView):
    """FSP events (left), the chosen class's attendance at the selected event (right), topics lacking (below)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events_model = FspEventsModel(self)
        self.events_table = make_table(self.events_model, FspEventsModel.COLUMNS, name="fspEvents")
        self.events_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.add_button = QPushButton("Add event…")
        self.add_button.setObjectName("addEvent")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("editEvent")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteEvent")
        self.add_button.clicked.connect(self.add_event)
        self.edit_button.clicked.connect(self.edit_event)
        self.delete_button.clicked.connect(self.delete_event)
        self.events_table.doubleClicked.connect(lambda _i: self.edit_event())

        self.class_combo = ClassCombo()
        self.class_combo.setObjectName("fspClass")
        self.attendance_model = AttendanceModel(self)
        self.attendance_model.on_toggle = self._toggled
        self.attendance_table = make_table(self.attendance_model, AttendanceModel.COLUMNS, name="fspAttendance")
        self.attendance_label = QLabel()
        self.attendance_label.setObjectName("attendanceLabel")
        self.attendance_label.setWordWrap(True)
        self.present_button = QPushButton("Mark present")
        self.present_button.setObjectName("markPresent")
        self.absent_button = QPushButton("Mark absent…")
        self.absent_button.setObjectName("markAbsent")
        self.absent_button.setToolTip("With the reason, e.g. excused: medical appointment")
        self.all_present_button = QPushButton("Everyone present")
        self.all_present_button.setObjectName("allPresent")
        self.present_button.clicked.connect(lambda: self.mark(self.selected_student_ids(), True))
        self.absent_button.clicked.connect(self.mark_absent)
        self.all_present_button.clicked.connect(
            lambda: self.mark([r.student_id for r in self.attendance_model.rows()], True))

        self.progress_model = TopicProgressModel(self)
        self.progress_table = make_table(self.progress_model, TopicProgressModel.COLUMNS, name="fspProgress")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>Field Studies Program events</b>"), 1)
        for b in (self.add_button, self.edit_button, self.delete_button):
            head.addWidget(b)
        left_layout.addLayout(head)
        left_layout.addWidget(self.events_table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        class_row = QHBoxLayout()
        class_row.addWidget(QLabel("<b>Class</b>"))
        class_row.addWidget(self.class_combo, 1)
        right_layout.addLayout(class_row)
        right_layout.addWidget(self.attendance_label)
        right_layout.addWidget(self.attendance_table, 1)
        marks = QHBoxLayout()
        for b in (self.present_button, self.absent_button, self.all_present_button):
            marks.addWidget(b)
        marks.addStretch(1)
        right_layout.addLayout(marks)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(right)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.progress_label)
        bottom_layout.addWidget(self.progress_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.events_table.selectionModel().selectionChanged.connect(lambda *_: self.load_attendance())
        self.attendance_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.class_combo.currentIndexChanged.connect(lambda _i: self._class_changed())
        self._update_buttons()

    def tables(self) -> list[QTableView]:
        return [self.events_table, self.attendance_table, self.progress_table]

    # --- reading ----------------------------------------------------------------------------------------------
    def _load(self) -> None:
        from imet_desktop.store.courses import list_classes
        from imet_desktop.store.fsp import list_events

        assert self.db is not None
        event_id = self.selected_event_id()
        self.events_model.set_rows(list_events(self.db))
        classes = list_classes(self.db)
        keep = self.class_combo.current_class_id()
        if keep is None:
            # The class with the most students enrolled now: the one on field trips.
            busiest = max(classes, key=lambda c: (c.enrolled, c.start_date), default=None)
            keep = busiest.id if busiest else None
        self.class_combo.set_classes(classes, keep)
        if event_id is not None:
            self.select_event(event_id)
        elif self.events_model.rowCount():
            # The latest event already held (the list is newest first); else the first coming.
            today = dt.date.today().isoformat()
            held = [n for n, e in enumerate(self.events_model.rows()) if e.event_date <= today]
            self.events_table.selectRow(held[0] if held else self.events_model.rowCount() - 1)
        self.load_attendance()
        self.load_progress()

    def _class_changed(self) -> None:
        self.load_attendance()
        self.load_progress()

    def selected_event_id(self) -> int | None:
        """The event whose attendance is shown."""
        rows = self.events_table.selectionModel().selectedRows()
        return None if not rows else int(self.events_model.row_at(rows[0].row()).id)

    def select_event(self, event_id: int) -> None:
        """Select an event in the list."""
        for row, e in enumerate(self.events_model.rows()):
            if e.id == event_id:
                self.events_table.selectRow(row)
                return

    def selected_student_ids(self) -> list[int]:
        """The students selected in the attendance list."""
        rows = sorted({i.row() for i in self.attendance_table.selectionModel().selectedRows()})
        return [self.attendance_model.row_at(r).student_id for r in rows]

    def load_attendance(self) -> None:
        """Read the chosen class's attendance at the selected event."""
        from imet_desktop.store.fsp import attendance

        event_id = self.selected_event_id()
        class_id = self.class_combo.current_class_id()
        if self.db is None or event_id is None or class_id is None:
            self.attendance_model.set_rows([])
            self.attendance_label.setText("Select an event to record who attended.")
            self._update_buttons()
            return
        rows = attendance(self.db, event_id, class_id)
        self.attendance_model.set_rows(rows)
        self._attendance_summary(event_id, rows)
        self._update_buttons()

    def _attendance_summary(self, event_id: int, rows: list[AttendanceRow]) -> None:
        event = next(e for e in self.events_model.rows() if e.id == event_id)
        present = sum(1 for r in rows if r.recorded and r.attended)
        absent = sum(1 for r in rows if r.recorded and not r.attended)
        self.attendance_label.setText(
            f"<b>{escape(event.title)}</b>, {display_date(event.event_date)}: {present} present, {absent} absent, "
            f"{len(rows) - present - absent} not recorded. Tick the box of each student who attended.")

    def load_progress(self) -> None:
        """Read which topics each student of the class still lacks."""
        from imet_desktop.store.fsp import topic_progress

        class_id = self.class_combo.current_class_id()
        if self.db is None or class_id is None:
            self.progress_model.set_rows([])
            return
        rows = topic_progress(self.db, class_id)
        self.progress_model.set_rows(rows)
        complete = sum(1 for r in rows if not r.lacking)
        self.progress_label.setText(f"<b>Topics still lacking</b> — {complete} of "
                                    f"{count_text(len(rows), 'student')} have covered all 11 topics")

    def _update_buttons(self) -> None:
        event = self.selected_event_id() is not None
        self.edit_button.setEnabled(event)
        self.delete_button.setEnabled(event)
        selected = bool(self.selected_student_ids())
        self.present_button.setEnabled(event and selected)
        self.absent_button.setEnabled(event and selected)
        self.all_present_button.setEnabled(event and self.attendance_model.rowCount() > 0)

    # --- attendance -------------------------------------------------------------------------------------------
    def _toggled(self, student_id: int, attended: bool) -> None:
        self.mark([student_id], attended)

    def mark(self, student_ids: list[int], attended: bool, note: str = "") -> None:
        """Record these students as present at (or absent from) the selected event."""
        from imet_desktop.store.fsp import set_attendance

        event_id = self.selected_event_id()
        if self.db is None or event_id is None or not student_ids:
            return
        try:
            set_attendance(self.db, event_id, student_ids, attended, note)
        except Exception as e:
            show_failure(self, "Attendance not recorded", e, doing="recording attendance")
            return
        self.changed.emit()
        self._show_marks(event_id)
        self.load_progress()
        self.refresh_events_counts()

    def _show_marks(self, event_id: int) -> None:
        """Show the saved attendance row by row: this may run inside the model's own setData (a tick)."""
        from imet_desktop.store.fsp import attendance

        class_id = self.class_combo.current_class_id()
        assert self.db is not None and class_id is not None
        rows = attendance(self.db, event_id, class_id)
        if [r.student_id for r in rows] != [r.student_id for r in self.attendance_model.rows()]:
            self.load_attendance()
            return
        for n, (old, new) in enumerate(zip(self.attendance_model.rows(), rows, strict=True)):
            if old != new:
                self.attendance_model.replace_row(n, new)
        self._attendance_summary(event_id, rows)

    def refresh_events_counts(self) -> None:
        """Read the events' attendance counts again, keeping the selection."""
        from imet_desktop.store.fsp import list_events

        if self.db is None:
            return
        event_id = self.selected_event_id()
        blocked = self.events_table.selectionModel().blockSignals(True)
        self.events_model.set_rows(list_events(self.db))
        if event_id is not None:
            self.select_event(event_id)
        self.events_table.selectionModel().blockSignals(blocked)

    def mark_absent(self) -> None:
        """Record the selected students as absent, with the reason."""
        ids = self.selected_student_ids()
        if not ids:
            return
        note = NoteDialog.ask(self, "Absent", f"Why {count_text(len(ids), 'student')} did not attend "
                                              "(e.g. excused: medical appointment):")
        if note is None:
            return
        self.mark(ids, False, note)

    # --- events -------------------------------------------------------------------------------------------
    def add_event(self) -> int | None:
        """Ask for a new FSP event and add it."""
        from imet_desktop.store.fsp import FSP_TOPICS, add_event

        if self.db is None:
            return None
        answer = FspEventDialog.ask(self, None, FSP_TOPICS)
        if answer is None:
            return None
        try:
            event_id = add_event(self.db, answer)
        except Exception as e:
            show_failure(self, "Event not added", e, doing="adding the event")
            return None
        self.changed.emit()
        self.refresh()
        self.select_event(event_id)
        return event_id

    def edit_event(self) -> None:
        """Edit the selected event."""
        from imet_desktop.store.fsp import FSP_TOPICS, get_event, update_event

        event_id = self.selected_event_id()
        if self.db is None or event_id is None:
            return
        answer = FspEventDialog.ask(self, get_event(self.db, event_id), FSP_TOPICS)
        if answer is None:
            return
        try:
            update_event(self.db, answer)
        except Exception as e:
            show_failure(self, "Event not saved", e, doing="saving the event")
            return
        self.changed.emit()
        self.refresh()

    def delete_event(self) -> None:
        """Delete the selected event and its attendance."""
        from imet_desktop.store.fsp import delete_event

        event_id = self.selected_event_id()
        if self.db is None or event_id is None:
            return
        event = next(e for e in self.events_model.rows() if e.id == event_id)
        if not dialogs.ask_yes_no(self, "Delete event", f"Delete {event.title} ({display_date(event.event_date)}) "
                                                        "and the attendance recorded for it?"):
            return
        delete_event(self.db, event_id)
        self.changed.emit()
        self.refresh()
