"""The Courses tab's modal dialogs, each opened only through its ``ask(...)`` class method.

Tests replace ``SomeDialog.ask`` (monkeypatch) so the clerk's answer becomes a return value; they
can also build a dialog, fill it in and read ``answer()`` without ever showing it. Each lays out
its own fields in ``body`` (the form dialog's ``form`` stays empty) and enables OK while
``is_complete()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from imet_desktop.domain.records import Course, EnrollmentStatus, TrainingClass
from imet_desktop.ui.common.dialog_base import FormDialog
from imet_desktop.ui.common.fields import date_edit, from_qdate

if TYPE_CHECKING:
    from imet_desktop.store.class_lists import RosterEntry
    from imet_desktop.store.courses import ClassRow, Seminar
    from imet_desktop.store.fsp import FspEvent
    from imet_desktop.store.reports import ReportingRules

DISTINCTIONS = ("Distinguished Graduate", "Commandant's Award for Research", "Honor Graduate",
                "Top International Graduate")


# --- the catalogue ------------------------------------------------------------------------------------------

class CourseDialog(FormDialog):
    """Add or edit a course of the catalogue."""

    def __init__(self, parent: QWidget | None, course: Course | None, other_codes: Sequence[str]) -> None:
        super().__init__(parent, "Edit course" if course and course.id else "Add course")
        self._id = course.id if course else None
        form = QFormLayout()
        self.code = QLineEdit(course.code if course else "")
        self.code.setPlaceholderText("e.g. ACSC")
        self.title = QLineEdit(course.title if course else "")
        self.title.setPlaceholderText("e.g. Air Command and Staff College")
        self.title.setMinimumWidth(360)
        self.masl = QLineEdit(course.masl_id if course else "")
        self.masl.setPlaceholderText("e.g. D171020")
        self.min_ecl = QSpinBox()
        self.min_ecl.setRange(-1, 100)
        self.min_ecl.setSpecialValueText("No minimum")
        self.min_ecl.setValue(course.min_ecl if course and course.min_ecl is not None else -1)
        self.weeks = QSpinBox()
        self.weeks.setRange(0, 200)
        self.weeks.setSpecialValueText("Not set")
        self.weeks.setSuffix(" weeks")
        self.weeks.setValue(course.length_weeks if course and course.length_weeks else 0)
        self.in_residence = QCheckBox("Taught in residence")
        self.in_residence.setChecked(course.in_residence if course else True)
        self.prerequisites = QListWidget()
        self.prerequisites.setMaximumHeight(110)
        chosen = set(course.prerequisite_codes) if course else set()
        for code in other_codes:
            item = QListWidgetItem(code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.prerequisites.addItem(item)
        form.addRow("Code", self.code)
        form.addRow("Title", self.title)
        form.addRow("MASL id", self.masl)
        form.addRow("Minimum ECL", self.min_ecl)
        form.addRow("Length", self.weeks)
        form.addRow("", self.in_residence)
        form.addRow("Prerequisites", self.prerequisites)
        self.body.addLayout(form)
        self.code.textChanged.connect(self.update_ok)
        self.title.textChanged.connect(self.update_ok)
        self.finish()

    def is_complete(self) -> bool:
        return bool(self.code.text().strip() and self.title.text().strip())

    def answer(self) -> Course:
        codes = tuple(self.prerequisites.item(i).text() for i in range(self.prerequisites.count())
                      if self.prerequisites.item(i).checkState() == Qt.CheckState.Checked)
        return Course(code=self.code.text().strip(), title=self.title.text().strip(), masl_id=self.masl.text().strip(),
                      min_ecl=None if self.min_ecl.value() < 0 else self.min_ecl.value(),
                      length_weeks=self.weeks.value() or None, prerequisite_codes=codes,
                      in_residence=self.in_residence.isChecked(), id=self._id)

    @classmethod
    def ask(cls, parent: QWidget | None, course: Course | None, other_codes: Sequence[str]) -> Course | None:
        """The course as the clerk filled it in, or None when cancelled."""
        dialog = cls(parent, course, other_codes)
        return dialog.answer() if dialog.run() else None


@dataclass(frozen=True, slots=True)
class ClassAnswer:
    """A class as filled in, with its seminar names."""

    training_class: TrainingClass
    seminars: tuple[str, ...]


class ClassDialog(FormDialog):
    """Add or edit a class (an offering of a course), with its seminars."""

    def __init__(self, parent: QWidget | None, training_class: TrainingClass | None, courses: Sequence[Course],
                 seminars: Sequence[str] = ()) -> None:
        super().__init__(parent, "Edit class" if training_class and training_class.id else "Add class")
        self._id = training_class.id if training_class else None
        self._version = training_class.version if training_class else 0
        self._courses = list(courses)
        form = QFormLayout()
        self.course = QComboBox()
        for c in self._courses:
            self.course.addItem(f"{c.code} — {c.title}", c.id)
        if training_class is not None:
            self.course.setCurrentIndex(max(0, self.course.findData(training_class.course_id)))
        self.designator = QLineEdit(training_class.designator if training_class else "")
        self.designator.setPlaceholderText("e.g. ACSC AY2027 or SOS 27C")
        start = training_class.start_date if training_class else None
        end = training_class.end_date if training_class else None
        self.start = date_edit(start)
        self.end = date_edit(end or (start or dt.date.today()) + dt.timedelta(weeks=6))
        self.capacity = QSpinBox()
        self.capacity.setRange(-1, 10_000)
        self.capacity.setSpecialValueText("No limit")
        self.capacity.setValue(training_class.capacity if training_class and training_class.capacity is not None
                               else -1)
        self.capacity.setSuffix(" seats")
        self.minimum = QSpinBox()
        self.minimum.setObjectName("classMinimum")
        self.minimum.setRange(-1, 10_000)
        self.minimum.setSpecialValueText("No minimum")
        self.minimum.setValue(training_class.minimum_seats if training_class and training_class.minimum_seats
                              is not None else -1)
        self.minimum.setSuffix(" students")
        self.minimum.setToolTip("Internationals the class needs to run; the Overview shows a class below it in red")
        self.location = QLineEdit(training_class.location if training_class else "Maxwell AFB, Alabama")
        self.seminars = QPlainTextEdit("\n".join(seminars))
        self.seminars.setPlaceholderText("One seminar per line, e.g. Seminar 01")
        self.seminars.setMaximumHeight(120)
        self.make_seminars = QSpinBox()
        self.make_seminars.setRange(0, 40)
        self.make_seminars.setPrefix("Number them 01 to ")
        self.make_seminars.setSpecialValueText("Number them…")
        self.make_seminars.valueChanged.connect(self._numbered_seminars)
        form.addRow("Course", self.course)
        form.addRow("Designator", self.designator)
        form.addRow("Starts", self.start)
        form.addRow("Ends", self.end)
        form.addRow("Seats for internationals", self.capacity)
        form.addRow("Minimum to run", self.minimum)
        form.addRow("Location", self.location)
        form.addRow("Seminars", self.seminars)
        form.addRow("", self.make_seminars)
        self.body.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #B3261E")
        self.body.addWidget(self.problem)
        self.designator.textChanged.connect(self.update_ok)
        self.start.dateChanged.connect(self.update_ok)
        self.end.dateChanged.connect(self.update_ok)
        self.course.currentIndexChanged.connect(self._course_changed)
        self.finish()

    def _course_changed(self, _index: int) -> None:
        course = self._courses[self.course.currentIndex()] if self._courses else None
        if course is not None and course.length_weeks and self._id is None:
            self.end.setDate(self.start.date().addDays(7 * course.length_weeks - 3))
        self.update_ok()

    def _numbered_seminars(self, n: int) -> None:
        if n:
            self.seminars.setPlainText("\n".join(f"Seminar {i:02d}" for i in range(1, n + 1)))

    def is_complete(self) -> bool:
        late = self.end.date() < self.start.date()
        self.problem.setText("The class ends before it starts." if late else "")
        return bool(self.designator.text().strip()) and not late and self.course.count() > 0

    def answer(self) -> ClassAnswer:
        capacity, minimum = self.capacity.value(), self.minimum.value()
        training_class = TrainingClass(
            course_id=int(self.course.currentData()), designator=self.designator.text().strip(),
            start_date=from_qdate(self.start.date()), end_date=from_qdate(self.end.date()),
            capacity=None if capacity < 0 else capacity, location=self.location.text().strip(), id=self._id,
            minimum_seats=None if minimum < 0 else minimum, version=self._version)
        names = tuple(n.strip() for n in self.seminars.toPlainText().splitlines() if n.strip())
        return ClassAnswer(training_class, names)

    @classmethod
    def ask(cls, parent: QWidget | None, training_class: TrainingClass | None, courses: Sequence[Course],
            seminars: Sequence[str] = ()) -> ClassAnswer | None:
        """The class as filled in, or None when cancelled."""
        dialog = cls(parent, training_class, courses, seminars)
        return dialog.answer() if dialog.run() else None


# --- placement ----------------------------------------------------------------------------------------------

class OverrideDialog(FormDialog):
    """Waive the rules the school may waive, with a reason (recorded with the clerk's name and the time)."""

    def __init__(self, parent: QWidget | None, students: Sequence[str], reasons: Sequence[str]) -> None:
        super().__init__(parent, "Override the school's rules")
        who = students[0] if len(students) == 1 else f"{len(students)} students"
        intro = QLabel(f"<b>{_html(who)}</b> may be placed only if the school waives:")
        intro.setWordWrap(True)
        listed = QLabel("<ul>" + "".join(f"<li>{_html(r)}</li>" for r in reasons) + "</ul>")
        listed.setWordWrap(True)
        listed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Why the school waives it, and on whose authority "
                                       "(e.g. \"ECL 78 accepted by the Commandant, memo of 12 May\")")
        self.reason.setMaximumHeight(90)
        note = QLabel("The reason is kept on the enrollment with your user name and the time.")
        note.setStyleSheet("color: #6B6B6B")
        self.body.addWidget(intro)
        self.body.addWidget(listed)
        self.body.addWidget(QLabel("Reason for the override:"))
        self.body.addWidget(self.reason)
        self.body.addWidget(note)
        self.reason.textChanged.connect(self.update_ok)
        self.setMinimumWidth(520)
        self.finish()
        self.ok_button.setText("Override and place")

    def is_complete(self) -> bool:
        return bool(self.reason.toPlainText().strip())

    def answer(self) -> str:
        return self.reason.toPlainText().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, students: Sequence[str], reasons: Sequence[str]) -> str | None:
        """The override reason, or None when the clerk does not override."""
        dialog = cls(parent, students, reasons)
        return dialog.answer() if dialog.run() else None


