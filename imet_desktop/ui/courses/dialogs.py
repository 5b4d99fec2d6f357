"""The assignment view's dialogs: an override, another class, a seminar, an outcome, graduating a class.

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
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from imet_desktop.domain.records import EnrollmentStatus
from imet_desktop.ui.common.dialog_base import FormDialog
from imet_desktop.ui.common.fields import date_edit, from_qdate

if TYPE_CHECKING:
    from imet_desktop.store.class_lists import RosterEntry
    from imet_desktop.store.courses import ClassRow, Seminar

DISTINCTIONS = ("Distinguished Graduate", "Commandant's Award for Research", "Honor Graduate",
                "Top International Graduate")


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
