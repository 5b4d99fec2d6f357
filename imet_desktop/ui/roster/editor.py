"""The student record editor: every field, grouped as a clerk thinks, checked as the clerk types.

Names are kept exactly as typed (no trimming, no capitals forced). A problem shows under its field
and on its page's tab; Save is enabled only when there is none. Adding a student that matches an
existing record (legal name and date of birth, passport number or WCN) shows that record first.
A status change carries its own date and goes into the history; a photo is scaled and kept until Save.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.domain.countries import all_countries
from imet_desktop.domain.dates import format_date, format_date_time, parse_date
from imet_desktop.domain.records import SEXES, FundingProgram, Student, StudentStatus
from imet_desktop.domain.validation import (
    STUDENT_FIELD_GROUPS,
    STUDENT_FIELD_LABELS,
    UNKNOWN_COUNTRY,
    validate_student,
)
from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.common.country_field import CountryCompleter, country_code_of, country_text, office_countries
from imet_desktop.ui.common.dates import DateEdit
from imet_desktop.ui.common.dialog_base import Dialog
from imet_desktop.ui.common.tables import fill_table, table_widget
from imet_desktop.ui.roster.dialogs import DuplicateDialog, StatusDialog
from imet_desktop.ui.roster.photos import PHOTO_FILTER, PhotoImageError, scale_photo

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.store.students import NewStatus, PhotoChange

DATE_FIELDS = frozenset({"date_of_birth", "passport_expiry", "arrival_date", "departure_date"})
PAGES = (*STUDENT_FIELD_GROUPS, "Photo")
_LABEL_TO_FIELD = {label: name for name, label in STUDENT_FIELD_LABELS.items()}
PROBLEM_STYLE = "color: #b00020;"
HINT_STYLE = "color: #555;"
PLACEHOLDERS = {
    "legal_family_name": "as on the passport, e.g. NGUYỄN or AL-SABAH",
    "legal_given_names": "as on the passport",
    "display_name": "how the student is addressed",
    "native_name": "in the student's own script",
    "ecl_score": "0 to 100",
    "country_code": "start typing: viet, türk, korea, KR…",
    "wcn": "from the ITO",
    "email": "name@example.org",
}


@dataclass(frozen=True, slots=True)
class EditorOutcome:
    """What the editor ended with: a saved student's id, or the existing record the clerk chose to open."""

    saved_id: int | None = None
    open_id: int | None = None


class _Field:
    """One field: its widget, and the problem shown under it."""

    def __init__(self, key: str, widget: QWidget) -> None:
        self.key = key
        self.widget = widget
        self.problem = QLabel()
        self.problem.setObjectName(f"problem_{key}")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)

    def text(self) -> str:
        w = self.widget
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            data = w.currentData()
            return str(data) if data is not None else w.currentText()
        return ""

    def set_text(self, value: str) -> None:
        w = self.widget
        if isinstance(w, QLineEdit):
            w.setText(value)
            w.setCursorPosition(0)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(value)
        elif isinstance(w, QComboBox):
            index = w.findData(value)
            w.setCurrentIndex(index if index >= 0 else 0)

    def show_problem(self, message: str) -> None:
        self.problem.setText(message[:1].upper() + message[1:] if message else "")
        self.problem.setVisible(bool(message))
        self.widget.setToolTip(self.problem.text())
        self.widget.setProperty("problem", bool(message))
        self.widget.setStyleSheet("border: 1px solid #b00020;" if message and not isinstance(
            self.widget, QComboBox) else "")