def _html(text: str) -> str:
    from html import escape

    return escape(text)


class ClassChoiceDialog(FormDialog):
    """Choose a class (to move students to)."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, classes: Sequence[ClassRow],
                 exclude_id: int | None = None) -> None:
        super().__init__(parent, title)
        self.classes = QComboBox()
        for c in classes:
            if c.id == exclude_id:
                continue
            seats = "no limit" if c.capacity is None else f"{c.enrolled} of {c.capacity} seats"
            self.classes.addItem(f"{c.designator} ({c.course_code}, {seats})", c.id)
        self.body.addWidget(QLabel(prompt))
        self.body.addWidget(self.classes)
        self.setMinimumWidth(420)
        self.finish()

    def is_complete(self) -> bool:
        return self.classes.count() > 0

    def answer(self) -> int:
        return int(self.classes.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, classes: Sequence[ClassRow],
            exclude_id: int | None = None) -> int | None:
        """The chosen class's id, or None."""
        dialog = cls(parent, title, prompt, classes, exclude_id)
        return dialog.answer() if dialog.run() else None


@dataclass(frozen=True, slots=True)
class SeminarChoice:
    """The seminar chosen (None: no seminar)."""

    seminar_id: int | None


class SeminarDialog(FormDialog):
    """Put students in one of the class's seminars."""

    def __init__(self, parent: QWidget | None, students: Sequence[str], seminars: Sequence[Seminar],
                 current: int | None = None) -> None:
        super().__init__(parent, "Seminar")
        who = students[0] if len(students) == 1 else f"{len(students)} students"
        self.body.addWidget(QLabel(f"Seminar for {who}:"))
        self.seminars = QComboBox()
        self.seminars.addItem("No seminar", None)
        for s in seminars:
            self.seminars.addItem(f"{s.name} ({s.students} students)", s.id)
        self.seminars.setCurrentIndex(max(0, self.seminars.findData(current)))
        self.body.addWidget(self.seminars)
        self.finish()

    def answer(self) -> SeminarChoice:
        data = self.seminars.currentData()
        return SeminarChoice(None if data is None else int(data))

    @classmethod
    def ask(cls, parent: QWidget | None, students: Sequence[str], seminars: Sequence[Seminar],
            current: int | None = None) -> SeminarChoice | None:
        """The seminar chosen, or None when cancelled."""
        dialog = cls(parent, students, seminars, current)
        return dialog.answer() if dialog.run() else None


