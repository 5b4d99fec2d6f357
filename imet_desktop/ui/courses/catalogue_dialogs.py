"""The catalogue's dialogs: a course, a class and its seminars.

Each opens only through its ``ask(...)`` class method; tests replace ``ask`` (monkeypatch) so the
clerk's answer becomes a return value, or build the dialog, fill it in and read ``answer()`` without
showing it. Each lays out its own fields in ``body`` (the form dialog's ``form`` stays empty) and
enables OK while ``is_complete()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from imet_desktop.domain.records import Course, TrainingClass
from imet_desktop.ui.common.accessibility import describe
from imet_desktop.ui.common.dialog_base import FormDialog
from imet_desktop.ui.common.fields import date_edit, from_qdate

if TYPE_CHECKING:
    pass

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
        self.prerequisites.setAccessibleDescription("Tick the courses a student must have completed first")
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
        describe(self.make_seminars, "Number the seminars",
                 "Fills the seminars above with Seminar 01 to the number chosen")
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