class StudentEditor(Dialog):
    """Add or edit one student."""


    def __init__(self, db: Database, student_id: int | None = None, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        from imet_desktop.store.students import get_student

        self.db = db
        self.today = today or dt.date.today()
        self.original = get_student(db, student_id) if student_id is not None else Student(legal_family_name="")
        super().__init__(parent, "New student" if student_id is None else f"Student: {self.original.legal_name}")
        self.pending_status: NewStatus | None = None
        self.pending_photo: PhotoChange | None = None
        self.outcome: EditorOutcome | None = None
        self.fields: dict[str, _Field] = {}
        self.problems: dict[str, str] = {}
        # On a new record a field says what is wrong once the clerk has been there (or tried to save);
        # until then only the line beside Save does: a blank form is not a list of errors.
        self._touched: set[str] = set()
        self._save_tried = False

        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("editorPages")
        self.tabs.setUsesScrollButtons(False)
        layout.addWidget(self.tabs, 1)
        self._page_of: dict[str, int] = {}
        for group, fields in STUDENT_FIELD_GROUPS.items():
            self.tabs.addTab(self._group_page(group, fields), group)
        self.tabs.addTab(self._photo_page(), "Photo")
        self.summary = QLabel()
        self.summary.setObjectName("editorSummary")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveStudent")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self._load(self.original)
        self._initial = self._snapshot()
        for f in self.fields.values():
            signal = getattr(f.widget, "textChanged", None) or getattr(f.widget, "currentIndexChanged", None)
            if signal is not None:
                signal.connect(lambda *_args, key=f.key: self._edited(key))
        self.check()
        if self.size().width() < 820:
            self.resize(820, 640)

    # --- building the pages ------------------------------------------------------------------------------
    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.header_photo = QLabel()
        self.header_photo.setFixedSize(QSize(48, 64))
        self.header_photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header_photo.setStyleSheet("border: 1px solid #ccc; background: #f4f4f4; color: #888;")
        self.header_name = QLabel()
        self.header_name.setObjectName("editorName")
        self.header_name.setTextFormat(Qt.TextFormat.PlainText)
        font = self.header_name.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.header_name.setFont(font)
        self.header_facts = QLabel()
        self.header_facts.setObjectName("editorFacts")
        self.header_facts.setStyleSheet(HINT_STYLE)
        text = QVBoxLayout()
        text.addWidget(self.header_name)
        text.addWidget(self.header_facts)
        text.addStretch(1)
        row.addWidget(self.header_photo)
        row.addLayout(text, 1)
        return row

    def _widget_for(self, key: str) -> QWidget:
        if key == "sex":
            box = QComboBox()
            for code, label in (("", "Not recorded"), ("M", "Male"), ("F", "Female")):
                box.addItem(label, code)
            assert set(SEXES) == {"", "M", "F"}
            return box
        if key == "funding_program":
            box = QComboBox()
            box.addItem("Not recorded", "")
            for program in FundingProgram:
                box.addItem(program.value, program.value)
            return box
        if key == "status":
            box = QComboBox()
            for status in StudentStatus:
                box.addItem(status.value, status.value)
            return box
        if key == "notes":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            return edit
        line = DateEdit() if key in DATE_FIELDS else QLineEdit()  # a date field shows no example date
        if key in PLACEHOLDERS:
            line.setPlaceholderText(PLACEHOLDERS[key])
        if key == "country_code":
            line.setCompleter(CountryCompleter(line))
        if key == "ecl_score":
            line.setMaximumWidth(90)
        return line

    def _group_page(self, group: str, fields: dict[str, str]) -> QWidget:
        page = QWidget()
        page.setObjectName(f"page_{group}")
        outer = QVBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(form)
        for key, label in fields.items():
            self._page_of[key] = self.tabs.count()
            widget = self._widget_for(key)
            widget.setObjectName(f"field_{key}")
            field = _Field(key, widget)
            self.fields[key] = field
            cell = QVBoxLayout()
            cell.setSpacing(1)
            if key == "status" and self.original.id is not None:
                cell.addLayout(self._status_row(widget))
            elif key == "country_code":
                row = QHBoxLayout()
                row.addWidget(widget, 1)
                self.country_hint = QLabel()
                self.country_hint.setObjectName("countryHint")
                self.country_hint.setStyleSheet(HINT_STYLE)
                row.addWidget(self.country_hint)
                cell.addLayout(row)
            else:
                cell.addWidget(widget)
            cell.addWidget(field.problem)
            form.addRow(label, cell)
        if group == "Orders" and self.original.id is not None:
            outer.addWidget(QLabel("Status history"))
            self.history = table_widget(["Effective", "Status", "Note", "Recorded"], "statusHistory")
            self.history.setMinimumHeight(110)
            outer.addWidget(self.history, 1)
        elif group == "Training" and self.original.id is not None:
            outer.addWidget(QLabel("Classes"))
            self.classes = table_widget(["Class", "Course", "Placement", "Starts", "Ends"], "studentClasses")
            outer.addWidget(self.classes, 1)
        elif group != "Notes":
            outer.addStretch(1)
        if len(fields) > 7:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            return scroll
        return page

    def _status_row(self, box: QWidget) -> QHBoxLayout:
        box.setVisible(False)  # an existing student's status changes only with a date, through the button
        row = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setObjectName("currentStatus")
        self.status_button = QPushButton("Change status…")
        self.status_button.setObjectName("changeStatus")
        self.status_button.clicked.connect(self.change_status)
        row.addWidget(box)
        row.addWidget(self.status_label, 1)
        row.addWidget(self.status_button)
        return row

    def _photo_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("page_Photo")
        layout = QHBoxLayout(page)
        self.photo_label = QLabel("No photo")
        self.photo_label.setObjectName("photoPreview")
        self.photo_label.setFixedSize(QSize(240, 320))
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px solid #ccc; background: #f4f4f4; color: #888;")
        layout.addWidget(self.photo_label, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        note = QLabel("A JPEG or PNG, ideally a passport-style portrait. It is scaled to fit 600 × 800 pixels and "
                      "stored in the database when you save.")
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        self.choose_photo_button = QPushButton("Choose a photo…")
        self.choose_photo_button.setObjectName("choosePhoto")
        self.remove_photo_button = QPushButton("Remove the photo")
        self.remove_photo_button.setObjectName("removePhoto")
        self.photo_problem = QLabel()
        self.photo_problem.setObjectName("photoProblem")
        self.photo_problem.setStyleSheet(PROBLEM_STYLE)
        self.photo_problem.setWordWrap(True)
        side.addWidget(note)
        side.addWidget(self.choose_photo_button)
        side.addWidget(self.remove_photo_button)
        side.addWidget(self.photo_problem)
        side.addStretch(1)
        layout.addLayout(side, 1)
        self.choose_photo_button.clicked.connect(self.choose_photo)
        self.remove_photo_button.clicked.connect(self.remove_photo)
        return page

    # --- reading and writing the form -----------------------------------------------------------------------
    def _load(self, student: Student) -> None:
        from imet_desktop.store import photos
        from imet_desktop.store.students import status_history, student_classes

        for key, field in self.fields.items():
            value = getattr(student, key)
            if key in DATE_FIELDS:
                text = format_date(value) if value else ""
            elif key == "ecl_score":
                text = "" if value is None else str(value)
            elif key == "country_code":
                text = country_text(value) if value else ""
            else:
                text = value or ""
            field.set_text(text)
        self._photo_bytes: bytes | None = None
        if student.id is not None:
            photo = photos.get_photo(self.db, student.id)
            self._photo_bytes = photo.image if photo is not None else None
            self._show_status()
            fill_table(self.history, [(format_date(h.effective_date), h.status, h.note,
                                       f"{format_date_time(h.recorded_at)} {h.recorded_by}".strip())
                                      for h in reversed(status_history(self.db, student.id))])
            fill_table(self.classes, [(c.designator, f"{c.course_code} — {c.course_title}", c.status,
                                       _iso_text(c.start_date), _iso_text(c.end_date))
                                      for c in student_classes(self.db, student.id)])
        self._show_photo()

    def _snapshot(self) -> dict[str, str]:
        return {key: f.text() for key, f in self.fields.items()}

    @property
    def dirty(self) -> bool:
        """True when anything was changed since the editor opened."""
        return (self._snapshot() != self._initial or self.pending_status is not None
                or self.pending_photo is not None)

    def form_student(self) -> tuple[Student, dict[str, str]]:
        """The student as the form says, and the problems found reading it (field key -> message)."""
        values: dict[str, object] = {}
        problems: dict[str, str] = {}
        for key, field in self.fields.items():
            text = field.text()
            if key in DATE_FIELDS:
                values[key] = None
                if text.strip():
                    try:
                        values[key] = parse_date(text.strip())
                    except ValueError as e:
                        problems[key] = str(e)
            elif key == "ecl_score":
                values[key] = None
                if text.strip():
                    if re.fullmatch(r"\s*\d{1,3}\s*", text):
                        values[key] = int(text)
                    else:
                        problems[key] = f"'{text.strip()}' must be a whole number from 0 to 100"
            elif key == "country_code":
                code = country_code_of(text)
                values[key] = code or ""
                if code is None:
                    problems[key] = f"'{text.strip()}' is not a country the program knows; pick one from the list"
            elif key == "status" and self.original.id is not None:
                values[key] = self.original.status
            else:
                values[key] = text
        return replace(self.original, **values), problems  # type: ignore[arg-type]

    def _edited(self, key: str) -> None:
        self._touched.add(key)
        self.check()

    def check(self) -> None:
        """Check the form as it stands: show each problem under its field and on its tab; enable Save if none."""
        student, problems = self.form_student()
        for p in validate_student(student, self.today):
            if p.message == UNKNOWN_COUNTRY and any(c.code == p.value for c in office_countries()):
                continue  # a country the office added by hand (Settings ▸ Countries)
            key = _LABEL_TO_FIELD.get(p.field)
            if key is not None and key not in problems:
                shown = "" if p.value is None or p.value == "" or key == "legal_family_name" else f"{p.value} "
                problems[key] = f"{shown}{p.message}".strip()
        self.problems = problems
        shown = {k: m for k, m in problems.items()
                 if self.original.id is not None or self._save_tried or k in self._touched}
        for key, field in self.fields.items():
            field.show_problem(shown.get(key, ""))
        for index, group in enumerate(PAGES):
            count = sum(1 for key in shown if self._page_of.get(key) == index)
            self.tabs.setTabText(index, f"{group} ⚠" if count else group)
        self.save_button.setEnabled(not problems)
        if problems and not shown:
            self.summary.setText("Type at least the legal family name (as on the passport) to save.")
            self.summary.setStyleSheet(HINT_STYLE)
        elif problems:
            listed = "; ".join(f"{STUDENT_FIELD_LABELS[k]}: {m}" for k, m in problems.items())
            self.summary.setText(f"{len(problems)} to correct before saving — {listed}")
            self.summary.setStyleSheet(PROBLEM_STYLE)
        else:
            self.summary.setText("Ready to save." if self.dirty else "")
            self.summary.setStyleSheet(HINT_STYLE)
        self._show_header(student)
        if hasattr(self, "country_hint"):
            code = country_code_of(self.fields["country_code"].text())
            country = next((c for c in all_countries() if c.code == code), None) if code else None
            self.country_hint.setText(country.region_name if country is not None else "")

    def _show_header(self, student: Student) -> None:
        self.header_name.setText(student.legal_name.strip(", ") or "New student")
        facts = [f"Record #{student.id}" if student.id is not None else "Not saved yet"]
        if student.native_name:
            facts.append(student.native_name)
        if self.original.archived_at:
            facts.append("archived")
        facts.append(self.pending_status.status if self.pending_status else student.status)
        self.header_facts.setText("  ·  ".join(facts))

    def _show_status(self) -> None:
        if not hasattr(self, "status_label"):
            return
        if self.pending_status is not None:
            s = self.pending_status
            self.status_label.setText(f"{self.original.status} → <b>{s.status}</b> on {format_date(s.effective_date)}"
                                      " (recorded when you save)")
        else:
            self.status_label.setText(self.original.status)

    def _show_photo(self) -> None:
        data = self._photo_bytes
        if self.pending_photo is not None:
            data = None if self.pending_photo.removes else self.pending_photo.image
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.photo_label.setPixmap(pixmap.scaled(self.photo_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                     Qt.TransformationMode.SmoothTransformation))
            self.header_photo.setPixmap(pixmap.scaled(self.header_photo.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText("No photo")
            self.header_photo.setPixmap(QPixmap())
            self.header_photo.setText("no\nphoto")
        self.remove_photo_button.setEnabled(bool(data))

    # --- the clerk's actions ----------------------------------------------------------------------------------
    def change_status(self) -> None:
        """Ask for the new status and its date; recorded on Save."""
        change = StatusDialog.ask(self, current=self.original.status, who=self.original.legal_name)
        if change is not None:
            self.pending_status = change
            self._show_status()
            self.check()

    def choose_photo(self) -> None:
        """Pick a JPEG or PNG; it is scaled now and stored on Save."""
        path = common_dialogs.choose_open_file(self, "Choose a photo", "", PHOTO_FILTER)
        if path is None:
            return
        try:
            self.pending_photo = scale_photo(path.read_bytes())
        except OSError as e:
            self.photo_problem.setText(f"{path.name} cannot be read: {e.strerror or e}")
            return
        except PhotoImageError as e:
            self.photo_problem.setText(f"{path.name} {e}")
            return
        self.photo_problem.setText("")
        self._show_photo()
        self.check()

    def remove_photo(self) -> None:
        """Remove the photo (on Save)."""
        from imet_desktop.store.students import PhotoChange

        self.pending_photo = PhotoChange()
        self._show_photo()
        self.check()

    def save(self) -> None:
        """Check, look for duplicates of a new student, then save everything as one change."""
        from imet_desktop.store.duplicates import possible_duplicates
        from imet_desktop.store.students import save_student
        from imet_desktop.ui.records.stale import save_checked

        self._save_tried = True
        self.check()
        if self.problems:
            return
        student, _ = self.form_student()
        duplicates = possible_duplicates(self.db, student) if student.id is None else []
        reason = ""
        if duplicates:
            decision = DuplicateDialog.ask(self, duplicates, student.legal_name)
            if decision is None:
                return
            if decision.open_id is not None:
                self.outcome = EditorOutcome(open_id=decision.open_id)
                super().accept()
                return
            reason = decision.reason
        saved = save_checked(
            self, lambda version: save_student(self.db, replace(student, version=version), status=self.pending_status,
                                               photo=self.pending_photo, duplicate_reason=reason,
                                               duplicates=duplicates, today=self.today),
            student.version, title="The student was not saved", doing="saving the student")
        if saved is None:
            return
        if saved == "reload":  # the roster opens the student again, as it is now
            self.outcome = EditorOutcome(open_id=student.id)
            super().accept()
            return
        self.outcome = EditorOutcome(saved_id=saved)
        super().accept()

    def accept(self) -> None:
        self.save()

    def reject(self) -> None:
        if self.dirty and not common_dialogs.ask_yes_no(self, "Discard the changes?",
                                                        "The changes to this student have not been saved. "
                                                        "Close and lose them?"):
            return
        super().reject()

    def page_index(self, group: str) -> int:
        """The tab index of a page ("Identity", …, "Photo")."""
        return PAGES.index(group)

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, student_id: int | None = None) -> EditorOutcome | None:
        """Add (student_id None) or edit a student; None when closed without saving."""
        dialog = cls(db, student_id, parent)
        return dialog.outcome if dialog.run() else None


def _iso_text(text: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(text)) if text else ""
    except ValueError:
        return text