# --- outcomes -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class OutcomeAnswer:
    """How an enrollment ended, as recorded by the clerk."""

    status: str
    outcome_date: dt.date | None
    distinction: str = ""
    note: str = ""
    update_student_status: bool = True


class OutcomeDialog(FormDialog):
    """Record how one student's enrollment ended: completed, withdrawn, eliminated (or back to enrolled)."""

    STATUSES = (EnrollmentStatus.COMPLETED, EnrollmentStatus.WITHDRAWN, EnrollmentStatus.ELIMINATED,
                EnrollmentStatus.ENROLLED)

    def __init__(self, parent: QWidget | None, entry: RosterEntry, default_date: dt.date) -> None:
        super().__init__(parent, "Record outcome")
        self.body.addWidget(QLabel(f"<b>{_html(entry.legal_name)}</b>"))
        form = QFormLayout()
        self.status = QComboBox()
        for s in self.STATUSES:
            self.status.addItem("Enrolled (undo the outcome)" if s == EnrollmentStatus.ENROLLED else s.value, s.value)
        current = entry.status if entry.status in self.STATUSES[:3] else EnrollmentStatus.COMPLETED
        self.status.setCurrentIndex(self.STATUSES.index(current))
        existing = dt.date.fromisoformat(entry.outcome_date) if entry.outcome_date else None
        self.date = date_edit(existing or default_date)
        self.distinction = QComboBox()
        self.distinction.setEditable(True)
        self.distinction.addItems(["", *DISTINCTIONS])
        self.distinction.setCurrentText(entry.distinction)
        self.note = QLineEdit(entry.note)
        self.note.setPlaceholderText("e.g. withdrawn at his government's request")
        self.follow = QCheckBox("Also change the student's status")
        self.follow.setChecked(True)
        self.follow.setToolTip("Withdrawn or eliminated: the student's status becomes the same. Completed: the "
                               "student becomes Graduated unless another class is still ahead.")
        form.addRow("Outcome", self.status)
        form.addRow("Date", self.date)
        form.addRow("Distinction", self.distinction)
        form.addRow("Note", self.note)
        form.addRow("", self.follow)
        self.body.addLayout(form)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        self.setMinimumWidth(440)
        self.finish()

    def _status_changed(self, *_args: object) -> None:
        status = self.status.currentData()
        self.distinction.setEnabled(status == EnrollmentStatus.COMPLETED)
        self.date.setEnabled(status != EnrollmentStatus.ENROLLED)
        self.follow.setEnabled(status != EnrollmentStatus.ENROLLED)

    def answer(self) -> OutcomeAnswer:
        status = str(self.status.currentData())
        return OutcomeAnswer(status, None if status == EnrollmentStatus.ENROLLED else from_qdate(self.date.date()),
                             self.distinction.currentText().strip() if status == EnrollmentStatus.COMPLETED else "",
                             self.note.text().strip(), self.follow.isChecked() and status != EnrollmentStatus.ENROLLED)

    @classmethod
    def ask(cls, parent: QWidget | None, entry: RosterEntry, default_date: dt.date) -> OutcomeAnswer | None:
        """The outcome recorded, or None when cancelled."""
        dialog = cls(parent, entry, default_date)
        return dialog.answer() if dialog.run() else None


@dataclass(frozen=True, slots=True)
class GraduateAnswer:
    """Graduating a class: the date, who is left out, and the distinctions."""

    graduation_date: dt.date
    exceptions: tuple[int, ...]  # enrollment ids not graduated now
    distinctions: dict[int, str]


class GraduateClassDialog(FormDialog):
    """Graduate the whole class in one step, unticking the exceptions and naming the distinctions."""

    GRADUATES, NAME, COUNTRY, DISTINCTION = range(4)

    def __init__(self, parent: QWidget | None, designator: str, entries: Sequence[RosterEntry],
                 default_date: dt.date) -> None:
        super().__init__(parent, f"Graduate {designator}")
        self._ids = [e.enrollment_id for e in entries]
        top = QGridLayout()
        top.addWidget(QLabel("Graduation date"), 0, 0)
        self.date = date_edit(default_date)
        top.addWidget(self.date, 0, 1)
        top.setColumnStretch(2, 1)
        self.body.addLayout(top)
        hint = QLabel("Every enrolled student below completes the class on that date. Untick the exceptions "
                      "(they stay enrolled, to record their own outcome) and type any distinction.")
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.table = QTableWidget(len(entries), 4)
        self.table.setHorizontalHeaderLabels(["Graduates", "Legal name", "Country", "Distinction"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row, e in enumerate(entries):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, self.GRADUATES, check)
            for column, text in ((self.NAME, e.legal_name), (self.COUNTRY, e.country_name)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
            self.table.setItem(row, self.DISTINCTION, QTableWidgetItem(e.distinction))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(self.DISTINCTION, 200)
        self.body.addWidget(self.table)
        self.count = QLabel()
        self.body.addWidget(self.count)
        self.table.itemChanged.connect(self._count)
        self.resize(640, 520)
        self.finish()
        self._count()

    def set_graduates(self, enrollment_id: int, graduates: bool) -> None:
        """Tick or untick one student."""
        row = self._ids.index(enrollment_id)
        self.table.item(row, self.GRADUATES).setCheckState(
            Qt.CheckState.Checked if graduates else Qt.CheckState.Unchecked)

    def set_distinction(self, enrollment_id: int, distinction: str) -> None:
        """Type a student's distinction."""
        self.table.item(self._ids.index(enrollment_id), self.DISTINCTION).setText(distinction)

    def _count(self, *_args: object) -> None:
        n = sum(1 for r in range(self.table.rowCount())
                if self.table.item(r, self.GRADUATES).checkState() == Qt.CheckState.Checked)
        self.count.setText(f"{n} of {self.table.rowCount()} students graduate.")
        self.ok_button.setText(f"Graduate {n}")

    def answer(self) -> GraduateAnswer:
        exceptions, distinctions = [], {}
        for row, enrollment_id in enumerate(self._ids):
            if self.table.item(row, self.GRADUATES).checkState() != Qt.CheckState.Checked:
                exceptions.append(enrollment_id)
            text = self.table.item(row, self.DISTINCTION).text().strip()
            if text:
                distinctions[enrollment_id] = text
        return GraduateAnswer(from_qdate(self.date.date()), tuple(exceptions), distinctions)

    @classmethod
    def ask(cls, parent: QWidget | None, designator: str, entries: Sequence[RosterEntry],
            default_date: dt.date) -> GraduateAnswer | None:
        """The graduation as the clerk set it, or None when cancelled."""
        dialog = cls(parent, designator, entries, default_date)
        return dialog.answer() if dialog.run() else None


class NoteDialog(FormDialog):
    """One line of text (a note, an excuse), optional or required."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, text: str = "",
                 required: bool = False) -> None:
        super().__init__(parent, title)
        self._required = required
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.text = QLineEdit(text)
        self.body.addWidget(label)
        self.body.addWidget(self.text)
        self.text.textChanged.connect(self.update_ok)
        self.setMinimumWidth(420)
        self.finish()

    def is_complete(self) -> bool:
        return bool(self.text.text().strip()) or not self._required

    def answer(self) -> str:
        return self.text.text().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, text: str = "", required: bool = False) -> str | None:
        """The text typed, or None when cancelled."""
        dialog = cls(parent, title, prompt, text, required)
        return dialog.answer() if dialog.run() else None


# --- field studies and the reporting clock ------------------------------------------------------------------

class FspEventDialog(FormDialog):
    """Add or edit an FSP event: date, title, place, and which of the 11 topics it covers."""

    def __init__(self, parent: QWidget | None, event: FspEvent | None, topics: Sequence[str]) -> None:
        super().__init__(parent, "Edit FSP event" if event and event.id else "Add FSP event")
        self._id = event.id if event else None
        form = QFormLayout()
        self.date = date_edit(event.event_date if event else None)
        self.title = QLineEdit(event.title if event else "")
        self.title.setPlaceholderText("e.g. Alabama Supreme Court")
        self.title.setMinimumWidth(360)
        self.place = QLineEdit(event.place if event else "")
        self.place.setPlaceholderText("e.g. Montgomery, Alabama")
        form.addRow("Date", self.date)
        form.addRow("Event", self.title)
        form.addRow("Place", self.place)
        self.body.addLayout(form)
        box = QGroupBox("Topics covered")
        grid = QGridLayout(box)
        chosen = set(event.topics) if event else set()
        self.topics: list[QCheckBox] = []
        for n, topic in enumerate(topics):
            check = QCheckBox(topic)
            check.setChecked(topic in chosen)
            grid.addWidget(check, n % 6, n // 6)
            self.topics.append(check)
        self.body.addWidget(box)
        self.title.textChanged.connect(self.update_ok)
        self.finish()

    def is_complete(self) -> bool:
        return bool(self.title.text().strip())

    def answer(self) -> FspEvent:
        from imet_desktop.store.fsp import FspEvent

        return FspEvent(from_qdate(self.date.date()), self.title.text().strip(), self.place.text().strip(),
                        tuple(c.text() for c in self.topics if c.isChecked()), self._id)

    @classmethod
    def ask(cls, parent: QWidget | None, event: FspEvent | None, topics: Sequence[str]) -> FspEvent | None:
        """The event as filled in, or None when cancelled."""
        dialog = cls(parent, event, topics)
        return dialog.answer() if dialog.run() else None


class ReportingRulesDialog(FormDialog):
    """How many working days each report may take, and from when the clock looks at events."""

    def __init__(self, parent: QWidget | None, rules: ReportingRules, today: dt.date) -> None:
        super().__init__(parent, "Reporting clock")
        form = QFormLayout()
        self.days: dict[str, QSpinBox] = {}
        for name, label, value in (("arrival_days", "Arrival report", rules.arrival_days),
                                   ("status_change_days", "Status change report", rules.status_change_days),
                                   ("completion_days", "Completion report", rules.completion_days)):
            spin = QSpinBox()
            spin.setRange(0, 60)
            spin.setSuffix(" working days")
            spin.setValue(value)
            self.days[name] = spin
            form.addRow(label, spin)
        self.since = date_edit(rules.since(today))
        form.addRow("Look at events since", self.since)
        self.body.addLayout(form)
        note = QLabel("Working days skip weekends and US federal holidays (observed dates).")
        note.setStyleSheet("color: #6B6B6B")
        self.body.addWidget(note)
        self.finish()

    def answer(self) -> ReportingRules:
        from imet_desktop.store.reports import ReportingRules

        return ReportingRules(self.days["arrival_days"].value(), self.days["status_change_days"].value(),
                              self.days["completion_days"].value(), from_qdate(self.since.date()))

    @classmethod
    def ask(cls, parent: QWidget | None, rules: ReportingRules, today: dt.date) -> ReportingRules | None:
        """The rules as set, or None when cancelled."""
        dialog = cls(parent, rules, today)
        return dialog.answer() if dialog.run() else None
